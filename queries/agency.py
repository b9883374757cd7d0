"""``agency NAME``: an agency's tasks by role and due date, and why it is responsible.

For every task an agency LEADS, COORDINATES or is RESPONSIBLE_FOR (``requested``
when so flagged): the task's document (the plan), the task's deadlines, and the
plan's legal-basis chain (:func:`queries.basis.basis` over BASED_ON and
IMPLEMENTS, to the roots or ``depth``) — the instruments that make the task a
duty. See :class:`queries.models.AgencyReport` for the order of the answer.
"""
from __future__ import annotations

from collections.abc import Sequence

from graphmodel.errors import UnknownAgency
from graphmodel.graph import LegalGraph

from .basis import basis
from .common import (
    DUTY_TYPES,
    EvidenceReader,
    document_of,
    due_dates,
    instrument_ref,
    section_key,
)
from .flow import make_duty
from .models import (
    AgencyDuty,
    AgencyRef,
    AgencyReport,
    BasisTree,
    InstrumentRef,
    due_key,
    role_rank,
)


def agency_duties(graph: LegalGraph, agency: AgencyRef | str | Sequence[str], *,
                  depth: int | None = None) -> AgencyReport:
    """The duties of ``agency``: an :class:`AgencyRef` (from :func:`queries.lookup.find_agency`),
    one Agency node id, or several ids of the same agency."""
    g = graph.g
    ref = _as_ref(graph, agency)
    reader = EvidenceReader(graph)
    docs: dict[str, InstrumentRef] = {}
    trees: dict[str, BasisTree] = {}
    dues: dict[str, tuple] = {}
    out = []
    for a in ref.ids:
        ad = g.nodes[a]
        for t, kd in g.succ[a].items():
            td = g.nodes[t]
            if td.get("kind") != "Task":
                continue
            for rel, data in kd.items():
                if rel not in DUTY_TYPES:
                    continue
                doc = document_of(graph, t)
                if doc is None:
                    continue
                if doc not in docs:
                    docs[doc] = instrument_ref(graph, doc)
                    trees[doc] = basis(graph, doc, depth=depth)
                if t not in dues:
                    dues[t] = due_dates(td)
                duty = make_duty(docs[doc], t, td, a, ad, rel, data, dues[t], reader)
                out.append(AgencyDuty(duty=duty, basis=trees[doc].edges, basis_refs=trees[doc].instruments))
    out.sort(key=lambda ad: (role_rank(ad.duty.role), due_key(ad.duty.due), ad.duty.instrument.label,
                             ad.duty.instrument.id, section_key(ad.duty.section), ad.duty.section, ad.duty.agency_id))
    return AgencyReport(agency=ref, duties=tuple(out), depth=depth)


def _as_ref(graph: LegalGraph, agency) -> AgencyRef:
    if isinstance(agency, AgencyRef):
        ids = agency.ids
    elif isinstance(agency, str):
        ids = (agency,)
    else:
        ids = tuple(agency)
    g = graph.g
    for a in ids:
        if a not in g or g.nodes[a].get("kind") != "Agency":
            raise UnknownAgency(f"no agency with id '{a}' in the graph; look it up by name (`cancu agency NAME`)")
    if isinstance(agency, AgencyRef):
        return agency
    ids = tuple(sorted(ids))
    first = g.nodes[ids[0]]
    return AgencyRef(ids=ids, name=first.get("name") or ids[0], jurisdiction=first.get("jurisdiction") or None)
