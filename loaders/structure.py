"""The skeleton of Vietnamese administrative documents, as pure functions over text.

``parse_document(text, source)`` returns one :class:`~graphmodel.models.Document`
per document in the text (a cover letter and the letter it forwards are two):
header (issuing agency lines, ``Số:`` symbol, place and date, ``V/v`` subject),
kind and title, preamble clauses, the section tree of the body, ``Kính gửi``,
``Nơi nhận`` and the signature. Every span is an index into ``text``.

It assumes NFC text (``loaders.read`` gives that). Real files arrive with
Markdown markup (``## **I. ...**``), header tables flattened into ``|`` lines or
one word per line, both tone-mark styles and several dash characters; the
patterns below are written for those, not for one file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from rapidfuzz import fuzz

from graphmodel.agencies import NATIONAL, place_phrase, province_after_kind, province_of_place, standard_name
from graphmodel.models import Clause, Document, Line, Section, Signer
from graphmodel.normalize import (
    DATE_NUMERIC_RE,
    DATE_WORDS_RE,
    VN_LOWER,
    VN_UPPER,
    collapse_spaces,
    fold,
    iso_date,
    modern_tone_marks,
    normalize_symbol,
    unify_dashes,
)

from . import vocab

# --- lines -----------------------------------------------------------------

_MARKUP_LEAD = re.compile(r"[\s#>*_|]*")
_MARKUP_TRAIL = re.compile(r"[\s*_|\\]*$")


@dataclass(frozen=True, slots=True)
class _Ln:
    """A line of the text: its clean content (markup stripped) and spans."""

    start: int  # start of the clean content
    end: int  # end of the clean content
    text: str  # clean content
    raw_start: int
    raw_end: int


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[_Ln]:
    """Lines of ``text[start:end]`` with Markdown/table markup stripped at both ends.

    Flattened header tables (``A | B |``) are split into cells.
    """
    return list(iter_lines(text, start, end))


#: characters that ``_MARKUP_LEAD`` strips besides white space
_LEAD_MARKS = "#>*_|"


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[_Ln]:
    """:func:`split_lines` one line at a time, for readers that stop early (the header
    zone, the furniture after it, an addressee or copy list): the lines past the stop are
    never cut. A line that opens with no markup skips the ``_MARKUP_LEAD`` regex (``\\s`` of
    a ``str`` pattern is ``str.isspace``)."""
    end = len(text) if end is None else min(end, len(text))
    find = text.find
    pos = start
    while pos < end:
        nl = find("\n", pos, end)
        stop = end if nl < 0 else nl
        for cs, ce in ((pos, stop),) if find("|", pos, stop) < 0 else _cells(text, pos, stop):
            s = cs
            if cs < ce:
                c = text[cs]
                if c in _LEAD_MARKS or c.isspace():
                    s = _MARKUP_LEAD.match(text, cs, ce).end()
            e = ce
            while e > s and (text[e - 1] in " \t\r*_|\\"):
                e -= 1
            yield _Ln(s, e, text[s:e], cs, ce)
        pos = stop + 1


def _cells(text: str, s: int, e: int):
    """Split a line at ``|`` table separators."""
    line = text[s:e]
    if "|" not in line:
        yield s, e
        return
    pos = s
    for m in re.finditer(r"\|", line):
        yield pos, s + m.start()
        pos = s + m.end()
    yield pos, e


def _norm(s: str) -> str:
    if isinstance(s, str) and len(s) <= _NORM_CACHE_MAX_LEN:
        return _norm_cached(s)  # the same lines and vocabulary words are normalised over and over
    return collapse_spaces(unify_dashes(modern_tone_marks(s)))


_NORM_CACHE_MAX_LEN = 200


@lru_cache(maxsize=1 << 16)
def _norm_cached(s: str) -> str:
    return collapse_spaces(unify_dashes(modern_tone_marks(s)))


def _is_upper(s: str) -> bool:
    letters = list(filter(str.isalpha, s))
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.85


# --- header patterns ---------------------------------------------------------

SYMBOL_LINE_RE = re.compile(r"S[ốô]\s*(?:/\s*ký hiệu)?\s*:\s*(?P<sym>[^\n|]*?)\s*(?:\||$|\s{3,})", re.IGNORECASE | re.MULTILINE)
_SYMBOL_TOKEN_RE = re.compile(r"[\w\-–—/.&]+(?:\s*[/\-–—]\s*[\w\-–—/.&]+)*")
DATE_LINE_RE = re.compile(
    r"(?P<place>[^\n,|:;]{2,40}?(?:\n[^\n,|:;]{1,25}?)?),\s*(?P<when>ngày\b[^|]{0,40}?(?:năm\s*\d{4}|\d{4}))",
    re.IGNORECASE,
)
BLANK_DATE_RE = re.compile(r"ngày\s*(?:\.+|…+|_+)?\s*tháng\s*(?:\.+|…+|_+)?\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
VV_RE = re.compile(r"^\s*V/v\b\.?\s*:?\s*", re.IGNORECASE)
KINH_GUI_RE = re.compile(r"Kính\s+gửi\s*:?", re.IGNORECASE)
NOI_NHAN_RE = re.compile(r"N[ơo]i\s+nh[ậa]n\s*:?", re.IGNORECASE)
_KIND_WORDS = sorted((k.upper() for k in vocab.DOC_KINDS), key=len, reverse=True)
KIND_LINE_RE = re.compile(
    r"^(?P<kind>" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in _KIND_WORDS) + r")\b(?P<rest>.*)$",
    re.DOTALL,
)

_ROMAN = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
HEADING_RES = (
    ("article", re.compile(r"^(?P<label>Điều\s+(?P<n>\d+))\s*[.:]\s*")),
    ("roman", re.compile(r"^(?P<label>(?P<n>" + _ROMAN + r"))\s*[.\-/)]\s+(?=\S)")),
    # "1/ Mục tiêu" needs the space: "38/NQ-CP ngày …" opening a hard-wrapped line is a symbol
    ("arabic", re.compile(r"^(?P<label>(?P<n>\d{1,2}(?:\.\d{1,2})*))\s*(?:[.)]\s*|/\s+)(?=\S)(?!\d)")),
    ("letter", re.compile(r"^(?P<label>(?P<n>[a-zđ]))\s*[)\.]\s+(?=\S)")),
    ("dash", re.compile(r"^(?P<label>[-–—•·])\s*(?=[^\s\-–—_=.])")),  # "------" is a separator, not a bullet
    ("plus", re.compile(r"^(?P<label>\+)\s*(?=\S)")),
)
_RANK = {"article": 0, "roman": 0, "arabic": 1, "letter": 2, "dash": 3, "plus": 4}
BODY_START_RE = re.compile(r"^(?:QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT|CHỈ\s+THỊ|QUYẾT\s+NGHỊ)\s*:\s*$")


#: the characters a heading of ``HEADING_RES`` can open with (``Điều``, a roman numeral or the
#: mark after an empty one, a digit of any script (``\\d``), a letter, a bullet): other lines
#: skip the six regexes
_HEADING_FIRST = frozenset("ĐIVXLC.-/)abcdefghijklmnopqrstuvwxyzđ–—•·+")


def _match_heading(line: str):
    if not line or line[0] not in _HEADING_FIRST and not line[0].isdecimal():
        return None
    for style, rx in HEADING_RES:
        m = rx.match(line)
        if not m:
            continue
        if style == "roman" and not m.group("n"):
            continue
        if style == "letter" and line[1:2] == "." and not re.match(r"^[a-zđ]\.\s", line):
            continue
        return style, m
    return None


# --- public API ------------------------------------------------------------

def parse_document(text: str, source: str = "") -> tuple[Document, ...]:
    """Parse every document of ``text``; spans index ``text``.

    >>> doc, = parse_document("UBND TỈNH GIA LAI\\nSố: 12/KH-UBND\\nGia Lai, ngày 02 tháng 3 năm 2020\\n\\nKẾ HOẠCH\\nVề bình đẳng giới\\n")
    >>> doc.symbol, doc.date, doc.place, doc.doc_type, doc.issuer
    ('12/KH-UBND', '2020-03-02', 'Gia Lai', 'Kế hoạch', 'Ủy ban nhân dân tỉnh Gia Lai')
    """
    docs: list[Document] = []
    pos = _skip_blank(text, 0)
    guard = 0
    while pos < len(text) and guard < 50:
        guard += 1
        doc = parse_one(text, pos, source=source)
        docs.append(doc)
        nxt = _skip_blank(text, doc.end)
        if nxt >= len(text) or not _starts_document(text, nxt):
            if docs and nxt < len(text):
                # trailing text that is not a new document belongs to the last one
                pass
            break
        pos = nxt
    return tuple(docs)


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _starts_document(text: str, pos: int) -> bool:
    """Does a new document start here (a header: agency lines, motto, ``Số:``)?"""
    head = text[pos:pos + 600]
    lines = [ln.text for ln in split_lines(head) if ln.text][:8]
    if not lines:
        return False
    joined = "\n".join(lines)
    has_symbol = bool(re.search(r"^S[ốô]\s*:", joined, re.MULTILINE | re.IGNORECASE))
    has_motto = "CHỦ NGHĨA VIỆT NAM" in joined.upper()
    return (has_symbol or has_motto) and _is_upper(lines[0])


def parse_one(text: str, start: int, *, source: str = "") -> Document:
    """Parse the document that starts at ``start``."""
    closing = _find_closing(text, start)
    doc_end = closing["end"]
    header = parse_header(text, start, doc_end)
    pre_start = header["content_start"]
    body_start, preamble_end = _find_body_start(text, pre_start, closing["body_end"], header)
    preamble = parse_preamble(text, pre_start, preamble_end)
    sections = parse_sections(text, body_start, closing["body_end"])
    doc_type = header["doc_type"]
    symbol = header["symbol"]
    if not doc_type and symbol:
        doc_type = doc_type_from_symbol(symbol)
    if not doc_type and header["subject"]:
        doc_type = "Công văn"
    issuer, jurisdiction = infer_issuer(
        header["issuer_lines"], text[start:doc_end], header["place"], header["title"],
        preamble_text=text[pre_start:preamble_end], named=header["issuer_of"],
    )
    return Document(
        source=source,
        start=start,
        end=doc_end,
        doc_type=doc_type,
        symbol=symbol,
        symbol_as_written=header["symbol_as_written"],
        symbol_span=header["symbol_span"],
        date=header["date"],
        date_as_written=header["date_as_written"],
        place=header["place"],
        issuer=issuer,
        issuer_lines=tuple(header["issuer_lines"]),
        jurisdiction=jurisdiction,
        title=header["title"],
        title_span=header["title_span"],
        preamble=preamble,
        body_start=body_start,
        body_end=closing["body_end"],
        sections=sections,
        closing_start=find_closing_paragraphs(text, sections, closing["body_end"]),
        addressed_to=tuple(header["addressed_to"]),
        copied_to=tuple(closing["copied_to"]),
        signer=closing["signer"],
    )


# --- header ----------------------------------------------------------------

def parse_header(text: str, start: int, end: int) -> dict:
    """Header fields of the document starting at ``start``.

    Returns a dict with ``issuer_lines``, ``symbol`` (+ as written, span), ``date``
    (+ as written), ``place``, ``doc_type``, ``title``/``title_span``, ``subject``,
    ``addressed_to`` and ``content_start`` (where the preamble may begin).
    """
    lines = iter_lines(text, start, end)  # cut as far as the zone goes
    out = dict(issuer_lines=[], symbol=None, symbol_as_written=None, symbol_span=None, date=None,
               date_as_written=None, place=None, doc_type=None, title=None, title_span=None, subject=None,
               addressed_to=[], content_start=start, issuer_of=None)
    # the header zone: up to the first preamble-like paragraph or body heading
    zone: list[_Ln] = []
    after_kind = False
    for ln in lines:
        zone.append(ln)
        if not ln.text:
            continue
        if after_kind:
            after_kind = False  # the title line under the kind line may open with "Thực hiện ..."
            continue
        if KIND_LINE_RE.match(_norm(ln.text).upper()) and not KIND_LINE_RE.match(_norm(ln.text).upper()).group("rest").strip():
            after_kind = True
            continue
        if _clause_cue(ln.text) or _match_heading(ln.text) and _match_heading(ln.text)[0] in ("roman", "article"):
            zone.pop()
            break
        if len(ln.text) > 160 and not _is_upper(ln.text) and not VV_RE.match(ln.text):
            zone.pop()
            break
    last_used = -1

    # symbol: "Số: 56 /BVSTBPN", "Số:\n1312/KH-UBND", "4155QĐ/ BTP"
    for i, ln in enumerate(zone):
        m = re.search(r"S[ốô]\s*(?:/\s*ký\s*hiệu)?\s*:\s*", ln.text, re.IGNORECASE)
        if not m:
            continue
        rest_start = ln.start + m.end()
        rest_end = ln.end
        if not text[rest_start:rest_end].strip() and i + 1 < len(zone):
            nxt = next((z for z in zone[i + 1:i + 3] if z.text), None)
            if nxt is not None:
                rest_start, rest_end = nxt.start, nxt.end
                i = zone.index(nxt)
        raw = _symbol_token(text[rest_start:rest_end])
        if raw:
            sym = normalize_symbol(raw)
            if re.match(r"^\d", sym or ""):
                out["symbol"] = sym
            else:
                out["symbol_as_written"] = sym
            out["symbol_span"] = (rest_start, rest_start + len(raw))
        last_used = max(last_used, i)
        break

    # place and date
    zone_start = zone[0].raw_start if zone else start
    zone_stop = zone[-1].raw_end if zone else start
    for m in DATE_LINE_RE.finditer(text, _date_line_from(text, zone_start, zone_stop), zone_stop):
        place = _clean_place(m.group("place"))
        if not place:
            continue
        when = m.group("when")
        out["place"] = place
        iso = _header_date(when)
        if iso:
            out["date"] = iso
        else:
            out["date_as_written"] = collapse_spaces(when)
        for i, ln in enumerate(zone):
            if ln.raw_start <= m.end("when") <= ln.raw_end + 1:
                last_used = max(last_used, i)
        break

    # issuer lines: the block of upper-case lines before the motto / separator / Số / kind
    for i, ln in enumerate(zone):
        t = ln.text.strip()
        if not t or re.fullmatch(r"[-_=.–—*\s]+", t):
            nxt = next((z.text for z in zone[i + 1:] if z.text.strip()), "")
            if out["issuer_lines"] and not (not t and re.match(r"(TỈNH|THÀNH PHỐ|TP\.?)\s", _norm(nxt).upper())):
                break
            continue
        u = _norm(t).upper()
        sm = re.search(r"\s+S[ỐÔốô]\s*:", t)
        if sm and sm.start() > 0 and not out["issuer_lines"] and _is_upper(t[:sm.start()]) \
                and _looks_like_agency(t[:sm.start()]):
            # "UBND TỈNH BẮC GIANG Số: 172/2015/QĐ-UBND": the agency cell and the symbol cell on one line
            t = t[:sm.start()].rstrip()
            out["issuer_lines"].append(Line(t, ln.start, ln.start + len(t)))
            last_used = max(last_used, i)
            break
        mm = MOTTO_INSIDE_RE.search(t)
        if mm and mm.start() > 0 and _is_upper(t[:mm.start()]) and _looks_like_agency_or_place(t[:mm.start()]):
            # "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …" / "HUYỆN CHÂU THÀNH Độc lập - …": the agency cell
            t = t[:mm.start()].rstrip(" \t-")
            out["issuer_lines"].append(Line(t, ln.start, ln.start + len(t)))
            last_used = max(last_used, i)
            continue
        if _is_motto_fragment(u):
            if out["issuer_lines"] and not _is_right_cell(text, ln):
                break
            # the motto's cell to the right of an agency cell (a two-column header table flattened
            # with '|': "ỦY BAN NHÂN DÂN TỈNH X | CỘNG HÒA …" / "SỞ Y | Độc lập …"): the next line's
            # left cell may go on with the agency
            continue
        if re.match(r"S[ỐÔ]\s*:", u) or DATE_LINE_RE.search(t, _date_line_from(t, 0, len(t))) or VV_RE.match(t) or KINH_GUI_RE.match(t):
            break
        if KIND_LINE_RE.match(u) and not _looks_like_agency(u):
            break
        if not _is_upper(t) or len(t) > 90:
            break
        out["issuer_lines"].append(Line(t, ln.start, ln.end))
        last_used = max(last_used, i)

    # V/v subject (letters)
    for i, ln in enumerate(zone):
        m = VV_RE.match(ln.text)
        if not m:
            continue
        s = ln.start + m.end()
        e = ln.end
        j = i + 1
        while j < len(zone) and zone[j].text and not _is_header_furniture(zone[j].text) and not _is_upper(zone[j].text):
            e = zone[j].end
            j += 1
        while e > s and text[e - 1] in ".;: ":
            e -= 1
        out["subject"] = collapse_spaces(text[s:e])
        out["title"], out["title_span"] = out["subject"], (s, e)
        last_used = max(last_used, j - 1)
        break

    # kind line and title
    for i, ln in enumerate(zone):
        u = _norm(ln.text).upper()
        km = KIND_LINE_RE.match(u)
        if not km or _looks_like_agency(u) and not km.group("rest").strip() == "":
            # a kind word split one per line ("QUYẾT\nĐỊNH")
            if ln.text and i + 1 < len(zone) and KIND_LINE_RE.match(_norm(ln.text + " " + zone[i + 1].text).upper()) and len(ln.text) < 12:
                km2 = KIND_LINE_RE.match(_norm(ln.text + " " + zone[i + 1].text).upper())
                if not km2.group("rest").strip():
                    out["doc_type"] = _kind_name(km2.group("kind"))
                    t_idx = i + 2
                    _title_from(out, text, zone, t_idx)
                    last_used = max(last_used, t_idx)
                    break
            continue
        if len(u) > 80 and km.group("rest").strip() and not km.group("rest").strip().startswith("CỦA"):
            continue
        out["doc_type"] = _kind_name(km.group("kind"))
        rest = km.group("rest").strip()
        t_idx = i + 1
        # "CHỈ THỊ / CỦA BAN BÍ THƯ", "QUYẾT ĐỊNH CỦA UBND TỈNH VĨNH PHÚC": the issuer is named
        if rest.startswith("CỦA "):
            out["issuer_of"] = rest[4:]
        else:
            nxt = next((z for z in zone[t_idx:t_idx + 2] if z.text), None)
            if nxt is not None and _norm(nxt.text).upper().startswith("CỦA ") and _is_upper(nxt.text):
                out["issuer_of"] = _norm(nxt.text)[4:]
                t_idx = zone.index(nxt) + 1
        if not out["subject"]:
            _title_from(out, text, zone, t_idx)
        last_used = max(last_used, t_idx)
        break

    # Kính gửi
    kg = _parse_addressees(text, zone_start, min(end, zone_stop + 2000) if zone else end)
    if kg:
        out["addressed_to"], kg_end = kg
        last_used_pos = kg_end
    else:
        last_used_pos = None

    # content starts after the last header line used
    if out["title_span"] and out["title_span"][1] > (zone[min(last_used, len(zone) - 1)].end if last_used >= 0 and zone else start):
        content = out["title_span"][1]
    else:
        content = zone[min(last_used, len(zone) - 1)].raw_end if last_used >= 0 and zone else start
    if last_used_pos and last_used_pos > content:
        content = last_used_pos
    # skip header furniture (motto, separators, authority line) left between header and preamble
    for ln in iter_lines(text, content, end):
        if not ln.text:
            continue
        if _is_header_furniture(ln.text) or (_is_upper(ln.text) and not _match_heading(ln.text) and len(ln.text) < 90
                                             and not BODY_START_RE.match(_norm(ln.text).upper())):
            content = ln.raw_end
            continue
        break
    out["content_start"] = _skip_blank(text, content)
    return out


#: what every ``DATE_LINE_RE`` match holds: the comma after the place, then ``ngày``
_DATE_COMMA_RE = re.compile(r",\s*ngày", re.IGNORECASE)
#: the longest place before that comma: 40 characters, a line break and 25 more
_DATE_PLACE_MAX = 40 + 1 + 25


def _date_line_from(text: str, start: int, stop: int) -> int:
    """Where ``DATE_LINE_RE`` may start looking in ``text[start:stop]`` and find the same
    matches: a match starts at most ``_DATE_PLACE_MAX`` characters before the first comma
    followed by ``ngày`` (none: no match at all). Saves trying the lazy place at every
    character of the header."""
    m = _DATE_COMMA_RE.search(text, start, stop)
    return stop if m is None else max(start, m.start() - _DATE_PLACE_MAX)


def _is_right_cell(text: str, ln: _Ln) -> bool:
    """Is the cell ``ln`` to the right of another non-empty cell of its line (``A | ln``)?"""
    line_start = text.rfind("\n", 0, ln.raw_start) + 1
    return bool(text[line_start:ln.raw_start].strip(" \t|*_#>"))


def _symbol_token(rest: str) -> str:
    """The symbol at the start of ``rest``: stops at a run of spaces or a word
    that is not part of it; spaces around ``/`` and ``-`` are part of it."""
    m = re.match(r"[^\s|]*(?:\s{0,2}[/\-–—]\s{0,2}[^\s|/\-–—]+|(?<=[/\-–—])\s{1,2}[^\s|]+)*", rest)
    return (m.group(0) if m else "").rstrip(".,;")


def _title_from(out: dict, text: str, zone: list, idx: int) -> None:
    """Title lines after the kind line: up to a blank line or furniture."""
    j = idx
    while j < len(zone) and not zone[j].text:
        j += 1
    if j >= len(zone):
        return
    s = zone[j].start
    e = zone[j].end
    upper = _is_upper(zone[j].text)
    k = j + 1
    while k < len(zone) and zone[k].text and not _is_header_furniture(zone[k].text) and _is_upper(zone[k].text) == upper:
        if upper and _looks_like_authority(zone[k].text):
            break
        e = zone[k].end
        k += 1
    while e > s and text[e - 1] in ".;: ":
        e -= 1
    title = collapse_spaces(text[s:e])
    if title.upper().startswith("CỦA ") or _looks_like_authority(title):
        return
    out["title"], out["title_span"] = title, (s, e)


def _is_header_furniture(t: str) -> bool:
    u = _norm(t).upper()
    return (any(_norm(w).upper() in u for w in vocab.MOTTO_WORDS) or u.startswith("ĐỘC LẬP")
            or bool(re.fullmatch(r"[-_=.–—*\s]+", t)) or bool(re.match(r"S[ỐÔ]\s*:", u)))


def _looks_like_authority(t: str) -> bool:
    """``BỘ TRƯỞNG BỘ TƯ PHÁP``, ``ỦY BAN NHÂN DÂN TỈNH ...``, ``THỦ TƯỚNG CHÍNH PHỦ``."""
    u = _norm(t).upper()
    return bool(re.match(r"^(BỘ TRƯỞNG|THỦ TƯỚNG|CHỦ TỊCH|ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|GIÁM ĐỐC|TỔNG CỤC TRƯỞNG|"
                         r"BAN THƯỜNG VỤ|BỘ TRƯỞNG, CHỦ NHIỆM)", u))


def _looks_like_agency(u: str) -> bool:
    u = _norm(u).upper()
    return u.startswith(_AGENCY_PREFIXES) or u in _ORG_TYPES_UPPER_SET


#: ``_looks_like_agency``'s tests as one prefix tuple and one set: an abbreviation or a type
#: word and a space, or the other openings; or a type word as the whole line
_AGENCY_PREFIXES = (tuple(abbr + " " for abbr, _ in vocab.HEADER_ABBREVIATIONS)
                    + tuple(_norm(t).upper() + " " for t in vocab.ORG_TYPES)
                    + ("THỦ TƯỚNG", "Y BAN", "TỔNG CỤC", "VĂN PHÒNG", "SỞ ", "PHÒNG "))
_ORG_TYPES_UPPER_SET = frozenset(_norm(t).upper() for t in vocab.ORG_TYPES)


#: The national or the Party's motto where it starts inside a line.
MOTTO_INSIDE_RE = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|ĐỘC\s+LẬP\s*[-–—‐‑]\s*TỰ\s+DO|ĐẢNG\s+CỘNG\s+SẢN",
                             re.IGNORECASE)


def _looks_like_agency_or_place(t: str) -> bool:
    u = _norm(t).upper()
    return _looks_like_agency(u) or bool(re.match(r"(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|TP\.?)\s", u))


def _is_motto_fragment(u: str) -> bool:
    """A line of the national motto or the Party's, also when wrapped (``CỘNG`` / ``HÒA XÃ HỘI ...``)."""
    return (u.startswith(("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP", "ĐẢNG CỘNG SẢN")) or u == "CỘNG"
            or any(w in u for w in _MOTTO_WORDS_UPPER))


