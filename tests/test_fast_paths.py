"""The fast paths of reading and matching give exactly what the plain versions give.

Each fast function is checked against a slow reference written the obvious way (the
code it replaced), on generated strings that stress the corner cases: old-style tone
marks after ``q``, dash variants, combining marks, characters whose NFC or lower case
is not one character, final sigma, look-alikes of ``đ``, names that share beginnings.
"""
from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmodel import normalize as N
from loaders import citations as C
from loaders import known as K
from loaders import read as R
from loaders import structure as S
from loaders.formats import vnfonts as V

# --- references: the plain versions ---------------------------------------------------------


def ref_unify_dashes(text: str) -> str:
    return text.translate(str.maketrans({d: "-" for d in N.DASHES}))


def ref_modern_tone_marks(text: str) -> str:
    return N._TONE_RE.sub(lambda m: N._TONE_MAP[m.group(1)], N.nfc(text))


def ref_normalize_with_offsets(text: str):
    """Cluster by cluster, then the character fold one character at a time."""
    chars, starts, ends = [], [], []
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
    s = "".join(chars)
    toned = ref_modern_tone_marks(s)
    if len(toned) == len(s):
        s = toned
    return "".join(K._fold_char(c) for c in ref_unify_dashes(s)), starts, ends


def ref_detect_legacy(text: str):
    """``detect_legacy`` without the early stop: both conversions always scored."""
    sample = text[:60000]
    if not any("\u0080" <= c <= "\u00ff" or c in "ƒŒœŠšŸŽž€‚„…†‡ˆ‰‹›‘’“”•–—˜™" for c in sample):
        return None
    before = V.syllable_ratio(sample)
    best, best_score = None, before
    for name, conv in (("tcvn3", ref_convert_tcvn3), ("vni", V.convert_vni)):
        after = V.syllable_ratio(conv(sample))
        if after >= V.MIN_AFTER and after - before >= V.MIN_GAIN and after > best_score:
            best, best_score = name, after
    return best


def ref_restore_caps(before: str, after: str) -> str:
    if len(before) != len(after):
        return after
    out = list(after)
    for m in V._WORD_RE.finditer(before):
        word = m.group(0)
        ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) and word != after[m.start():m.end()]:
            out[m.start():m.end()] = after[m.start():m.end()].upper()
    return "".join(out)


def ref_convert_tcvn3(text: str, *, upper: bool = False) -> str:
    table = V.tcvn3_table()
    out = "".join(table.get(c, c) for c in text)
    out = out.upper() if upper else ref_restore_caps(text, out)
    return unicodedata.normalize("NFC", out)


# --- alphabets ---------------------------------------------------------------------------------

#: tone pairs in all cases, q before them, letters that stop them, dashes
TONE_ALPHABET = "".join(N._TONE_MAP) + "qQoOuUyYaAhn \n-" + N.DASHES + "áÁýÝ"
#: combining marks, characters NFC changes alone (Å, Ω signs, a Hebrew form), Hangul jamo that
#: compose with each other, capital I with dot (lower case is two characters), sigma, đ look-alikes
FOLD_ALPHABET = ("aăâbcdđeêoôơuưyAĂÂĐOÔƠUỦủòÒhá \n-–—'\"“”,¹²\u0301\u0300\u0323"
                 "\u212b\u2126\ufb2c\u1100\u1161\u0130ΣσΑ\u00d0\u00f0\u2070K\u212a")


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(TONE_ALPHABET), max_size=40))
def test_modern_tone_marks_and_unify_dashes_equal_the_plain_versions(text):
    assert N.modern_tone_marks(text) == ref_modern_tone_marks(text)
    assert N.unify_dashes(text) == ref_unify_dashes(text)


