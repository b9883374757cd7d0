"""The pages in a real headless Chromium (Debian's ``chromium``, driven by Playwright for Python).

Each page is opened from file:// with the network cut off (the context is offline and
every request that is not file:// is aborted and recorded as a failure); the tests
record console errors and page errors (there must be none), read the node and edge
counts from vis-network's own data and visible sets and check them against the view,
use the search box and the filters and check the visible counts against the same
rules computed here in Python, check that hostile strings render as text, and save
screenshots (tmp dir, and a few under ``out/`` for the README and the lead's note).

Under CI=true a missing Chromium or Playwright FAILS these tests; elsewhere they skip
with the reason.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from cancu.pipeline import load_paths
from graphmodel.graph import LegalGraph
from graphmodel.normalize import fold
from queries.agency import agency_duties
from queries.basis import basis
from queries.flow import flow
from queries.lookup import find_agency, find_instrument, province_of
from tests.conftest import CORPUS, EXAMPLES, ROOT
from tests.test_views import PAYLOADS, big_graph, big_view, hostile_graph, hostile_view
from visualize import render_view, view_from_agency, view_from_basis, view_from_flow
from visualize.page import view_data

pytestmark = pytest.mark.browser

#: the launch flags (root in a container needs --no-sandbox); Playwright adds its own automation flags
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1600, "height": 1000}
#: screenshots kept for the README and the release note (out/ is gitignored)
SHOTS = ROOT / "out"


def _chromium() -> str | None:
    """CANCU_CHROMIUM when set (only it), else Debian's /usr/bin/chromium or one on PATH."""
    if os.environ.get("CANCU_CHROMIUM"):
        candidates = [os.environ["CANCU_CHROMIUM"]]
    else:
        candidates = ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; under CI=true the browser tests must run "
                    "(apt-get install chromium chromium-driver; pip install playwright)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A fresh offline Chromium profile; yields (context, list of blocked requests)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install playwright)")
    exe = _chromium()
    if exe is None:
        _unavailable("no Chromium found (Debian: apt-get install chromium; or set CANCU_CHROMIUM)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    blocked: list[str] = []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=exe, headless=True,
                                                   args=CHROMIUM_ARGS, viewport=VIEWPORT, offline=True,
                                                   locale="vi-VN")

        def guard(route):
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                blocked.append(url)
                route.abort()

        ctx.route("**/*", guard)
        yield ctx, blocked
        ctx.close()


