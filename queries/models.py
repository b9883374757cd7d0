"""The answers of the named queries: small frozen dataclasses with ``rows()``.

Every result holds typed values (ids, :class:`InstrumentRef`, :class:`EvidenceRef`)
and a ``rows(evidence=False)`` method that flattens it into dicts for the
``table | md | json | csv`` writers of ``cancu/output.py``. ``evidence=True`` adds
two columns, ``evidence`` (``file:line``; several joined by ``; ``) and ``quote``
(the quoted sentences, white space collapsed, joined by `` | ``).

The order of every tuple is fixed and documented on the query that builds it,
so the Cypher twins (``queries/cypher``) can reproduce the answers exactly.

Display rules shared by all rows:

* an instrument is shown by :attr:`InstrumentRef.label`: its ``symbol``; else its
  ``doc_type`` and ``title`` (the type word left out when the title already starts
  with it); else its id. Rows cut labels to :data:`LABEL_WIDTH` characters (``…``);
* a task is shown as ``"<section> <text>"`` cut to :data:`TASK_WIDTH` characters;
* a due date as its ``due`` value (``YYYY-MM-DD`` or ``--MM-DD``) followed by
  `` (<recurring>)`` when it recurs; several joined by ``; ``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from graphmodel.normalize import collapse_spaces, fold

#: widest instrument label in rows (characters, ``…`` included)
LABEL_WIDTH = 50
#: widest task text in rows
TASK_WIDTH = 50

#: order of relationship types in sorted output
REL_ORDER = ("IMPLEMENTS", "BASED_ON", "CITES", "ATTACHES", "PROPOSED_BY")
#: order of roles in sorted output; role names as in ``shared/gold/README.md``
ROLE_ORDER = ("lead", "coordinate", "assigned", "requested")


def cut(text: str | None, width: int) -> str:
    """``text`` with white space collapsed, cut to ``width`` characters with ``…``."""
    s = collapse_spaces(text or "")
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def rel_rank(rel: str) -> int:
    return REL_ORDER.index(rel) if rel in REL_ORDER else len(REL_ORDER)


def role_rank(role: str) -> int:
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


# --- evidence ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """One sentence behind an edge: file, 1-based line (``None`` when the text is not kept), span, quote."""

    source: str
    start: int
    end: int
    quote: str
    line: int | None = None
    section: str | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def to_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "start": self.start, "end": self.end,
                "quote": self.quote, "section": self.section}


EVIDENCE_COLUMNS = ("evidence", "quote")


def with_evidence(columns: tuple[str, ...], evidence: bool) -> list[str]:
    return list(columns) + (list(EVIDENCE_COLUMNS) if evidence else [])


def evidence_columns(evs) -> dict:
    """The two ``--evidence`` columns for a list of :class:`EvidenceRef` (duplicates dropped, order kept)."""
    wheres, quotes = [], []
    for e in evs:
        if e.where not in wheres:
            wheres.append(e.where)
        q = collapse_spaces(e.quote)
        if q and q not in quotes:
            quotes.append(q)
    return {"evidence": "; ".join(wheres), "quote": " | ".join(quotes)}


# --- nodes ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class InstrumentRef:
    """What rows show of an Instrument node."""

    id: str
    symbol: str | None = None
    doc_type: str | None = None
    title: str | None = None
    date: str | None = None
    jurisdiction: str | None = None
    loaded: bool = False

    @property
    def label(self) -> str:
        if self.symbol:
            return self.symbol
        title = collapse_spaces(self.title or "")
        if title:
            if self.doc_type and not fold(title).startswith(fold(self.doc_type)):
                return f"{self.doc_type} {title}"
            return title
        return self.id

    @property
    def short(self) -> str:
        return cut(self.label, LABEL_WIDTH)

    def sort_key(self) -> tuple:
        return (self.label, self.id)

    def to_dict(self) -> dict:
        return {"id": self.id, "symbol": self.symbol, "doc_type": self.doc_type, "title": self.title,
                "date": self.date, "jurisdiction": self.jurisdiction, "loaded": self.loaded}


@dataclass(frozen=True, slots=True)
class AgencyRef:
    """An agency as found by :func:`queries.lookup.find_agency`.

    ``ids`` holds every node of the one agency (same comparison key, same
    jurisdiction): while name resolution is unfinished one agency may still be
    split over several nodes, and its duties are the union.
    """

    ids: tuple[str, ...]
    name: str
    jurisdiction: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.jurisdiction})" if self.jurisdiction else self.name


@dataclass(frozen=True, slots=True)
class DueDate:
    """A deadline of a task (``due``: ``YYYY-MM-DD`` or ``--MM-DD`` for a yearly date)."""

    due: str
    what: str | None = None
    to: str | None = None
    recurring: str | None = None
    quote: str | None = None

    @property
    def text(self) -> str:
        return f"{self.due} ({self.recurring})" if self.recurring else self.due


def due_key(due: tuple[DueDate, ...]) -> tuple:
    """Sort key of a task by its earliest deadline: dated first, then yearly (``--MM-DD``), then none."""
    if not due:
        return (2, "")
    first = min(due, key=lambda d: (d.due.startswith("--"), d.due))
    return (1 if first.due.startswith("--") else 0, first.due)


def due_text(due: tuple[DueDate, ...]) -> str:
    return "; ".join(d.text for d in due)


# --- basis ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class BasisEdge:
    """``source -[rel]-> target``: ``source`` rests on / carries out / cites ``target``.

    ``level`` is the BFS distance of ``source`` from the root plus one (1 = a
    direct basis of the root). CITES edges found on a document's tasks are
    given to the document, their evidence merged.
    """

    source: str
    target: str
    rel: str
    level: int
    evidence: tuple[EvidenceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class BasisTree:
    """The upstream legal-basis graph of ``root`` (a tree when no basis is shared).

    * ``levels``: every instrument reached → its BFS distance from the root
      (the root itself at 0), as ``(id, level)`` sorted by (level, label, id);
    * ``edges``: every basis edge leaving a reached instrument whose distance is
      below the depth limit (CITES only from the root, see ``queries.traverse``),
      sorted by (level, relation order IMPLEMENTS, BASED_ON, CITES, source
      label, target label, source id, target id);
    * ``truncated``: ids at the depth limit that have further basis edges.
    """

    root: InstrumentRef
    instruments: tuple[InstrumentRef, ...]
    levels: tuple[tuple[str, int], ...]
    edges: tuple[BasisEdge, ...]
    depth: int | None = None
    include_cites: bool = False
    truncated: tuple[str, ...] = ()

    COLUMNS: ClassVar[tuple[str, ...]] = ("level", "relation", "instrument", "of", "type", "date")

    def columns(self, evidence: bool = False) -> list[str]:
        return with_evidence(self.COLUMNS, evidence)

    def table_columns(self, evidence: bool = False) -> list[str]:
        """At most six columns, to fit an 80-column terminal (type and date yield to the evidence)."""
        return ["level", "relation", "instrument", "of", "evidence", "quote"] if evidence else list(self.COLUMNS)

    def ref(self, node_id: str) -> InstrumentRef:
        for r in self.instruments:
            if r.id == node_id:
                return r
        raise KeyError(node_id)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.instruments)

    @property
    def symbols(self) -> frozenset[str]:
        return frozenset(r.symbol for r in self.instruments if r.symbol)

    def rows(self, evidence: bool = False) -> list[dict]:
        """A first row for the root (level 0), then one row per edge.

        Columns: ``level, relation, instrument, of, type, date`` (``instrument`` is
        the basis, ``of`` the document that rests on it) [+ ``evidence, quote``].
        """
        refs = {r.id: r for r in self.instruments}
        root = self.root
        first = {"level": 0, "relation": "", "instrument": root.short, "of": "", "type": root.doc_type or "",
                 "date": root.date or ""}
        if evidence:
            first.update({"evidence": "", "quote": ""})
        out = [first]
        for e in self.edges:
            t, s = refs[e.target], refs[e.source]
            row = {"level": e.level, "relation": e.rel, "instrument": t.short, "of": s.short,
                   "type": t.doc_type or "", "date": t.date or ""}
            if evidence:
                row.update(evidence_columns(e.evidence))
            out.append(row)
        return out


# --- duties (flow and agency) -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Duty:
    """An agency's role in one task of one document.

    ``role`` is ``lead`` (LEADS), ``coordinate`` (COORDINATES), ``requested``
    (RESPONSIBLE_FOR with ``requested: true``) or ``assigned`` (other RESPONSIBLE_FOR).
    ``due`` are the task's own deadlines, sorted by (yearly last, due).
    """

    instrument: InstrumentRef
    task_id: str
    section: str
    task: str
    agency_id: str
    agency: str
    agency_jurisdiction: str | None
    role: str
    rel: str
    requested: bool = False
    due: tuple[DueDate, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()

    @property
    def task_text(self) -> str:
        return cut(f"{self.section} {self.task}".strip(), TASK_WIDTH)


# --- flow ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FlowLink:
    """``source -[rel]-> target`` where ``source`` carries out ``target``.

    ``level`` is the BFS distance of ``target`` from the subject plus one (1 = a
    document that carries out the subject directly). A task's CITES edge is given
    to the task's document, evidence merged.
    """

    source: str
    target: str
    rel: str
    level: int
    evidence: tuple[EvidenceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class FlowResult:
    """Downstream of ``subject``: who carries it out, their tasks and the agencies.

    * ``instruments``: the subject first, then every instrument reached, sorted
      by (level, label, id); ``levels`` gives each one's level as ``(id, level)`` in
      the same order. The level of an instrument that reaches the subject over
      IMPLEMENTS/BASED_ON is the number of such edges on the shortest way (subject
      0); of one reached only by a citation, 1 + the level of the nearest
      instrument it cites (see ``queries.traverse.flow_walk``);
    * ``links``: every carrying-out edge into a member reached over
      IMPLEMENTS/BASED_ON whose level is below the depth limit, sorted by (level,
      relation order, source label, target label, source id, target id);
    * ``duties``: the duties of every task of the subject and of the reached
      instruments, sorted by (level, instrument label, instrument id, section
      order, role order, agency name, agency id);
    * ``truncated``: ids at the depth limit that are carried out further.
    """

    subject: InstrumentRef
    instruments: tuple[InstrumentRef, ...]
    levels: tuple[tuple[str, int], ...]
    links: tuple[FlowLink, ...]
    duties: tuple[Duty, ...]
    depth: int | None = None
    include_cites: bool = True
    truncated: tuple[str, ...] = ()

    COLUMNS: ClassVar[tuple[str, ...]] = ("level", "document", "jurisdiction", "via", "task", "agency", "role", "due")
    DOCUMENT_COLUMNS: ClassVar[tuple[str, ...]] = ("level", "document", "jurisdiction", "via", "duties")
    DUTY_COLUMNS: ClassVar[tuple[str, ...]] = ("document", "task", "agency", "role", "due")

    def columns(self, evidence: bool = False) -> list[str]:
        return with_evidence(self.COLUMNS, evidence)

    def document_columns(self, evidence: bool = False, *, table: bool = False) -> list[str]:
        if evidence and table:
            return ["level", "document", "jurisdiction", "via", "evidence", "quote"]
        return with_evidence(self.DOCUMENT_COLUMNS, evidence)

    def duty_columns(self, evidence: bool = False, *, table: bool = False) -> list[str]:
        if evidence and table:
            return ["document", "agency", "role", "due", "evidence", "quote"]
        return with_evidence(self.DUTY_COLUMNS, evidence)

    def document_rows(self, evidence: bool = False) -> list[dict]:
        """One row per instrument (subject first): ``level, document, jurisdiction, via, duties`` (their
        number) [+ the links' ``evidence, quote``]."""
        refs = {r.id: r for r in self.instruments}
        level = dict(self.levels)
        via: dict[str, list[FlowLink]] = {}
        for ln in self.links:
            via.setdefault(ln.source, []).append(ln)
        count: dict[str, int] = {}
        for d in self.duties:
            count[d.instrument.id] = count.get(d.instrument.id, 0) + 1
        out = []
        for r in self.instruments:
            links = via.get(r.id, [])
            row = {"level": level[r.id], "document": r.short, "jurisdiction": r.jurisdiction or "",
                   "via": "; ".join(f"{ln.rel} {refs[ln.target].short}" for ln in links),
                   "duties": count.get(r.id, 0)}
            if evidence:
                row.update(evidence_columns([e for ln in links for e in ln.evidence]))
            out.append(row)
        return out

    def duty_rows(self, evidence: bool = False) -> list[dict]:
        """One row per duty, in ``duties`` order: ``document, task, agency, role, due`` [+ ``evidence, quote``]."""
        out = []
        for d in self.duties:
            row = {"document": d.instrument.short, "task": d.task_text, "agency": d.agency, "role": d.role,
                   "due": due_text(d.due)}
            if evidence:
                row.update(evidence_columns(d.evidence))
            out.append(row)
        return out

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.instruments)

    @property
    def symbols(self) -> frozenset[str]:
        return frozenset(r.symbol for r in self.instruments if r.symbol)

    @property
    def agencies(self) -> frozenset[str]:
        return frozenset(d.agency_id for d in self.duties)

    def rows(self, evidence: bool = False) -> list[dict]:
        """One row per duty; an instrument without duties gets one row with empty task columns.

        Columns: ``level, document, jurisdiction, via, task, agency, role, due``
        [+ ``evidence, quote``]. ``via`` lists the links from the document to what
        it carries out (``IMPLEMENTS 31-CT/TW``; several joined by ``; ``); the
        evidence is the duty's sentence, or for a row without duty the links'.
        """
        refs = {r.id: r for r in self.instruments}
        level = dict(self.levels)
        via: dict[str, list[FlowLink]] = {}
        for ln in self.links:
            via.setdefault(ln.source, []).append(ln)
        duties: dict[str, list[Duty]] = {}
        for d in self.duties:
            duties.setdefault(d.instrument.id, []).append(d)
        out = []
        for r in self.instruments:
            links = via.get(r.id, [])
            base = {"level": level[r.id], "document": r.short, "jurisdiction": r.jurisdiction or "",
                    "via": "; ".join(f"{ln.rel} {refs[ln.target].short}" for ln in links)}
            if not duties.get(r.id):
                row = {**base, "task": "", "agency": "", "role": "", "due": ""}
                if evidence:
                    row.update(evidence_columns([e for ln in links for e in ln.evidence]))
                out.append(row)
                continue
            for d in duties[r.id]:
                row = {**base, "task": d.task_text, "agency": d.agency, "role": d.role, "due": due_text(d.due)}
                if evidence:
                    row.update(evidence_columns(d.evidence))
                out.append(row)
        return out


