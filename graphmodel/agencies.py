"""Agency names: one normaliser, the standard names, and explainable resolution.

Vietnamese documents name the same body in many ways: *Sở Lao động – Thương binh
và Xã hội*, *Sở Lao động-Thương binh và Xã hội*, *Sở Lao động, Thương binh và Xã
hội*, *Sở LĐTBXH*. This module turns such spellings into one node per body and
jurisdiction, and says why for every join:

* ``normalize_agency_name`` — NFC, new-style tone marks, one dash, collapsed spaces,
  abbreviations expanded from ``data/abbreviations.csv``, parentheticals dropped;
* ``agency_key`` — the comparison key (accent-, case- and punctuation-free, the kind
  word from ``data/agency_types.csv`` in place of its variants, function words and the
  local qualifier *tỉnh* dropped);
* ``canonical_agency`` — the full standard name with the jurisdiction
  (``Sở Lao động - Thương binh và Xã hội tỉnh Gia Lai``), using ``data/agency_names.csv``;
* ``resolve_agencies`` — block by jurisdiction, kind and group-ness, join equal keys,
  then fuzzy scores (rapidfuzz) inside blocks with union-find, under vetoes for
  look-alikes (different kind of body, different standard name, different
  *distinctive head word*: the first word after the kind word, so *Sở Nội vụ* never
  joins *Sở Ngoại vụ*), and last a user alias file that forces merges or splits.

Every table is data with a ``source`` column; nothing here imports from loaders.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from networkx.utils import UnionFind
from rapidfuzz import fuzz

from graphmodel.errors import AliasFileError
from graphmodel.models import Merge, Resolution, Unresolved
from graphmodel.normalize import fold, nfc, normalize_text

DATA_DIR = Path(__file__).parent / "data"
NATIONAL = "national"


# --- data tables -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Abbreviation:
    abbreviation: str
    expansion: str
    source: str


@dataclass(frozen=True, slots=True)
class AgencyType:
    """A kind word (``Sở``, ``Ban``, ``Ủy ban nhân dân`` ...) or a marker found inside a name.

    ``command`` lists the issuers that have bodies of this kind under their command
    (``ubnd_tinh``, ``ubnd_huyen``, ``so``, ``bo``, ``chinh_phu``; empty = none of them);
    ``acts_as`` is the issuer kind such a body is when it issues a document (``parent``
    for an office that speaks for its parent body).
    """

    pattern: str
    match: str  # prefix | contains
    type: str
    level: str  # national | province | district | unit | local
    command: tuple[str, ...]
    acts_as: str
    source: str

    @property
    def key(self) -> str:
        return fold(self.pattern)


@dataclass(frozen=True, slots=True)
class StandardName:
    name: str
    level: str  # province | national
    source: str


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=None)
def load_abbreviations(path: str | None = None) -> tuple[Abbreviation, ...]:
    rows = _read_csv(Path(path) if path else DATA_DIR / "abbreviations.csv")
    return tuple(Abbreviation(r["abbreviation"].strip(), r["expansion"].strip(), r["source"].strip()) for r in rows)


@lru_cache(maxsize=None)
def load_agency_types(path: str | None = None) -> tuple[AgencyType, ...]:
    rows = _read_csv(Path(path) if path else DATA_DIR / "agency_types.csv")
    out = []
    for r in rows:
        command = tuple(c for c in (r["command"] or "").split() if c != "none")
        out.append(AgencyType(r["pattern"].strip(), r["match"].strip(), r["type"].strip(), r["level"].strip(),
                              command, (r["acts_as"] or "").strip(), r["source"].strip()))
    return tuple(out)


@lru_cache(maxsize=None)
def load_standard_names(path: str | None = None) -> tuple[StandardName, ...]:
    rows = _read_csv(Path(path) if path else DATA_DIR / "agency_names.csv")
    return tuple(StandardName(normalize_text(r["name"]), r["level"].strip(), r["source"].strip()) for r in rows)


@lru_cache(maxsize=None)
def load_jurisdictions(path: str | None = None) -> dict[str, str]:
    """The provinces and centrally-run cities (folded name) → their kind word (*tỉnh*, *thành phố*)."""
    rows = _read_csv(Path(path) if path else DATA_DIR / "jurisdictions.csv")
    return {fold(r["name"]): r["kind"].strip() for r in rows}


@lru_cache(maxsize=None)
def _province_names() -> dict[str, str]:
    """Folded name → the table's spelling, for the 63 rows of ``jurisdictions.csv``."""
    return {fold(r["name"]): normalize_text(r["name"]) for r in _read_csv(DATA_DIR / "jurisdictions.csv")}


#: the words that put a province's name after them (folded): *tỉnh*, *thành phố*, *TP.*
_PROVINCE_KIND = r"(?:tinh|thanh pho|tp)"


@lru_cache(maxsize=None)
def _province_re() -> re.Pattern:
    alts = "|".join(re.escape(k) for k in sorted(_province_names(), key=len, reverse=True))
    return re.compile(rf"(?:^| ){_PROVINCE_KIND} (?P<p>{alts})(?= |$)")


