"""Push a ``LegalGraph`` to a real Neo4j server, idempotently.

Two steps, kept apart so the first can be tested without a server:

* ``generate_rows(graph) -> PushRows`` (pure): one row per node, grouped by label, and one row per
  relationship, grouped by (type, start label, end label); every value turned into something a Neo4j
  property can hold (primitives and lists of primitives, no maps, no nulls in lists).
* ``push(graph, driver, ...) -> PushReport``: uniqueness constraints and indexes (``IF NOT EXISTS``),
  then ``UNWIND $rows AS row MERGE ...`` in batches, each batch a managed write transaction
  (``session.execute_write``: retried by the driver on transient errors), then the stale facts of the
  pushed files are deleted.

The stored shape (what Neo4j Browser shows)
-------------------------------------------
Nodes have one label, their ``kind`` (``Instrument``, ``Agency``, ``Task``, ``Person``), and the
properties of the networkx node, plus:

* ``id``: the graph id (unique per label: a constraint);
* ``sources``: the files the node came from (a list of strings);
* ``caption``: the short name the named queries show (``118/KH-UBND``, ``Luật Bình đẳng giới``,
  ``V.1 Tuyên truyền ...``, ``Sở Nội vụ``), also Browser's caption (``queries/cypher/cancu.grass``);
* ``symbol_key`` (Instrument: the case-free symbol of ``normalize.symbol_key``) and ``name_key``
  (Agency, Person: ``normalize.fold`` of the name) and ``jurisdiction_key`` (``fold`` of the
  jurisdiction), so Cypher can match what users type whatever its accents and case;
* ``local_symbol`` (Instrument with a symbol): ``graphmodel.instruments.is_local_symbol`` — a local
  body's symbol (``742/QĐ-UBND``) rather than a central one (``1696/QĐ-TTg``);
* a task's ``due`` list of records becomes parallel arrays ``due`` (the dates), ``due_what``, ``due_to``,
  ``due_recurring``, ``due_quote``, ``due_start``, ``due_end``; its ``targets`` become ``target_value``,
  ``target_year``, ``target_what``, ``target_quote``, ``target_start``, ``target_end``.

Relationships have their type from the closed vocabulary and:

* the evidence as parallel arrays ``evidence_source``, ``evidence_line`` (1-based, from the texts the
  graph keeps), ``evidence_start``, ``evidence_end``, ``evidence_quote``, ``evidence_section`` (item *i*
  of each array is one piece of evidence);
* ``evidence``: one short readable string, the first quote with its file and line
  (``«Thực hiện Chỉ thị số 21-CT/TW ...» 02_ke-hoach.txt:20 (+1 more)``);
* ``sources``: the distinct files of its evidence;
* the other edge properties (``requested``, ``position``, ``on_behalf`` ...).

In the parallel arrays a missing text is ``""`` and a missing number ``-1`` (Neo4j lists hold no nulls).
Other maps are stored as JSON strings.

Idempotency and stale facts
---------------------------
Nodes are merged on ``id`` and relationships on (start id, type, end id) — the identity of an edge in
the ``MultiDiGraph`` (its key is its type) — and their properties are *replaced* (``SET x = row.props``),
so pushing the same graph twice changes nothing. After the merge, the push asks Neo4j for the nodes and
relationships the graph does not have (the pushed rows go along as a map, one lookup per element) and
deletes those that came from any of the pushed graph's files (``sources`` shares a file with
``graph.sources()``): a document reloaded after a change leaves no stale edge, and the nodes only it
mentioned go too. Facts of files the graph does not hold (pushed from another graph) are left alone,
unless ``mirror=True``, which deletes every cancu node and relationship not in the graph. The deletion
runs last, so a push that fails half way leaves extra facts, never missing ones; pushing again mends it.

``import neo4j`` happens only inside the functions that need it; nothing here opens a connection until
``push`` is called with a driver.
"""
from __future__ import annotations

import bisect
import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import Neo4jUnavailable
from .instruments import is_local_symbol
from .normalize import fold, symbol_key
from .vocab import NODE_KINDS, REL_TYPES

