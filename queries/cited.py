"""``cited``: the most cited instruments, by relation type and by citing jurisdiction.

A citation is an edge of one of :data:`queries.models.CITED_TYPES` into an
Instrument; a task's CITES edge counts for the task's document. Counts are of
distinct citing documents (per relation type, per jurisdiction of the citing
document — ``unknown`` when it has none), plus ``mentions``: the evidence
sentences of all those edges. Ranked by (documents desc, mentions desc, label, id).
"""
from __future__ import annotations

from graphmodel.graph import LegalGraph

from .common import INSTRUMENT, instrument_ref
from .models import CITED_TYPES, CitedItem, CitedResult
from .traverse import downstream

BY = ("relation", "province")


def cited(graph: LegalGraph, *, by: str = "relation", limit: int | None = 20) -> CitedResult:
    """The ``limit`` most cited instruments (``None`` or 0: all of them)."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    g = graph.g
    rels = frozenset(CITED_TYPES)
    items = []
    for n, d in graph.nodes(INSTRUMENT):
        nb = downstream(graph, n, rels)
        if not nb:
            continue
        docs: set[str] = set()
        per_rel: dict[str, set[str]] = {}
        per_jur: dict[str, set[str]] = {}
        mentions = 0
        for (w, rel), evs in nb.items():
            docs.add(w)
            per_rel.setdefault(rel, set()).add(w)
            per_jur.setdefault(g.nodes[w].get("jurisdiction") or "unknown", set()).add(w)
            mentions += len({(e.get("source"), e.get("start"), e.get("end")) for e in evs})
        items.append(CitedItem(
            instrument=instrument_ref(graph, n), documents=len(docs), mentions=mentions,
            by_relation=tuple((rel, len(per_rel.get(rel, ()))) for rel in CITED_TYPES),
            by_jurisdiction=tuple(sorted(((j, len(s)) for j, s in per_jur.items()), key=lambda js: (-js[1], js[0]))),
        ))
    items.sort(key=lambda it: (-it.documents, -it.mentions, it.instrument.label, it.instrument.id))
    if limit:
        items = items[:limit]
    return CitedResult(by=by, items=tuple(items), limit=limit or None)
