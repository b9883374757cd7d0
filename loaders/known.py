"""Well-known instruments, so that mentions by name join the numbered node.

Plans cite famous instruments by name only: *Luật Bình đẳng giới* (Luật số
73/2006/QH11), *Bộ luật Lao động năm 2019* (45/2019/QH14), *Chiến lược quốc gia về
bình đẳng giới giai đoạn 2021-2030* (issued by Nghị quyết 28/NQ-CP). The facts live
in a data table, ``loaders/data/instruments.csv`` (every row says where each fact
comes from), which users extend with their own CSV or YAML files.

* :func:`load_known` reads the packaged table plus optional user files; a user row
  with the same symbol or name replaces the packaged one.
* :class:`KnownIndex` answers ``by_symbol`` and ``find_names``: every occurrence of a
  name or short name in a text, matched insensitively to tone-mark style, dash
  variants, case, spacing, commas and quotation marks, with offsets into the
  original text; the longest name wins.

Laws come in versions (*Luật Tổ chức Chính phủ* of 1992, 2001, 2015, 2025). A
versioned law's name without its year (``Luật Tổ chức Chính phủ``) is matched too;
the version is chosen by the year, date or symbol written right after the name
(``… ngày 19/6/2015``, ``… năm 2015``, ``… số 76/2015/QH13``), else by ``as_of`` (the
citing document's date: the latest version on or before it); a bare name that still
fits several versions is dropped, and :meth:`KnownIndex.scan` says so. The trailing
year or date itself is not part of the returned span: the caller may extend it.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from graphmodel.errors import AliasFileError
from graphmodel.normalize import (
    char_table,
    collapse_spaces,
    iso_date,
    modern_tone_marks,
    nfc,
    normalize_symbol,
    parse_date,
    symbol_key,
    unify_dashes,
)

#: The packaged table.
DATA_PATH = Path(__file__).resolve().parent / "data" / "instruments.csv"

#: Columns of the table (and keys of a YAML row), in file order.
COLUMNS = ("symbol", "doc_type", "date", "issuer", "name", "short_names", "promulgated_in", "source")

#: Types cited by name plus year or date, and passed in successive versions.
VERSIONED_TYPES = frozenset({"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"})

#: Characters that may separate the words of a name in a text, or be missing:
#: white space, quotation marks and commas (``phòng ngừa, ứng phó`` = ``phòng ngừa ứng phó``).
_SEP_CHARS = " \t\r\n\f\v\u00a0\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e,"
_SEP = "[" + re.escape(_SEP_CHARS) + "]*"
_SEP_RE = re.compile(_SEP)
#: The regex of names runs on the matching form with each separator character made a space
#: (:func:`_spaced`), so that a separator in it is `` *``: compiling the class ``_SEP`` (it has
#: characters beyond Latin-1) at each of the 1,700 word gaps of the names cost 0.16 s of CPU in
#: every process; `` *`` costs a tenth of that, and the replacing about 6 µs a page.
_SPACE_SEP = " *"
_OTHER_SEPS = tuple(c for c in _SEP_CHARS if c != " ")
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_OPEN_QUOTES = "\u201c\"\u00ab\u201e"
_CLOSING_QUOTE_RE = re.compile("[ \t]*[\u201d\"\u00bb]")

#: Letters that stand for ``đ`` in badly converted texts (Icelandic eth), and footnote
#: marks (``năm 2019¹``) that must not glue onto the last word of a name.
_CONFUSABLES = {"\u00d0": "đ", "\u00f0": "đ", **{c: " " for c in "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"}}

_YEAR_SUFFIX_RE = re.compile(r"^(?P<base>.*?\S)(?:\s+năm)?\s+(?P<year>(?:19|20)\d\d)$", re.IGNORECASE)
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# What may follow a law's name: ``ban hành ngày 30 tháng 9 năm 1992``, ``số 38/2019/QH14
# ngày 13/6/2019``, ``năm 2016``, ``2019``. Everything is optional.
_WS = r"[ \t\r\n]"
_TRAILING_RE = re.compile(
    rf"{_WS}*(?:[,(]{_WS}*)?"
    rf"(?:(?:được{_WS}+)?(?:quốc{_WS}+hội{_WS}+)?(?:ban{_WS}*hành|thông{_WS}*qua){_WS}+)?"
    rf"(?:số{_WS}*(?P<sym>\d+{_WS}*/{_WS}*\d{{4}}{_WS}*/{_WS}*[^\s,;.)]+)[ \t\r\n,]*)?"
    rf"(?:ngày{_WS}*(?P<date>.{{1,32}})"
    rf"|năm{_WS}*(?P<year>(?:19|20)\d\d)(?!\d)"
    rf"|(?P<bare>(?:19|20)\d\d)(?![\d/.\-]))?",
    re.IGNORECASE | re.DOTALL,
)


# --- the row ------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownInstrument:
    """One row of the table. Empty cells are ``None``; ``short_names`` is a tuple."""

    symbol: str | None = None
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    name: str
    short_names: tuple[str, ...] = ()
    promulgated_in: str | None = None
    source: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and the short names."""
        return (self.name, *self.short_names)

    @property
    def versioned(self) -> bool:
        return self.doc_type in VERSIONED_TYPES

    @property
    def year(self) -> int | None:
        """Year of issue: from ``date``, else (laws only) from a trailing ``năm YYYY``."""
        if self.date:
            return int(self.date[:4])
        if self.versioned:
            for form in self.forms:
                m = _YEAR_SUFFIX_RE.match(form)
                if m:
                    return int(m["year"])
        return None

    @property
    def base_forms(self) -> tuple[str, ...]:
        """For laws: the forms with their trailing year dropped (``Luật Xây dựng``)."""
        if not self.versioned:
            return ()
        out = []
        for form in self.forms:
            m = _YEAR_SUFFIX_RE.match(form)
            if m and len(m["base"].split()) >= 3:
                out.append(m["base"])
        return tuple(out)