@lru_cache(maxsize=65536)
def province_after_kind(text: str) -> str | None:
    """The first province or centrally-run city of ``jurisdictions.csv`` written after its kind
    word (*tỉnh*, *thành phố*, *TP.*) in ``text``, in the table's spelling; any case, tone-mark
    style or dash (the names are compared folded), so a dash inside a name is kept.

    >>> province_after_kind("UBND TỈNH BÀ RỊA – VŨNG TÀU")
    'Bà Rịa - Vũng Tàu'
    >>> province_after_kind("Sở Tư pháp Thành phố Hồ Chí Minh"), province_after_kind("tỉnh Tây Nguyên")
    ('Hồ Chí Minh', None)
    """
    m = _province_re().search(fold(text or ""))
    return _province_names()[m.group("p")] if m else None


@lru_cache(maxsize=65536)
def province_of_place(place: str | None) -> str | None:
    """The province or centrally-run city a whole place phrase names (``Thành phố Hồ Chí Minh``,
    ``TP. Hồ Chí Minh``, ``Bà Rịa-Vũng Tàu``, ``tỉnh Khánh Hoà``), in the table's spelling;
    ``None`` for other places (a district, a town: ``Tam Kỳ``).

    >>> province_of_place("Thành phố Hồ Chí Minh"), province_of_place("Tam Kỳ")
    ('Hồ Chí Minh', None)
    """
    key = re.sub(rf"^{_PROVINCE_KIND} ", "", fold(place or ""))
    return _province_names().get(key)


def canonical_jurisdiction(jurisdiction: str | None) -> str | None:
    """A province written as a place phrase or in another style (``Thành phố Hồ Chí Minh``,
    ``Bà Rịa-Vũng Tàu``, ``Khánh Hoà``) → the table's name, so one province is one id;
    ``national``, ``None`` and places the table does not know are returned as they are.

    >>> canonical_jurisdiction("Thành phố Hồ Chí Minh"), canonical_jurisdiction("national")
    ('Hồ Chí Minh', 'national')
    """
    if not jurisdiction or jurisdiction == NATIONAL:
        return jurisdiction
    return province_of_place(jurisdiction) or jurisdiction


# --- the normaliser ----------------------------------------------------------

@lru_cache(maxsize=None)
def _abbreviation_re() -> tuple[re.Pattern, dict[str, str]]:
    table = {a.abbreviation: a.expansion for a in load_abbreviations()}
    alts = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?:{alts})(?![\w&])"), table


def expand_abbreviations(text: str) -> str:
    """Replace whole-word abbreviations (case as written) by their expansion.

    >>> expand_abbreviations("Sở LĐTBXH")
    'Sở Lao động - Thương binh và Xã hội'
    >>> expand_abbreviations("Bộ Lao động - TB&XH")
    'Bộ Lao động - Thương binh và Xã hội'
    """
    rx, table = _abbreviation_re()
    return rx.sub(lambda m: table[m.group(0)], text)


_PAREN_RE = re.compile(r"\s*\([^()]*\)")
_EDGE_RE = re.compile(r"^[\s*_\-:;,.\"“”'’]+|[\s*_\-:;,.\"“”'’]+$")
_AMP_RE = re.compile(r"\s*&\s*")
_HYPHEN_RE = re.compile(r"(?<=\w)\s*-\s*(?=\w)")
_COMMA_RE = re.compile(r"\s*,\s*")


@lru_cache(maxsize=65536)
def normalize_agency_name(name: str) -> str:
    """The display-normal form of an agency name (case kept).

    >>> normalize_agency_name("Sở Văn hoá,  Thể thao và Du lịch:")
    'Sở Văn hóa, Thể thao và Du lịch'
    >>> normalize_agency_name("Sở Lao động-Thương binh và Xã hội (Thường trực Ban VSTBPN tỉnh)")
    'Sở Lao động - Thương binh và Xã hội'
    >>> normalize_agency_name("Sở GD&ĐT")
    'Sở Giáo dục và Đào tạo'
    """
    s = normalize_text(name)
    for _ in range(4):  # to a fixed point: an expansion can free another abbreviation (``&TP``)
        before = s
        s = _PAREN_RE.sub("", s)
        s = expand_abbreviations(s)
        s = _AMP_RE.sub(" và ", s)
        s = _HYPHEN_RE.sub(" - ", s)
        s = _COMMA_RE.sub(", ", s)
        s = _EDGE_RE.sub("", " ".join(s.split()))
        if s == before:
            break
    return s


#: Words dropped from comparison keys (folded): possessive and conjunction words that
#: spellings of one name add or leave out (``Ban Vì sự tiến bộ (của) phụ nữ``).
KEY_STOP_WORDS = frozenset({"cua", "va"})


def _place_key(jurisdiction: str | None) -> str:
    return fold(jurisdiction) if jurisdiction and jurisdiction != NATIONAL else ""


@lru_cache(maxsize=1024)
def _place_suffix_re(place: str) -> re.Pattern:
    return re.compile(rf"(?:\s+(?:tinh|thanh pho))?\s+{re.escape(place)}$")


_TINH_END_RE = re.compile(r"\s+(?:cap\s+)?tinh$")
_CAC_WORD_RE = re.compile(r"\bcac\b")
_THANH_PHO_END_RE = re.compile(r"\s+thanh pho$")
_CO_LIEN_QUAN_RE = re.compile(r"\bco (?=lien quan\b)")


