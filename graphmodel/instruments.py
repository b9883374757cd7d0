"""Instrument identity: one node per instrument, however it is written.

Pure functions over strings and :class:`~graphmodel.models.CitationMention`
values; nothing here reads documents or imports ``loaders``.

* :func:`parse_symbol` splits ``70/2008/NĐ-CP``, ``11-NQ/TW``, ``4155QĐ/BTP`` into
  number, year, type code and issuer codes;
* :func:`official_symbol` restores the official letter case of the codes
  (``34/2014/QĐ-TTG`` → ``34/2014/QĐ-TTg``) from the data table
  ``graphmodel/data/issuer_codes.csv``;
* :func:`correct_symbol` repairs typing/OCR slips in issuer codes
  (``3018/LĐTĐ-BHXH-BĐG`` → ``3018/LĐTBXH-BĐG``) against the known codes, scored
  with rapidfuzz, and :func:`issuer_conflict` lets a stated issuer win over a
  code that contradicts it (``64/QĐ-UBND`` of *Ủy ban Dân tộc* → ``64/QĐ-UBDT``);
* :func:`instrument_id` gives stable readable ids (``instrument:11-NQ/TW``,
  ``instrument:742/QĐ-UBND@gia-lai/2016``, ``instrument:luat:binh-dang-gioi``);
* :func:`resolve_instruments` joins the mentions of many documents into nodes
  and says why (:class:`~graphmodel.models.Resolution`).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Protocol

from rapidfuzz import fuzz

from graphmodel.models import CitationMention, Merge, Resolution, Unresolved
from graphmodel.normalize import fold, modern_tone_marks, nfc, normalize_symbol, unify_dashes

DATA_DIR = Path(__file__).resolve().parent / "data"
ISSUER_CODES_CSV = DATA_DIR / "issuer_codes.csv"

#: Minimum rapidfuzz ratio (0-100) for an issuer-code correction; below
#: :data:`STRICT_CODE_SCORE` the corrected code must also form a known
#: ministry-unit pair with its neighbour.
CODE_SCORE = 84.0
STRICT_CODE_SCORE = 90.0
#: Minimum token-set ratio for joining two unnumbered names of the same type.
NAME_SCORE = 92.0


# --- the table of codes ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CodeRow:
    code: str
    kind: str  # type | issuer | unit
    name: str
    parent: str = ""
    scope: str = ""  # national | local
    source: str = ""


@dataclass(frozen=True)
class IssuerCodes:
    """The known codes of document types, issuers and their units."""

    rows: tuple[CodeRow, ...]
    _by_key: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_rows(cls, rows: Iterable[CodeRow]) -> "IssuerCodes":
        rows = tuple(rows)
        by_key: dict[str, list[CodeRow]] = {}
        for r in rows:
            by_key.setdefault(code_key(r.code), []).append(r)
        return cls(rows, by_key)

    def lookup(self, code: str) -> tuple[CodeRow, ...]:
        return tuple(self._by_key.get(code_key(code), ()))

    def official(self, code: str) -> str | None:
        found = self.lookup(code)
        return found[0].code if found else None

    def is_known(self, code: str) -> bool:
        return bool(self.lookup(_strip_term(code)))

    def kinds(self, code: str) -> set[str]:
        return {r.kind for r in self.lookup(_strip_term(code))}

    def is_type(self, code: str) -> bool:
        return "type" in self.kinds(code)

    def scope(self, code: str) -> str:
        scopes = {r.scope for r in self.lookup(_strip_term(code)) if r.kind != "type"}
        if "local" in scopes:
            return "local"
        if "national" in scopes:
            return "national"
        return ""

    def parents(self, code: str) -> set[str]:
        return {code_key(r.parent) for r in self.lookup(code) if r.parent}

    def issuer_codes(self) -> tuple[str, ...]:
        seen = []
        for r in self.rows:
            if r.kind in ("issuer", "unit") and r.code not in seen:
                seen.append(r.code)
        return tuple(seen)

    def code_for_issuer(self, issuer: str | None) -> str | None:
        """The code of the body named in ``issuer`` (longest name contained), if any."""
        if not issuer:
            return None
        memo = _memos(self)[3]
        if issuer in memo:
            return memo[issuer]
        return _remember(memo, issuer, self._code_for_issuer(issuer))

    def _code_for_issuer(self, issuer: str) -> str | None:
        f = " " + fold(issuer) + " "
        best = None
        for r in self.rows:
            if r.kind != "issuer":
                continue
            n = " " + fold(r.name) + " "
            if n in f and (best is None or len(n) > len(best[0])):
                best = (n, r.code)
        return best[1] if best else None


def code_key(code: str) -> str:
    return unify_dashes(nfc(code or "")).replace(" ", "").upper()


_TERM_RE = re.compile(r"(?<=[A-Za-zĐđ])\d+$")


def _strip_term(code: str) -> str:
    """``QH14`` → ``QH`` (legislature number), ``SYT.DS`` → ``SYT``."""
    c = _TERM_RE.sub("", code)
    return c.split(".")[0]


@lru_cache(maxsize=4)
def load_issuer_codes(path: str | None = None) -> IssuerCodes:
    """Read the table of codes (``graphmodel/data/issuer_codes.csv`` by default)."""
    p = Path(path) if path else ISSUER_CODES_CSV
    with p.open(encoding="utf-8", newline="") as fh:
        rows = [CodeRow(**{k: (v or "").strip() for k, v in row.items()}) for row in csv.DictReader(fh)]
    return IssuerCodes.from_rows(rows)


# --- symbols -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SymbolParts:
    number: str
    year: str | None
    type_code: str | None
    issuer_codes: tuple[str, ...]
    party: bool = False
    glued_type: bool = False  # ``4155QĐ/BTP``


_PARTY_RE = re.compile(r"^(\d+[A-Za-z]?)-([^/\-]+)/(.+)$")
_LETTER_RE = re.compile(r"[A-Za-zĐđ]")

#: Answers of the pure functions of a symbol below, for the last table of codes they were asked
#: with: (that table, parse_symbol's, official_symbol's, code_for_issuer's).
_memo: tuple = (None, {}, {}, {})
#: A memo is emptied when it holds this many answers.
MEMO_SIZE = 1 << 16


def _memos(codes: IssuerCodes) -> tuple:
    global _memo
    memo = _memo
    if memo[0] is not codes:
        memo = _memo = (codes, {}, {}, {})
    return memo


def _remember(memo: dict, key, value):
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value
_STATE_RE = re.compile(r"^(\d+[a-z]?(?=/|[A-ZĐ]))([A-Za-zĐđ]*)(?:/((?:19|20)\d\d))?/(.+)$")


def parse_symbol(symbol: str | None, *, codes: IssuerCodes | None = None) -> SymbolParts | None:
    """Split a symbol into its parts; ``None`` when it is not one.

    >>> parse_symbol("70/2008/NĐ-CP")
    SymbolParts(number='70', year='2008', type_code='NĐ', issuer_codes=('CP',), party=False, glued_type=False)
    >>> parse_symbol("11-NQ/TW").party
    True
    >>> parse_symbol("356/LĐTBXH-BĐG").type_code is None
    True
    """
    if not symbol:
        return None
    codes = codes or load_issuer_codes()
    memo = _memos(codes)[1]
    if symbol in memo:
        return memo[symbol]
    return _remember(memo, symbol, _parse_symbol(symbol, codes))


def _parse_symbol(symbol: str, codes: IssuerCodes) -> SymbolParts | None:
    s = normalize_symbol(symbol)
    if not s:
        return None
    m = _PARTY_RE.match(s)
    if m:
        return SymbolParts(m[1], None, m[2], tuple(x for x in m[3].split("-") if x), party=True)
    m = _STATE_RE.match(s)
    if not m:
        return None
    number, glued, year, rest = m.groups()
    segs = tuple(x for x in rest.split("-") if x)
    if not segs or not all(_LETTER_RE.match(x) for x in segs) or "/" in rest:
        return None
    if glued:
        return SymbolParts(number, year, glued, segs, glued_type=True)
    if len(segs) > 1 and codes.is_type(segs[0]):
        return SymbolParts(number, year, segs[0], segs[1:])
    if len(segs) == 1 and codes.kinds(segs[0]) == {"type"}:
        return SymbolParts(number, year, segs[0], ())
    return SymbolParts(number, year, None, segs)


def _case_code(code: str, codes: IssuerCodes) -> str:
    off = codes.official(code)
    if off:
        return off
    base = _strip_term(code)
    off = codes.official(base)
    if off and base != code:
        return off + code[len(base):].upper()
    return code


def join_symbol(p: SymbolParts) -> str:
    if p.party:
        return f"{p.number}-{p.type_code}/" + "-".join(p.issuer_codes)
    head = p.number + (p.type_code if p.glued_type and p.type_code else "")
    if p.year:
        head += "/" + p.year
    tail = list(p.issuer_codes)
    if p.type_code and not p.glued_type:
        tail = [p.type_code] + tail
    return head + "/" + "-".join(tail)


def official_symbol(symbol: str | None, *, codes: IssuerCodes | None = None) -> str | None:
    """Spacing and dashes normalised, and the official letter case of known codes.

    >>> official_symbol("34/2014/QĐ-TTG")
    '34/2014/QĐ-TTg'
    >>> official_symbol("11- NQ/TW")
    '11-NQ/TW'
    >>> official_symbol("473/TTr -\\nNN&PTNT")
    '473/TTr-NN&PTNT'
    """
    if not symbol:
        return None
    codes = codes or load_issuer_codes()
    memo = _memos(codes)[2]
    if symbol in memo:
        return memo[symbol]
    return _remember(memo, symbol, _official_symbol(symbol, codes))


def _official_symbol(symbol: str, codes: IssuerCodes) -> str | None:
    s = normalize_symbol(symbol)
    if not s:
        return None
    p = parse_symbol(s, codes=codes)
    if p is None:
        return s
    p = replace(p, type_code=_case_code(p.type_code, codes) if p.type_code else None,
                issuer_codes=tuple(_case_code(c, codes) for c in p.issuer_codes))
    return join_symbol(p)


@dataclass(frozen=True, slots=True)
class Correction:
    """The outcome of checking a symbol's codes: the corrected symbol or ``None``."""

    written: str
    corrected: str | None
    score: float = 100.0
    rule: str = ""


