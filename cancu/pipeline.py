"""The load pipeline: files → SourceText → Extraction → graph, file by file.

A file whose content hash is unchanged is not read again; a changed file's
earlier facts are taken out before its new ones go in. A file that cannot be
read (or whose parsing fails) gives one warning naming the file and the reason,
and the rest of the load goes on; a file that is read but with doubts (a page
without text, a line without breaks, code-like strings) loads and gives one
warning too. Nothing is saved here: the caller saves (atomically), so an
interrupted load leaves the saved graph as it was.
"""
from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from graphmodel.build import add_extractions
from graphmodel.errors import LoadError
from graphmodel.graph import LegalGraph
from loaders.extract import extract_source
from loaders.read import SUFFIXES, iter_files, read_file, warnings_of


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

    @property
    def warnings(self) -> list[str]:
        """One line per file that needs a look: failed, loaded with doubts, or skipped."""
        return ([f"{p}: {r}" for p, r in self.failed] + [f"{p}: {r}" for p, r in self.doubts]
                + [f"{p}: skipped, {r}" for p, r in self.skipped])

    @property
    def ok(self) -> bool:
        """No file failed and the load ran to its end."""
        return not self.failed and not self.interrupted


def _key(path: Path) -> str:
    """How a file is named in the graph: its path as given, made relative to the cwd when possible."""
    absolute = Path(os.path.abspath(path))  # symlinks are not followed: a file keeps the name it was given
    try:
        return str(absolute.relative_to(Path(os.getcwd())))
    except ValueError:
        return str(absolute)


def _fmt_of_name(path: Path) -> str:
    return SUFFIXES.get(path.suffix.lower(), "other")


def load_paths(graph: LegalGraph, paths, *, known=None,
               on_progress: Callable[[int, int, str], None] | None = None,
               on_file_done: Callable[[str, float], None] | None = None) -> LoadReport:
    """Read every file under ``paths`` into ``graph`` (not saved: the caller saves).

    ``on_progress(i, n, name)`` is called before file ``i`` of ``n``;
    ``on_file_done(name, seconds)`` after each. A ``KeyboardInterrupt`` stops the
    load between or inside files: the report says ``interrupted`` and the graph
    holds the files done so far, each whole (a file is added only after it was
    read and parsed completely).
    """
    started = time.monotonic()
    files, skipped = iter_files(paths)
    report = LoadReport(skipped=[(str(p), r) for p, r in skipped], total=len(files))
    try:
        for i, path in enumerate(files, 1):
            key = _key(path)
            if on_progress:
                on_progress(i, len(files), key)
            t0 = time.monotonic()
            _load_one(graph, path, key, report, known)
            if on_file_done:
                on_file_done(key, time.monotonic() - t0)
    except KeyboardInterrupt:
        report.interrupted = True
    report.seconds = time.monotonic() - started
    return report


def _looks_like_a_document(doc) -> bool:
    numbered = any(s.style not in ("dash", "plus") for s in doc.sections)
    return bool(doc.doc_type or doc.symbol or doc.symbol_as_written or doc.date or doc.preamble or numbered
                or doc.title or doc.issuer)


def _fail(report: LoadReport, path: Path, key: str, reason: str) -> None:
    report.failed.append((key, reason))
    fmt = _fmt_of_name(path)
    report.failed_by_format[fmt] = report.failed_by_format.get(fmt, 0) + 1


def _load_one(graph: LegalGraph, path: Path, key: str, report: LoadReport, known) -> None:
    try:
        src = read_file(path)
    except LoadError as err:
        _fail(report, path, key, err.reason)
        return
    except (MemoryError, RecursionError) as err:
        _fail(report, path, key, f"too large or too deeply nested to read ({type(err).__name__}); split it")
        return
    except Exception as err:  # a reader bug must not stop the whole load
        report.tracebacks[key] = traceback.format_exc()
        _fail(report, path, key, f"could not be read ({type(err).__name__}: {err}); please report it")
        return
    src = type(src)(path=key, text=src.text, encoding=src.encoding, sha256=src.sha256, format=src.format,
                    notes=src.notes)
    before = graph.sources().get(key)
    if before and before.get("sha256") == src.sha256:
        report.unchanged.append(key)
        return
    try:
        extractions = extract_source(src, known=known)
    except RecursionError:
        _fail(report, path, key, "is nested too deeply to parse (thousands of levels?); flatten or split it")
        return
    except Exception as err:  # a parser bug must not stop the whole load
        report.tracebacks[key] = traceback.format_exc()
        _fail(report, path, key, f"could not be parsed ({type(err).__name__}: {err}); please report it")
        return
    if not extractions:
        _fail(report, path, key, "no document found in the file")
        return
    if before:
        graph.remove_source(key)
        report.replaced.append(key)
    ids = add_extractions(graph, src, extractions)
    graph.add_source(key, sha256=src.sha256, text=src.text, encoding=src.encoding, documents=ids,
                     fmt=src.format, notes=src.notes)
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