def _strip_local_qualifier(key: str, jurisdiction: str | None = None) -> str:
    place = _place_key(jurisdiction)
    if place:
        key = _place_suffix_re(place).sub("", key)
    key = _TINH_END_RE.sub("", key)
    if not _CAC_WORD_RE.search(key):  # ``Ủy ban nhân dân Thành phố``, not ``… các huyện, thị xã, thành phố``
        key = _THANH_PHO_END_RE.sub("", key)
    return key


_CAC_RE = re.compile(r"^cac\s+")


@lru_cache(maxsize=None)
def _prefix_index() -> dict[str, AgencyType]:
    """The ``prefix`` rows of ``agency_types.csv`` by folded pattern (the first row of a pattern wins)."""
    out: dict[str, AgencyType] = {}
    for t in load_agency_types():
        if t.match == "prefix":
            out.setdefault(t.key, t)
    return out


def _longest_prefix_type(bare: str) -> AgencyType | None:
    """The row whose folded pattern is the longest whole-word prefix of ``bare`` (a folded key).

    The same choice as scanning every row for ``bare == key or bare.startswith(key + " ")``
    and keeping the longest (the first row on ties), with one dictionary lookup per word.
    """
    index = _prefix_index()
    t = index.get(bare)
    if t is not None:
        return t
    cut = bare.rfind(" ")
    while cut != -1:
        t = index.get(bare[:cut])
        if t is not None:
            return t
        cut = bare.rfind(" ", 0, cut)
    return None


@lru_cache(maxsize=65536)
def agency_type(name: str) -> AgencyType | None:
    """The kind of body a name starts with (longest ``prefix`` row of ``agency_types.csv``)."""
    key = fold(normalize_agency_name(name))
    return _longest_prefix_type(_CAC_RE.sub("", key))


@lru_cache(maxsize=65536)
def _split_type(key: str) -> tuple[str, str]:
    """``cong doan co so so noi vu`` → (``cong doan``, ``so noi vu``)."""
    bare = _CAC_RE.sub("", key)
    best = _longest_prefix_type(bare)
    if best is None:
        return "", bare
    return best.type, bare[len(best.key):].strip()


@lru_cache(maxsize=65536)
def agency_key(name: str, jurisdiction: str | None = None) -> str:
    """The comparison key: folded, kind word unified, function words and *tỉnh* dropped.

    >>> agency_key("Sở Lao động, Thương binh và Xã hội") == agency_key("Sở LĐTBXH tỉnh")
    True
    >>> agency_key("Công đoàn Sở Nội vụ") == agency_key("Công đoàn cơ sở Sở Nội vụ")
    True
    """
    key = fold(_group_form(normalize_agency_name(name)))
    key = _CO_LIEN_QUAN_RE.sub("", key)
    key = " ".join(w for w in key.split() if w not in KEY_STOP_WORDS)
    key = _strip_local_qualifier(key, jurisdiction)
    kind, rest = _split_type(key)  # drops a leading ``các``: ``sở, ban ngành`` = ``các sở, ban, ngành``
    if kind:
        key = f"{kind} {rest}".strip()
    return key


def distinctive_head(name: str) -> str:
    """The first word after the kind word (``Sở Nội vụ`` → ``noi``); '' when none."""
    kind, rest = _split_type(agency_key(name))
    return rest.split()[0] if rest else ""


@lru_cache(maxsize=None)
def _standard_index() -> dict[str, StandardName]:
    return {agency_key(s.name): s for s in load_standard_names()}


@lru_cache(maxsize=65536)
def standard_name(name: str, jurisdiction: str | None = None) -> StandardName | None:
    """The standard name a spelling stands for, by equal key, else by a close fuzzy key
    of the same kind and distinctive head (typing slips), else ``None``."""
    key = agency_key(name, jurisdiction)
    index = _standard_index()
    if key in index:
        return index[key]
    kind, rest = _split_type(key)
    if not rest:
        return None
    best, best_score = None, 0.0
    for k, s in index.items():
        k_kind, k_rest = _split_type(k)
        if k_kind != kind or not k_rest or k_rest.split()[0] != rest.split()[0]:
            continue
        if len(k_rest.split()) != len(rest.split()):
            continue  # a slip inside a word, not a longer name (``… phụ nữ của Sở`` is another body)
        score = fuzz.ratio(key, k)
        if score > best_score:
            best, best_score = s, score
    return best if best_score >= 92 else None


# --- jurisdiction and canonical names ----------------------------------------

#: local qualifiers (folded); ``xã``/``phường`` alone would also match *xã hội*, *địa phương*
_LOCAL_RE = re.compile(r"\b(?:tinh|thanh pho|huyen|thi xa|cap xa|cac xa|thi tran)\b")
_GROUP_RE = re.compile(
    r"^(?:cac|nguoi dung dau|thu truong|thanh vien)\b"
    r"|\bcac (?:cap|huyen|tinh|xa|so|ban|nganh|bo|co quan|don vi|dia phuong|doan the|to chuc|hoi|thanh vien)\b"
    r"|\bcap (?:huyen|xa)\b"
)
#: kinds that name a class of bodies, not one body, when written in lower case
GROUP_KINDS = frozenset({"nganh", "co quan", "don vi", "dia phuong", "doan the", "to chuc", "doanh nghiep",
                         "thanh vien", "nguoi dung dau"})


