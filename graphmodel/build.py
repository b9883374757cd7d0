"""Put the extractions of one file into a ``LegalGraph``.

``add_extractions(graph, source, extractions)`` adds the documents as loaded
Instrument nodes, their header facts (ISSUED_BY, SIGNED_BY, ADDRESSED_TO,
COPIED_TO), their tasks (HAS_TASK, PART_OF), the instruments they cite (with the
relation of the clause) and the agencies' roles. Every edge carries evidence.
Ids come from ``graphmodel.ids``; a mention already resolved (``target_id``,
``agency_id``) keeps its id.

Every change goes through a ``LegalGraph`` method (``add_node``, ``add_edge``,
``set_node``, ``add_to_list``), so what a file adds can be recorded on an empty
``LegalGraph.recording()`` and replayed on the whole graph (the journal of
``cancu load``). The only things read from the graph here are whether a task
of one of the file's own documents is there yet (``_task_for``, ``PART_OF``) and
whether a cited instrument is (it always is: it was added just before).
"""
from __future__ import annotations

import re

from .agencies import agency_id as make_agency_id
from .agencies import agency_type, canonical_agency, is_group_name
from .graph import LegalGraph
from .ids import instrument_id, person_id, task_id
from .models import Document, Evidence, Extraction, SourceText
from .normalize import fold, symbol_key
from .vocab import RELATION_TO_TYPE, ROLE_TO_TYPE


def document_id(doc: Document) -> str:
    """The id of a loaded document: the same id its citations elsewhere resolve to."""
    return instrument_id(doc.doc_type, doc.symbol, name=doc.title or doc.source, issuer=doc.issuer,
                         jurisdiction=doc.jurisdiction, date=doc.date)


def _ev(src: SourceText, start: int, end: int, section: str | None = None) -> Evidence:
    return Evidence(src.path, start, end, src.text[start:end], section)


def _numbered(path: str) -> bool:
    return not any(p[:1] in "-+" for p in path.split("."))


def _iter_sections(sections):
    for s in sections:
        yield s
        yield from _iter_sections(s.children)


def _task_path(path: str) -> str:
    """The numbered part of a section path (bullets belong to their numbered item)."""
    parts = [p for p in path.split(".") if p and p[0] not in "-+"]
    return ".".join(parts)


def add_document(graph: LegalGraph, src: SourceText, ex: Extraction) -> str:
    """The document node, its header facts and its task tree."""
    doc = ex.document
    did = document_id(doc)
    head_end = doc.title_span[1] if doc.title_span else min(doc.end, doc.start + 200)
    graph.add_node(
        did, "Instrument", source=src.path,
        doc_type=doc.doc_type, symbol=doc.symbol, number=(doc.symbol or "").split("/")[0].split("-")[0] or None,
        date=doc.date, title=doc.title, jurisdiction=doc.jurisdiction, issuer=doc.issuer, loaded=True,
        span=[doc.start, doc.end],
    )
    graph.set_node(did, "source", src.path)
    if doc.issuer:
        if doc.issuer_lines:
            s, e = doc.issuer_lines[0].start, doc.issuer_lines[-1].end
        else:
            s, e = doc.start, head_end
        aid = add_agency(graph, src, doc.issuer, doc.jurisdiction)
        graph.add_edge(did, aid, "ISSUED_BY", _ev(src, s, e, "header"))
    if doc.signer:
        pid = person_id(doc.signer.name)
        graph.add_node(pid, "Person", source=src.path, name=doc.signer.name)
        graph.add_edge(did, pid, "SIGNED_BY", _ev(src, doc.signer.start, doc.signer.end, "closing"),
                       position=doc.signer.position_corrected or doc.signer.position, on_behalf=doc.signer.on_behalf)
    for rel, lines in (("ADDRESSED_TO", doc.addressed_to), ("COPIED_TO", doc.copied_to)):
        for ln in lines:
            for name, s, e in header_agencies(src.text, ln.start, ln.end):
                aid = add_agency(graph, src, name, doc.jurisdiction)
                graph.add_edge(did, aid, rel, _ev(src, s, e, "header" if rel == "ADDRESSED_TO" else "closing"))
    # tasks: every numbered item of the body
    for sec in _iter_sections(doc.sections):
        path = _task_path(sec.path)
        if not path or path != sec.path.rstrip("."):
            continue
        tid = task_id(did, path)
        graph.add_node(tid, "Task", source=src.path, section=path, text=sec.heading[:300], document=did,
                       span=[sec.start, sec.end])
        parent = path.rsplit(".", 1)[0] if "." in path else None
        ev = _ev(src, sec.heading_start, sec.heading_end, path)
        if parent and task_id(did, parent) in graph.g:
            graph.add_edge(tid, task_id(did, parent), "PART_OF", ev)
        else:
            graph.add_edge(did, tid, "HAS_TASK", ev)
    return did


#: Entries of a copy list that name people or internal codes, not agencies.
PERSON_TITLES = ("như trên", "lưu", "lru", "bộ trưởng", "thứ trưởng", "chủ tịch", "phó chủ tịch", "ct", "pct", "cvp",
                 "pvp", "giám đốc", "phó giám đốc", "chánh", "phó chánh", "trưởng", "phó trưởng", "phó thủ tướng",
                 "thủ tướng", "lđvp", "website", "trang thông tin")


