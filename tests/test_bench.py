"""The benchmark corpus generator, its truth, the scorer and the ``cancu bench`` commands.

No timing is asserted here: ``cancu bench run`` measures, these tests check that what
it measures is real (the files parse, the truth points at the text) and that the
commands work end to end on a small corpus.
"""
from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cancu.bench import generate as gen
from cancu.bench.corpus import TRUTH, corpus_files, read_truth, write_corpus
from cancu.bench.generate import generate_corpus, old_tone_marks
from cancu.bench.score import Tally, greedy_match, norm_symbol
from cancu.commands.bench import bench
from graphmodel.normalize import fold, modern_tone_marks, normalize_symbol
from loaders.structure import parse_document

ROOT = Path(__file__).resolve().parents[1]
RELATIONS = {"based_on", "implements", "proposed_by", "attaches", "cites"}
ROLES = {"lead", "coordinate", "assigned", "requested"}


@pytest.fixture(scope="module")
def sample():
    """300 generated documents (seed 11), shared by the property tests."""
    return list(generate_corpus(300, seed=11))


def _digest(n: int, seed: int) -> str:
    h = hashlib.sha256()
    for name, text, truth in generate_corpus(n, seed=seed):
        h.update(name.encode())
        h.update(text.encode())
        h.update(json.dumps(truth, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


# --- determinism -------------------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_bytes():
    assert _digest(40, 1) == _digest(40, 1)
    assert _digest(40, 1) != _digest(40, 2)


def test_same_bytes_under_another_hash_seed():
    """No iteration over hash-ordered sets: another PYTHONHASHSEED gives the same corpus."""
    code = ("import hashlib, json\nfrom cancu.bench.generate import generate_corpus\nh = hashlib.sha256()\n"
            "for n, t, tr in generate_corpus(40, seed=1):\n"
            "    h.update(n.encode()); h.update(t.encode())\n"
            "    h.update(json.dumps(tr, sort_keys=True, ensure_ascii=False).encode())\nprint(h.hexdigest())")
    outs = set()
    for hs in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hs}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                             check=True)
        outs.add(out.stdout.strip())
    assert outs == {_digest(40, 1)}


def test_a_smaller_run_is_a_prefix_of_a_larger_one():
    small = list(generate_corpus(15, seed=4))
    large = list(generate_corpus(40, seed=4))
    assert large[:15] == small


# --- the texts and their truth -------------------------------------------------------------


def test_texts_are_nfc_and_names_unique(sample):
    names = [n for n, _, _ in sample]
    assert len(set(names)) == len(names)
    for name, text, truth in sample:
        assert unicodedata.is_normalized("NFC", text), name
        assert truth["file"] == name
        assert name.endswith((".txt", ".md"))


def test_truth_spans_point_at_the_text(sample):
    for name, text, truth in sample:
        (doc,) = truth["documents"]
        s, e = doc["span"]
        assert 0 <= s < e <= len(text) and not text[s].isspace(), name
        ts, te = doc["title_span"]
        assert " ".join(text[ts:te].split()) == doc["title"], name
        sg = doc["signer"]
        assert text[sg["start"]:sg["end"]] == sg["name"] and sg["end"] == e, name
        for key in ("citations", "deadlines", "targets"):
            for m in doc[key]:
                assert text[m["start"]:m["end"]] == m["quote"], (name, m)
                assert s <= m["start"] < m["end"] <= e, (name, m)
        for r in doc["responsibilities"]:
            assert text[r["start"]:r["end"]] == r["agency"], (name, r)


def test_truth_follows_the_gold_schema(sample):
    for name, text, truth in sample:
        (doc,) = truth["documents"]
        for c in doc["citations"]:
            assert c["relation"] in RELATIONS, (name, c)
            assert {"start", "end", "quote", "doc_type", "symbol", "date", "relation", "section"} <= set(c)
            if c["symbol"]:
                # the symbol is in the quote (spacing normalised), the correction only for slips
                assert normalize_symbol(c["symbol"]) == c["symbol"]
                assert c["symbol"].replace(" ", "") in normalize_symbol(" ".join(c["quote"].split())).replace(" ", "")
            if c.get("symbol_corrected"):
                assert c["symbol_corrected"] != c["symbol"]
            if c["date"]:
                assert len(c["date"]) == 10 and c["date"][4] == "-"
        for r in doc["responsibilities"]:
            assert r["role"] in ROLES and r.get("role_alt", "assigned") in ROLES, (name, r)
            assert r["canonical"] and "{" not in r["canonical"], (name, r)
        # required citations never overlap (gold README, span of a citation)
        req = sorted((c["start"], c["end"]) for c in doc["citations"] if not c.get("optional"))
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(req)), name
        for lst in ("citations", "responsibilities", "deadlines", "targets"):
            starts = [x["start"] for x in doc[lst]]
            assert starts == sorted(starts)


