"""The load pipeline: files → SourceText → Extraction → graph, file by file.

A file whose content hash is unchanged is not read again; a changed file's
earlier facts are taken out before its new ones go in. A file that cannot be
read (or whose parsing fails) gives one warning naming the file and the reason,
and the rest of the load goes on; a file that is read but with doubts (a page
without text, a line without breaks, code-like strings) loads and gives one
warning too. ``load_paths`` saves nothing: the caller saves (atomically), so an
interrupted load leaves the saved graph as it was.

``update(db, paths)`` is what ``cancu load`` does: the saved graph brought up to
date and saved, through its journal when few files changed (the graph file is
then neither read nor written), else by ``load_paths`` on the whole graph.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import signal
import time
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from graphmodel.build import add_extractions
from graphmodel.errors import GraphFileError, LoadError
from graphmodel.graph import (STAT_FIELDS, LegalGraph, gc_paused, read_journal, snapshot_generation,
                              write_journal, write_texts)
from graphmodel.models import SourceText
from loaders.extract import extract_source, extract_text
from loaders.read import MAX_BYTES, SUFFIXES, iter_files, read_file, warnings_of


@dataclass
class LoadReport:
    """What a load did: counts, and every file it did not take (or took with doubts), with the reason."""

    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    #: files loaded, by format (``txt``, ``md``, ``docx``, ``pdf``, ``doc``, ``rtf``, ``html``)
    by_format: dict = field(default_factory=dict)
    #: files loaded with a doubt: (file, reasons joined by "; ")
    doubts: list[tuple[str, str]] = field(default_factory=list)
    #: notes on how files were read (encoding guessed, legacy font converted): (file, note)
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: files that failed, by the format their name says (``other`` for the rest)
    failed_by_format: dict = field(default_factory=dict)
    #: True when the load stopped early (Ctrl-C); the counts cover the files done
    interrupted: bool = False
    total: int = 0
    seconds: float = 0.0
    #: the tracebacks of unexpected errors (reader or parser bugs), by file, for ``--debug``
    tracebacks: dict = field(default_factory=dict)
    #: ``update`` only: how the saved graph was brought up to date: "journal" (the changed files
    #: appended to the journal), "full" (the whole graph read, loaded into and saved) or ""
    mode: str = ""
    #: ``update`` only: whether anything was written
    saved: bool = False
    #: ``update`` only, full mode: the graph (``None`` after a journal update, which never reads it)
    graph: LegalGraph | None = None
    #: ``update`` only: files waiting in the journal for the next full save, and the files in the graph
    journal_entries: int = 0
    files_in_graph: int = 0
    #: ``update`` only: words about the saved graph (a journal not used, why the full path was taken)
    graph_notes: list = field(default_factory=list)
    #: ``update`` only: seconds of each step (head, scan, parse, write; or snapshot_load, load, save)
    timings: dict = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """One line per file that needs a look: failed, loaded with doubts, or skipped."""
        return ([f"{p}: {r}" for p, r in self.failed] + [f"{p}: {r}" for p, r in self.doubts]
                + [f"{p}: skipped, {r}" for p, r in self.skipped])

    @property
    def ok(self) -> bool:
        """No file failed and the load ran to its end."""
        return not self.failed and not self.interrupted


def _key(path: Path, cwd: str | None = None) -> str:
    """How a file is named in the graph: its path as given, made relative to the cwd when possible."""
    cwd = os.getcwd() if cwd is None else cwd
    absolute = os.path.abspath(path)  # symlinks are not followed: a file keeps the name it was given
    if os.sep == "/" and not absolute.startswith("//") and not cwd.startswith("//"):
        # the same as Path.relative_to on normalised POSIX paths, without building Path objects
        # (10,000 files: 0.35 s -> 0.03 s)
        if absolute == cwd:
            return "."
        prefix = cwd if cwd.endswith("/") else cwd + "/"
        return absolute[len(prefix):] if absolute.startswith(prefix) else absolute
    try:
        return str(Path(absolute).relative_to(Path(cwd)))
    except ValueError:
        return str(Path(absolute))


def _fmt_of_name(path: Path) -> str:
    return SUFFIXES.get(path.suffix.lower(), "other")


#: below this many files to parse, a load stays in this process (starting workers costs more)
PARALLEL_MIN_FILES = 16
#: results waiting per worker, at most (bounds the memory of parsed files not yet in the graph)
WINDOW_PER_WORKER = 8


def default_workers() -> int:
    """Worker processes for a load: ``CANCU_WORKERS`` if set, else the CPUs this process may use."""
    env = os.environ.get("CANCU_WORKERS", "").strip()
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            pass
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def load_paths(graph: LegalGraph, paths, *, known=None,
               on_progress: Callable[[int, int, str], None] | None = None,
               on_file_done: Callable[[str, float], None] | None = None,
               workers: int | None = None) -> LoadReport:
    """Read every file under ``paths`` into ``graph`` (not saved: the caller saves).

    ``on_progress(i, n, name)`` is called before file ``i`` of ``n``;
    ``on_file_done(name, seconds)`` after each. A ``KeyboardInterrupt`` stops the
    load between or inside files: the report says ``interrupted`` and the graph
    holds the files done so far, each whole (a file is added only after it was
    read and parsed completely).

    A file whose bytes have the hash recorded for it is unchanged and not read
    again. The others are read and parsed in ``workers`` processes (default: every
    CPU, see ``default_workers``) when there are at least ``PARALLEL_MIN_FILES`` of
    them, else here; either way they go into the graph here, one by one in the
    order of the files, so the graph is the same as a load in one process.
    """
    started = time.monotonic()
    files, skipped = iter_files(paths)
    report = LoadReport(skipped=[(str(p), r) for p, r in skipped], total=len(files))
    cwd = os.getcwd()
    keys = [_key(path, cwd) for path in files]
    sources = graph.sources()
    try:
        seen_ns = time.time_ns()
        stats = [_stat(path, seen_ns) for path in files]  # before the bytes are read: see update()
        unchanged = [_same_bytes(path, (sources.get(key) or {}).get("sha256")) for path, key in zip(files, keys)]
        todo = [i for i, same in enumerate(unchanged) if not same]
        workers = default_workers() if workers is None else max(1, int(workers))
        pool = _start_pool(workers, todo, files, keys, sources, known)
        try:
            for i, path in enumerate(files):
                key = keys[i]
                if on_progress:
                    on_progress(i + 1, len(files), key)
                t0 = time.monotonic()
                elsewhere = 0.0  # seconds a worker spent on the file
                if unchanged[i]:
                    report.unchanged.append(key)
                    _keep_stat(graph.file_stats, key, stats[i])
                else:
                    parsed = pool.next(key) if pool is not None else None
                    if parsed is None:  # serial, or the worker could not give this file back
                        parsed = _parse(path, key, (graph.sources().get(key) or {}).get("sha256"), known)
                    else:
                        elsewhere = parsed.seconds
                    with gc_paused():  # the graph grows; no garbage cycles are made here
                        _apply(graph, path, parsed, report)
                    if parsed.status == "failed":
                        graph.file_stats.pop(key, None)
                    else:
                        _keep_stat(graph.file_stats, key, stats[i])
                if on_file_done:
                    on_file_done(key, time.monotonic() - t0 + elsewhere)
        finally:
            if pool is not None:
                pool.close()
    except KeyboardInterrupt:
        report.interrupted = True
    report.seconds = time.monotonic() - started
    return report


def _same_bytes(path: Path, sha256: str | None) -> bool:
    """Do the bytes of ``path`` have this hash (the one ``read_file`` gave when it was loaded)?"""
    if not sha256:
        return False
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        return False  # the reader says why
    return len(data) <= MAX_BYTES and hashlib.sha256(data).hexdigest() == sha256


@dataclass
class _Parsed:
    """What reading and parsing one file gave (made in a worker process or here)."""

    key: str
    status: str  # ok | unchanged | failed
    src: SourceText | None = None
    extractions: tuple = ()
    reason: str = ""
    traceback: str | None = None
    seconds: float = 0.0


def _parse(path: Path, key: str, before_sha: str | None, known) -> _Parsed:
    """Read and parse one file; every error becomes a ``failed`` result with the reason."""
    t0 = time.monotonic()

    def failed(reason: str, tb: str | None = None) -> _Parsed:
        return _Parsed(key, "failed", reason=reason, traceback=tb, seconds=time.monotonic() - t0)

    try:
        src = read_file(path)
    except LoadError as err:
        return failed(err.reason)
    except (MemoryError, RecursionError) as err:
        return failed(f"too large or too deeply nested to read ({type(err).__name__}); split it")
    except Exception as err:  # a reader bug must not stop the whole load
        return failed(f"could not be read ({type(err).__name__}: {err}); please report it", traceback.format_exc())
    src = type(src)(path=key, text=src.text, encoding=src.encoding, sha256=src.sha256, format=src.format,
                    notes=src.notes)
    if before_sha and before_sha == src.sha256:
        return _Parsed(key, "unchanged", seconds=time.monotonic() - t0)
    try:
        extractions = extract_source(src, known=known)
    except RecursionError:
        return failed("is nested too deeply to parse (thousands of levels?); flatten or split it")
    except Exception as err:  # a parser bug must not stop the whole load
        return failed(f"could not be parsed ({type(err).__name__}: {err}); please report it", traceback.format_exc())
    if not extractions:
        return failed("no document found in the file")
    return _Parsed(key, "ok", src=src, extractions=tuple(extractions), seconds=time.monotonic() - t0)


# --- worker processes ---------------------------------------------------------------

_WORKER_KNOWN = None


def _worker_init(known) -> None:
    """A worker leaves Ctrl-C to the main process (which stops the load and ends the workers)."""
    global _WORKER_KNOWN
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_KNOWN = known
    _settle_gc()


#: young-generation size of a worker's collector (the default 700 runs it every few hundred tokens)
WORKER_GC_THRESHOLD = (10_000, 10, 10)
_WORKER_PARSED = 0


def _settle_gc() -> None:
    """Keep a worker's collector off what it inherited and what its first parse built.

    A forked worker inherits the parent's heap (a whole graph in a full reload), and its
    first parse builds the parser's tables and caches; none of that becomes garbage, yet
    every full collection walked it (and touched the inherited pages). ``gc.freeze`` moves
    it out of the collector's reach; a parse makes few cycles, so collections can be rarer.
    """
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def _worker_parse(path: Path, key: str, before_sha: str | None) -> _Parsed:
    global _WORKER_PARSED
    parsed = _parse(path, key, before_sha, _WORKER_KNOWN)
    _WORKER_PARSED += 1
    if _WORKER_PARSED == 1:  # the parser's tables and caches are built now
        _settle_gc()
    return parsed


def _parallel(workers: int, files: int) -> bool:
    """Are ``files`` files to parse worth starting worker processes for?"""
    return workers > 1 and files >= PARALLEL_MIN_FILES


def _start_pool(workers: int, todo: list[int], files, keys, sources: dict, known) -> "_Pool | None":
    """Worker processes for the files ``todo`` (indexes into ``files``), or ``None`` when
    there are too few of them to be worth starting processes (``_parallel``)."""
    if not _parallel(workers, len(todo)):
        return None
    jobs = [(files[i], keys[i], (sources.get(keys[i]) or {}).get("sha256")) for i in todo]
    return _Pool(min(workers, len(todo)), jobs, known)


class _Pool:
    """Files parsed by worker processes, handed back in the order they were given.

    At most ``WINDOW_PER_WORKER`` results per worker wait to be taken. If the pool
    breaks (a worker killed) or a result cannot be brought back, ``next`` gives
    ``None`` for that file and every later one, and the caller parses them itself.
    """

    def __init__(self, workers: int, jobs: list[tuple[Path, str, str | None]], known):
        self._jobs = iter(jobs)
        self._pending: deque = deque()
        self._window = workers * WINDOW_PER_WORKER
        self._broken = False
        self._ex = None
        try:
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
            self._ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                                           initargs=(known,))
            self._fill()
        except Exception:  # no processes here (a sandbox), or ``known`` cannot be sent: parse in this process
            self._broken = True
            self.close()

    def _fill(self) -> None:
        while len(self._pending) < self._window:
            job = next(self._jobs, None)
            if job is None:
                return
            self._pending.append((job[1], self._ex.submit(_worker_parse, *job)))

    def next(self, key: str) -> _Parsed | None:
        if self._broken or not self._pending:
            return None
        want, fut = self._pending.popleft()
        if want != key:  # cannot happen: jobs are given in the order they are asked for
            self._broken = True
            return None
        try:
            parsed = fut.result()
        except KeyboardInterrupt:
            raise
        except BrokenProcessPool:
            self._broken = True
            return None
        except Exception:  # this result could not come back (pickling): parse it here
            parsed = None
        if not self._broken:
            try:
                self._fill()
            except Exception:
                self._broken = True
        return parsed

    def close(self) -> None:
        ex, self._ex = self._ex, None
        if ex is None:
            return
        for _, fut in self._pending:
            fut.cancel()
        procs = list((getattr(ex, "_processes", None) or {}).values())
        ex.shutdown(wait=False, cancel_futures=True)
        for p in procs:  # a stopped load must not wait for workers still parsing
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=5)


#: a few lines of a plan, parsed once by ``_Warm`` so that the parser's tables and patterns are ready
_WARM_UP_TEXT = (
    "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 1/KH-UBND\nAn Giang, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
    "Thực hiện Nghị quyết số 11-NQ/TW\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "I. MỤC ĐÍCH\n1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính báo cáo trước ngày 30/6/2024.\n\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
)


def _warm_main(parent_end, conn, known) -> None:
    """In the forked process: get the parser ready, then parse what is sent until the pipe closes."""
    parent_end.close()  # so that the pipe ends (EOF) when the loading process does, even if it is killed
    _worker_init(known)
    try:
        extract_text(_WARM_UP_TEXT, "warm-up.txt", known=known)
    except Exception:
        pass
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(_worker_parse(*job))


class _Warm:
    """One process forked before the files are scanned, which gets the parser ready meanwhile.

    The first parse in a process builds the parser's tables and patterns (0.4 s);
    a reload after one changed file parses one file after scanning every file's stat
    (0.3 s for 10,000): on two CPUs the two overlap. ``parse`` gives ``None`` when the
    process is not there (no fork here, it died, a result could not come back), and the
    caller parses the file itself.
    """

    def __init__(self, known):
        self._conn = self._proc = None
        if "fork" not in mp.get_all_start_methods():
            return
        try:
            ctx = mp.get_context("fork")
            self._conn, child_end = ctx.Pipe()
            self._proc = ctx.Process(target=_warm_main, args=(self._conn, child_end, known), daemon=True)
            self._proc.start()
            child_end.close()
        except Exception:
            self.close()

    def parse(self, path: Path, key: str, before_sha: str | None) -> _Parsed | None:
        if self._conn is None:
            return None
        try:
            self._conn.send((path, key, before_sha))
            return self._conn.recv()
        except KeyboardInterrupt:
            raise
        except Exception:  # the process is gone, or the result did not come back
            self.close()
            return None

    def close(self) -> None:
        conn, proc, self._conn, self._proc = self._conn, self._proc, None, None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()  # it holds nothing to clean up; SIGKILL also before it set its own signal handlers
            proc.join(timeout=5)


def _looks_like_a_document(doc) -> bool:
    numbered = any(s.style not in ("dash", "plus") for s in doc.sections)
    return bool(doc.doc_type or doc.symbol or doc.symbol_as_written or doc.date or doc.preamble or numbered
                or doc.title or doc.issuer)


def _fail(report: LoadReport, path: Path, key: str, reason: str) -> None:
    report.failed.append((key, reason))
    fmt = _fmt_of_name(path)
    report.failed_by_format[fmt] = report.failed_by_format.get(fmt, 0) + 1


def _apply(graph: LegalGraph, path: Path, parsed: _Parsed, report: LoadReport) -> None:
    """Put one parsed file into the graph (replacing its earlier facts) and the report."""
    key = parsed.key
    if parsed.status == "failed":
        if parsed.traceback:
            report.tracebacks[key] = parsed.traceback
        _fail(report, path, key, parsed.reason)
        return
    if parsed.status == "unchanged":
        report.unchanged.append(key)
        return
    src, extractions = parsed.src, parsed.extractions
    before = graph.sources().get(key)
    if before:
        graph.remove_source(key)
    ids = add_extractions(graph, src, extractions)
    graph.add_source(key, sha256=src.sha256, text=src.text, encoding=src.encoding, documents=ids,
                     fmt=src.format, notes=src.notes)
    _report_loaded(report, key, src, extractions, ids, bool(before))


def _report_loaded(report: LoadReport, key: str, src: SourceText, extractions, ids, replaced: bool) -> None:
    if replaced:
        report.replaced.append(key)
    report.loaded.append(key)
    report.documents += len(ids)
    report.by_format[src.format] = report.by_format.get(src.format, 0) + 1
    doubts = warnings_of(src)
    if not any(_looks_like_a_document(ex.document) for ex in extractions):
        doubts.append("nothing of an administrative document found in it (no kind, number, date, legal basis "
                      "or numbered sections); loaded as untitled text")
    if doubts:
        report.doubts.append((key, "; ".join(doubts)))
    report.notes.extend((key, n) for n in src.notes if not n.startswith("warning: "))


def _load_one(graph: LegalGraph, path: Path, key: str, report: LoadReport, known) -> None:
    """Read, parse and add one file in this process."""
    _apply(graph, path, _parse(path, key, (graph.sources().get(key) or {}).get("sha256"), known), report)


# --- file stats (git's rule) -------------------------------------------------------------

#: a file whose mtime is this close to the moment its stat was taken may still have been changing
#: then (in the same clock tick): its bytes are hashed anyway ("racy git")
RACY_NS = 2_000_000_000


def _stat(path: Path, seen_ns: int) -> dict | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return {"st_size": st.st_size, "st_mtime_ns": st.st_mtime_ns, "seen_ns": seen_ns}


def _keep_stat(file_stats: dict, key: str, st: dict | None) -> None:
    if st is None:
        file_stats.pop(key, None)
    else:
        file_stats[key] = st


def stat_unchanged(now: dict | None, recorded: dict | None) -> bool:
    """Is a file unchanged by its stat alone: the same size and mtime as when its hash was
    checked, and that mtime not within ``RACY_NS`` of the moment of that check?"""
    if not now or not recorded or "seen_ns" not in recorded:
        return False
    return (now["st_size"] == recorded.get("st_size") and now["st_mtime_ns"] == recorded.get("st_mtime_ns")
            and recorded["st_mtime_ns"] + RACY_NS < recorded["seen_ns"])


def _without_stat(info: dict) -> dict:
    return {k: v for k, v in info.items() if k not in STAT_FIELDS}


# --- update: the saved graph brought up to date ----------------------------------------

#: changed files kept in the journal at most; a load that would make more writes the whole graph
JOURNAL_LIMIT = 64


class _FullPath(Exception):
    """The journal cannot take this load (the reason); the whole graph is loaded and saved instead."""


def update(db, paths, *, workers: int | None = None, known=None,
           on_progress: Callable[[int, int, str], None] | None = None,
           on_file_done: Callable[[str, float], None] | None = None,
           strict: bool = False, journal_limit: int | None = None, journal: bool = True) -> LoadReport:
    """Bring the graph saved at ``db`` up to date with the files under ``paths``, and save it.

    What ``cancu load`` does. When the saved graph has a journal of its snapshot
    (``graph.json.journal``) and few files changed, only the journal is read and
    rewritten: a file with the size and mtime recorded for it is unchanged without
    being read, the others are hashed, and each changed file is parsed and applied to
    an empty recording graph whose changes are appended to the journal (the snapshot is
    neither read nor written; ``LegalGraph.load`` replays the journal). Otherwise — no
    usable journal, more than ``journal_limit`` files in it, or a changed file holding a
    document another file holds too (its changes would depend on the rest of the graph)
    — the whole graph is loaded, the files loaded into it (``load_paths``) and saved
    with an empty journal.

    Nothing is written when the load is interrupted (``report.interrupted``) or when
    ``strict`` and some file gave a warning. A ``KeyboardInterrupt`` while writing
    leaves the saved graph as it was and is raised again.
    """
    db = Path(db)
    limit = JOURNAL_LIMIT if journal_limit is None else journal_limit
    timings: dict = {}
    notes: list[str] = []
    t0 = time.perf_counter()
    head = None
    if journal and db.exists():
        try:
            head = read_journal(db)
        except GraphFileError as err:
            notes.append(str(err))
        if head is not None and head["base"] != snapshot_generation(db):
            notes.append(f"{db.name}.journal belongs to another save of {db.name} (an interrupted save?) and was "
                         "not used; this load saves the whole graph")
            head = None
    timings["head_s"] = time.perf_counter() - t0
    if head is not None:
        try:
            report = _update_journal(db, head, paths, workers=workers, known=known, on_progress=on_progress,
                                     on_file_done=on_file_done, strict=strict, limit=limit, timings=timings)
            report.graph_notes = notes
            return report
        except _FullPath as why:
            notes.append(str(why))
    report = _update_full(db, paths, workers=workers, known=known, on_progress=on_progress,
                          on_file_done=on_file_done, strict=strict, timings=timings,
                          usable_journal=head is not None)
    report.graph_notes = notes + report.graph_notes
    return report


def _update_full(db: Path, paths, *, workers, known, on_progress, on_file_done, strict, timings,
                 usable_journal: bool) -> LoadReport:
    t0 = time.perf_counter()
    graph = LegalGraph.open(db)
    t1 = time.perf_counter()
    report = load_paths(graph, paths, known=known, on_progress=on_progress, on_file_done=on_file_done,
                        workers=workers)
    t2 = time.perf_counter()
    report.mode, report.graph = "full", graph
    if graph.journal_note:
        report.graph_notes.append(graph.journal_note)
    timings.update(snapshot_load_s=t1 - t0, load_s=t2 - t1)
    report.timings = timings
    changed = report.loaded or report.replaced
    # a journal to fold into the snapshot, or none to go with it: write both even if no file changed
    compact = db.exists() and (graph.journal_entries or not usable_journal)
    if not report.interrupted and (changed or compact) and not (strict and report.warnings):
        graph.save(db)
        report.saved = True
    timings["save_s"] = time.perf_counter() - t2
    report.journal_entries = graph.journal_entries
    report.files_in_graph = len(graph.sources())
    return report


def _update_journal(db: Path, head: dict, paths, *, workers, known, on_progress, on_file_done, strict, limit,
                    timings) -> LoadReport:
    workers = default_workers() if workers is None else max(1, int(workers))
    warm = _Warm(known) if workers > 1 else None  # the parser gets ready in another process during the scan
    try:
        return _update_journal_with(db, head, paths, workers=workers, known=known, on_progress=on_progress,
                                    on_file_done=on_file_done, strict=strict, limit=limit, timings=timings,
                                    warm=warm)
    finally:
        if warm is not None:
            warm.close()


def _update_journal_with(db: Path, head: dict, paths, *, workers, known, on_progress, on_file_done, strict, limit,
                         timings, warm) -> LoadReport:
    t0 = time.perf_counter()
    files, skipped = iter_files(paths)
    report = LoadReport(skipped=[(str(p), r) for p, r in skipped], total=len(files), mode="journal")
    report.timings = timings
    cwd = os.getcwd()
    keys = [_key(path, cwd) for path in files]
    # the journal's sources: the graph's source info of each file with the stat it had when its hash was checked
    sources = head["sources"]
    entries = head["entries"]
    files_before = len(sources)
    seen_ns = time.time_ns()
    stats = [_stat(path, seen_ns) for path in files]
    todo = []
    stats_changed = False
    for i, key in enumerate(keys):
        info = sources.get(key)
        if info and stat_unchanged(stats[i], info):
            continue
        if info and stats[i] is not None and _same_bytes(files[i], info["sha256"]):
            if stat_unchanged(stats[i], stats[i]):  # unchanged, and from now on known by its stat
                sources[key] = {**_without_stat(info), **stats[i]}
                stats_changed = True
            continue
        todo.append(i)
    timings["scan_s"] = time.perf_counter() - t0
    if len(entries) + len(todo) > limit:
        raise _FullPath(f"{len(todo)} changed files and {len(entries)} in the journal: more than {limit}, so the "
                        "whole graph is saved")
    t1 = time.perf_counter()
    owners: dict[str, set] | None = None  # document id → the files that hold it
    texts: dict[str, str] = {}
    new_entries = []
    todo_set = set(todo)
    if warm is not None and _parallel(workers, len(todo)):
        warm.close()  # workers will parse (closed first: they must not inherit its pipe)
        warm = None
    pool = _start_pool(workers, todo, files, keys, sources, known)
    try:
        for i, path in enumerate(files):
            key = keys[i]
            if on_progress:
                on_progress(i + 1, len(files), key)
            if i not in todo_set:
                report.unchanged.append(key)
                continue
            t = time.monotonic()
            before_sha = (sources.get(key) or {}).get("sha256")
            if pool is not None:
                parsed = pool.next(key)
            else:
                parsed = warm.parse(path, key, before_sha) if warm is not None else None
            elsewhere = 0.0
            if parsed is None:
                parsed = _parse(path, key, before_sha, known)
            else:
                elsewhere = parsed.seconds
            if parsed.status == "failed":
                if parsed.traceback:
                    report.tracebacks[key] = parsed.traceback
                _fail(report, path, key, parsed.reason)
                if key in sources and "seen_ns" in sources[key]:  # its bytes are not the recorded ones
                    sources[key] = _without_stat(sources[key])
                    stats_changed = True
            elif parsed.status == "unchanged":
                report.unchanged.append(key)
                sources[key] = {**_without_stat(sources[key]), **(stats[i] or {})}
                stats_changed = True
            else:
                src, extractions = parsed.src, parsed.extractions
                scratch = LegalGraph.recording()
                with gc_paused():
                    ids = add_extractions(scratch, src, extractions)
                    scratch.add_source(key, sha256=src.sha256, text=src.text, encoding=src.encoding,
                                       documents=ids, fmt=src.format, notes=src.notes)
                if owners is None:
                    owners = {}
                    for k, info in sources.items():
                        for d in info.get("documents") or ():
                            owners.setdefault(d, set()).add(k)
                shared = sorted({d for d in ids if owners.get(d, set()) - {key}})
                if shared:
                    raise _FullPath(f"{key} holds {shared[0]}, which another file holds too, so the whole graph "
                                    "is loaded to put it in")
                before = sources.get(key)
                for d in (before or {}).get("documents") or ():
                    owners.get(d, set()).discard(key)
                for d in ids:
                    owners.setdefault(d, set()).add(key)
                sources[key] = {**scratch.sources()[key], **(stats[i] or {})}
                texts.update(scratch._texts)
                new_entries.append({"key": key, "ops": scratch.ops})
                _report_loaded(report, key, src, extractions, ids, bool(before))
            if on_file_done:
                on_file_done(key, time.monotonic() - t + elsewhere)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        if pool is not None:
            pool.close()
    timings["parse_s"] = time.perf_counter() - t1
    report.journal_entries = len(entries)
    report.files_in_graph = files_before
    t2 = time.perf_counter()
    if not report.interrupted and (new_entries or stats_changed) and not (strict and report.warnings):
        if texts:
            write_texts(db, texts)
        with gc_paused():
            head["entries"] = entries + new_entries
            write_journal(db, head)
        report.saved = bool(new_entries)
        report.journal_entries = len(entries) + len(new_entries)
        report.files_in_graph = len(sources)
    timings["write_s"] = time.perf_counter() - t2
    return report
