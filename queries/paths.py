"""``path X Y``: the shortest chain of legal-basis edges between two instruments.

Edges are taken in either direction (``118/KH-UBND -[IMPLEMENTS]-> 31-CT/TW
<-[IMPLEMENTS]- 96/KH-UBND``); each step reports its edges and their direction.
Allowed types: ``rels`` (default :data:`PATH_TYPES`); a task's CITES edge counts
for its document. Among shortest paths, the one whose sequence of node ids is
lexicographically smallest (breadth first from X with neighbours in id order
gives exactly that).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable

from graphmodel.errors import UnknownInstrument
from graphmodel.graph import LegalGraph

from .common import INSTRUMENT, EvidenceReader, instrument_ref
from .models import PathEdge, PathResult, PathStep, rel_rank
from .traverse import downstream, upstream

#: the relationships a path may use by default
PATH_TYPES = ("BASED_ON", "IMPLEMENTS", "CITES", "ATTACHES")


def path(graph: LegalGraph, x: str, y: str, *, rels: Iterable[str] = PATH_TYPES) -> PathResult:
    """The shortest path between Instrument ids ``x`` and ``y``; ``found`` is False when there is none."""
    g = graph.g
    for n in (x, y):
        if n not in g or g.nodes[n].get("kind") != INSTRUMENT:
            raise UnknownInstrument(f"no instrument with id '{n}' in the graph; look it up by symbol or name")
    rels = frozenset(rels)

    def neighbours(u):
        """``{v: [(rel, forward, evidence)]}``"""
        out: dict[str, list] = {}
        for (v, rel), evs in upstream(graph, u, rels).items():
            out.setdefault(v, []).append((rel, True, evs))
        for (v, rel), evs in downstream(graph, u, rels).items():
            out.setdefault(v, []).append((rel, False, evs))
        return out

    parent: dict[str, str | None] = {x: None}
    hop: dict[str, list] = {}
    frontier = [x]
    while frontier and y not in parent:
        nxt = []
        for u in frontier:
            nb = neighbours(u)
            for v in sorted(nb):
                if v not in parent:
                    parent[v] = u
                    hop[v] = nb[v]
                    nxt.append(v)
        frontier = nxt
    reader = EvidenceReader(graph)
    if y not in parent:
        refs = (instrument_ref(graph, x), instrument_ref(graph, y))
        return PathResult(start=refs[0], end=refs[1], nodes=refs, steps=(), rels=tuple(sorted(rels, key=rel_rank)),
                          found=False)
    chain = [y]
    while parent[chain[-1]] is not None:
        chain.append(parent[chain[-1]])
    chain.reverse()
    steps = []
    for u, v in itertools.pairwise(chain):
        edges = sorted(((rel, fwd, evs) for rel, fwd, evs in hop[v]), key=lambda e: (rel_rank(e[0]), not e[1]))
        steps.append(PathStep(source=u, target=v,
                              edges=tuple(PathEdge(rel=r, forward=f, evidence=reader.refs(e)) for r, f, e in edges)))
    nodes = tuple(instrument_ref(graph, n) for n in chain)
    return PathResult(start=nodes[0], end=nodes[-1], nodes=nodes, steps=tuple(steps),
                      rels=tuple(sorted(rels, key=rel_rank)), found=True)
