"""Views and pages without a browser: adapters, layout, escaping, offline, size cap, atomic write, CLI.

The browser checks (the page really draws, filters, searches, loads nothing) are in
tests/test_views_browser.py; the graphs built here are shared with it.
"""
from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.cli import CancuGroup
from cancu.commands.view import build_view, view
from cancu.pipeline import load_paths
from graphmodel.graph import LegalGraph, content_hash
from graphmodel.models import Evidence
from graphmodel.normalize import fold
from queries.agency import agency_duties
from queries.basis import basis
from queries.flow import flow
from queries.lookup import find_agency, find_instrument, province_of
from tests.conftest import CORPUS, EXAMPLES
from visualize import (
    PHYSICS_LIMIT,
    View,
    ViewTooLarge,
    build_page,
    render_view,
    view_from_agency,
    view_from_basis,
    view_from_flow,
)
from visualize.layout import layers, positions
from visualize.page import view_data

# --- graphs shared with the browser tests ---------------------------------------------------------

#: strings a page must show as text, never run: each would set window.__pwned if it ran
PAYLOADS = {
    "title": "Kế hoạch <script>window.__pwned='title'</script> & \"trích\" 'dẫn'",
    "cited": "</script><img src=x onerror=\"window.__pwned='cited'\">",
    "agency": "Sở <img src=x onerror=window.__pwned='agency'> Nội vụ",
    "task": "Tuyên truyền <svg onload=window.__pwned='task'></svg> về bình đẳng giới",
    "quote": "Thực hiện <script>window.__pwned='quote'</script> Chỉ thị",
    "page": "Trang <script>window.__pwned='page'</script>",
    "source": "tệp<b>độc</b>.txt",
}


def hostile_graph() -> LegalGraph:
    """A tiny graph whose every string is an injection attempt (titles, names, quotes, file name)."""
    src = PAYLOADS["source"]
    text = "dòng một\n" + PAYLOADS["quote"] + "\nChủ trì: " + PAYLOADS["agency"] + "\n"
    g = LegalGraph()
    g.add_source(src, sha256=content_hash(text), text=text, encoding="utf-8", documents=["instrument:1/KH-X"])
    g.add_node("instrument:1/KH-X", "Instrument", source=src, doc_type="Kế hoạch", symbol="1/KH-X",
               title=PAYLOADS["title"], jurisdiction="Tỉnh <i>X</i>", loaded=True, span=[0, len(text)])
    g.g.nodes["instrument:1/KH-X"]["source"] = src
    g.add_node("instrument:2-CT/TW", "Instrument", source=src, doc_type="Chỉ thị", symbol="2-CT/TW",
               title=PAYLOADS["cited"], jurisdiction="national")
    g.add_node("agency:x", "Agency", source=src, name=PAYLOADS["agency"], jurisdiction="Tỉnh <i>X</i>")
    g.add_node("instrument:1/KH-X#1", "Task", source=src, section="1", text=PAYLOADS["task"],
               document="instrument:1/KH-X", span=[9, 20])
    q0 = text.index("Thực hiện")
    g.add_edge("instrument:1/KH-X", "instrument:2-CT/TW", "IMPLEMENTS",
               Evidence(src, q0, q0 + len(PAYLOADS["quote"]), PAYLOADS["quote"], "preamble"))
    g.add_edge("instrument:1/KH-X", "instrument:1/KH-X#1", "HAS_TASK", Evidence(src, 9, 20, text[9:20], "body"))
    a0 = text.index("Chủ trì")
    g.add_edge("agency:x", "instrument:1/KH-X#1", "LEADS", Evidence(src, a0, len(text) - 1, text[a0:-1], "IV"))
    return g


def hostile_view(g: LegalGraph) -> View:
    return View.of([n for n, _ in g.nodes()], [(u, v, k) for u, v, k in g.g.edges(keys=True)],
                   title=PAYLOADS["page"], kind="flow", focus=("instrument:2-CT/TW",))


