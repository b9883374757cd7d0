"""A synthetic corpus of Vietnamese administrative documents, with its truth.

``generate_corpus(n, seed=S)`` yields ``(filename, text, truth)`` for ``n`` invented
documents: ministry guidance letters, provincial plans that rest on (*Căn cứ*) and carry
out (*Thực hiện*) real national instruments, department plans carrying those plans out,
provincial letters urging them on, and office cover letters forwarding the ministry's
letters — across the 63 provinces and the years 2016-2024. Every document is invented:
its number, date, people and wording are made up; only the national instruments it cites
are real (``loaders/data/instruments.csv``, each row with its source).

The texts carry the variants real files have: both tone-mark styles (*hoá/hóa*,
*Uỷ/Ủy*), several dash characters, abbreviations (*Sở LĐTBXH*, *UBND*, *Hội LHPN*),
OCR slips in symbols (``LĐTĐ-BHXH-BĐG`` for ``LĐTBXH-BĐG``), spaces inside symbols,
headers as two-line agencies or flattened tables, Markdown headings.

``truth`` is ``{"file", "kind", "documents": [...]}`` in the schema of
``shared/gold/README.md``: metadata, citations (span, type, symbol, date, relation,
section), responsibilities (agency as written, canonical name, role), deadlines and
targets, every span an index into ``text``. It is built while the text is written, never
read back from it. Generation is deterministic for a seed (no hash-ordered iteration;
one ``random.Random`` per document seeded from ``(seed, index)``), and the first ``k``
documents of ``n`` are the ``k`` documents of a smaller run with the same seed.
"""
from __future__ import annotations

import csv
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import graphmodel
import loaders
from graphmodel.normalize import TONE_MARK_PAIRS, fold

DATA = Path(__file__).with_name("data")
GRAPH_DATA = Path(graphmodel.__file__).parent / "data"
LOADER_DATA = Path(loaders.__file__).parent / "data"

YEARS = tuple(range(2016, 2025))

#: How often each kind of document is drawn (a kind that needs a parent not yet
#: written falls back to the parent's kind).
KIND_WEIGHTS = (
    ("province_plan", 34),
    ("department_plan", 26),
    ("province_letter", 20),
    ("cover_letter", 14),
    ("ministry_letter", 6),
)
FILE_PREFIX = {
    "province_plan": "ke-hoach-tinh",
    "department_plan": "ke-hoach-so",
    "province_letter": "cong-van-tinh",
    "cover_letter": "cong-van-vp",
    "ministry_letter": "cong-van-bo",
}

#: OCR and typing slips seen in real files for the MOLISA code (gold 000, 003, 004).
SYMBOL_SLIPS = {"LĐTBXH-BĐG": ("LĐTĐ-BHXH-BĐG", "LĐTĐBXH-BĐG", "LĐTBOXH-BĐG")}
#: Dash characters (with their spacing) written inside agency names.
DASHES = (" - ", " – ", "-", " — ")
MINISTRY = "Bộ Lao động - Thương binh và Xã hội"
MINISTRY_FORMS = ("Bộ Lao động{d}Thương binh và Xã hội", "Bộ Lao động{d}Thương binh và Xã hội", "Bộ LĐTBXH",
                  "Bộ Lao động - TB&XH")
#: How national issuers are written (standard name → written forms).
ISSUER_FORMS = {
    "Ban Bí thư": ("Ban Bí thư", "Ban Bí thư", "Ban Bí thư Trung ương Đảng", "Ban bí thư"),
    "Bộ Chính trị": ("Bộ Chính trị", "Bộ Chính trị", "Bộ chính trị"),
    "Ủy ban Dân tộc": ("Ủy ban Dân tộc",),
}
#: Types cited by number from the national table, and the type words a subject must not
#: contain elsewhere (the instrument would then be nested in a way the truth cannot tell).
NUMBERED_TYPES = ("Nghị quyết", "Quyết định", "Chỉ thị", "Nghị định", "Thông tư")
NAMED_TYPES = ("Luật", "Bộ luật", "Chiến lược", "Chương trình", "Đề án")
TYPE_WORDS = ("Chương trình", "Chiến lược", "Đề án", "Kế hoạch", "Quy chế", "Quy trình", "Nghị quyết",
              "Quyết định", "Nghị định", "Thông tư", "Chỉ thị", "Thông báo", "Luật", "Bộ luật", "Pháp lệnh",
              "Hiến pháp", "Công ước", "Công văn", "Kết luận", "Tờ trình", "Hướng dẫn", "Quy định")
SUBJECT_LEADS = ("về việc ", "về ", "phê duyệt ", "ban hành ")


# --- data ------------------------------------------------------------------------


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: unicodedata.normalize("NFC", v or "") for k, v in r.items()} for r in csv.DictReader(fh)]


@dataclass(frozen=True)
class Province:
    name: str
    kind: str  # "tỉnh" | "thành phố"
    place: str  # as written in the date line

    @property
    def party(self) -> str:
        return "Tỉnh ủy" if self.kind == "tỉnh" else "Thành ủy"

    @property
    def issuer(self) -> str:
        return f"Ủy ban nhân dân {self.kind} {self.name}"

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-")


@dataclass(frozen=True)
class AgencyKind:
    key: str
    canonical: str  # template with {unit} {province} {party}
    written: tuple[str, ...]  # templates with {d} {unit} {party}
    command: str  # "in" | "out"
    code: str


@dataclass(frozen=True)
class Group:
    written: str
    canonical: str
    where: str  # "any" | "tỉnh" | "thành phố"


@dataclass(frozen=True)
class Unit:
    department: str
    written: str
    canonical: str
    generic: bool


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    field: str
    lead: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Ref:
    """An instrument as a document cites it.

    ``subject`` is ``(prefix, nested, suffix)``: the words after the head, with the
    instrument named inside them (``phê duyệt`` + *Chương trình ...*), if any.
    """

    doc_type: str
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_forms: tuple[str, ...] = ()
    name: str | None = None
    subject: tuple[str, Ref | None, str] | None = None
    implements: str | None = None  # symbol or name of what this instrument carries out
    province: Province | None = None
    slip_ok: bool = False


@cache
def provinces() -> tuple[Province, ...]:
    """The 63 provinces and centrally-run cities (``data/provinces.csv``, with sources)."""
    return tuple(Province(r["name"], r["kind"], r["place"] or r["name"]) for r in _rows(DATA / "provinces.csv"))


@cache
def agency_kinds() -> dict[str, AgencyKind]:
    out = {}
    for r in _rows(DATA / "agencies.csv"):
        out[r["key"]] = AgencyKind(r["key"], r["canonical"], tuple(r["written"].split("|")), r["command"], r["code"])
    return out


@cache
def groups() -> tuple[Group, ...]:
    return tuple(Group(r["written"], r["canonical"], r["where"]) for r in _rows(DATA / "groups.csv"))


@cache
def units() -> tuple[Unit, ...]:
    return tuple(Unit(r["department"], r["written"], r["canonical"], r["generic"] == "generic")
                 for r in _rows(DATA / "units.csv"))


@cache
def themes() -> tuple[Theme, ...]:
    return tuple(Theme(r["key"], r["label"], r["field"], r["lead"], tuple(r["keywords"].split("|")))
                 for r in _rows(DATA / "themes.csv"))


def _issuer_forms(issuer: str) -> tuple[str, ...]:
    return ISSUER_FORMS.get(issuer, (issuer,))


def _clean_subject(name: str, doc_type: str) -> tuple[str, Ref | None, str] | None:
    """``Quyết định phê duyệt Chương trình X`` → ``("phê duyệt ", Ref(Chương trình X), "")``;
    ``None`` when the subject names other instruments the truth could not place."""
    if not name.startswith(doc_type + " "):
        return None
    subj = name[len(doc_type) + 1:]
    if re.search(r"\d+\s*/|\bsố\b", subj):
        return None
    lead = next((p for p in SUBJECT_LEADS if subj.startswith(p)), "")
    body = subj[len(lead):]
    nested = next((t for t in TYPE_WORDS if body.startswith(t + " ")), None)
    rest = body[len(nested):] if nested else subj
    for t in TYPE_WORDS:
        if re.search(r"(?<!pháp )(?<!kỷ )\b" + t + r"\b", rest, re.IGNORECASE):
            return None
    if nested:
        return (lead, Ref(nested, name=body), "")
    return (subj, None, "")


@cache
def national_pool() -> tuple[Ref, ...]:
    """Real national instruments cited by number (``loaders/data/instruments.csv``)."""
    out = []
    for r in _rows(LOADER_DATA / "instruments.csv"):
        if r["doc_type"] not in NUMBERED_TYPES or not (r["symbol"] and r["date"] and r["issuer"]):
            continue
        subject = _clean_subject(r["name"], r["doc_type"])
        if subject is None:
            continue
        out.append(Ref(r["doc_type"], symbol=r["symbol"], date=r["date"], issuer=r["issuer"],
                       issuer_forms=_issuer_forms(r["issuer"]), name=r["name"], subject=subject))
    return tuple(out)