# --- normalisation with offsets ----------------------------------------------------


def _fold_char(ch: str) -> str:
    ch = _CONFUSABLES.get(ch, ch)
    low = ch.lower()
    return low if len(low) == 1 else ch


#: one dash, then ``_fold_char``: one character for one (a ``str.translate`` table)
_MATCH_FOLD = char_table(lambda c: _fold_char(unify_dashes(c)))
#: characters where ``_fold_char`` is not ``str.lower``: the confusables, and the capital sigma
#: (``str.lower`` of a whole string writes a final sigma at a word's end)
_FOLD_SPECIAL_RE = re.compile("[" + re.escape("".join(_CONFUSABLES) + "\u03a3") + "]")


def _match_fold(s: str) -> str:
    """``_fold_char`` of each character of ``s`` after ``unify_dashes``.

    ``str.lower`` gives the same when it keeps the length (every character lowered to one)
    and no special character is present; else the per-character table.
    """
    s = unify_dashes(s)
    low = s.lower()
    if len(low) == len(s) and not _FOLD_SPECIAL_RE.search(s):
        return low
    return s.translate(_MATCH_FOLD)


#: characters that are neither combining nor changed by NFC on their own (filled as seen)
_PLAIN_CHARS: set[str] = set()


def _plain(text: str) -> bool:
    """Every character of ``text`` is a cluster of its own that NFC leaves alone, so the
    clusters of :func:`normalize_with_offsets` are the characters themselves."""
    seen = set(text)
    if seen <= _PLAIN_CHARS:
        return True
    new = seen - _PLAIN_CHARS
    if any(unicodedata.combining(c) or unicodedata.normalize("NFC", c) != c for c in new):
        return False
    _PLAIN_CHARS.update(new)
    return True


def normalize_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """Matching form of ``text`` and, for each of its characters, the span in ``text``.

    The matching form is NFC, new-style tone marks, one kind of dash, lower case.
    ``starts[i]``/``ends[i]`` give the characters of the original text that
    character ``i`` comes from, so a match ``[a, b)`` maps back to
    ``[starts[a], ends[b - 1])``.
    """
    s, starts, ends = _match_form(text)
    return s, list(starts), list(ends)