def big_graph(plans: int = 40, tasks: int = 8) -> LegalGraph:
    """A directive carried out by many provincial plans, each with tasks led by its own agencies."""
    g = LegalGraph()
    g.add_node("instrument:9-CT/TW", "Instrument", doc_type="Chỉ thị", symbol="9-CT/TW", jurisdiction="national")
    provinces = ["Gia Lai", "Quảng Ngãi", "Bình Định", "Kiên Giang"]
    for p in range(plans):
        prov = provinces[p % len(provinces)]
        doc = f"instrument:{p + 1}/KH-UBND@{fold(prov).replace(' ', '-')}/{2000 + p}"
        g.add_node(doc, "Instrument", doc_type="Kế hoạch", symbol=f"{p + 1}/KH-UBND", jurisdiction=prov, loaded=True)
        g.add_edge(doc, "instrument:9-CT/TW", "IMPLEMENTS", Evidence("x.txt", 0, 9, "Thực hiện", "preamble"))
        for t in range(tasks):
            task = f"{doc}#{t + 1}"
            g.add_node(task, "Task", section=str(t + 1), text=f"Nhiệm vụ {t + 1}", document=doc)
            g.add_edge(doc, task, "HAS_TASK", Evidence("x.txt", 0, 1, "1", "body"))
            agency = f"agency:so-{t}@{fold(prov).replace(' ', '-')}"
            g.add_node(agency, "Agency", name=f"Sở số {t} tỉnh {prov}", jurisdiction=prov)
            g.add_edge(agency, task, "LEADS", Evidence("x.txt", 0, 7, "Chủ trì", "IV"))
    return g


def big_view(g: LegalGraph) -> View:
    return View.of([n for n, _ in g.nodes()], [(u, v, k) for u, v, k in g.g.edges(keys=True)],
                   title="Nhiều tỉnh thực hiện 9-CT/TW", kind="flow", focus=("instrument:9-CT/TW",))


@pytest.fixture(scope="module")
def examples_graph():
    g = LegalGraph()
    load_paths(g, [EXAMPLES])
    return g


@pytest.fixture(scope="module")
def corpus_graph(shared):
    g = LegalGraph()
    report = load_paths(g, [CORPUS])
    assert not report.failed, report.failed
    return g


def _kinds(g, view):
    return Counter(g.g.nodes[n]["kind"] for n in view.nodes)


def _symbols(g, view):
    return {g.g.nodes[n].get("symbol") for n in view.nodes if g.g.nodes[n]["kind"] == "Instrument"}


# --- View and the adapters ----------------------------------------------------------------------------


def test_view_of_dedups_in_order_and_keeps_first_evidence():
    v = View.of(["a", "b", "a"], [("a", "b", "CITES"), ("a", "b", "CITES")], title="t",
                evidence=[(("a", "b", "CITES"), ({"quote": "1"},)), (("a", "b", "CITES"), ({"quote": "2"},))])
    assert v.nodes == ("a", "b") and v.edges == (("a", "b", "CITES"),)
    assert v.evidence_of(("a", "b", "CITES")) == ({"quote": "1"},)
    assert v.evidence_of(("b", "a", "CITES")) is None
    with pytest.raises(ValueError, match="unknown view kind"):
        View((), (), "t", kind="pie")


def test_basis_view_of_the_gia_lai_2020_plan_reaches_1696_and_742(corpus_graph):
    g = corpus_graph
    root = find_instrument(g, "Triển khai công tác bình đẳng giới và vì sự tiến bộ của Phụ nữ tỉnh Gia Lai năm 2020")
    v = view_from_basis(g, basis(g, root))
    assert v.kind == "basis" and v.focus == (root,) and v.nodes[0] == root
    assert {"1696/QĐ-TTg", "742/QĐ-UBND"} <= _symbols(g, v)
    assert set(_kinds(g, v)) == {"Instrument"}
    assert {rel for *_, rel in v.edges} <= {"BASED_ON", "IMPLEMENTS"}
    for e in v.edges:  # every edge keeps the query's evidence, with its line
        evs = v.evidence_of(e)
        assert evs and all(ev["quote"] and ev["line"] for ev in evs)