@cache
def named_pool() -> tuple[Ref, ...]:
    """Real laws, strategies, programmes and projects cited by name."""
    out = []
    for r in _rows(LOADER_DATA / "instruments.csv"):
        if r["doc_type"] not in NAMED_TYPES or not r["name"].startswith(r["doc_type"] + " "):
            continue
        if _clean_subject(r["name"], r["doc_type"]) is None or len(r["name"].split()) < 3:
            continue
        when = r["date"] if r["doc_type"] in ("Luật", "Bộ luật") and not re.search(r"năm \d{4}$", r["name"]) else None
        out.append(Ref(r["doc_type"], date=when, name=r["name"], symbol=None))
    return tuple(out)


def _matches(ref: Ref, theme: Theme) -> bool:
    name = fold(ref.name or "")
    return any(fold(k) in name for k in theme.keywords)


@cache
def theme_pools() -> dict[str, tuple[tuple[Ref, ...], tuple[Ref, ...]]]:
    """Per theme: (numbered instruments, named instruments) whose names carry its words."""
    return {t.key: (tuple(r for r in national_pool() if _matches(r, t)), tuple(r for r in named_pool() if _matches(r, t)))
            for t in themes()}


@cache
def _law(symbol_name: str) -> Ref | None:
    for r in _rows(LOADER_DATA / "instruments.csv"):
        if r["name"] == symbol_name:
            return Ref(r["doc_type"], date=r["date"] or None, name=r["name"])
    return None


# --- text variants -----------------------------------------------------------------

_OLD = {}
for _old, _new in TONE_MARK_PAIRS:
    _OLD[_new] = _old
    _OLD[_new.capitalize()] = _old.capitalize()
    _OLD[_new.upper()] = _old.upper()
_OLD_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(map(re.escape, _OLD), key=len, reverse=True)) + r")(?![^\W\d_])"
)


def old_tone_marks(text: str) -> str:
    """New-style tone placement → old style (*hóa* → *hoá*, *Ủy* → *Uỷ*); length kept.

    >>> old_tone_marks("Thanh Hóa, Ủy ban, khỏe, quý")
    'Thanh Hoá, Uỷ ban, khoẻ, quý'
    """
    return _OLD_RE.sub(lambda m: _OLD[m.group(1)], text)


@dataclass(frozen=True)
class Style:
    """How one document is written."""

    old_tone: bool = False
    dash: str = " - "
    markdown: bool = False
    table_header: bool = False
    rules: bool = False  # separator lines under the header blocks
    words_dates: float = 0.2  # share of cited dates written in words
    abbreviate: float = 0.35  # share of agency mentions abbreviated (after the first)
    slips: float = 0.15  # share of MOLISA symbols with an OCR slip


def draw_style(rng: random.Random) -> Style:
    return Style(
        old_tone=rng.random() < 0.3,
        dash=rng.choice(DASHES[:3]) if rng.random() < 0.95 else DASHES[3],
        markdown=rng.random() < 0.15,
        table_header=rng.random() < 0.08,
        rules=rng.random() < 0.2,
        words_dates=rng.choice((0.0, 0.2, 0.5)),
        abbreviate=rng.choice((0.0, 0.3, 0.6)),
        slips=rng.choice((0.0, 0.2, 0.5)),
    )


# --- writing with spans ------------------------------------------------------------


class Writer:
    """Text written piece by piece, each piece's span known as it is written."""

    def __init__(self, style: Style, rng: random.Random):
        self.style = style
        self.rng = rng
        self._parts: list[str] = []
        self.pos = 0
        self.citations: list[dict] = []
        self.responsibilities: list[dict] = []
        self.deadlines: list[dict] = []
        self.targets: list[dict] = []
        self.section = "preamble"

    def put(self, s: str) -> tuple[int, int]:
        if self.style.old_tone:
            s = old_tone_marks(s)
        start = self.pos
        self._parts.append(s)
        self.pos += len(s)
        return start, self.pos

    def text(self) -> str:
        return "".join(self._parts)

    def d(self, s: str) -> str:
        """Fill the dash placeholder ``{d}``."""
        return s.replace("{d}", self.style.dash)

    # headings
    def heading(self, label: str, text: str, *, level: str) -> None:
        """``I. MỤC ĐÍCH`` (roman) or ``1. ...`` (arabic), Markdown when the style says so."""
        if self.style.markdown and level == "roman":
            self.put(f"#### **{label}. {text}**\n\n")
        else:
            self.put(f"{label}. {text}\n\n")


def _spell_date(d: date, rng: random.Random, words: float) -> str:
    if rng.random() < words:
        return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" if rng.random() < 0.5 else \
            f"ngày {d.day} tháng {d.month} năm {d.year}"
    if rng.random() < 0.6:
        return f"ngày {d.day:02d}/{d.month:02d}/{d.year}"
    return f"ngày {d.day}/{d.month}/{d.year}"


def _header_date(d: date, rng: random.Random) -> str:
    month = f"{d.month:02d}" if d.month < 3 and rng.random() < 0.6 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def _iso(d: date) -> str:
    return d.isoformat()


def _written_symbol(symbol: str, rng: random.Random, style: Style, *, slip_ok: bool) -> tuple[str, str, str | None]:
    """(as written in the text, the symbol in the truth, symbol_corrected or None)."""
    written, truth, corrected = symbol, symbol, None
    for good, bads in SYMBOL_SLIPS.items():
        if slip_ok and good in symbol and rng.random() < style.slips:
            bad = rng.choice(bads)
            written = symbol.replace(good, bad)
            truth, corrected = written, symbol
    r = rng.random()
    if r < 0.05 and "-" in written and "/" in written and re.match(r"^\d+-", written):
        written = written.replace("-", "- ", 1)  # 11- NQ/TW (gold 000)
    elif r < 0.08 and "/" in written:
        written = written.replace("/", " /", 1)  # 56 /BVSTBPN (gold 002)
    return written, truth, corrected


# --- citations ---------------------------------------------------------------------


def cite(w: Writer, ref: Ref, *, relation: str, section: str | None = None, subject: bool = True,
         with_date: bool | None = None, with_issuer: bool | None = None, optional: str | None = None,
         lower: bool = False, bare_number: bool = False) -> None:
    """Write a mention of ``ref`` (head, then its subject) and record it in the truth."""
    rng, style = w.rng, w.style
    section = section or w.section
    entry: dict = {"doc_type": ref.doc_type, "symbol": None, "date": None, "issuer": None, "name": ref.name,
                   "relation": relation, "section": section}
    if ref.symbol:
        body = section not in ("preamble", "title")
        word = ref.doc_type.lower() if lower or (body and rng.random() < 0.05) else ref.doc_type
        written, truth_symbol, corrected = _written_symbol(ref.symbol, rng, style, slip_ok=ref.slip_ok)
        # a page break inside the mention: "Chỉ thị\n\nsố 21-CT/TW" (gold 000 III.4)
        gap = "\n\n" if body and not bare_number and rng.random() < 0.04 else " "
        start, _ = w.put(f"{word}{gap}{'' if bare_number else 'số '}{written}")
        entry["symbol"] = truth_symbol
        if corrected:
            entry["symbol_corrected"] = corrected
        with_date = (rng.random() < 0.85) if with_date is None else with_date
        with_issuer = (rng.random() < 0.85) if with_issuer is None else with_issuer
        parts = []
        if with_date and ref.date:
            parts.append(("date", " " + _spell_date(date.fromisoformat(ref.date), rng, style.words_dates)))
        if with_issuer and ref.issuer:
            parts.append(("issuer", " của " + w.d(rng.choice(ref.issuer_forms or (ref.issuer,)))))
        if len(parts) == 2 and rng.random() < 0.2:
            parts.reverse()  # "của UBND tỉnh ngày 07/10/2016" (gold 000)
        for kind, s in parts:
            w.put(s)
            if kind == "date":
                entry["date"] = ref.date
            else:
                entry["issuer"] = ref.issuer
        end = w.pos
        if entry["issuer"] is None and ref.symbol.endswith("QĐ-TTg"):
            entry["issuer"] = "Thủ tướng Chính phủ"
    else:
        start, end = w.put(ref.name)
        if ref.date and (with_date if with_date is not None else rng.random() < 0.7):
            _, end = w.put(" " + _spell_date(date.fromisoformat(ref.date), rng, 0.6))
            entry["date"] = ref.date
    entry["start"], entry["end"] = start, end
    if ref.implements:
        entry["implements"] = ref.implements
    if optional:
        entry["optional"] = True
        entry["optional_reason"] = optional
    w.citations.append(entry)
    if subject and ref.subject:
        prefix, nested, suffix = ref.subject
        w.put(" " + prefix)
        if nested is not None:
            cite(w, nested, relation=relation, section=section, subject=True,
                 optional=None if nested.symbol else (optional or "nested_in_title"))
        if suffix:
            w.put(suffix)


# --- agencies ----------------------------------------------------------------------