def _codes_ok(segs: tuple[str, ...], codes: IssuerCodes) -> bool:
    return all(codes.is_known(s) for s in segs)


def correct_symbol(symbol: str | None, *, codes: IssuerCodes | None = None,
                   threshold: float = CODE_SCORE) -> Correction | None:
    """Repair a typing/OCR slip in the issuer codes of a symbol, if it is an obvious one.

    Unknown code segments (length ≥ 4, alone or merged with a neighbour) are
    compared with the known issuer codes; a candidate is taken when its
    rapidfuzz ratio reaches ``threshold`` and, below ``STRICT_CODE_SCORE``, when
    the result is a known ministry-unit pair. Known codes are never changed.

    >>> correct_symbol("3018/LĐTĐ-BHXH-BĐG").corrected
    '3018/LĐTBXH-BĐG'
    >>> correct_symbol("481/LĐTBOXH-BĐG").corrected
    '481/LĐTBXH-BĐG'
    >>> correct_symbol("1499/LĐTBXH-TE").corrected is None
    True
    """
    written = normalize_symbol(symbol)
    if not written:
        return None
    codes = codes or load_issuer_codes()
    p = parse_symbol(written, codes=codes)
    if p is None:
        return Correction(written, None, 0.0, "not a symbol")
    segs = tuple(p.issuer_codes)
    if _codes_ok(segs, codes):
        return Correction(written, None, 100.0, "known codes")
    known = [c for c in codes.issuer_codes()]
    best = None  # (score, i, j, code)
    for i in range(len(segs)):
        for j in range(i + 1, min(len(segs), i + 3) + 1):
            window = segs[i:j]
            if all(codes.is_known(s) for s in window):
                continue
            joined = "".join(window)
            if len(joined) < 4:
                continue
            for c in known:
                sc = fuzz.ratio(code_key(joined), code_key(c))
                if best is None or sc > best[0] or (sc == best[0] and (j - i) < (best[2] - best[1])):
                    best = (sc, i, j, c)
    if best is None or best[0] < threshold:
        return Correction(written, None, best[0] if best else 0.0, "no close code")
    sc, i, j, c = best
    new_segs = segs[:i] + (c,) + segs[j:]
    if not _codes_ok(new_segs, codes):
        return Correction(written, None, sc, "correction leaves unknown codes")
    pair_ok = any(code_key(c) in codes.parents(s) for s in new_segs[i + 1:]) or \
        any(code_key(s) in codes.parents(c) for s in new_segs[:i])
    if sc < STRICT_CODE_SCORE and not pair_ok:
        return Correction(written, None, sc, "close code but no known pair")
    fixed = join_symbol(replace(p, issuer_codes=new_segs))
    return Correction(written, official_symbol(fixed, codes=codes), round(sc, 1),
                      f"issuer code {'-'.join(segs[i:j])} → {c} (ratio {sc:.0f})")


