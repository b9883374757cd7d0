#!/usr/bin/env python3
"""Validate the gold citation annotations in gold/ against the texts in docs/.

Usage: python3 check_gold.py [-q] [hNNN ...]  (copy of ../../../../shared/webdocs/check_gold.py: texts and gold in this folder; Công điện, Kết luận, Dự án added to the citation types)

Exits non-zero on any error. Checks, for every gold/wNNN.json:
  * docs/wNNN.txt exists (and every text has a gold file);
  * the schema: exact key sets, allowed values, types;
  * every citation quote is an exact substring of the text (no normalisation);
  * every date is a valid ISO date (YYYY-MM-DD) or null, and a citation date
    is really written in its quote (any of the usual Vietnamese date forms);
  * every citation symbol occurs in its quote (whitespace ignored);
  * the document's own symbol, date and place occur in the text;
  * no instrument is listed twice, and the document does not cite itself.
Quotes that occur more than once in a text are reported as notes, not errors.
"""
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = HERE
GOLD = HERE

RELATIONS = {"based_on", "implements", "proposed_by", "cites"}
DOC_TYPES = {"Kế hoạch", "Quyết định", "Công văn", "Nghị quyết", "Chỉ thị", "Thông tư"}
CIT_TYPES = {
    "Hiến pháp", "Luật", "Bộ luật", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị",
    "Thông tư", "Thông tư liên tịch", "Công văn", "Kế hoạch", "Chương trình", "Chiến lược",
    "Đề án", "Tờ trình", "Báo cáo", "Quy chế", "Quy trình", "Điều lệ", "Công ước", "Công điện", "Kết luận", "Dự án", "Văn bản hợp nhất",
}
TOP_KEYS = {"source_url", "doc", "citations"}
DOC_KEYS = {"doc_type", "symbol", "date", "place", "issuer"}
CIT_KEYS = {"quote", "doc_type", "symbol", "date", "issuer", "name", "relation"}
CIT_OPT = {"nested", "symbol_corrected"}  # symbol_corrected: a conversion slip in the symbol (h043 QÐ for QĐ)
CUE_WORDS = ("Căn cứ", "Thực hiện", "Triển khai", "Để triển khai", "Theo đề nghị", "Xét đề nghị", "Xét ")
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DATE_PATTERNS = [
    # 19/6/2015, 26.11.2003, 13-9-2013, 21 - 6 - 1994, 26/11/ 2003
    re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"),
    # 29 tháng 11 năm 2006, 29tháng 11 năm 2006, 24 tháng\n02 năm 2009
    re.compile(r"(?<!\d)(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})(?!\d)", re.IGNORECASE),  # NGÀY 27 THÁNG 4 NĂM 2018 (h027)
]


def dates_in(text):
    """All calendar dates written in text, as ISO strings."""
    found = set()
    for pat in DATE_PATTERNS:
        for d, m, y in pat.findall(text):
            try:
                found.add(datetime.date(int(y), int(m), int(d)).isoformat())
            except ValueError:
                pass
    return found


def squash(s):
    return re.sub(r"\s+", "", s)


def norm_ws(s):
    return " ".join(s.split())