def header_agencies(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The agencies of one ``Kính gửi`` / ``Nơi nhận`` entry, with their spans.

    A parenthesis (``(b/c)``, ``(để báo cáo)``) is dropped; an entry listing several
    bodies (``Công an tỉnh, Bộ CHQS tỉnh``) gives each; people and internal codes
    (``PCT Nguyễn Tuấn Thanh``, ``Lưu: VT``) give none.
    """
    seg = text[start:end]
    cut = re.search(r"\s*\(", seg)
    if cut:
        seg = seg[: cut.start()]
    parts, pos = [], 0
    for m in re.finditer(r"[^,;]+", seg):
        name = m.group(0).strip()
        if name:
            s = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            parts.append((name, s, s + len(name)))
    typed = [p for p in parts if agency_type(p[0]) is not None]
    whole = seg.strip()
    if is_group_name(whole) or not (len(parts) > 1 and len(typed) == len(parts)):
        parts = [(whole, start + seg.index(whole[:1]) if whole else start, start + seg.index(whole[:1]) + len(whole))] if whole else []
    out = []
    for name, s, e in parts:
        key = fold(name)
        if any(key == fold(t) or key.startswith(fold(t) + " ") for t in PERSON_TITLES):
            continue
        if agency_type(name) is None and not is_group_name(name):
            continue
        out.append((name, s, e))
    return out


def add_agency(graph: LegalGraph, src: SourceText, written: str, jurisdiction: str | None, *,
               agency_id: str | None = None, canonical: str | None = None) -> str:
    """The Agency node of a name as written in a document of ``jurisdiction``; spellings become aliases."""
    name, jur, group = canonical_agency(written, jurisdiction)
    name = canonical or name
    aid = agency_id or make_agency_id(name, jur, group)
    graph.add_node(aid, "Agency", source=src.path, name=name, jurisdiction=jur, group=group or None)
    graph.add_to_list(aid, "aliases", *([written] if written != name else []))
    return aid


def _task_for(graph: LegalGraph, did: str, path: str | None) -> str | None:
    """The deepest task node along ``path`` (``V.1.a`` → ``V.1.a`` or ``V.1`` or ``V``)."""
    if not path:
        return None
    parts = _task_path(path).split(".")
    while parts:
        tid = task_id(did, ".".join(parts))
        if tid in graph.g:
            return tid
        parts.pop()
    return None


def _cited_ids(ex: Extraction, did: str) -> dict[str, str]:
    """How the instruments a document cites are named in it (symbols, names) → their node ids."""
    ids: dict[str, str] = {}
    for c in ex.citations:
        if not c.target_id:
            continue
        for key in (c.symbol, c.symbol_corrected):
            if key:
                ids.setdefault("s:" + symbol_key(key), c.target_id)
        for key in (c.name, c.quote):
            if key:
                ids.setdefault("n:" + fold(key), c.target_id)
    if ex.document.symbol:
        ids.setdefault("s:" + symbol_key(ex.document.symbol), did)
    return ids


def _link_cited(graph: LegalGraph, src: SourceText, ex: Extraction, did: str) -> None:
    """Chains between cited instruments: *Kế hoạch 3253 … về triển khai Quyết định 178* gives
    3253 IMPLEMENTS 178; a decision that approves a programme ATTACHES it (``promulgates``)."""
    ids = _cited_ids(ex, did)

    def lookup(ref: str | None) -> str | None:
        if not ref:
            return None
        return ids.get("s:" + symbol_key(ref)) or ids.get("n:" + fold(ref))

    for c in ex.citations:
        if not c.target_id or c.target_id not in graph.g:
            continue
        ev = _ev(src, c.start, c.end, c.section)
        target = lookup(c.implements)
        if target and target != c.target_id:
            graph.add_edge(c.target_id, target, "IMPLEMENTS", ev)
        decision = lookup(c.promulgated_in)
        if decision and decision != c.target_id:
            graph.add_edge(decision, c.target_id, "ATTACHES", ev, promulgates=True)


def add_extractions(graph: LegalGraph, src: SourceText, extractions: tuple[Extraction, ...]) -> list[str]:
    """Add what was read from ``src``; returns the ids of its documents."""
    ids = []
    for ex in extractions:
        doc = ex.document
        did = add_document(graph, src, ex)
        ids.append(did)
        for c in ex.citations:
            tid = c.target_id or instrument_id(c.doc_type, c.symbol_corrected or c.symbol, name=c.name or c.quote,
                                               issuer=c.issuer, jurisdiction=doc.jurisdiction, date=c.date)
            if tid == did:
                continue
            graph.add_node(tid, "Instrument", source=src.path, doc_type=c.doc_type,
                           symbol=c.symbol_corrected or c.symbol, date=c.date, title=c.name, issuer=c.issuer,
                           loaded=False)
            rel = RELATION_TO_TYPE.get(c.relation, "CITES")
            ev = _ev(src, c.start, c.end, c.section)
            origin = did
            if rel == "CITES":
                origin = _task_for(graph, did, c.section) or did
            graph.add_edge(origin, tid, rel, ev, nested=True if c.nested else None)
        _link_cited(graph, src, ex, did)
        for r in ex.responsibilities:
            tid = _task_for(graph, did, r.task_path or r.section)
            if tid is None:
                continue
            aid = add_agency(graph, src, r.agency, doc.jurisdiction, agency_id=r.agency_id, canonical=r.canonical)
            graph.add_edge(aid, tid, ROLE_TO_TYPE.get(r.role, "RESPONSIBLE_FOR"),
                           _ev(src, r.start, r.end, r.section), requested=True if r.role == "requested" else None)
        for d in ex.deadlines:
            tid = _task_for(graph, did, d.section)
            if tid:
                graph.add_to_list(tid, "due", {"due": d.due, "what": d.what, "to": d.to, "recurring": d.recurring,
                                               "quote": d.quote, "start": d.start, "end": d.end})
        for t in ex.targets:
            tid = _task_for(graph, did, t.section)
            if tid:
                graph.add_to_list(tid, "targets", {"value": t.value, "year": t.year, "what": t.what, "quote": t.quote,
                                                   "start": t.start, "end": t.end})
    return ids

