"""``flow X``: who carries X out, transitively, their tasks and the agencies that act.

An instrument carries X out when it IMPLEMENTS X or rests on X (BASED_ON),
transitively (breadth first, each instrument once, cycle-safe, up to ``depth``;
``None`` = no limit); with ``include_cites`` (the default) also when it or one of
its tasks CITES X or an instrument that carries X out — a plan whose task says
*tiếp tục triển khai Nghị quyết 11-NQ/TW* carries 11-NQ/TW out through that task.
A document reached only by such a citation is not walked further (the relation
R of :mod:`queries.traverse`).

Then, for the subject and every instrument reached, every task (HAS_TASK and
its PART_OF descendants) and every agency that LEADS, COORDINATES or is
RESPONSIBLE_FOR it (``requested`` when so flagged), with the task's deadlines.
See :class:`queries.models.FlowResult` for the order of the answer.
"""
from __future__ import annotations

from graphmodel.errors import UnknownInstrument
from graphmodel.graph import LegalGraph

from .common import (
    AGENCY,
    DUTY_TYPES,
    INSTRUMENT,
    TASK,
    EvidenceReader,
    due_dates,
    instrument_ref,
    role_of,
    section_key,
)
from .models import Duty, FlowLink, FlowResult, InstrumentRef, rel_rank, role_rank
from .traverse import flow_walk


def flow(graph: LegalGraph, instrument_id: str, *, depth: int | None = None, include_cites: bool = True) -> FlowResult:
    """Downstream of ``instrument_id`` (an Instrument node id)."""
    g = graph.g
    if instrument_id not in g or g.nodes[instrument_id].get("kind") != INSTRUMENT:
        raise UnknownInstrument(f"no instrument with id '{instrument_id}' in the graph; "
                                "look it up by symbol or name (see `cancu cited`)")
    dist, edges, truncated = flow_walk(graph, instrument_id, depth, include_cites)
    reader = EvidenceReader(graph)
    refs = {n: instrument_ref(graph, n) for n in dist}
    levels = sorted(dist.items(), key=lambda kv: (kv[1], refs[kv[0]].label, kv[0]))
    links = [FlowLink(source=w, target=v, rel=rel, level=lv, evidence=reader.refs(evs))
             for (v, w, rel), (lv, evs) in edges.items()]
    links.sort(key=lambda ln: (ln.level, rel_rank(ln.rel), refs[ln.source].label, refs[ln.target].label,
                               ln.source, ln.target))
    duties = []
    for n, lv in levels:
        duties.extend(duties_of(graph, refs[n], reader))
    return FlowResult(subject=refs[instrument_id], instruments=tuple(refs[n] for n, _ in levels),
                      levels=tuple(levels), links=tuple(links), duties=tuple(duties), depth=depth,
                      include_cites=include_cites, truncated=tuple(truncated))


def duties_of(graph: LegalGraph, doc: InstrumentRef, reader: EvidenceReader) -> list[Duty]:
    """The duties in a document's tasks, sorted by (section order, role order, agency name, agency id).

    One pass over the task tree: each task's in-edges give both its PART_OF children
    and the agencies' roles (the raw networkx adjacency, for speed).
    """
    g = graph.g
    node, pred = g._node, g._pred  # hot path: the public views cost a wrapper per call
    out = []
    stack = [t for t, kd in g._succ[doc.id].items() if "HAS_TASK" in kd]
    seen = set()
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        td = node[t]
        due = None
        for a, kd in pred[t].items():
            ad = node[a]
            k = ad.get("kind")
            if k == TASK:
                if "PART_OF" in kd:
                    stack.append(a)
                continue
            if k != AGENCY:
                continue
            for rel, data in kd.items():
                if rel not in DUTY_TYPES:
                    continue
                if due is None:
                    due = due_dates(td)
                out.append(make_duty(doc, t, td, a, ad, rel, data, due, reader))
    out.sort(key=duty_key)
    return out


def make_duty(doc: InstrumentRef, t: str, td: dict, a: str, ad: dict, rel: str, data: dict, due, reader) -> Duty:
    return Duty(doc, t, str(td.get("section") or ""), td.get("text") or "", a, ad.get("name") or a,
                ad.get("jurisdiction") or None, role_of(rel, data), rel, bool(data.get("requested")), due,
                reader.refs(data.get("evidence")))


def duty_key(d: Duty) -> tuple:
    return (section_key(d.section), d.section, role_rank(d.role), d.agency, d.agency_id)
