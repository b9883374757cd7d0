"""``cancu load PATH...``: read documents into the saved graph."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from graphmodel.errors import CancuError, LoadError
from graphmodel.graph import LegalGraph

from ..output import db_option, progress, warn
from ..pipeline import load_paths


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) if any file gives a warning.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def load(paths, db, strict, quiet):
    """Read files and folders (recursively) into the graph at --db.

    Loading an unchanged file again changes nothing; a changed file replaces its
    earlier facts. Files that cannot be read are reported and the rest load.
    Exit 0 when every file loaded, 1 when some failed (or any warning with --strict).

    \b
    Example:
        cancu load examples/
        cancu load plans/ letters/2021/ --db work/graph.json
    """
    for p in paths:
        if not p.exists():
            raise click.ClickException(f"{p}: no such file or folder; check the path")
    graph = LegalGraph.open(db)
    step = max(1, 1)

    def on_progress(i, n, name):
        if not quiet and (n >= 20 and (i % 50 == 0 or i == n) or n < 20):
            click.echo(f"[{i}/{n}] {name}", err=True)

    try:
        report = load_paths(graph, paths, on_progress=on_progress)
    except LoadError as err:
        raise click.ClickException(str(err)) from err
    seen = len(report.loaded) + len(report.unchanged) + len(report.failed)
    if seen == 0:
        raise click.ClickException(
            f"no documents found in {', '.join(map(str, paths))}; cancu reads .txt and .md files"
            + (f" ({len(report.skipped)} other files skipped)" if report.skipped else "")
        )
    if report.loaded or report.replaced:
        graph.save(db)
    for w in report.warnings:
        warn(w)
    s = graph.stats()
    click.echo(
        f"{len(report.loaded)} files loaded ({len(report.replaced)} replaced), {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed, {len(report.skipped)} skipped -> {db}"
    )
    click.echo(
        f"graph: {s['documents']} documents, {s['Instrument']} instruments, {s['Agency']} agencies, "
        f"{s['Task']} tasks, {s['edges']} edges; {len(report.warnings)} warnings"
    )
    if report.failed or (strict and report.warnings):
        sys.exit(1)