@pytest.mark.parametrize("text, expected", [
    ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Ủy ban nhân dân tỉnh Khánh Hòa"),
    ("quý, Quỷ, QUỶ", "quý, Quỷ, QUỶ"),  # the u after q is no glide: kept
    ("hoá", "hóa"), ("HOÁ", "HÓA"), ("Hoá", "Hóa"), ("hoác", "hoác"),  # a letter after the pair: kept
    ("oá", "óa"),  # at the very start of the text
])
def test_modern_tone_marks_cases(text, expected):
    assert N.modern_tone_marks(text) == expected


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(FOLD_ALPHABET), max_size=40))
def test_normalize_with_offsets_equals_the_plain_version(text):
    assert K.normalize_with_offsets(text) == ref_normalize_with_offsets(text)


def test_normalize_with_offsets_of_a_page_is_the_plain_version():
    page = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ về Chiến lược quốc gia về bình đẳng giới "
            "giai đoạn 2021 – 2030; ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ, Uỷ ban, năm 2019¹, QÐ-UBND.") * 5
    assert K.normalize_with_offsets(page) == ref_normalize_with_offsets(page)
    assert K.normalize_with_offsets(unicodedata.normalize("NFD", page)) == \
        ref_normalize_with_offsets(unicodedata.normalize("NFD", page))


# --- the regex of known names ------------------------------------------------------------------

@pytest.fixture(scope="module")
def index():
    return K.KnownIndex.load()


def _flat_regex(index: K.KnownIndex) -> re.Pattern:
    """The names as one plain alternation, longest key first (the regex the index replaced)."""
    patterns: dict[str, str] = {}
    for inst in index.rows:
        for form in (*inst.forms, *inst.base_forms):
            patterns.setdefault(K.name_key(form), K._pattern(form))
    alts = [patterns[k] for k in sorted(patterns, key=len, reverse=True) if patterns[k]]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_known_names_regex_finds_what_the_plain_alternation_finds(index, data):
    forms = [K.normalize_with_offsets(f)[0] for inst in index.rows for f in (*inst.forms, *inst.base_forms)]
    parts = data.draw(st.lists(st.tuples(st.sampled_from(forms), st.floats(0, 1.5)), min_size=1, max_size=4))
    glue = data.draw(st.sampled_from(["", " ", "x", " số ", ", ", "\n", " \u201c", "\u201d, ", "\u00a0", "\t\u2019"]))
    tail = data.draw(st.sampled_from(["", "a", " năm 2019", ",", "đ", "-", "\u201d", "\u00bb"]))
    # whole names and names cut short (a cut over 1 keeps the whole name), and with their
    # spaces made other separators (the index's regex runs on text with separators made spaces)
    seps = data.draw(st.lists(st.sampled_from(K._SEP_CHARS), min_size=1, max_size=3))
    cuts = [f[:int(len(f) * min(cut, 1.0))] for f, cut in parts]
    cuts = [c.replace(" ", seps[i % len(seps)], data.draw(st.integers(0, 3))) for i, c in enumerate(cuts)]
    text = glue.join(cuts) + tail
    flat = _flat_regex(index)
    assert list(index._find(text)) == [m.span() for m in flat.finditer(text)]


@given(st.text(alphabet=st.sampled_from(K._SEP_CHARS + "aZđ\u0301\u2013.-x1 "), max_size=40))
def test_spaced_changes_only_the_separators_to_spaces(text):
    spaced = K._spaced(text)
    assert len(spaced) == len(text)
    assert all((b == " ") if a in K._SEP_CHARS else (a == b) for a, b in zip(text, spaced))


def test_known_scan_over_quoted_and_broken_names():
    # names in curly quotes, split over lines, with a comma or a non-breaking space in them
    index = K.KnownIndex.load()
    flat = _flat_regex(index)
    for text in ("Căn cứ Luật\nBình đẳng giới năm 2006;", "theo “Luật Bình\u00a0đẳng giới”, và",
                 "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021\u20132030", "“Bộ luật\tLao động”"):
        norm = K.normalize_with_offsets(text)[0]
        assert list(index._find(norm)) == [m.span() for m in flat.finditer(norm)]


