"""Reloads through the journal (``cancu.pipeline.update``): the graph saved as a snapshot plus the changed
files' recorded changes is the graph a full reload gives; unchanged files are known by their stat and not
read; the journal is folded into the snapshot when it grows or cannot be used; a stopped write leaves the
previous state.

Real documents (the shared corpus, web documents, examples), copied into a temporary folder and edited there.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cancu.pipeline as pipeline
from cancu.cli import cli
from cancu.pipeline import update
from graphmodel.build import add_extractions
from graphmodel.graph import LegalGraph, journal_path, read_journal, snapshot_generation
from loaders.extract import extract_source
from loaders.read import read_file
from tests.conftest import CORPUS, EXAMPLES, ROOT, WEBDOCS
from tests.kill_hook import KILL_AT_FSYNC

EDIT = "Nội dung này được bổ sung khi sửa văn bản.\n\n"
HOUR_NS = 3600 * 10**9


def _edit(path: Path, mark: str = EDIT) -> None:
    """A sentence added before ``Nơi nhận`` (or at the end), the way a user edits a document."""
    text = path.read_text(encoding="utf-8")
    at = text.find("Nơi nhận")
    at = text.rfind("\n", 0, at) + 1 if at > 0 else len(text)
    path.write_text(text[:at] + mark + text[at:], encoding="utf-8")


def _age(folder: Path, seconds: int = 3600) -> None:
    """Files last changed an hour ago (not within the racy window of a load now)."""
    t = time.time_ns() - seconds * 10**9
    for p in folder.iterdir():
        os.utime(p, ns=(t, t))


@pytest.fixture
def work(tmp_path, shared, monkeypatch):
    """A folder of real documents, loaded once (full path) into db; files keyed relative to tmp_path."""
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "docs"
    d.mkdir()
    for src in sorted(CORPUS.glob("*.txt")) + sorted((WEBDOCS / "docs").glob("*.txt"))[:10] + sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(src, d / src.name)
    (d / "empty.txt").write_bytes(b"")  # fails every time: read again on every load
    _age(d)
    db = tmp_path / "db" / "graph.json"
    first = update(db, [Path("docs")], workers=1)
    assert first.mode == "full" and first.saved and first.loaded and first.failed
    head = read_journal(db)
    assert head["entries"] == [] and head["base"] == snapshot_generation(db)
    return d, db


def _copy_db(db: Path, to: Path) -> Path:
    shutil.copytree(db.parent, to)
    return to / db.name


def _full_reload(ref_db: Path, paths) -> LegalGraph:
    """What a load without the journal gives: the whole graph read, the files loaded into it, saved."""
    rep = update(ref_db, paths, workers=1, journal=False)
    assert rep.mode == "full"
    return LegalGraph.load(ref_db)


def _data(g: LegalGraph) -> dict:
    """The graph as saved, without the generation (which names the save, not the graph)."""
    return {k: v for k, v in g.to_data().items() if k != "generation"}


def _files(d: Path) -> list[Path]:
    return sorted(p for p in d.iterdir() if p.suffix == ".txt" and p.stat().st_size)


def test_recorded_changes_replayed_on_the_whole_graph_are_the_changes_made_directly(work):
    d, db = work
    path = _files(d)[3]
    key = f"docs/{path.name}"
    src = read_file(path)
    src = type(src)(path=key, text=src.text, encoding=src.encoding, sha256=src.sha256, format=src.format,
                    notes=src.notes)
    exs = extract_source(src)
    direct = LegalGraph.load(db)
    direct.remove_source(key)
    ids = add_extractions(direct, src, exs)
    direct.add_source(key, sha256=src.sha256, text=src.text, encoding=src.encoding, documents=ids, fmt=src.format,
                      notes=src.notes)
    scratch = LegalGraph.recording()
    assert add_extractions(scratch, src, exs) == ids
    scratch.add_source(key, sha256=src.sha256, text=src.text, encoding=src.encoding, documents=ids,
                       fmt=src.format, notes=src.notes)
    ops = json.loads(json.dumps(scratch.ops, ensure_ascii=False))  # as the journal keeps them
    assert {op[0] for op in ops} <= LegalGraph.OPS and "set_node" in {op[0] for op in ops}
    replayed = LegalGraph.load(db)
    replayed.remove_source(key)
    replayed.apply_ops(ops)
    assert replayed == direct
    assert _data(replayed) == _data(direct)  # even the order of nodes, edges and evidence


@pytest.mark.parametrize("n_edited", [1, 3])
def test_a_journal_reload_gives_the_graph_of_a_full_reload(work, tmp_path, n_edited):
    d, db = work
    ref = _copy_db(db, tmp_path / "ref")
    files = _files(d)
    edited = files[1: 1 + 2 * n_edited: 2]
    for p in edited:
        _edit(p)
    if n_edited > 1:  # and a new file
        shutil.copy(sorted((WEBDOCS / "docs").glob("*.txt"))[-1], d / "new-plan.txt")
    snapshot_before = db.read_bytes()
    rep = update(db, [Path("docs")], workers=1)
    assert rep.mode == "journal" and rep.saved, rep.graph_notes
    assert sorted(rep.replaced) == sorted(f"docs/{p.name}" for p in edited)
    assert len(rep.loaded) == n_edited + (1 if n_edited > 1 else 0)
    assert [k for k, _ in rep.failed] == ["docs/empty.txt"]
    assert db.read_bytes() == snapshot_before  # the snapshot is neither read nor written
    assert len(read_journal(db)["entries"]) == len(rep.loaded)
    got = LegalGraph.load(db)
    assert got.journal_note is None and got.journal_entries == len(rep.loaded)
    want = _full_reload(ref, [Path("docs")])
    assert got == want
    assert _data(got) == _data(want)  # even the order of nodes, edges and evidence
    for p in edited:  # the new texts are beside the graph: evidence can be shown
        assert EDIT.strip() in got.text_of(f"docs/{p.name}")
    # loading again changes nothing (the journal may learn the new stats of the edited files)
    again = update(db, [Path("docs")], workers=1)
    assert again.mode == "journal" and not again.loaded and not again.saved
    assert db.read_bytes() == snapshot_before and LegalGraph.load(db) == got


def test_unchanged_files_are_known_by_their_stat_and_not_read(work, monkeypatch):
    d, db = work
    changed = _files(d)[2]
    _edit(changed)
    hashed, read = [], []
    real_same, real_read = pipeline._same_bytes, pipeline.read_file
    monkeypatch.setattr(pipeline, "_same_bytes", lambda p, sha: hashed.append(p.name) or real_same(p, sha))
    monkeypatch.setattr(pipeline, "read_file", lambda p: read.append(p.name) or real_read(p))
    rep = update(db, [Path("docs")], workers=1)
    assert rep.mode == "journal" and rep.replaced == [f"docs/{changed.name}"]
    assert hashed == [changed.name]  # its stat differs; every other loaded file is trusted by its stat
    assert sorted(read) == sorted([changed.name, "empty.txt"])  # and the file that failed before


def test_a_file_changed_within_the_racy_window_is_hashed_even_with_the_same_stat(work):
    d, db = work
    victim = _files(d)[4]
    before = victim.stat()
    now = time.time_ns()
    os.utime(victim, ns=(now, now))  # touched just now: its record will be racy
    rep = update(db, [Path("docs")], workers=1)
    assert rep.unchanged.count(f"docs/{victim.name}") == 1 and not rep.loaded
    text = victim.read_bytes()
    i = text.index(b"a")
    changed = text[:i] + b"o" + text[i + 1:]  # same size
    assert len(changed) == before.st_size and changed != text
    victim.write_bytes(changed)
    os.utime(victim, ns=(now, now))  # and the same mtime as recorded
    rep = update(db, [Path("docs")], workers=1)
    assert rep.replaced == [f"docs/{victim.name}"]


def test_the_journal_is_folded_into_the_snapshot_past_its_limit(work, tmp_path):
    d, db = work
    ref = _copy_db(db, tmp_path / "ref")
    files = _files(d)
    _edit(files[0])
    assert update(db, [Path("docs")], workers=1, journal_limit=2).mode == "journal"
    _edit(files[1])
    _edit(files[2])
    rep = update(db, [Path("docs")], workers=1, journal_limit=2)
    assert rep.mode == "full" and rep.saved and any("more than 2" in n for n in rep.graph_notes)
    assert sorted(rep.replaced) == sorted(f"docs/{p.name}" for p in files[1:3])
    head = read_journal(db)
    assert head["entries"] == [] and head["base"] == snapshot_generation(db)
    got = LegalGraph.load(db)
    assert got.journal_entries == 0
    assert got == _full_reload(ref, [Path("docs")])


def test_a_changed_file_holding_a_document_of_another_file_takes_the_full_path(work, tmp_path):
    d, db = work
    twin = d / "twin.txt"
    shutil.copy(_files(d)[0], twin)  # the same document in two files
    first = update(db, [Path("docs")], workers=1)
    assert first.mode == "full", first.graph_notes  # the twin's document is another file's
    assert any("which another file holds too" in n for n in first.graph_notes)
    ref = _copy_db(db, tmp_path / "ref")
    _edit(twin)
    rep = update(db, [Path("docs")], workers=1)
    assert rep.mode == "full" and rep.replaced == ["docs/twin.txt"]
    assert LegalGraph.load(db) == _full_reload(ref, [Path("docs")])


def test_a_journal_of_another_snapshot_or_unreadable_is_not_used_and_said(work, tmp_path):
    d, db = work
    _edit(_files(d)[0])
    assert update(db, [Path("docs")], workers=1).mode == "journal"
    with_journal = LegalGraph.load(db)
    snapshot_only = LegalGraph.load(db, journal=False)
    assert with_journal != snapshot_only
    # a snapshot saved by another load, with this journal left beside it (as if the journal write was lost)
    other = tmp_path / "other" / "graph.json"
    snapshot_only.add_node("instrument:khác", "Instrument", title="một văn bản khác")
    snapshot_only.save(other)
    shutil.copy(other, db)
    g = LegalGraph.load(db)
    assert g.journal_entries == 0 and "belongs to another save" in g.journal_note
    assert g == LegalGraph.load(other)
    r = CliRunner().invoke(cli, ["load", "docs", "--db", str(db)])
    assert r.exit_code == 1  # empty.txt fails
    assert "note: graph.json.journal belongs to another save" in r.stderr
    assert "graph:" in r.stdout and "documents" in r.stdout  # the full path: the counts are known
    assert LegalGraph.load(db).journal_note is None
    # a journal that is not JSON, or asks for a change no graph method makes
    journal_path(db).write_text("{half a journal", encoding="utf-8")
    g = LegalGraph.load(db)
    assert "not valid JSON" in g.journal_note and g == LegalGraph.load(db, journal=False)
    # the commands that read the graph say so too (on stderr), and still answer from the snapshot
    r = CliRunner().invoke(cli, ["stats", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert "warning: " in r.stderr and "not valid JSON" in r.stderr and json.loads(r.stdout)
    update(db, [Path("docs")], workers=1)
    _edit(_files(d)[1])
    assert update(db, [Path("docs")], workers=1).mode == "journal"
    head = read_journal(db)
    head["entries"][-1]["ops"].insert(0, ["remove_source", ["docs/" + _files(d)[0].name], {}])
    journal_path(db).write_text(json.dumps(head, ensure_ascii=False), encoding="utf-8")
    g = LegalGraph.load(db)
    assert "could not be replayed" in g.journal_note and g == LegalGraph.load(db, journal=False)


def test_strict_and_interrupted_journal_loads_write_nothing(work, monkeypatch):
    d, db = work
    _edit(_files(d)[0])
    journal_before = journal_path(db).read_bytes()
    rep = update(db, [Path("docs")], workers=1, strict=True)  # empty.txt gives a warning
    assert rep.mode == "journal" and rep.loaded and not rep.saved
    assert journal_path(db).read_bytes() == journal_before

    def stop(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "extract_source", stop)
    rep = update(db, [Path("docs")], workers=1)
    assert rep.interrupted and not rep.saved
    assert journal_path(db).read_bytes() == journal_before


def test_cli_reload_of_changed_files_and_the_counts_after_it(work, tmp_path, monkeypatch):
    import cancu.commands.load as load_cmd

    d, db = work
    ref = _copy_db(db, tmp_path / "ref")
    _edit(_files(d)[5])
    want = _full_reload(ref, [Path("docs")]).stats()
    r = CliRunner().invoke(cli, ["load", "docs", "--db", str(db), "-q"])
    assert r.exit_code == 1, r.output  # empty.txt
    lines = r.stdout.splitlines()
    assert lines[0].startswith("1 files loaded (1 replaced), ") and "1 failed" in lines[0]
    # a small graph file is read to give the counts (the same as a full reload's)
    assert lines[-1] == (f"graph: {want['documents']} documents, {want['Instrument']} instruments, "
                         f"{want['Agency']} agencies, {want['Task']} tasks, {want['edges']} edges; 1 warnings")
    monkeypatch.setattr(load_cmd, "COUNT_READ_MAX_BYTES", 0)  # a large one is not: `cancu stats` gives them
    _edit(_files(d)[6])
    ref2 = _copy_db(db, tmp_path / "ref2")
    r = CliRunner().invoke(cli, ["load", "docs", "--db", str(db), "-q"])
    assert r.stdout.splitlines()[-1] == (f"graph: {len(_files(d))} files, 2 changed since the last full save "
                                         "(counts: cancu stats); 1 warnings")
    want = _full_reload(ref2, [Path("docs")]).stats()
    r = CliRunner().invoke(cli, ["stats", "--db", str(db), "--format", "json"])
    counts = {row["what"]: row["count"] for row in json.loads(r.output)}
    assert all(counts[k] == want[k] for k in ("documents", "Instrument", "Agency", "Task", "edges"))




@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill", "ctrl-c", "term"])
def test_a_load_stopped_while_writing_the_journal_leaves_the_previous_state(work, tmp_path, sig):
    d, db = work
    ref = _copy_db(db, tmp_path / "ref")
    _edit(_files(d)[0])
    assert update(db, [Path("docs")], workers=1).mode == "journal"
    before_graph = LegalGraph.load(db)
    before = (db.read_bytes(), journal_path(db).read_bytes())
    _edit(_files(d)[1])
    marker = tmp_path / "writing"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_AT_FSYNC, str(marker), journal_path(db).name, "load", "docs", "--db", str(db), "-q"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the load did not reach the journal write"
        time.sleep(0.05)
    assert list(db.parent.glob(f".{journal_path(db).name}.*.tmp"))
    os.kill(proc.pid, sig)
    out, err = proc.communicate(timeout=60)
    assert (db.read_bytes(), journal_path(db).read_bytes()) == before
    assert LegalGraph.load(db) == before_graph
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, err
        assert b"Traceback" not in err and b"is as it was" in err
        assert not list(db.parent.glob(".*.tmp"))
    rep = update(db, [Path("docs")], workers=1)
    assert rep.mode == "journal" and rep.replaced == [f"docs/{_files(d)[1].name}"]
    assert LegalGraph.load(db) == _full_reload(ref, [Path("docs")])


def test_the_replay_index_covers_the_journal_files_and_grows_whole_for_another(work):
    d, db = work
    files = _files(d)
    _edit(files[0])
    _edit(files[1])
    assert update(db, [Path("docs")], workers=1).mode == "journal"
    head = read_journal(db)
    partial = LegalGraph.load(db)  # indexed for the two journal files only
    whole = LegalGraph.load(db, journal=False)
    whole._build_source_index()  # the whole index first, then the same replay
    for entry in head["entries"]:
        whole.remove_source(entry["key"])
        whole.apply_ops(entry["ops"])
    assert partial == whole
    for key in (f"docs/{files[1].name}", f"docs/{files[3].name}"):  # one in the journal, one not
        partial.remove_source(key)
        whole.remove_source(key)
        assert _data(partial) == _data(whole)


def test_changed_files_parsed_by_workers_make_the_same_journal_as_parsed_here(work, tmp_path, monkeypatch):
    d, db = work
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)
    other = _copy_db(db, tmp_path / "other")
    for p in _files(d)[:4]:
        _edit(p)
    here = update(db, [Path("docs")], workers=1)
    there = update(other, [Path("docs")], workers=2)
    assert here.mode == there.mode == "journal" and len(here.replaced) == len(there.replaced) == 4
    assert read_journal(db)["entries"] == read_journal(other)["entries"]
    assert LegalGraph.load(db) == LegalGraph.load(other)


def test_a_file_parsed_by_the_warmed_process_makes_the_same_entry_as_parsed_here(work, tmp_path, monkeypatch):
    d, db = work
    other = _copy_db(db, tmp_path / "other")
    _edit(_files(d)[2])
    (d / "empty.txt").write_bytes(b"")  # and the file that fails, failed there too
    here = update(db, [Path("docs")], workers=1)
    started = []
    real = pipeline._Warm.__init__
    monkeypatch.setattr(pipeline._Warm, "__init__", lambda self, known: started.append(1) or real(self, known))
    parsed_here = []
    real_parse = pipeline._parse
    monkeypatch.setattr(pipeline, "_parse", lambda *a: parsed_here.append(a[1]) or real_parse(*a))
    there = update(other, [Path("docs")], workers=2)
    assert started == [1] and parsed_here == []  # both files were parsed in the warmed process
    assert here.mode == there.mode == "journal" and here.replaced == there.replaced and len(here.replaced) == 1
    assert here.failed == there.failed
    assert read_journal(db)["entries"] == read_journal(other)["entries"]
    # nothing changed: the warmed process is started and ended, nothing written
    again = update(other, [Path("docs")], workers=2)
    assert not again.loaded and started == [1, 1]
