"""Stable, readable node ids.

* instruments with a central symbol: ``instrument:11-NQ/TW``, ``instrument:1696/QĐ-TTg``;
* local symbols, which repeat across provinces and years, are scoped:
  ``instrument:742/QĐ-UBND@gia-lai/2016``;
* instruments without a symbol: ``instrument:<doc type>:<folded name>``;
* agencies: ``agency:<folded name>@<jurisdiction>``; tasks: ``<document id>#<section path>``;
  people: ``person:<folded name>``.
"""
from __future__ import annotations

from .normalize import fold

def slug(text: str) -> str:
    """``Gia Lai`` → ``gia-lai``."""
    return fold(text or "").replace(" ", "-")


def instrument_id(doc_type: str | None, symbol: str | None = None, **kw) -> str:
    """The id of an instrument; see :func:`graphmodel.instruments.instrument_id`.

    >>> instrument_id("Nghị quyết", "11- NQ/TW")
    'instrument:11-NQ/TW'
    >>> instrument_id("Quyết định", "742/QĐ-UBND", jurisdiction="Gia Lai", date="2016-10-07")
    'instrument:742/QĐ-UBND@gia-lai/2016'
    """
    from .instruments import instrument_id as _instrument_id

    return _instrument_id(doc_type, symbol, **kw)


def agency_id(name: str, jurisdiction: str | None) -> str:
    """``agency:so-noi-vu@quang-ngai``; central bodies use ``@national``."""
    return f"agency:{slug(name)}@{slug(jurisdiction) if jurisdiction else 'unknown'}"


def person_id(name: str) -> str:
    return f"person:{slug(name)}"


def task_id(document_id: str, path: str) -> str:
    return f"{document_id}#{path}"