def test_alternation_keeps_the_order_where_a_separator_may_be_empty():
    # "ab" then "a<sep>b" then "a<sep>c": after "a" a separator (maybe empty) and "b" both fit "ab"
    sep = K._SEP
    alts = [("a", "b", "x"), ("a", sep, "b"), ("a", "b")]
    grouped = re.compile(K._alternation(alts))
    flat = re.compile("(?:" + "|".join("".join(a) for a in alts) + ")")
    for text in ("abx", "ab", "a b", "a bx", "abxb"):
        assert grouped.match(text).group() == flat.match(text).group()


# --- legacy fonts --------------------------------------------------------------------------------

VI_WORDS = ["Cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "Việt", "Nam", "Độc", "lập", "Tự", "do", "Hạnh", "phúc",
            "ỦY", "BAN", "NHÂN", "DÂN", "TỈNH", "Quyết", "định", "về", "việc", "ban", "hành", "Kế", "hoạch", "thực",
            "hiện", "Chiến", "lược", "quốc", "gia", "bình", "đẳng", "giới", "UBND", "QĐ-UBND", "số", "năm", "2021",
            "Sở", "Lao", "động", "Thương", "binh", "và", "Xã", "phối", "hợp", "trì"]


def _to_tcvn3(text: str) -> str:
    inv = {}
    for k, v in V.tcvn3_table().items():
        try:
            k.encode("cp1252")
        except UnicodeEncodeError:
            continue
        inv.setdefault(v, k)
    return "".join(inv.get(c, inv.get(c.lower(), c)) for c in unicodedata.normalize("NFC", text))


def _to_vni(text: str) -> str:
    inv = {v: k for k, v in V.vni_table().items()}
    return "".join(inv.get(c, c) for c in unicodedata.normalize("NFC", text))


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(VI_WORDS), st.sampled_from(["u", "t", "v", "a"])), max_size=30))
def test_detect_legacy_and_tcvn3_conversion_equal_the_plain_versions(words):
    # a mix of Unicode words, words typed in TCVN3 or VNI, and words stripped to ASCII
    conv = {"u": str, "t": _to_tcvn3, "v": _to_vni,
            "a": lambda w: unicodedata.normalize("NFD", w).encode("ascii", "ignore").decode()}
    text = " ".join(conv[how](w) for w, how in words)
    assert V.detect_legacy(text) == ref_detect_legacy(text)
    assert V.convert_tcvn3(text) == ref_convert_tcvn3(text)
    assert V.convert_tcvn3(text, upper=True) == ref_convert_tcvn3(text, upper=True)


@pytest.mark.parametrize("text, expected", [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni"),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", None),
])
def test_detect_legacy_cases(text, expected):
    assert V.detect_legacy(text) == expected == ref_detect_legacy(text)


# --- byte sniffing -------------------------------------------------------------------------------

@given(st.binary(max_size=64))
def test_binary_and_utf16_sniffing_equal_the_plain_counts(data):
    sample = data[:4096]
    if sample:
        control = sum(1 for b in sample if b < 9 or 13 < b < 32)
        plain_binary = b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))
                                                  or R._utf16_guess(sample)) or control / len(sample) > 0.05
        assert R._looks_binary(data) == plain_binary
    if len(sample) >= 4:
        even = sum(1 for b in sample[0::2] if b == 0) / (len(sample) / 2)
        odd = sum(1 for b in sample[1::2] if b == 0) / (len(sample) / 2)
        plain = "utf-16-le" if odd > 0.3 and even < 0.05 else "utf-16-be" if even > 0.3 and odd < 0.05 else None
        assert R._utf16_guess(sample) == plain


# --- the code-like-text warning ----------------------------------------------------------------

CODE_PIECES = ["<", " ", "script", "SCRIPT", "javascript", "JavaScr\u0130pt", "java\u017fcript", ":", "onload", "onclic\u212a",
               "=", '"', "MATCH", "m\u0131tch", "match", "CREATE", "(", ")", "n", "-", "DETACH", "DELETE", "CALL", "apoc",
               ".", "x", "DROP", "TABLE", "iframe", "Căn cứ", "\n"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(CODE_PIECES), max_size=12))