DEFAULT_BATCH_SIZE = 5000
SCHEMA_WAIT_SECONDS = 300

#: list-of-record attributes stored as parallel arrays: attribute → (prefix, {field: type})
#: a field named like its prefix is stored under the bare prefix (``due.due`` → ``due``).
RECORD_LISTS: dict[str, tuple[str, dict[str, type]]] = {
    "evidence": ("evidence", {"source": str, "line": int, "start": int, "end": int, "quote": str, "section": str}),
    "due": ("due", {"due": str, "what": str, "to": str, "recurring": str, "quote": str, "start": int, "end": int}),
    "targets": ("target", {"value": str, "year": int, "what": str, "quote": str, "start": int, "end": int}),
}
MISSING_TEXT = ""
MISSING_NUMBER = -1

#: attributes of the networkx graph that are not stored as properties (they are the label or the type)
_SKIP_NODE_ATTRS = {"kind"}
_SKIP_EDGE_ATTRS = {"type"}

EVIDENCE_QUOTE_CHARS = 120
CAPTION_CHARS = 70
TASK_CAPTION_CHARS = 60


# --- schema --------------------------------------------------------------------------------------

def _constraint_name(label: str) -> str:
    return f"cancu_{label.lower()}_id"


#: (label, property) → index name; what the Cypher library (queries/cypher) looks things up by
INDEXES: tuple[tuple[str, str], ...] = (
    ("Instrument", "symbol"),
    ("Instrument", "symbol_key"),
    ("Instrument", "jurisdiction"),
    ("Instrument", "doc_type"),
    ("Agency", "name"),
    ("Agency", "name_key"),
    ("Agency", "jurisdiction"),
    ("Agency", "jurisdiction_key"),
    ("Task", "document"),
    ("Person", "name"),
)


def schema_statements() -> list[str]:
    """The constraints and indexes ``push`` creates when missing (Cypher 5, Community Edition)."""
    out = []
    for label in NODE_KINDS:
        _check_label(label)
        out.append(f"CREATE CONSTRAINT {_constraint_name(label)} IF NOT EXISTS "
                   f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")
    for label, prop in INDEXES:
        _check_label(label)
        if not prop.isidentifier():
            raise ValueError(f"bad property name {prop!r}")
        out.append(f"CREATE INDEX cancu_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    return out


def _check_label(label: str) -> str:
    # Labels and types cannot be parameters, so only names of the closed vocabulary reach a query.
    if label not in NODE_KINDS:
        raise ValueError(f"{label!r} is not a node kind of graphmodel.vocab")
    return label


def _check_type(rel: str) -> str:
    if rel not in REL_TYPES:
        raise ValueError(f"{rel!r} is not a relationship type of graphmodel.vocab")
    return rel


def node_merge_query(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{_check_label(label)} {{id: row.id}}) SET n = row.props"


def relationship_merge_query(rel: str, start: str, end: str) -> str:
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{_check_label(start)} {{id: row.start}}) "
            f"MATCH (b:{_check_label(end)} {{id: row.end}}) "
            f"MERGE (a)-[r:{_check_type(rel)}]->(b) SET r = row.props")


def relationship_delete_query(rel: str, start: str, end: str) -> str:
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{_check_label(start)} {{id: row.start}})-[r:{_check_type(rel)}]->"
            f"(b:{_check_label(end)} {{id: row.end}}) DELETE r")


def node_delete_query(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{_check_label(label)} {{id: id}}) DETACH DELETE n"