_MOTTO_WORDS_UPPER = tuple(_norm(w).upper() for w in vocab.MOTTO_WORDS)


_ORG_TYPES_UPPER = tuple(_norm(t).upper() for t in vocab.ORG_TYPES)


def _continues(prev: str, cur: str) -> bool:
    """Is ``cur`` the wrapped continuation of an agency name on ``prev``?

    A new agency name (a unit under its parent) starts with a type word
    (``VĂN PHÒNG``, ``SỞ ...``); a line that does not, or that completes a type
    word cut in two (``ỦY`` / ``BAN DÂN TỘC``), continues the previous one.
    """
    p, c = _norm(prev).upper(), _norm(cur).upper()
    if p.endswith(("-", ",", " VÀ", "&")) or c.startswith(("VÀ ", "- ", "-", "&")):
        return True
    if any(t.startswith(p + " ") for t in _ORG_TYPES_UPPER) or p in ("ỦY", "UỶ", "Y", "HỘI ĐỒNG"):
        return True
    return not _looks_like_agency(c)


def _clean_place(raw: str) -> str | None:
    lines = [x for x in raw.split("\n") if x.strip()]
    if len(lines) > 1 and (_is_header_furniture(lines[0]) or re.search(r"\d", lines[0])):
        lines = lines[1:]
    place = collapse_spaces(" ".join(lines))
    place = re.sub(r"^.*?(?:\bS[ốô]\s*:\s*\S+\s*)", "", place)
    place = re.sub(r"^\S*\d\S*/\S*\s+(?=\D+$)", "", place)  # the symbol's cell before the place
    place = re.sub(r"^.*?\bH[ạa]nh\s+ph[úu]c\b[\s\-–—_.]*", "", place, flags=re.IGNORECASE)  # the motto's cell
    place = re.split(r"[-–—_=]{3,}", place)[-1]  # "… phúc ------ Lạng Sơn": after the cell's separator
    place = place.strip(" *_#|-")
    if not place or len(place) > 40 or re.search(r"\d", place):
        return None
    if not place[0].isupper():
        return None
    return place


