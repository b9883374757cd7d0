"""The parallel load gives the same graph and report as a load in one process; reloads skip
unchanged files by their bytes' hash; remove_source takes out exactly what a file added.

No timings are asserted here: the figures are measured by ``cancu bench run``.
"""
from __future__ import annotations

import shutil

import pytest

import cancu.pipeline as pipeline
from cancu.pipeline import load_paths
from graphmodel.graph import LegalGraph
from tests.conftest import CORPUS, EXAMPLES, WEBDOCS


def _report_facts(report) -> dict:
    return {
        "loaded": report.loaded, "unchanged": report.unchanged, "replaced": report.replaced,
        "failed": report.failed, "skipped": report.skipped, "documents": report.documents,
        "by_format": report.by_format, "doubts": report.doubts, "notes": report.notes,
        "failed_by_format": report.failed_by_format, "tracebacks": sorted(report.tracebacks),
        "interrupted": report.interrupted, "total": report.total,
    }


@pytest.fixture
def folder(tmp_path, shared):
    """A folder of real documents (corpus, web documents, examples) and a few bad files."""
    d = tmp_path / "docs"
    d.mkdir()
    for src in list(CORPUS.glob("*.txt")) + list((WEBDOCS / "docs").glob("*.txt"))[:12] + list(EXAMPLES.glob("*.txt")):
        shutil.copy(src, d / src.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "notes.md").write_text("Ghi chú họp nội bộ, không phải văn bản hành chính.\n", encoding="utf-8")
    return d


def _load(paths, workers, graph=None):
    g = graph if graph is not None else LegalGraph()
    return g, load_paths(g, paths, workers=workers)


def test_parallel_load_gives_the_same_graph_and_report_as_a_serial_one(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)
    serial, r1 = _load([folder], 1)
    parallel, r2 = _load([folder], 2)
    assert r1.loaded and r1.failed  # real documents loaded, and the bad files failed with a reason
    assert _report_facts(r1) == _report_facts(r2)
    assert serial == parallel
    # the same bytes too: nodes and edges in the same order, every evidence list in the same order
    assert serial.to_data() == parallel.to_data()
    assert {k: serial.text_of(k) for k in serial.sources()} == {k: parallel.text_of(k) for k in parallel.sources()}


def test_parallel_progress_is_called_for_every_file_in_order(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)
    seen, done = [], []
    g = LegalGraph()
    report = load_paths(g, [folder], workers=2, on_progress=lambda i, n, name: seen.append((i, n, name)),
                        on_file_done=lambda name, s: done.append((name, s)))
    n = report.total
    assert [i for i, _, _ in seen] == list(range(1, n + 1)) and {m for _, m, _ in seen} == {n}
    assert [name for _, _, name in seen] == [name for name, _ in done]
    assert all(s >= 0 for _, s in done)


def test_reload_after_one_change_is_the_same_in_parallel_and_serial(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)
    graphs = {}
    for workers in (1, 2):
        g, _ = _load([folder], workers)
        graphs[workers] = g
    changed = sorted(folder.glob("0*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Nơi nhận", "Nội dung bổ sung.\n\nNơi nhận", 1), encoding="utf-8")
    reports = {w: load_paths(graphs[w], [folder], workers=w) for w in (1, 2)}
    for r in reports.values():
        assert len(r.replaced) == 1 and r.replaced[0].endswith(changed.name)
        assert len(r.loaded) == 1 and len(r.unchanged) == r.total - 1 - len(r.failed)
    assert _report_facts(reports[1]) == _report_facts(reports[2])
    assert graphs[1].to_data() == graphs[2].to_data()


def test_unchanged_files_are_not_read_again(folder, monkeypatch):
    g, first = _load([folder], 1)
    calls = []
    real = pipeline.read_file
    monkeypatch.setattr(pipeline, "read_file", lambda p: calls.append(p) or real(p))
    again = load_paths(g, [folder], workers=1)
    assert sorted(again.unchanged) == sorted(first.loaded)
    # only the files that failed the first time are read again (they have no hash in the graph)
    assert sorted(p.name for p in calls) == sorted({k.rsplit("/", 1)[-1] for k, _ in first.failed})


