"""``basis X``: the upstream legal-basis tree of an instrument, to the roots.

Edges followed (outgoing from each instrument reached): BASED_ON (*Căn cứ*) and
IMPLEMENTS (*Thực hiện / Triển khai*); with ``include_cites`` also the CITES edges
of the root itself and of its tasks (a task's citation counts for its document) —
only at the first hop, as in the relation R of :mod:`queries.traverse`: what the
root mentions, and what those rest on, but not what they mention in turn.
Breadth first: each instrument is expanded once (cycles terminate), at its
shortest distance from the root; ``depth`` limits the distance (``None`` = to the
roots, ``0`` = the root alone). See :class:`queries.models.BasisTree` for the order
of the answer.
"""
from __future__ import annotations

from graphmodel.errors import UnknownInstrument
from graphmodel.graph import LegalGraph

from .common import INSTRUMENT, EvidenceReader, instrument_ref
from .models import BasisEdge, BasisTree, rel_rank
from .traverse import basis_walk


def basis(graph: LegalGraph, instrument_id: str, *, depth: int | None = None,
          include_cites: bool = False) -> BasisTree:
    """The upstream tree of ``instrument_id`` (an Instrument node id; see :func:`queries.lookup.find_instrument`)."""
    g = graph.g
    if instrument_id not in g or g.nodes[instrument_id].get("kind") != INSTRUMENT:
        raise UnknownInstrument(f"no instrument with id '{instrument_id}' in the graph; "
                                "look it up by symbol or name (see `cancu cited`)")
    dist, edges, truncated = basis_walk(graph, instrument_id, depth, include_cites)
    return _tree(graph, instrument_id, dist, edges, truncated, depth, include_cites)


def _tree(graph, root, dist, edges, truncated, depth, include_cites) -> BasisTree:
    reader = EvidenceReader(graph)
    refs = {n: instrument_ref(graph, n) for n in dist}
    levels = sorted(dist.items(), key=lambda kv: (kv[1], refs[kv[0]].label, kv[0]))
    out = [BasisEdge(source=u, target=v, rel=rel, level=lv, evidence=reader.refs(evs))
           for (u, v, rel), (lv, evs) in edges.items()]
    out.sort(key=lambda e: (e.level, rel_rank(e.rel), refs[e.source].label, refs[e.target].label, e.source, e.target))
    return BasisTree(root=refs[root], instruments=tuple(refs[n] for n, _ in levels), levels=tuple(levels),
                     edges=tuple(out), depth=depth, include_cites=include_cites, truncated=tuple(truncated))