# --- rows ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PushRows:
    """What a push writes: node rows by label, relationship rows by (type, start label, end label).

    A node row is ``{"id": ..., "props": {...}}``; a relationship row ``{"start": id, "end": id,
    "props": {...}}``. ``sources`` are the graph's files (the scope of the stale-fact cleanup);
    ``dropped`` lists what could not be pushed, with the reason.
    """

    nodes: dict[str, tuple[dict, ...]]
    relationships: dict[tuple[str, str, str], tuple[dict, ...]]
    sources: tuple[str, ...] = ()
    dropped: tuple[tuple[str, str], ...] = ()

    @property
    def node_count(self) -> int:
        return sum(len(r) for r in self.nodes.values())

    @property
    def relationship_count(self) -> int:
        return sum(len(r) for r in self.relationships.values())

    def counts(self) -> dict[str, int]:
        """Rows per label and per relationship type (what Neo4j holds after the push, for these files)."""
        out: dict[str, int] = {label: len(self.nodes.get(label, ())) for label in NODE_KINDS}
        by_type: dict[str, int] = defaultdict(int)
        for (rel, _, _), rows in self.relationships.items():
            by_type[rel] += len(rows)
        for rel in REL_TYPES:
            if by_type.get(rel):
                out[rel] = by_type[rel]
        out["nodes"] = self.node_count
        out["relationships"] = self.relationship_count
        return out


def _primitive(value) -> bool:
    return isinstance(value, (str, bool, int, float)) and not (isinstance(value, float) and math.isnan(value))


def _as_text(value) -> str:
    if value is None:
        return MISSING_TEXT
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _as_number(value) -> int:
    if value is None or isinstance(value, bool):
        return MISSING_NUMBER
    try:
        return int(value)
    except (TypeError, ValueError):
        return MISSING_NUMBER


def _column_name(prefix: str, field_name: str) -> str:
    return prefix if field_name == prefix else f"{prefix}_{field_name}"


def flatten_records(attr: str, records: list) -> dict[str, list]:
    """A list of records → parallel arrays, one per field (``evidence`` → ``evidence_source``, ...).

    Fields of ``RECORD_LISTS`` keep their type (missing text ``""``, missing number ``-1``); other fields
    become text. Every array has one item per record.

    >>> flatten_records("due", [{"due": "2024-06-10", "what": "báo cáo", "start": 5, "end": 9}])["due"]
    ['2024-06-10']
    """
    prefix, schema = RECORD_LISTS.get(attr, (attr, {}))
    recs = [r if isinstance(r, dict) else {"value": r} for r in records]
    names = list(schema)
    for r in recs:
        for k in r:
            if k not in names:
                names.append(k)
    out = {}
    for name in names:
        kind = schema.get(name, str)
        conv = _as_number if kind is int else _as_text
        out[_column_name(prefix, name)] = [conv(r.get(name)) for r in recs]
    return out


def to_properties(data: dict, *, skip=frozenset()) -> dict[str, Any]:
    """The attributes of a node or edge as Neo4j properties (see the module doc)."""
    props: dict[str, Any] = {}
    for key, value in data.items():
        if key in skip or value is None:
            continue
        if isinstance(value, (list, tuple)) and (key in RECORD_LISTS or (value and all(isinstance(v, dict) for v in value))):
            if value:
                props.update(flatten_records(key, list(value)))
            continue
        if _primitive(value):
            props[key] = value
        elif isinstance(value, (list, tuple)):
            items = list(value)
            if not items:
                if key == "sources":
                    props[key] = []
                continue
            homogeneous = (all(isinstance(v, str) for v in items) or all(isinstance(v, bool) for v in items)
                           or all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items))
            if homogeneous:
                props[key] = items
            else:
                props[key] = [_as_text(v) for v in items]
        else:
            props[key] = _as_text(value)
    return props


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def evidence_summary(evidence: list) -> str | None:
    """One readable line for Browser: the first quote, its file and offsets, how many more."""
    evs = [e for e in evidence or [] if isinstance(e, dict)]
    if not evs:
        return None
    e = evs[0]
    where = re.split(r"[\\/]", str(e.get("source") or "?"))[-1]
    at = e.get("line") if isinstance(e.get("line"), int) else f"{e.get('start')}-{e.get('end')}"
    text = f"«{_short(e.get('quote') or '', EVIDENCE_QUOTE_CHARS)}» {where}:{at}"
    if len(evs) > 1:
        text += f" (+{len(evs) - 1} more)"
    return text


