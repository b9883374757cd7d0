"""What a page shows: a ``View`` — node ids and edges of a ``LegalGraph`` — and the adapters
that turn the answers of the named queries into views.

A view is plain data (a small frozen dataclass), so any answer can become a page:

* ``view_from_basis(graph, BasisTree)`` — the instruments of a legal-basis chain and its edges;
* ``view_from_flow(graph, FlowResult, province=None)`` — the documents that carry an
  instrument out, their tasks (with the task tree up to the document) and the agencies
  that lead, coordinate or are asked; with ``province`` only that province's documents
  and the documents on the way from them up to the subject;
* ``view_from_agency(graph, AgencyReport)`` — an agency's tasks, the plans that set
  them and those plans' basis chains.

The query decides what is in the answer; the adapter adds only the structure that
makes it readable (a task's PART_OF / HAS_TASK chain to its document). Each edge
keeps the evidence the query gave (a task's citation given to its document by the
query is drawn as the document's edge, with the task's quote).
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graphmodel.normalize import fold

from .labels import agency_title, node_label

VIEW_KINDS = ("basis", "flow", "agency", "custom")

Edge = tuple[str, str, str]  # (from id, to id, relationship type)


@dataclass(frozen=True)
class View:
    """A subgraph to draw: node ids, edges ``(u, v, type)``, a title and what kind of view it is.

    ``focus`` names the subject(s) (drawn with a red border); ``notes`` say what was left
    out and why (shown on the page); ``evidence`` gives, per edge, the evidence dicts
    (``source, start, end, quote, section``, optionally ``line``) to show instead of the
    graph's — needed for edges a query derives, which the graph does not hold as such.
    """

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    title: str
    kind: str = "custom"
    focus: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    evidence: tuple[tuple[Edge, tuple[dict, ...]], ...] = ()

    def __post_init__(self):
        if self.kind not in VIEW_KINDS:
            raise ValueError(f"unknown view kind {self.kind!r}; use one of {', '.join(VIEW_KINDS)}")

    @classmethod
    def of(cls, nodes, edges, *, title: str, kind: str = "custom", focus=(), notes=(), evidence=None) -> View:
        """A view with nodes and edges de-duplicated in a stable order (the first evidence given for an edge wins)."""
        nodes = tuple(dict.fromkeys(nodes))
        edges = tuple(dict.fromkeys(tuple(e) for e in edges))
        ev: dict[Edge, tuple[dict, ...]] = {}
        for e, evs in (evidence.items() if isinstance(evidence, dict) else evidence or ()):
            ev.setdefault(tuple(e), tuple(evs))
        return cls(nodes, edges, title, kind, tuple(dict.fromkeys(focus)), tuple(notes), tuple(ev.items()))

    def evidence_of(self, edge: Edge) -> tuple[dict, ...] | None:
        for e, evs in self.evidence:
            if e == edge:
                return evs
        return None


def _ev_dicts(refs) -> tuple[dict, ...]:
    """Evidence of a query answer (``EvidenceRef``) as dicts."""
    return tuple(r.to_dict() for r in refs)


def _label(graph, n: str) -> str:
    return node_label(graph.g.nodes[n]).replace("\n", " · ")


def task_chain(graph, task: str) -> list[Edge]:
    """Edges from a task up through PART_OF to its top-level task, and the document's HAS_TASK to it."""
    g = graph.g
    edges: list[Edge] = []
    seen = {task}
    n = task
    while True:
        ups = sorted(v for v, kd in g.succ[n].items() if "PART_OF" in kd and g.nodes[v].get("kind") == "Task")
        if not ups:
            break
        edges.append((n, ups[0], "PART_OF"))
        if ups[0] in seen:
            break
        n = ups[0]
        seen.add(n)
    edges.extend((u, n, "HAS_TASK") for u, kd in sorted(g.pred[n].items()) if "HAS_TASK" in kd)
    return edges


def _depth_note(truncated, depth) -> list[str]:
    if not truncated:
        return []
    return [f"{len(truncated)} văn bản còn quan hệ xa hơn giới hạn --depth {depth} (không hiển thị)."]