def _match_form(text: str) -> tuple[str, Sequence[int], Sequence[int]]:
    """:func:`normalize_with_offsets` with the offsets as ranges when they are the identity."""
    n = len(text)
    if _plain(text):  # the usual case (NFC text): character i comes from character i
        s, starts, ends = text, range(n), range(1, n + 1)
    else:
        s, starts, ends = _clusters(text)
    toned = modern_tone_marks(s)
    if len(toned) == len(s):  # the tone table swaps letters in place
        s = toned
    return _match_fold(s), starts, ends


def _clusters(text: str) -> tuple[str, list[int], list[int]]:
    """Each base character with its combining marks, in NFC, and the span it came from."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = text[i:j]
        if j - i > 1 or not piece.isascii():
            piece = unicodedata.normalize("NFC", piece)
        for ch in piece:
            chars.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(chars), starts, ends


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The key two spellings of a name share (``Luật  bình đẳng giới`` = ``Luật Bình đẳng giới``)."""
    norm, _, _ = _match_form(nfc(name))
    return _SEP_RE.sub("", norm)


def _pattern(form: str) -> str:
    return "".join(_pattern_atoms(form))


def _pattern_atoms(form: str) -> tuple[str, ...]:
    """The pattern of a name as its pieces: each character (escaped), ``_SEP`` between words."""
    norm, _, _ = _match_form(nfc(form))
    tokens = [t for t in _TOKEN_RE.findall(norm) if t not in _SEP_CHARS]
    atoms: list[str] = []
    for k, t in enumerate(tokens):
        if k:
            atoms.append(_SEP)
        atoms.extend(re.escape(c) for c in t)
    return tuple(atoms)


def _spaced(s: str) -> str:
    """``s`` with each separator character (``_SEP_CHARS``) made a space; nothing else changes."""
    for c in _OTHER_SEPS:
        if c in s:
            s = s.replace(c, " ")
    return s


def _alternation(alts: list[tuple[str, ...]], sep: str = _SEP) -> str:
    """One regex for the patterns ``alts`` (as pieces) tried in the given order, with shared
    beginnings written once, so that the engine tests a few characters per position
    instead of every name.

    Alternatives are grouped by their first piece only when the first pieces are all single
    characters (different characters never match at the same place) or all the same; inside
    a group the given order is kept. The first alternative that lets the whole regex match
    is therefore the same as in ``alt1|alt2|…``.
    """
    if len(alts) == 1:
        return "".join(alts[0])
    firsts = [a[0] if a else None for a in alts]
    if None not in firsts and (len(set(firsts)) == 1 or sep not in firsts):
        groups: dict[str, list[tuple[str, ...]]] = {}
        for a in alts:
            groups.setdefault(a[0], []).append(a[1:])
        parts = [first + _alternation(rest, sep) for first, rest in groups.items()]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return "(?:" + "|".join("".join(a) for a in alts) + ")"


