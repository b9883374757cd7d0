"""``unresolved``: instruments that are cited but never resolved to a known one.

An Instrument node is *unresolved* when its text was not read (not loaded) and

* it has no symbol — it is known only by the words of a mention (*Kế hoạch năm
  2025*, *Đề án phòng ngừa bạo lực gia đình trên cơ sở giới*) that matched no
  symbol, no loaded document and no entry of the table of well-known instruments
  (a name found in that table gets its symbol); reason ``"no symbol"``; or
* resolution flagged it: a truthy ``unresolved`` attribute (a string is the
  reason, ``True`` reads ``"flagged by resolution"``).

A numbered instrument that was not loaded (``1696/QĐ-TTg``) is identified by its
symbol, so it is *not* unresolved. Every mention is listed: one row per evidence
sentence of every edge into the node (a task's CITES edge is given to its
document), with file, line and quote; sorted by (instrument label, instrument
id, file, start).
"""
from __future__ import annotations

from graphmodel.graph import LegalGraph

from .common import INSTRUMENT, EvidenceReader, instrument_ref, is_loaded
from .models import CITED_TYPES, UnresolvedMention, UnresolvedResult
from .traverse import downstream


def unresolved_reason(data: dict) -> str | None:
    """Why an Instrument node counts as unresolved, or ``None`` when it does not."""
    if is_loaded(data):
        return None
    flag = data.get("unresolved")
    if flag:
        return flag if isinstance(flag, str) else "flagged by resolution"
    if not data.get("symbol"):
        return "no symbol"
    return None


def unresolved(graph: LegalGraph) -> UnresolvedResult:
    reader = EvidenceReader(graph)
    rels = frozenset(CITED_TYPES)
    out = []
    for n, d in graph.nodes(INSTRUMENT):
        reason = unresolved_reason(d)
        if reason is None:
            continue
        ref = instrument_ref(graph, n)
        for (w, rel), evs in downstream(graph, n, rels).items():
            citing = instrument_ref(graph, w)
            for ev in reader.refs(evs):
                out.append(UnresolvedMention(instrument=ref, reason=reason, citing=citing, rel=rel, evidence=ev))
    out.sort(key=lambda m: (m.instrument.label, m.instrument.id, m.evidence.source, m.evidence.start,
                            m.evidence.end, m.rel, m.citing.id))
    return UnresolvedResult(mentions=tuple(out))
