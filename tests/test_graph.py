"""LegalGraph: typed adds, evidence on every edge, atomic save, round trip, reloads."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmodel.errors import GraphFileError
from graphmodel.graph import LegalGraph
from graphmodel.models import Evidence
from graphmodel.vocab import REL_TYPES
from cancu.pipeline import load_paths
from tests.conftest import CORPUS, EXAMPLES


def test_typed_adds_refuse_what_the_vocabulary_does_not_allow():
    g = LegalGraph()
    g.add_node("a", "Agency", name="Sở Nội vụ")
    g.add_node("i", "Instrument")
    with pytest.raises(ValueError, match="LEADS goes from Agency to Task"):
        g.add_edge("a", "i", "LEADS", Evidence("f", 0, 1, "x"))
    with pytest.raises(ValueError, match="unknown relationship type"):
        g.add_edge("i", "a", "OWNS")
    with pytest.raises(ValueError, match="not in graph"):
        g.add_edge("i", "nope", "CITES")
    with pytest.raises(ValueError, match="unknown node kind"):
        g.add_node("x", "Province")


def test_evidence_lists_merge_without_duplicates():
    g = LegalGraph()
    g.add_node("a", "Instrument")
    g.add_node("b", "Instrument")
    e1, e2 = Evidence("f", 0, 5, "Căn cứ", "preamble"), Evidence("g", 3, 9, "Căn cứ", "preamble")
    g.add_edge("a", "b", "BASED_ON", e1)
    g.add_edge("a", "b", "BASED_ON", e1)
    g.add_edge("a", "b", "BASED_ON", e2)
    assert g.count_edges() == 1
    assert [e["source"] for e in g.g.edges["a", "b", "BASED_ON"]["evidence"]] == ["f", "g"]


@pytest.fixture
def corpus_graph(shared):
    g = LegalGraph()
    report = load_paths(g, [CORPUS])
    assert not report.failed
    return g


def test_every_edge_has_evidence_that_quotes_its_source(corpus_graph):
    g = corpus_graph
    assert g.count_edges() > 100
    for u, v, k, data in g.g.edges(keys=True, data=True):
        assert data["evidence"], (u, v, k)
        for ev in data["evidence"]:
            text = g.text_of(ev["source"])
            assert text[ev["start"]:ev["end"]] == ev["quote"]


def test_save_and_load_round_trip(corpus_graph, tmp_path):
    path = corpus_graph.save(tmp_path / "g.json")
    again = LegalGraph.load(path)
    assert again == corpus_graph
    # the texts come back from beside the graph file, so evidence can still be shown
    some_source = next(iter(again.sources()))
    assert again.text_of(some_source) == corpus_graph.text_of(some_source)


def test_reloading_unchanged_files_changes_nothing(tmp_path, shared):
    g = LegalGraph()
    load_paths(g, [EXAMPLES])
    before = json.dumps(g.to_data(), sort_keys=True, ensure_ascii=False)
    report = load_paths(g, [EXAMPLES])
    assert report.loaded == [] and len(report.unchanged) == 5
    assert json.dumps(g.to_data(), sort_keys=True, ensure_ascii=False) == before


def test_a_changed_file_replaces_its_earlier_facts(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    src = (EXAMPLES / "02_ke-hoach-tinh.txt").read_text(encoding="utf-8")
    (d / "plan.txt").write_text(src, encoding="utf-8")
    g = LegalGraph()
    load_paths(g, [d])
    assert any(n.endswith("#IV") for n, _ in g.nodes("Task"))
    # the plan is rewritten without its section IV
    cut = src.index("IV. TỔ CHỨC THỰC HIỆN")
    (d / "plan.txt").write_text(src[:cut] + src[src.index("Nơi nhận"):], encoding="utf-8")
    report = load_paths(g, [d])
    assert len(report.replaced) == 1
    assert not any(n.endswith("#IV") or "#IV." in n for n, _ in g.nodes("Task"))
    fresh = LegalGraph()
    load_paths(fresh, [d])
    assert fresh == g


def test_loading_a_missing_or_corrupt_graph_says_what_to_do(tmp_path):
    with pytest.raises(GraphFileError, match="cancu load"):
        LegalGraph.load(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GraphFileError, match="not valid JSON"):
        LegalGraph.load(bad)
    other = tmp_path / "other.json"
    other.write_text('{"nodes": []}', encoding="utf-8")
    with pytest.raises(GraphFileError, match="not a cancu graph"):
        LegalGraph.load(other)


def test_a_failed_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    g = LegalGraph()
    g.add_node("instrument:1", "Instrument")
    path = g.save(tmp_path / "g.json")
    before = path.read_bytes()
    g.add_node("instrument:2", "Instrument")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        g.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


RELS = sorted(REL_TYPES)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(["BASED_ON", "IMPLEMENTS", "CITES"]),
                          st.text(max_size=20)), max_size=20))
def test_any_graph_survives_a_json_round_trip(edges):
    import tempfile
    from pathlib import Path

    g = LegalGraph()
    for i in range(6):
        g.add_node(f"instrument:{i}", "Instrument", title=f"Kế hoạch {i}")
    for u, v, rel, quote in edges:
        g.add_edge(f"instrument:{u}", f"instrument:{v}", rel, Evidence("f.txt", 0, len(quote), quote, "preamble"))
    with tempfile.TemporaryDirectory() as d:
        path = g.save(Path(d) / "g.json")
        assert LegalGraph.load(path) == g
