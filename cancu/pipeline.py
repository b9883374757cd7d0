"""The load pipeline: files → SourceText → Extraction → graph, file by file.

A file whose content hash is unchanged is not read again; a changed file's
earlier facts are taken out before its new ones go in. A file that cannot be
read gives one warning and the rest of the load goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from graphmodel.build import add_extractions
from graphmodel.errors import LoadError
from graphmodel.graph import LegalGraph
from loaders.extract import extract_source
from loaders.read import iter_files, read_file


@dataclass
class LoadReport:
    """What a load did: counts, and every file it did not take, with the reason."""

    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    by_format: dict = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        return [f"{p}: {r}" for p, r in self.failed] + [f"{p}: skipped, {r}" for p, r in self.skipped]


def _key(path: Path) -> str:
    """How a file is named in the graph: its path as given, made relative to the cwd when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def load_paths(graph: LegalGraph, paths, *, known=None,
               on_progress: Callable[[int, int, str], None] | None = None) -> LoadReport:
    """Read every file under ``paths`` into ``graph`` (not saved: the caller saves)."""
    files, skipped = iter_files(paths)
    report = LoadReport(skipped=[(str(p), r) for p, r in skipped])
    for i, path in enumerate(files, 1):
        key = _key(path)
        if on_progress:
            on_progress(i, len(files), key)
        try:
            src = read_file(path)
        except LoadError as err:
            report.failed.append((key, err.reason))
            continue
        src = type(src)(path=key, text=src.text, encoding=src.encoding, sha256=src.sha256, format=src.format,
                        notes=src.notes)
        before = graph.sources().get(key)
        if before and before.get("sha256") == src.sha256:
            report.unchanged.append(key)
            continue
        try:
            extractions = extract_source(src, known=known)
        except Exception as err:  # a parser bug must not stop the whole load
            report.failed.append((key, f"could not be parsed ({type(err).__name__}: {err}); please report it"))
            continue
        if not extractions:
            report.failed.append((key, "no document found in the file"))
            continue
        if before:
            graph.remove_source(key)
            report.replaced.append(key)
        ids = add_extractions(graph, src, extractions)
        graph.add_source(key, sha256=src.sha256, text=src.text, encoding=src.encoding, documents=ids,
                         fmt=src.format, notes=src.notes)
        report.loaded.append(key)
        report.documents += len(ids)
        report.by_format[src.format] = report.by_format.get(src.format, 0) + 1
    return report
