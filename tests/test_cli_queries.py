"""The query commands in-process (CliRunner): output formats, evidence, exit codes.

The commands are put in a local group built like the real one (``CancuGroup``, which
turns library errors into one-line messages with exit 1), so these tests do not
depend on the registration in ``cancu/cli.py``.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from cancu.cli import CancuGroup, cli
from cancu.commands.agency import agency
from cancu.commands.basis import basis
from cancu.commands.cited import cited
from cancu.commands.compare import compare
from cancu.commands.flow import flow
from cancu.commands.path import path
from cancu.commands.unresolved import unresolved
from tests.conftest import CORPUS, EXAMPLES

COMMANDS = (basis, flow, agency, path, cited, unresolved, compare)


@pytest.fixture(scope="module")
def group():
    g = CancuGroup(name="cancu")
    for c in COMMANDS:
        g.add_command(c)
    return g


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("ex") / "g.json"
    r = CliRunner().invoke(cli, ["load", str(EXAMPLES), "--db", str(db)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return db


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, shared):
    db = tmp_path_factory.mktemp("co") / "g.json"
    r = CliRunner().invoke(cli, ["load", str(CORPUS), "--db", str(db)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return db


def run(group, db, *args):
    return CliRunner().invoke(group, [*args, "--db", str(db)], catch_exceptions=False)


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_command_has_an_example_in_its_help(group):
    for c in COMMANDS:
        r = CliRunner().invoke(group, [c.name, "--help"])
        assert r.exit_code == 0
        assert "Example:" in r.output and f"cancu {c.name}" in r.output, c.name
        assert "--format" in r.output and "--db" in r.output


def test_basis_table_fits_80_columns_and_reaches_31_ct_tw(group, examples_db):
    r = run(group, examples_db, "basis", "118/kh-ubnd", "--width", "80")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("basis of 118/KH-UBND")
    assert all(len(ln) <= 80 for ln in lines), max(lines, key=len)
    assert "31-CT/TW" in r.stdout and "IMPLEMENTS" in r.stdout


def test_basis_json_with_evidence_points_at_the_sentence(group, examples_db):
    rows = as_json(run(group, examples_db, "basis", "118/KH-UBND", "--format", "json", "--evidence"))
    assert rows[0]["level"] == 0 and rows[0]["instrument"] == "118/KH-UBND"
    impl = next(r for r in rows if r["relation"] == "IMPLEMENTS")
    assert impl["instrument"] == "31-CT/TW"
    src, line = impl["evidence"].split(";")[0].rsplit(":", 1)
    text = (EXAMPLES / "02_ke-hoach-tinh.txt").read_text(encoding="utf-8").splitlines()
    assert src.endswith("02_ke-hoach-tinh.txt") and "31-CT/TW" in text[int(line) - 1]
    assert "31-CT/TW" in impl["quote"]


def test_basis_depth_limit_warns_on_stderr(group, examples_db):
    r = run(group, examples_db, "basis", "45/KH-SNV", "--depth", "1", "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {row["level"] for row in rows} == {"0", "1"}
    assert "--depth 1 reached" in r.stderr and "--depth" not in r.stdout


def md_tables(text: str) -> list[list[dict]]:
    """The Markdown tables of a report, as lists of row dicts."""
    tables, cur = [], []
    for ln in text.splitlines() + [""]:
        if ln.startswith("|"):
            cur.append([c.strip() for c in ln.strip("|").split(" | ")])
        elif cur:
            tables.append([dict(zip(cur[0], cells)) for cells in cur[2:]])
            cur = []
    return tables


def test_flow_md_is_ready_to_paste(group, examples_db):
    r = run(group, examples_db, "flow", "31-CT/TW", "--format", "md")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("### flow of 31-CT/TW")
    assert "| level | document | jurisdiction | via | duties |" in lines and "### duties" in lines
    assert "| document | task | agency | role | due |" in lines
    assert "|---|---|---|---|---|" in lines
    docs, duties = md_tables(r.stdout)
    assert {"Thanh Hóa", "Lạng Sơn"} <= {d["jurisdiction"] for d in docs}
    assert sum(int(d["duties"]) for d in docs) == len(duties)
    assert {"lead", "coordinate"} <= {d["role"] for d in duties}


@pytest.mark.parametrize("args", [
    ("basis", "45/KH-SNV"), ("basis", "45/KH-SNV", "--evidence", "--include-cites"),
    ("flow", "31-CT/TW"), ("flow", "31-CT/TW", "--evidence"),
    ("agency", "Sở Nội vụ", "--province", "Thanh Hóa"), ("agency", "Sở LĐTBXH", "--province", "Lạng Sơn", "--evidence"),
    ("path", "45/KH-SNV", "96/KH-UBND", "--evidence"),
    ("cited",), ("cited", "--by", "province"), ("unresolved",), ("compare",),
])
def test_tables_fit_80_columns(group, examples_db, args):
    r = run(group, examples_db, *args, "--width", "80")
    assert r.exit_code == 0, r.output
    assert max(len(ln) for ln in r.stdout.splitlines()) <= 80


def test_flow_no_cites_and_depth(group, examples_db):
    rows = as_json(run(group, examples_db, "flow", "31-CT/TW", "--format", "json", "--no-cites", "--depth", "1"))
    assert {r["level"] for r in rows} == {0, 1}
    assert all("CITES" not in r["via"] for r in rows)


def test_agency_with_province(group, examples_db):
    rows = as_json(run(group, examples_db, "agency", "Sở Nội vụ", "--province", "Thanh Hoá", "--format", "json"))
    assert rows and {r["jurisdiction"] for r in rows} == {"Thanh Hóa"}
    assert rows[0]["role"] == "lead" and rows[0]["plan"] == "118/KH-UBND" and rows[0]["due"] == "2024-09-30"
    assert "31-CT/TW" in rows[0]["basis"]
    assert set(rows[0]) == {"role", "due", "plan", "jurisdiction", "task", "basis"}


def test_agency_ambiguous_lists_candidates_and_exits_1(group, examples_db):
    r = run(group, examples_db, "agency", "Sở Nội vụ")
    assert r.exit_code == 1
    assert "did you mean" in r.stderr and "Thanh Hóa" in r.stderr and "Lạng Sơn" in r.stderr
    assert "--province" in r.stderr and r.stdout == ""


@pytest.mark.parametrize("args, words", [
    (("basis", "999/QĐ-XYZ"), ("'999/QĐ-XYZ'", "cancu cited")),
    (("flow", "no such plan at all"), ("'no such plan at all'",)),
    (("agency", "Sở Nội vụ", "--province", "Kon Tum"), ("Kon Tum", "Thanh Hóa")),
    (("path", "45/KH-SNV", "999/QĐ-XYZ"), ("'999/QĐ-XYZ'",)),
])
def test_not_found_is_one_clear_message_and_exit_1(group, examples_db, args, words):
    r = run(group, examples_db, *args)
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: ")
    for w in words:
        assert w in r.stderr
    assert "Traceback" not in r.output


def test_missing_graph_file(group, tmp_path):
    r = run(group, tmp_path / "none.json", "cited")
    assert r.exit_code == 1 and "cancu load" in r.stderr


def test_path_with_directions_and_no_path(group, examples_db):
    rows = as_json(run(group, examples_db, "path", "45/KH-SNV", "96/KH-UBND", "--format", "json", "--evidence"))
    assert rows[0]["from"] == "45/KH-SNV" and rows[-1]["to"] == "96/KH-UBND"
    assert any(r["relation"].startswith("<-[") for r in rows) and all(r["evidence"] for r in rows)
    r = run(group, examples_db, "path", "45/KH-SNV", "11-NQ/TW", "--basis-only")
    assert r.exit_code == 1 and "no path between 45/KH-SNV and 11-NQ/TW" in r.stderr


def test_cited_by_relation_and_by_province(group, examples_db):
    rows = as_json(run(group, examples_db, "cited", "--format", "json", "--limit", "3"))
    assert len(rows) == 3 and rows[0]["instrument"] == "31-CT/TW" and rows[0]["docs"] >= 3
    assert list(rows[0]) == ["rank", "instrument", "docs", "refs", "based_on", "implements", "cites", "other"]
    prov = as_json(run(group, examples_db, "cited", "--by", "province", "--format", "json", "--limit", "1"))
    assert {r["jurisdiction"] for r in prov} >= {"Thanh Hóa", "Lạng Sơn"}


def test_unresolved_csv_has_file_line_and_quote(group, examples_db):
    r = run(group, examples_db, "unresolved", "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert r.stdout.splitlines()[0] == "instrument,reason,document,relation,evidence,quote"
    for row in rows:
        assert ":" in row["evidence"] and row["quote"]


def test_compare_table(group, examples_db):
    rows = as_json(run(group, examples_db, "compare", "--format", "json"))
    pairs = {(r["directive"], r["jurisdiction"]) for r in rows}
    assert {("31-CT/TW", "Thanh Hóa"), ("31-CT/TW", "Lạng Sơn")} <= pairs
    r = run(group, examples_db, "compare", "--width", "80")
    assert all(len(ln) <= 80 for ln in r.stdout.splitlines())


# --- issue 5's acceptance on the real corpus, through the CLI -----------------------------------

def test_corpus_flow_11_nq_tw_md(group, corpus_db):
    r = run(group, corpus_db, "flow", "11-NQ/TW", "--format", "md")
    assert r.exit_code == 0, r.output
    docs, duties = md_tables(r.stdout)
    assert ("56/BVSTBPN", "Bình Định") in {(x["document"], x["jurisdiction"]) for x in docs}
    plans = {x["jurisdiction"] for x in docs if x["document"].startswith("Kế hoạch")}
    assert {"Gia Lai", "Quảng Ngãi"} <= plans
    assert any(d["document"] == "56/BVSTBPN" for d in duties)
    rows = as_json(run(group, corpus_db, "flow", "11-NQ/TW", "--format", "json"))
    leads = {x["jurisdiction"] for x in rows if x["role"] == "lead"}
    assert {"Gia Lai", "Quảng Ngãi"} <= leads


def test_corpus_basis_of_the_gia_lai_plan(group, corpus_db):
    rows = as_json(run(group, corpus_db, "basis", "tỉnh Gia Lai năm 2020", "--format", "json"))
    assert {"1696/QĐ-TTg", "742/QĐ-UBND"} <= {r["instrument"] for r in rows}


def test_corpus_basis_of_the_quang_ngai_plan(group, corpus_db):
    rows = as_json(run(group, corpus_db, "basis", "tỉnh Quảng Ngãi năm 2022", "--format", "json",
                       "--include-cites"))
    assert {"481/LĐTBXH-BĐG", "254/QĐ-UBND"} <= {r["instrument"] for r in rows}


def test_corpus_agency_sở_nội_vụ_quang_ngai(group, corpus_db):
    rows = as_json(run(group, corpus_db, "agency", "Sở Nội vụ", "--province", "Quảng Ngãi", "--format", "json",
                       "--evidence"))
    assert rows and all(r["jurisdiction"] == "Quảng Ngãi" and r["plan"].startswith("Kế hoạch") for r in rows)
    assert all("481/LĐTBXH-BĐG" in r["basis"] for r in rows)
    assert all(r["evidence"].split(":")[0].endswith("004_91c3c8c0567112e0.txt") for r in rows)