def test_code_warning_prefilter_never_hides_a_match(pieces):
    text = "".join(pieces)
    assert R._CODE_RE.search(text) is None or R._may_hold_code(text)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "javascript:void(0)", "MATCH (n) DETACH DELETE n",
                                  "CALL apoc.help('x')", "DROP TABLE users", "<iframe src=x>", 'onclick="x()"',
                                  "javascr\u0130pt:", "ca\u212a", "j\u0251vascript:"])
def test_code_warning_cases(text):
    assert (R._CODE_RE.search(text) is not None) <= R._may_hold_code(text)


# --- abbreviated type words ----------------------------------------------------------------------

@settings(max_examples=300)
@given(st.lists(st.sampled_from([*C.TYPE_ABBREVIATIONS, "a", "Q", "T", "r", "Tr", "\n", " ", "1", "số", "Đ", "ố"]),
                max_size=8))
def test_abbreviation_regex_finds_what_the_plain_alternation_finds(pieces):
    text = "".join(pieces)
    plain = re.compile(r"(?<![" + C._L + r"])(" + "|".join(map(re.escape, C.TYPE_ABBREVIATIONS)) + r")(?![" + C._L + r"])")
    assert [(m.span(), m.group(1)) for m in C._ABBR_RE.finditer(text)] == \
        [(m.span(), m.group(1)) for m in plain.finditer(text)]


# --- type words ----------------------------------------------------------------------------------

def _plain_type_re() -> re.Pattern:
    return re.compile(r"(?<![" + C._L + r"])(" + "|".join(C._words_re(w) for w, _, _ in C.TYPE_WORDS) + r")"
                      r"(?:(?![" + C._L + r"])|(?=số[ \t]*:?[ \t]*\d))", re.IGNORECASE)


def test_type_word_first_letters_cover_every_caseless_match():
    # every character the regex engine, ignoring case, reads as a first letter of a type word
    firsts = re.compile("[" + "".join({w[0] for w, _, _ in C.TYPE_WORDS}) + "]", re.IGNORECASE)
    start_class = re.compile(C._TYPE_RE.pattern[1:C._TYPE_RE.pattern.index("]") + 1])
    missing = [hex(cp) for cp in range(sys.maxunicode + 1)
               if firsts.fullmatch(chr(cp)) and not start_class.fullmatch(chr(cp))]
    assert missing == []


TYPE_PIECES = [w for w, _, _ in C.TYPE_WORDS] + [w.upper() for w, _, _ in C.TYPE_WORDS] + [
    "\u212aế hoạch", "quyết \nđịnh", "a", "Đ", "đề", "số 12", "số", "\n", " ", "x", "sư", "kế", "K", "\u212a", "1", "QĐ"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(TYPE_PIECES), min_size=1, max_size=6), st.integers(0, 30), st.integers(0, 200))
def test_type_word_regex_finds_what_the_plain_alternation_finds(pieces, a, b):
    text = "".join(pieces)
    a, b = min(a, len(text)), min(a + b, len(text))
    plain = _plain_type_re()
    for args in ((text,), (text, a, b)):
        assert [(m.span(), m.group(1)) for m in C._TYPE_RE.finditer(*args)] == \
            [(m.span(), m.group(1)) for m in plain.finditer(*args)]
    # and match() at one position (how the scanner tests what follows a comma or "và")
    m1, m2 = C._TYPE_RE.match(text, a, b), plain.match(text, a, b)
    assert (m1 and (m1.span(), m1.group(1))) == (m2 and (m2.span(), m2.group(1)))


# --- lines of the structure parser ------------------------------------------------------------


def ref_split_lines(text: str, start: int = 0, end: int | None = None) -> list:
    """The line splitter as it was: every cell through ``_MARKUP_LEAD``."""
    end = len(text) if end is None else min(end, len(text))
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        for cs, ce in S._cells(text, pos, stop):
            lead = S._MARKUP_LEAD.match(text, cs, ce)
            s = lead.end() if lead else cs
            e = ce
            while e > s and (text[e - 1] in " \t\r*_|\\"):
                e -= 1
            out.append(S._Ln(s, e, text[s:e], cs, ce))
        pos = stop + 1
    return out