def issuer_conflict(symbol: str | None, issuer: str | None, *,
                    codes: IssuerCodes | None = None) -> Correction | None:
    """When the stated issuer contradicts the code, the issuer wins.

    >>> issuer_conflict("64/QĐ-UBND", "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc").corrected
    '64/QĐ-UBDT'
    >>> issuer_conflict("742/QĐ-UBND", "Ủy ban nhân dân tỉnh Gia Lai") is None
    True
    """
    codes = codes or load_issuer_codes()
    p = parse_symbol(symbol, codes=codes)
    if p is None or not p.issuer_codes:
        return None
    stated = codes.code_for_issuer(issuer)
    if not stated or codes.scope(stated) != "national":
        return None
    keys = {code_key(_strip_term(s)) for s in p.issuer_codes}
    if code_key(stated) in keys:
        return None
    first = p.issuer_codes[0]
    if "issuer" not in codes.kinds(first):
        return None
    if any(code_key(stated) in codes.parents(s) for s in p.issuer_codes):
        return None
    fixed = join_symbol(replace(p, issuer_codes=(stated,) + tuple(p.issuer_codes[1:])))
    written = normalize_symbol(symbol)
    return Correction(written, official_symbol(fixed, codes=codes), 100.0,
                      f"symbol/issuer conflict: code {first} but the text names {issuer}; "
                      f"the stated issuer is taken, code {stated}")