def _header_date(when: str) -> str | None:
    m = DATE_WORDS_RE.search(when) or DATE_NUMERIC_RE.search(when)
    if not m:
        return None
    return iso_date(m["d"], m["m"], m["y"])


def _kind_name(kind_upper: str) -> str:
    k = collapse_spaces(kind_upper)
    for name in vocab.DOC_KINDS:
        if name.upper() == k:
            return name
    return k.capitalize()


def doc_type_from_symbol(symbol: str) -> str | None:
    """Kind from the type code of a symbol; letters whose symbol has none are Công văn.

    >>> doc_type_from_symbol("742/QĐ-UBND"), doc_type_from_symbol("1152/VP-KGVX"), doc_type_from_symbol("11-NQ/TW")
    ('Quyết định', 'Công văn', 'Nghị quyết')
    """
    s = normalize_symbol(symbol) or ""
    m = re.match(r"^\d+[a-zA-Z]?(?:/\d{4})?[/-](?P<code>[^/\-]+)", s)
    if not m:
        return None
    code = m.group("code")
    for c, kind in vocab.DOC_TYPE_CODES.items():
        if c.upper() == code.upper():
            return kind
    return "Công văn"


def _parse_addressees(text: str, start: int, end: int):
    m = KINH_GUI_RE.search(text, start, end)
    if not m:
        return None
    # only in the header part: the line must start with Kính gửi
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start:m.start()].strip(" *_#|"):
        return None
    entries = []
    pos = m.end()
    nl = text.find("\n", pos)
    same_line = text[pos:nl if nl >= 0 else len(text)].strip()
    last = pos
    if same_line and not same_line.startswith(("-", "–")):
        s = pos + len(text[pos:]) - len(text[pos:].lstrip(" \t"))
        e = nl if nl >= 0 else len(text)
        ent = _entry(text, s, e)
        if ent:
            entries.append(ent)
        return entries, e
    for ln in iter_lines(text, pos, min(len(text), pos + 3000)):
        if not ln.text:
            if entries:
                # a blank line after entries ends the list unless the next is an entry too
                continue
            continue
        if re.match(r"^[-–—•+]\s*", ln.text):
            s = ln.start + re.match(r"^[-–—•+]\s*", ln.text).end()
            ent = _entry(text, s, ln.end)
            if ent:
                entries.append(ent)
            last = ln.raw_end
            continue
        break
    return (entries, last) if entries else None


