"""``cancu load PATH...``: read documents into the saved graph."""
from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import click

from graphmodel.errors import GraphFileError, LoadError
from graphmodel.graph import LegalGraph

from ..output import db_option, warn
from ..pipeline import LoadReport, update

#: exit codes: every file loaded / some file failed (or any warning under --strict) / interrupted
EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
#: a temp file of an interrupted save older than this is removed by the next load
STALE_TEMP_SECONDS = 300
#: print progress at least this often (seconds) on long loads
PROGRESS_EVERY = 2.0

#: after a load through the journal (which does not read the graph file), a graph file up to this size is
#: read to print the graph's counts (about 200 documents, a tenth of a second); larger ones say `cancu stats`
COUNT_READ_MAX_BYTES = 4_000_000

FORMAT_ORDER = ("txt", "md", "docx", "pdf", "doc", "rtf", "html")


def _stale_temps(db: Path) -> list[Path]:
    """Temp files of saves that never finished (a killed load), old enough not to be another load's."""
    if not db.parent.exists():
        return []
    now = time.time()
    out = []
    # (the journal's temp files, ``.graph.json.journal.*.tmp``, match the first pattern too)
    for pattern, folder in ((f".{db.name}.*.tmp", db.parent), (".*.txt.*.tmp", db.parent / f"{db.stem}.texts")):
        if not folder.exists():
            continue
        for p in folder.glob(pattern):
            try:
                if now - p.stat().st_mtime > STALE_TEMP_SECONDS:
                    out.append(p)
            except OSError:
                continue
    return out


def _small(db: Path) -> bool:
    try:
        return db.stat().st_size <= COUNT_READ_MAX_BYTES
    except OSError:
        return False


def _counts(d: dict) -> str:
    keys = sorted(d, key=lambda k: (FORMAT_ORDER.index(k) if k in FORMAT_ORDER else 99, k))
    return ", ".join(f"{d[k]} {k}" for k in keys)


def _summary(report: LoadReport, db: Path, saved: bool) -> list[str]:
    lines = [
        f"{len(report.loaded)} files loaded ({len(report.replaced)} replaced), {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed, {len(report.skipped)} skipped"
        + (f" -> {db}" if saved else f"; nothing saved, {db} is as it was")
    ]
    if report.by_format:
        lines.append(f"loaded by format: {_counts(report.by_format)}")
    if report.failed_by_format:
        lines.append(f"failed by format: {_counts(report.failed_by_format)}")
    if report.skipped:
        why: dict[str, int] = {}
        for _, r in report.skipped:
            why[r] = why.get(r, 0) + 1
        lines.append("skipped: " + "; ".join(f"{n} {r}" for r, n in sorted(why.items(), key=lambda x: -x[1])))
    return lines


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) if any file gives a warning, and then save nothing.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes that read and parse files (default: every CPU, or CANCU_WORKERS); 1 parses "
                   "here.")