def test_basis_view_of_the_quang_ngai_plan_reaches_481(corpus_graph):
    g = corpus_graph
    root = find_instrument(g, "Triển khai thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ "
                              "trên địa bàn tỉnh Quảng Ngãi năm 2022")
    assert "481/LĐTBXH-BĐG" in _symbols(g, view_from_basis(g, basis(g, root)))


def _task_reaches_a_document(g, view, task):
    h = nx.DiGraph([(v, u) for u, v, rel in view.edges if rel in ("PART_OF",)] +
                   [(u, v) for u, v, rel in view.edges if rel == "HAS_TASK"])
    docs = [n for n in view.nodes if g.g.nodes[n]["kind"] == "Instrument"]
    return any(d in h and task in h and nx.has_path(h, d, task) for d in docs)


def test_flow_view_of_11_nq_tw_reaches_the_plans_the_letter_and_their_lead_agencies(corpus_graph):
    g = corpus_graph
    subject = find_instrument(g, "11-NQ/TW")
    result = flow(g, subject)
    v = view_from_flow(g, result)
    docs = [n for n in v.nodes if g.g.nodes[n]["kind"] == "Instrument"]
    juris = {g.g.nodes[n].get("jurisdiction") for n in docs}
    assert {"Gia Lai", "Quảng Ngãi", "Bình Định"} <= juris
    assert "56/BVSTBPN" in _symbols(g, v)
    leads = [(u, t) for u, t, rel in v.edges if rel == "LEADS"]
    assert leads and all(g.g.nodes[u]["kind"] == "Agency" for u, _ in leads)
    # the view holds every duty of the answer, and every task hangs from its document
    assert {(d.agency_id, d.task_id, d.rel) for d in result.duties} <= set(v.edges)
    for t in (n for n in v.nodes if g.g.nodes[n]["kind"] == "Task"):
        assert _task_reaches_a_document(g, v, t), t


def test_flow_view_for_one_province_keeps_its_documents_and_the_way_up(corpus_graph):
    g = corpus_graph
    subject = find_instrument(g, "11-NQ/TW")
    whole = view_from_flow(g, flow(g, subject))
    v = view_from_flow(g, flow(g, subject), province=province_of(g, "quảng ngãi"))
    docs = [n for n in v.nodes if g.g.nodes[n]["kind"] == "Instrument"]
    assert subject in docs
    assert {g.g.nodes[n].get("jurisdiction") for n in docs if n != subject} == {"Quảng Ngãi"}
    agencies = [n for n in v.nodes if g.g.nodes[n]["kind"] == "Agency"]
    assert agencies and not any(g.g.nodes[a].get("jurisdiction") == "Gia Lai" for a in agencies)
    left = len([n for n in whole.nodes if g.g.nodes[n]["kind"] == "Instrument"]) - len(docs)
    assert left > 0 and any(f"{left} văn bản" in note for note in v.notes)


def test_agency_view_of_so_noi_vu_quang_ngai_has_its_tasks_plan_and_basis(corpus_graph):
    g = corpus_graph
    ref = find_agency(g, "Sở Nội vụ", province="Quảng Ngãi")
    v = view_from_agency(g, agency_duties(g, ref))
    assert set(v.focus) == set(ref.ids)
    duties = [(u, t, rel) for u, t, rel in v.edges if u in ref.ids]
    assert duties and all(rel in ("LEADS", "COORDINATES", "RESPONSIBLE_FOR") for *_, rel in duties)
    assert "481/LĐTBXH-BĐG" in _symbols(g, v)
    assert v.title == "Nhiệm vụ của Sở Nội vụ tỉnh Quảng Ngãi"  # the province is not said twice


# --- layout ------------------------------------------------------------------------------------------

KINDS = ("Instrument", "Task", "Agency")
RELS_BY_KINDS = {("Instrument", "Instrument"): "BASED_ON", ("Instrument", "Task"): "HAS_TASK",
                 ("Task", "Task"): "PART_OF", ("Agency", "Task"): "LEADS", ("Instrument", "Agency"): "ISSUED_BY"}