class Checker:
    def __init__(self, nid):
        self.nid = nid
        self.errors = []
        self.notes = []
        self.counts = collections.Counter()

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def check_iso(self, where, v):
        if v is None:
            return
        if not isinstance(v, str) or not ISO_RE.match(v):
            self.err(where, f"date {v!r} is not YYYY-MM-DD")
            return
        try:
            datetime.date.fromisoformat(v)
        except ValueError:
            self.err(where, f"date {v!r} is not a real date")

    def check_opt_str(self, where, key, v):
        if v is not None and (not isinstance(v, str) or not v.strip()):
            self.err(where, f"{key} must be null or a non-empty string")

    def run(self):
        tpath = os.path.join(DOCS, self.nid + ".txt")
        gpath = os.path.join(GOLD, self.nid + ".json")
        if not os.path.isfile(tpath):
            self.err("file", f"docs/{self.nid}.txt missing")
            return
        with open(tpath, encoding="utf-8") as fh:
            text = fh.read()
        try:
            with open(gpath, encoding="utf-8") as fh:
                g = json.load(fh)
        except Exception as ex:  # noqa: BLE001
            self.err("json", str(ex))
            return
        if not isinstance(g, dict) or set(g) != TOP_KEYS:
            self.err("top", f"keys must be exactly {sorted(TOP_KEYS)}")
            return
        if not isinstance(g["source_url"], str) or not g["source_url"].startswith("http"):
            self.err("source_url", "must be an http(s) URL")
        self.check_doc(g["doc"], text)
        self.check_citations(g["citations"], text, g["doc"])

    def check_doc(self, d, text):
        w = "doc"
        if not isinstance(d, dict) or set(d) != DOC_KEYS:
            self.err(w, f"keys must be exactly {sorted(DOC_KEYS)}")
            return
        if d["doc_type"] not in DOC_TYPES:
            self.err(w, f"unexpected doc_type {d['doc_type']!r}")
        if d["symbol"] is not None and squash(d["symbol"]) not in squash(text):
            self.err(w, f"symbol {d['symbol']!r} not in text")
        self.check_iso(w + ".date", d["date"])
        if d["date"] and d["date"] not in dates_in(text):
            self.err(w, f"date {d['date']} not written in text")
        if d["place"] is not None and norm_ws(d["place"]) not in norm_ws(text):
            self.err(w, f"place {d['place']!r} not in text")
        if not isinstance(d["issuer"], str) or not d["issuer"].strip():
            self.err(w, "issuer must be a non-empty string")

    def check_citations(self, cits, text, doc):
        if not isinstance(cits, list):  # an empty list is allowed here: h045 cites nothing
            self.err("citations", "must be a list")
            return
        seen_quotes = set()
        seen_ids = set()
        for i, c in enumerate(cits):
            w = f"citations[{i}]"
            if not isinstance(c, dict):
                self.err(w, "must be an object")
                continue
            keys = set(c)
            if not CIT_KEYS <= keys or keys - CIT_KEYS - CIT_OPT:
                self.err(w, f"keys must be {sorted(CIT_KEYS)} plus optional {sorted(CIT_OPT)}; got {sorted(keys)}")
                continue
            q = c["quote"]
            if not isinstance(q, str) or not q.strip():
                self.err(w, "quote must be a non-empty string")
                continue
            if q != q.strip():
                self.err(w, f"quote has leading/trailing whitespace: {q!r}")
            n = text.count(q)
            if n == 0:
                self.err(w, f"quote not in text: {q!r}")
            elif n > 1:
                self.notes.append(f"{w}: quote occurs {n} times: {q!r}")
            if q.startswith(CUE_WORDS):
                self.err(w, f"quote starts with a cue word: {q!r}")
            if q in seen_quotes:
                self.err(w, f"duplicate quote {q!r}")
            seen_quotes.add(q)
            if c["doc_type"] not in CIT_TYPES:
                self.err(w, f"bad doc_type {c['doc_type']!r}")
            if c["relation"] not in RELATIONS:
                self.err(w, f"bad relation {c['relation']!r}")
            if "nested" in c and c["nested"] is not True:
                self.err(w, "nested must be true when present (omit it otherwise)")
            self.check_iso(w + ".date", c["date"])
            if c["date"] and c["date"] not in dates_in(q):
                self.err(w, f"date {c['date']} not written in quote {q!r}")
            if c["symbol"] is not None:
                if not isinstance(c["symbol"], str) or not c["symbol"].strip() or re.search(r"\s", c["symbol"]):
                    self.err(w, f"bad symbol {c['symbol']!r}")
                elif squash(c["symbol"]) not in squash(q):
                    self.err(w, f"symbol {c['symbol']!r} not in quote {q!r}")
                if doc.get("symbol") and squash(c["symbol"]) == squash(doc["symbol"]):
                    self.err(w, "the document cites itself")
                ident = (c["doc_type"], c["symbol"])
                if ident in seen_ids:
                    self.err(w, f"instrument {ident} listed twice")
                seen_ids.add(ident)
            for k in ("issuer", "name"):
                self.check_opt_str(w, k, c[k])
            if c["symbol"] is None and c["name"] is None:
                self.err(w, "an instrument without a symbol needs a name")
            if c["relation"] == "proposed_by" and c["doc_type"] not in {"Tờ trình", "Công văn"}:
                self.err(w, "proposed_by is for submissions (Tờ trình, Công văn)")
            self.counts[c["relation"] + ("+nested" if c.get("nested") else "")] += 1


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    quiet = "-q" in sys.argv[1:]
    golds = sorted(f[:-5] for f in os.listdir(GOLD) if f.endswith(".json"))
    texts = sorted(f[:-4] for f in os.listdir(DOCS) if f.endswith(".txt"))
    bad = 0
    for t in texts:
        if t not in golds:
            print(f"FAIL {t}: docs/{t}.txt has no gold file")
            bad += 1
    ids = args or golds
    total = collections.Counter()
    for nid in ids:
        c = Checker(nid)
        c.run()
        total.update(c.counts)
        status = "FAIL" if c.errors else "ok  "
        summary = ", ".join(f"{k}={v}" for k, v in sorted(c.counts.items()))
        print(f"{status} {nid}  {summary}")
        for e in c.errors:
            print("     ERROR", e)
        if not quiet:
            for n in c.notes:
                print("     note ", n)
        bad += bool(c.errors)
    print("total: " + ", ".join(f"{k}={v}" for k, v in sorted(total.items())) + f" ({sum(total.values())} citations)")
    print(f"{len(ids) - bad}/{len(ids)} files pass")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