# --- ids ------------------------------------------------------------------------

def slug(text: str | None) -> str:
    """``Gia Lai`` → ``gia-lai``."""
    return "-".join(fold(text or "").split())


def is_local_symbol(symbol: str | None, *, codes: IssuerCodes | None = None) -> bool:
    """Local symbols (``…/QĐ-UBND``, ``…-KH/TU``, ``…/TTr-S…``) repeat across provinces."""
    codes = codes or load_issuer_codes()
    p = parse_symbol(symbol, codes=codes)
    if p is None:
        return True
    if not p.issuer_codes:
        return True
    first = p.issuer_codes[0]
    sc = codes.scope(first)
    if sc == "national":
        return False
    return True  # local or unknown: scope it rather than risk a false merge


#: Qualifiers dropped from a name before it is used as a key.
_NAME_QUALIFIERS = (
    r"\btren dia ban (?:toan )?(?:tinh|thanh pho|huyen)(?: [a-z]+){0,3}$",
    r"\bcua (?:tinh|thanh pho|huyen|dia phuong)$",
    r"\btai (?:tinh|dia phuong)$",
)
_NAME_QUALIFIER_RES = tuple(re.compile(rx) for rx in _NAME_QUALIFIERS)
_NAME_DATE_RE = re.compile(r"\b(?:ban hanh )?ngay(?: ngay)? \d{1,2}(?: thang)? \d{1,2}(?: nam)? (?:19|20)\d\d\b")


@lru_cache(maxsize=256)
def _place_re(folded_place: str) -> re.Pattern:
    return re.compile(r"\b(?:tinh|thanh pho) " + re.escape(folded_place) + r"\b")