@st.composite
def small_graphs(draw):
    n = draw(st.integers(2, 25))
    kinds = {f"n{i}": draw(st.sampled_from(KINDS)) for i in range(n)}
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
    edges = []
    for a, b in pairs:
        u, v = f"n{a}", f"n{b}"
        rel = RELS_BY_KINDS.get((kinds[u], kinds[v]))
        if rel and u != v:
            edges.append((u, v, rel))
    return kinds, edges


@settings(max_examples=150, deadline=None)
@given(small_graphs())
def test_layers_put_what_is_above_higher_and_agencies_at_the_bottom(graph):
    from visualize.layout import SOURCE_ABOVE, _downward

    kinds, edges = graph
    level = layers(kinds, edges, kinds)
    assert set(level) == set(kinds)
    body = [n for n in kinds if kinds[n] != "Agency"]
    bottom = max(level.values())
    assert all(level[n] == bottom for n in kinds if kinds[n] == "Agency")
    assert all(level[n] < bottom for n in body) or not any(kinds[n] == "Agency" for n in kinds)
    h = _downward(body, [e for e in edges if kinds[e[0]] != "Agency" and kinds[e[1]] != "Agency"])
    cyclic = {n for c in nx.strongly_connected_components(h) if len(c) > 1 for n in c}
    for u, v, rel in edges:
        if "Agency" in (kinds[u], kinds[v]) or u in cyclic or v in cyclic:
            continue
        above, below = (u, v) if SOURCE_ABOVE[rel] else (v, u)
        assert level[above] < level[below], (u, v, rel, level)


@settings(max_examples=60, deadline=None)
@given(small_graphs(), st.integers(2, 8))
def test_positions_are_distinct_rows_wrapped_and_layers_in_order(graph, max_row):
    kinds, edges = graph
    level = layers(kinds, edges, kinds)
    pos = positions(kinds, edges, level, max_row=max_row)
    assert set(pos) == set(kinds) and len(set(pos.values())) == len(pos)
    assert max(Counter(y for _, y in pos.values()).values()) <= max_row
    for u in kinds:
        for v in kinds:
            if level[u] < level[v]:
                assert pos[u][1] < pos[v][1]


def test_auto_layout_small_chains_hierarchical_big_views_layered(examples_graph):
    g = examples_graph
    small = view_from_basis(g, basis(g, find_instrument(g, "45/KH-SNV")))
    assert view_data(g, small)["layout"] == "hierarchical"
    forced = view_data(g, small, layout="layered")
    assert forced["layout"] == "layered" and all("x" in n and "y" in n for n in forced["nodes"])
    bg = big_graph()
    data = view_data(bg, big_view(bg))
    assert len(data["nodes"]) > PHYSICS_LIMIT
    assert data["layout"] == "layered" and data["physics"] is False
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    with pytest.raises(ValueError, match="unknown layout"):
        view_data(g, small, layout="circle")


# --- the page: escaping, offline, cap, atomic write ---------------------------------------------


