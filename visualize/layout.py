"""Where nodes go: layers from the top (directives, laws) down to the agencies, and positions.

``layers`` turns every edge into an "above → below" pair (a plan rests on a law:
the law is above; a plan sets a task: the plan is above; an agency leads a task:
the task is above) and gives each node the length of the longest chain above it
(cycles are folded into one step). Agencies and people always take the bottom
layer. ``positions`` lays the layers out in rows and orders each row by the mean
position of the nodes it hangs from (barycentre), so that lines cross less; very
wide rows are wrapped. Pages with more than a few hundred nodes use these
positions with physics off; smaller pages let vis-network's hierarchical layout
place the nodes on the same layers.
"""
from __future__ import annotations

import networkx as nx

#: relationship type → True when its source is drawn above its target
SOURCE_ABOVE = {
    "BASED_ON": False, "IMPLEMENTS": False, "CITES": False, "ATTACHES": False, "PROPOSED_BY": False,
    "PART_OF": False, "LEADS": False, "COORDINATES": False, "RESPONSIBLE_FOR": False,
    "HAS_TASK": True, "ISSUED_BY": True, "SIGNED_BY": True, "ADDRESSED_TO": True, "COPIED_TO": True,
}
BOTTOM_KINDS = ("Agency", "Person")


def _downward(nodes, edges) -> nx.DiGraph:
    h = nx.DiGraph()
    h.add_nodes_from(nodes)
    for u, v, rel in edges:
        if u == v:
            continue
        a, b = (u, v) if SOURCE_ABOVE.get(rel, False) else (v, u)
        h.add_edge(a, b)
    return h


def layers(nodes, edges, kinds: dict[str, str]) -> dict[str, int]:
    """Layer of every node: 0 at the top; agencies and people on the bottom layer."""
    nodes = list(nodes)
    body = [n for n in nodes if kinds.get(n) not in BOTTOM_KINDS]
    body_set = set(body)
    h = _downward(body, [e for e in edges if e[0] in body_set and e[1] in body_set])
    cond = nx.condensation(h)
    level: dict[str, int] = {}
    for depth, generation in enumerate(nx.topological_generations(cond)):
        for c in generation:
            for n in cond.nodes[c]["members"]:
                level[n] = depth
    bottom = (max(level.values()) + 1) if level else 0
    for n in nodes:
        if n not in level:
            level[n] = bottom
    return level


X_GAP, Y_GAP, ROW_GAP = 270.0, 190.0, 110.0


def row_width(layer_sizes, *, aspect: float = 1.4, x_gap: float = X_GAP, y_gap: float = Y_GAP,
              row_gap: float = ROW_GAP, least: int = 6, most: int = 60) -> int:
    """How many nodes a row may hold so that the whole drawing is about ``aspect`` wide to 1 high.

    >>> row_width([1, 3, 70])
    8
    """
    sizes = [s for s in layer_sizes if s]
    if not sizes:
        return least
    widest = max(sizes)
    best, best_err = widest, None
    for w in range(least, max(least, min(most, widest)) + 1):
        rows = [-(-s // w) for s in sizes]
        height = len(sizes) * y_gap + sum(r - 1 for r in rows) * row_gap
        width = min(w, widest) * x_gap
        err = abs(width / height - aspect)
        if best_err is None or err < best_err:
            best, best_err = w, err
    return best


def positions(nodes, edges, level: dict[str, int], *, x_gap: float = X_GAP, y_gap: float = Y_GAP,
              row_gap: float = ROW_GAP, max_row: int | None = None, sweeps: int = 4) -> dict[str, tuple[float, float]]:
    """x, y of every node: rows by layer, ordered by barycentre, rows wider than ``max_row`` wrapped.

    Without ``max_row`` the rows are wrapped so that the drawing fits a wide screen (``row_width``).
    """
    nodes = list(nodes)
    h = _downward(nodes, edges)
    by_layer: dict[int, list[str]] = {}
    for n in nodes:  # the input order is the first order within a row
        by_layer.setdefault(level[n], []).append(n)
    order = sorted(by_layer)
    if max_row is None:
        max_row = row_width([len(by_layer[lay]) for lay in order], x_gap=x_gap, y_gap=y_gap, row_gap=row_gap)
    rank = {n: i for lay in order for i, n in enumerate(by_layer[lay])}

    def sort_row(lay, neighbours):
        row = by_layer[lay]
        keyed = []
        for i, n in enumerate(row):
            ns = [rank[m] for m in neighbours(n) if m in rank and level[m] != lay]
            keyed.append((sum(ns) / len(ns) if ns else rank[n], i, n))
        by_layer[lay] = [n for *_, n in sorted(keyed)]
        for i, n in enumerate(by_layer[lay]):
            rank[n] = i

    for s in range(sweeps):  # down with parents, then up with children
        seq, nb = (order[1:], h.predecessors) if s % 2 == 0 else (order[-2::-1], h.successors)
        for lay in seq:
            sort_row(lay, nb)

    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for lay in order:
        row = by_layer[lay]
        chunks = [row[i:i + max_row] for i in range(0, len(row), max_row)]
        for c, chunk in enumerate(chunks):
            width = (len(chunk) - 1) * x_gap
            # wrapped rows are staggered so that lines into them stay visible
            shift = (x_gap / 2) if c % 2 else 0.0
            for i, n in enumerate(chunk):
                pos[n] = (round(i * x_gap - width / 2 + shift, 1), round(y, 1))
            y += row_gap if c < len(chunks) - 1 else 0
        y += y_gap
    return pos