@click.pass_context
def load(ctx, paths, db, strict, quiet, jobs):
    """Read files and folders (recursively) into the graph at --db.

    Reads .txt, .md, .docx, .pdf (with a text layer), .rtf and .doc (through
    antiword, catdoc or LibreOffice), telling the format by the content. Text in
    the old TCVN3 (.VnTime) and VNI fonts is converted to Unicode.

    Loading an unchanged file again changes nothing; a changed file replaces its
    earlier facts. A file that cannot be read gives one warning naming it and the
    reason, and the rest load. The graph is written at the end, atomically: an
    interrupted load (Ctrl-C, kill) leaves the saved graph as it was, and running
    the same command again completes it.

    Files are read and parsed on every CPU (``-j`` to choose how many processes);
    the graph is the same as with ``-j 1``.

    A file with the size and time recorded for it is unchanged and not read. When
    a few files changed, only they are parsed and their changes are appended to a
    journal beside the graph (GRAPH.journal); the graph file itself is neither
    read nor written, and every command reads both. After 64 changed files, or
    when a changed file holds a document another file holds too, the whole graph
    is written again (and the journal emptied).

    Exit 0 when every file loaded, 1 when some failed (or, with --strict, when any
    file gave a warning; nothing is saved then), 130 when interrupted.

    \b
    Example:
        cancu load examples/
        cancu load plans/ letters/2021/ --db work/graph.json --strict
    """
    debug = bool(ctx.find_root().meta.get("cancu.debug"))
    for p in paths:
        if not p.exists():
            raise click.ClickException(f"{p}: no such file or folder; check the path")
    stale = _stale_temps(db)
    for p in stale:
        try:
            p.unlink()
        except OSError:
            pass
    if stale and not quiet:
        click.echo(f"removed {len(stale)} unfinished temp files of an interrupted save", err=True)

    state = {"last": 0.0, "file": None}

    def on_progress(i, n, name):
        state["file"] = name
        now = time.monotonic()
        if quiet:
            return
        if n < 20 or i == 1 or i == n or i % 50 == 0 or now - state["last"] >= PROGRESS_EVERY:
            click.echo(f"[{i}/{n}] {name}", err=True)
            state["last"] = now

    def on_file_done(name, seconds):
        if not quiet and seconds >= PROGRESS_EVERY:
            click.echo(f"        {name}: {seconds:.1f} s", err=True)

    # a polite kill (SIGTERM) stops like Ctrl-C: temp files are cleaned, the saved graph stays as it was
    def on_term(signum, frame):
        raise KeyboardInterrupt

    old_term = signal.signal(signal.SIGTERM, on_term) if hasattr(signal, "SIGTERM") else None
    try:
        try:
            report = update(db, paths, on_progress=on_progress, on_file_done=on_file_done, workers=jobs,
                            strict=strict)
        except LoadError as err:
            raise click.ClickException(str(err)) from err
        except KeyboardInterrupt:  # while the graph was read or written (a stop while parsing is in the report)
            click.echo(f"interrupted; nothing saved, {db} is as it was; run the same command again", err=True)
            sys.exit(EXIT_INTERRUPTED)
    finally:
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    if debug:
        for key, tb in report.tracebacks.items():
            click.echo(f"debug: {key}:\n{tb}", err=True)
    if not quiet:
        for note in report.graph_notes:
            click.echo(f"note: {note}", err=True)
    if report.interrupted:
        click.echo(f"interrupted at {state['file'] or 'the start'}; nothing saved, {db} is as it was; "
                   "run the same command again to complete the load", err=True)
        sys.exit(EXIT_INTERRUPTED)
    seen = len(report.loaded) + len(report.unchanged) + len(report.failed)
    if seen == 0:
        raise click.ClickException(
            f"no documents found in {', '.join(map(str, paths))}; cancu reads .txt, .md, .docx, .pdf, .rtf and .doc"
            + (f" ({len(report.skipped)} other files skipped)" if report.skipped else "")
        )
    refuse = strict and report.warnings
    for w in report.warnings:
        warn(w)
    if not quiet:
        for key, note in report.notes:
            click.echo(f"note: {key}: {note}", err=True)
    for line in _summary(report, db, report.saved or not (report.loaded or report.replaced)):
        click.echo(line)
    graph = report.graph
    if graph is None and _small(db):
        try:  # a small graph reads in a moment: its counts are worth it
            graph = LegalGraph.load(db)
        except GraphFileError:
            graph = None
    if graph is not None:
        s = graph.stats()
        click.echo(
            f"graph: {s['documents']} documents, {s['Instrument']} instruments, {s['Agency']} agencies, "
            f"{s['Task']} tasks, {s['edges']} edges; {len(report.warnings)} warnings"
        )
    else:  # the journal was brought up to date without reading the graph: its counts are not known here
        click.echo(
            f"graph: {report.files_in_graph} files, {report.journal_entries} changed since the last full save "
            f"(counts: cancu stats); {len(report.warnings)} warnings"
        )
    if refuse:
        click.echo(f"--strict: {len(report.warnings)} warnings, so nothing was saved; {db} is as it was", err=True)
        sys.exit(EXIT_FAILED)
    if report.failed:
        sys.exit(EXIT_FAILED)