def _entry(text: str, s: int, e: int) -> Line | None:
    """One list entry without the trailing ``;``/``.`` and artefacts such as ``*ctn*``."""
    seg = text[s:e]
    seg2 = re.sub(r"\s*\*[^*\s]{1,12}\*?\s*$", "", seg)
    e = s + len(seg2)
    while e > s and text[e - 1] in " \t;.,*":
        e -= 1
    while s < e and text[s] in " \t*":
        s += 1
    if e <= s:
        return None
    return Line(text[s:e], s, e)


# --- closing ---------------------------------------------------------------

NAME_RE = re.compile(rf"^(?:[{VN_UPPER}][{VN_LOWER}]*\.?)(?:\s+[{VN_UPPER}][{VN_LOWER}]*){{1,5}}$")


def _find_closing(text: str, start: int) -> dict:
    """``Nơi nhận`` list and signature of the document starting at ``start``.

    Returns ``copied_to``, ``signer``, ``body_end`` (where the closing begins)
    and ``end`` (end of the signer's name, or of the text).
    """
    out = dict(copied_to=[], signer=None, body_end=len(text), end=len(text))
    pos = start
    search_from = start
    while True:
        m = NOI_NHAN_RE.search(text, search_from)
        if not m:
            break
        ls = text.rfind("\n", 0, m.start()) + 1
        if text[ls:m.start()].strip(" *_#|"):
            search_from = m.end()
            continue
        # candidate closing: parse copy list then signature
        entries, after = _copy_list(text, m.end())
        signer, sig_start, sig_end = _signature(text, after)
        if signer is None:
            # signature block may stand before "Nơi nhận" (flattened two-column tables)
            signer, sig_start, sig_end = _signature_before(text, pos, ls)
            if signer is None:
                search_from = m.end()
                continue
            out.update(body_end=min(ls, sig_start), end=max(sig_end, after))
        else:
            out.update(body_end=ls, end=sig_end)
        out["copied_to"] = entries
        out["signer"] = signer
        return out
    # no Nơi nhận: a signature block at the end
    signer, sig_start, sig_end = _signature_tail(text, start)
    if signer:
        out.update(signer=signer, body_end=sig_start, end=sig_end)
    else:
        out["end"] = len(text.rstrip())
    return out