# white space of all kinds (\s of a str pattern), the markup marks, letters
_LINE_CHARS = " \t\r\n\f\v\u00a0\u2003\u3000\x1c\x85#>*_|\\aĐ1."


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(_LINE_CHARS), max_size=60), a=st.integers(0, 70), b=st.integers(0, 70))
def test_iter_lines_equals_the_plain_split(text, a, b):
    assert S.split_lines(text) == ref_split_lines(text)
    assert list(S.iter_lines(text, a, b)) == ref_split_lines(text, a, b)
    assert S.split_lines(text, a) == ref_split_lines(text, a)


def test_split_lines_of_a_header_table():
    # a flattened two-column header (examples of the webdocs), markdown marks, a non-breaking space
    page = ("| **ỦY BAN NHÂN DÂN TỈNH X** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n|---|---|\n"
            "> # KẾ HOẠCH\n\u00a0 Số: 12/KH-UBND \\\n\n- Sở Y tế;\r\n_Nơi nhận:_\n")
    assert S.split_lines(page) == ref_split_lines(page)
    assert [ln.text for ln in S.split_lines(page) if ln.text][:4] == [
        "ỦY BAN NHÂN DÂN TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "---", "---"]


# --- header tests of the structure parser ----------------------------------------------------

def ref_is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85


def ref_looks_like_agency(u: str) -> bool:
    u = S._norm(u).upper()
    for abbr, full in S.vocab.HEADER_ABBREVIATIONS:
        if u.startswith(abbr + " "):
            return True
    return any(u.startswith(S._norm(t).upper() + " ") or u == S._norm(t).upper() for t in S.vocab.ORG_TYPES) or \
        u.startswith(("THỦ TƯỚNG", "Y BAN", "TỔNG CỤC", "VĂN PHÒNG", "SỞ ", "PHÒNG "))


def ref_is_motto_fragment(u: str) -> bool:
    return (u.startswith(("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP", "ĐẢNG CỘNG SẢN")) or u == "CỘNG"
            or any(S._norm(w).upper() in u for w in S.vocab.MOTTO_WORDS))


# header lines of the corpus and webdocs, cut and re-cased below
HEADER_LINES = ["ỦY BAN NHÂN DÂN", "UBND TỈNH GIA LAI", "Uỷ ban nhân dân tỉnh Khánh Hoà", "SỞ Y TẾ", "SỞ", "TP. HÀ NỘI",
                "HĐND", "THỦ TƯỚNG CHÍNH PHỦ", "VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG",
                "Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 12/KH-UBND", "BỘ Y TẾ", "Ⅻ ⅻ", "ß Σ 1"]


@settings(max_examples=400, deadline=None)
@given(line=st.sampled_from(HEADER_LINES), cut=st.integers(0, 40), case=st.sampled_from(["", "u", "l"]),
       tail=st.sampled_from(["", " ", " TỈNH X", "x"]))
def test_header_line_tests_equal_the_plain_versions(line, cut, case, tail):
    t = line[:cut] + tail
    t = t.upper() if case == "u" else t.lower() if case == "l" else t
    assert S._is_upper(t) == ref_is_upper(t)
    assert S._looks_like_agency(t) == ref_looks_like_agency(t)
    u = S._norm(t).upper()
    assert S._is_motto_fragment(u) == ref_is_motto_fragment(u)


def _date_matches(text, a, b):
    return [(m.span(), m.groupdict()) for m in S.DATE_LINE_RE.finditer(text, a, b)]


_DATE_PIECES = ["Gia Lai", ", ", ",", "ngày", "NGÀY", "Ngày", " 02 tháng 3 năm 2020", " ", "\n", "\t", "|", ":",
                "Khánh Hoà", "TP. Hồ Chí Minh", "x" * 30, "năm 2019", "ngàyx", "số 5"]


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.sampled_from(_DATE_PIECES), max_size=14), a=st.integers(0, 30), b=st.integers(0, 200))
def test_date_line_search_start_finds_the_same_matches(pieces, a, b):
    text = "".join(pieces)
    assert _date_matches(text, S._date_line_from(text, a, b), b) == _date_matches(text, a, b)