def is_group_name(name: str) -> bool:
    """True for group mentions (``các sở, ban, ngành``, ``UBND các huyện, thị xã, thành phố``)."""
    n = normalize_agency_name(name)
    f = fold(n)
    if _GROUP_RE.search(f):
        return True
    t = agency_type(n)
    if t and t.type in GROUP_KINDS:
        return True
    # a lower-case list of kind words: ``sở, ban ngành liên quan``, ``hội, đoàn thể tỉnh``
    # a name in lower case that starts with a kind word: ``sở, ban ngành liên quan``, ``hội đoàn thể của tỉnh``
    return bool(n) and n[0].islower() and (t is not None or "," in n)


def agency_jurisdiction(name: str, jurisdiction: str | None) -> str | None:
    """``national`` for central bodies, else the jurisdiction of the document."""
    f = fold(normalize_agency_name(name))
    if re.search(r"\bcac tinh\b|\btrung uong\b", f):
        return NATIONAL
    if _LOCAL_RE.search(f):
        return jurisdiction
    t = agency_type(name)
    if t and t.level == NATIONAL:
        return NATIONAL
    if f.endswith("viet nam"):
        return NATIONAL
    return jurisdiction


def place_phrase(jurisdiction: str) -> str:
    """``Gia Lai`` → ``tỉnh Gia Lai``; ``Hà Nội`` → ``thành phố Hà Nội``."""
    kind = load_jurisdictions().get(fold(jurisdiction), "tỉnh")
    return f"{kind} {jurisdiction}"


_GROUP_FIXES = (
    (re.compile(r"\bcó liên quan\b"), "liên quan"),
    (re.compile(r"\bban ngành\b"), "ban, ngành"),
    (re.compile(r"^(các |Các )?sở, ngành\b"), r"\1sở, ban, ngành"),
)
_TRAILING_LOCAL_RE = re.compile(r"(?:,?\s+(?:của|cấp|thuộc)\s+tỉnh|\s+tỉnh)$")


def _group_form(name: str) -> str:
    """Group lists in one form (``sở, ngành`` → ``sở, ban, ngành``); other names unchanged."""
    for rx, repl in _GROUP_FIXES:
        name = rx.sub(repl, name)
    return name


@lru_cache(maxsize=65536)
def canonical_agency(name: str, jurisdiction: str | None) -> tuple[str, str | None, bool]:
    """``(canonical name, jurisdiction, is_group)`` for a name met in a document of ``jurisdiction``.

    >>> canonical_agency("Sở Lao động – Thương binh và Xã hội", "Gia Lai")
    ('Sở Lao động - Thương binh và Xã hội tỉnh Gia Lai', 'Gia Lai', False)
    >>> canonical_agency("Bộ LĐTBXH", "Gia Lai")
    ('Bộ Lao động - Thương binh và Xã hội', 'national', False)
    >>> canonical_agency("các sở, ngành có liên quan", "Quảng Ngãi")
    ('Các sở, ban, ngành liên quan tỉnh Quảng Ngãi', 'Quảng Ngãi', True)
    """
    n = normalize_agency_name(name)
    jurisdiction = canonical_jurisdiction(jurisdiction)
    jur = agency_jurisdiction(n, jurisdiction)
    t = agency_type(n)
    local = jur not in (None, NATIONAL)
    if is_group_name(n):
        base = _TRAILING_LOCAL_RE.sub("", _group_form(n))
        if base[:1].islower() and not re.match(r"(?:các|những|thành viên)\b", base):
            base = "các " + base  # ``sở, ban ngành liên quan`` → ``Các sở, ban, ngành liên quan``
        base = base[:1].upper() + base[1:]
        if local and fold(jurisdiction) not in fold(base):
            base = f"{base} {place_phrase(jurisdiction)}"
        return base, jur, True
    if jurisdiction == NATIONAL and t and t.level in ("province", "local") and t.type in ("so", "phong"):
        std = standard_name(n)
        base = _TRAILING_LOCAL_RE.sub("", std.name if std else n)
        return f"{base} các tỉnh, thành phố trực thuộc Trung ương", NATIONAL, True
    std = standard_name(n, jurisdiction)
    base = std.name if std else n
    if local:
        place = fold(jurisdiction)
        base = re.sub(rf"\s+(?:tỉnh|thành phố)\s+{re.escape(jurisdiction)}$", "", base)
        base = _TRAILING_LOCAL_RE.sub("", base)
        if place and place in fold(base):
            return base, jur, False
        if re.search(r"(?:Tỉnh|Thành) ủy$", base):
            return f"{base} {jurisdiction}", jur, False
        return f"{base} {place_phrase(jurisdiction)}", jur, False
    return base, jur, False


def slug(text: str) -> str:
    return "-".join(fold(text).split()) or "unknown"


