"""The CLI in-process (CliRunner), happy and unhappy paths."""
from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from cancu.cli import cli
from tests.conftest import CORPUS, EXAMPLES, ROOT


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    db = tmp_path / "g.json"

    def invoke(*args, db_path=db):
        args = list(args)
        if args and args[0] in ("load", "stats", "export"):
            args += ["--db", str(db_path)]
        return runner.invoke(cli, args, catch_exceptions=False)

    invoke.db = db
    return invoke


def test_load_examples_then_again_is_idempotent(run):
    r = run("load", str(EXAMPLES))
    assert r.exit_code == 0, r.output
    assert "5 files loaded" in r.output and "graph: 5 documents" in r.output
    first = run.db.read_bytes()
    r = run("load", str(EXAMPLES))
    assert r.exit_code == 0 and "0 files loaded (0 replaced), 5 unchanged" in r.output
    assert run.db.read_bytes() == first


def test_load_reports_progress_on_stderr_only(run):
    r = CliRunner().invoke(cli, ["load", str(EXAMPLES), "--db", str(run.db)])
    assert "[1/5]" in r.stderr and "[1/5]" not in r.stdout


def test_missing_path_is_one_line_and_exit_1(run):
    r = run("load", "no/such/dir")
    assert r.exit_code == 1
    assert r.output == "Error: no/such/dir: no such file or folder; check the path\n"


def test_folder_without_documents(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "photo.png").write_bytes(b"\x89PNG")
    r = run("load", str(empty))
    assert r.exit_code == 1
    assert "no documents found" in r.output and "1 other files skipped" in r.output


def test_bad_file_is_reported_and_the_rest_loads(run, tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "good.txt").write_text((EXAMPLES / "02_ke-hoach-tinh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "bad.txt").write_bytes(bytes(range(256)) * 4)
    (d / "empty.txt").write_bytes(b"")
    r = CliRunner().invoke(cli, ["load", str(d), "--db", str(run.db)])
    assert r.exit_code == 1
    assert "1 files loaded" in r.stdout and "2 failed" in r.stdout
    assert "bad.txt: looks like a binary file" in r.stderr and "empty.txt: file is empty" in r.stderr
    assert "Traceback" not in r.output
    r = run("stats", "--format", "json")
    counts = {row["what"]: row["count"] for row in json.loads(r.output)}
    assert counts["documents"] == 1


def test_strict_fails_on_warnings(run, tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "good.txt").write_text((EXAMPLES / "01_chi-thi-trung-uong.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "photo.png").write_bytes(b"\x89PNG")  # not a document: skipped with a warning, not a failure
    assert run("load", str(d)).exit_code == 0
    assert run("load", str(d), "--strict").exit_code == 1


def test_stats_without_a_graph_says_to_load_first(run):
    r = run("stats")
    assert r.exit_code == 1 and "run `cancu load DIR` first" in r.output


@pytest.mark.parametrize("fmt", ["table", "md", "json", "csv"])
def test_stats_formats(run, fmt):
    run("load", str(EXAMPLES))
    r = run("stats", "--format", fmt)
    assert r.exit_code == 0
    if fmt == "json":
        assert {"what": "documents", "count": 5} in json.loads(r.output)
    elif fmt == "csv":
        assert r.output.splitlines()[0] == "what,count" and "documents,5" in r.output
    elif fmt == "md":
        assert r.output.startswith("| what | count |") and "| documents | 5 |" in r.output
    else:
        assert all(len(line) <= 80 for line in r.output.splitlines())


def test_extract_json_has_the_gold_schema(run, shared):
    r = run("extract", str(CORPUS / "003_73b392c2e95c4b1e.txt"), "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["file"] == "003_73b392c2e95c4b1e.txt"
    assert [d["symbol"] for d in data["documents"]] == ["1152/VP-KGVX", "356/LĐTBXH-BĐG"]
    keys = {"doc_type", "symbol", "date", "place", "issuer", "jurisdiction", "title", "title_span", "signer", "span",
            "addressed_to", "copied_to", "citations", "responsibilities", "deadlines", "targets"}
    assert keys <= set(data["documents"][0])


def test_extract_text_and_unhappy_paths(run, tmp_path):
    r = run("extract", str(EXAMPLES / "02_ke-hoach-tinh.txt"))
    assert r.exit_code == 0 and "Kế hoạch 118/KH-UBND" in r.output and "Ủy ban nhân dân tỉnh Thanh Hóa" in r.output
    r = run("extract", str(tmp_path / "none.txt"))
    assert r.exit_code == 1 and "no such file" in r.output
    r = run("extract", str(EXAMPLES / "02_ke-hoach-tinh.txt"), "--format", "xml")
    assert r.exit_code == 2 and "Invalid value for '--format'" in r.output


def test_export_json_and_graphml(run, tmp_path):
    run("load", str(EXAMPLES))
    out = tmp_path / "g.graphml"
    r = run("export", "--format", "graphml", "-o", str(out))
    assert r.exit_code == 0
    g = nx.read_graphml(out)
    assert g.number_of_nodes() > 10
    r = run("export")
    assert json.loads(r.output)["format"] == "cancu-graph"


def test_every_command_has_help_with_an_example():
    for name, cmd in cli.commands.items():
        r = CliRunner().invoke(cli, [name, "--help"])
        assert r.exit_code == 0 and "Example:" in r.output, name


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"cancu {name}" in readme, name


def test_python_dash_m_works():
    r = subprocess.run([sys.executable, "-m", "cancu", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "cancu load" in r.stdout