def caption(kind: str, data: dict, node_id: str = "") -> str:
    """A short display name, the one the named queries show (``queries/models.py``) and Browser's caption.

    Instrument: its symbol; else its type and title (the type left out when the title starts with it);
    else its id — cut to 70 characters. Task: ``"<section> <text>"`` cut to 60. Agency, Person: the name.
    """
    if kind == "Instrument":
        title = " ".join(str(data.get("title") or "").split())
        doc_type = data.get("doc_type") or ""
        if data.get("symbol"):
            head = str(data["symbol"])
        elif title:
            head = f"{doc_type} {title}" if doc_type and not fold(title).startswith(fold(doc_type)) else title
        else:
            head = node_id
        return _short(head, CAPTION_CHARS)
    if kind == "Task":
        return _short(f"{data.get('section') or ''} {data.get('text') or ''}".strip(), TASK_CAPTION_CHARS)
    return _short(str(data.get("name") or node_id), CAPTION_CHARS)


def _node_props(node_id: str, kind: str, data: dict) -> dict:
    props = to_properties(data, skip=_SKIP_NODE_ATTRS)
    props["id"] = node_id
    props.setdefault("sources", [])
    props.setdefault("caption", caption(kind, data, node_id) or node_id)
    if kind == "Instrument" and data.get("symbol"):
        props.setdefault("symbol_key", symbol_key(data["symbol"]))
        props.setdefault("local_symbol", is_local_symbol(data["symbol"]))
    if kind in ("Agency", "Person") and data.get("name"):
        props.setdefault("name_key", fold(data["name"]))
    if kind in ("Agency", "Instrument") and data.get("jurisdiction"):
        props.setdefault("jurisdiction_key", fold(data["jurisdiction"]))
    return props


def _edge_props(data: dict, lines: LineFinder | None = None) -> dict:
    evs = [e for e in data.get("evidence") or [] if isinstance(e, dict)]
    if lines is not None and evs:
        evs = [{**e, "line": lines(e.get("source"), e.get("start"))} if "line" not in e else e for e in evs]
        data = {**data, "evidence": evs}
    props = to_properties(data, skip=_SKIP_EDGE_ATTRS)
    summary = evidence_summary(evs)
    if summary:
        props["evidence"] = summary
    props["sources"] = sorted({str(e["source"]) for e in evs if e.get("source")})
    return props


class LineFinder:
    """1-based line of an offset in a source file, from the texts the graph keeps (``None`` when not kept)."""

    def __init__(self, graph):
        self.graph = graph
        self._newlines: dict[str, list[int] | None] = {}

    def __call__(self, source, start) -> int | None:
        if not source or not isinstance(start, int):
            return None
        if source not in self._newlines:
            try:
                text = self.graph.text_of(source)
            except (AttributeError, KeyError, OSError):
                text = None
            self._newlines[source] = None if text is None else [i for i, c in enumerate(text) if c == "\n"]
        nl = self._newlines[source]
        return None if nl is None else bisect.bisect_left(nl, start) + 1