def agency_id(canonical: str, jurisdiction: str | None, is_group: bool = False) -> str:
    """A stable readable id in the form of ``graphmodel.ids``: ``agency:<key>@<jurisdiction>``.

    The key is the comparison key, so every spelling of one body has the same id
    (``agency:so-lao-dong-thuong-binh-xa-hoi@gia-lai``); groups keep their ``cac-`` key.
    """
    jurisdiction = canonical_jurisdiction(jurisdiction)
    key = agency_key(canonical, jurisdiction)
    if is_group and not key.startswith(("cac ", "nguoi dung dau", "thanh vien")):
        key = "cac " + key  # groups never share an id with a single body
    return f"agency:{slug(key)}@{slug(jurisdiction or 'unknown')}"


def issuer_kind(issuer: str | None) -> str:
    """The kind of issuer (``ubnd_tinh``, ``ubnd_huyen``, ``so``, ``bo``, ``chinh_phu``, ``party`` ...)."""
    if not issuer:
        return ""
    n = normalize_agency_name(issuer)
    t = agency_type(n)
    if t is None:
        return ""
    if t.acts_as == "parent":
        rest = re.sub(rf"^{re.escape(t.pattern)}\s*", "", n, flags=re.IGNORECASE)
        return issuer_kind(rest) if rest else ""
    if t.type == "uy ban nhan dan" and re.search(r"\b(?:huyen|quan|thi xa)\b", fold(n)):
        return "ubnd_huyen"
    return t.acts_as


def under_command(name: str, issuer: str | None) -> bool:
    """Is a body of this name under the command of the issuer (so ``đề nghị`` assigns work)?"""
    kind = issuer_kind(issuer)
    if not kind:
        return True
    n = normalize_agency_name(name)
    f = fold(n)
    for t in load_agency_types():
        if t.match == "contains" and re.search(rf"\b{re.escape(t.key)}\b", f):
            return kind in t.command
    t = agency_type(n)
    if t is None:
        return True
    if kind == "so" and t.type in ("so",) and issuer and agency_key(n) == agency_key(issuer):
        return True
    return kind in t.command


# --- resolution ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AgencyMerge(Merge):
    """A ``Merge`` of two agency spellings, with the jurisdiction block it was made in."""

    jurisdiction: str | None = None


@dataclass(frozen=True, slots=True)
class AliasRule:
    """One rule of a user alias file: ``merge`` or ``split`` these names."""

    action: str  # merge | split
    names: tuple[str, ...]
    jurisdiction: str | None
    source: str  # file:line


@dataclass(frozen=True, slots=True)
class AliasTable:
    path: str
    rules: tuple[AliasRule, ...] = ()


@dataclass(frozen=True, slots=True)
class _Node:
    raw: str  # the spelling as written (NFC, spaces collapsed)
    norm: str  # its display-normal form
    jurisdiction: str | None
    canonical: str
    group: bool
    key: str
    kind: str
    head: str
    owner: str
    standard: str | None


@lru_cache(maxsize=None)
def _owner_patterns() -> tuple[str, ...]:
    return tuple(sorted({normalize_text(t.pattern) for t in load_agency_types()
                         if t.match == "prefix" and t.pattern[:1].isupper()}, key=len, reverse=True))


@lru_cache(maxsize=65536)
def agency_owner(name: str, jurisdiction: str | None = None) -> str:
    """The body a unit belongs to, when the name says it (``Ban Vì sự tiến bộ của phụ nữ Sở
    Nội vụ`` → ``so noi vu``; ``Ban Tổ chức Tỉnh ủy`` → ``tinh uy``): a capitalised kind word
    after the first word starts it. '' when there is none."""
    words = normalize_agency_name(name).split()
    pats, most = _owner_pattern_set()
    # a pattern matches ``rest`` (``rest == pat or rest.startswith(pat + " ")``) exactly when it
    # is ``rest``'s first few words: one set lookup per word count instead of a scan of the patterns
    for i in range(1, len(words)):
        for m in range(1, min(most, len(words) - i) + 1):
            if " ".join(words[i:i + m]) in pats:
                return agency_key(" ".join(words[i:]), jurisdiction)
    return ""


@lru_cache(maxsize=None)
def _owner_pattern_set() -> tuple[frozenset, int]:
    """``_owner_patterns`` as a set, with the most words a pattern has (patterns that are not
    single-spaced words can match no name, as in the scan)."""
    pats = frozenset(p for p in _owner_patterns() if p and p == " ".join(p.split()))
    return pats, max((p.count(" ") + 1 for p in pats), default=0)


@lru_cache(maxsize=65536)
def _make_node(name: str, jurisdiction: str | None) -> _Node:
    raw = " ".join(nfc(name).split())
    norm = normalize_agency_name(raw)
    canonical, jur, group = canonical_agency(norm, jurisdiction)
    key = agency_key(norm, jur)
    kind, rest = _split_type(key)
    std = None if group else standard_name(norm, jur)
    return _Node(raw, norm, jur, canonical, group, key, kind, rest.split()[0] if rest else "",
                 agency_owner(norm, jur), std.name if std else None)