class _Tags(HTMLParser):
    """Start tags and their attributes, as a browser parses them (script bodies are not markup)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _data_block(page: str) -> dict:
    m = re.search(r'<script id="cancu-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    return json.loads(m.group(1))


def test_every_string_is_escaped_no_payload_can_run():
    g = hostile_graph()
    page, _data = build_page(g, hostile_view(g))
    tags = _Tags(page).tags
    # only our three scripts: the data block, vis-network, the page script; no markup from the data
    assert [a.get("id") for t, a in tags if t == "script"] == ["cancu-data", None, None]
    assert not [t for t, _ in tags if t in ("img", "i", "b") or (t == "svg" and "onload" in _)]
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    for bad in ("<img", "<svg onload", "<script>window", "onerror=\"window", "</script><img"):
        assert bad not in page, bad
    # the page title and heading show the text, escaped
    assert "<title>Trang &lt;script&gt;window.__pwned=&#39;page&#39;&lt;/script&gt;</title>" in page
    payload = _data_block(page)
    assert payload["title"] == PAYLOADS["page"]  # the JSON holds the text; JSON.parse gives it back as text
    tips = {n["id"]: n["tip"] for n in payload["nodes"]} | {e["id"]: e["tip"] for e in payload["edges"]}
    joined = " ".join(tips.values())
    for key in ("title", "cited", "agency", "task", "quote"):
        assert html.escape(PAYLOADS[key]) in joined, key
    assert "<script" not in joined and "<img" not in joined and "<svg" not in joined
    # file:line of the quote, the file name escaped too
    assert "tệp&lt;b&gt;độc&lt;/b&gt;.txt:2" in joined


def test_page_loads_nothing_from_the_network():
    g = hostile_graph()
    page, _ = build_page(g, hostile_view(g))
    tags = _Tags(page).tags
    fetching = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href"}
    assert not [(t, a) for t, attrs in tags for a in attrs if a in fetching]
    assert not [t for t, _ in tags if t in ("link", "iframe", "object", "embed", "base", "img", "video", "audio")]
    assert "@import" not in page and "bootstrap" not in page.lower()
    assert all(u.startswith(('url("data:', "url(data:")) for u in re.findall(r"url\([^)]{0,8}", page))
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp


def test_a_view_over_max_nodes_is_refused_and_nothing_is_written(tmp_path):
    bg = big_graph()
    v = big_view(bg)
    out = tmp_path / "big.html"
    with pytest.raises(ViewTooLarge) as err:
        render_view(bg, v, out=out, max_nodes=100)
    assert f"has {len(v.nodes)} nodes" in str(err.value) and "--max-nodes 100" in str(err.value)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_render_writes_atomically_a_readable_file(tmp_path):
    g = hostile_graph()
    out = tmp_path / "sub" / "page.html"
    res = render_view(g, hostile_view(g), out=out)
    assert res.path == out and res.nodes == 4 and res.edges == 3 and res.dropped == ()
    first = out.read_bytes()
    assert first.startswith(b"<!DOCTYPE html>")
    umask = os.umask(0)
    os.umask(umask)
    assert (out.stat().st_mode & 0o777) == (0o666 & ~umask)
    render_view(g, hostile_view(g), out=out, title="khác")
    assert out.read_bytes() != first
    assert [p.name for p in out.parent.iterdir()] == ["page.html"]  # no temp file left


def test_edges_outside_the_view_or_the_graph_are_dropped_with_the_reason():
    g = hostile_graph()
    v = View.of(["instrument:1/KH-X", "instrument:2-CT/TW", "no:such"],
                [("instrument:1/KH-X", "instrument:2-CT/TW", "IMPLEMENTS"),
                 ("instrument:1/KH-X", "instrument:2-CT/TW", "BASED_ON"),
                 ("instrument:1/KH-X", "agency:x", "ISSUED_BY"),
                 ("instrument:2-CT/TW", "instrument:1/KH-X", "CITES")],
                title="t", evidence={("instrument:2-CT/TW", "instrument:1/KH-X", "CITES"): ({"source": "a", "quote": "q"},)})
    data = view_data(g, v)
    assert [(e["from"], e["to"], e["rel"]) for e in data["edges"]] == [
        ("instrument:1/KH-X", "instrument:2-CT/TW", "IMPLEMENTS"),
        ("instrument:2-CT/TW", "instrument:1/KH-X", "CITES")]  # derived by a query: kept with its evidence
    assert data["dropped"] == [
        "node no:such: not in the graph",
        "edge instrument:1/KH-X -BASED_ON-> instrument:2-CT/TW: not in the graph and no evidence given",
        "edge instrument:1/KH-X -ISSUED_BY-> agency:x: an end is not in the view"]


def test_labels_tooltips_and_filters_speak_vietnamese(examples_graph):
    g = examples_graph
    v = view_from_flow(g, flow(g, find_instrument(g, "31-CT/TW")))
    page, data = build_page(g, v)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["instrument:31-CT/TW"] == "Chỉ thị 31-CT/TW\n05/03/2024"
    assert any(lab.startswith("Kế hoạch 118/KH-UBND\nThanh Hóa") for lab in labels.values())
    assert {p["label"] for p in data["provinces"]} >= {"Thanh Hóa", "Lạng Sơn", "Trung ương / không rõ"}
    for word in ("Tìm kiếm", "Loại nút", "Địa phương", "Chú giải", "Chủ trì", "Phối hợp", "Văn bản", "Cơ quan, đơn vị"):
        assert word in page, word
    assert 'lang="vi"' in page


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture
def cli_db(tmp_path, examples_graph):
    db = tmp_path / "g.json"
    g = LegalGraph()
    load_paths(g, [EXAMPLES])
    g.save(db)
    return db


def _run(*args):
    group = CancuGroup(commands=[view])  # as the lead registers it: CancuError → one line, exit 1
    return CliRunner().invoke(group, list(args))


def test_cli_writes_each_kind_of_page(cli_db, tmp_path):
    for what, subject, extra in (("basis", "45/KH-SNV", []), ("flow", "31-CT/TW", ["--province", "Thanh Hóa"]),
                                 ("agency", "Sở Nội vụ", ["--province", "Thanh Hóa"])):
        out = tmp_path / f"{what}.html"
        r = _run("view", what, subject, "--out", str(out), "--db", str(cli_db), *extra)
        assert r.exit_code == 0, r.output
        assert out.exists() and f"wrote {out}:" in r.output
        page = out.read_text(encoding="utf-8")
        n = len(_data_block(page)["nodes"])
        assert f"{n} nodes" in r.output


def test_cli_answers_match_the_views(cli_db, tmp_path):
    g = LegalGraph.load(cli_db)
    v = build_view(g, "flow", "31-CT/TW")
    out = tmp_path / "flow.html"
    assert _run("view", "flow", "31-CT/TW", "--out", str(out), "--db", str(cli_db)).exit_code == 0
    data = _data_block(out.read_text(encoding="utf-8"))
    assert [n["id"] for n in data["nodes"]] == list(v.nodes)
    assert len(data["edges"]) == len(v.edges)


def test_cli_unknown_subject_too_big_and_help(cli_db, tmp_path):
    out = tmp_path / "x.html"
    r = _run("view", "basis", "999/XYZ-ABC", "--out", str(out), "--db", str(cli_db))
    assert r.exit_code == 1 and "no instrument '999/XYZ-ABC'" in r.output and not out.exists()
    r = _run("view", "flow", "31-CT/TW", "--out", str(out), "--db", str(cli_db), "--max-nodes", "5")
    assert r.exit_code == 1 and "more than --max-nodes 5" in r.output and not out.exists()
    r = _run("view", "agency", "Sở Nội vụ", "--out", str(out), "--db", str(cli_db))
    assert r.exit_code == 1 and "--province" in r.output  # two provinces' Sở Nội vụ: it asks which
    r = _run("view", "--help")
    assert r.exit_code == 0 and "Example:" in r.output and "cancu view flow 11-NQ/TW" in r.output


# --- words on the page --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, want", [
    ("**1. Sở Nội vụ:** Chủ trì", "1. Sở Nội vụ: Chủ trì"),  # Markdown emphasis, as in examples/05
    ("## II. NHIỆM VỤ", "II. NHIỆM VỤ"),
    ("window.__pwned  và\n tên", "window.__pwned và tên"),  # '__' is kept: not ours to drop
])
def test_plain_drops_markdown_marks_only(text, want):
    from visualize.labels import plain

    assert plain(text) == want


@pytest.mark.parametrize("iso, want", [("2024-04-22", "22/04/2024"), ("2021", "2021"), ("--06-10", "--06-10"),
                                       (None, "")])
def test_vn_date(iso, want):
    from visualize.labels import vn_date

    assert vn_date(iso) == want


@pytest.mark.parametrize("name, jurisdiction, want", [
    ("Sở Nội vụ tỉnh Quảng Ngãi", "Quảng Ngãi", "Sở Nội vụ tỉnh Quảng Ngãi"),
    ("Sở Nội vụ", "Thanh Hoá", "Sở Nội vụ (Thanh Hoá)"),
    ("Bộ Nội vụ", "national", "Bộ Nội vụ"),
])
def test_agency_title_says_the_province_once(name, jurisdiction, want):
    from visualize.labels import agency_title

    assert agency_title(name, jurisdiction) == want