def _copy_list(text: str, pos: int):
    entries, last = [], pos
    nl = text.find("\n", pos)
    rest_of_line = text[pos:nl if nl >= 0 else len(text)]
    if rest_of_line.strip(" *_|"):
        s = pos + len(rest_of_line) - len(rest_of_line.lstrip(" *_|-"))
        ent = _entry(text, s, pos + len(rest_of_line.rstrip()))
        if ent:
            entries.append(ent)
        last = nl if nl >= 0 else len(text)
    for ln in iter_lines(text, last, min(len(text), last + 4000)):
        if not ln.text:
            continue
        m = re.match(r"^[-–—•+]\s*", ln.text)
        if m:
            ent = _entry(text, ln.start + m.end(), ln.end)
            if ent:
                entries.append(ent)
            last = ln.raw_end
            continue
        break
    return entries, last


def _signature(text: str, pos: int, limit: int = 600):
    """The signing block right after ``pos``: formula lines, position, name."""
    lines = [ln for ln in split_lines(text, pos, min(len(text), pos + limit)) if ln.text]
    on_behalf, positions = [], []
    for ln in lines[:8]:
        t = ln.text
        if any(t.upper().startswith(p) for p in vocab.SIGN_PREFIXES) and _is_upper(t):
            on_behalf.append(collapse_spaces(t))
            continue
        if _is_upper(t) and len(t) < 60:
            positions.append(collapse_spaces(t))
            continue
        name = t.strip("* ")
        if NAME_RE.match(name) and (on_behalf or positions):
            s = ln.start + (len(t) - len(t.lstrip("* ")))
            e = s + len(name)
            position = positions[0] if positions else None
            signer = Signer(
                position_corrected=correct_position(position, on_behalf),
                name=name,
                position=position,
                on_behalf=" / ".join(on_behalf) or None,
                start=s,
                end=e,
                concurrent_position=positions[1] if len(positions) > 1 else None,
            )
            return signer, lines[0].raw_start, e
        break
    return None, None, None


