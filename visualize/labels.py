"""The words a page shows for a node: its label, a date in Vietnamese order, a short text."""
from __future__ import annotations

import re

from graphmodel.normalize import fold


def vn_date(iso: str | None) -> str:
    """``2024-04-22`` → ``22/04/2024`` (partial dates are kept as they are)."""
    if not iso:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    return f"{m[3]}/{m[2]}/{m[1]}" if m else iso


_MARKUP = re.compile(r"\*\*|(?m:^#+\s)")


def plain(text: str | None) -> str:
    """Text without the Markdown marks a converted file may keep (``**``, a heading's ``## ``), spaces collapsed."""
    return " ".join(_MARKUP.sub("", text or "").split())


def short_text(text: str, limit: int) -> str:
    """``text`` (Markdown emphasis dropped) cut at a word before ``limit`` characters, with ``…``."""
    text = plain(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def province_name(jurisdiction) -> str:
    """The province of a jurisdiction, or '' for national / unknown."""
    j = (jurisdiction or "").strip()
    return "" if not j or j.casefold() == "national" else j


def node_label(d: dict) -> str:
    """The text drawn in a node (plain text; vis wraps it)."""
    kind = d.get("kind")
    if kind == "Instrument":
        doc_type = d.get("doc_type") or "Văn bản"
        title = d.get("title") or ""
        if d.get("symbol"):
            head = f"{doc_type} {d['symbol']}"
        elif title and fold(title).startswith(fold(doc_type)):
            head = short_text(title, 70)
        else:
            head = f"{doc_type}: {short_text(title, 60)}" if title else doc_type
        tail = " · ".join(x for x in (province_name(d.get("jurisdiction")), vn_date(d.get("date"))) if x)
        return head + (f"\n{tail}" if tail else "")
    if kind == "Task":
        return f"Mục {d.get('section') or '?'}: {short_text(d.get('text') or '', 80)}"
    return short_text(d.get("name") or "?", 90)


def agency_title(name: str, jurisdiction: str | None) -> str:
    """``Sở Nội vụ (Quảng Ngãi)``, but ``Sở Nội vụ tỉnh Quảng Ngãi`` as it is: the province is not said twice."""
    prov = province_name(jurisdiction)
    return f"{name} ({prov})" if prov and fold(prov) not in fold(name) else name