def test_the_corpus_has_the_variants_of_real_files(sample):
    texts = [t for _, t, _ in sample]
    docs = [tr["documents"][0] for _, _, tr in sample]
    assert len({d["jurisdiction"] for d in docs}) >= 45  # of the 63 provinces
    assert len({d["date"][:4] for d in docs}) >= 6
    assert {tr["kind"] for _, _, tr in sample} == {"province_plan", "department_plan", "province_letter",
                                                    "cover_letter", "ministry_letter"}
    assert any("Uỷ ban" in t or "hoá" in t for t in texts)  # old tone marks
    assert any("Ủy ban" in t for t in texts)  # new tone marks
    assert any("Lao động – Thương binh" in t for t in texts) and any("Lao động - Thương binh" in t for t in texts)
    assert any("Sở LĐTBXH" in t for t in texts) and any("UBND" in t for t in texts)
    assert any(c.get("symbol_corrected") for d in docs for c in d["citations"])  # OCR slips
    assert any(n.endswith(".md") and "#### **" in t for n, t, _ in sample)  # Markdown headings
    assert any("\nSỞ " in t for t in texts)  # two-line agency header
    assert any(" | CỘNG HÒA" in t or " | CỘNG HOÀ" in t for t in texts)  # flattened header table
    assert {c["relation"] for d in docs for c in d["citations"]} == RELATIONS
    assert {r["role"] for d in docs for r in d["responsibilities"]} == ROLES
    assert any(d["deadlines"] for d in docs) and any(d["targets"] for d in docs)


def test_files_parse_to_the_truths_metadata(sample):
    """parse_document (an independent reader) agrees with the truth on a sample of 50."""
    picked = sample[::6][:50]
    assert len(picked) == 50
    disagree = []
    for name, text, truth in picked:
        (g,) = truth["documents"]
        docs = parse_document(text, name)
        assert len(docs) == 1, name
        d = docs[0]
        assert (d.doc_type, d.symbol, d.date, d.place, d.title) == (
            g["doc_type"], g["symbol"], g["date"], g["place"], g["title"]), name
        assert d.signer is not None and d.signer.name == g["signer"]["name"], name
        assert [d.start, d.end] == g["span"], name
        assert [x.text for x in d.copied_to] == g["copied_to"], name
        assert [x.text for x in d.addressed_to] == g["addressed_to"], name
        if (fold(d.issuer or ""), fold(d.jurisdiction or "")) != (fold(g["issuer"]), fold(g["jurisdiction"])):
            disagree.append((name, d.issuer, d.jurisdiction, g["issuer"], g["jurisdiction"]))
    # province names with a dash (Bà Rịa - Vũng Tàu) and the centrally-run cities come from graphmodel/data/jurisdictions.csv
    assert not disagree, disagree


@pytest.mark.parametrize("new, old", [
    ("Thanh Hóa", "Thanh Hoá"),  # examples/04_cong-van.txt
    ("Ủy ban nhân dân", "Uỷ ban nhân dân"),  # examples/04_cong-van.txt
    ("CỘNG HÒA", "CỘNG HOÀ"),  # examples/04_cong-van.txt
    ("sức khỏe", "sức khoẻ"),
    ("quý", "quý"),  # qu + y: not a tone-placement pair
    ("Khánh Hòa, thủy sản", "Khánh Hoà, thuỷ sản"),
])
def test_old_tone_marks(new, old):
    assert old_tone_marks(new) == old
    assert modern_tone_marks(old) == new
    assert len(old) == len(new)


def test_data_tables_carry_sources():
    rows = list(csv.DictReader((gen.DATA / "provinces.csv").open(encoding="utf-8")))
    assert len(rows) == 63
    assert sum(r["kind"] == "tỉnh" for r in rows) == 58 and sum(r["kind"] == "thành phố" for r in rows) == 5
    for table in ("provinces.csv", "agencies.csv", "groups.csv", "units.csv", "themes.csv"):
        for r in csv.DictReader((gen.DATA / table).open(encoding="utf-8")):
            assert r["source"].strip(), (table, r)
    # national instruments come from the project's sourced table, none invented here
    known = {r["symbol"] for r in csv.DictReader((ROOT / "loaders/data/instruments.csv").open(encoding="utf-8"))}
    assert gen.national_pool() and all(r.symbol in known for r in gen.national_pool())


# --- the scorer -----------------------------------------------------------------------------


