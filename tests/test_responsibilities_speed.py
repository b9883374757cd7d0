"""The shortcuts that make ``loaders.responsibilities`` fast give the answers of the plain forms.

* ``tokenize`` cuts every range from the cached tokens of the whole text: the tokens must
  be those of tokenizing the range on its own, for any range (cut words included);
* the scanning patterns open with a lookahead of their first letters: the matches must
  be those of the same pattern without it;
* ``_first_token_at`` finds a heading's token by bisection: the first token at or after
  the offset, as a linear search finds it.
"""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import responsibilities as R

#: letters, Vietnamese syllables, digits and the punctuation the extractors care about
_PIECES = st.sampled_from([
    "Sở", "Nội", "vụ", "UBND", "tỉnh", "các", "sở,", "ban", "ngành", "phối", "hợp", "với", "Đề", "nghị",
    "(", ")", ":", ";", ".", ",", "-", "–", "\n", " ", "  ", "*", "#", "&", "_", "GD&ĐT", "2025", "60%",
    "năm", "đến", "Phấn", "đấu", "trước", "ngày", "10/6", "31/5/2022", "hạn", "chậm", "nhất", "Hàng",
    "tháng", "Định", "kỳ", "ít", "nhất", "một", "tối", "thiểu", "hoá", "Uỷ", "đạt", "và", "NĂM", "TRƯỚC",
])
_TEXTS = st.lists(_PIECES, max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 400), st.integers(0, 400))
def test_tokenize_slices_equal_direct_tokenization(text, a, b):
    work = R.work_text(text)
    start, end = min(a, b, len(work)), min(max(a, b), len(work))
    assert R.tokenize(work, start, end) == R._tokenize_range(work, start, end)


def test_tokenize_ranges_of_a_real_text():
    text = (Path(__file__).parent.parent / "examples").glob("*.txt")
    text = next(iter(sorted(text)), None)
    assert text is not None, "examples/*.txt is part of the repository"
    work = R.work_text(text.read_text(encoding="utf-8"))
    for start in range(0, len(work), 97):
        for end in (start, start + 1, start + 13, start + 500, start + 2500, len(work)):
            end = min(end, len(work))
            assert R.tokenize(work, start, end) == R._tokenize_range(work, start, end), (start, end)


_LOOKAHEAD = re.compile(r"^\(\?=(?:\[[^\]]+\]|\\d)\)")


def _without_lookahead(rx: re.Pattern) -> re.Pattern:
    m = _LOOKAHEAD.match(rx.pattern)
    assert m, f"{rx.pattern[:30]} opens with a first-letter lookahead"
    return re.compile(rx.pattern[m.end():], rx.flags)


_SCAN_PATTERNS = [R._DUE_RE, R._YEAR_VALUE_RE, R._PLAIN_VALUE_RE, R._AT_LEAST_RE, R._FREQUENCY_RE]


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_first_letter_lookaheads_change_no_match(text):
    for rx in _SCAN_PATTERNS:
        plain = _without_lookahead(rx)
        assert [(m.span(), m.groupdict()) for m in rx.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text)], rx.pattern[:30]


def test_first_letter_lookaheads_on_written_variants():
    text = ("Phấn đấu đến năm 2025 đạt 60% và năm 2030 đạt 75%; TRƯỚC NGÀY 15/12 báo cáo; "
            "chậm nhất là ngày 31 tháng 5 năm 2022; ít nhất một hoạt động; Định kỳ hằng tháng; "
            "PHẤN ĐẤU ĐẾN NĂM 2030 CÓ 80%; Hạn chót 1/7; không muộn hơn 20/11; 12,5 %")
    for rx in _SCAN_PATTERNS:
        found = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
        assert found, rx.pattern[:30]
        assert found == [(m.span(), m.groupdict()) for m in _without_lookahead(rx).finditer(text)]


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.integers(0, 500))
def test_first_token_at_is_the_first_token_from_the_offset(text, offset):
    toks = R.tokenize(R.work_text(text))
    linear = next((i for i, t in enumerate(toks) if t.start >= offset), None)
    assert R._first_token_at(toks, offset) == linear


def _scan_lists_stepwise(toks, scanner, consumed=frozenset(), skip=()):
    """The scan as first written: every token visited, the cue asked of each word."""
    depth = 0
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        if depth or k in consumed or t.kind != "w":
            k += 1
            continue
        trigger = R._trigger_before(toks, k)
        if trigger is None or any(a <= t.start < b for a, b in skip):
            k += 1
            continue
        mentions = scanner.mention_list(k, lower_ok=trigger in ("coordinate", "denghi", "giao", "yeucau", "directs"))
        if not mentions or any(i in consumed for m in mentions for i in range(m.i, m.j + 1)):
            k += 1
            continue
        yield mentions, trigger, R._verb_after(toks, scanner.after(mentions[-1]))
        k = mentions[-1].j + 1


def test_scan_lists_finds_what_the_stepwise_scan_finds():
    root = Path(__file__).parent.parent
    files = sorted(root.glob("examples/*.txt")) + sorted((root / "tests/data/heldout").glob("*.txt"))
    assert files
    n = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        toks = R.tokenize(R.work_text(text))
        scanner = R._Scanner(text, toks)
        # every third token consumed, the tenth part of the text skipped: both paths must agree
        consumed = set(range(0, len(toks), 3))
        skip = [(len(text) // 10, len(text) // 5)]
        for args in ((), (consumed, skip)):
            fast = list(R._scan_lists(toks, scanner, *args))
            assert fast == list(_scan_lists_stepwise(toks, scanner, *args)), f.name
            n += len(fast)
    assert n > 50


def _finditer_tokens(work: str, start: int, end: int) -> list:
    """The plain form of ``_tokenize_range``: one match object per token."""
    return [R.Tok(m.group(0), m.group(0).lower() if m.lastgroup == "w" else m.group(0), m.start(), m.end(),
                  m.lastgroup) for m in R._TOKEN_RE.finditer(work, start, end)]


#: any characters, with those the token pattern treats apart (``_``, ``&``, line breaks, tabs,
#: combining marks, cased symbols such as ``Ⓐ``, digits, Vietnamese letters) made frequent
_ANY_TEXT = st.text(alphabet=st.one_of(st.sampled_from(list("_&\n\t\r -–.,:;()ⒶǅİΣσςẠạỦủ̉0129aZ ")),
                                       st.characters()), max_size=80)


@settings(max_examples=500, deadline=None)
@given(_ANY_TEXT, st.integers(-5, 90), st.integers(-5, 90))
def test_tokenize_range_equals_one_match_per_token(text, a, b):
    got = R._tokenize_range(text, a, b)
    assert got == _finditer_tokens(text, a, b)
    assert all(type(t) is R.Tok for t in got)


def test_tokenize_range_of_real_texts_equals_one_match_per_token():
    root = Path(__file__).parent.parent
    files = sorted(root.glob("examples/*.txt")) + sorted(root.glob("tests/data/heldout/*.txt"))
    assert files
    for f in files:
        work = R.work_text(f.read_text(encoding="utf-8"))
        assert R._tokenize_range(work, 0, len(work)) == _finditer_tokens(work, 0, len(work))
        assert R._tokenize_range(work, 7, len(work) // 2) == _finditer_tokens(work, 7, len(work) // 2)