def test_a_broken_worker_pool_falls_back_to_parsing_here(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)

    def no_pool(*args, **kwargs):
        raise OSError("no processes in this sandbox")

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", no_pool)
    fallback, r1 = _load([folder], 2)
    monkeypatch.undo()
    serial, r2 = _load([folder], 1)
    assert _report_facts(r1) == _report_facts(r2)
    assert fallback.to_data() == serial.to_data()


def test_remove_source_takes_out_exactly_what_the_file_added(folder):
    files = sorted(p for p in folder.iterdir() if p.name.startswith("0"))
    assert len(files) >= 3
    full, _ = _load([folder], 1)
    key = next(k for k in full.sources() if k.endswith(files[1].name))
    full.remove_source(key)
    without = LegalGraph()
    others = [p for p in sorted(folder.iterdir()) if p != files[1]]
    load_paths(without, others, workers=1)
    # the same facts (ids, attributes that do not depend on the order of adds, evidence) remain
    def facts(g):
        nodes = {n: (d["kind"], sorted(d.get("sources", []))) for n, d in g.g.nodes(data=True)}
        edges = {(u, v, k): sorted((e["source"], e["start"], e["end"]) for e in d["evidence"])
                 for u, v, k, d in g.g.edges(keys=True, data=True)}
        return nodes, edges
    assert facts(full) == facts(without)


def test_remove_source_after_a_save_and_load_uses_the_loaded_evidence(folder, tmp_path):
    g, _ = _load([folder], 1)
    db = tmp_path / "g.json"
    g.save(db)
    loaded = LegalGraph.load(db)
    key = sorted(k for k in g.sources() if k.endswith(".txt"))[0]
    g.remove_source(key)
    loaded.remove_source(key)
    assert g == loaded
    assert not any(e["source"] == key for *_, d in loaded.g.edges(keys=True, data=True) for e in d["evidence"])
    assert not any(key in d.get("sources", []) for _, d in loaded.g.nodes(data=True))


@pytest.mark.parametrize("chunk", [1, 7, 2000])
def test_save_writes_the_bytes_of_one_json_dumps_piece_by_piece(folder, tmp_path, chunk, monkeypatch):
    import json

    g, _ = _load([folder], 1)
    monkeypatch.setattr(LegalGraph, "SAVE_CHUNK", chunk)
    db = g.save(tmp_path / "g.json")
    assert db.read_bytes() == json.dumps(g.to_data(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    assert LegalGraph.load(db) == g
    assert all((tmp_path / "g.texts" / f"{info['sha256']}.txt").exists() for info in g.sources().values())
    assert not list((tmp_path / "g.texts").glob(".*.tmp"))
    empty = LegalGraph()
    assert empty.save(tmp_path / "e.json").read_bytes() == json.dumps(empty.to_data(), ensure_ascii=False,
                                                                    sort_keys=True).encode("utf-8")


def test_cli_load_with_jobs_saves_the_same_graph_file(folder, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cancu.cli import cli

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)
    monkeypatch.chdir(tmp_path)  # file keys are relative to the working folder: the same for both loads
    out = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"g{jobs}.json"
        r = CliRunner().invoke(cli, ["load", str(folder), "--db", str(db), "-q", "-j", jobs], catch_exceptions=False)
        assert r.exit_code == 1, r.output  # the bad files fail; the rest load
        out[jobs] = (db.read_bytes(), r.output.replace(db.name, "DB"))
    assert out["1"] == out["2"]
    r = CliRunner().invoke(cli, ["load", str(folder), "--db", str(tmp_path / "g0.json"), "-j", "0"])
    assert r.exit_code == 2 and "0 is not in the range x>=1" in r.output