def correct_position(position: str | None, on_behalf: list[str]) -> str | None:
    """The intended position when the written one is an OCR slip (``HỮU TRƯỞNG`` under
    ``KT. BỘ TRƯỞNG`` → ``THỨ TRƯỞNG``); ``None`` when it is fine or unclear."""
    if not position:
        return None
    written = _norm(position).upper()
    if written in vocab.POSITIONS:
        return None
    from rapidfuzz import fuzz, process

    for line in on_behalf:
        m = re.match(r"^KT\.?\s*(.+)$", _norm(line).upper())
        deputy = vocab.DEPUTY_OF.get(m.group(1).strip()) if m else None
        if deputy and fuzz.ratio(written, deputy) >= 60:
            return deputy
    best = process.extractOne(written, vocab.POSITIONS, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else None


def _signature_before(text: str, start: int, stop: int):
    """A signature block standing just before ``stop`` (before ``Nơi nhận``)."""
    window_start = max(start, stop - 400)
    lines = [ln for ln in split_lines(text, window_start, stop) if ln.text]
    for i in range(len(lines)):
        if any(lines[i].text.upper().startswith(p) for p in vocab.SIGN_PREFIXES) or (
            _is_upper(lines[i].text) and len(lines[i].text) < 60
        ):
            signer, s, e = _signature(text, lines[i].raw_start, stop - lines[i].raw_start)
            if signer:
                return signer, s, e
    return None, None, None


def _signature_tail(text: str, start: int):
    lines = [ln for ln in split_lines(text, start) if ln.text]
    for i in range(max(0, len(lines) - 8), len(lines)):
        t = lines[i].text
        if any(t.upper().startswith(p) for p in vocab.SIGN_PREFIXES) or (_is_upper(t) and len(t) < 40):
            signer, s, e = _signature(text, lines[i].raw_start)
            if signer:
                return signer, s, e
    return None, None, None


# --- preamble and body -------------------------------------------------------

_CUE_ALTS = sorted(vocab.CLAUSE_CUES, key=lambda c: len(c[0]), reverse=True)
_CUE_RE = re.compile(
    r"(?P<cue>" + "|".join(re.escape(_norm(c)).replace(r"\ ", r"\s+") for c, _ in _CUE_ALTS) + r")\b",
    re.IGNORECASE,
)
_CUE_KIND = {fold(c): k for c, k in vocab.CLAUSE_CUES}


def _clause_cue(line: str):
    t = re.sub(r"^[-–•+\s]+", "", _norm(line))
    m = _CUE_RE.match(t)
    if not m:
        return None
    kind = _CUE_KIND.get(fold(m.group("cue")))
    if kind == "other" and not re.match(r"^Xét\s", t):
        return None
    return kind


def _find_body_start(text: str, pre_start: int, body_end: int, header: dict) -> tuple[int, int]:
    """Where the body begins (first numbered heading, ``QUYẾT ĐỊNH:``, ``Điều 1.``).

    Returns ``(body_start, preamble_end)``.
    """
    lines: list[_Ln] = []  # the lines read so far: all of them when the first loop ends
    for ln in iter_lines(text, pre_start, body_end):
        lines.append(ln)
        if not ln.text:
            continue
        u = _norm(ln.text).upper()
        if BODY_START_RE.match(u):
            return ln.raw_end, ln.raw_start
        h = _match_heading(ln.text)
        if h and h[0] in ("roman", "arabic", "article"):
            if h[0] == "arabic" and "." in h[1].group("n"):
                continue
            return ln.raw_start, ln.raw_start
    # letters without numbered items: the preamble ends after "... như sau:"
    for ln in lines:
        if re.search(r"(như\s+sau|cụ\s+thể)\s*:\s*$", ln.text, re.IGNORECASE):
            return _skip_blank(text, ln.raw_end), ln.raw_end
    # no marker (a text cut inside its preamble, a circular's "Bộ … hướng dẫn …"):
    # the preamble is the leading run of paragraphs that open with a clause cue
    end = None
    for para_s, para_e in _paragraphs(text, pre_start, body_end):
        if not _clause_cue(text[para_s:para_e]):
            if end is None and para_e - para_s <= 100:
                continue  # a title's last line, a separator or the authority line before the first cue
            break
        end = para_e
    if end is not None:
        return _skip_blank(text, end), end
    return pre_start, pre_start


def parse_preamble(text: str, start: int, end: int) -> tuple[Clause, ...]:
    """Clauses of the preamble: each cue opens a clause that runs to the next cue,
    a ``;`` at a line end, or the paragraph's end.

    >>> [c.kind for c in parse_preamble("Căn cứ Luật A;\\nThực hiện Quyết định B;\\nXét đề nghị của Sở C.", 0, 62)]
    ['based_on', 'implements', 'proposed_by']
    """
    clauses: list[Clause] = []
    for para_s, para_e in _paragraphs(text, start, end):
        seg = text[para_s:para_e]
        cuts = []
        lead = re.match(r"^[\s\-–•+*_#]*", seg).end()
        for m in _CUE_RE.finditer(seg):
            s = m.start()
            before = seg[:s].rstrip(" \t\n*_")
            at_start = s <= lead
            after_sep = before.endswith((";", ":")) or (
                before.endswith(",") and fold(m.group("cue")).startswith(("tren co so", "xet", "theo de nghi"))
            ) or (before.endswith(".") and not before.endswith(" v.v."))
            if not (at_start or after_sep):
                continue
            kind = _CUE_KIND.get(fold(m.group("cue")))
            if kind == "other" and not m.group("cue").lower().startswith("xét"):
                continue
            if kind == "other":
                # "Xét Tờ trình" is caught above; plain "Xét" opens a cites clause
                pass
            cuts.append((s, kind, m.group("cue")))
        if not cuts or cuts[0][0] > lead:
            received = any(w in seg for w in vocab.RECEIVED_CUES)
            first_end = cuts[0][0] if cuts else len(seg)
            kind0 = "received" if received else "other"
            cuts.insert(0, (lead, kind0, ""))
        for i, (s, kind, cue) in enumerate(cuts):
            e = cuts[i + 1][0] if i + 1 < len(cuts) else len(seg)
            piece = seg[s:e].rstrip(" \t\n;,")
            if not piece.strip():
                continue
            clauses.append(Clause(kind=kind, start=para_s + s, end=para_s + s + len(piece), cue=collapse_spaces(cue)))
    return tuple(clauses)


def _paragraphs(text: str, start: int, end: int):
    """Paragraphs: blank-line separated, and a line ending with ``;`` or ``.`` ends one
    when the next line opens a new clause."""
    pos = start
    para_s = None
    last_e = None
    for ln in split_lines(text, start, end):
        if not ln.text:
            if para_s is not None:
                yield para_s, last_e
                para_s = None
            continue
        if para_s is not None and _clause_cue(ln.text) and text[last_e - 1:last_e] in ";.:,":
            yield para_s, last_e
            para_s = None
        if para_s is None:
            para_s = ln.raw_start
        last_e = ln.raw_end
    if para_s is not None:
        yield para_s, last_e


def parse_sections(text: str, start: int, end: int) -> tuple[Section, ...]:
    """The section tree of ``text[start:end]``.

    >>> [s.path for s in parse_sections("I. A\\n1. B\\na) C\\n- D\\nII. E\\n", 0, 24)]
    ['I', 'II']
    """
    if end <= start:
        return ()
    items = []  # (style, label, level placeholder, line)
    for ln in split_lines(text, start, end):
        if not ln.text:
            continue
        h = _match_heading(ln.text)
        if not h:
            continue
        style, m = h
        items.append((style, m, ln))
    roots: list[dict] = []
    root_bullets: dict[str, int] = {}
    stack: list[dict] = []
    last_roman = None
    for style, m, ln in items:
        rank = _RANK[style]
        if style == "arabic" and "." in m.group("n"):
            rank = 1 + m.group("n").count(".") * 0.5
        while stack and stack[-1]["rank"] >= rank:
            stack.pop()
        parent = stack[-1] if stack else None
        siblings = parent["children"] if parent else roots
        if style in ("dash", "plus"):
            # bullets are numbered by position among their siblings of the same style (counted, not rescanned)
            counts = parent["bullets"] if parent else root_bullets
            counts[style] = counts.get(style, 0) + 1
            label = ("-" if style == "dash" else "+") + str(counts[style])
        elif style == "article":
            label = collapse_spaces(m.group("label"))
        else:
            label = m.group("n")
        path = (parent["path"] + "." + label) if parent else label
        hs = ln.start + m.end()
        node = dict(style=style, rank=rank, label=m.group("label"), path=path, start=ln.start, heading_start=hs,
                    heading_end=ln.end, heading=collapse_spaces(text[hs:ln.end].replace("**", "")).strip(" *_"),
                    children=[], bullets={}, level=len(stack))
        siblings.append(node)
        stack.append(node)

    def close(nodes, limit):
        out = []
        for i, n in enumerate(nodes):
            n_end = nodes[i + 1]["start"] if i + 1 < len(nodes) else limit
            kids = close(n["children"], n_end)
            hs, he = n["heading_start"], n["heading_end"]
            while he > hs and text[he - 1] in " *_":
                he -= 1
            n_end_trim = n_end
            while n_end_trim > n["start"] and text[n_end_trim - 1].isspace():
                n_end_trim -= 1
            out.append(Section(path=n["path"], label=n["label"], level=n["level"], style=n["style"],
                               start=n["start"], end=n_end_trim, heading_start=hs, heading_end=he,
                               heading=n["heading"], children=kids))
        return tuple(out)

    return close(roots, end)


def iter_sections(sections):
    """Every section of a tree, depth first."""
    for s in sections:
        yield s
        yield from iter_sections(s.children)


def section_at(doc: Document, offset: int) -> Section | None:
    """The innermost section that contains ``offset``."""
    found = None
    nodes = doc.sections
    while nodes:
        nxt = None
        for s in nodes:
            if s.start <= offset < max(s.end, s.heading_end):
                nxt = s
                break
        if nxt is None:
            break
        found = nxt
        nodes = nxt.children
    return found


def _numbered_path(path: str) -> list[str]:
    """The numbered levels of a path: bullets and lettered items (``a)``) are not encoded."""
    return [p for p in path.split(".") if p and p[0] not in "-+" and not re.fullmatch(r"[a-zđ]", p)]


def section_label(doc: Document, offset: int) -> str:
    """The gold ``section`` value for an offset: ``title``, ``preamble``, ``body``,
    ``closing`` or the heading path in at most two levels (``III.4``, ``V``, ``1``)."""
    if doc.title_span and doc.title_span[0] <= offset < doc.title_span[1]:
        return "title"
    if doc.body_start is None or offset < doc.body_start:
        return "preamble"
    if doc.body_end is not None and offset >= doc.body_end:
        return "closing"
    top = doc.sections
    if doc.closing_start is not None and offset >= doc.closing_start and top:
        # paragraphs that close the body belong to the top level: "V" in a plan, "closing" in a letter
        if top[-1].style in ("roman", "article"):
            return _numbered_path(top[-1].path)[0]
        return "closing"
    sec = section_at(doc, offset)
    if sec is None:
        return "closing" if top and offset >= top[-1].end else "body"
    parts = _numbered_path(sec.path)
    if not parts:
        return "body"
    return ".".join(parts[:2])


_CLOSING_RE = re.compile(r"^(?:" + "|".join(re.escape(_norm(c)) for c in vocab.CLOSING_CUES) + r")\b")


def find_closing_paragraphs(text: str, sections: tuple[Section, ...], body_end: int) -> int | None:
    """Where the paragraphs that close the body start (``Trên đây là ...``,
    ``Trong quá trình thực hiện ...``): after the last top-level item's own text."""
    if not sections:
        return None
    last_top = sections[-1]
    for ln in iter_lines(text, last_top.heading_end, body_end):
        if not ln.text or _match_heading(ln.text):
            continue
        if _CLOSING_RE.match(_norm(ln.text)):
            return ln.raw_start
    return None


# --- issuer ----------------------------------------------------------------

def infer_issuer(issuer_lines, doc_text: str, place: str | None, title: str | None, *, preamble_text: str = "",
                 named: str | None = None):
    """The issuing body's standard name and its jurisdiction (a province or ``national``).

    From the header's agency lines (parent and unit: ``UBND TỈNH KIÊN GIANG`` /
    ``VĂN PHÒNG`` → *Văn phòng Ủy ban nhân dân tỉnh Kiên Giang*), else from the
    preamble's ``<agency> ban hành ...`` / ``... có ý kiến`` phrase; the province
    comes from the lines themselves, the title, the preamble or the place.
    """
    parts = _group_issuer_lines([ln.text for ln in issuer_lines])
    names = [standard_agency_name(p) for p in parts]
    if named:
        names = [standard_agency_name(named)]
    province = None
    for n in names:
        province = province or _province_of(n)
    if not names:
        m = re.search(
            r"(?:^|[,;.:]\s*|\n)(?:(?:Phó\s+)?(?:Trưởng ban|Giám đốc|Chủ tịch)\s+)?(?P<ag>(?:Ủy|Uỷ) ban nhân dân[^,;.\n]{0,40}?|UBND[^,;.\n]{0,40}?|"
            r"(?:Sở|Ban|Văn phòng|Bộ|Hội đồng nhân dân)\s[^,;.\n]{2,80}?)\s+(?:ban hành|có ý kiến|hướng dẫn|quyết định)\b",
            preamble_text,
        )
        if m:
            names = [standard_agency_name(m.group("ag"))]
        else:
            # a decision's authority line (ỦY BAN NHÂN DÂN TỈNH X / BỘ TRƯỞNG BỘ Y)
            for ln in doc_text.splitlines()[:40]:
                t = ln.strip(" *_#|")
                if _is_upper(t) and _looks_like_authority(t):
                    names = [standard_agency_name(re.sub(r"^(BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC)\s+", "", _norm(t).upper()))]
                    break
        # the signing formula names the body (TM. ỦY BAN NHÂN DÂN)
    if not names:
        return None, (None if not place else place)
    issuer = names[-1] if len(names) == 1 else _unit_of_parent(names)
    if _province_of(issuer) is None and not _is_national(issuer) and not _DISTRICT_RE.search(issuer):
        province = (province or _province_from_text(title or "") or _province_from_text(preamble_text)
                    or province_of_place(place) or place)
        if province:
            base = re.sub(r"\s+(tỉnh|thành phố)$", "", issuer)
            issuer = f"{base} {place_phrase(province)}"  # the five centrally-run cities are "thành phố"
    prov = _province_of(issuer)
    if prov and place and fold(prov) != fold(place) and len(prov.split()) == len(place.split()) \
            and fuzz.ratio(fold(prov), fold(place)) >= 80:
        # "TỈNH DÌNH ĐỊNH" above "Bình Định, ngày …": one slip in the header; the place line spells it right
        issuer = issuer[: issuer.rfind(prov)] + place
        province = place
    if _is_national(issuer):
        # a central body written with lost letters ("BỘ VĂN HÓA, TH THAO") takes its standard name
        std = standard_name(issuer)
        if std is not None and std.level == NATIONAL:
            issuer = std.name
    jurisdiction = "national" if _is_national(issuer) else (
        _province_of(issuer) or province or province_of_place(place) or place)
    return issuer, jurisdiction


def _group_issuer_lines(lines: list[str]) -> list[str]:
    groups: list[str] = []
    for t in lines:
        t = collapse_spaces(t)
        if groups and _continues(groups[-1], t):
            groups[-1] = (groups[-1] + " " + t).replace(" - ", " - ")
        else:
            groups.append(t)
    return groups


def _unit_of_parent(names: list[str]) -> str:
    parent, unit = names[0], names[-1]
    if _province_of(unit) or _is_national(unit) and not unit.startswith(("Văn phòng", "Ban", "Phòng")):
        return unit
    if unit.startswith("Văn phòng"):
        # "Văn phòng" + "Ủy ban nhân dân tỉnh Kiên Giang"
        return f"{unit} {parent}"
    province = _province_of(parent)
    if province and parent.startswith(("Ủy ban nhân dân", "Hội đồng nhân dân")):
        # "Sở Nội vụ" under "UBND tỉnh Thanh Hóa" is "Sở Nội vụ tỉnh Thanh Hóa"
        return f"{unit} {place_phrase(province)}"  # "thành phố" for the centrally-run cities
    return f"{unit} {parent}"


_PROVINCE_RE = re.compile(rf"\b(?:tỉnh|thành phố|Thành phố|TP\.?)\s+(?P<p>[{VN_UPPER}][{VN_LOWER}]*(?:\s+[{VN_UPPER}][{VN_LOWER}]*){{0,3}})")


_DISTRICT_RE = re.compile(rf"\b(?:huyện|quận|thị xã)\s+[{VN_UPPER}]")


def _province_of(name: str) -> str | None:
    """The province a name is of: one of the table's (``jurisdictions.csv``: a dash inside,
    ``Bà Rịa - Vũng Tàu``, any case), else the capitalised words after its kind word."""
    known = province_after_kind(name or "")
    if known:
        return known
    m = _PROVINCE_RE.search(name or "")
    if not m:
        return None
    p = m.group("p")
    return p


def _province_from_text(text: str) -> str | None:
    known = province_after_kind(text or "")  # a province or city of the table, after its kind word
    if known:
        return known
    m = re.search(rf"\b(?:tỉnh|TỈNH)\s+(?P<p>[{VN_UPPER}][{VN_UPPER}{VN_LOWER}]*(?:\s+[{VN_UPPER}][{VN_UPPER}{VN_LOWER}]*){{0,2}})", text or "")
    if m:
        p = m.group("p")
        return _title_case_place(p) if _is_upper(p) else p
    return None


def _is_national(name: str) -> bool:
    n = _norm(name)
    if _province_of(n):
        return False
    return any(n == x or n.startswith(x + " ") for x in vocab.NATIONAL_ISSUERS)


def _title_case_place(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def standard_agency_name(raw: str) -> str:
    """Standard spelling of an agency name written in capitals or abbreviated.

    >>> standard_agency_name("UBND TỈNH KIÊN GIANG")
    'Ủy ban nhân dân tỉnh Kiên Giang'
    >>> standard_agency_name("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    'Bộ Lao động - Thương binh và Xã hội'
    >>> standard_agency_name("BỘ TƯ PHÁP")
    'Bộ Tư pháp'
    """
    s = _norm(raw).strip(" *_#|-")
    s = re.sub(r"^Y BAN", "ỦY BAN", s)  # a lost first letter in conversion
    s = re.sub(r"(?<=[A-ZĐ])VÀ\b", " VÀ", s) if _is_upper(s) else s  # "THƯƠNG BINHVÀ XÃ HỘI"
    upper = _is_upper(s)
    for abbr, full in vocab.HEADER_ABBREVIATIONS:
        s = re.sub(r"(?<!\w)" + re.escape(abbr) + r"(?!\w)", full.upper() if upper else full, s)
    if not upper:
        # already in mixed case: fix "Uỷ" and keep the rest
        s = s[:1].upper() + s[1:]
        return re.sub(r"\bUBND\b", "Ủy ban nhân dân", s)
    low = s.lower()
    # place part: after tỉnh / thành phố (a district's huyện / quận / thị xã)
    m = re.search(r"\b(tỉnh|thành phố|huyện|quận|thị xã)\s+(.+)$", low)
    place = None
    if m:
        place = _title_case_place(m.group(2))
        low = low[: m.start()].rstrip() + " " + m.group(1)
    words = low.split()
    # type word
    out = []
    type_len = 0
    for t in vocab.ORG_TYPES:
        tw = _norm(t).lower().split()
        if words[: len(tw)] == tw:
            type_len = len(tw)
            out = _norm(t).split()
            break
    rest = words[type_len:]
    # capitalise the first syllable of each field phrase (after the type word, "-", "và", ",")
    cap_next = True
    for w in rest:
        if place is not None and (w in ("tỉnh", "thành", "phố") and w == rest[-1]
                                  or w in ("huyện", "quận", "thị", "xã") and w in rest[-2:]):
            out.append(w)
            continue
        if w in ("-", "và", ",", "&"):
            out.append(w)
            cap_next = w != "và" or True
            continue
        out.append(w[:1].upper() + w[1:] if cap_next else w)
        cap_next = False
    name = " ".join(out)
    if place:
        name = f"{name} {place}"
    name = name.replace(" ,", ",")
    return name[:1].upper() + name[1:]