def generate_rows(graph) -> PushRows:
    """The rows a push writes for ``graph`` (a ``LegalGraph``); pure, sorted by id."""
    g = graph.g
    nodes: dict[str, list] = defaultdict(list)
    dropped: list[tuple[str, str]] = []
    kinds: dict[Any, str] = {}
    for node_id, data in g.nodes(data=True):
        kind = data.get("kind")
        if kind not in NODE_KINDS:
            dropped.append((f"node {node_id!r}", f"kind {kind!r} is not one of {', '.join(NODE_KINDS)}"))
            continue
        if not isinstance(node_id, str) or not node_id:
            dropped.append((f"node {node_id!r}", "its id is not a non-empty string"))
            continue
        kinds[node_id] = kind
        nodes[kind].append({"id": node_id, "props": _node_props(node_id, kind, data)})
    rels: dict[tuple[str, str, str], list] = defaultdict(list)
    lines = LineFinder(graph)
    for u, v, key, data in g.edges(keys=True, data=True):
        rel = data.get("type") or key
        what = f"edge {u!r} -[{rel}]-> {v!r}"
        if rel not in REL_TYPES:
            dropped.append((what, f"type {rel!r} is not in graphmodel.vocab"))
            continue
        if u not in kinds or v not in kinds:
            dropped.append((what, "an end node was not pushed"))
            continue
        src_kinds, dst_kinds = REL_TYPES[rel]
        if kinds[u] not in src_kinds or kinds[v] not in dst_kinds:
            dropped.append((what, f"{rel} does not go from {kinds[u]} to {kinds[v]}"))
            continue
        rels[(rel, kinds[u], kinds[v])].append({"start": u, "end": v, "props": _edge_props(data, lines)})
    try:
        sources = tuple(sorted(graph.sources()))
    except (AttributeError, KeyError):
        sources = ()
    return PushRows(
        nodes={k: tuple(sorted(rows, key=lambda r: r["id"])) for k, rows in sorted(nodes.items())},
        relationships={k: tuple(sorted(rows, key=lambda r: (r["start"], r["end"])))
                       for k, rows in sorted(rels.items())},
        sources=sources,
        dropped=tuple(dropped),
    )


# --- push ----------------------------------------------------------------------------------------

@dataclass
class PushReport:
    """What a push did (or, with ``dry_run``, would write)."""

    nodes: int = 0
    relationships: int = 0
    by_label: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    deleted_nodes: int = 0
    deleted_relationships: int = 0
    schema: list[str] = field(default_factory=list)
    batches: int = 0
    #: seconds spent per phase: schema, nodes, relationships, cleanup
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    dry_run: bool = False
    dropped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def relationships_per_second(self) -> float:
        return self.relationships / self.seconds if self.seconds > 0 else 0.0

    def rows(self) -> list[dict]:
        """The report as ``what``/``count`` rows for ``cancu/output.py``."""
        out = [{"what": label, "count": n} for label, n in self.by_label.items()]
        out += [{"what": rel, "count": n} for rel, n in self.by_type.items()]
        out += [{"what": "nodes", "count": self.nodes}, {"what": "relationships", "count": self.relationships}]
        if not self.dry_run:
            out += [{"what": "deleted stale nodes", "count": self.deleted_nodes},
                    {"what": "deleted stale relationships", "count": self.deleted_relationships},
                    {"what": "batches", "count": self.batches}]
        if self.dropped:
            out.append({"what": "dropped (not pushed)", "count": len(self.dropped)})
        return out


def _chunks(rows, size: int) -> Iterator[list]:
    rows = list(rows)
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _write(tx, query: str, params: dict):
    tx.run(query, params).consume()


def _read_all(tx, query: str, params: dict) -> list[dict]:
    return [record.data() for record in tx.run(query, params)]


def check_connection(driver, *, uri: str | None = None) -> None:
    """Raise ``Neo4jUnavailable`` with a clear message when the server does not answer."""
    import neo4j.exceptions as nex

    where = uri or "the configured address"
    try:
        driver.verify_connectivity()
    except nex.AuthError as err:
        raise Neo4jUnavailable(
            f"Neo4j at {where} refused the credentials ({err.message or 'authentication failed'}); "
            "set NEO4J_USER and NEO4J_PASSWORD (or --user, and type the password at the prompt)") from err
    except (nex.ServiceUnavailable, nex.SessionExpired, OSError, ValueError) as err:
        raise Neo4jUnavailable(
            f"no Neo4j server answers at {where} ({type(err).__name__}: {err}); start one with "
            "`docker compose up -d` (or `scripts/neo4j-dev start`) or set NEO4J_URI / --uri") from err
    except nex.Neo4jError as err:
        raise Neo4jUnavailable(f"Neo4j at {where} cannot be used: {err.code}: {err.message}") from err
    except nex.DriverError as err:
        raise Neo4jUnavailable(f"Neo4j at {where} cannot be used ({type(err).__name__}: {err})") from err