def _cit(s, e, symbol=None, relation="cites", **kw):
    return {"start": s, "end": e, "symbol": symbol, "relation": relation, "doc_type": "Quyết định", "date": None, **kw}


def _resp(s, e, role, **kw):
    return {"start": s, "end": e, "role": role, "agency": "Sở Nội vụ", "canonical": "Sở Nội vụ tỉnh X", **kw}


@pytest.mark.parametrize("gold, pred, want", [
    # (gold citations, predicted citations, (tp, fp, fn, relation right))
    ([_cit(0, 10, "1/QĐ-TTg")], [_cit(2, 9, "1/QĐ-TTg")], (1, 0, 0, 1)),
    ([_cit(0, 10, "1/QĐ-TTg")], [_cit(2, 9, "2/QĐ-TTg")], (0, 1, 1, 0)),  # overlapping, other symbol
    ([_cit(0, 10, "1/QĐ-TTg", "based_on")], [_cit(0, 10, "1 /QĐ–TTg")], (1, 0, 0, 0)),  # spacing, dash; relation wrong
    ([_cit(0, 10, "3018/LĐTĐ-BHXH-BĐG", symbol_corrected="3018/LĐTBXH-BĐG")], [_cit(0, 10, "3018/LĐTBXH-BĐG")],
     (1, 0, 0, 1)),  # a prediction giving the corrected symbol matches
    ([_cit(0, 10, None, optional=True)], [_cit(0, 10)], (0, 0, 0, 0)),  # optional: neither rewarded nor penalised
    ([_cit(0, 10, None, optional=True)], [], (0, 0, 0, 0)),
    ([], [_cit(0, 10, "1/QĐ-TTg")], (0, 1, 0, 0)),
])
def test_citation_scoring(gold, pred, want):
    t = Tally()
    t.add({"citations": gold}, [{"citations": pred}], "x" * 20)
    assert (t.n["c_tp"], t.n["c_fp"], t.n["c_fn"], t.n["c_rel"]) == want


@pytest.mark.parametrize("gold, pred, want", [
    # (gold, predicted, (tp, fp, fn, role right))
    ([_resp(0, 9, "lead")], [_resp(0, 9, "lead")], (1, 0, 0, 1)),
    ([_resp(0, 9, "coordinate", role_alt="assigned")], [_resp(0, 9, "assigned")], (1, 0, 0, 1)),  # role_alt
    ([_resp(0, 9, "requested")], [_resp(0, 9, "assigned")], (1, 0, 0, 0)),
    ([_resp(0, 9, "assigned", optional=True)], [_resp(0, 9, "lead")], (0, 0, 0, 0)),
    ([_resp(0, 9, "lead")], [_resp(20, 29, "lead")], (0, 1, 1, 0)),
])
def test_responsibility_scoring(gold, pred, want):
    t = Tally()
    t.add({"responsibilities": gold}, [{"responsibilities": pred}], "x" * 40)
    assert (t.n["r_tp"], t.n["r_fp"], t.n["r_fn"], t.n["r_role"]) == want


def test_greedy_match_takes_the_largest_overlap_first():
    golds = [{"start": 0, "end": 10}, {"start": 10, "end": 20}]
    preds = [{"start": 5, "end": 18}]
    assert greedy_match(golds, preds, lambda a, b: True) == [(1, 0)]
    assert norm_symbol("356 /LĐTBXH–BĐG") == norm_symbol("356/LĐTBXH-BĐG")


def test_the_truth_scores_itself_perfectly(sample):
    t = Tally()
    for name, text, truth in sample[:40]:
        (doc,) = truth["documents"]
        t.add(doc, [doc], text, kind=truth["kind"], file=name)
    s = t.summary()
    assert s["metadata"] == 1.0
    assert s["citations"]["f1"] == 1.0 and s["citations"]["relation_acc"] == 1.0
    assert s["responsibilities"]["f1"] == 1.0 and s["deadlines"]["f1"] == 1.0 and s["targets"]["f1"] == 1.0


# --- the commands ---------------------------------------------------------------------------


@click.group()
def _cli():
    """A local group until the lead registers ``bench`` in cancu.cli."""


_cli.add_command(bench)