_PERIOD_RE = re.compile(r"\b((?:19|20)\d\d)\b(?:\s*-\s*|\s+(?:den|toi)\s+(?:nam\s+)?)((?:19|20)\d\d)\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def name_key(name: str | None, *, doc_type: str | None = None, jurisdiction: str | None = None) -> str:
    """A folded name without the type word, quotes and place qualifiers."""
    return _name_key(name, doc_type, jurisdiction)


@lru_cache(maxsize=1 << 14)
def _name_key(name: str | None, doc_type: str | None, jurisdiction: str | None) -> str:
    """:func:`name_key`, kept for names met again (the same laws and plans are cited by many files)."""
    f = fold(unify_dashes(modern_tone_marks(nfc(name or ""))))
    f = _NAME_DATE_RE.sub(" ", f)
    if doc_type:
        t = fold(doc_type)
        if f.startswith(t + " "):
            f = f[len(t) + 1:]
        elif f == t:
            f = ""
    if jurisdiction and jurisdiction != "national":
        j = fold(jurisdiction)
        f = _place_re(j).sub(" ", f)
    for rx in _NAME_QUALIFIER_RES:
        f = rx.sub(" ", f.strip())
    return " ".join(f.split())


def name_period(key: str) -> tuple[int, int] | None:
    """The years a name covers (``giai đoạn 2016-2020`` → (2016, 2020), ``năm 2019`` → (2019, 2019))."""
    m = None
    for m in _PERIOD_RE.finditer(key):
        pass
    if m:
        return int(m[1]), int(m[2])
    ys = _YEAR_RE.findall(key)
    if ys:
        y = int(ys[-1])
        return y, y
    return None


_PERIOD_WORDS_RE = re.compile(
    r"\b(?:giai doan|nhiem ky|den nam|nam|tam nhin den nam|dinh huong den nam|va tam nhin den nam)\b"
    r"(?:\s+(?:19|20)\d\d)+\b")
_ROMAN_PHASE_RE = re.compile(r"\b(?:giai doan [ivx]+)\b")


def name_base(key: str) -> str:
    """A name key without its period (``… giai đoạn 2016 2020`` → ``…``)."""
    k = _PERIOD_WORDS_RE.sub(" ", key)
    k = _PERIOD_RE.sub(" ", k)
    k = _ROMAN_PHASE_RE.sub(" ", k)
    return " ".join(k.split())


#: Unnumbered types that belong to one province (their ids are scoped).
LOCAL_NAMED_TYPES = frozenset({"Kế hoạch", "Quy chế", "Quy trình", "Báo cáo", "Tờ trình", "Công văn"})


_PROVINCE_WORD_RE = re.compile(r"\b(?:tinh|thanh pho)\b")


def instrument_id(doc_type: str | None, symbol: str | None = None, *, name: str | None = None,
                  issuer: str | None = None, jurisdiction: str | None = None, date: str | None = None,
                  codes: IssuerCodes | None = None) -> str:
    """A stable, readable id.

    >>> instrument_id("Nghị quyết", "11- NQ/TW")
    'instrument:11-NQ/TW'
    >>> instrument_id("Quyết định", "742/QĐ-UBND", jurisdiction="Gia Lai", date="2016-10-07")
    'instrument:742/QĐ-UBND@gia-lai/2016'
    >>> instrument_id("Luật", name="Luật Bình đẳng giới")
    'instrument:luat:binh-dang-gioi'
    """
    codes = codes or load_issuer_codes()
    sym = official_symbol(symbol, codes=codes) if symbol else None
    if sym:
        if not is_local_symbol(sym, codes=codes):
            return f"instrument:{sym}"
        p = parse_symbol(sym, codes=codes)
        year = (p.year if p and p.year else None) or (date[:4] if date and date[:4].isdigit() else None)
        scope = slug(jurisdiction) if jurisdiction and jurisdiction != "national" else (slug(issuer) or "unknown")
        return f"instrument:{sym}@{scope}" + (f"/{year}" if year else "")
    key = name_key(name, doc_type=doc_type, jurisdiction=jurisdiction)
    base = f"instrument:{slug(doc_type) or 'van-ban'}:{'-'.join(key.split()) or 'unnamed'}"
    local = doc_type in LOCAL_NAMED_TYPES or bool(_PROVINCE_WORD_RE.search(fold(name or "")))
    if local and jurisdiction and jurisdiction != "national":
        base += f"@{slug(jurisdiction)}"
    return base


# --- resolution -----------------------------------------------------------------

class KnownLookup(Protocol):  # pragma: no cover - a structural type
    def find_names(self, text: str): ...


@dataclass(frozen=True, slots=True)
class MentionContext:
    """Where a mention was read: its file, the document's jurisdiction and date."""

    source: str
    jurisdiction: str | None = None
    doc_date: str | None = None


#: Types that name the same kind of thing (a name-only mention may join either).
_TYPE_FAMILY = {"Bộ luật": "Luật", "Luật": "Luật", "Chương trình hành động": "Chương trình",
                "Thông tư liên tịch": "Thông tư", "Thông báo kết luận": "Thông báo"}


def _family(t: str | None) -> str:
    return _TYPE_FAMILY.get(t or "", t or "")


def _mention_key(m: CitationMention, ctx: MentionContext) -> tuple:
    return (ctx.source, m.start, m.end)


_TRAILING_DATE_RE = re.compile(
    r"[\s,]*(?:(?:được\s+)?(?:ban\s*hành|thông\s*qua)\s+)?(?:số\s*\S+\s*)?(?:ngày\s*)+[\d\s/.\-thángnăm]+$",
    re.IGNORECASE)


def _known_id(m: CitationMention, known, codes: IssuerCodes, as_of: str | None = None) -> tuple[str | None, str]:
    """The id a known-instruments table gives a name-only mention, with the matched name."""
    if not known or not m.name and not m.quote:
        return None, ""
    text = m.quote if m.quote and len(m.quote) >= len(m.name or "") else (m.name or m.quote)
    try:
        hits = list(known.find_names(text, as_of=as_of) if as_of else known.find_names(text))
    except Exception:  # a table that cannot answer is no match
        return None, ""
    best = None
    for h in hits:
        if isinstance(h, tuple):
            hs, he, inst = h
        else:
            inst = getattr(h, "instrument", h)
            hs, he = getattr(h, "start", 0), getattr(h, "end", len(text))
        core = _TRAILING_DATE_RE.sub("", text)
        cover = (he - hs) / max(1, len(core))
        if hs > 2:
            continue
        if best is None or cover > best[0]:
            best = (cover, inst)
    if best is None or best[0] < 0.5:
        return None, ""
    inst = best[1]
    itype = getattr(inst, "doc_type", None)
    isym = getattr(inst, "symbol", None)
    iname = getattr(inst, "name", None) or getattr(inst, "full_name", None) or text
    if _family(itype) != _family(m.doc_type):
        return None, ""
    if isym:
        p = parse_symbol(isym, codes=codes)
        # a law's own number (…/QH11) names the law itself; a decision's number names the decision
        if p and (p.type_code is None or codes.lookup(p.type_code) and
                  any(fold(r.name) == fold(_family(itype)) for r in codes.lookup(p.type_code))) or \
                (p and p.issuer_codes and _strip_term(p.issuer_codes[0]).upper() == "QH" and _family(itype) == "Luật"):
            return instrument_id(itype, isym, codes=codes), iname
    return instrument_id(itype, None, name=iname, codes=codes), iname


class _DSU:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, i):
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


