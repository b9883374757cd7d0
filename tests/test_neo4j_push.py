"""The push to Neo4j: the rows it writes (pure, no server) and, on a real server, idempotency and stale facts.

Tests marked ``neo4j`` need a server (``scripts/neo4j-dev start``; see tests/neo4j_fixtures.py). They
empty the database they use first (the module fixture and each test): run them against a scratch server.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cancu.cli import cli
from cancu.commands.neo4j import (
    CypherQuery,
    guide_html,
    guide_server,
    library,
    parse_param,
    query_parameters,
)
from cancu.pipeline import load_paths
from graphmodel.errors import Neo4jUnavailable
from graphmodel.graph import LegalGraph
from graphmodel.models import Evidence
from graphmodel.neo4j import (
    MISSING_NUMBER,
    PushRows,
    count_in_neo4j,
    flatten_records,
    generate_rows,
    node_merge_query,
    push,
    relationship_merge_query,
    run_query,
    schema_statements,
    to_properties,
)
from graphmodel.vocab import NODE_KINDS, REL_TYPES
from tests.conftest import CORPUS, EXAMPLES

PRIMITIVES = (str, bool, int, float)


def _small_graph() -> LegalGraph:
    g = LegalGraph()
    g.add_node("instrument:11-NQ/TW", "Instrument", source="a.txt", symbol="11-NQ/TW", doc_type="Nghị quyết")
    g.add_node("instrument:1/KH-UBND@x/2024", "Instrument", source="a.txt", symbol="1/KH-UBND", doc_type="Kế hoạch",
               loaded=True, span=[0, 90], title="Kế hoạch thử")
    g.add_node("instrument:1/KH-UBND@x/2024#II.1", "Task", source="a.txt", section="II.1", text="Tuyên truyền",
               document="instrument:1/KH-UBND@x/2024", span=[40, 80],
               due=[{"due": "--06-10", "what": "Báo cáo 6 tháng", "to": None, "recurring": "annual",
                     "quote": "Báo cáo 6 tháng gửi trước ngày 10/6", "start": 50, "end": 85}],
               targets=[{"value": "60%", "year": None, "what": "", "quote": "đạt 60%", "start": 60, "end": 67}])
    g.add_node("agency:so-noi-vu@x", "Agency", source="a.txt", name="Sở Nội vụ", jurisdiction="X")
    g.add_edge("instrument:1/KH-UBND@x/2024", "instrument:11-NQ/TW", "IMPLEMENTS",
               [Evidence("a.txt", 0, 9, "Thực hiện", "preamble"), Evidence("b.txt", 3, 12, "thực hiện\nNQ", None)])
    g.add_edge("instrument:1/KH-UBND@x/2024", "instrument:1/KH-UBND@x/2024#II.1", "HAS_TASK",
               Evidence("a.txt", 40, 50, "II.1 Tuyên", "II.1"))
    g.add_edge("agency:so-noi-vu@x", "instrument:1/KH-UBND@x/2024#II.1", "RESPONSIBLE_FOR",
               Evidence("a.txt", 70, 79, "Sở Nội vụ", "II.1"), requested=True)
    return g


def _is_neo4j_value(value) -> bool:
    if isinstance(value, PRIMITIVES):
        return True
    if isinstance(value, list):
        kinds = {bool if isinstance(v, bool) else (int, float) if isinstance(v, (int, float)) else type(v)
                 for v in value}
        return all(isinstance(v, PRIMITIVES) for v in value) and len(kinds) <= 1
    return False


def _all_props(rows: PushRows):
    for label_rows in rows.nodes.values():
        for r in label_rows:
            yield r["props"]
    for rel_rows in rows.relationships.values():
        for r in rel_rows:
            yield r["props"]


# --- rows (no server) --------------------------------------------------------------------------------------------

def test_rows_group_nodes_by_label_and_relationships_by_type_and_end_labels():
    rows = generate_rows(_small_graph())
    assert set(rows.nodes) == {"Instrument", "Task", "Agency"}
    assert [r["id"] for r in rows.nodes["Instrument"]] == ["instrument:1/KH-UBND@x/2024", "instrument:11-NQ/TW"]
    assert set(rows.relationships) == {("IMPLEMENTS", "Instrument", "Instrument"), ("HAS_TASK", "Instrument", "Task"),
                                       ("RESPONSIBLE_FOR", "Agency", "Task")}
    assert rows.counts()["nodes"] == 4 and rows.counts()["relationships"] == 3
    assert rows.sources == ()  # the hand-built graph recorded no read files
    assert rows.dropped == ()


def test_every_property_is_a_neo4j_value():
    rows = generate_rows(_small_graph())
    for props in _all_props(rows):
        for key, value in props.items():
            assert _is_neo4j_value(value), (key, value)


def test_evidence_is_parallel_arrays_with_a_readable_summary():
    rows = generate_rows(_small_graph())
    (impl,) = rows.relationships[("IMPLEMENTS", "Instrument", "Instrument")]
    p = impl["props"]
    assert p["evidence_source"] == ["a.txt", "b.txt"]
    assert p["evidence_start"] == [0, 3] and p["evidence_end"] == [9, 12]
    assert p["evidence_quote"] == ["Thực hiện", "thực hiện\nNQ"]
    assert p["evidence_section"] == ["preamble", ""]  # a missing section is "" (lists hold no nulls)
    assert p["evidence_line"] == [MISSING_NUMBER, MISSING_NUMBER]  # the hand-built graph keeps no texts
    assert p["evidence"] == "«Thực hiện» a.txt:0-9 (+1 more)"
    assert p["sources"] == ["a.txt", "b.txt"]
    (resp,) = rows.relationships[("RESPONSIBLE_FOR", "Agency", "Task")]
    assert resp["props"]["requested"] is True


def test_task_due_and_targets_are_flattened():
    rows = generate_rows(_small_graph())
    (task,) = rows.nodes["Task"]
    p = task["props"]
    assert p["due"] == ["--06-10"] and p["due_what"] == ["Báo cáo 6 tháng"] and p["due_to"] == [""]
    assert p["due_recurring"] == ["annual"] and p["due_start"] == [50] and p["due_end"] == [85]
    assert p["target_value"] == ["60%"] and p["target_year"] == [MISSING_NUMBER] and p["target_quote"] == ["đạt 60%"]
    assert p["span"] == [40, 80]
    assert p["caption"] == "II.1 Tuyên truyền"


def test_nodes_carry_id_sources_caption_and_match_keys():
    rows = generate_rows(_small_graph())
    nq = next(r for r in rows.nodes["Instrument"] if r["id"] == "instrument:11-NQ/TW")["props"]
    assert nq["id"] == "instrument:11-NQ/TW" and nq["sources"] == ["a.txt"]
    assert nq["caption"] == "11-NQ/TW" and nq["symbol_key"] == "11-NQ/TW"  # the label the queries show
    assert nq["local_symbol"] is False
    plan = next(r for r in rows.nodes["Instrument"] if r["id"] == "instrument:1/KH-UBND@x/2024")["props"]
    assert plan["local_symbol"] is True
    assert "kind" not in nq  # the label says it
    (agency,) = rows.nodes["Agency"]
    assert agency["props"]["name_key"] == "so noi vu"


def test_edges_outside_the_vocabulary_are_dropped_with_a_reason():
    g = _small_graph()
    g.g.add_edge("agency:so-noi-vu@x", "instrument:11-NQ/TW", key="LIKES", type="LIKES", evidence=[])
    g.g.add_edge("agency:so-noi-vu@x", "instrument:11-NQ/TW", key="LEADS", type="LEADS", evidence=[])
    g.g.add_node("thing:1", kind="Thing")
    rows = generate_rows(g)
    reasons = dict(rows.dropped)
    assert "not in graphmodel.vocab" in reasons["edge 'agency:so-noi-vu@x' -[LIKES]-> 'instrument:11-NQ/TW'"]
    assert "does not go from Agency to Instrument" in reasons["edge 'agency:so-noi-vu@x' -[LEADS]-> 'instrument:11-NQ/TW'"]
    assert "is not one of" in reasons["node 'thing:1'"]
    assert rows.relationship_count == 3


def test_rows_are_deterministic():
    assert generate_rows(_small_graph()) == generate_rows(_small_graph())


def test_queries_take_labels_only_from_the_vocabulary_and_values_only_as_parameters():
    with pytest.raises(ValueError):
        node_merge_query("Instrument) DETACH DELETE (x")
    with pytest.raises(ValueError):
        relationship_merge_query("CITES]->() //", "Instrument", "Instrument")
    q = relationship_merge_query("CITES", "Task", "Instrument")
    assert "$rows" in q and "MERGE (a)-[r:CITES]->(b)" in q
    stmts = schema_statements()
    for label in NODE_KINDS:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in " ".join(stmts)
    assert all("IF NOT EXISTS" in s for s in stmts)


class _NoDriver:
    """Fails the test if the push touches it in any way."""

    def __getattr__(self, name):
        raise AssertionError(f"dry run used the driver ({name})")


def test_dry_run_opens_no_connection_and_counts_the_rows():
    g = _small_graph()
    report = push(g, _NoDriver(), dry_run=True)
    assert report.dry_run and report.nodes == 4 and report.relationships == 3
    assert report.by_label["Instrument"] == 2 and report.by_type["IMPLEMENTS"] == 1
    assert push(g, None, dry_run=True).relationships == 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_server_that_does_not_answer_is_a_clear_error():
    from neo4j import GraphDatabase

    uri = f"bolt://127.0.0.1:{_free_port()}"
    with (GraphDatabase.driver(uri, auth=("neo4j", "not-printed-secret"),
                               connection_timeout=2, max_transaction_retry_time=1) as driver,
          pytest.raises(Neo4jUnavailable) as err):
        push(_small_graph(), driver, uri=uri)
    msg = str(err.value)
    assert uri in msg and "docker compose up -d" in msg
    assert "not-printed-secret" not in msg


@given(st.lists(st.dictionaries(st.sampled_from(["source", "start", "end", "quote", "section", "extra"]),
                                st.one_of(st.none(), st.text(max_size=5), st.integers(-5, 10**6), st.booleans()),
                                max_size=6), max_size=6))
def test_flattened_records_are_parallel_typed_arrays(records):
    cols = flatten_records("evidence", records)
    assert all(len(v) == len(records) for v in cols.values())
    for name, values in cols.items():
        assert _is_neo4j_value(values), (name, values)
        if name in ("evidence_start", "evidence_end", "evidence_line"):
            assert all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        else:
            assert all(isinstance(v, str) for v in values)


@given(st.dictionaries(st.text(min_size=1, max_size=6),
                       st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.text(max_size=4)),
                                    lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                            st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                                    max_leaves=8),
                       max_size=6))
def test_any_attribute_becomes_a_neo4j_value(data):
    for key, value in to_properties(data).items():
        assert _is_neo4j_value(value), (key, value)


# --- a real server -------------------------------------------------------------------------------------------------

def _wipe(driver):
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def clean_db(neo4j_driver):
    _wipe(neo4j_driver)
    yield neo4j_driver
    _wipe(neo4j_driver)


@pytest.fixture
def db(clean_db):
    _wipe(clean_db)
    return clean_db


@pytest.fixture(scope="module")
def corpus_graph(shared):
    g = LegalGraph()
    report = load_paths(g, [CORPUS, EXAMPLES])
    assert not report.failed, report.failed
    return g


def _dump(driver) -> tuple[set, set]:
    """Every node and relationship with all their properties, as hashable tuples."""
    def freeze(props):
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))

    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")
    return ({(tuple(sorted(r["l"])), freeze(r["p"])) for r in nodes},
            {(r["a"], r["t"], r["b"], freeze(r["p"])) for r in rels})


def _edge_keys(driver, rel: str | None = None) -> set:
    records, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE $t IS NULL OR type(r) = $t RETURN a.id AS a, type(r) AS t, b.id AS b", {"t": rel})
    return {(r["a"], r["t"], r["b"]) for r in records}


def _graph_edge_keys(graph: LegalGraph, rel: str | None = None) -> set:
    return {(u, k, v) for u, v, k in graph.g.edges(keys=True) if rel is None or k == rel}


@pytest.mark.neo4j
def test_push_writes_what_the_rows_say_and_creates_the_schema(db, corpus_graph):
    rows = generate_rows(corpus_graph)
    report = push(corpus_graph, db)
    assert report.nodes == rows.node_count == corpus_graph.count_nodes()
    assert report.relationships == rows.relationship_count == corpus_graph.count_edges()
    assert count_in_neo4j(db) == rows.counts()
    assert _edge_keys(db) == _graph_edge_keys(corpus_graph)
    records, _, _ = db.execute_query("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type "
                                     "WHERE name STARTS WITH 'cancu_' RETURN *")
    unique = {(r["labelsOrTypes"][0], tuple(r["properties"])) for r in records if r["type"] == "UNIQUENESS"}
    assert unique == {(label, ("id",)) for label in NODE_KINDS}


@pytest.mark.neo4j
def test_pushing_twice_changes_nothing(db, corpus_graph):
    first = push(corpus_graph, db)
    counts, dump = count_in_neo4j(db), _dump(db)
    second = push(corpus_graph, db)
    assert count_in_neo4j(db) == counts
    assert _dump(db) == dump  # not only the counts: every property is the same
    assert (second.deleted_nodes, second.deleted_relationships) == (0, 0)
    assert second.relationships == first.relationships


@pytest.mark.neo4j
def test_small_batches_give_the_same_database(db, corpus_graph):
    push(corpus_graph, db, batch_size=7)
    small = _dump(db)
    _wipe(db)
    push(corpus_graph, db)
    assert _dump(db) == small


@pytest.mark.neo4j
def test_stored_evidence_points_at_the_quoted_text(db, corpus_graph):
    push(corpus_graph, db)
    records, _, _ = db.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS t, r.evidence_source AS src, r.evidence_start AS s, "
        "r.evidence_end AS e, r.evidence_quote AS q, r.evidence_line AS line, r.evidence AS summary")
    assert records
    for r in records:
        assert len(r["src"]) == len(r["s"]) == len(r["e"]) == len(r["q"]) == len(r["line"]) >= 1
        assert r["summary"].startswith("«")
        for src, s, e, q, line in zip(r["src"], r["s"], r["e"], r["q"], r["line"]):
            text = corpus_graph.text_of(src)
            assert text[s:e] == q
            assert line == text.count("\n", 0, s) + 1


@pytest.mark.neo4j
def test_task_deadlines_and_targets_read_back(db):
    graph = LegalGraph()
    load_paths(graph, [EXAMPLES])
    push(graph, db)
    records, _, _ = db.execute_query(
        "MATCH (t:Task) WHERE size(coalesce(t.due, [])) > 0 RETURN t.id AS id, t.due AS due, t.due_quote AS q")
    expected = {n: [d["due"] for d in data["due"]] for n, data in graph.nodes("Task") if data.get("due")}
    assert expected, "the examples set deadlines (examples/README.md)"
    assert {r["id"]: r["due"] for r in records} == expected
    records, _, _ = db.execute_query(
        "MATCH (t:Task) WHERE t.target_value IS NOT NULL RETURN t.id AS id, t.target_value AS v, t.target_year AS y")
    expected = {n: ([x["value"] for x in d["targets"]], [x["year"] if x["year"] is not None else MISSING_NUMBER
                                                         for x in d["targets"]])
                for n, d in graph.nodes("Task") if d.get("targets")}
    assert expected
    assert {r["id"]: (r["v"], r["y"]) for r in records} == expected


BASIS_LINE = re.compile(r"^Căn cứ Quyết định số (\d+)/(\d{4})/QĐ-UBND", re.MULTILINE)


@pytest.mark.neo4j
def test_a_changed_document_leaves_no_stale_edges(db, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(EXAMPLES, folder)
    graph = LegalGraph()
    load_paths(graph, [folder])
    push(graph, db)
    old_basis = _edge_keys(db, "BASED_ON")
    assert old_basis == _graph_edge_keys(graph, "BASED_ON")

    # the department plan (examples/03) is corrected: it now rests on another provincial decision
    doc = folder / "03_ke-hoach-so.txt"
    text = doc.read_text(encoding="utf-8")
    match = BASIS_LINE.search(text)
    assert match, "examples/03 rests on a provincial decision (examples/README.md)"
    new_number = str(int(match.group(1)) + 1000)
    doc.write_text(text[:match.start(1)] + new_number + text[match.end(1):], encoding="utf-8")
    report = load_paths(graph, [folder])
    assert report.replaced == [str(doc)]

    pushed = push(graph, db)
    new_basis = _edge_keys(db, "BASED_ON")
    assert new_basis == _graph_edge_keys(graph, "BASED_ON")
    gone = old_basis - new_basis
    assert gone and all(f"{match.group(1)}/{match.group(2)}/QĐ-UBND" in b for _, _, b in gone)
    assert any(f"{new_number}/{match.group(2)}/QĐ-UBND" in b for _, _, b in new_basis - old_basis)
    assert pushed.deleted_relationships >= len(gone)
    # the decision no one cites any more is gone too; everything else matches the graph
    assert count_in_neo4j(db) == generate_rows(graph).counts()
    assert _edge_keys(db) == _graph_edge_keys(graph)
    records, _, _ = db.execute_query("MATCH (n) RETURN n.id AS id")
    assert {r["id"] for r in records} == set(graph.g.nodes)


@pytest.mark.neo4j
def test_files_outside_the_graph_are_kept_unless_mirrored(db, tmp_path):
    graph = LegalGraph()
    load_paths(graph, [EXAMPLES])
    push(graph, db)
    before = count_in_neo4j(db)
    removed = next(p for p in graph.sources() if p.endswith("05_ke-hoach-tinh-khac.txt"))
    graph.remove_source(removed)

    # another graph (without that file) pushed to the same database leaves that file's facts alone
    push(graph, db)
    assert count_in_neo4j(db) == before
    records, _, _ = db.execute_query("MATCH ()-[r]->() WHERE $f IN r.sources RETURN count(r) AS c", {"f": removed})
    assert records[0]["c"] > 0

    # a mirror push makes the database the graph, exactly
    report = push(graph, db, mirror=True)
    assert report.deleted_relationships > 0
    assert count_in_neo4j(db) == generate_rows(graph).counts()
    assert _edge_keys(db) == _graph_edge_keys(graph)


@pytest.mark.neo4j
def test_progress_is_reported_per_batch(db):
    seen = []
    graph = LegalGraph()
    load_paths(graph, [EXAMPLES])
    report = push(graph, db, batch_size=10, on_progress=lambda stage, done, total: seen.append((stage, done, total)))
    stages = [s for s, _, _ in seen]
    assert stages[0] == "schema" and "nodes" in stages and "relationships" in stages
    last_rel = [x for x in seen if x[0] == "relationships"][-1]
    assert last_rel[1] == last_rel[2] == report.relationships
    assert report.batches == sum(1 for s in stages if s in ("nodes", "relationships"))


def test_rel_types_and_labels_are_the_vocabulary():
    # the closed vocabulary the queries may interpolate (everything else is a parameter)
    assert set(NODE_KINDS) == {"Instrument", "Agency", "Task", "Person"}
    assert "BASED_ON" in REL_TYPES and "LEADS" in REL_TYPES


# --- the command line: cancu neo4j push | query | guide -------------------------------------------------------------

LIBRARY = ("basis", "flow", "agency", "path", "cited", "unresolved", "compare")


@pytest.fixture
def examples_db(tmp_path):
    db = tmp_path / "graph.json"
    graph = LegalGraph()
    load_paths(graph, [EXAMPLES])
    graph.save(db)
    return db


def _dead_uri() -> str:
    return f"bolt://127.0.0.1:{_free_port()}"


@pytest.mark.parametrize(("item", "expected"), [
    ("depth=2", ("depth", 2)),
    ("depth=-1", ("depth", -1)),
    ("instrument=31-CT/TW", ("instrument", "31-CT/TW")),
    ("instrument=118/KH-UBND", ("instrument", "118/KH-UBND")),
    ("agency=Sở Nội vụ", ("agency", "Sở Nội vụ")),
    ("include_cites=true", ("include_cites", True)),
    ("include_cites=False", ("include_cites", False)),
    ("depth=null", ("depth", None)),
    ("rels=BASED_ON,IMPLEMENTS", ("rels", "BASED_ON,IMPLEMENTS")),
    ("title=a=b", ("title", "a=b")),
    ("year=2024x", ("year", "2024x")),
])
def test_parameters_are_typed(item, expected):
    assert parse_param(item) == expected


@pytest.mark.parametrize("item", ["depth", "=3", "bad name=1", "x;y=1"])
def test_malformed_parameters_are_refused(item):
    import click

    with pytest.raises(click.BadParameter):
        parse_param(item)


def test_query_parameters_fill_the_rest_with_null_and_refuse_unknown_names():
    import click

    q = CypherQuery("t", "t", "", "", "MATCH (n {id: $id}) // $not_a_param\nRETURN n, '$no' AS x LIMIT $limit")
    assert q.parameters == ("id", "limit")
    assert query_parameters(q, [("id", "x")]) == {"id": "x", "limit": None}
    with pytest.raises(click.BadParameter, match="takes id, limit"):
        query_parameters(q, [("idd", "x")])


def test_the_library_has_every_named_query_each_with_its_header():
    queries = library()
    assert set(LIBRARY) <= set(queries)
    for q in queries.values():
        assert q.title.startswith(f"cancu {q.name}:"), q.title
        assert len(q.about) > 100, q.name  # what it answers, its parameters
        assert q.example.startswith(":params {"), q.name
        keys = set(re.findall(r"([A-Za-z_]+):", q.example.removeprefix(":params")))
        assert keys == set(q.parameters), (q.name, keys, q.parameters)
        for p in q.parameters:
            assert f"${p}" in q.about, (q.name, p)  # every parameter is explained
        # one statement per file: no ';' (Browser splits a multi-statement editor on it)
        code = "\n".join(line.split("//", 1)[0] for line in q.text.splitlines())
        assert ";" not in re.sub(r"'(?:[^'\\]|\\.)*'", "''", code), q.name
        assert ";" not in "".join(line for line in q.text.splitlines() if line.lstrip().startswith("//")), q.name


def test_the_browser_style_captions_every_label():
    grass = (Path(__file__).resolve().parent.parent / "queries" / "cypher" / "cancu.grass").read_text(encoding="utf-8")
    for label in NODE_KINDS:
        assert re.search(r"node\." + label + r" \{[^}]*caption: \"\{caption\}\"", grass), label


def test_the_guide_has_a_slide_per_query_with_runnable_blocks():
    page = guide_html(library())
    assert page.count("<slide") == len(library()) + 1
    assert page.count('class="pre-scrollable code runnable"') == 2 * len(library())
    assert "&lt;-[:PART_OF]-" in page  # Cypher is escaped, not markup
    assert "<script" not in page


def test_the_guide_server_sends_cors_headers():
    import threading
    import urllib.request

    port = _free_port()
    server = guide_server(port, "<article class=\"guide\">x</article>")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/cancu.html", timeout=5) as resp:
            assert resp.headers["Access-Control-Allow-Origin"] == "*"
            assert resp.read().decode() == "<article class=\"guide\">x</article>"
    finally:
        server.shutdown()
        server.server_close()


def test_guide_command_writes_the_file(tmp_path):
    out = tmp_path / "cancu.html"
    result = CliRunner().invoke(cli, ["neo4j", "guide", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == guide_html(library())


def test_cli_dry_run_counts_and_connects_to_nothing(examples_db, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = CliRunner().invoke(cli, ["neo4j", "push", "--db", str(examples_db), "--dry-run", "--uri", _dead_uri(),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output  # no prompt for a password, no server needed
    counts = {r["what"]: r["count"] for r in json.loads(result.stdout)}
    assert counts == {k: v for k, v in generate_rows(LegalGraph.load(examples_db)).counts().items()
                      if v or k in NODE_KINDS}


def test_cli_push_to_no_server_is_one_clear_line(examples_db, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "not-printed-secret")
    uri = _dead_uri()
    result = CliRunner().invoke(cli, ["neo4j", "push", "--db", str(examples_db), "--uri", uri])
    assert result.exit_code == 1
    assert f"no Neo4j server answers at {uri}" in result.output
    assert "not-printed-secret" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.neo4j
def test_cli_push_asks_the_password_without_echo_and_never_prints_it(db, examples_db, monkeypatch):
    from tests.neo4j_fixtures import neo4j_settings

    uri, user, password = neo4j_settings()
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = CliRunner().invoke(cli, ["neo4j", "push", "--db", str(examples_db), "--uri", uri, "--user", user,
                                      "--batch-size", "50", "--format", "json"], input=f"{password}\n")
    assert result.exit_code == 0, result.output
    assert "Neo4j password" in result.stderr
    assert password not in result.output  # neither stdout nor stderr (prompt input is not echoed)
    assert "relationships: " in result.stderr  # progress
    assert count_in_neo4j(db) == generate_rows(LegalGraph.load(examples_db)).counts()


def _cli_env():
    from tests.neo4j_fixtures import neo4j_settings

    uri, user, password = neo4j_settings()
    return ["--uri", uri, "--user", user], {"NEO4J_PASSWORD": password}


@pytest.mark.neo4j
def test_cli_query_runs_the_library_file_with_typed_parameters(db, examples_db):
    graph = LegalGraph.load(examples_db)
    push(graph, db)
    conn, env = _cli_env()
    result = CliRunner(env=env).invoke(cli, ["neo4j", "query", "basis", *conn, "--param", "instrument=45/KH-SNV",
                                             "--param", "depth=1", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["level"] for r in rows} == {0, 1}  # depth=1 went in as the number 1
    assert {r["instrument"] for r in rows} >= {"45/KH-SNV", "118/KH-UBND", "31-CT/TW"}
    direct = run_query(db, (library()["basis"]).text, {"instrument": "45/KH-SNV", "depth": 1, "include_cites": None})
    assert rows == direct

    result = CliRunner(env=env).invoke(cli, ["neo4j", "query", "agency", *conn, "--param", "agency=Sở Nội vụ",
                                             "--param", "province=Thanh Hoá", "--format", "md", "--evidence"])
    assert result.exit_code == 0, result.output
    assert "| role | due | plan |" in result.stdout and "| lead | 2024-09-30 | 118/KH-UBND |" in result.stdout
    assert "_id" not in result.stdout.splitlines()[0]  # ids only with --ids
    assert "quote" in result.stdout.splitlines()[0]


@pytest.mark.neo4j
def test_cli_query_values_are_parameters_not_cypher(db, examples_db):
    push(LegalGraph.load(examples_db), db)
    conn, env = _cli_env()
    before = count_in_neo4j(db)
    evil = "x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //"
    result = CliRunner(env=env).invoke(cli, ["neo4j", "query", "basis", *conn, "--param", f"instrument={evil}",
                                             "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert count_in_neo4j(db) == before


@pytest.mark.neo4j
def test_cli_query_errors(db):
    conn, env = _cli_env()
    result = CliRunner(env=env).invoke(cli, ["neo4j", "query", "nonesuch", *conn])
    assert result.exit_code == 2 and "the library has" in result.output
    result = CliRunner(env=env).invoke(cli, ["neo4j", "query", "basis", *conn, "--param", "instrumnet=x"])
    assert result.exit_code == 2 and "takes instrument" in result.output


@pytest.mark.neo4j
@pytest.mark.parametrize("name", LIBRARY)
def test_every_library_file_runs_as_is_with_its_example_parameters(db, examples_db, name):
    """What Browser does: the whole file, comments included, after its `:params` line."""
    push(LegalGraph.load(examples_db), db)
    q = library()[name]
    records, _, _ = db.execute_query("RETURN " + q.example.removeprefix(":params").strip() + " AS p")
    params = records[0]["p"]  # the example line is a Cypher map, as Browser evaluates it
    rows = run_query(db, q.text, params)
    if name != "unresolved":  # the examples cite every instrument by symbol or well-known name
        assert rows, name


def test_importing_the_push_and_the_command_loads_no_driver():
    import subprocess
    import sys

    code = ("import sys, graphmodel.neo4j, cancu.commands.neo4j; "
            "print(any(m == 'neo4j' or m.startswith('neo4j.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False"


class _RecordingSession:
    """Stands for a driver session: records how each statement is sent."""

    def __init__(self, log):
        self.log = log

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute_write(self, fn, *args):
        self.log.append(("execute_write", args[0]))
        return fn(_RecordingTx(), *args)

    def execute_read(self, fn, *args):
        self.log.append(("execute_read", args[0]))
        return fn(_RecordingTx(), *args)

    def run(self, query, params=None):
        self.log.append(("run", query))
        return _RecordingResult()


class _RecordingTx:
    def run(self, query, params=None):
        return _RecordingResult()


class _RecordingResult(list):
    def consume(self):
        return None


class _RecordingDriver:
    def __init__(self):
        self.log = []

    def verify_connectivity(self):
        return None

    def session(self, database=None):
        return _RecordingSession(self.log)


def test_every_write_is_a_managed_transaction_that_the_driver_retries():
    driver = _RecordingDriver()
    g = _small_graph()
    g.add_source("a.txt", sha256="0" * 64, text="x" * 100, encoding="utf-8", documents=[])
    report = push(g, driver, batch_size=1)
    writes = [q for how, q in driver.log if how == "execute_write"]
    assert report.batches == 7 and len(writes) == len(schema_statements()) + 7
    assert all(how in ("execute_write", "execute_read") or q.startswith("CALL db.awaitIndexes")
               for how, q in driver.log)  # the only auto-commit call is the read-only wait for indexes