def view_from_basis(graph, tree) -> View:
    """A ``queries.basis`` answer (``BasisTree``) as a view."""
    edges = [(e.source, e.target, e.rel) for e in tree.edges]
    evidence = {(e.source, e.target, e.rel): _ev_dicts(e.evidence) for e in tree.edges}
    return View.of([r.id for r in tree.instruments], edges, title=f"Căn cứ pháp lý của {_label(graph, tree.root.id)}",
                   kind="basis", focus=(tree.root.id,), notes=_depth_note(tree.truncated, tree.depth),
                   evidence=evidence)


def _duty_parts(graph, duty, nodes: list, edges: list, evidence: dict) -> None:
    chain = task_chain(graph, duty.task_id)
    nodes.extend([duty.task_id, duty.agency_id])
    nodes.extend(x for e in chain for x in e[:2])
    edges.extend(chain)
    e = (duty.agency_id, duty.task_id, duty.rel)
    edges.append(e)
    evidence.setdefault(e, _ev_dicts(duty.evidence))


def view_from_flow(graph, result, *, province: str | None = None) -> View:
    """A ``queries.flow`` answer (``FlowResult``) as a view, only one province's documents when given.

    With ``province`` (a jurisdiction value of the graph, see ``queries.lookup.province_of``)
    the view keeps the documents of that province, the documents on the way from them up to
    the subject, and the subject; the duties of the documents kept.
    """
    docs = [r.id for r in result.instruments]
    links = list(result.links)
    notes = _depth_note(result.truncated, result.depth)
    if province:
        up = nx.DiGraph()
        up.add_nodes_from(docs)
        up.add_edges_from((ln.source, ln.target) for ln in links)
        pf = fold(province)
        keep = {r.id for r in result.instruments if fold(r.jurisdiction or "") == pf}
        for n in list(keep):
            keep |= nx.descendants(up, n)
        keep.add(result.subject.id)
        left = [n for n in docs if n not in keep]
        if left:
            notes.append(f"{len(left)} văn bản khác không hiển thị: không thuộc {province} và không nằm trên "
                         f"đường từ văn bản của {province} lên văn bản gốc.")
        docs = [n for n in docs if n in keep]
        links = [ln for ln in links if ln.source in keep and ln.target in keep]
    kept = set(docs)
    nodes: list[str] = list(docs)
    edges: list[Edge] = [(ln.source, ln.target, ln.rel) for ln in links]
    evidence = {(ln.source, ln.target, ln.rel): _ev_dicts(ln.evidence) for ln in links}
    for d in result.duties:
        if d.instrument.id in kept:
            _duty_parts(graph, d, nodes, edges, evidence)
    return View.of(nodes, edges, title=f"Triển khai {_label(graph, result.subject.id)}", kind="flow",
                   focus=(result.subject.id,), notes=notes, evidence=evidence)


def view_from_agency(graph, report) -> View:
    """A ``queries.agency_duties`` answer (``AgencyReport``) as a view."""
    nodes: list[str] = list(report.agency.ids)
    edges: list[Edge] = []
    evidence: dict[Edge, tuple[dict, ...]] = {}
    for ad in report.duties:
        _duty_parts(graph, ad.duty, nodes, edges, evidence)
        nodes.append(ad.duty.instrument.id)
        nodes.extend(r.id for r in ad.basis_refs)
        for e in ad.basis:
            edges.append((e.source, e.target, e.rel))
            evidence.setdefault((e.source, e.target, e.rel), _ev_dicts(e.evidence))
    if not report.duties:
        notes = ["Cơ quan này chưa được giao nhiệm vụ nào trong các văn bản đã nạp."]
    else:
        notes = []
    return View.of(nodes, edges, title=f"Nhiệm vụ của {agency_title(report.agency.name, report.agency.jurisdiction)}", kind="agency",
                   focus=tuple(report.agency.ids), notes=notes, evidence=evidence)