class Opened:
    """A page opened from file:// with everything it tried recorded."""

    def __init__(self, browser, path: Path):
        ctx, self._blocked = browser
        self._before = len(self._blocked)
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = ctx.new_page()
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        self.page.goto(path.resolve().as_uri())
        self.wait_for("!!(window.cancuView && window.cancuView.ready)", timeout=30)

    def wait_for(self, expr: str, *, timeout: float = 10):
        """Poll ``expr`` from Python: Playwright's wait_for_function evaluates strings with eval,
        which the page's Content-Security-Policy (rightly) forbids."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expr):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expr}")
            self.page.wait_for_timeout(25)

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def rendered(self) -> dict:
        """Counts from vis-network itself: its DataSets and the sets it draws (visible only)."""
        return self.js("""(() => { const n = cancuView.network;
            return {nodes: n.body.data.nodes.length, edges: n.body.data.edges.length,
                    drawnNodes: n.body.nodeIndices.length, drawnEdges: n.body.edgeIndices.length,
                    positioned: Object.keys(n.getPositions()).length}; })()""")

    def wait_applied(self, before: int):
        self.wait_for(f"cancuView.applied > {before}")

    def applied(self) -> int:
        return self.js("cancuView.applied")

    def assert_clean(self):
        blocked = self._blocked[self._before:]
        assert not blocked, f"requests to the network: {blocked}"
        assert all(u.startswith(("file:", "data:")) for u in self.requests), self.requests
        assert not self.errors, self.errors
        assert not self.console, self.console

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def examples_graph():
    g = LegalGraph()
    load_paths(g, [EXAMPLES])
    return g


@pytest.fixture(scope="module")
def corpus_graph(shared):
    g = LegalGraph()
    load_paths(g, [CORPUS])
    return g


def _gia_lai_2020(g):
    return find_instrument(g, "Triển khai công tác bình đẳng giới và vì sự tiến bộ của Phụ nữ tỉnh Gia Lai năm 2020")


CASES = {
    # name: (graph fixture, view builder, screenshot kept under out/)
    "examples-basis-45-KH-SNV": ("examples_graph", lambda g: view_from_basis(g, basis(g, find_instrument(g, "45/KH-SNV"))),
                                 None),
    "examples-flow-31-CT-TW": ("examples_graph", lambda g: view_from_flow(g, flow(g, find_instrument(g, "31-CT/TW"))),
                               "view-examples-flow-31-CT-TW.png"),
    "examples-agency-so-noi-vu": ("examples_graph", lambda g: view_from_agency(
        g, agency_duties(g, find_agency(g, "Sở Nội vụ", province="Thanh Hóa"))), None),
    "corpus-basis-gia-lai-2020": ("corpus_graph", lambda g: view_from_basis(g, basis(g, _gia_lai_2020(g))),
                                  "view-corpus-basis-gia-lai-2020.png"),
    "corpus-flow-11-NQ-TW": ("corpus_graph", lambda g: view_from_flow(g, flow(g, find_instrument(g, "11-NQ/TW"))),
                             "view-corpus-flow-11-NQ-TW.png"),
    "corpus-flow-11-NQ-TW-quang-ngai": ("corpus_graph", lambda g: view_from_flow(
        g, flow(g, find_instrument(g, "11-NQ/TW")), province=province_of(g, "Quảng Ngãi")),
        "view-corpus-flow-11-NQ-TW-quang-ngai.png"),
    "corpus-agency-so-noi-vu-quang-ngai": ("corpus_graph", lambda g: view_from_agency(
        g, agency_duties(g, find_agency(g, "Sở Nội vụ", province="Quảng Ngãi"))),
        "view-corpus-agency-so-noi-vu-quang-ngai.png"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_page_draws_the_whole_view_offline_without_errors(name, request, browser, tmp_path):
    fixture, build, keep = CASES[name]
    g = request.getfixturevalue(fixture)
    v = build(g)
    out = tmp_path / f"{name}.html"
    res = render_view(g, v, out=out)
    assert res.dropped == () and res.nodes == len(v.nodes) and res.edges == len(v.edges)
    page = Opened(browser, out)
    try:
        r = page.rendered()
        assert r == {"nodes": len(v.nodes), "edges": len(v.edges), "drawnNodes": len(v.nodes),
                     "drawnEdges": len(v.edges), "positioned": len(v.nodes)}
        assert page.js("cancuView.nodes.getIds()") == list(v.nodes)
        assert page.js("cancuView.layout") == res.layout
        status = page.page.inner_text("#cancu-status")
        assert f"{len(v.nodes)}/{len(v.nodes)} nút" in status and f"{len(v.edges)}/{len(v.edges)} quan hệ" in status
        assert page.page.inner_text("h1") == v.title
        shot = tmp_path / f"{name}.png"
        page.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        if keep:
            SHOTS.mkdir(exist_ok=True)
            shutil.copyfile(shot, SHOTS / keep)
        page.assert_clean()
    finally:
        page.close()


# --- the filters and the search, against the same rules computed here ---------------------------------


def _expected(data, *, kinds=None, province="*", keep_national=True, q="", neighbours=True):
    """The visible node and edge ids the page must show (the rules of static/cancu-view.js)."""
    nodes = {n["id"]: n for n in data["nodes"]}

    def base(n):
        if kinds is not None and n["kind"] not in kinds:
            return False
        if province == "*" or n["province"] == province:
            return True
        return keep_national and n["province"] == "" and province != ""

    ok = {i for i, n in nodes.items() if base(n)}
    fq = fold(q)
    if fq:
        matches = {i for i in ok if fq in nodes[i]["search"]}
        visible = set(matches)
        if neighbours:
            for e in data["edges"]:
                if e["from"] in matches and e["to"] in ok:
                    visible.add(e["to"])
                if e["to"] in matches and e["from"] in ok:
                    visible.add(e["from"])
    else:
        matches, visible = set(), ok
    edges = {e["id"] for e in data["edges"] if e["from"] in visible and e["to"] in visible}
    return visible, edges, matches


def _visible(page):
    return (set(page.js("cancuView.nodes.getIds({filter: n => !n.hidden})")),
            set(page.js("cancuView.edges.getIds({filter: e => !e.hidden})")))


def _check(page, expected, label):
    nodes, edges, matches = expected
    got_nodes, got_edges = _visible(page)
    assert got_nodes == nodes, label
    assert got_edges == edges, label
    r = page.rendered()
    assert (r["drawnNodes"], r["drawnEdges"]) == (len(nodes), len(edges)), label  # what vis draws
    assert set(page.js("cancuView.state.matches")) == matches, label
    status = page.page.inner_text("#cancu-status")
    assert f"Hiển thị {len(nodes)}/" in status and f", {len(edges)}/" in status, (label, status)


@pytest.fixture(scope="module")
def flow_page(corpus_graph, browser, tmp_path_factory):
    g = corpus_graph
    v = view_from_flow(g, flow(g, find_instrument(g, "11-NQ/TW")))
    out = tmp_path_factory.mktemp("flow") / "flow.html"
    render_view(g, v, out=out)
    page = Opened(browser, out)
    yield page, view_data(g, v)
    page.close()


def _do(page, action):
    before = page.applied()
    action()
    page.wait_applied(before)


def test_kind_filter_hides_that_kind_and_its_edges(flow_page):
    page, data = flow_page
    kinds = {n["kind"] for n in data["nodes"]}
    assert {"Instrument", "Task", "Agency"} <= kinds
    _do(page, lambda: page.page.uncheck("input[name=cancu-kind][value=Agency]"))
    _check(page, _expected(data, kinds=kinds - {"Agency"}), "no agencies")
    _do(page, lambda: page.page.uncheck("input[name=cancu-kind][value=Task]"))
    _check(page, _expected(data, kinds=kinds - {"Agency", "Task"}), "documents only")
    _do(page, lambda: page.page.click("#cancu-reset"))
    _check(page, _expected(data), "reset")
    page.assert_clean()


def test_province_filter_keeps_that_province_and_optionally_the_central_level(flow_page):
    page, data = flow_page
    provinces = {n["province"] for n in data["nodes"]}
    assert {"Gia Lai", "Quảng Ngãi", "Bình Định"} <= provinces and "" in provinces
    _do(page, lambda: page.page.select_option("#cancu-province", "Quảng Ngãi"))
    exp = _expected(data, province="Quảng Ngãi")
    _check(page, exp, "Quảng Ngãi with the central level")
    assert 0 < len(exp[0]) < len(data["nodes"])
    _do(page, lambda: page.page.uncheck("#cancu-keep-national"))
    _check(page, _expected(data, province="Quảng Ngãi", keep_national=False), "Quảng Ngãi only")
    _do(page, lambda: page.page.select_option("#cancu-province", ""))
    _check(page, _expected(data, province="", keep_national=False), "central / unknown only")
    _do(page, lambda: page.page.click("#cancu-reset"))
    _check(page, _expected(data), "reset")
    page.assert_clean()


@pytest.mark.parametrize("query", ["Sở Nội vụ", "so noi vu", "SỞ NỘI VỤ"])
def test_search_ignores_accents_and_case_and_shows_matches_with_neighbours(flow_page, query):
    page, data = flow_page
    _do(page, lambda: (page.page.fill("#cancu-search", query), page.page.press("#cancu-search", "Enter")))
    exp = _expected(data, q=query)
    assert exp[2], "the corpus flow has a Sở Nội vụ"
    assert all("so noi vu" in n["search"] for n in data["nodes"] if n["id"] in exp[2])
    _check(page, exp, query)
    assert set(page.js("cancuView.network.getSelectedNodes()")) == exp[2]
    assert "Sở Nội vụ" in page.page.inner_text("#cancu-details-body")  # Enter shows the first match
    _do(page, lambda: page.page.uncheck("#cancu-neighbours"))
    _check(page, _expected(data, q=query, neighbours=False), query + " without neighbours")
    _do(page, lambda: page.page.click("#cancu-reset"))
    _check(page, _expected(data), "reset")
    page.assert_clean()


def test_search_combines_with_filters_and_says_when_nothing_is_found(flow_page):
    page, data = flow_page
    _do(page, lambda: page.page.select_option("#cancu-province", "Gia Lai"))
    _do(page, lambda: (page.page.fill("#cancu-search", "sở"), page.page.press("#cancu-search", "Enter")))
    _check(page, _expected(data, province="Gia Lai", q="sở"), "sở in Gia Lai")
    _do(page, lambda: page.page.fill("#cancu-search", "zzz không có"))  # typing alone filters too
    _check(page, _expected(data, province="Gia Lai", q="zzz không có"), "nothing")
    assert "không tìm thấy “zzz không có”" in page.page.inner_text("#cancu-status")
    _do(page, lambda: page.page.click("#cancu-reset"))
    _check(page, _expected(data), "reset")
    page.assert_clean()


# --- hostile strings, big views ----------------------------------------------------------------------


def _node_point(page, node_id):
    return page.js(f"""(() => {{ const n = cancuView.network; const id = {node_id!r};
        const p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.querySelector('#cancu-network canvas').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }})()""")


def _edge_point(page, edge_id):
    """A point on the drawn edge (on the curve: vis's own edge geometry at its middle)."""
    return page.js(f"""(() => {{ const n = cancuView.network; const e = n.body.edges[{edge_id!r}];
        const p = n.canvasToDOM(e.edgeType.getPoint(0.5));
        const r = document.querySelector('#cancu-network canvas').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }})()""")


def test_edge_tooltip_and_details_show_the_quote_and_file_line(corpus_graph, browser, tmp_path):
    g = corpus_graph
    v = view_from_basis(g, basis(g, _gia_lai_2020(g)))
    out = tmp_path / "basis.html"
    render_view(g, v, out=out)
    data = view_data(g, v)
    edge = next(e for e in data["edges"] if e["rel"] == "BASED_ON")
    ev = v.evidence_of((edge["from"], edge["to"], edge["rel"]))[0]
    where = f"{ev['source']}:{ev['line']}"
    page = Opened(browser, out)
    try:
        p = _edge_point(page, edge["id"])
        page.page.mouse.click(p["x"], p["y"])
        details = " ".join(page.page.inner_text("#cancu-details-body").split())
        assert "Căn cứ (BASED_ON)" in details
        assert " ".join(ev["quote"].split()) in details and where in details
        page.page.mouse.move(p["x"] + 1, p["y"])
        tip = page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        assert " ".join(ev["quote"].split()) in " ".join(tip.text_content().split())
        shot = tmp_path / "evidence.png"
        page.page.screenshot(path=str(shot))
        SHOTS.mkdir(exist_ok=True)
        shutil.copyfile(shot, SHOTS / "view-corpus-basis-gia-lai-2020-evidence.png")
        page.assert_clean()
    finally:
        page.close()


def test_hostile_strings_show_as_text_and_never_run(browser, tmp_path):
    g = hostile_graph()
    out = tmp_path / "hostile.html"
    render_view(g, hostile_view(g), out=out)
    page = Opened(browser, out)
    try:
        assert page.js("document.title") == PAYLOADS["page"]
        assert page.page.inner_text("h1") == PAYLOADS["page"]
        # hover a node: vis shows our tooltip, the title as text with its file:line
        p = _node_point(page, "instrument:1/KH-X")
        page.page.mouse.move(p["x"], p["y"])
        tip = page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        assert PAYLOADS["title"] in tip.text_content()
        assert f"{PAYLOADS['source']}:1" in tip.text_content()
        # click the agency: the details panel shows its name and the quote of its duty as text
        p = _node_point(page, "agency:x")
        page.page.mouse.click(p["x"], p["y"])
        details = page.page.inner_text("#cancu-details-body")
        assert PAYLOADS["agency"] in details
        for sel in ("div.vis-tooltip", "#cancu-details-body"):
            assert page.js(f"document.querySelector({sel!r}).querySelectorAll('script,img,svg,iframe').length") == 0
        # search for the payload text itself: found as text
        _do(page, lambda: (page.page.fill("#cancu-search", "<script>"), page.page.press("#cancu-search", "Enter")))
        assert page.js("cancuView.state.matches.length") >= 1
        assert page.js("typeof window.__pwned") == "undefined"
        page.page.screenshot(path=str(tmp_path / "hostile.png"))
        page.assert_clean()
    finally:
        page.close()


def test_big_view_keeps_the_precomputed_positions_physics_off(browser, tmp_path):
    g = big_graph()
    v = big_view(g)
    out = tmp_path / "big.html"
    res = render_view(g, v, out=out)
    assert res.layout == "layered" and res.physics is False
    data = view_data(g, v)
    page = Opened(browser, out)
    try:
        assert page.rendered()["drawnNodes"] == len(v.nodes)
        assert page.js("cancuView.network.physics.physicsEnabled") is False
        want = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
        page.page.wait_for_timeout(500)  # nothing may move on its own
        got = page.js("cancuView.network.getPositions()")
        assert set(got) == set(want)
        assert all(abs(got[i]["x"] - x) < 1 and abs(got[i]["y"] - y) < 1 for i, (x, y) in want.items())
        assert "Đồ thị lớn" in page.page.inner_text("#cancu-notes")
        _do(page, lambda: page.page.select_option("#cancu-province", "Kiên Giang"))
        _check(page, _expected(data, province="Kiên Giang"), "one province of a big view")
        page.page.screenshot(path=str(tmp_path / "big.png"))
        page.assert_clean()
    finally:
        page.close()