def veto_reason(a: _Node, b: _Node) -> str | None:
    """Why two names must not be joined, or ``None``. The rules read the kind words of
    ``agency_types.csv`` and the standard names of ``agency_names.csv``; no pair of names
    is written here."""
    if a.jurisdiction != b.jurisdiction:
        return f"different jurisdictions ({a.jurisdiction} ≠ {b.jurisdiction})"
    if a.group != b.group:
        return "a group and a single body"
    if a.kind != b.kind:
        return f"different kinds of body ({a.kind or '?'} ≠ {b.kind or '?'})"
    if a.standard and b.standard and a.standard != b.standard:
        return f"different standard names ({a.standard} ≠ {b.standard})"
    if a.head and b.head and a.head != b.head:
        return f"distinctive head word differs ({a.head} ≠ {b.head})"
    if a.owner != b.owner:
        return f"units of different bodies ({a.owner or 'none named'} ≠ {b.owner or 'none named'})"
    return None


def _as_pair(m, jurisdiction: str | None) -> tuple[str, str | None]:
    if isinstance(m, str):
        return m, jurisdiction
    if isinstance(m, tuple):
        return m[0], (m[1] if len(m) > 1 else jurisdiction)
    name = getattr(m, "agency", None) or getattr(m, "name", None)
    return name, getattr(m, "jurisdiction", jurisdiction)


def _scorer_name(scorer: Callable) -> str:
    return getattr(scorer, "__name__", "scorer")


def _representative(nodes: list[_Node]) -> _Node:
    return sorted(nodes, key=lambda n: (n.standard is None, -len(n.norm.split()), n.norm, n.raw))[0]


