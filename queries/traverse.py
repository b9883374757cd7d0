"""Breadth-first walks over legal-basis edges, cycle-safe and depth-limited.

Two neighbourhoods, one per direction:

* :func:`upstream` — what an instrument rests on: its own out-edges of the given
  types to instruments, plus (when CITES is asked for) the CITES edges of its
  tasks, given to it;
* :func:`downstream` — what carries an instrument out: in-edges of the given
  types from instruments, plus (with CITES) the CITES edges of tasks, given to
  the task's document.

Both return ``{(neighbour id, relationship type): [evidence dicts]}``. Self
loops (a document whose task cites the document itself) are left out.
:func:`bfs` visits each node once, so cycles terminate.

**The carrying-out relation R** used by ``basis --include-cites``, ``flow`` and
``compare``: document Y carries out (rests on) D when

    Y -[IMPLEMENTS|BASED_ON]->* D        or
    Y -[CITES]-> W -[IMPLEMENTS|BASED_ON]->* D

i.e. a CITES edge (of Y or of one of Y's tasks) counts only as the *first* hop,
from the citing document. A plan whose task says *tiếp tục thực hiện Chương trình
32-CTr/TU* (which implements 11-NQ/TW) carries out 11-NQ/TW; a plan implementing
31-CT/TW does not carry out 11-NQ/TW merely because 31-CT/TW mentions it.
:func:`basis_walk` gives ``{D : R(root, D)}``, :func:`flow_walk` ``{Y : R(Y, root)}``;
without cites both use IMPLEMENTS and BASED_ON only.
"""
from __future__ import annotations

from collections.abc import Callable

from graphmodel.graph import LegalGraph

from .common import BASIS_TYPES, INSTRUMENT, TASK, document_of, tasks_of

_BASIS = frozenset(BASIS_TYPES)
_CITES = frozenset({"CITES"})
_BOTH = _BASIS | _CITES

Neighbours = dict[tuple[str, str], list]


def upstream(graph: LegalGraph, node: str, rels: frozenset[str]) -> Neighbours:
    g = graph.g
    out: Neighbours = {}
    for v, kd in g.succ[node].items():
        if v == node or g.nodes[v].get("kind") != INSTRUMENT:
            continue
        for rel, data in kd.items():
            if rel in rels:
                out.setdefault((v, rel), []).extend(data.get("evidence") or ())
    if "CITES" in rels and g.nodes[node].get("kind") == INSTRUMENT:
        for t in tasks_of(graph, node):
            for v, kd in g.succ[t].items():
                if "CITES" in kd and v != node and g.nodes[v].get("kind") == INSTRUMENT:
                    out.setdefault((v, "CITES"), []).extend(kd["CITES"].get("evidence") or ())
    return out


def downstream(graph: LegalGraph, node: str, rels: frozenset[str]) -> Neighbours:
    g = graph.g
    out: Neighbours = {}
    for w, kd in g.pred[node].items():
        k = g.nodes[w].get("kind")
        for rel, data in kd.items():
            if rel not in rels:
                continue
            src = w
            if k == TASK and rel == "CITES":
                src = document_of(graph, w)
            elif k != INSTRUMENT:
                continue
            if src is None or src == node:
                continue
            out.setdefault((src, rel), []).extend(data.get("evidence") or ())
    return out


def bfs(root: str, neighbours: Callable[[str], Neighbours], depth: int | None):
    """Walk from ``root``; returns ``(dist, edges, truncated)``.

    ``dist``: node → distance (root 0); ``edges``: ``(expanded node, neighbour,
    rel)`` → ``(level, evidence)`` for every edge leaving a node expanded (those at a
    distance below ``depth``), ``level`` = the expanded node's distance + 1;
    ``truncated``: nodes at distance ``depth`` that have neighbours.
    """
    if depth is not None and depth < 0:
        raise ValueError("depth must be 0 or more")
    dist = {root: 0}
    edges: dict[tuple[str, str, str], tuple[int, list]] = {}
    frontier, level = [root], 0
    while frontier and (depth is None or level < depth):
        nxt = []
        for u in frontier:
            for (v, rel), evs in neighbours(u).items():
                edges[(u, v, rel)] = (level + 1, evs)
                if v not in dist:
                    dist[v] = level + 1
                    nxt.append(v)
        frontier, level = nxt, level + 1
    truncated = sorted(u for u in frontier if neighbours(u)) if frontier else []
    return dist, edges, truncated


def basis_walk(graph: LegalGraph, root: str, depth: int | None, include_cites: bool):
    """:func:`bfs` upstream over R: the root's own CITES (and its tasks') at the first hop only."""
    def neighbours(n):
        return upstream(graph, n, _BOTH if include_cites and n == root else _BASIS)
    return bfs(root, neighbours, depth)


def flow_walk(graph: LegalGraph, root: str, depth: int | None, include_cites: bool):
    """Downstream over R; returns ``(level, edges, truncated)``.

    Phase 1: :func:`bfs` over reversed IMPLEMENTS/BASED_ON gives the set S and each
    member's distance (its level). Phase 2 (with cites): every document that CITES
    (itself or by a task) a member ``s`` of S with ``level(s) < depth`` joins at
    level ``level(s) + 1`` (the smallest such) unless it is in S; it is not walked
    further. ``edges``: ``(target, source, rel)`` → ``(level(target) + 1, evidence)``
    for every carrying-out edge into a member of S below the depth limit.
    ``truncated``: members of S at the depth limit with a carrying-out in-edge.
    """
    dist, edges, _ = bfs(root, lambda n: downstream(graph, n, _BASIS), depth)
    level = dict(dist)
    if include_cites:
        for s, ds in dist.items():
            if depth is not None and ds >= depth:
                continue
            for (w, rel), evs in downstream(graph, s, _CITES).items():
                edges[(s, w, rel)] = (ds + 1, evs)
                if w not in dist and (w not in level or level[w] > ds + 1):
                    level[w] = ds + 1
    truncated = []
    if depth is not None:
        rels = _BOTH if include_cites else _BASIS
        truncated = sorted(n for n, d in dist.items() if d == depth and downstream(graph, n, rels))
    return level, edges, truncated