#: An amending instrument's name (folded): it never joins the instrument it amends.
_AMENDING_RE = re.compile(r"\bsua doi\b|\bbo sung mot so\b")


def _year_of(m: CitationMention, key: str) -> int | None:
    """The year a mention is dated by: its written date, else a single year in its name."""
    if m.date:
        return int(m.date[:4])
    p = name_period(key)
    return p[0] if p and p[0] == p[1] else None


def _years_conflict(ma: CitationMention, ka: str, mb: CitationMention, kb: str) -> bool:
    """Two unnumbered mentions dated in different years (``Luật sửa đổi … ngày 14/6/2005`` and
    ``… ngày 16/11/2013``) are two instruments, whatever their names."""
    ya, yb = _year_of(ma, ka), _year_of(mb, kb)
    return ya is not None and yb is not None and ya != yb and not _spans_years(ka) and not _spans_years(kb)


_NATIONAL_NAME_RE = re.compile(r"\b(?:quoc gia|toan quoc)\b")
_LOCAL_NAME_RE = re.compile(r"\b(?:tinh|thanh pho|huyen|quan|thi xa)\b")


def _scope_conflict(ma: CitationMention, mb: CitationMention) -> bool:
    """A national instrument (``… Quốc gia …``) is not a province's (``… tỉnh Hải Dương …``)."""
    fa, fb = fold(ma.name or ma.quote), fold(mb.name or mb.quote)
    na, nb = bool(_NATIONAL_NAME_RE.search(fa)), bool(_NATIONAL_NAME_RE.search(fb))
    la, lb = bool(_LOCAL_NAME_RE.search(fa)), bool(_LOCAL_NAME_RE.search(fb))
    return (na and not la and lb and not nb) or (nb and not lb and la and not na)


def _components_conflict(dsu, pool: list[int], rows, keys: list[str], a: int, b: int) -> bool:
    """Joining ``a``'s and ``b``'s groups would put two years in one instrument (through an undated
    mention that matches both)."""
    ra, rb = dsu.find(a), dsu.find(b)
    ya = {y for i in pool if dsu.find(i) == ra and (y := _year_of(rows[i][0], keys[i])) is not None
          and not _spans_years(keys[i])}
    yb = {y for i in pool if dsu.find(i) == rb and (y := _year_of(rows[i][0], keys[i])) is not None
          and not _spans_years(keys[i])}
    return bool(ya and yb and not (ya & yb))


def _spans_years(key: str) -> bool:
    p = name_period(key)
    return bool(p and p[0] != p[1])