def resolve_agencies(
    mentions: Iterable,
    *,
    jurisdiction: str | None = None,
    aliases: AliasTable | str | Path | None = None,
    threshold: float = 90.0,
    scorer: Callable[[str, str], float] | None = None,
    near_miss: float = 75.0,
) -> Resolution:
    """Cluster agency mentions into agencies, explaining every join.

    ``mentions`` are names (with ``jurisdiction``), ``(name, jurisdiction)`` pairs or
    objects with ``agency``/``name`` and ``jurisdiction``. Returns a ``Resolution`` whose
    ``ids`` map each ``(name, jurisdiction)`` to an agency id, whose ``merges`` give for
    each join the two names, their normalised forms, the score and the rule, and whose
    ``unresolved`` lists near misses that a veto kept apart (and alias rules that matched
    nothing). The result does not depend on the order of ``mentions``.
    """
    scorer = scorer or fuzz.ratio
    table = load_aliases(aliases) if isinstance(aliases, (str, Path)) else aliases
    pairs = sorted({_as_pair(m, jurisdiction) for m in mentions if _as_pair(m, jurisdiction)[0]},
                   key=lambda p: (p[1] or "", p[0]))
    node_of: dict[tuple[str, str | None], tuple] = {}
    nodes: dict[tuple, _Node] = {}
    for name, jur in pairs:
        node = _make_node(name, jur)
        nid = (node.jurisdiction or "", node.group, node.raw)
        nodes.setdefault(nid, node)
        node_of[(name, jur)] = nid
    order = sorted(nodes)
    uf = UnionFind(order)
    merges: list[Merge] = []
    unresolved: list[Unresolved] = []

    # alias splits are vetoes that nothing but an alias merge can override
    split_pairs: dict[frozenset, str] = {}
    alias_merges: list[tuple[list, list, AliasRule]] = []
    if table:
        for rule in table.rules:
            groups = [_alias_targets(n, rule.jurisdiction, nodes) for n in rule.names]
            if not all(groups):
                missing = [n for n, g in zip(rule.names, groups) if not g]
                unresolved.append(Unresolved(", ".join(missing), rule.source, 0, 0,
                                             f"alias {rule.action} rule: no mention of {missing}"))
            if rule.action == "split":
                for i, ga in enumerate(groups):
                    for gb in groups[i + 1:]:
                        for a in ga:
                            for b in gb:
                                if a != b:
                                    split_pairs[frozenset((a, b))] = f"alias file: split ({rule.source})"
            else:
                alias_merges.append((groups, rule.names, rule))

    members: dict = {n: [n] for n in order}

    def blocked(a, b) -> str | None:
        for x in members[uf[a]]:
            for y in members[uf[b]]:
                r = split_pairs.get(frozenset((x, y)))
                if r:
                    return r
                r = veto_reason(nodes[x], nodes[y])
                if r:
                    return r
        return None

    def join(a, b, score: float, rule: str) -> None:
        ra, rb = uf[a], uf[b]
        if ra == rb:
            return
        uf.union(a, b)
        root = uf[a]
        merged = members.pop(ra) + members.pop(rb)
        members[root] = merged
        na, nb = nodes[a], nodes[b]
        merges.append(AgencyMerge(na.raw, nb.raw, na.key, nb.key, float(score), rule, na.jurisdiction))

    # 1. equal keys, 2. equal standard names, 3. fuzzy scores inside blocks
    by_key = defaultdict(list)
    by_std = defaultdict(list)
    blocks = defaultdict(list)
    for nid in order:
        n = nodes[nid]
        by_key[(n.jurisdiction, n.group, n.key)].append(nid)
        if n.standard:
            by_std[(n.jurisdiction, n.standard)].append(nid)
        if not n.group:
            blocks[(n.jurisdiction, n.kind)].append(nid)
    for group in by_key.values():
        for other in group[1:]:
            if not blocked(group[0], other):
                join(group[0], other, 100.0, "same key after normalisation (abbreviations, tone marks, dashes, case)")
    for (jur, std), group in sorted(by_std.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        for other in group[1:]:
            if not blocked(group[0], other):
                join(group[0], other, 100.0, f"same standard name '{std}' (agency_names.csv)")
    candidates = []
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if uf[a] == uf[b]:
                    continue
                s = float(scorer(nodes[a].key, nodes[b].key))
                if s >= near_miss:
                    candidates.append((-s, a, b))
    candidates.sort()
    for neg, a, b in candidates:
        s = -neg
        if uf[a] == uf[b]:
            continue
        reason = blocked(a, b)
        if reason or s < threshold:
            why = reason or f"score below the threshold {threshold:g}"
            unresolved.append(Unresolved(nodes[a].raw, nodes[a].jurisdiction or "", 0, 0,
                                         f"kept apart from '{nodes[b].raw}': {why} (score {s:.1f})"))
            continue
        join(a, b, s, f"fuzzy {_scorer_name(scorer)} {s:.1f} ≥ {threshold:g} (same kind and head word)")
    # 4. alias merges, applied last: they override vetoes
    for groups, names, rule in alias_merges:
        flat = [nid for g in groups for nid in g]
        by_jur = defaultdict(list)
        for nid in flat:
            by_jur[nodes[nid].jurisdiction].append(nid)
        for jur_nodes in by_jur.values():
            jur_nodes = sorted(set(jur_nodes))
            for other in jur_nodes[1:]:
                s = float(scorer(nodes[jur_nodes[0]].key, nodes[other].key))
                join(jur_nodes[0], other, s, f"alias file: merge ({rule.source})")

    ids: dict = {}
    cluster_id = {}
    by_id = defaultdict(list)
    for root, group in members.items():
        rep = _representative([nodes[n] for n in group])
        by_id[agency_id(rep.canonical, rep.jurisdiction, rep.group)].append(sorted(group))
    for cid, clusters in by_id.items():
        # clusters an alias split keeps apart share a canonical name: number them by their first spelling
        for i, group in enumerate(sorted(clusters)):
            for n in group:
                cluster_id[n] = cid if i == 0 else f"{cid}~{i + 1}"
    for pair, nid in node_of.items():
        ids[pair] = cluster_id[nid]
    return Resolution(ids=ids, merges=tuple(merges), unresolved=tuple(unresolved))


def explain_pair(a: str, b: str, jurisdiction: str | None = None, *, threshold: float = 90.0,
                 scorer: Callable[[str, str], float] | None = None) -> tuple[float, str, bool]:
    """``(score, rule or veto, joined)``: how ``resolve_agencies`` decides on two spellings."""
    scorer = scorer or fuzz.ratio
    na, nb = _make_node(a, jurisdiction), _make_node(b, jurisdiction)
    veto = veto_reason(na, nb)
    score = float(scorer(na.key, nb.key))
    if veto:
        return score, f"veto: {veto}", False
    if na.key == nb.key:
        return 100.0, "same key after normalisation (abbreviations, tone marks, dashes, case)", True
    if na.standard and na.standard == nb.standard:
        return 100.0, f"same standard name '{na.standard}' (agency_names.csv)", True
    if score >= threshold and not na.group:
        return score, f"fuzzy {_scorer_name(scorer)} {score:.1f} ≥ {threshold:g} (same kind and head word)", True
    return score, f"score below the threshold {threshold:g}", False


def _alias_targets(name: str, jurisdiction: str | None, nodes: dict) -> list:
    raw = " ".join(nfc(name).split())
    norm = normalize_agency_name(name)
    jur_ok = (lambda n: True) if not jurisdiction else (lambda n: fold(n.jurisdiction or "") == fold(jurisdiction))
    for same in (lambda n: n.raw == raw, lambda n: n.norm == norm):
        exact = [nid for nid, n in nodes.items() if same(n) and jur_ok(n)]
        if exact:
            return sorted(exact)
    return sorted(nid for nid, n in nodes.items() if jur_ok(n) and n.key == agency_key(norm, n.jurisdiction))


@dataclass(frozen=True, slots=True)
class AgencyCluster:
    """One resolved agency: its id, canonical name, jurisdiction and the spellings joined."""

    id: str
    canonical: str
    jurisdiction: str | None
    is_group: bool
    aliases: tuple[str, ...]


def agency_clusters(resolution: Resolution) -> tuple[AgencyCluster, ...]:
    """The agencies of a resolution, sorted by jurisdiction and name."""
    names = defaultdict(set)
    for (name, jur), cid in resolution.ids.items():
        names[cid].add((name, jur))
    out = []
    for cid, members in names.items():
        nodes = [_make_node(n, j) for n, j in members]
        rep = _representative(nodes)
        aliases = tuple(sorted({" ".join(nfc(n).split()) for n, _ in members}))
        out.append(AgencyCluster(cid, rep.canonical, rep.jurisdiction, rep.group, aliases))
    return tuple(sorted(out, key=lambda c: (c.jurisdiction or "", c.is_group, fold(c.canonical))))


# --- the alias file ------------------------------------------------------------

ALIAS_HELP = (
    "an alias file is YAML with 'merge:' and/or 'split:' lists, each entry a list of two or more names "
    "or a mapping {names: [...], jurisdiction: ...}; or CSV with the header action,name,other,jurisdiction"
)


def load_aliases(path: str | Path) -> AliasTable:
    """Read a user alias file (YAML or CSV); errors name the file, the line and the fix."""
    p = Path(path)
    if not p.exists():
        raise AliasFileError(f"{p}: no such file; pass an existing alias file ({ALIAS_HELP})")
    suffix = p.suffix.lower()
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise AliasFileError(f"{p}: not UTF-8 text ({e.reason}); save the file as UTF-8") from e
    if suffix in (".yaml", ".yml"):
        rules = _aliases_from_yaml(text, str(p))
    elif suffix == ".csv":
        rules = _aliases_from_csv(text, str(p))
    else:
        raise AliasFileError(f"{p}: unknown alias file type '{suffix}'; use .yaml, .yml or .csv ({ALIAS_HELP})")
    _check_contradictions(rules, str(p))
    return AliasTable(str(p), tuple(rules))


def _aliases_from_yaml(text: str, path: str) -> list[AliasRule]:
    import yaml

    try:
        root = yaml.compose(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise AliasFileError(f"{path}:{line}: not valid YAML ({getattr(e, 'problem', e)}); fix the syntax near that line") from e
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise AliasFileError(f"{path}:{root.start_mark.line + 1}: expected a mapping with 'merge:' and/or 'split:'; {ALIAS_HELP}")
    rules = []
    for key_node, value_node in root.value:
        action = str(key_node.value).strip().lower()
        line = key_node.start_mark.line + 1
        if action not in ("merge", "split"):
            raise AliasFileError(f"{path}:{line}: unknown key '{key_node.value}'; use 'merge' or 'split'")
        if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            raise AliasFileError(f"{path}:{line}: '{action}' must be a list of entries; {ALIAS_HELP}")
        for entry in value_node.value:
            eline = entry.start_mark.line + 1
            names_node, jurisdiction = entry, None
            if isinstance(entry, yaml.MappingNode):
                fields = {str(k.value): v for k, v in entry.value}
                unknown = set(fields) - {"names", "jurisdiction"}
                if unknown:
                    raise AliasFileError(f"{path}:{eline}: unknown field(s) {sorted(unknown)}; use 'names' and 'jurisdiction'")
                if "names" not in fields:
                    raise AliasFileError(f"{path}:{eline}: the entry has no 'names:' list; add names: [name 1, name 2]")
                names_node = fields["names"]
                if "jurisdiction" in fields:
                    jurisdiction = str(fields["jurisdiction"].value).strip() or None
            if not isinstance(names_node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in names_node.value):
                raise AliasFileError(f"{path}:{eline}: expected a list of names like [Sở LĐTBXH, Sở Lao động - Thương binh và Xã hội]; {ALIAS_HELP}")
            names = tuple(str(n.value).strip() for n in names_node.value)
            _check_names(names, action, path, eline)
            rules.append(AliasRule(action, names, jurisdiction, f"{path}:{eline}"))
    return rules


def _aliases_from_csv(text: str, path: str) -> list[AliasRule]:
    reader = csv.reader(text.splitlines())
    rows = list(reader)
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    if header[:3] != ["action", "name", "other"]:
        raise AliasFileError(f"{path}:1: the header must be 'action,name,other[,jurisdiction]', not '{','.join(rows[0])}'")
    rules = []
    for i, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row) or row[0].strip().startswith("#"):
            continue
        if len(row) < 3:
            raise AliasFileError(f"{path}:{i}: expected at least 3 columns (action,name,other), got {len(row)}")
        action = row[0].strip().lower()
        if action not in ("merge", "split"):
            raise AliasFileError(f"{path}:{i}: action must be 'merge' or 'split', not '{row[0].strip()}'")
        names = (row[1].strip(), row[2].strip())
        _check_names(names, action, path, i)
        jurisdiction = row[3].strip() if len(row) > 3 and row[3].strip() else None
        rules.append(AliasRule(action, names, jurisdiction, f"{path}:{i}"))
    return rules


def _check_names(names: tuple[str, ...], action: str, path: str, line: int) -> None:
    if len(names) < 2:
        raise AliasFileError(f"{path}:{line}: a {action} needs at least two names; add the other spelling")
    if any(not n for n in names):
        raise AliasFileError(f"{path}:{line}: an empty name; remove the empty item or fill it in")
    if action == "merge" and len({normalize_agency_name(n) for n in names}) < 2 and len(names) == 2:
        return


def _check_contradictions(rules: list[AliasRule], path: str) -> None:
    merged = {}
    for r in rules:
        if r.action != "merge":
            continue
        for i, a in enumerate(r.names):
            for b in r.names[i + 1:]:
                merged[frozenset((agency_key(a), agency_key(b)))] = r
    for r in rules:
        if r.action != "split":
            continue
        for i, a in enumerate(r.names):
            for b in r.names[i + 1:]:
                m = merged.get(frozenset((agency_key(a), agency_key(b))))
                if m and (m.jurisdiction or "") == (r.jurisdiction or ""):
                    raise AliasFileError(
                        f"{r.source}: '{a}' and '{b}' are split here but merged at {m.source}; remove one of the two rules")