def _fill(template: str, prov: Province, w: Writer) -> str:
    return _plain(w.d(template), prov)


def _plain(template: str, prov: Province) -> str:
    """A canonical name: placeholders filled, hyphens as in the standard names."""
    return (template.replace("{d}", " - ").replace("{unit}", prov.kind).replace("{province}", prov.name)
            .replace("{party}", prov.party))


def agency(w: Writer, key: str, prov: Province, *, role: str | None, section: str | None = None,
           full: bool = False, role_alt: str | None = None, optional: str | None = None,
           written: str | None = None) -> str:
    """Write an agency of ``prov``; record it as a responsibility when ``role`` is given.
    Returns the text written (for reuse)."""
    kind = agency_kinds()[key]
    forms = kind.written
    if written is None:
        if full or len(forms) == 1 or w.rng.random() >= w.style.abbreviate:
            written = forms[0]
        else:
            written = w.rng.choice(forms[1:])
    text = _fill(written, prov, w)
    start, end = w.put(text)
    if role:
        entry = {"agency": None, "start": start, "end": end, "canonical": _plain(kind.canonical, prov),
                 "role": role, "section": section or w.section}
        if role_alt:
            entry["role_alt"] = role_alt
        if optional:
            entry["optional"] = True
            entry["optional_reason"] = optional
        w.responsibilities.append(entry)
    return text


def group(w: Writer, g: Group, prov: Province, *, role: str, section: str | None = None,
          optional: str | None = None, capital: bool = False) -> None:
    text = w.d(g.written)
    if capital:
        text = text[0].upper() + text[1:]
    start, end = w.put(text)
    entry = {"agency": None, "start": start, "end": end, "canonical": _plain(g.canonical, prov),
             "role": role, "section": section or w.section, "generic": True}
    if optional:
        entry["optional"] = True
        entry["optional_reason"] = optional
    w.responsibilities.append(entry)


def _groups_for(prov: Province) -> list[Group]:
    return [g for g in groups() if g.where in ("any", prov.kind)]


def _districts(prov: Province) -> list[Group]:
    return [g for g in groups() if g.where == prov.kind]


def _related(prov: Province) -> list[Group]:
    return [g for g in groups() if g.where == "any"]


# --- deadlines and targets ------------------------------------------------------------


def deadline(w: Writer, what: str, due: date, *, to: str | None = None, lead: str = "báo cáo kết quả") -> None:
    """``báo cáo kết quả ... trước ngày 30/9/2024`` with its truth entry."""
    when = f"{due.day:02d}/{due.month:02d}/{due.year}" if w.rng.random() < 0.5 else f"{due.day}/{due.month}/{due.year}"
    s = f"{lead} trước ngày {when}" if lead else f"trước ngày {when}"
    start, end = w.put(s)
    entry = {"what": what, "due": _iso(due), "quote": None, "start": start, "end": end, "section": w.section}
    if to:
        entry["to"] = to
    w.deadlines.append(entry)


def periodic_deadlines(w: Writer) -> None:
    """``Báo cáo 6 tháng gửi trước ngày 10/6 và báo cáo năm gửi trước ngày 10/12 hằng năm``."""
    d1, d2 = w.rng.choice(((10, 6), (15, 6), (31, 5))), w.rng.choice(((10, 12), (15, 12), (30, 11)))
    s, e = w.put(f"Báo cáo 6 tháng gửi trước ngày {d1[0]}/{d1[1]}")
    w.deadlines.append({"what": "Báo cáo 6 tháng", "due": f"--{d1[1]:02d}-{d1[0]:02d}", "quote": None, "start": s,
                        "end": e, "section": w.section, "recurring": "annual"})
    w.put(" và ")
    s, e = w.put(f"báo cáo năm gửi trước ngày {d2[0]}/{d2[1]}")
    w.deadlines.append({"what": "Báo cáo năm", "due": f"--{d2[1]:02d}-{d2[0]:02d}", "quote": None, "start": s,
                        "end": e, "section": w.section, "recurring": "annual"})
    w.put(" hằng năm")


def target_sentence(w: Writer, what: str, year: int) -> None:
    """``Phấn đấu đến năm 2025 đạt 60% ...; đến năm 2030 đạt 75%.``"""
    rng = w.rng
    y1 = rng.choice((year + 1, year + 2, 2025 if year < 2025 else year + 1))
    v1 = rng.choice((30, 40, 50, 60, 70, 80, 90, 100))
    w.put("Phấn đấu ")
    s, e = w.put(f"đến năm {y1} đạt {v1}%")
    w.targets.append({"what": what, "value": f"{v1}%", "year": y1, "quote": None, "start": s, "end": e,
                      "section": w.section})
    w.put(f" {what}")
    if rng.random() < 0.6 and v1 < 100:
        y2 = y1 + 5
        v2 = min(100, v1 + rng.choice((5, 10, 15)))
        w.put("; ")
        s, e = w.put(f"đến năm {y2} đạt {v2}%")
        w.targets.append({"what": what, "value": f"{v2}%", "year": y2, "quote": None, "start": s, "end": e,
                          "section": w.section})
    w.put(".\n\n")


# --- phrase pools (invented wording, no agency or instrument names in them) -----------

PURPOSES = (
    "Cụ thể hóa các nhiệm vụ, giải pháp về {field} phù hợp với điều kiện thực tế của địa phương.",
    "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức và người lao động trong thực hiện {field}.",
    "Tạo chuyển biến rõ nét về nhận thức và hành động trong tổ chức thực hiện {field} trên địa bàn.",
    "Xác định rõ nội dung, thời hạn hoàn thành và trách nhiệm của các cơ quan trong triển khai thực hiện.",
    "Bảo đảm sự phối kết hợp chặt chẽ, đồng bộ trong quá trình tổ chức thực hiện; kịp thời sơ kết, đánh giá kết quả.",
    "Huy động sự tham gia của toàn xã hội, gắn với thực hiện các mục tiêu phát triển kinh tế - xã hội của địa phương.",
)
REQUIREMENTS = (
    "Việc triển khai phải bảo đảm thiết thực, hiệu quả, tránh hình thức, phù hợp với chức năng, nhiệm vụ được giao.",
    "Thường xuyên theo dõi, kiểm tra, đánh giá tiến độ thực hiện; kịp thời đề xuất điều chỉnh khi cần thiết.",
    "Lồng ghép các nội dung về {field} trong quá trình xây dựng và thực hiện nhiệm vụ chuyên môn.",
    "Ưu tiên bố trí nguồn lực cho các hoạt động trọng tâm, có tác động rộng trong cộng đồng.",
)
TASKS = (
    "Tăng cường công tác thông tin, tuyên truyền, phổ biến chính sách, pháp luật về {field}",
    "Nâng cao năng lực, hiệu quả quản lý nhà nước về {field}",
    "Duy trì, nhân rộng các mô hình hỗ trợ, can thiệp có hiệu quả tại cộng đồng",
    "Tổ chức tập huấn, bồi dưỡng kiến thức, kỹ năng cho đội ngũ cán bộ làm công tác {field}",
    "Kiện toàn tổ chức bộ máy và đội ngũ cộng tác viên ở cơ sở",
    "Đẩy mạnh ứng dụng công nghệ thông tin trong thu thập, cập nhật cơ sở dữ liệu",
    "Thực hiện tốt công tác kiểm tra, giám sát việc thực thi chính sách, pháp luật",
)
DETAILS = (
    "Đa dạng hóa hình thức truyền thông, chú trọng địa bàn vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số.",
    "Biên soạn, phát hành tài liệu hướng dẫn nghiệp vụ phù hợp với từng nhóm đối tượng.",
    "Tổ chức đối thoại chính sách, tọa đàm, hội thi tìm hiểu với sự tham gia của đông đảo người dân.",
    "Rà soát, cập nhật số liệu thống kê, bảo đảm thông tin đầy đủ, chính xác, kịp thời.",
    "Phát hiện, biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu.",
    "Lồng ghép nội dung {field} vào các hoạt động chuyên môn thường xuyên.",
    "Tăng cường trao đổi, học tập kinh nghiệm giữa các địa phương, đơn vị.",
    "Chú trọng hỗ trợ phụ nữ, trẻ em và các nhóm yếu thế tiếp cận các dịch vụ xã hội cơ bản.",
)
ITEM_TASKS = (
    "hướng dẫn, đôn đốc, kiểm tra việc triển khai thực hiện",
    "tổ chức tuyên truyền, phổ biến chính sách, pháp luật về {field}",
    "tham mưu bố trí kinh phí thực hiện các nhiệm vụ được giao",
    "lồng ghép nội dung {field} vào các nhiệm vụ chuyên môn của ngành",
    "thống kê, cập nhật số liệu và đánh giá kết quả thực hiện các chỉ tiêu",
    "rà soát, đánh giá đội ngũ cán bộ nữ trong quy hoạch các chức danh lãnh đạo, quản lý",
    "đưa tin, bài phản ánh kết quả triển khai trên các phương tiện thông tin đại chúng",
    "vận động các nguồn lực hỗ trợ thực hiện các hoạt động",
    "tổ chức các lớp tập huấn nâng cao năng lực cho đội ngũ cán bộ cơ sở",
    "triển khai các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới",
)
TARGET_WHAT = {
    "bdg": ("cán bộ, công chức, viên chức được bồi dưỡng kiến thức về bình đẳng giới",
            "xã, phường, thị trấn có nữ lãnh đạo chủ chốt", "cán bộ nữ trong diện quy hoạch các chức danh lãnh đạo"),
    "bltg": ("nạn nhân bị bạo lực trên cơ sở giới được phát hiện và được tư vấn, hỗ trợ",
             "xã, phường, thị trấn có mô hình phòng ngừa, ứng phó với bạo lực trên cơ sở giới"),
    "gdinh": ("hộ gia đình được tiếp cận thông tin về phòng, chống bạo lực gia đình",
              "người gây bạo lực gia đình được tư vấn, giáo dục"),
    "treem": ("trẻ em có hoàn cảnh đặc biệt được trợ giúp", "xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em"),
    "gtks": ("người dân trong độ tuổi sinh đẻ được tuyên truyền về mất cân bằng giới tính khi sinh",
             "cơ sở y tế thực hiện đúng quy định về lựa chọn giới tính thai nhi"),
    "maidam": ("người bán dâm được tiếp cận dịch vụ hỗ trợ xã hội", "xã, phường, thị trấn không phát sinh tụ điểm mại dâm"),
    "muaban": ("nạn nhân bị mua bán được tiếp nhận, xác minh và hỗ trợ", "người dân vùng có nguy cơ cao được tuyên truyền"),
    "nkt": ("người khuyết tật được tiếp cận dịch vụ y tế", "người khuyết tật trong độ tuổi lao động được hỗ trợ việc làm"),
}
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Thị Thanh", "Công")
GIVEN = ("Anh", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Khoa", "Lan", "Long", "Mai", "Nam",
         "Phong", "Quang", "Sơn", "Tâm", "Thành", "Trung", "Tuấn", "Vân", "Việt", "Thủy", "Hòa")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _para(w: Writer, pool, n: int, theme: Theme) -> None:
    picks = w.rng.sample(pool, min(n, len(pool)))
    w.put(" ".join(p.replace("{field}", theme.field) for p in picks) + "\n\n")


