"""``compare``: which jurisdictions carry out which central instruments, through which documents.

A loaded document of jurisdiction J carries out a central instrument D when D
is upstream of it over IMPLEMENTS and BASED_ON, transitively — and, with
``include_cites`` (the default, as in :func:`queries.flow.flow`), through a CITES
edge of the document or its tasks as the first hop (the relation R of
:mod:`queries.traverse`): exactly when the document is in ``flow(D)`` without a
depth limit.

*Central* (:func:`is_central`): an instrument whose ``jurisdiction`` is
``national``; else, with a symbol, one whose issuer code is national
(``graphmodel.instruments.is_local_symbol`` is False: ``11-NQ/TW``,
``1696/QĐ-TTg``, ``481/LĐTBXH-BĐG``); else, without a symbol and jurisdiction, one
of the types only central bodies issue (:data:`CENTRAL_TYPES`). Documents without
a jurisdiction are left out. See :class:`queries.models.CompareResult` for the order.
"""
from __future__ import annotations

from graphmodel.graph import LegalGraph
from graphmodel.instruments import is_local_symbol

from .common import INSTRUMENT, instrument_ref, is_loaded
from .models import CompareCell, CompareResult
from .traverse import basis_walk

NATIONAL = "national"
#: types issued by central bodies only (Hiến pháp, laws, ordinances, decrees, circulars)
CENTRAL_TYPES = frozenset({"Hiến pháp", "Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư"})


def is_central(data: dict) -> bool:
    jur = data.get("jurisdiction")
    if jur:
        return jur == NATIONAL
    if data.get("symbol"):
        return not is_local_symbol(data["symbol"])
    return data.get("doc_type") in CENTRAL_TYPES


def compare(graph: LegalGraph, *, include_cites: bool = True) -> CompareResult:
    g = graph.g
    central: dict[str, bool] = {}
    cells: dict[tuple[str, str], set[str]] = {}
    for doc, d in graph.nodes(INSTRUMENT):
        jur = d.get("jurisdiction")
        if not jur or not is_loaded(d):
            continue
        dist, _, _ = basis_walk(graph, doc, None, include_cites)
        for up in dist:
            if up == doc:
                continue
            if up not in central:
                central[up] = is_central(g.nodes[up])
            if central[up]:
                cells.setdefault((up, jur), set()).add(doc)
    refs = {n: instrument_ref(graph, n) for key, docs in cells.items() for n in (key[0], *docs)}
    per_directive: dict[str, int] = {}
    for directive, _ in cells:
        per_directive[directive] = per_directive.get(directive, 0) + 1
    out = [CompareCell(directive=refs[dv], jurisdiction=jur,
                       documents=tuple(sorted((refs[x] for x in docs), key=lambda r: (r.label, r.id))))
           for (dv, jur), docs in cells.items()]
    out.sort(key=lambda c: (-per_directive[c.directive.id], c.directive.label, c.directive.id, c.jurisdiction))
    return CompareResult(cells=tuple(out), include_cites=include_cites,
                         jurisdictions=tuple(sorted({jur for _, jur in cells})))