def _names_regex(alts: list[tuple[str, ...]], sep: str = _SEP) -> re.Pattern:
    r"""``(?<!\w)(?:alt1|alt2|…)(?!\w)`` for non-empty patterns, written so that each name
    starts with its first character (then ``(?<!\w.)``, the same test as ``(?<!\w)`` before
    it): the engine then skips to the places where some name can start. ``sep`` is the
    separator piece of the patterns."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for a in alts:
        groups.setdefault(a[0], []).append(a[1:])
    return re.compile("(?:" + "|".join(first + r"(?<!\w.)" + _alternation(rest, sep)
                                       for first, rest in groups.items())
                      + r")(?!\w)")


def _space_atoms(atoms: tuple[str, ...]) -> tuple[str, ...]:
    """The pieces of a pattern for :func:`_spaced` text: each ``_SEP`` made ``_SPACE_SEP``."""
    return tuple(_SPACE_SEP if a == _SEP else a for a in atoms)


# --- reading rows -------------------------------------------------------------------


def _clean(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return collapse_spaces(nfc(value))


def parse_row(mapping: Mapping[str, object], *, where: str, default_source: str = "") -> KnownInstrument:
    """One row (a CSV record or a YAML mapping) as a :class:`KnownInstrument`.

    Raises :class:`AliasFileError` naming ``where`` (``file:line``) and the fix.
    """
    unknown = [k for k in mapping if k is not None and _clean(k) and _clean(k) not in COLUMNS]
    if None in mapping:  # csv.DictReader puts cells beyond the header under None
        raise AliasFileError(f"{where}: more cells than columns; quote cells that contain a comma")
    if unknown:
        raise AliasFileError(
            f"{where}: unknown column(s) {', '.join(map(repr, unknown))}; "
            f"use only {', '.join(COLUMNS)}"
        )
    get = lambda key: _clean(mapping.get(key))  # noqa: E731
    name = get("name")
    if not name:
        raise AliasFileError(f"{where}: the row has no name; every row needs a 'name' (the full title)")
    date = get("date") or None
    if date:
        m = _ISO_RE.match(date)
        if not m or iso_date(m[3], m[2], m[1]) != date:
            raise AliasFileError(
                f"{where}: date {date!r} is not a real date in the form YYYY-MM-DD; "
                "write it like 2006-11-29, or leave it empty"
            )
    raw_short = mapping.get("short_names")
    if raw_short is None or raw_short == "":
        shorts: list[str] = []
    elif isinstance(raw_short, str):
        shorts = raw_short.split("|")
    elif isinstance(raw_short, (list, tuple)):
        shorts = [s for s in raw_short if s is not None]
    else:
        raise AliasFileError(
            f"{where}: short_names must be text separated by '|' or a list of texts, not {type(raw_short).__name__}"
        )
    seen = {name_key(name)}
    short_names = []
    for s in map(_clean, shorts):
        if s and name_key(s) not in seen:
            seen.add(name_key(s))
            short_names.append(s)
    return KnownInstrument(
        symbol=normalize_symbol(get("symbol")) or None,
        doc_type=get("doc_type") or None,
        date=date,
        issuer=get("issuer") or None,
        name=name,
        short_names=tuple(short_names),
        promulgated_in=normalize_symbol(get("promulgated_in")) or None,
        source=get("source") or default_source,
    )


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AliasFileError(f"{path}: no such file; check the path of the instrument file") from None
    except OSError as exc:
        raise AliasFileError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    try:
        return nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AliasFileError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8") from None


def _read_csv(path: Path, text: str) -> list[tuple[KnownInstrument, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [_clean(h) for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise AliasFileError(
            f"{path}:1: the header has no 'name' column; the first line must name the columns "
            f"({','.join(COLUMNS)})"
        )
    rows = []
    try:
        for record in reader:
            where = f"{path}:{reader.line_num}"
            cells = {(_clean(k) if k is not None else None): v for k, v in record.items()}
            if all(not _clean(v) for k, v in cells.items() if k is not None) and None not in cells:
                continue
            rows.append((parse_row(cells, where=where, default_source=where), where))
    except csv.Error as exc:
        raise AliasFileError(f"{path}:{reader.line_num}: {exc}; check the quotation marks of that line") from None
    return rows


def _read_yaml(path: Path, text: str) -> list[tuple[KnownInstrument, str]]:
    import yaml  # only for user files: importing it costs each process 12 ms

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise AliasFileError(f"{path}{line}: not valid YAML ({problem}); fix the indentation or quoting") from None
    if data is None:
        return []
    if not isinstance(data, list) or node is None or not isinstance(node, yaml.SequenceNode):
        raise AliasFileError(
            f"{path}:1: expected a list of instruments ('- name: …' items), got {type(data).__name__}"
        )
    rows = []
    for item, item_node in zip(data, node.value):
        where = f"{path}:{item_node.start_mark.line + 1}"
        if not isinstance(item, dict):
            raise AliasFileError(f"{where}: each item must be a mapping such as 'name: Luật Bình đẳng giới'")
        rows.append((parse_row({str(k): v for k, v in item.items()}, where=where, default_source=where), where))
    return rows


def read_instrument_file(path: str | Path) -> list[tuple[KnownInstrument, str]]:
    """Rows of one CSV or YAML file, each with its ``file:line``."""
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(path, text)
    return _read_csv(path, text)


def _same(a: KnownInstrument, b: KnownInstrument) -> bool:
    if a.symbol and b.symbol and symbol_key(a.symbol) == symbol_key(b.symbol):
        return True
    return name_key(a.name) == name_key(b.name)


def _as_paths(extra) -> list[Path]:
    if extra is None:
        return []
    if isinstance(extra, (str, Path)):
        return [Path(extra)]
    return [Path(p) for p in extra]


def load_known(path: str | Path | None = None, *, extra=None) -> tuple[KnownInstrument, ...]:
    """The packaged table (or ``path``), then each user file of ``extra`` in turn.

    A user row whose symbol or name equals an earlier row's replaces that row (in
    place); other user rows are added. Within one file, two rows for the same
    instrument are an error, and so is a name or short name claimed by two rows.
    """
    rows: list[KnownInstrument] = []
    where_of: dict[int, str] = {}

    def add(entries, *, override: bool):
        seen: list[tuple[KnownInstrument, str]] = []
        for inst, where in entries:
            for prev, prev_where in seen:
                if _same(prev, inst):
                    raise AliasFileError(
                        f"{where}: describes the same instrument as {prev_where} "
                        f"({prev.symbol or prev.name}); keep one of the two rows"
                    )
            seen.append((inst, where))
            hits = [i for i, r in enumerate(rows) if _same(r, inst)] if override else []
            if hits:
                rows[hits[0]] = inst
                where_of[hits[0]] = where
                for i in reversed(hits[1:]):
                    del rows[i]
                    _reindex(where_of, i)
            else:
                where_of[len(rows)] = where
                rows.append(inst)

    add(read_instrument_file(path or DATA_PATH), override=False)
    for p in _as_paths(extra):
        add(read_instrument_file(p), override=True)

    owner: dict[str, int] = {}
    for i, inst in enumerate(rows):
        for form in inst.forms:
            key = name_key(form)
            j = owner.setdefault(key, i)
            if j != i:
                raise AliasFileError(
                    f"{where_of[i]}: the name {form!r} is already a name of {rows[j].name!r} "
                    f"({where_of[j]}); use a more specific short name, or give the row the same "
                    "symbol or name to replace that one"
                )
    return tuple(rows)


def _reindex(where_of: dict[int, str], removed: int) -> None:
    items = sorted(where_of.items())
    where_of.clear()
    for i, w in items:
        if i < removed:
            where_of[i] = w
        elif i > removed:
            where_of[i - 1] = w


# --- the index ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dropped:
    """A name found in the text that was not resolved to one instrument, and why."""

    start: int
    end: int
    text: str
    reason: str
    candidates: tuple[KnownInstrument, ...] = ()


@dataclass(frozen=True, slots=True)
class NameScan:
    found: tuple[tuple[int, int, KnownInstrument], ...] = ()
    dropped: tuple[Dropped, ...] = ()


def _date_tuple(value: str | int | None, *, upper: bool) -> tuple[int, int, int] | None:
    """``2019-11-20`` → (2019, 11, 20); a year alone is its first (or last) day."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    m = _ISO_RE.match(s)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    if re.fullmatch(r"\d{4}", s):
        return (int(s), 12, 31) if upper else (int(s), 1, 1)
    iso = parse_date(s)
    if iso and not iso.startswith("--"):
        return int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    raise ValueError(f"as_of {value!r} is not a date (YYYY-MM-DD) or a year")