# --- document parts ------------------------------------------------------------------------


@dataclass
class Head:
    """What the header says (for the truth)."""

    doc_type: str
    symbol: str | None
    date: date
    place: str
    issuer: str
    jurisdiction: str
    issuer_lines: tuple[str, ...]
    title: str | None = None  # plans: the line(s) under the kind word; letters: V/v
    kind_word: str | None = None


def _motto(w: Writer) -> tuple[str, str]:
    dash = w.rng.choice((" - ", " – "))
    return "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f"Độc lập{dash}Tự do{dash}Hạnh phúc"


def write_header(w: Writer, h: Head, *, title_parts=None, vv_parts=None) -> dict:
    """Header, kind line and title (plans) or V/v (letters). Returns the truth fields."""
    rng, st = w.rng, w.style
    out: dict = {}
    blank = "\n\n" if rng.random() < 0.2 else ""
    w.put(blank)
    motto = _motto(w)
    symbol_written = h.symbol if rng.random() < 0.9 else h.symbol.replace("/", " /", 1)
    sym_line = f"Số: {symbol_written}" if rng.random() < 0.9 else f"Số:{symbol_written}"
    date_line = f"{h.place}, {_header_date(h.date, rng)}"
    out["start"] = w.pos
    if st.table_header and vv_parts is None and len(h.issuer_lines) == 2:
        w.put(f"{h.issuer_lines[0]} | {motto[0]}\n{h.issuer_lines[1]} | {motto[1]}\n\n{sym_line} | {date_line}\n\n")
    else:
        w.put("\n".join(h.issuer_lines) + "\n")
        if st.rules:
            w.put("-------\n")
        w.put("\n")
        if vv_parts is not None:
            w.put(sym_line + "\n\n")
            out["title"] = _write_vv(w, vv_parts)
            w.put("\n\n")
            w.put(f"{motto[0]}\n{motto[1]}\n" + ("---------------\n" if st.rules else "") + "\n")
            w.put(date_line + "\n\n")
        else:
            w.put(f"{motto[0]}\n{motto[1]}\n" + ("---------------\n" if st.rules else "") + "\n")
            w.put(sym_line + "\n\n")
            w.put(date_line + "\n\n")
    if title_parts is not None:
        w.put("## **KẾ HOẠCH**\n\n" if st.markdown else "KẾ HOẠCH\n")
        if st.markdown:
            w.put("### **")
        out["title"] = _write_title(w, title_parts)
        w.put("**\n\n" if st.markdown else "\n\n")
    return out


def _write_title(w: Writer, parts) -> tuple[int, int]:
    """The title line; a citation in it is ``implements`` with section ``title``."""
    prefix, ref, suffix = parts
    s, _ = w.put(prefix)
    if ref is not None:
        cite(w, ref, relation="implements", section="title", subject=False, with_date=w.rng.random() < 0.4,
             with_issuer=True)
    _, e = w.put(suffix)
    return s, e


def _write_vv(w: Writer, parts) -> tuple[int, int]:
    """``V/v đôn đốc thực hiện Kế hoạch số ...`` (the span excludes ``V/v`` and the full stop)."""
    prefix, ref, suffix = parts
    w.put("V/v ")
    s, _ = w.put(prefix)
    if ref is not None:
        cite(w, ref, relation="implements", section="title", subject=False, with_issuer=True)
    _, e = w.put(suffix)
    if w.rng.random() < 0.3:
        w.put(".")
    return s, e


def write_copies(w: Writer, entries: list[str]) -> list[str]:
    """``Nơi nhận:`` and its entries (as written, without ``- `` and ``;``)."""
    if w.style.markdown:
        w.put("### **Nơi nhận:**\n\n" if w.rng.random() < 0.5 else "**Nơi nhận:**\n")
    else:
        w.put("Nơi nhận:\n")
    spans = []
    for i, e in enumerate(entries):
        w.put("- ")
        spans.append(w.put(w.d(e)))
        w.put(("." if i == len(entries) - 1 else ";") + "\n")
    w.put("\n")
    text = w.text()
    return [text[s:e] for s, e in spans]


def write_signature(w: Writer, lines: list[str], name: str) -> dict:
    md = w.style.markdown
    if md:
        w.put("**")
    s0, _ = w.put("\n".join(lines))
    if md:
        w.put("**")
    w.put("\n\n" + ("\n\n" if w.rng.random() < 0.3 else ""))
    if md:
        w.put("**")
    s, e = w.put(name)
    if md:
        w.put("**")
    w.put("\n")
    text = w.text()
    written = text[s0:s0 + len("\n".join(lines))].split("\n")
    position = written[-1]
    on_behalf = " / ".join(written[:-1]) or None
    return {"name": text[s:e], "position": position, "on_behalf": on_behalf, "start": s, "end": e}


def _province_lines(prov: Province, rng: random.Random) -> tuple[str, ...]:
    return ("ỦY BAN NHÂN DÂN", f"{prov.kind.upper()} {prov.name.upper()}")


def _parent_line(prov: Province, rng: random.Random) -> str:
    return (f"UBND {prov.kind.upper()} {prov.name.upper()}" if rng.random() < 0.7
            else f"ỦY BAN NHÂN DÂN {prov.kind.upper()} {prov.name.upper()}")


def _truth_doc(w: Writer, h: Head, head: dict, signer: dict, *, addressed=(), copies=()) -> tuple[dict, str]:
    """The truth of the document just written, and its text."""
    text = w.text()
    t = head.get("title")
    title = " ".join(text[t[0]:t[1]].split()) if t else None
    doc = {
        "doc_type": h.doc_type, "symbol": h.symbol, "date": _iso(h.date),
        "place": old_tone_marks(h.place) if w.style.old_tone else h.place, "issuer": h.issuer,
        "jurisdiction": h.jurisdiction, "title": title, "title_span": list(t) if t else None,
        "signer": signer, "span": [head["start"], signer["end"]],
        "addressed_to": list(addressed), "copied_to": list(copies),
    }
    for key in ("citations", "responsibilities", "deadlines", "targets"):
        rows = getattr(w, key)
        for r in rows:
            r["agency" if key == "responsibilities" else "quote"] = text[r["start"]:r["end"]]
        doc[key] = sorted(rows, key=lambda r: (r["start"], r["end"]))
    return doc, text


# --- the documents ------------------------------------------------------------------------------


@dataclass
class Registry:
    """What has been issued so far (documents cite earlier ones)."""

    ministry: dict = field(default_factory=dict)  # year -> Ref of the guidance letter
    ministry_written: set = field(default_factory=set)  # symbols already written as files
    plans: dict = field(default_factory=dict)  # (province name, year) -> list of plan records
    decisions: dict = field(default_factory=dict)  # (province name, department code) -> Ref
    numbers: dict = field(default_factory=dict)  # (issuer, year, kind) -> last number


