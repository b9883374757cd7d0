"""Stable, readable node ids.

* instruments with a central symbol: ``instrument:11-NQ/TW``, ``instrument:1696/QĐ-TTg``;
* local symbols, which repeat across provinces and years, are scoped:
  ``instrument:742/QĐ-UBND@gia-lai/2016``;
* instruments without a symbol: ``instrument:<doc type>:<folded name>``;
* agencies: ``agency:<folded name>@<jurisdiction>``; tasks: ``<document id>#<section path>``;
  people: ``person:<folded name>``.
"""
from __future__ import annotations

import re

from .normalize import fold, normalize_symbol

#: Issuer codes of local bodies: a symbol ending in one of these is local and is
#: scoped by jurisdiction and year (UBND, HĐND, Sở ..., a provincial office).
LOCAL_ISSUER_CODES = ("UBND", "HĐND", "UB", "VP", "SLĐTBXH", "SNV", "STC", "SYT", "SGDĐT", "SKHĐT", "STP",
                      "BVSTBPN", "BCĐ", "TU", "HU", "TƯ")


def slug(text: str) -> str:
    """``Gia Lai`` → ``gia-lai``."""
    return fold(text or "").replace(" ", "-")


def is_local_symbol(symbol: str) -> bool:
    """Does the symbol name a local body's document (``742/QĐ-UBND``, ``26/TTr-SLĐTBXH``)?

    Party symbols of provincial committees (``32-CTr/TU``) are local too.
    """
    s = normalize_symbol(symbol) or ""
    parts = re.split(r"[/\-]", s.upper())
    codes = [p for p in parts[1:] if p and not p.isdigit()]
    if not codes:
        return True
    issuer = codes[-1]
    if issuer in {"TW", "CP", "TTG", "QH", "VPCP"} or re.fullmatch(r"QH\d+", issuer):
        return False
    if issuer.startswith("S") and len(issuer) > 2:  # Sở ...
        return True
    return issuer in {c.upper() for c in LOCAL_ISSUER_CODES} or issuer.startswith(("UBND", "HĐND", "VP"))


def instrument_id(symbol: str | None = None, *, doc_type: str | None = None, name: str | None = None,
                  jurisdiction: str | None = None, year: str | int | None = None) -> str:
    """The id of an instrument.

    >>> instrument_id("11- NQ/TW")
    'instrument:11-NQ/TW'
    >>> instrument_id("742/QĐ-UBND", jurisdiction="Gia Lai", year="2016")
    'instrument:742/QĐ-UBND@gia-lai/2016'
    >>> instrument_id(doc_type="Luật", name="Luật Bình đẳng giới")
    'instrument:luat:luat-binh-dang-gioi'
    """
    sym = normalize_symbol(symbol)
    if sym and re.match(r"^\d", sym):
        if is_local_symbol(sym):
            scope = slug(jurisdiction) if jurisdiction else "unknown"
            return f"instrument:{sym}@{scope}/{year or '?'}"
        return f"instrument:{sym}"
    key = slug(name or sym or "unnamed")
    return f"instrument:{slug(doc_type or 'van-ban')}:{key}"


def agency_id(name: str, jurisdiction: str | None) -> str:
    """``agency:so-noi-vu@quang-ngai``; central bodies use ``@national``."""
    return f"agency:{slug(name)}@{slug(jurisdiction) if jurisdiction else 'unknown'}"


def person_id(name: str) -> str:
    return f"person:{slug(name)}"


def task_id(document_id: str, path: str) -> str:
    return f"{document_id}#{path}"