@pytest.fixture(scope="module")
def corpus30(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus30")
    res = CliRunner().invoke(_cli, ["bench", "generate", "30", str(folder), "--seed", "3", "-q"])
    assert res.exit_code == 0, res.output
    return folder


def test_generate_writes_documents_and_truth(corpus30):
    files = corpus_files(corpus30)
    assert len(files) == 30
    records = list(read_truth(corpus30))
    assert [r["file"] for r in records] == [f.name for f in files]
    # the same bytes as the pure generator
    for f, (name, text, truth) in zip(files, generate_corpus(30, seed=3)):
        assert f.name == name and f.read_text(encoding="utf-8") == text
    assert not [p for p in corpus30.iterdir() if p.name.endswith(".tmp")]


def test_generate_refuses_to_overwrite_without_force(corpus30, tmp_path):
    res = CliRunner().invoke(_cli, ["bench", "generate", "5", str(corpus30), "-q"])
    assert res.exit_code == 1 and "--force" in res.output
    other = tmp_path / "c"
    write_corpus(8, other, seed=1)
    info = write_corpus(3, other, seed=2, force=True)
    assert info["documents"] == 3 and len(corpus_files(other)) == 3
    assert len((other / TRUTH).read_text(encoding="utf-8").splitlines()) == 3


def test_score_command(corpus30):
    res = CliRunner().invoke(_cli, ["bench", "score", str(corpus30), "--limit", "8", "-q", "--format", "json"])
    assert res.exit_code == 0, res.output
    s = json.loads(res.output)
    assert s["documents"] == 8 and s["errors"] == 0
    assert s["citations"]["tp"] > 0 and s["responsibilities"]["tp"] > 0
    res = CliRunner().invoke(_cli, ["bench", "score", str(corpus30), "--limit", "3", "-q", "--examples"])
    assert res.exit_code == 0 and "citations P / R / F1" in res.output


def test_score_command_on_gold_files(tmp_path):
    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    gold.mkdir()
    corpus.mkdir()
    name, text, truth = next(generate_corpus(1, seed=9))
    (corpus / name).write_text(text, encoding="utf-8")
    (gold / "x.json").write_text(json.dumps({"file": name, "documents": truth["documents"]}), encoding="utf-8")
    res = CliRunner().invoke(_cli, ["bench", "score", "--gold", str(gold), "--corpus", str(corpus), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["documents"] == 1
    res = CliRunner().invoke(_cli, ["bench", "score", "--gold", str(gold)])
    assert res.exit_code == 2 and "--corpus" in res.output


def test_run_command_measures_every_figure(corpus30):
    res = CliRunner().invoke(_cli, ["bench", "run", str(corpus30), "--sizes", "10,40", "--samples", "3",
                                    "--no-isolate", "-q"])
    assert res.exit_code == 0, res.output
    out = res.output.strip().splitlines()
    assert out[0].startswith("figure") and "10 docs" in out[0]
    result = json.loads(out[-1])["cancu_bench"]
    f = result["sizes"]["10"]
    assert f["documents"] == 10 and f["loaded"] == 10 and f["failed"] == 0
    for key in ("extract_mb_s", "docs_per_s", "load_total_s", "save_s", "graph_load_s", "graph_mem_mb", "reload_s",
                "peak_rss_mb"):
        assert f[key] > 0, key
    assert f["reload_replaced"] == 1 and f["reload_unchanged"] == 9
    assert set(f["queries"]) == {"basis", "flow", "flow_heavy", "agency"}
    assert f["queries"]["basis"]["n"] == 3 and f["queries"]["basis"]["errors"] == 0
    assert f["accuracy"]["documents"] == 10
    ga = f["graph_accuracy"]
    assert ga["files"] == 10 and ga["documents_with_own_node"] <= 10 and ga["links_found"] <= ga["links_expected"]
    assert "skipped" in result["sizes"]["40"]  # larger than the corpus
    # the corpus itself was not edited by the reload step
    assert all(run_mark not in p.read_text(encoding="utf-8") for p in corpus_files(corpus30)
               for run_mark in ("Nội dung này được bổ sung",))


def test_profile_command(corpus30):
    res = CliRunner().invoke(_cli, ["bench", "profile", str(corpus30), "--size", "4", "--top", "5"])
    assert res.exit_code == 0, res.output
    assert "own time by module" in res.output and "load_paths" in res.output
    res = CliRunner().invoke(_cli, ["bench", "profile", str(corpus30), "--size", "4", "--top", "5", "--reload"])
    assert res.exit_code == 0, res.output
    # the reload goes through pipeline.update (journal) and parses the one changed file
    assert res.output.startswith("reload after one change: 4 documents")
    assert "(update)" in res.output and "pipeline.py" in res.output and "(_parse)" in res.output


def test_commands_explain_a_missing_corpus(tmp_path):
    res = CliRunner().invoke(_cli, ["bench", "run", str(tmp_path / "none")])
    assert res.exit_code == 1 and "bench generate" in res.output
    res = CliRunner().invoke(_cli, ["bench", "run", str(tmp_path), "--sizes", "x"])
    assert res.exit_code == 2