def push(graph, driver=None, *, batch_size: int = DEFAULT_BATCH_SIZE, database: str | None = None,
         dry_run: bool = False, mirror: bool = False, uri: str | None = None,
         on_progress: Callable[[str, int, int], None] | None = None, rows: PushRows | None = None) -> PushReport:
    """Write ``graph`` to Neo4j through ``driver`` (a ``neo4j.Driver``); see the module doc.

    ``dry_run`` computes the rows and counts and never touches ``driver`` (it may be ``None``).
    ``mirror`` also deletes cancu nodes and relationships of files the graph does not hold.
    ``on_progress(stage, done, total)`` is called after each batch (stages: ``schema``, ``nodes``,
    ``relationships``, ``cleanup``). ``uri`` is only used in error messages.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    rows = rows if rows is not None else generate_rows(graph)
    counts = rows.counts()
    report = PushReport(
        nodes=rows.node_count, relationships=rows.relationship_count,
        by_label={k: counts[k] for k in NODE_KINDS},
        by_type={k: counts[k] for k in REL_TYPES if k in counts},
        schema=schema_statements(), dry_run=dry_run, dropped=list(rows.dropped),
    )
    if dry_run:
        report.seconds = time.perf_counter() - started
        return report
    if driver is None:
        raise ValueError("push needs a neo4j driver unless dry_run=True")
    import neo4j.exceptions as nex

    check_connection(driver, uri=uri)

    def tell(stage, done, total):
        if on_progress:
            on_progress(stage, done, total)

    clock = [time.perf_counter()]

    def lap(phase):
        now = time.perf_counter()
        report.timings[phase] = now - clock[0]
        clock[0] = now

    try:
        with driver.session(database=database) as session:
            for i, stmt in enumerate(report.schema, 1):
                session.execute_write(_write, stmt, {})
                tell("schema", i, len(report.schema))
            # new indexes fill in the background; wait so the MERGEs below use them
            session.run("CALL db.awaitIndexes($seconds)", {"seconds": SCHEMA_WAIT_SECONDS}).consume()
            lap("schema")
            total = rows.node_count
            done = 0
            for label, label_rows in rows.nodes.items():
                query = node_merge_query(label)
                for chunk in _chunks(label_rows, batch_size):
                    session.execute_write(_write, query, {"rows": chunk})
                    done += len(chunk)
                    report.batches += 1
                    tell("nodes", done, total)
            lap("nodes")
            total = rows.relationship_count
            done = 0
            for (rel, start, end), rel_rows in rows.relationships.items():
                query = relationship_merge_query(rel, start, end)
                for chunk in _chunks(rel_rows, batch_size):
                    session.execute_write(_write, query, {"rows": chunk})
                    done += len(chunk)
                    report.batches += 1
                    tell("relationships", done, total)
            lap("relationships")
            report.deleted_relationships, report.deleted_nodes = _delete_stale(
                session, rows, batch_size=batch_size, mirror=mirror, tell=tell)
            lap("cleanup")
    except nex.ServiceUnavailable as err:
        raise Neo4jUnavailable(f"the Neo4j server at {uri or 'the configured address'} went away during the push "
                               f"({err}); nothing is lost: push again when it is back") from err
    report.seconds = time.perf_counter() - started
    return report


def _in_scope(sources, scope: frozenset[str] | None) -> bool:
    """Does an element with these ``sources`` belong to the push (``scope`` None: every cancu element)?"""
    return scope is None or any(src in scope for src in sources or ())


def _stale_relationships(session, rows: PushRows, scope) -> dict[tuple[str, str, str], list[dict]]:
    """Relationships in Neo4j from the pushed files (or all cancu ones with ``mirror``) the graph lacks.

    Type by type (start label, type, end label of the vocabulary), the server compares with the pushed
    rows sent as a map ``{start id: [end ids]}`` (a map lookup per relationship) and returns only the
    relationships the graph lacks; their files are checked here."""
    stale: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for rel, (src_kinds, dst_kinds) in REL_TYPES.items():
        for a in sorted(src_kinds):
            for b in sorted(dst_kinds):
                wanted: dict[str, list[str]] = defaultdict(list)
                for r in rows.relationships.get((rel, a, b), ()):
                    wanted[r["start"]].append(r["end"])
                query = (f"MATCH (a:{_check_label(a)})-[r:{_check_type(rel)}]->(b:{_check_label(b)}) "
                         "WHERE a.id IS NOT NULL AND b.id IS NOT NULL AND NOT b.id IN coalesce($wanted[a.id], []) "
                         "RETURN a.id AS start, b.id AS end, r.sources AS sources")
                for rec in session.execute_read(_read_all, query, {"wanted": dict(wanted)}):
                    if _in_scope(rec["sources"], scope):
                        stale[(rel, a, b)].append({"start": rec["start"], "end": rec["end"]})
    return stale


def _delete_stale(session, rows: PushRows, *, batch_size: int, mirror: bool, tell) -> tuple[int, int]:
    if not rows.sources and not mirror:
        return 0, 0
    scope = None if mirror else frozenset(rows.sources)
    stale_rels = _stale_relationships(session, rows, scope)
    deleted_rels = 0
    total = sum(len(v) for v in stale_rels.values())
    for (rel, a, b), items in sorted(stale_rels.items()):
        query = relationship_delete_query(rel, a, b)
        for chunk in _chunks(items, batch_size):
            session.execute_write(_write, query, {"rows": chunk})
            deleted_rels += len(chunk)
            tell("cleanup", deleted_rels, total)
    deleted_nodes = 0
    for label in NODE_KINDS:
        wanted = {r["id"]: True for r in rows.nodes.get(label, ())}
        found = session.execute_read(
            _read_all, f"MATCH (n:{_check_label(label)}) WHERE n.id IS NOT NULL AND $wanted[n.id] IS NULL "
                       "RETURN n.id AS id, n.sources AS sources", {"wanted": wanted})
        stale = sorted(rec["id"] for rec in found if _in_scope(rec["sources"], scope))
        for chunk in _chunks(stale, batch_size):
            session.execute_write(_write, node_delete_query(label), {"ids": chunk})
            deleted_nodes += len(chunk)
    return deleted_rels, deleted_nodes


# --- reading back -------------------------------------------------------------------------------

def count_in_neo4j(driver, *, database: str | None = None) -> dict[str, int]:
    """Nodes per cancu label and relationships per type in Neo4j (what ``PushRows.counts`` predicts)."""
    out: dict[str, int] = {}
    for label in NODE_KINDS:
        records, _, _ = driver.execute_query(f"MATCH (n:{_check_label(label)}) RETURN count(n) AS c",
                                             database_=database)
        out[label] = records[0]["c"]
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() WHERE type(r) IN $types RETURN type(r) AS t, count(r) AS c",
        {"types": list(REL_TYPES)}, database_=database)
    by_type = {rec["t"]: rec["c"] for rec in records}
    for rel in REL_TYPES:
        if by_type.get(rel):
            out[rel] = by_type[rel]
    out["nodes"] = sum(out[label] for label in NODE_KINDS)
    out["relationships"] = sum(by_type.values())
    return out


def run_query(driver, cypher: str, params: dict | None = None, *, database: str | None = None) -> list[dict]:
    """Run a read query with parameters (never pasted in) and return its rows as plain dicts."""
    import neo4j.exceptions as nex

    try:
        with driver.session(database=database) as session:
            return session.execute_read(_read_all_plain, cypher, dict(params or {}))
    except nex.ServiceUnavailable as err:
        raise Neo4jUnavailable(f"no Neo4j server answers ({err}); start one or set NEO4J_URI / --uri") from err


def _read_all_plain(tx, query: str, params: dict) -> list[dict]:
    return [{k: _plain(v) for k, v in record.items()} for record in tx.run(query, params)]


def _plain(value):
    """Neo4j values → JSON-friendly Python (nodes and relationships become their properties)."""
    try:
        from neo4j.graph import Node, Path, Relationship
    except ImportError:  # pragma: no cover
        Node = Relationship = Path = ()
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
