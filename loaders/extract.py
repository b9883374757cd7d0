"""From a read file to ``Extraction`` values, and those to the gold JSON schema.

``extract_text(text, source)`` is pure: it parses the skeleton and runs each
extractor over each document. Extractors that are not installed yet (a later
issue) leave their lists empty. ``to_gold_json`` gives the schema of
``../shared/gold/README.md`` that ``cancu extract --format json`` prints.
"""
from __future__ import annotations

import dataclasses
import importlib
from typing import Callable

from graphmodel.models import Document, Extraction, SourceText

from .structure import parse_document


def _optional(module: str, name: str) -> Callable | None:
    """An extractor function if its module is present (extractors land one by one)."""
    try:
        mod = importlib.import_module(f"loaders.{module}")
    except ModuleNotFoundError as err:
        if err.name == f"loaders.{module}":
            return None
        raise
    return getattr(mod, name, None)


def extract_text(text: str, source: str = "", *, known=None) -> tuple[Extraction, ...]:
    """Every fact of every document of ``text`` (NFC), with spans into ``text``."""
    citations = _optional("citations", "extract_citations")
    responsibilities = _optional("responsibilities", "extract_responsibilities")
    deadlines = _optional("responsibilities", "extract_deadlines")
    targets = _optional("responsibilities", "extract_targets")
    out = []
    for doc in parse_document(text, source):
        out.append(
            Extraction(
                document=doc,
                citations=tuple(citations(text, doc, known=known)) if citations else (),
                responsibilities=tuple(responsibilities(text, doc)) if responsibilities else (),
                deadlines=tuple(deadlines(text, doc)) if deadlines else (),
                targets=tuple(targets(text, doc)) if targets else (),
            )
        )
    return tuple(out)


def extract_source(src: SourceText, *, known=None) -> tuple[Extraction, ...]:
    return extract_text(src.text, src.path, known=known)


# --- gold schema -------------------------------------------------------------

def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None and v is not False and v != ()}


def document_json(doc: Document) -> dict:
    signer = None
    if doc.signer:
        signer = _clean(dataclasses.asdict(doc.signer))
        signer.setdefault("position", None)
        signer.setdefault("on_behalf", None)
    out = {
        "doc_type": doc.doc_type,
        "symbol": doc.symbol,
        "date": doc.date,
        "place": doc.place,
        "issuer": doc.issuer,
        "jurisdiction": doc.jurisdiction,
        "title": doc.title,
        "title_span": list(doc.title_span) if doc.title_span else None,
        "signer": signer,
        "span": [doc.start, doc.end],
        "addressed_to": [ln.text for ln in doc.addressed_to],
        "copied_to": [ln.text for ln in doc.copied_to],
    }
    if doc.symbol_as_written:
        out["symbol_as_written"] = doc.symbol_as_written
    if doc.date_as_written:
        out["date_as_written"] = doc.date_as_written
    return out


def _items(values) -> list[dict]:
    rows = []
    for v in values:
        d = _clean(dataclasses.asdict(v))
        rows.append(d)
    rows.sort(key=lambda r: (r.get("start", 0), r.get("end", 0)))
    return rows


def extraction_json(ex: Extraction) -> dict:
    out = document_json(ex.document)
    out["citations"] = _items(ex.citations)
    for c in out["citations"]:
        c.setdefault("relation", "cites")
        c.setdefault("symbol", None)
        c.setdefault("date", None)
    out["responsibilities"] = _items(ex.responsibilities)
    out["deadlines"] = _items(ex.deadlines)
    out["targets"] = _items(ex.targets)
    return out


def to_gold_json(src: SourceText, extractions) -> dict:
    """The whole file in the gold schema (``{"file", "documents": [...]}``)."""
    from pathlib import Path

    out = {"file": Path(src.path).name, "documents": [extraction_json(ex) for ex in extractions]}
    if src.notes:
        out["notes"] = list(src.notes)
    out["encoding"] = src.encoding
    return out