def _row_when(inst: KnownInstrument) -> tuple[int, int, int] | None:
    if inst.date:
        return _date_tuple(inst.date, upper=False)
    return (inst.year, 1, 1) if inst.year else None


@dataclass(frozen=True, slots=True)
class _Trailing:
    year: int | None = None
    symbol: str | None = None


def parse_trailing(text: str, end: int) -> _Trailing:
    """The year and symbol written right after a law's name ending at ``end``."""
    m = _TRAILING_RE.match(text, end)
    if not m:
        return _Trailing()
    year = None
    if m["date"]:
        iso = parse_date(m["date"])
        if iso and not iso.startswith("--"):
            year = int(iso[:4])
    elif m["year"] or m["bare"]:
        year = int(m["year"] or m["bare"])
    return _Trailing(year=year, symbol=normalize_symbol(m["sym"]) if m["sym"] else None)


#: :meth:`KnownIndex.scan` keeps the results for texts up to this length, this many at most
_SCAN_MEMO_LEN = 400
_SCAN_MEMO_SIZE = 4096


class KnownIndex:
    """Look-ups over a set of known instruments."""

    def __init__(self, rows: Iterable[KnownInstrument]):
        self.rows: tuple[KnownInstrument, ...] = tuple(rows)
        self._by_symbol: dict[str, KnownInstrument] = {}
        self._exact: dict[str, KnownInstrument] = {}
        self._base: dict[str, list[KnownInstrument]] = {}
        patterns: dict[str, tuple[str, ...]] = {}
        for inst in self.rows:
            if inst.symbol:
                prev = self._by_symbol.setdefault(symbol_key(inst.symbol), inst)
                if prev is not inst:
                    raise ValueError(f"two rows share the symbol {inst.symbol}: {prev.name!r} and {inst.name!r}")
            for form in inst.forms:
                key = name_key(form)
                prev = self._exact.setdefault(key, inst)
                if prev is not inst:
                    raise ValueError(f"{form!r} names both {prev.name!r} and {inst.name!r}")
                patterns.setdefault(key, _pattern_atoms(form))
            for form in inst.base_forms:
                key = name_key(form)
                bucket = self._base.setdefault(key, [])
                if inst not in bucket:
                    bucket.append(inst)
                patterns.setdefault(key, _pattern_atoms(form))
        alternatives = [_space_atoms(patterns[k]) for k in sorted(patterns, key=len, reverse=True) if patterns[k]]
        #: results of :meth:`scan` for short texts (a mention's name, met again in other files);
        #: a :class:`NameScan` holds tuples and frozen rows only
        self._memo: dict[tuple[str, str | int | None, type], NameScan] = {}
        #: runs on ``_spaced`` matching forms (see :meth:`_find`)
        self._regex = _names_regex(alternatives, _SPACE_SEP) if alternatives else None

    def _find(self, norm: str) -> Iterator[tuple[int, int]]:
        """Spans of the names in a matching form ``norm`` (the regex runs on ``_spaced(norm)``:
        the same length, the same separators, the same word characters)."""
        return (m.span() for m in self._regex.finditer(_spaced(norm)))

    @classmethod
    def load(cls, path: str | Path | None = None, *, extra=None) -> "KnownIndex":
        return cls(load_known(path, extra=extra))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[KnownInstrument]:
        return iter(self.rows)

    def by_symbol(self, symbol: str | None) -> KnownInstrument | None:
        """The row with this symbol (``QĐ-TTg`` = ``QĐ-TTG``, spacing and dashes ignored)."""
        if not symbol:
            return None
        return self._by_symbol.get(symbol_key(symbol))

    def candidates(self, name: str) -> tuple[KnownInstrument, ...]:
        """Every row a name (as a whole) could stand for, before choosing a version."""
        key = name_key(name)
        out = []
        if key in self._exact:
            out.append(self._exact[key])
        for inst in self._base.get(key, ()):
            if inst not in out:
                out.append(inst)
        return tuple(out)

    def by_name(self, name: str, *, as_of: str | int | None = None) -> KnownInstrument | None:
        """The row a whole name stands for, or ``None`` (unknown, or several versions fit)."""
        inst, _ = self._choose(self.candidates(name), _Trailing(), as_of)
        return inst

    def find_names(self, text: str, *, as_of: str | int | None = None) -> list[tuple[int, int, KnownInstrument]]:
        """Every known name in ``text`` as ``(start, end, instrument)``, offsets into ``text``."""
        return list(self.scan(text, as_of=as_of).found)

    def scan(self, text: str, *, as_of: str | int | None = None) -> NameScan:
        """Like :meth:`find_names`, and also the names dropped and why."""
        if self._regex is None or not text:
            return NameScan()
        short = len(text) <= _SCAN_MEMO_LEN
        if short:
            key = (text, as_of, type(as_of))  # 2019 and 2019.0 are equal keys but not equal as_of
            hit = self._memo.get(key)
            if hit is not None:
                return hit
        if as_of is not None:
            _date_tuple(as_of, upper=True)  # fail early on a malformed as_of
        found = self._scan(text, as_of)
        if short:
            if len(self._memo) >= _SCAN_MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def _scan(self, text: str, as_of) -> NameScan:
        norm, starts, ends = _match_form(text)
        found, dropped = [], []
        for a, b in self._find(norm):
            start, end = starts[a], ends[b - 1]
            cands = self.candidates(norm[a:b])
            if not cands:  # cannot happen: every alternative comes from a key
                continue
            trailing = parse_trailing(text, end) if any(c.versioned for c in cands) else _Trailing()
            inst, why = self._choose(cands, trailing, as_of)
            if inst is None:
                dropped.append(Dropped(start, end, text[start:end], why, cands))
                continue
            found.append((start, _with_closing_quote(text, start, end), inst))
        return NameScan(tuple(found), tuple(dropped))

    @staticmethod
    def _choose(cands: Sequence[KnownInstrument], trailing: _Trailing, as_of) -> tuple[KnownInstrument | None, str]:
        if not cands:
            return None, "unknown name"
        pool = list(cands)
        if trailing.symbol:
            same = [c for c in pool if c.symbol and symbol_key(c.symbol) == symbol_key(trailing.symbol)]
            pool = same or [c for c in pool if not (c.versioned and c.symbol)]
            if not pool:
                return None, f"no known version has the symbol {trailing.symbol} written after the name"
        if trailing.year:
            versioned = [c for c in pool if c.versioned]
            if versioned:
                exact = [c for c in versioned if c.year == trailing.year]
                unknown = [c for c in versioned if c.year is None]
                others = [c for c in pool if not c.versioned]
                pool = (exact or unknown) + others
                if not pool:
                    years = ", ".join(str(c.year) for c in versioned)
                    return None, f"the year {trailing.year} written after the name fits no known version ({years})"
        if as_of is not None:
            limit = _date_tuple(as_of, upper=True)
            before = [c for c in pool if _row_when(c) is None or _row_when(c) <= limit]
            if not before:
                return None, f"every candidate is later than as_of {as_of}"
            pool = before
            if len(pool) > 1:
                dated = [c for c in pool if _row_when(c) is not None]
                if len(dated) == len(pool):
                    latest = max(_row_when(c) for c in dated)
                    newest = [c for c in dated if _row_when(c) == latest]
                    if len(newest) == 1:
                        return newest[0], ""
        if len(pool) == 1:
            return pool[0], ""
        listed = "; ".join(f"{c.name} ({c.date or c.year or '?'})" for c in pool)
        return None, f"several versions fit ({listed}); write the year after the name or pass as_of"


def _with_closing_quote(text: str, start: int, end: int) -> int:
    """Take in the closing quotation mark of a quoted name (``Đề án “…”``)."""
    inside = text[start:end]
    opened = sum(inside.count(q) for q in _OPEN_QUOTES if q != '"') + inside.count('"') % 2
    closed = inside.count("\u201d") + inside.count("\u00bb")
    if opened > closed:
        m = _CLOSING_QUOTE_RE.match(text, end)
        if m:
            return m.end()
    return end


__all__ = [
    "COLUMNS",
    "DATA_PATH",
    "Dropped",
    "KnownIndex",
    "KnownInstrument",
    "NameScan",
    "VERSIONED_TYPES",
    "load_known",
    "name_key",
    "normalize_with_offsets",
    "parse_row",
    "parse_trailing",
    "read_instrument_file",
]