# --- agency -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AgencyDuty:
    """A duty of the agency and the legal basis of the document that gives it."""

    duty: Duty
    basis: tuple[BasisEdge, ...] = ()
    basis_refs: tuple[InstrumentRef, ...] = ()

    def basis_text(self) -> str:
        """The chain in edge order, grouped by (source, relation):
        ``IMPLEMENTS 118/KH-UBND; 118/KH-UBND: IMPLEMENTS 31-CT/TW; 118/KH-UBND: BASED_ON 28/NQ-CP, Luật …``
        (the plan's own edges without the ``source:`` prefix)."""
        refs = {r.id: r for r in self.basis_refs}
        plan = self.duty.instrument.id
        groups: dict[tuple[str, str], list[str]] = {}
        for e in self.basis:
            groups.setdefault((e.source, e.rel), []).append(refs[e.target].short)
        parts = []
        for (source, rel), targets in groups.items():
            prefix = "" if source == plan else f"{refs[source].short}: "
            parts.append(f"{prefix}{rel} {', '.join(targets)}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class AgencyReport:
    """The duties of one agency, sorted by (role order, earliest due, plan label, plan id, section order)."""

    agency: AgencyRef
    duties: tuple[AgencyDuty, ...]
    depth: int | None = None

    COLUMNS: ClassVar[tuple[str, ...]] = ("role", "due", "plan", "jurisdiction", "task", "basis")

    def columns(self, evidence: bool = False) -> list[str]:
        return with_evidence(self.COLUMNS, evidence)

    def table_columns(self, evidence: bool = False) -> list[str]:
        """At most six columns for an 80-column terminal: the plan's jurisdiction (the agency's,
        named in the title) left out; with evidence, the basis too."""
        return ["role", "due", "plan", "task", "evidence", "quote"] if evidence else \
            ["role", "due", "plan", "task", "basis"]

    def rows(self, evidence: bool = False) -> list[dict]:
        """Columns: ``role, due, plan, jurisdiction, task, basis`` [+ ``evidence, quote``]."""
        out = []
        for ad in self.duties:
            d = ad.duty
            row = {"role": d.role, "due": due_text(d.due), "plan": d.instrument.short,
                   "jurisdiction": d.instrument.jurisdiction or "", "task": d.task_text, "basis": ad.basis_text()}
            if evidence:
                row.update(evidence_columns(d.evidence))
            out.append(row)
        return out


# --- path ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PathEdge:
    """One relationship between two consecutive instruments; ``forward`` when it points along the path."""

    rel: str
    forward: bool
    evidence: tuple[EvidenceRef, ...] = ()

    @property
    def arrow(self) -> str:
        return f"-[{self.rel}]->" if self.forward else f"<-[{self.rel}]-"


@dataclass(frozen=True, slots=True)
class PathStep:
    source: str
    target: str
    edges: tuple[PathEdge, ...]


@dataclass(frozen=True, slots=True)
class PathResult:
    """The shortest path from ``start`` to ``end``, edges taken in either direction.

    Among shortest paths, the one whose sequence of node ids is smallest
    (lexicographically). Each step lists every allowed edge between its two
    instruments, sorted by (relation order, forward first). ``found`` is False
    (and ``steps`` empty) when no path exists; a path to itself has no steps.
    """

    start: InstrumentRef
    end: InstrumentRef
    nodes: tuple[InstrumentRef, ...]
    steps: tuple[PathStep, ...]
    rels: tuple[str, ...]
    found: bool = True

    COLUMNS: ClassVar[tuple[str, ...]] = ("step", "from", "relation", "to")

    def columns(self, evidence: bool = False) -> list[str]:
        return with_evidence(self.COLUMNS, evidence)

    def table_columns(self, evidence: bool = False) -> list[str]:
        return self.columns(evidence)

    def rows(self, evidence: bool = False) -> list[dict]:
        """Columns: ``step, from, relation, to`` [+ ``evidence, quote``]."""
        refs = {r.id: r for r in self.nodes}
        out = []
        for i, st in enumerate(self.steps, 1):
            row = {"step": i, "from": refs[st.source].short, "relation": ", ".join(e.arrow for e in st.edges),
                   "to": refs[st.target].short}
            if evidence:
                row.update(evidence_columns([x for e in st.edges for x in e.evidence]))
            out.append(row)
        return out


# --- cited -----------------------------------------------------------------------------------------

#: the relationship types counted as citations, in column order
CITED_TYPES = ("BASED_ON", "IMPLEMENTS", "CITES", "ATTACHES", "PROPOSED_BY")


@dataclass(frozen=True, slots=True)
class CitedItem:
    """How often one instrument is cited.

    ``documents``: distinct citing instruments (a task's citation counts for its
    document); ``mentions``: evidence sentences over all those edges;
    ``by_relation``: ``(type, citing documents)`` for each of :data:`CITED_TYPES`
    in that order (zeros kept); ``by_jurisdiction``: ``(jurisdiction of the citing
    document or "unknown", citing documents)`` sorted by (count desc, name).
    """

    instrument: InstrumentRef
    documents: int
    mentions: int
    by_relation: tuple[tuple[str, int], ...]
    by_jurisdiction: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class CitedResult:
    """Most cited instruments, sorted by (documents desc, mentions desc, label, id), cut to ``limit``."""

    by: str
    items: tuple[CitedItem, ...]
    limit: int | None = None

    COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {"relation": ("rank", "instrument", "docs", "refs", "based_on", "implements", "cites", "other"),
               "province": ("rank", "instrument", "jurisdiction", "docs")}

    def columns(self, evidence: bool = False) -> list[str]:
        return list(self.COLUMNS[self.by])

    def table_columns(self, evidence: bool = False) -> list[str]:
        return self.columns(evidence)

    def rows(self, evidence: bool = False) -> list[dict]:
        """``by="relation"``: ``rank, instrument, docs, refs, based_on, implements, cites, other``
        (``other`` = ATTACHES + PROPOSED_BY); ``by="province"``: ``rank, instrument,
        jurisdiction, docs``, one row per citing jurisdiction. ``evidence`` adds nothing here."""
        out = []
        for rank, it in enumerate(self.items, 1):
            rel = dict(it.by_relation)
            if self.by == "relation":
                out.append({"rank": rank, "instrument": it.instrument.short, "docs": it.documents,
                            "refs": it.mentions, "based_on": rel.get("BASED_ON", 0),
                            "implements": rel.get("IMPLEMENTS", 0), "cites": rel.get("CITES", 0),
                            "other": rel.get("ATTACHES", 0) + rel.get("PROPOSED_BY", 0)})
            else:
                for jur, n in it.by_jurisdiction:
                    out.append({"rank": rank, "instrument": it.instrument.short, "jurisdiction": jur, "docs": n})
        return out


# --- unresolved --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class UnresolvedMention:
    """One mention of an instrument that resolved to nothing known."""

    instrument: InstrumentRef
    reason: str
    citing: InstrumentRef
    rel: str
    evidence: EvidenceRef


@dataclass(frozen=True, slots=True)
class UnresolvedResult:
    """Sorted by (instrument label, instrument id, file, start)."""

    mentions: tuple[UnresolvedMention, ...]

    COLUMNS: ClassVar[tuple[str, ...]] = ("instrument", "reason", "document", "relation", "evidence", "quote")

    def columns(self, evidence: bool = True) -> list[str]:
        return list(self.COLUMNS)

    def table_columns(self, evidence: bool = False) -> list[str]:
        return self.columns(evidence)

    @property
    def instruments(self) -> tuple[InstrumentRef, ...]:
        seen, out = set(), []
        for m in self.mentions:
            if m.instrument.id not in seen:
                seen.add(m.instrument.id)
                out.append(m.instrument)
        return tuple(out)

    def rows(self, evidence: bool = True) -> list[dict]:
        """Columns: ``instrument, reason, document, relation, evidence, quote`` (evidence always shown)."""
        return [{"instrument": m.instrument.short, "reason": m.reason, "document": m.citing.short,
                 "relation": m.rel, "evidence": m.evidence.where, "quote": cut(m.evidence.quote, 200)}
                for m in self.mentions]


# --- compare ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CompareCell:
    """The documents of one jurisdiction that carry out one central instrument (sorted by label, id)."""

    directive: InstrumentRef
    jurisdiction: str
    documents: tuple[InstrumentRef, ...]


@dataclass(frozen=True, slots=True)
class CompareResult:
    """Jurisdictions × central instruments, sorted by (jurisdictions per directive desc,
    directive label, directive id, jurisdiction)."""

    cells: tuple[CompareCell, ...]
    include_cites: bool = True
    jurisdictions: tuple[str, ...] = field(default=())

    COLUMNS: ClassVar[tuple[str, ...]] = ("directive", "jurisdiction", "docs", "documents")

    def columns(self, evidence: bool = False) -> list[str]:
        return list(self.COLUMNS)

    def table_columns(self, evidence: bool = False) -> list[str]:
        return self.columns(evidence)

    def rows(self, evidence: bool = False) -> list[dict]:
        """Columns: ``directive, jurisdiction, docs, documents``."""
        return [{"directive": c.directive.short, "jurisdiction": c.jurisdiction, "docs": len(c.documents),
                 "documents": "; ".join(d.short for d in c.documents)} for c in self.cells]