def _names_match(a: str, b: str) -> tuple[bool, float, str]:
    """Two name keys of one type: equal, one a prefix of the other, or one period inside the other."""
    if not a or not b:
        return False, 0.0, ""
    if bool(_AMENDING_RE.search(a)) != bool(_AMENDING_RE.search(b)):
        return False, 0.0, ""  # "Luật sửa đổi, bổ sung … của Luật X" is not Luật X
    if a == b:
        return True, 100.0, "same name"
    pa, pb = name_period(a), name_period(b)
    ba, bb = name_base(a), name_base(b)
    if pa and pb and not (pa[0] <= pb[0] and pb[1] <= pa[1] or pb[0] <= pa[0] and pa[1] <= pb[1]):
        return False, 0.0, ""
    if ba and ba.replace(" ", "") == bb.replace(" ", "") and len(ba.replace(" ", "")) >= 8:
        # words run together or split in conversion ("Luật Phổbiến, giáodục pháp luật")
        return True, 98.0, "same name, words run together or split"
    short, long_ = sorted((ba, bb), key=len)
    if len(short.split()) >= 3 and (long_.startswith(short + " ") or long_ == short):
        if (pa is None) != (pb is None) or (pa and pb):
            return True, 95.0, "same name, one period inside the other" if pa and pb else "name prefix"
        return True, 95.0, "name prefix"
    sc = fuzz.token_set_ratio(ba, bb)
    if sc >= NAME_SCORE and len(short.split()) >= 2:
        return True, float(sc), "token-set ratio"
    return False, float(sc), ""


