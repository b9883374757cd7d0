"""Extraction scored against a truth in the gold schema (generated corpus or ``shared/gold``).

The matching follows the yardstick of the project (``shared/tools/score.py``),
re-implemented here so the package works without it:

* citations: a prediction matches a truth mention when their spans overlap and
  their symbols agree (either may lack one; ``symbol_corrected`` counts), greedily by
  overlap; then ``relation``, ``symbol``, ``date`` and ``doc_type`` are compared on the
  matched pairs;
* responsibilities: matched by span overlap; a pair is right *with role* when the
  predicted role is the truth's ``role`` or ``role_alt``; named agencies and generic
  groups are also counted apart, and the canonical names of matched named agencies
  are compared (fuzzy, accent- and case-free);
* optional truth entries are neither rewarded nor penalised (dropped for recall; a
  prediction overlapping one is not a false positive);
* deadlines and targets: matched by overlap, then ``due`` / ``value`` and ``year``.

``score_pairs`` takes ``(truth_document, predicted_documents, text, kind)`` tuples
and returns a :class:`Tally`; ``Tally.summary()`` gives the figures.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from graphmodel.normalize import fold as _fold
from graphmodel.normalize import nfc, unify_dashes

META_FIELDS = ("doc_type", "symbol", "date", "place", "issuer", "jurisdiction", "title", "signer")


def norm_symbol(s: str | None) -> str:
    return re.sub(r"\s+", "", unify_dashes(nfc(s or ""))).casefold()


def fold(s: str | None) -> str:
    """Accent-, case- and punctuation-free, with UBND/HĐND spelled out."""
    s = _fold(s or "")
    s = re.sub(r"\bubnd\b", "uy ban nhan dan", s)
    s = re.sub(r"\bhdnd\b", "hoi dong nhan dan", s)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s).split())


def similar(a: str | None, b: str | None, cutoff: int = 88) -> bool:
    a, b = fold(a), fold(b)
    if not a or not b:
        return a == b
    return fuzz.token_set_ratio(a, b) >= cutoff


def _span(m: dict) -> tuple[int, int]:
    return int(m["start"]), int(m["end"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _symbols(m: dict) -> set[str]:
    return {norm_symbol(m.get(k)) for k in ("symbol", "symbol_corrected", "symbol_as_written") if m.get(k)}


def _compatible(g: dict, p: dict) -> bool:
    gs, ps = _symbols(g), _symbols(p)
    return bool(gs & ps) if gs and ps else True


def greedy_match(golds: list[dict], preds: list[dict], ok: Callable[[dict, dict], bool]) -> list[tuple[int, int]]:
    """Pairs ``(gold index, prediction index)``, largest overlaps first, each used once."""
    cands = []
    for gi, g in enumerate(golds):
        gs = _span(g)
        for pi, p in enumerate(preds):
            ov = _overlap(gs, _span(p))
            if ov > 0 and ok(g, p):
                cands.append((ov, -gi, -pi, gi, pi))
    cands.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, _, _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def meta_equal(name: str, g: dict, p: dict) -> bool:
    gv, pv = g.get(name), p.get(name)
    if name == "signer":
        gv = (gv or {}).get("name") if isinstance(gv, dict) else gv
        pv = (pv or {}).get("name") if isinstance(pv, dict) else pv
    if not gv and not pv:
        return True
    if not gv or not pv:
        return False
    if name == "symbol":
        return norm_symbol(gv) in (norm_symbol(pv), norm_symbol(g.get("symbol_corrected")))
    if name == "date":
        return str(gv) == str(pv)
    if name == "issuer":
        return similar(gv, pv, 85)
    if name == "title":
        return " ".join(str(gv).split()) == " ".join(str(pv).split())
    return fold(gv) == fold(pv)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Tally:
    """Counts over many documents; ``summary()`` turns them into rates."""

    n: Counter = field(default_factory=Counter)
    meta_wrong: Counter = field(default_factory=Counter)
    by_kind: dict = field(default_factory=dict)
    confusions: Counter = field(default_factory=Counter)  # (truth role, predicted role)
    relations: Counter = field(default_factory=Counter)  # (truth relation, predicted relation) when they differ
    examples: dict = field(default_factory=dict)
    max_examples: int = 8

    def example(self, key: str, value) -> None:
        rows = self.examples.setdefault(key, [])
        if len(rows) < self.max_examples:
            rows.append(value)

    def add(self, truth: dict, preds: list[dict], text: str, *, kind: str | None = None, file: str = "") -> None:
        """Score one truth document against the predicted documents of its file."""
        n = self.n
        k = self.by_kind.setdefault(kind or "all", Counter())
        n["documents"] += 1
        k["documents"] += 1
        pred = _pick(truth, preds)
        if pred is None:
            n["missing_documents"] += 1
            pred = {}
        for name in META_FIELDS:
            n["meta_n"] += 1
            if meta_equal(name, truth, pred):
                n["meta_ok"] += 1
            else:
                self.meta_wrong[name] += 1
                self.example(f"meta:{name}", {"file": file, "truth": _meta_value(truth, name),
                                              "predicted": _meta_value(pred, name)})
        self._citations(truth, pred, k, file)
        self._responsibilities(truth, pred, k, file)
        for key, tp, fp, fn, ok, same in (
            ("deadlines", "d_tp", "d_fp", "d_fn", "d_ok", lambda g, p: g.get("due") == p.get("due")),
            ("targets", "t_tp", "t_fp", "t_fn", "t_ok",
             lambda g, p: str(g.get("value")) == str(p.get("value")) and g.get("year") == p.get("year")),
        ):
            gs = list(truth.get(key) or [])
            ps = list(pred.get(key) or [])
            pairs = greedy_match(gs, ps, lambda a, b: True)
            n[tp] += len(pairs)
            n[fn] += len(gs) - len(pairs)
            n[fp] += len(ps) - len(pairs)
            n[ok] += sum(1 for gi, pi in pairs if same(gs[gi], ps[pi]))

    def _citations(self, truth, pred, k, file):
        n = self.n
        gs = list(truth.get("citations") or [])
        ps = list(pred.get("citations") or [])
        pairs = greedy_match(gs, ps, _compatible)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        optional = [_span(g) for g in gs if g.get("optional")]
        fn = [g for gi, g in enumerate(gs) if gi not in mg and not g.get("optional")]
        fp = [p for pi, p in enumerate(ps) if pi not in mp and not any(_overlap(_span(p), o) > 0 for o in optional)]
        req = [(gs[gi], ps[pi]) for gi, pi in pairs if not gs[gi].get("optional")]
        n["c_tp"] += len(req)
        n["c_fp"] += len(fp)
        n["c_fn"] += len(fn)
        k["c_tp"] += len(req)
        k["c_fp"] += len(fp)
        k["c_fn"] += len(fn)
        for g, p in req:
            gr, pr = (g.get("relation") or "").lower(), (p.get("relation") or "cites").lower()
            if gr == pr:
                n["c_rel"] += 1
                k["c_rel"] += 1
            else:
                self.relations[(gr, pr)] += 1
                self.example("relation", {"file": file, "quote": g.get("quote"), "truth": gr, "predicted": pr,
                                          "section": g.get("section")})
            if (not g.get("symbol") and not p.get("symbol")) or (
                    g.get("symbol") and norm_symbol(p.get("symbol_corrected") or p.get("symbol")) in _symbols(g)):
                n["c_symbol"] += 1
            else:
                self.example("symbol", {"file": file, "truth": g.get("symbol_corrected") or g.get("symbol"),
                                        "predicted": p.get("symbol_corrected") or p.get("symbol")})
            if (g.get("date") or None) == (p.get("date") or None):
                n["c_date"] += 1
            else:
                self.example("date", {"file": file, "quote": g.get("quote"), "truth": g.get("date"),
                                      "predicted": p.get("date")})
            if (g.get("doc_type") or "") == (p.get("doc_type") or ""):
                n["c_type"] += 1
        for g in fn:
            self.example("citation_missed", {"file": file, "quote": g.get("quote"), "section": g.get("section")})
        for p in fp:
            self.example("citation_extra", {"file": file, "quote": p.get("quote"), "section": p.get("section")})

    def _responsibilities(self, truth, pred, k, file):
        n = self.n
        gs = list(truth.get("responsibilities") or [])
        ps = list(pred.get("responsibilities") or [])
        pairs = greedy_match(gs, ps, lambda a, b: True)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        optional = [_span(g) for g in gs if g.get("optional")]
        for gi, g in enumerate(gs):
            if gi in mg or g.get("optional"):
                continue
            part = "rg" if g.get("generic") else "rn"
            n["r_fn"] += 1
            n[f"{part}_fn"] += 1
            k["r_fn"] += 1
            self.example("responsibility_missed", {"file": file, "agency": g.get("agency"), "role": g.get("role"),
                                                   "section": g.get("section")})
        for pi, p in enumerate(ps):
            if pi in mp or any(_overlap(_span(p), o) > 0 for o in optional):
                continue
            part = "rg" if p.get("generic") else "rn"
            n["r_fp"] += 1
            n[f"{part}_fp"] += 1
            k["r_fp"] += 1
            self.example("responsibility_extra", {"file": file, "agency": p.get("agency"), "role": p.get("role"),
                                                  "section": p.get("section")})
        for gi, pi in pairs:
            g, p = gs[gi], ps[pi]
            if g.get("optional"):
                continue
            part = "rg" if g.get("generic") else "rn"
            n["r_tp"] += 1
            n[f"{part}_tp"] += 1
            k["r_tp"] += 1
            roles = {(g.get("role") or "").lower(), (g.get("role_alt") or "").lower()} - {""}
            pr = (p.get("role") or "").lower()
            if pr in roles:
                n["r_role"] += 1
                n[f"{part}_role"] += 1
                k["r_role"] += 1
            else:
                self.confusions[(g.get("role"), pr)] += 1
                self.example("role", {"file": file, "agency": g.get("agency"), "truth": g.get("role"),
                                      "predicted": pr, "section": g.get("section")})
            if not g.get("generic"):
                n["r_canon_n"] += 1
                if similar(g.get("canonical"), p.get("canonical") or p.get("agency"), 90):
                    n["r_canon_ok"] += 1
                else:
                    self.example("canonical", {"file": file, "truth": g.get("canonical"),
                                               "predicted": p.get("canonical")})

    def merge(self, other: Tally) -> None:
        self.n.update(other.n)
        self.meta_wrong.update(other.meta_wrong)
        self.confusions.update(other.confusions)
        self.relations.update(other.relations)
        for k, c in other.by_kind.items():
            self.by_kind.setdefault(k, Counter()).update(c)
        for k, rows in other.examples.items():
            for r in rows:
                self.example(k, r)

    def summary(self) -> dict:
        n = self.n
        cp, cr, cf = prf(n["c_tp"], n["c_fp"], n["c_fn"])
        rp, rr, rf = prf(n["r_tp"], n["r_fp"], n["r_fn"])
        wrong_role = n["r_tp"] - n["r_role"]
        tp_, tr_, tf_ = prf(n["r_role"], n["r_fp"] + wrong_role, n["r_fn"] + wrong_role)
        out = {
            "documents": n["documents"],
            "errors": n["errors"],
            "metadata": _rate(n["meta_ok"], n["meta_n"]),
            "metadata_wrong": dict(sorted(self.meta_wrong.items())),
            "citations": {"p": cp, "r": cr, "f1": cf, "tp": n["c_tp"], "fp": n["c_fp"], "fn": n["c_fn"],
                          "relation_acc": _rate(n["c_rel"], n["c_tp"]), "symbol_acc": _rate(n["c_symbol"], n["c_tp"]),
                          "date_acc": _rate(n["c_date"], n["c_tp"]), "type_acc": _rate(n["c_type"], n["c_tp"])},
            "responsibilities": {"span_p": rp, "span_r": rr, "span_f1": rf, "p": tp_, "r": tr_, "f1": tf_,
                                 "tp": n["r_tp"], "fp": n["r_fp"], "fn": n["r_fn"],
                                 "role_acc": _rate(n["r_role"], n["r_tp"]),
                                 "canonical_acc": _rate(n["r_canon_ok"], n["r_canon_n"])},
            "deadlines": _simple(n, "d"), "targets": _simple(n, "t"),
            "role_confusions": {f"{a}->{b}": c for (a, b), c in self.confusions.most_common()},
            "relation_confusions": {f"{a}->{b}": c for (a, b), c in self.relations.most_common()},
        }
        for part, label in (("rn", "named"), ("rg", "generic")):
            wrong = n[f"{part}_tp"] - n[f"{part}_role"]
            p_, r_, f_ = prf(n[f"{part}_role"], n[f"{part}_fp"] + wrong, n[f"{part}_fn"] + wrong)
            out["responsibilities"][label] = {"p": p_, "r": r_, "f1": f_, "tp": n[f"{part}_tp"],
                                              "fp": n[f"{part}_fp"], "fn": n[f"{part}_fn"]}
        kinds = {}
        for kind, c in sorted(self.by_kind.items()):
            kinds[kind] = {"documents": c["documents"], "citations_f1": prf(c["c_tp"], c["c_fp"], c["c_fn"])[2],
                           "relation_acc": _rate(c["c_rel"], c["c_tp"]),
                           "responsibilities_span_f1": prf(c["r_tp"], c["r_fp"], c["r_fn"])[2],
                           "role_acc": _rate(c["r_role"], c["r_tp"])}
        out["by_kind"] = kinds
        return out


def _rate(a: int, b: int) -> float | None:
    return a / b if b else None


def _simple(n: Counter, x: str) -> dict:
    p, r, f = prf(n[f"{x}_tp"], n[f"{x}_fp"], n[f"{x}_fn"])
    return {"p": p, "r": r, "f1": f, "value_acc": _rate(n[f"{x}_ok"], n[f"{x}_tp"])}


def _meta_value(doc: dict, name: str):
    v = doc.get(name)
    return v.get("name") if isinstance(v, dict) else v


def _pick(truth: dict, preds: list[dict]) -> dict | None:
    if not preds:
        return None
    if len(preds) == 1 or "span" not in truth:
        return preds[0]
    gs = tuple(truth["span"])
    best, ov = None, 0
    for p in preds:
        if isinstance(p.get("span"), (list, tuple)) and len(p["span"]) == 2:
            o = _overlap(gs, tuple(p["span"]))
            if o > ov:
                best, ov = p, o
    return best or preds[0]


# --- the graph against the truth ------------------------------------------------------

LINK_TYPES = {"based_on": "BASED_ON", "implements": "IMPLEMENTS", "attaches": "ATTACHES", "proposed_by": "PROPOSED_BY"}
DUTY_TYPES = ("LEADS", "COORDINATES", "RESPONSIBLE_FOR")


def graph_accuracy(graph, records: Iterable[dict], key_of: Callable[[str], str]) -> dict:
    """Identity at scale: what the built graph makes of the truth.

    * ``documents``: files whose document has a node of its own (two documents that get
      one id — a symbol repeated in another year or province — count once);
    * ``links``: truth citations (based_on / implements / attaches) of another document
      of the corpus that the truth identifies without doubt (same symbol; same province
      or national; same date when the mention gives one, else the only such document),
      and whether the graph has that edge between the two documents' nodes;
    * ``agencies``: named agencies of the truth (canonical names) against the Agency
      nodes their duty edges reach: a node reached from two canonical names is a false
      merge (*Sở Nội vụ* of two provinces), a canonical name reaching two nodes a split.

    ``key_of(file name)`` gives the file's key in ``graph.sources()``.
    """
    records = list(records)
    sources = graph.sources()
    node_of: dict[str, str] = {}
    for rec in records:
        info = sources.get(key_of(rec["file"]))
        if info and info.get("documents"):
            node_of[rec["file"]] = info["documents"][0]
    owners: dict[str, list[str]] = {}
    for f, nid in node_of.items():
        owners.setdefault(nid, []).append(f)
    collided = sorted(f for fs in owners.values() if len(fs) > 1 for f in fs)
    # index of the corpus's own documents
    index: dict[str, list[tuple[str, str, str]]] = {}
    for rec in records:
        d = rec["documents"][0]
        if d.get("symbol"):
            index.setdefault(norm_symbol(d["symbol"]), []).append((rec["file"], d.get("jurisdiction"), d.get("date")))
    g = graph.g
    expected = found = ambiguous = 0
    missing = []
    for rec in records:
        d = rec["documents"][0]
        src = node_of.get(rec["file"])
        for c in d.get("citations") or []:
            rel = LINK_TYPES.get(c.get("relation"))
            sym = c.get("symbol_corrected") or c.get("symbol")
            if not rel or not sym or c.get("optional"):
                continue
            cands = [x for x in index.get(norm_symbol(sym), []) if x[1] in (d.get("jurisdiction"), "national")
                     and x[0] != rec["file"]]
            if c.get("date"):
                cands = [x for x in cands if x[2] == c["date"]]
            if len(cands) != 1:
                ambiguous += bool(cands)
                continue
            target = node_of.get(cands[0][0])
            if src is None or target is None:
                continue
            expected += 1
            if src != target and g.has_edge(src, target, key=rel):
                found += 1
            elif len(missing) < 8:
                missing.append({"file": rec["file"], "quote": c.get("quote"), "relation": rel, "target": cands[0][0]})
    # agencies: duty edges' evidence back to the truth's canonical names
    canon_at: dict[tuple[str, int, int], str] = {}
    name_of_key = {key_of(rec["file"]): rec["file"] for rec in records}
    for rec in records:
        for r in rec["documents"][0].get("responsibilities") or []:
            if not r.get("generic") and not r.get("optional"):
                canon_at[(rec["file"], r["start"], r["end"])] = r["canonical"]
    nodes_of: dict[str, set] = {}
    canons_of: dict[str, set] = {}
    for a, t, k, data in g.edges(keys=True, data=True):
        if k not in DUTY_TYPES:
            continue
        for ev in data.get("evidence") or []:
            c = canon_at.get((name_of_key.get(ev.get("source"), ""), ev.get("start"), ev.get("end")))
            if c:
                nodes_of.setdefault(c, set()).add(a)
                canons_of.setdefault(a, set()).add(c)
    merges = sorted((a, sorted(cs)) for a, cs in canons_of.items() if len(cs) > 1)
    splits = sorted((c, sorted(ns)) for c, ns in nodes_of.items() if len(ns) > 1)
    return {
        "files": len(records), "documents_with_own_node": len(records) - len(collided) + len(
            {node_of[f] for f in collided}), "files_sharing_a_node": len(collided), "collisions": collided[:8],
        "links_expected": expected, "links_found": found, "links_ambiguous_skipped": ambiguous,
        "links_recall": _rate(found, expected), "links_missing": missing,
        "agency_names": len(nodes_of), "agency_nodes": len(canons_of),
        "agency_false_merges": len(merges), "agency_splits": len(splits),
        "merge_examples": [{"node": a, "names": cs[:4]} for a, cs in merges[:5]],
        "split_examples": [{"name": c, "nodes": ns[:4]} for c, ns in splits[:5]],
    }


# --- running the extractor -----------------------------------------------------------


def predict(text: str, source: str = "") -> list[dict]:
    """What cancu extracts from ``text``, as gold-schema documents."""
    from loaders.extract import extract_text, extraction_json

    return [extraction_json(ex) for ex in extract_text(text, source)]


def score_records(records: Iterable[tuple[dict, str]], *, on_progress: Callable[[int], None] | None = None,
                  extract: Callable[[str, str], list[dict]] = predict) -> Tally:
    """Score ``(truth record, text)`` pairs (a record: ``{"file", "kind"?, "documents"}``)."""
    tally = Tally()
    for i, (record, text) in enumerate(records, 1):
        try:
            preds = extract(text, record["file"])
        except Exception as err:  # one failing document must not stop the scoring
            tally.n["errors"] += 1
            tally.example("error", {"file": record["file"], "error": f"{type(err).__name__}: {err}"})
            preds = []
        for doc in record["documents"]:
            tally.add(doc, preds, text, kind=record.get("kind"), file=record["file"])
        if on_progress:
            on_progress(i)
    return tally


def generated_records(folder, *, limit: int | None = None):
    """``(truth record, text)`` of a generated corpus, in file order."""
    from .corpus import read_truth

    folder = Path(folder)
    for i, record in enumerate(read_truth(folder)):
        if limit is not None and i >= limit:
            break
        yield record, _read(folder / record["file"])


def gold_records(gold_dir, corpus_dir):
    """``(truth record, text)`` of hand-made gold files (``shared/gold/*.json`` with ``shared/corpus``)."""
    for path in sorted(Path(gold_dir).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if "documents" not in record or "file" not in record:
            continue
        yield record, _read(Path(corpus_dir) / record["file"])


def _read(path: Path) -> str:
    from loaders.read import read_file

    return read_file(path).text