def _number(reg: Registry, key, rng: random.Random, lo: int, hi: int) -> int:
    last = reg.numbers.get(key)
    n = rng.randint(lo, hi) if last is None else last + rng.randint(1, max(2, (hi - lo) // 40))
    reg.numbers[key] = n
    return n


def _ministry_letter_ref(reg: Registry, year: int, rng: random.Random) -> Ref:
    ref = reg.ministry.get(year)
    if ref is None:
        d = date(year, rng.randint(1, 3), rng.randint(1, 28))
        n = _number(reg, ("LĐTBXH", year, "CV"), rng, 100, 600)
        ref = Ref("Công văn", symbol=f"{n}/LĐTBXH-BĐG", date=_iso(d), issuer=MINISTRY, issuer_forms=MINISTRY_FORMS,
                  subject=(f"về việc hướng dẫn triển khai công tác bình đẳng giới năm {year}", None, ""), slip_ok=True)
        reg.ministry[year] = ref
    return ref


def _pick_national(theme: Theme, before: date, rng: random.Random, *, exclude=()) -> Ref | None:
    numbered, _ = theme_pools()[theme.key]
    ok = [r for r in numbered if r.date and r.date < _iso(before) and r.symbol not in exclude]
    if not ok:
        numbered, _ = theme_pools()["bdg"]
        ok = [r for r in numbered if r.date and r.date < _iso(before) and r.symbol not in exclude]
    return rng.choice(ok) if ok else None


def _pick_named(theme: Theme, before: date, rng: random.Random, types=NAMED_TYPES) -> Ref | None:
    _, named = theme_pools()[theme.key]
    ok = [r for r in named if r.doc_type in types and (not r.date or r.date < _iso(before))
          and not any(y > before.year for y in map(int, re.findall(r"\b(20\d\d)\b", r.name or "")[:1]))]
    return rng.choice(ok) if ok else None


def _local_ref(doc_type: str, symbol: str, d: date, prov: Province, *, issuer: str, issuer_forms, subject=None,
               implements=None) -> Ref:
    return Ref(doc_type, symbol=symbol, date=_iso(d), issuer=issuer, issuer_forms=tuple(issuer_forms),
               subject=subject, implements=implements, province=prov)


def _ubnd_forms(prov: Province) -> tuple[str, ...]:
    return (f"UBND {prov.kind}", f"Ủy ban nhân dân {prov.kind}", f"UBND {prov.kind} {prov.name}",
            f"Ủy ban nhân dân {prov.kind} {prov.name}")


def province_plan(i: int, rng: random.Random, reg: Registry, prov: Province, year: int, style: Style):
    theme = rng.choice(themes()) if rng.random() < 0.45 else themes()[0]
    w = Writer(style, rng)
    d = date(year, rng.randint(1, 11), rng.randint(1, 28))
    n = _number(reg, (prov.name, year, "KH-UBND"), rng, 10, 400)
    symbol = f"{n}/KH-UBND"
    national = _pick_national(theme, d - timedelta(days=20), rng)
    ministry = _ministry_letter_ref(reg, year, rng) if theme.key == "bdg" and rng.random() < 0.6 else None
    if ministry and ministry.date >= _iso(d):
        ministry = None
    # title: carries out a national instrument, a named strategy, or the year's work
    r = rng.random()
    named_target = _pick_named(theme, d, rng, types=("Chiến lược", "Chương trình", "Đề án"))
    where = f"trên địa bàn {prov.kind} {prov.name}"
    if r < 0.35 and national is not None:
        title_parts = ("Thực hiện ", replace(national, subject=None), f" {where}")
        implemented = national
    elif r < 0.55 and named_target is not None:
        title_parts = ("Thực hiện ", named_target, f" {where}")
        implemented = named_target
    else:
        label = theme.label[0].upper() + theme.label[1:]
        title_parts = (f"Triển khai {theme.label} {where} năm {year}" if rng.random() < 0.5
                       else f"{label} {prov.kind} {prov.name} năm {year}", None, "")
        implemented = None
    h = Head("Kế hoạch", symbol, d, prov.place, prov.issuer, prov.name, _province_lines(prov, rng))
    head = write_header(w, h, title_parts=title_parts)
    # preamble
    w.section = "preamble"
    law = _law("Luật Tổ chức chính quyền địa phương")
    if law and rng.random() < 0.6:
        w.put("Căn cứ ")
        cite(w, law, relation="based_on", with_date=True)
        w.put(";\n\n")
    theme_law = _pick_named(theme, d, rng, types=("Luật", "Bộ luật"))
    if theme_law and rng.random() < 0.5:
        w.put("Căn cứ ")
        cite(w, theme_law, relation="based_on")
        w.put(";\n\n")
    basis = _pick_national(theme, d, rng, exclude=(national.symbol,) if national else ())
    if basis is not None and rng.random() < 0.5:
        w.put("Căn cứ ")
        cite(w, basis, relation="based_on")
        w.put(";\n\n")
    together = rng.random() < 0.4  # "Thực hiện A; B;" in one clause (gold 000 preamble)
    if national is not None and (implemented is national or rng.random() < 0.6):
        w.put("Thực hiện ")
        cite(w, national, relation="implements")
        w.put("; " if together and ministry is not None else ";\n\n")
    else:
        together = False
    if ministry is not None:
        if not together:
            w.put("Thực hiện ")
        cite(w, ministry, relation="implements", lower=rng.random() < 0.3, bare_number=rng.random() < 0.15)
        w.put(";\n\n")
    lead = theme.lead
    lead_kind = agency_kinds()[lead]
    if lead_kind.code and rng.random() < 0.6:
        dd = d - timedelta(days=rng.randint(5, 30))
        tn = _number(reg, (prov.name, dd.year, f"TTr-{lead_kind.code}"), rng, 10, 300)
        w.put("Theo đề nghị của ")
        agency(w, lead, prov, role=None, full=True)
        w.put(" tại ")
        canonical = _fill(lead_kind.canonical, prov, w)
        cite(w, _local_ref("Tờ trình", f"{tn}/TTr-{lead_kind.code}", dd, prov, issuer=canonical, issuer_forms=()),
             relation="proposed_by", with_issuer=False)
        w.put(f", Ủy ban nhân dân {prov.kind} ban hành Kế hoạch thực hiện như sau:\n\n")
    else:
        w.put(f"Ủy ban nhân dân {prov.kind} ban hành Kế hoạch {theme.label} năm {year}, cụ thể như sau:\n\n")
    # I
    w.section = "I"
    w.heading("I", "MỤC ĐÍCH, YÊU CẦU", level="roman")
    w.section = "I.1"
    w.heading("1", "Mục đích", level="arabic")
    _para(w, PURPOSES, rng.randint(2, 3), theme)
    w.section = "I.2"
    w.heading("2", "Yêu cầu", level="arabic")
    _para(w, REQUIREMENTS, rng.randint(1, 3), theme)
    # II
    w.section = "II"
    w.heading("II", rng.choice(("NHIỆM VỤ, GIẢI PHÁP", "NỘI DUNG THỰC HIỆN", "NHIỆM VỤ TRỌNG TÂM")), level="roman")
    tasks = rng.sample(TASKS, rng.randint(2, 5))
    target_at = rng.randint(1, len(tasks) + 1)
    k = 0
    for j, task in enumerate(tasks, 1):
        if j == target_at:
            k += 1
            w.section = f"II.{k}"
            w.put(f"{k}. ")
            target_sentence(w, rng.choice(TARGET_WHAT.get(theme.key, TARGET_WHAT["bdg"])), year)
        k += 1
        w.section = f"II.{k}"
        w.put(f"{k}. {task.replace('{field}', theme.field)}\n\n")
        if rng.random() < 0.5:
            w.put("- ")
            ref = _pick_named(theme, d, rng) if rng.random() < 0.5 else _pick_national(theme, d, rng)
            if ref is not None:
                w.put("Tiếp tục triển khai có hiệu quả ")
                cite(w, ref, relation="cites")
                w.put(". ")
            _para(w, DETAILS, rng.randint(1, 2), theme)
        if rng.random() < 0.7:
            w.put("- ")
            _para(w, DETAILS, rng.randint(1, 3), theme)
    if target_at == len(tasks) + 1:
        k += 1
        w.section = f"II.{k}"
        w.put(f"{k}. ")
        target_sentence(w, rng.choice(TARGET_WHAT.get(theme.key, TARGET_WHAT["bdg"])), year)
    # III
    w.section = "III"
    w.heading("III", "KINH PHÍ THỰC HIỆN", level="roman")
    w.put("Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của các cơ quan, đơn vị theo phân cấp")
    tt = next((r for r in national_pool() if r.symbol == "191/2009/TT-BTC"), None)
    if tt is not None and theme.key == "bdg" and rng.random() < 0.5:
        w.put(" và theo quy định tại ")
        cite(w, tt, relation="cites", subject=False)
    w.put(".\n\n")
    # IV
    w.section = "IV"
    w.heading("IV", "TỔ CHỨC THỰC HIỆN", level="roman")
    _assignments(w, prov, theme, d, lead)
    w.section = "IV"
    w.put("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, ")
    group(w, next(g for g in _related(prov) if g.written.startswith("các cơ quan, đơn vị")), prov,
          role="assigned", optional="conditional_reporting")
    w.put(" báo cáo về ")
    agency_text = f"Ủy ban nhân dân {prov.kind}" if rng.random() < 0.5 else f"UBND {prov.kind}"
    s, e = w.put(agency_text)
    w.responsibilities.append({"agency": agency_text, "start": s, "end": e, "canonical": prov.issuer, "role": "assigned",
                               "section": "IV", "optional": True, "optional_reason": "conditional_reporting"})
    w.put(" (qua ")
    agency(w, lead, prov, role="assigned", section="IV", optional="conditional_reporting")
    w.put(") để xem xét, chỉ đạo./.\n\n")
    copies = write_copies(w, [MINISTRY_FORMS[2] + " (b/c)", f"TT {prov.party}, TT HĐND {prov.kind} (b/c)",
                              f"Chủ tịch, các PCT UBND {prov.kind}", f"Các sở, ban, ngành cấp {prov.kind}",
                              "UBND các huyện, thị xã, thành phố" if prov.kind == "tỉnh" else "UBND các quận, huyện",
                              "Lưu: VT, VX"])
    lines = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if rng.random() < 0.7 else \
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    signer = write_signature(w, lines, _person(rng))
    doc, text = _truth_doc(w, h, head, signer, copies=copies)
    title = doc["title"]
    # how later documents cite this plan
    if implemented is not None and implemented.symbol:
        subject = ("thực hiện ", replace(implemented, subject=None), "")
        impl = implemented.symbol
    elif implemented is not None:
        subject = ("thực hiện ", implemented, f" {where}")
        impl = implemented.name
    else:
        subject = ("về " + title[0].lower() + title[1:], None, "")
        impl = None
    ref = _local_ref("Kế hoạch", symbol, d, prov, issuer=prov.issuer, issuer_forms=_ubnd_forms(prov),
                     subject=subject, implements=impl)
    reg.plans.setdefault((prov.name, year), []).append({"ref": ref, "theme": theme, "lead": lead, "date": d})
    return doc, text


def _assignments(w: Writer, prov: Province, theme: Theme, d: date, lead: str) -> None:
    """The numbered items of TỔ CHỨC THỰC HIỆN, one agency each, with their roles."""
    rng = w.rng
    inside = [k for k, a in agency_kinds().items() if a.command == "in" and k != lead]
    outside = [k for k, a in agency_kinds().items() if a.command == "out"]
    others = rng.sample(inside, rng.randint(3, 8))
    requested = rng.sample(outside, rng.randint(1, 2))
    field_ = theme.field
    item = 0

    def start_item():
        nonlocal item
        item += 1
        w.section = f"IV.{item}"
        w.put(f"{item}. ")

    # 1. the lead
    start_item()
    agency(w, lead, prov, role="lead", full=True)
    w.put(": Chủ trì, phối hợp với ")
    partners = rng.sample(others, rng.randint(1, 2))
    for j, p in enumerate(partners):
        if j:
            w.put(", ")
        agency(w, p, prov, role="coordinate")
    w.put(" và ")
    group(w, rng.choice(_related(prov)), prov, role="coordinate")
    w.put(f" hướng dẫn, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân {prov.kind}. ")
    if rng.random() < 0.6:
        periodic_deadlines(w)
        w.put(".\n\n")
    else:
        deadline(w, "Báo cáo kết quả thực hiện", date(d.year, 12, rng.choice((10, 15))), lead="Báo cáo kết quả năm gửi")
        w.put(".\n\n")
    for who in others:
        start_item()
        style = rng.random()
        task = rng.choice(ITEM_TASKS).replace("{field}", field_)
        if style < 0.5:  # assigned
            agency(w, who, prov, role="assigned", full=rng.random() < 0.7)
            w.put(f": {task[0].upper() + task[1:]}")
            if rng.random() < 0.3:
                w.put("; ")
                deadline(w, "Báo cáo kết quả", d + timedelta(days=rng.randint(60, 200)))
            w.put(".\n\n")
        elif style < 0.7:  # lead of its own task
            agency(w, who, prov, role="lead", full=True)
            w.put(f": Chủ trì {task}")
            if rng.random() < 0.5:
                w.put("; ")
                deadline(w, "Báo cáo kết quả", d + timedelta(days=rng.randint(60, 200)))
            w.put(".\n\n")
        else:  # coordinate only
            agency(w, who, prov, role="coordinate", role_alt="assigned", full=True)
            w.put(": Phối hợp với ")
            agency(w, lead, prov, role="coordinate")
            w.put(f" {task}.\n\n")
    for who in requested:
        start_item()
        task = rng.choice(ITEM_TASKS[1:]).replace("{field}", field_)
        w.put("Đề nghị ")
        agency(w, who, prov, role="requested")
        if rng.random() < 0.5:
            w.put(f": {task[0].upper() + task[1:]}.\n\n")
        else:
            w.put(f" phối hợp {task}.\n\n")
    start_item()
    group(w, rng.choice(_districts(prov)), prov, role="assigned", capital=True)
    w.put(": Xây dựng kế hoạch triển khai thực hiện tại địa phương; định kỳ báo cáo kết quả về ")
    agency(w, lead, prov, role=None)
    w.put(" để tổng hợp.\n\n")


def department_plan(i, rng, reg: Registry, prov: Province, year: int, style: Style, parent: dict):
    codes = [k for k, a in agency_kinds().items() if a.code in {u.department for u in units()}]
    dept_key = parent["lead"] if parent["lead"] in codes else rng.choice(codes)
    dept = agency_kinds()[dept_key]
    dept_name = dept.written[0].replace("{d}", " - ")
    dept_canonical = _plain(dept.canonical, prov)
    w = Writer(style, rng)
    plan_ref: Ref = parent["ref"]
    d = parent["date"] + timedelta(days=rng.randint(7, 60))
    n = _number(reg, (prov.name, d.year, f"KH-{dept.code}"), rng, 5, 200)
    symbol = f"{n}/KH-{dept.code}"
    theme: Theme = parent["theme"]
    head_lines = (_parent_line(prov, rng), w.d(dept_name).upper())
    if rng.random() < 0.6:
        title_parts = ("Triển khai ", replace(plan_ref, subject=None, issuer_forms=(f"UBND {prov.kind}",)),
                       f" tại {dept_name}")
    else:
        title_parts = (f"Thực hiện {theme.label} năm {d.year} tại {dept_name}", None, "")
    h = Head("Kế hoạch", symbol, d, prov.place, dept_canonical, prov.name, head_lines)
    head = write_header(w, h, title_parts=title_parts)
    w.section = "preamble"
    key = (prov.name, dept.code)
    dec = reg.decisions.get(key)
    if dec is None:
        dy = rng.randint(2015, min(2021, d.year - 1))
        dd = date(dy, rng.randint(1, 12), rng.randint(1, 28))
        dn = _number(reg, (prov.name, dy, "QĐ-UBND"), rng, 10, 90)
        dec = _local_ref("Quyết định", f"{dn}/{dy}/QĐ-UBND", dd, prov, issuer=prov.issuer,
                         issuer_forms=_ubnd_forms(prov)[:2],
                         subject=((f"quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {dept_name} "
                                   f"{prov.kind} {prov.name}"), None, ""))
        reg.decisions[key] = dec
    if dec.date < _iso(d) and rng.random() < 0.7:
        w.put("Căn cứ ")
        cite(w, dec, relation="based_on")
        w.put(";\n\n")
    w.put("Thực hiện ")
    cite(w, plan_ref, relation="implements")
    w.put(";\n\n")
    w.put(f"{dept_name} ban hành Kế hoạch triển khai thực hiện như sau:\n\n")
    w.section = "I"
    w.heading("I", "MỤC ĐÍCH, YÊU CẦU", level="roman")
    _para(w, PURPOSES, 2, theme)
    _para(w, REQUIREMENTS, rng.randint(1, 2), theme)
    w.section = "II"
    w.heading("II", "NHIỆM VỤ CỤ THỂ", level="roman")
    tasks = rng.sample(TASKS, rng.randint(1, 3))
    k = 0
    for task in tasks:
        k += 1
        w.section = f"II.{k}"
        w.put(f"{k}. {task.replace('{field}', theme.field)}.\n\n")
        if rng.random() < 0.5:
            _para(w, DETAILS, rng.randint(1, 2), theme)
    k += 1
    w.section = f"II.{k}"
    w.put(f"{k}. ")
    target_sentence(w, rng.choice(TARGET_WHAT.get(theme.key, TARGET_WHAT["bdg"])), d.year)
    w.section = "III"
    w.heading("III", "TỔ CHỨC THỰC HIỆN", level="roman")
    named = [u for u in units() if u.department in ("*", dept.code) and not u.generic]
    gen = next(u for u in units() if u.generic)
    rng.shuffle(named)
    item = 0
    for j, u in enumerate(named):
        item += 1
        w.section = f"III.{item}"
        canonical = u.canonical.replace("{dept}", dept_canonical)
        own_line = rng.random() < 0.5
        w.put(f"{item}. ")
        s, e = w.put(u.written)
        entry = {"agency": None, "start": s, "end": e, "canonical": canonical, "section": w.section}
        w.responsibilities.append(entry)
        w.put("\n\n" if own_line else ": ")
        task = rng.choice(ITEM_TASKS).replace("{field}", theme.field)
        if j == 0 or (j < len(named) - 1 and rng.random() < 0.4):
            entry["role"] = "lead"
            w.put("Chủ trì, phối hợp với " if own_line else "chủ trì, phối hợp với ")
            partner = named[(j + 1) % len(named)]
            s2, e2 = w.put(partner.written)
            w.responsibilities.append({"agency": None, "start": s2, "end": e2,
                                       "canonical": partner.canonical.replace("{dept}", dept_canonical),
                                       "role": "coordinate", "section": w.section})
            if rng.random() < 0.4:
                w.put(" và ")
                s3, e3 = w.put(gen.written)
                w.responsibilities.append({"agency": None, "start": s3, "end": e3,
                                           "canonical": gen.canonical.replace("{dept}", dept_canonical),
                                           "role": "coordinate", "section": w.section, "generic": True})
            w.put(f" {task}; tổng hợp kết quả, tham mưu Giám đốc Sở ")
            deadline(w, "Báo cáo kết quả", d + timedelta(days=rng.randint(60, 200)), lead="báo cáo")
            w.put(".\n\n")
        elif rng.random() < 0.5:
            entry["role"] = "coordinate"
            entry["role_alt"] = "assigned"
            w.put("Phối hợp với " if own_line else "phối hợp với ")
            partner = named[0]
            s2, e2 = w.put(partner.written)
            w.responsibilities.append({"agency": None, "start": s2, "end": e2,
                                       "canonical": partner.canonical.replace("{dept}", dept_canonical),
                                       "role": "coordinate", "section": w.section})
            w.put(f" {task}.\n\n")
        else:
            entry["role"] = "assigned"
            w.put((task[0].upper() if own_line else task[0]) + task[1:] + ".\n\n")
    copies = write_copies(w, [f"UBND {prov.kind} (b/c)", "Giám đốc, các Phó Giám đốc Sở",
                              "Các phòng, ban, đơn vị thuộc Sở", "Lưu: VT, VP"])
    lines = ["GIÁM ĐỐC"] if rng.random() < 0.5 else ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    signer = write_signature(w, lines, _person(rng))
    return _truth_doc(w, h, head, signer, copies=copies)


def province_letter(i, rng, reg: Registry, prov: Province, year: int, style: Style, parent: dict):
    w = Writer(style, rng)
    plan_ref: Ref = parent["ref"]
    theme: Theme = parent["theme"]
    lead = parent["lead"]
    d = parent["date"] + timedelta(days=rng.randint(30, 200))
    n = _number(reg, (prov.name, d.year, "UBND-VX"), rng, 100, 9000)
    symbol = f"{n}/UBND-VX"
    inside = [k for k, a in agency_kinds().items() if a.command == "in" and k != lead]
    b, c, e_ = rng.sample(inside, 3)
    vv = ("đôn đốc thực hiện ", replace(plan_ref, subject=None,
                                        issuer_forms=(f"UBND {prov.kind}", f"Ủy ban nhân dân {prov.kind}")), "")
    h = Head("Công văn", symbol, d, prov.place, prov.issuer, prov.name, _province_lines(prov, rng))
    head = write_header(w, h, vv_parts=vv)
    # Kính gửi
    addressed = []
    w.put("Kính gửi:\n")
    for j, key in enumerate((lead, b, c)):
        w.put("- ")
        s, _ = w.put(_fill(agency_kinds()[key].written[0], prov, w))
        addressed.append(w.text()[s:w.pos])
        w.put(";\n")
    w.put("- ")
    g = _districts(prov)[1 if prov.kind == "tỉnh" else 0]
    s, _ = w.put(w.d(g.written))
    addressed.append(w.text()[s:w.pos])
    w.put(".\n\n")
    w.section = "preamble"
    pd = date.fromisoformat(plan_ref.date)
    w.put(f"Ngày {pd.day:02d}/{pd.month:02d}/{pd.year}, Ủy ban nhân dân {prov.kind} ban hành ")
    cite(w, plan_ref, relation="cites", with_date=False, with_issuer=False)
    w.put(". Qua theo dõi, đến nay việc triển khai ở một số địa phương còn chậm so với yêu cầu.\n\n")
    w.put(f"Để bảo đảm tiến độ, Chủ tịch Ủy ban nhân dân {prov.kind} có ý kiến chỉ đạo như sau:\n\n")
    w.section = "1"
    w.put("1. Giao ")
    agency(w, lead, prov, role="lead")
    w.put(" chủ trì, phối hợp với ")
    agency(w, b, prov, role="coordinate")
    w.put(" kiểm tra, đôn đốc việc thực hiện ")
    cite(w, replace(plan_ref, subject=None), relation="cites", with_date=False, with_issuer=False)
    w.put(f"; tổng hợp, tham mưu Ủy ban nhân dân {prov.kind} báo cáo {w.d(MINISTRY_FORMS[0])} kết quả năm {d.year} ")
    deadline(w, "Báo cáo kết quả năm", date(d.year, 12, rng.choice((10, 15, 20))), lead="gửi")
    w.put(".\n\n")
    w.section = "2"
    w.put("2. ")
    agency(w, c, prov, role="assigned", full=True)
    w.put(" khẩn trương hoàn thành các nhiệm vụ được giao, gửi kết quả về ")
    lead_written = agency(w, lead, prov, role=None)
    w.put(" ")
    deadline(w, "Gửi kết quả", min(date(d.year, 12, 31), d + timedelta(days=rng.randint(15, 40))), lead="",
             to=lead_written)
    w.put(".\n\n")
    w.section = "3"
    w.put("3. ")
    agency(w, e_, prov, role="coordinate", role_alt="assigned", full=True)
    w.put(" phối hợp với ")
    agency(w, lead, prov, role="coordinate")
    w.put(f" tham mưu bố trí kinh phí thực hiện năm {d.year + 1}.\n\n")
    item = 3
    if rng.random() < 0.7:
        item += 1
        w.section = str(item)
        w.put(f"{item}. ")
        group(w, g, prov, role="assigned", capital=True)
        w.put(" chưa ban hành kế hoạch khẩn trương ban hành, ")
        deadline(w, "Ban hành kế hoạch", min(date(d.year, 12, 31), d + timedelta(days=rng.randint(10, 30))), lead="gửi về trước")
        w.put(".\n\n")
    if rng.random() < 0.6:
        item += 1
        w.section = str(item)
        w.put(f"{item}. Đề nghị ")
        who = rng.choice([k for k, a in agency_kinds().items() if a.command == "out"])
        agency(w, who, prov, role="requested")
        w.put(f" phối hợp tuyên truyền, vận động thực hiện {theme.field}.\n\n")
    w.section = "closing"
    w.put("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo ")
    agency_text = f"Ủy ban nhân dân {prov.kind}"
    s, e = w.put(agency_text)
    w.responsibilities.append({"agency": agency_text, "start": s, "end": e, "canonical": prov.issuer, "role": "assigned",
                               "section": "closing", "optional": True, "optional_reason": "conditional_reporting"})
    w.put(" để xem xét, chỉ đạo./.\n\n")
    copies = write_copies(w, ["Như trên", f"Chủ tịch, các PCT UBND {prov.kind}", f"Hội LHPN {prov.kind} (để p/h)",
                              "Lưu: VT, VX"])
    lines = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if rng.random() < 0.6 else ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                                                                        "PHÓ CHỦ TỊCH"]
    signer = write_signature(w, lines, _person(rng))
    return _truth_doc(w, h, head, signer, addressed=addressed, copies=copies)


def cover_letter(i, rng, reg: Registry, prov: Province, year: int, style: Style):
    ministry = _ministry_letter_ref(reg, year, rng)
    w = Writer(style, rng)
    md = date.fromisoformat(ministry.date)
    d = md + timedelta(days=rng.randint(3, 20))
    unit = rng.choice(("KGVX", "VX"))
    n = _number(reg, (prov.name, d.year, "VP"), rng, 100, 3000)
    symbol = f"{n}/VP-{unit}"
    lines = (_parent_line(prov, rng), "VĂN PHÒNG")
    h = Head("Công văn", symbol, d, prov.place, f"Văn phòng Ủy ban nhân dân {prov.kind} {prov.name}", prov.name, lines)
    head = write_header(w, h, vv_parts=(f"triển khai thực hiện công tác bình đẳng giới năm {year}", None, ""))
    lead = "sldtbxh"
    w.put("Kính gửi: ")
    s, _ = w.put(_fill(agency_kinds()[lead].written[0], prov, w))
    addressed = [w.text()[s:w.pos]]
    w.put(".\n\n")
    w.section = "preamble"
    w.put(f"Ủy ban nhân dân {prov.kind} {prov.name} đã nhận ")
    cite(w, ministry, relation="attaches", with_date=True, with_issuer=True)
    w.put(" (đính kèm ")
    s, e = w.put("văn bản")
    w.citations.append({"doc_type": "Công văn", "symbol": None, "date": None, "issuer": None, "name": None,
                        "relation": "attaches", "section": "preamble", "start": s, "end": e, "optional": True,
                        "optional_reason": "anaphora"})
    w.put(").\n\n")
    w.put(f"Phó Chủ tịch UBND {prov.kind} {_person(rng)} có ý kiến chỉ đạo như sau:\n\n")
    w.section = "body"
    w.put("Giao ")
    agency(w, lead, prov, role="lead", full=rng.random() < 0.7)
    w.put(" chủ trì, phối hợp với ")
    group(w, next(g for g in _related(prov) if g.written.startswith("các sở, ban, ngành")), prov, role="coordinate")
    w.put(f" tổ chức thực hiện các nội dung theo đề nghị của {w.d(MINISTRY_FORMS[0])} tại ")
    s, e = w.put("văn bản nêu trên")
    w.citations.append({"doc_type": "Công văn", "symbol": None, "date": None, "issuer": None, "name": None,
                        "relation": "cites", "section": "body", "start": s, "end": e, "optional": True,
                        "optional_reason": "anaphora"})
    w.put(f"; đồng thời, tham mưu cho UBND {prov.kind} thực hiện các nội dung theo thẩm quyền.\n\n")
    w.put(f"Văn phòng Ủy ban nhân dân {prov.kind} thông báo ý kiến chỉ đạo trên đến quý cơ quan biết, thực hiện./.\n\n")
    copies = write_copies(w, ["Như trên", f"CT và các PCT UBND {prov.kind}", f"Các sở, ban, ngành cấp {prov.kind}",
                              "LĐVP; P. KGVX", "Lưu: VT"])
    signer = write_signature(w, ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], _person(rng))
    return _truth_doc(w, h, head, signer, addressed=addressed, copies=copies)