def resolve_instruments(items: Iterable[tuple[CitationMention, MentionContext]], *, known=None,
                        threshold: float = NAME_SCORE, codes: IssuerCodes | None = None) -> Resolution:
    """Give every mention the id of its instrument node.

    ``items`` are ``(mention, context)`` pairs. Numbered mentions take the id of
    their (corrected) symbol, scoped by province and year when the symbol is
    local. Unnumbered mentions join, in this order: a known-instruments table
    entry; in the same file, a numbered mention of the same type whose own name
    matches; a mention ``<Type> <number>`` joins the instrument of that type
    issued by the decision with that number; other unnumbered mentions of the
    same type with an equal name, a prefix name or a name whose period contains
    the other's. The result does not depend on the order of ``items``.
    """
    codes = codes or load_issuer_codes()
    rows = sorted(((m, c) for m, c in items), key=lambda mc: (_mention_key(*mc), mc[0].quote))
    n = len(rows)
    dsu = _DSU(n)
    base: list[str | None] = [None] * n
    prio: list[int] = [9] * n
    merges: list[Merge] = []
    unresolved: list[Unresolved] = []
    keys = [name_key(m.name or m.quote, doc_type=m.doc_type, jurisdiction=c.jurisdiction) for m, c in rows]

    for i, (m, c) in enumerate(rows):
        sym = m.symbol_corrected or m.symbol
        if sym and parse_symbol(sym, codes=codes):
            base[i] = instrument_id(m.doc_type, sym, issuer=m.issuer, jurisdiction=c.jurisdiction,
                                    date=m.date, codes=codes)
            prio[i] = 0
            continue
        kid, kname = _known_id(m, known, codes, c.doc_date)
        if kid:
            base[i] = kid
            prio[i] = 1
            continue

    by_source: dict[str, list[int]] = {}
    for i, (m, c) in enumerate(rows):
        by_source.setdefault(c.source, []).append(i)

    for src, idx in by_source.items():
        numbered = [i for i in idx if prio[i] == 0]
        # a local symbol cited once with its date and once without is one instrument in one file
        by_sym: dict[str, list[int]] = {}
        for i in numbered:
            by_sym.setdefault(base[i].split("@")[0], []).append(i)
        for sym_id, members in by_sym.items():
            dated = sorted({base[i] for i in members if "@" in base[i] and "/" in base[i].split("@")[1]})
            if len(dated) == 1:
                for i in members:
                    if base[i] != dated[0] and "/" not in base[i].split("@")[-1]:
                        merges.append(Merge(rows[i][0].quote, dated[0], base[i], dated[0], 100.0,
                                            "same local symbol in one file; the year comes from its dated mention"))
                        base[i] = dated[0]
        for i in idx:
            m, c = rows[i]
            if prio[i] == 0:
                continue
            # "<Type> <number>": the instrument of that type issued by decision <number>
            if m.number and not m.symbol:
                for j in idx:
                    mj = rows[j][0]
                    pin = mj.promulgated_in
                    pp = parse_symbol(pin, codes=codes) if pin else None
                    if j != i and _family(mj.doc_type) == _family(m.doc_type) and pp and pp.number == m.number:
                        dsu.union(i, j)
                        merges.append(Merge(m.quote, mj.quote, m.number, pin or "", 100.0,
                                            f"{m.doc_type} {m.number} is the one issued by {pin}"))
                        break
                    pj = parse_symbol(mj.symbol, codes=codes) if mj.symbol else None
                    if j != i and _family(mj.doc_type) == _family(m.doc_type) and pj and pj.number == m.number:
                        dsu.union(i, j)
                        merges.append(Merge(m.quote, mj.quote, m.number, mj.symbol, 100.0, "same number"))
                        break
                continue
            # a numbered instrument of the same type with the same own name
            for j in numbered:
                mj = rows[j][0]
                if _family(mj.doc_type) != _family(m.doc_type) or not mj.name:
                    continue
                kj = name_key(mj.name, doc_type=mj.doc_type, jurisdiction=c.jurisdiction)
                ok, sc, rule = _names_match(keys[i], kj)
                if ok:
                    dsu.union(i, j)
                    merges.append(Merge(m.quote, mj.quote, keys[i], kj, sc, "numbered " + rule))
                    break
        # unnumbered ↔ unnumbered of one type in the same file
        free = [i for i in idx if prio[i] != 0 and not (rows[i][0].number and not rows[i][0].symbol)]
        for a_pos, a in enumerate(free):
            for b in free[a_pos + 1:]:
                ma, mb = rows[a][0], rows[b][0]
                if _family(ma.doc_type) != _family(mb.doc_type):
                    continue
                if base[a] and base[b] and base[a] != base[b]:
                    continue
                if _years_conflict(ma, keys[a], mb, keys[b]) or _scope_conflict(ma, mb):
                    continue
                ok, sc, rule = _names_match(keys[a], keys[b])
                if ok and sc >= min(threshold, 100.0) or (ok and rule != "token-set ratio"):
                    if dsu.find(a) != dsu.find(b) and not _components_conflict(dsu, free, rows, keys, a, b):
                        dsu.union(a, b)
                        merges.append(Merge(ma.quote, mb.quote, keys[a], keys[b], sc, rule))

    # one id per component: the best base id of its members
    comp: dict[int, list[int]] = {}
    for i in range(n):
        comp.setdefault(dsu.find(i), []).append(i)
    ids: dict[tuple, str] = {}
    for root, members in comp.items():
        cands = sorted({(prio[i], base[i]) for i in members if base[i]})
        if cands:
            cid = cands[0][1]
        else:
            best = sorted(members, key=lambda i: (-len(keys[i]), keys[i]))[0]
            m, c = rows[best]
            cid = instrument_id(m.doc_type, None, name=m.name or m.quote, jurisdiction=c.jurisdiction, codes=codes)
            years = {y for i in members if (y := _year_of(rows[i][0], keys[i])) is not None}
            if _AMENDING_RE.search(keys[best]) and len(years) == 1 and str(next(iter(years))) not in cid:
                # amending acts share their name; the year tells them apart (Luật sửa đổi … 2005 / 2013)
                cid = f"{cid}/{next(iter(years))}"
            for i in members:
                mi, ci = rows[i]
                if mi.number and not mi.symbol:
                    unresolved.append(Unresolved(mi.quote, ci.source, mi.start, mi.end,
                                                 f"no instrument issued by number {mi.number} in this file"))
        for i in members:
            ids[_mention_key(*rows[i])] = cid
    # national symbols without a year repeat across years: split them by the years written
    by_id: dict[str, list[int]] = {}
    for i in range(n):
        by_id.setdefault(ids[_mention_key(*rows[i])], []).append(i)
    for cid, members in by_id.items():
        if "@" in cid or not cid.startswith("instrument:") or ":" in cid[len("instrument:"):]:
            continue
        p = parse_symbol(cid[len("instrument:"):], codes=codes)
        if p is None or p.year:
            continue
        years = {rows[i][0].date[:4] for i in members if rows[i][0].date and prio[i] == 0}
        if len(years) <= 1:
            continue
        for i in members:
            m, c = rows[i]
            y = m.date[:4] if m.date else None
            if y:
                ids[_mention_key(m, c)] = f"{cid}/{y}"
            else:
                unresolved.append(Unresolved(m.quote, c.source, m.start, m.end,
                                             f"{cid} is cited with several years ({', '.join(sorted(years))}) "
                                             "and this mention gives none"))
    return Resolution(ids=ids, merges=tuple(merges), unresolved=tuple(unresolved))