def test_date_line_search_start_on_a_header():
    # corpus-style header: place and date on the right of a flattened two-cell line, after 70+ characters
    head = ("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND | "
            "Khánh Hòa, ngày 02 tháng 3 năm 2020\n")
    assert _date_matches(head, S._date_line_from(head, 0, len(head)), len(head)) == _date_matches(head, 0, len(head))
    assert _date_matches(head, 0, len(head))[0][1]["place"].strip() == "Khánh Hòa"


# --- memos of the known-names scan and the instrument name key ---------------------------------

from graphmodel import instruments as I  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_known_scan_memo_gives_what_a_fresh_scan_gives(index, data):
    forms = [f for inst in index.rows for f in (*inst.forms, *inst.base_forms)]
    text = data.draw(st.sampled_from(forms)) + data.draw(st.sampled_from(["", " năm 2015", " số 76/2015/QH13", "”"]))
    as_of = data.draw(st.sampled_from([None, "2010-01-01", "2020-06-30", 2016]))
    fresh = K.KnownIndex(index.rows)._scan(text, as_of)
    assert index.scan(text, as_of=as_of) == fresh
    assert index.scan(text, as_of=as_of) == fresh  # the second time from the memo


def test_known_scan_memo_still_rejects_a_malformed_as_of(index):
    text = "Luật Tổ chức Chính phủ"
    index.scan(text, as_of=2019)
    with pytest.raises(ValueError):
        index.scan(text, as_of=2019.0)  # equal to 2019 as a key, but not a year
    with pytest.raises(ValueError):
        index.scan(text, as_of="19/19/19")


@pytest.mark.parametrize("name, doc_type, jurisdiction", [
    ("Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Gia Lai giai đoạn 2021-2030", "Kế hoạch", "Gia Lai"),
    ("Luật Bình đẳng giới", "Luật", "national"),
    (None, None, None),
])
def test_instrument_name_key_memo_gives_the_plain_key(name, doc_type, jurisdiction):
    plain = I._name_key.__wrapped__(name, doc_type, jurisdiction)
    assert I.name_key(name, doc_type=doc_type, jurisdiction=jurisdiction) == plain
    assert I.name_key(name, doc_type=doc_type, jurisdiction=jurisdiction) == plain


def ref_match_heading(line: str):
    for style, rx in S.HEADING_RES:
        m = rx.match(line)
        if not m:
            continue
        if style == "roman" and not m.group("n"):
            continue
        if style == "letter" and line[1:2] == "." and not re.match(r"^[a-zđ]\.\s", line):
            continue
        return style, m
    return None


# heading openings of the corpus (Điều 1., II., 1.2., a), - , + ) and look-alikes that are not headings
_HEADING_PIECES = ["Điều", "điều", " ", "1", "12", ".", ")", "/", "-", "–", "•", "·", "+", "II", "IV", "XL", "C", "a", "đ",
                   "A", "Đ", "Mục tiêu", "\t", "_", "=", ":", "*", "ⅰ", "İ"]


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.sampled_from(_HEADING_PIECES), max_size=6))
def test_match_heading_first_character_test_changes_nothing(pieces):
    line = "".join(pieces)
    got, ref = S._match_heading(line), ref_match_heading(line)
    assert (got[0], got[1].span(), got[1].groupdict()) == (ref[0], ref[1].span(), ref[1].groupdict()) if ref else got is None


def test_match_heading_first_character_test_over_every_opening_character():
    # every character up to U+2FFF (Latin, Vietnamese, dashes, bullets, spaces) and every decimal digit
    # of any script (\d of a str pattern), as a line's first
    digits = [chr(cp) for cp in range(0x3000, sys.maxunicode + 1) if chr(cp).isdecimal() or chr(cp).isspace()]
    for c in [chr(cp) for cp in range(0x3000)] + digits:
        for rest in ("", " x", ". x", ") x", "1. x", "ều 1. x", "I. x"):
            line = c + rest
            ref = ref_match_heading(line)
            got = S._match_heading(line)
            assert (got is None) == (ref is None), repr(line)