def ministry_letter(i, rng, reg: Registry, year: int, style: Style):
    ref = _ministry_letter_ref(reg, year, rng)
    if ref.symbol in reg.ministry_written:  # a further letter of the same year
        d = date.fromisoformat(ref.date) + timedelta(days=rng.randint(30, 250))
        n = _number(reg, ("LĐTBXH", year, "CV"), rng, 100, 600)
        subject = rng.choice((f"hướng dẫn tổ chức Tháng hành động vì bình đẳng giới năm {year}",
                              f"đề nghị báo cáo kết quả thực hiện công tác bình đẳng giới năm {year}",
                              f"hướng dẫn xây dựng kế hoạch và dự toán kinh phí năm {year + 1}"))
        ref = Ref("Công văn", symbol=f"{n}/LĐTBXH-BĐG", date=_iso(d), issuer=MINISTRY, issuer_forms=MINISTRY_FORMS,
                  subject=(f"về việc {subject}", None, ""), slip_ok=True)
    reg.ministry_written.add(ref.symbol)
    d = date.fromisoformat(ref.date)
    w = Writer(style, rng)
    lines = ("BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI") if rng.random() < 0.6 else (
        w.d("BỘ LAO ĐỘNG{d}THƯƠNG BINH VÀ XÃ HỘI"),)
    h = Head("Công văn", ref.symbol, d, "Hà Nội", MINISTRY, "national", lines)
    head = write_header(w, h, vv_parts=(ref.subject[0].removeprefix("về việc "), None, ""))
    w.put("Kính gửi: ")
    s, _ = w.put("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương")
    addressed = [w.text()[s:w.pos]]
    w.put(".\n\n")
    w.section = "preamble"
    theme = themes()[0]
    national = _pick_national(theme, d, rng)
    if national is not None:
        w.put("Thực hiện ")
        cite(w, national, relation="implements")
        w.put(f", {w.d(MINISTRY_FORMS[0])} đề nghị ")
    else:
        w.put(f"{w.d(MINISTRY_FORMS[0])} đề nghị ")
    s, e = w.put("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương")
    w.responsibilities.append({"agency": w.text()[s:e], "start": s, "end": e,
                               "canonical": "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                               "role": "requested", "section": "preamble", "generic": True})
    w.put(" quan tâm chỉ đạo thực hiện một số nội dung sau:\n\n")
    w.section = "1"
    w.put(f"1. Xây dựng và ban hành kế hoạch thực hiện công tác bình đẳng giới năm {year} của địa phương")
    named = _pick_named(theme, d, rng, types=("Chiến lược", "Chương trình"))
    if named is not None:
        w.put(", bám sát mục tiêu của ")
        cite(w, named, relation="cites")
    w.put(". ")
    _para(w, DETAILS, 2, theme)
    w.section = "2"
    w.put("2. Bố trí kinh phí thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ")
    tt = next((r for r in national_pool() if r.symbol == "191/2009/TT-BTC"), None)
    if tt is not None:
        w.put(" theo quy định tại ")
        cite(w, tt, relation="cites", subject=False)
    w.put(".\n\n")
    w.section = "3"
    w.put("3. Tổ chức các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới và phòng, chống bạo lực trên cơ sở "
          "giới từ ngày 15/11 đến ngày 15/12.\n\n")
    w.section = "4"
    to = w.d(MINISTRY_FORMS[0])
    w.put(f"4. Báo cáo kết quả thực hiện công tác bình đẳng giới năm {year} gửi về {to} (qua Vụ Bình đẳng giới) ")
    deadline(w, f"Báo cáo kết quả thực hiện công tác bình đẳng giới năm {year}", date(year, 12, rng.choice((10, 15))),
             to=to, lead="")
    w.put(".\n\n")
    w.section = "closing"
    w.put("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh về ")
    s, e = w.put(to)
    w.responsibilities.append({"agency": w.text()[s:e], "start": s, "end": e, "canonical": MINISTRY, "role": "assigned",
                               "section": "closing", "optional": True, "optional_reason": "conditional_reporting"})
    w.put(" để được hướng dẫn./.\n\n")
    copies = write_copies(w, ["Như trên", "Bộ trưởng (để b/c)", "Sở LĐTBXH các tỉnh, thành phố trực thuộc Trung ương",
                              "Lưu: VT, Vụ BĐG"])
    signer = write_signature(w, ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], _person(rng))
    return _truth_doc(w, h, head, signer, addressed=addressed, copies=copies)


# --- the corpus ---------------------------------------------------------------------------------


def _kind(rng: random.Random) -> str:
    total = sum(wt for _, wt in KIND_WEIGHTS)
    x = rng.random() * total
    for k, wt in KIND_WEIGHTS:
        x -= wt
        if x < 0:
            return k
    return KIND_WEIGHTS[-1][0]


def generate_corpus(n: int, *, seed: int = 0) -> Iterator[tuple[str, str, dict]]:
    """``n`` documents ``(filename, text, truth)``; the same bytes for the same seed."""
    reg = Registry()
    provs = provinces()
    for i in range(n):
        rng = random.Random(f"cancu-bench:{seed}:{i}")
        kind = _kind(rng)
        prov = rng.choice(provs)
        year = rng.choice(YEARS)
        style = draw_style(rng)
        parent = None
        if kind in ("department_plan", "province_letter"):
            plans = reg.plans.get((prov.name, year)) or []
            if not plans:
                # carry out a plan of this province from any year, else write the plan first
                options = sorted((k for k in reg.plans if k[0] == prov.name), key=lambda k: k[1])
                if options:
                    plans = reg.plans[rng.choice(options)]
            if plans:
                parent = rng.choice(plans)
                year = parent["date"].year
            else:
                kind = "province_plan"
        if kind == "province_plan":
            doc = province_plan(i, rng, reg, prov, year, style)
        elif kind == "department_plan":
            doc = department_plan(i, rng, reg, prov, year, style, parent)
        elif kind == "province_letter":
            doc = province_letter(i, rng, reg, prov, year, style, parent)
        elif kind == "cover_letter":
            doc = cover_letter(i, rng, reg, prov, year, style)
        else:
            doc = ministry_letter(i, rng, reg, year, style)
        yield _finish(i, kind, prov if kind != "ministry_letter" else None, style, doc)


def _finish(i, kind, prov, style, doc_and_text):
    doc, text = doc_and_text
    where = prov.slug if prov else "trung-uong"
    ext = ".md" if style.markdown else ".txt"
    name = f"{i:06d}_{FILE_PREFIX[kind]}_{where}_{doc['date'][:4]}{ext}"
    return name, text, {"file": name, "kind": kind, "documents": [doc]}
