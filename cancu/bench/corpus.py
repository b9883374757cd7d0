"""Writing a generated corpus to a folder and reading it back.

``write_corpus(n, folder, seed=S)`` writes the ``n`` documents of
:func:`cancu.bench.generate.generate_corpus` and ``truth.jsonl`` (one truth record
per line, in file order). Every file is written to a temporary name and renamed,
``truth.jsonl`` last, so a folder with a ``truth.jsonl`` is complete. Files of an
earlier run are removed first (only files named like the generator's).
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from graphmodel.graph import atomic_write

from .generate import generate_corpus

TRUTH = "truth.jsonl"
#: Names the generator gives its documents (``000042_ke-hoach-tinh_gia-lai_2020.txt``).
NAME_RE = re.compile(r"^\d{6,}_[a-z0-9-]+_[a-z0-9-]+_\d{4}\.(txt|md)$")


class CorpusError(Exception):
    """The folder is not a generated corpus, or cannot be written."""


def _atomic_write(path: Path, data: bytes, *, sync: bool = False) -> None:
    """Many small files: fsync only where asked (the truth file, written last)."""
    atomic_write(path, data, sync=sync)


def write_corpus(n: int, folder: str | os.PathLike, *, seed: int = 0, force: bool = False,
                 on_progress: Callable[[int, int], None] | None = None) -> dict:
    """Write ``n`` documents and ``truth.jsonl`` into ``folder``; returns counts and bytes.

    A folder holding other files is refused unless ``force`` (then earlier generated
    documents and ``truth.jsonl`` are removed; other files are left alone).
    """
    if n < 1:
        raise CorpusError("the number of documents must be at least 1")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    old = [p for p in out.iterdir() if p.name == TRUTH or NAME_RE.match(p.name)]
    if old and not force:
        raise CorpusError(f"{out} already holds a generated corpus ({len(old)} files); "
                          "use --force to replace it or give an empty folder")
    others = [p for p in out.iterdir() if p not in old and not p.name.startswith(".")]
    if others and not force:
        raise CorpusError(f"{out} is not empty ({others[0].name}, ...); give an empty folder or use --force")
    for p in old:
        p.unlink()
    lines = []
    size = 0
    kinds: dict[str, int] = {}
    for i, (name, text, truth) in enumerate(generate_corpus(n, seed=seed), 1):
        data = text.encode("utf-8")
        size += len(data)
        _atomic_write(out / name, data)
        lines.append(json.dumps(truth, ensure_ascii=False, sort_keys=True))
        kinds[truth["kind"]] = kinds.get(truth["kind"], 0) + 1
        if on_progress:
            on_progress(i, n)
    _atomic_write(out / TRUTH, ("\n".join(lines) + "\n").encode("utf-8"), sync=True)
    return {"documents": n, "bytes": size, "kinds": dict(sorted(kinds.items())), "seed": seed, "folder": str(out)}


def corpus_files(folder: str | os.PathLike) -> list[Path]:
    """The generated documents of ``folder`` in generation order."""
    out = Path(folder)
    if not out.is_dir():
        raise CorpusError(f"{out}: no such folder; generate one with `cancu bench generate N {out}`")
    files = sorted(p for p in out.iterdir() if NAME_RE.match(p.name))
    if not files:
        raise CorpusError(f"{out} holds no generated documents; generate them with `cancu bench generate N {out}`")
    return files


def read_truth(folder: str | os.PathLike) -> Iterator[dict]:
    """The truth records of ``folder`` (``truth.jsonl``), in file order."""
    path = Path(folder) / TRUTH
    if not path.exists():
        raise CorpusError(f"{path}: no truth file; the corpus was not written by `cancu bench generate`")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
