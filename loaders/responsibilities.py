"""Who must do what, by when, to which level: responsibilities, deadlines, targets.

Pure functions over ``(text, doc)`` (``doc`` from ``loaders.structure.parse_document``):

* ``extract_responsibilities`` — every agency mention that carries a role
  (``lead`` / ``coordinate`` / ``assigned`` / ``requested``), following the rules of
  ``shared/gold/README.md``:

  - items whose heading is an agency list (``1. Sở Lao động – Thương binh và Xã hội:``,
    ``13. Đề nghị Hội Liên hiệp Phụ nữ tỉnh:``) give one entry per heading agency,
    with the strongest role of the item (requested > lead > coordinate-only > assigned);
  - ``phối hợp với X, Y`` makes X, Y ``coordinate``;
  - ``Giao X …``, ``Yêu cầu X …``, ``Đề nghị X …`` and the subjects of tasks
    (``X chủ trì …``, ``X phối hợp …``, ``Các sở, ban, ngành chủ động …``) give
    ``lead`` / ``coordinate`` / ``assigned``; ``Đề nghị`` to a body outside the
    issuer's command (``graphmodel.agencies.under_command``) gives ``requested``;
  - objects of guidance or monitoring (``hướng dẫn X …``), recipients (``gửi X``,
    ``báo cáo X``, ``tham mưu X``, ``về X``, ``qua X``), possessors (``của X``),
    mentions inside parentheses and the issuer's own acts (``UBND tỉnh ban hành …``,
    ``… đề nghị …``) give nothing.

* ``extract_deadlines`` — dated due dates (``trước ngày 10/6``, ``(trước ngày 31/5/2022)``);
  activity windows (``từ ngày … đến ngày …``) and ``thực hiện ngay`` are not deadlines.
* ``extract_targets`` — ``đến năm 2025 đạt 60% và 2030 đạt 75%`` gives one target per
  (value, year); inside a *Mục tiêu* section also year-less levels (``100% …``,
  ``ít nhất một hoạt động``, ``Định kỳ hàng tháng``).

The word lists below are the data the rules read; they are matched on folded words
(``graphmodel.normalize.fold``), so tone-mark style, case and dashes do not matter.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from graphmodel.agencies import (
    agency_clusters,
    agency_key,
    agency_type,
    canonical_agency,
    expand_abbreviations,
    issuer_kind,
    load_agency_types,
    load_standard_names,
    resolve_agencies,
    under_command,
)
from graphmodel.models import Deadline, Document, Responsibility, Target
from graphmodel.normalize import fold, iso_date, modern_tone_marks, normalize_text, unify_dashes

from .structure import iter_sections, section_at, section_label

# --- vocabulary (lower-case words, new-style tone marks) -----------------------------------

#: verbs after which a following agency list is the coordinating partner
COORDINATE_CUES = ("phối hợp với", "phối hợp chặt chẽ với", "phối hợp thường xuyên với", "phối hợp cùng",
                   "phối hợp chặt chẽ cùng")
#: words that introduce the bodies given a task: trigger → role family
ASSIGN_CUES = {"giao": "giao", "giao cho": "giao", "yêu cầu": "yeucau", "đề nghị": "denghi"}
#: verbs whose object is guided or monitored, not tasked (``hướng dẫn các huyện thực hiện``);
#: the object becomes a subject only when ``chủ trì`` / ``phối hợp`` follows it
DIRECTIVE_CUES = ("chỉ đạo", "hướng dẫn", "đôn đốc", "theo dõi", "giao nhiệm vụ cho", "lãnh đạo")
#: what a subject list may be followed by to be the subject of a task
LEAD_VERBS = ("chủ trì",)
COORDINATE_VERBS = ("phối hợp", "tham gia phối hợp")
TASK_VERBS = (
    "chủ động", "cần", "phải", "có trách nhiệm", "chịu trách nhiệm", "căn cứ", "tổ chức", "thực hiện", "triển khai",
    "xây dựng", "chỉ đạo", "tham mưu", "hướng dẫn", "theo dõi", "kiểm tra", "báo cáo", "gửi", "bố trí", "cân đối",
    "rà soát", "tổng hợp", "tuyên truyền", "đẩy mạnh", "tăng cường", "nâng cao", "lồng ghép", "tham gia",
    "nghiên cứu", "đề xuất", "hỗ trợ", "duy trì", "nhân rộng", "quán triệt", "giám sát", "đánh giá", "tiếp tục",
    "thường xuyên", "kịp thời", "khẩn trương", "nghiêm túc", "trong phạm vi", "phổ biến", "vận động", "cung cấp",
    "cập nhật", "sơ kết", "tổng kết", "kiện toàn", "cử", "phân công", "bảo đảm", "đảm bảo", "quan tâm", "chú trọng",
    "thống kê", "thu thập", "ưu tiên", "huy động", "quản lý", "xử lý", "giải quyết", "phát động", "lập",
    "có giải pháp", "có kế hoạch", "tập trung", "đồng thời", "tích cực", "phấn đấu", "tạo điều kiện", "hoàn thành",
    "ban hành kế hoạch", "xác định", "thẩm định", "trình", "lãnh đạo", "quán triệt", "theo chức năng",
    "theo thẩm quyền", "làm đầu mối", "thi hành",
)
#: acts of whoever asks or informs (``X đề nghị …``, ``X có ý kiến …``): the speaker is given no task
SPEECH_ACTS = ("đề nghị", "thông báo", "có ý kiến", "đã nhận", "nhận được", "giao", "yêu cầu", "trân trọng",
               "gửi kèm", "sao gửi", "kính gửi")
#: acts of the issuer itself (``UBND tỉnh ban hành Kế hoạch``); by another body they are tasks
ISSUER_ACTS = ("ban hành", "quyết định") + SPEECH_ACTS
#: aspect and negation words between a subject and its verb (``… chưa ban hành kế hoạch``)
ASPECT_WORDS = frozenset({"chưa", "đã", "đang", "sẽ", "vẫn", "còn", "cũng", "tiếp", "cần"})
#: words that end the name of an unknown agency (prepositions, conjunctions, the verbs above)
NAME_STOP_WORDS = frozenset({
    "với", "về", "để", "trong", "theo", "tại", "cho", "nhằm", "đối", "của", "đến", "từ", "qua", "thông", "giữa",
    "và", "hoặc", "là", "có", "được", "đã", "đang", "sẽ", "khi", "nếu", "thì", "như", "trên", "dưới", "sau",
    "trước", "nhận", "ở", "các", "những", "nhân",
} | {v.split()[0] for v in TASK_VERBS + LEAD_VERBS + COORDINATE_VERBS + ISSUER_ACTS})
#: nouns that make a group (``các sở, ban, ngành``) and their class for list splitting
GROUP_NOUNS = {
    "cơ quan ngang bộ": "state", "cơ quan": "state", "đơn vị": "state", "địa phương": "state", "sở": "state",
    "ban": "state", "ngành": "state", "bộ": "state", "đoàn thể": "neutral", "tổ chức": "neutral", "hội": "mass",
    "thành viên": "state", "doanh nghiệp": "neutral", "cá nhân": "neutral",
    "tỉnh ủy": "party", "thành ủy": "party", "huyện ủy": "party", "đảng ủy": "party", "đảng đoàn": "party",
    "ban cán sự đảng": "party", "ban đảng": "party", "cấp ủy": "party",
}
#: two group nouns written as one (``ban ngành``, ``hội đoàn thể``)
GROUP_COMPOUNDS = {"ban": ("ngành",), "hội": ("đoàn thể",), "sở": ("ngành", "ban ngành")}
#: modifiers that stay inside a group mention
GROUP_MODIFIERS = (
    "có liên quan", "liên quan", "chức năng", "thành viên", "của tỉnh", "cấp tỉnh", "tỉnh", "thuộc chính phủ",
    "trực thuộc", "thuộc", "trung ương", "chính trị", "nhà nước", "ngang bộ", "chuyên môn",
)
#: locality nouns of ``các huyện, thị xã, thành phố`` lists
LOCALITY_NOUNS = ("thị xã", "thành phố", "thị trấn", "huyện", "tỉnh", "xã", "phường", "quận", "tx", "tp")
LOCALITY_START = tuple(f"các {n}" for n in LOCALITY_NOUNS[:-2])
#: kinds that may be followed directly by their owner (``Văn phòng Sở``, ``Công đoàn cơ sở Sở Nội vụ``)
UNIT_KINDS = frozenset({"van phong", "phong", "cong doan", "ban", "chi cuc", "trung tam", "truong", "thanh tra"})
#: kinds that are words of ordinary sentences when capitalised at a sentence start
GROUP_KINDS = frozenset({"nganh", "co quan", "don vi", "dia phuong", "doan the", "to chuc", "doanh nghiep",
                         "thanh vien"})
#: words that start with a kind word but are no agency (``Báo cáo``, ``Hội nghị``, ``Bộ luật``)
NOT_AGENCIES = (
    "báo cáo", "ban hành", "hội nghị", "hội thảo", "hội thi", "hội viên", "hội nhập", "bộ luật", "bộ công cụ",
    "bộ tiêu chí", "bộ máy", "bộ phận", "bộ chỉ số", "phòng ngừa", "phòng chống", "trường hợp", "vụ việc",
    "ban đầu", "cục bộ", "sở hữu", "trung tâm hành chính", "đại hội",
)
#: title words before an agency that make the whole mention (``Người đứng đầu các cơ quan …``)
HEAD_TITLES = ("người đứng đầu", "thủ trưởng")
#: titles of the head of a body, written before its name in execution clauses
#: (``Giám đốc Sở Tư pháp``, ``Chủ tịch Ủy ban nhân dân các huyện``): the body is meant
PERSON_TITLES = ("chánh", "giám đốc", "chủ tịch", "trưởng ban", "bộ trưởng", "cục trưởng", "vụ trưởng",
                 "tổng cục trưởng", "trưởng phòng", "chủ nhiệm", "tổng giám đốc", "chỉ huy trưởng",
                 "thủ trưởng", "người đứng đầu")

# --- text and tokens -----------------------------------------------------------------------

#: Markdown markup and no-break spaces, blanked in the work text
_MARKUP = ("*", "#", "\u00a0")


@lru_cache(maxsize=8)
def work_text(text: str) -> str:
    """The text with one dash, new-style tone marks and Markdown markup blanked; same length.

    Cached (a few texts): responsibilities, deadlines and targets of each document of a
    file all start from it."""
    dashed = unify_dashes(text)
    s = modern_tone_marks(dashed)
    if len(s) != len(text):  # not NFC: keep offsets, give up the tone-mark unification
        s = dashed
    for ch in _MARKUP:  # str.replace: many times faster than str.translate with a table
        s = s.replace(ch, " ")
    return s


class Tok(NamedTuple):
    """One token of the work text (an immutable tuple: made by the thousand per document)."""

    text: str
    f: str  # lower case, accents kept (``sở`` ≠ ``sơ``, ``Đài`` ≠ ``Đại``)
    start: int
    end: int
    kind: str  # w (word) | p (punctuation) | n (line break)

    @property
    def cap(self) -> bool:
        return self.kind == "w" and self.text[:1].isupper()


_TOKEN_RE = re.compile(r"(?P<w>[^\W_][\w&]*)|(?P<n>\n)|(?P<p>[^\w\s])")
#: the same tokens, each with the characters skipped before it (spaces, ``_``), for ``findall``:
#: offsets follow from the lengths, so no match object is made per token
_TOKEN_SKIP_RE = re.compile(r"((?:[^\S\n]|_)*)(?:([^\W_][\w&]*)|(\n)|([^\w\s]))")
_new_tok = tuple.__new__
_tok_start = attrgetter("start")


def _tokenize_range(work: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``_TOKEN_RE`` in ``work[start:end]`` (what ``_TOKEN_RE.finditer`` gives,
    ~15% faster: ``tests/test_responsibilities_speed.py`` compares the two)."""
    out = []
    append = out.append
    pos = start if start > 0 else 0  # ``findall`` starts at 0 from a negative position
    for skip, w, n, p in _TOKEN_SKIP_RE.findall(work, start, end):
        if skip:
            pos += len(skip)
        if w:
            e = pos + len(w)
            append(_new_tok(Tok, (w, w.lower(), pos, e, "w")))
            pos = e
        elif n:
            append(_new_tok(Tok, (n, n, pos, pos + 1, "n")))
            pos += 1
        else:  # one character
            append(_new_tok(Tok, (p, p, pos, pos + 1, "p")))
            pos += 1
    return out


@lru_cache(maxsize=4)
def _all_tokens(work: str) -> tuple[list[Tok], list[int]]:
    """The tokens of the whole text and their end offsets (cached: every document,
    deadline and heading of a file takes its range from them, so a text is tokenized once)."""
    toks = _tokenize_range(work, 0, len(work))
    return toks, [t.end for t in toks]


def tokenize(work: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """The tokens of ``work[start:end]`` (offsets into ``work``).

    The pattern has no look-around, so the tokens of a range are those of the whole text
    that lie inside it; a token cut by either bound is tokenized again over its part.
    """
    end = len(work) if end is None else end
    if start < 0 or end > len(work):
        return _tokenize_range(work, start, end)
    toks, ends = _all_tokens(work)
    i = bisect_right(ends, start)  # the first token that ends after ``start``
    out: list[Tok] = []
    if i < len(toks) and toks[i].start < start:  # cut by ``start``
        out.extend(_tokenize_range(work, start, min(toks[i].end, end)))
        i += 1
    j = bisect_right(ends, end)  # tokens before ``j`` end at or before ``end``
    if i < j:
        out.extend(toks[i:j])
    if i <= j < len(toks) and toks[j].start < end:  # cut by ``end``
        out.extend(_tokenize_range(work, max(toks[j].start, start), end))
    return out


def _words_at(toks: list[Tok], k: int, n: int) -> str:
    """The next ``n`` word tokens from ``k`` (stopping at anything else), lower case, joined."""
    out = []
    while k < len(toks) and len(out) < n and toks[k].kind == "w":
        out.append(toks[k].f)
        k += 1
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class _PhraseTable:
    """A phrase list prepared for lookups: the phrases by word count (longest first), and
    the first and last words of them, so most tokens are rejected with one set lookup."""

    by_length: tuple[tuple[int, frozenset], ...]
    first_words: frozenset
    last_words: frozenset


_PHRASE_TABLES: dict[tuple, _PhraseTable | None] = {}


def _phrase_table(phrases) -> _PhraseTable | None:
    """The prepared table of ``phrases`` (cached by content); ``None`` when a phrase is not
    plain single-spaced words (then the callers compare phrase by phrase)."""
    key = phrases if isinstance(phrases, tuple) else tuple(phrases)
    try:
        return _PHRASE_TABLES[key]
    except KeyError:
        pass
    table = None
    if all(ph and ph == " ".join(ph.split()) for ph in key):
        lengths: dict[int, set] = {}
        for ph in key:
            lengths.setdefault(len(ph.split()), set()).add(ph)
        table = _PhraseTable(tuple((n, frozenset(v)) for n, v in sorted(lengths.items(), reverse=True)),
                             frozenset(ph.split()[0] for ph in key), frozenset(ph.split()[-1] for ph in key))
    if len(_PHRASE_TABLES) < 4096:
        _PHRASE_TABLES[key] = table
    return table


def _match_phrase(toks: list[Tok], k: int, phrases) -> tuple[str, int] | None:
    """The longest phrase (lower case, space-separated) that the words from ``k`` start with."""
    table = _phrase_table(phrases)
    if table is None:
        best = None
        for ph in phrases:
            n = len(ph.split())
            if _words_at(toks, k, n) == ph and (best is None or n > len(best[0].split())):
                best = (ph, n)
        return best
    if k >= len(toks) or toks[k].kind != "w" or toks[k].f not in table.first_words:
        return None
    for n, phs in table.by_length:
        words = _words_at(toks, k, n)
        if words in phs:
            return words, n
    return None


def _phrase_before(toks: list[Tok], k: int, phrases) -> str | None:
    """A phrase that ends right before token ``k`` (words only)."""
    table = _phrase_table(phrases)
    if table is None:
        for ph in sorted(phrases, key=lambda p: -len(p.split())):
            n = len(ph.split())
            if k - n < 0:
                continue
            span = toks[k - n:k]
            if all(t.kind == "w" for t in span) and " ".join(t.f for t in span) == ph:
                return ph
        return None
    if k < 1 or k > len(toks) or toks[k - 1].kind != "w" or toks[k - 1].f not in table.last_words:
        return None
    for n, phs in table.by_length:
        if k - n < 0:
            continue
        span = toks[k - n:k]
        if all(t.kind == "w" for t in span):
            words = " ".join(t.f for t in span)
            if words in phs:
                return words
    return None


# --- agency mentions -----------------------------------------------------------------------

@lru_cache(maxsize=None)
def _head_patterns() -> tuple[tuple[tuple[str, ...], str], ...]:
    pats = {}
    for t in load_agency_types():
        if t.match == "prefix":
            pats[tuple(normalize_text(t.pattern).lower().split())] = t.type
    return tuple(sorted(pats.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=None)
def _head_patterns_by_first() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]] | None:
    """``_head_patterns`` grouped by first word, each group in the same order (longest first);
    ``None`` if some pattern has no words (then every pattern is tried)."""
    out: dict[str, list] = {}
    for pat, kind in _head_patterns():
        if not pat:
            return None
        out.setdefault(pat[0], []).append((pat, kind))
    return {w: tuple(v) for w, v in out.items()}


@lru_cache(maxsize=4096)
def _expanded(word: str) -> tuple[str, ...]:
    words = normalize_text(expand_abbreviations(word)).lower().split()
    return tuple(w for w in words if w[:1].isalnum()) or (word.lower(),)


def _named_head_at(toks: list[Tok], k: int) -> bool:
    """A capitalised kind word of a single body (``Sở``, ``Ban``; not ``Tổ chức``, ``Cơ quan``)."""
    h = _head_at(toks, k)
    return h is not None and h[0] not in GROUP_KINDS


def _head_at(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """``(kind, tokens used)`` when an agency kind word starts at token ``k``."""
    if k >= len(toks) or toks[k].kind != "w":
        return None
    by_first = _head_patterns_by_first()
    if by_first is not None and _expanded(toks[k].text)[0] not in by_first:
        return None  # no kind word starts with this word (most words: one dict lookup)
    nxt = k + 1
    while nxt < len(toks) and toks[nxt].kind == "n":
        nxt += 1
    two = f"{toks[k].f} {toks[nxt].f}" if nxt < len(toks) and toks[nxt].kind == "w" else toks[k].f
    if _match_phrase(toks, k, NOT_AGENCIES) or two in NOT_AGENCIES \
            or (k + 1 < len(toks) and toks[k + 1].text == "," and toks[k].f == "phòng"):
        return None
    words, ends = [], []
    j = k
    while j < len(toks) and toks[j].kind == "w" and len(words) < 8:
        words.extend(_expanded(toks[j].text))
        ends.append(len(words))
        j += 1
    # only the patterns starting with the first word can match (same order, same first match)
    patterns = _head_patterns() if by_first is None else by_first.get(words[0], ())
    for pat, kind in patterns:
        n = len(pat)
        if tuple(words[:n]) == pat:
            used = next(i + 1 for i, e in enumerate(ends) if e >= n)
            if ends[used - 1] > n and kind not in ("uy ban nhan dan", "mat tran to quoc"):
                continue  # the pattern ends inside a token: not this kind
            return kind, used
    return None


@lru_cache(maxsize=None)
def _standard_keys() -> frozenset:
    return frozenset(agency_key(s.name) for s in load_standard_names())


@dataclass(frozen=True, slots=True)
class Mention:
    i: int  # first token
    j: int  # last token (inclusive)
    start: int
    end: int
    group: bool
    kind: str
    cls: str = "state"  # state | mass | neutral (for splitting group lists)


#: the lower-case words that may open a mention where lower case is not expected
#: (``các sở, ban, ngành``, ``người đứng đầu …``; see ``_Scanner.group``)
_LOWER_OPENERS = frozenset({"các", "những"} | {t.split()[0] for t in HEAD_TITLES})


@lru_cache(maxsize=None)
def _opening_words() -> frozenset:
    """First words of what opens a group or a titled mention (``các``, ``người đứng đầu``,
    ``sở, ban, ngành``, ``Giám đốc …``); a named body opens with a kind word (``_head_at``)."""
    phrases = ("các", "những") + HEAD_TITLES + PERSON_TITLES + tuple(GROUP_NOUNS)
    return frozenset(ph.split()[0] for ph in phrases)


class _Scanner:
    """Finds agency mentions in a token list."""

    def __init__(self, text: str, toks: list[Tok], known: frozenset = frozenset()):
        self.text = text
        self.toks = toks
        self.known = _standard_keys() | known if known else _standard_keys()
        self._key_cache: dict = {}
        self._named_cache: dict[int, Mention | None] = {}

    def span_key(self, i: int, j: int) -> str:
        k = (i, j)
        if k not in self._key_cache:
            self._key_cache[k] = agency_key(self.text[self.toks[i].start:self.toks[j].end])
        return self._key_cache[k]

    # -- named bodies -------------------------------------------------------------------
    def named(self, i: int) -> Mention | None:
        """The named body (``Sở Tư pháp``, ``Ban Vì sự tiến bộ của phụ nữ tỉnh``) at token ``i``.

        Memoised per scanner (the same token is asked again from list scans, headings and
        owners: ``Văn phòng Sở``); the answer depends only on the scanner's fixed tokens,
        text and known names, and a ``Mention`` is immutable."""
        try:
            return self._named_cache[i]
        except KeyError:
            pass
        m = self._named(i)
        self._named_cache[i] = m
        return m

    def _named(self, i: int) -> Mention | None:
        toks = self.toks
        t = toks[i]
        if not (t.cap or t.text.isupper()):
            return None
        head = _head_at(toks, i)
        if head is None:
            return None
        kind, used = head
        if kind in GROUP_KINDS:
            return None
        # 1. the longest known name (standard names, names of this document's headings)
        best = None
        k = i
        last = min(len(toks), i + 18)
        known, span_key = self.known, self.span_key
        while k < last:
            tk = toks[k]
            tk_kind = tk.kind
            if tk_kind == "w":
                if tk.f not in ("và", "của") and span_key(i, k) in known:
                    best = k
            elif tk_kind == "n" or tk.text not in ",-&":
                break
            k += 1
        if best is None:
            best = self._generic_extent(i, used, kind)
            if best is None:
                return None
        end = self._qualifiers(best, kind)
        group = end[1]
        j = end[0]
        return Mention(i, j, toks[i].start, toks[j].end, group, kind, _kind_class(kind, self.span_text(i, j)))

    def _generic_extent(self, i: int, used: int, kind: str) -> int | None:
        toks = self.toks
        j = i + used - 1
        k = j + 1
        words = 0
        while k < len(toks) and words < 10:
            tk = toks[k]
            if tk.kind == "n":
                break
            if tk.kind == "p":
                if tk.text in "-&" and k + 1 < len(toks) and toks[k + 1].cap:
                    k += 1
                    continue
                break
            if tk.f == "và":
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is not None and nxt.cap and not _named_head_at(toks, k + 1):
                    k += 1
                    continue
                break
            if tk.f in NAME_STOP_WORDS and not tk.cap:
                break
            if tk.cap and _named_head_at(toks, k):
                if kind in UNIT_KINDS:  # the owner of a unit: Văn phòng Sở, Công đoàn Sở Nội vụ
                    owner = self.named(k)
                    if owner is not None:
                        return owner.j
                    if toks[k].f == "sở":
                        return k
                break
            if _match_phrase(toks, k, LOCALITY_START):
                break
            j = k
            words += 1
            k += 1
        head_words = {t.f for t in toks[i:i + used]}
        if j == i + used - 1 and not head_words & {"tỉnh", "thành", "huyện"}:
            # a bare kind word (``Sở``, ``Ban``) is an anaphor, not a name; ``Tỉnh đoàn`` is a name
            nxt = self._qualifiers(j, kind)
            return j if nxt[0] > j else None
        return j

    def _qualifiers(self, j: int, kind: str) -> tuple[int, bool]:
        """Extend a name over ``tỉnh [X]``, ``Việt Nam``, ``của Sở``, ``các huyện, thị xã, thành phố`` ..."""
        toks = self.toks
        group = False
        while True:
            k = j + 1
            if k >= len(toks) or toks[k].kind != "w":
                return j, group
            loc = self._locality(k)
            if loc is not None:
                j, group = loc, True
                continue
            if toks[k].f == "các" and not group:  # ``Ban Vì sự tiến bộ của phụ nữ các sở, ban, ngành, huyện``
                items = self._owner_groups(k + 1)
                if items is not None:
                    j, group = items, True
                    continue
            ph = _match_phrase(toks, k, ("các cấp", "cấp tỉnh", "cấp huyện", "cấp xã", "việt nam", "của tỉnh",
                                         "của sở", "thuộc sở", "trực thuộc sở", "tỉnh", "sở"))
            if ph is None:
                return j, group
            word, n = ph
            if word == "sở" and (kind not in UNIT_KINDS or (k + 1 < len(toks) and toks[k + 1].kind == "w"
                                                             and toks[k + 1].cap)):
                return j, group
            if word.startswith(("các cấp", "cấp huyện", "cấp xã")):
                group = True
            j = k + n - 1
            if word == "tỉnh":  # tỉnh Gia Lai
                m = j + 1
                while m < len(toks) and toks[m].cap and m <= j + 3 and _head_at(toks, m) is None \
                        and toks[m].f not in NAME_STOP_WORDS:
                    m += 1
                j = m - 1

    def _owner_groups(self, k: int) -> int | None:
        """``sở, ban, ngành, huyện, thành phố`` after a body's name: the bodies of each → last token."""
        toks = self.toks
        j = None
        while k < len(toks) and toks[k].kind == "w":
            ph = _match_phrase(toks, k, tuple(GROUP_NOUNS) + LOCALITY_NOUNS)
            if ph is None or ph[0] in ("thành viên", "hội", "doanh nghiệp", "cá nhân"):
                break
            j = k + ph[1] - 1
            if j + 2 < len(toks) and toks[j + 1].text in (",", "-"):
                k = j + 2
                continue
            break
        return j

    def _place_name(self, j: int) -> int:
        """After a locality noun, its proper name if any (``thành phố Mỹ Tho``) → last token."""
        toks = self.toks
        m = j + 1
        while m < len(toks) and m <= j + 3 and toks[m].cap and not _named_head_at(toks, m):
            m += 1
        return m - 1

    def _locality(self, k: int) -> int | None:
        """``các huyện, thị xã, thành phố [trực thuộc Trung ương]`` → its last token."""
        toks = self.toks
        if toks[k].f != "các":
            return None
        m = _match_phrase(toks, k + 1, LOCALITY_NOUNS)
        if m is None:
            return None
        j = self._place_name(k + m[1])
        while j + 2 < len(toks) and toks[j + 1].text in (",", "-") and (_match_phrase(toks, j + 2, LOCALITY_NOUNS)):
            j = self._place_name(j + 1 + _match_phrase(toks, j + 2, LOCALITY_NOUNS)[1])
        tail = _match_phrase(toks, j + 1, ("trực thuộc trung ương", "thuộc tỉnh", "trong tỉnh", "trên địa bàn tỉnh"))
        if tail:
            j += tail[1]
        return j

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start:self.toks[j].end]

    # -- groups -------------------------------------------------------------------------
    def group(self, i: int, *, lower_ok: bool, continuation: bool = False) -> Mention | None:
        """``các sở, ban, ngành liên quan``, ``thành viên Ban …``, ``Người đứng đầu các cơ quan …``.

        A list of group nouns is split where it passes from state bodies to mass
        organisations (``các sở, ban, ngành | hội đoàn thể của tỉnh``): their roles differ.
        Without ``các`` (or a title) a group needs two nouns (``sở, ban ngành liên quan``)
        or an owner (``thành viên Ban …``), so ``giao ban`` is no group.
        """
        toks = self.toks
        k = i
        title = _match_phrase(toks, k, HEAD_TITLES)
        if title:
            k += title[1]
        has_cac = False
        if k < len(toks) and toks[k].f in ("các", "những"):
            has_cac = True
            k += 1
        if not (has_cac or lower_ok or title):
            return None
        if not has_cac and toks[i].cap and not title:
            return None  # a capitalised noun at a sentence start is no group without ``Các``
        items = []  # (start token, end token, class)
        item = self._group_item(k, capital_ok=has_cac)
        while item is not None:
            items.append(item)
            k = item[1] + 1
            # separators: ``,`` / ``và`` (+ ``các``) before the next group noun
            if k < len(toks) and (toks[k].text in (",", "-") or toks[k].f == "và"):
                m = k + 1
                if m < len(toks) and toks[m].f == "các":
                    m += 1
                nxt = self._group_item(m, capital_ok=False)
                if nxt is None or _match_phrase(toks, nxt[0], ("thành viên",)):
                    break
                classes = {c for _, _, c in items} - {"neutral"}
                if nxt[2] != "neutral" and classes and nxt[2] not in classes:
                    break
                item = nxt
                continue
            break
        if not items:
            return None
        if not (has_cac or title or continuation) and len(items) < 2 \
                and not _match_phrase(toks, items[0][0], ("thành viên",)):
            return None
        j = items[-1][1]
        classes = {c for _, _, c in items}
        cls = next((c for c in ("mass", "party", "state") if c in classes), "neutral")
        first_noun = _match_phrase(toks, items[0][0], GROUP_NOUNS)[0]
        return Mention(i, j, toks[i].start, toks[j].end, True, fold(first_noun), cls)

    def _group_item(self, k: int, *, capital_ok: bool) -> tuple[int, int, str] | None:
        """One noun of a group list with its modifiers: ``(first token, last token, class)``."""
        toks = self.toks
        if k >= len(toks) or toks[k].kind != "w" or (toks[k].cap and not capital_ok):
            return None
        noun = _match_phrase(toks, k, GROUP_NOUNS)
        if noun is None:
            return None
        start = k
        cls = GROUP_NOUNS[noun[0]]
        k += noun[1]
        comp = _match_phrase(toks, k, GROUP_COMPOUNDS.get(noun[0], ()))  # ``ban ngành``, ``hội đoàn thể``
        if comp:
            k += comp[1]
        if noun[0] == "thành viên":  # thành viên Ban Vì sự tiến bộ của phụ nữ tỉnh
            owner = self.named(k) if k < len(toks) else None
            if owner is None:
                return None
            k = owner.j + 1
        k, mod_cls = self._group_modifiers(k)
        return start, k - 1, mod_cls or cls

    def _group_modifiers(self, k: int) -> tuple[int, str | None]:
        toks = self.toks
        cls = None
        while k < len(toks):
            if toks[k].text == "," and k + 1 < len(toks) and _match_phrase(toks, k + 1, ("trực thuộc",)):
                k += 1
                continue
            loc = self._locality(k) if toks[k].kind == "w" else None
            if loc is not None:
                k = loc + 1
                continue
            if toks[k].text == "-" and k + 1 < len(toks) and toks[k + 1].f == "xã":  # chính trị - xã hội
                k += 2
                if k < len(toks) and toks[k].f == "hội":
                    k += 1
                cls = "mass"
                continue
            ph = _match_phrase(toks, k, GROUP_MODIFIERS)
            if ph:
                k += ph[1]
                if ph[0].startswith("chính trị"):
                    cls = "mass"
                continue
            if _words_at(toks, k, 4) == "của các đoàn thể":
                k += 4
                cls = "mass"
                continue
            if toks[k].f == "sở" and toks[k].cap:  # thuộc Sở / của Sở (the issuing department)
                owner = self.named(k)
                k = (owner.j if owner else k) + 1
                continue
            if _words_at(toks, k, 2) == "chính phủ":
                k += 2
                continue
            break
        return k, cls

    # -- one mention or a list ------------------------------------------------------------
    def mention(self, i: int, *, lower_ok: bool = False, continuation: bool = False) -> Mention | None:
        toks = self.toks
        if i >= len(toks) or toks[i].kind != "w":
            return None
        t = toks[i]
        if not (lower_ok or continuation or t.text[:1].isupper() or t.text.isupper()) \
                and t.f not in _LOWER_OPENERS:
            return None  # a lower-case word opens a mention only as ``các …`` or a head title
        if t.f not in _opening_words():
            by_first = _head_patterns_by_first()
            if by_first is not None and _expanded(t.text)[0] not in by_first:
                return None  # neither a group, a title nor a kind word starts here
        g = self.group(i, lower_ok=lower_ok, continuation=continuation)
        if g is not None:
            return g
        title = _match_phrase(toks, i, PERSON_TITLES) if (toks[i].cap or continuation) else None
        if title and title[0] not in HEAD_TITLES:  # Giám đốc Sở Tư pháp, Chủ tịch UBND các huyện
            m = self.named(i + title[1])
            if m is not None:
                return Mention(i, m.j, toks[i].start, m.end, m.group, m.kind, m.cls)
            return None
        return self.named(i)

    def mention_list(self, i: int, *, semicolons: bool = False, lower_ok: bool = False) -> list[Mention]:
        """Mentions joined by ``,`` / ``và`` (and ``;`` in headings); parentheticals skipped."""
        toks = self.toks
        out = []
        m = self.mention(i, lower_ok=lower_ok)
        while m is not None:
            out.append(m)
            k = self._skip_paren(m.j + 1)
            semi = toks[k].text == ";" if k < len(toks) else False
            if semi and not semicolons and not _match_phrase(toks, k + 1, PERSON_TITLES):
                break  # in running text ``;`` ends the list unless a title follows (execution clauses)
            if k < len(toks) and (toks[k].text in (",", ";") or toks[k].f == "và"):
                nxt = k + 1
                if nxt < len(toks) and toks[nxt].f == "và":  # ``, và``
                    nxt += 1
                m = self.mention(nxt, lower_ok=True, continuation=True)
                continue
            break
        return out

    def _skip_paren(self, k: int) -> int:
        toks = self.toks
        if k < len(toks) and toks[k].text == "(":
            depth = 0
            while k < len(toks):
                if toks[k].text == "(":
                    depth += 1
                elif toks[k].text == ")":
                    depth -= 1
                    if depth == 0:
                        return k + 1
                k += 1
        return k

    def after(self, m: Mention) -> int:
        return self._skip_paren(m.j + 1)




def _kind_class(kind: str, name: str) -> str:
    f = fold(name)
    if kind in ("tinh uy", "huyen uy", "ban bi thu", "bo chinh tri", "ban chap hanh", "ban thuong vu") \
            or re.search(r"\b(?:tinh|thanh|huyen|dang) uy\b|\bdang\b", f):
        return "party"
    if kind in ("hoi", "hoi lien hiep phu nu", "mat tran to quoc", "lien doan lao dong", "cong doan",
                "doan thanh nien") or "doan the" in f:
        return "mass"
    return "state"


# --- roles --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Found:
    mention: Mention
    role: str
    why: str


def _verb_after(toks: list[Tok], k: int) -> str | None:
    """``lead`` / ``coordinate`` / ``task`` / ``issuer`` / ``colon`` for what follows a list."""
    if k >= len(toks):
        return None
    if toks[k].text == ":":
        return "colon"
    if toks[k].kind != "w":
        return None
    if toks[k].f == "là":  # ``Sở … là cơ quan thường trực, có trách nhiệm …``
        j = k + 1
        while j < len(toks) and j < k + 14 and toks[j].text not in (",", ";", ".", ":") and toks[j].kind != "n":
            j += 1
        if j + 1 < len(toks) and toks[j].text == ",":
            k = j + 1
    while k + 1 < len(toks) and toks[k].f in ASPECT_WORDS and toks[k + 1].kind == "w":
        k += 1
    if _match_phrase(toks, k, LEAD_VERBS):
        return "lead"
    if _match_phrase(toks, k, COORDINATE_VERBS):
        return "coordinate"
    if _match_phrase(toks, k, SPEECH_ACTS):
        return "speech"
    if _match_phrase(toks, k, ISSUER_ACTS):
        return "issuer"
    if _match_phrase(toks, k, TASK_VERBS):
        return "task"
    return None


@lru_cache(maxsize=None)
def _cue_last_words() -> frozenset:
    """The last words of every cue ``_trigger_before`` looks for (a word not among them ends no cue)."""
    return frozenset(ph.split()[-1] for ph in COORDINATE_CUES + tuple(ASSIGN_CUES) + DIRECTIVE_CUES if ph.split())


@lru_cache(maxsize=None)
def _assign_cues_longest_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(ASSIGN_CUES.items(), key=lambda kv: -len(kv[0])))


def _trigger_before(toks: list[Tok], k: int) -> str | None:
    """What introduces a list starting at token ``k``."""
    if k == 0:
        return "subject"
    prev = toks[k - 1]
    if prev.kind in ("n", "p"):
        if prev.text == "(":
            return None
        if prev.text == "-" and k >= 2 and toks[k - 2].kind == "w":
            return None  # ``… - Cơ quan Thường trực`` (an apposition)
        return "subject"
    if prev.f not in _cue_last_words():
        return None  # no cue ends on this word
    ph = _phrase_before(toks, k, COORDINATE_CUES)
    if ph:
        return "coordinate"
    for cue, role in _assign_cues_longest_first():
        if _phrase_before(toks, k, (cue,)):
            if cue == "đề nghị" and k >= 3 and toks[k - 3].kind == "w" and toks[k - 3].f in ("có", "của"):
                return None
            return role
    if _phrase_before(toks, k, DIRECTIVE_CUES):
        return "directs"
    return None


def _role_for(trigger: str, verb: str | None, m: Mention, text: str, doc: Document) -> str | None:
    if trigger == "coordinate":
        return "coordinate"
    if verb == "speech":
        return None  # ``Ban … tỉnh đề nghị …``: the one who asks is given no task
    if verb == "issuer":
        if _is_issuer(text[m.start:m.end], doc):
            return None  # the issuer's own direction (``UBND tỉnh ban hành …``, ``… đề nghị …``)
        verb = "task"
    by_verb = {"lead": "lead", "coordinate": "coordinate", "task": "assigned"}.get(verb or "")
    if by_verb is None:
        return None  # ``UBND tỉnh giao Sở Nội vụ tại mục IV.2``: no task follows
    if trigger == "denghi":
        if not under_command(text[m.start:m.end], doc.issuer):
            return "requested"
        return by_verb
    if trigger in ("giao", "yeucau"):
        return by_verb
    if trigger == "directs":
        return by_verb if verb in ("lead", "coordinate") else None
    if trigger == "subject":
        return by_verb
    return None


_CLAUSE_SPLIT = re.compile(r"(?<=[.;])\s+|\n+")
_LABEL_RE = re.compile(r"^\s*(?:[-+•]|[a-zđ]\)|\d+(?:\.\d+)*[.)])?\s*")


def _item_role(work: str, start: int, end: int) -> str:
    """The strongest role an item's own text gives its (implicit) subject."""
    clauses = []
    for part in _CLAUSE_SPLIT.split(work[start:end]):
        part = _LABEL_RE.sub("", part).strip(" :.;")
        if len(part.split()) >= 2:
            clauses.append(fold(part))
    if any(c.startswith("chu tri") for c in clauses):
        return "lead"
    if clauses and all(c.startswith(("phoi hop", "tham gia phoi hop")) for c in clauses):
        return "coordinate"
    return "assigned"


def _scan_bounds(doc: Document) -> tuple[int, int]:
    ends = [x for x in (doc.body_end, doc.end) if x is not None]
    end = min(ends) if ends else doc.end
    starts = [c.start for c in doc.preamble] + ([doc.body_start] if doc.body_start is not None else [])
    start = min(starts) if starts else (doc.title_span[1] if doc.title_span else doc.start)
    return start, end


_SKIPPED_CLAUSES = ("based_on", "proposed_by", "received")
#: an instrument number (``26/CT-TTg``, ``11-NQ/TW``) in a preamble clause
_SYMBOL_RE = re.compile(r"\d+\s*[/-]\s*(?:\d{4}/)?[A-ZĐ][A-ZĐa-z]*[-/]")


#: what ``_verb_after`` says of a word that makes the words before it a subject, not a name
_SUBJECT_VERBS = frozenset({"lead", "coordinate", "task", "speech", "issuer"})


def _heading_lexicon(text: str, work: str, doc: Document) -> frozenset:
    """Keys of the agency names that head items (``2. Phòng Công chức, viên chức``).

    A heading that goes on with a verb after its agencies is a task, not a name
    (``5. Đề nghị Hội LHPN tỉnh phối hợp tuyên truyền, vận động …``): it adds nothing."""
    keys = set()
    for sec in iter_sections(doc.sections):
        head = work[sec.heading_start:sec.heading_end]
        m = re.match(r"\s*(?:Đề nghị\s+)?([^:\n]+?)\s*(?::|$)", head)
        if not m:
            continue
        name_part = m.group(1)
        if len(name_part.split()) > 14 or agency_type(name_part) is None:
            continue
        if _is_task_sentence(text, work, sec.heading_start + m.start(1), sec.heading_start + m.end(1)):
            continue
        pieces = []
        for part in re.split(r";\s*", name_part):
            for piece in re.split(r",\s*", part):
                t = agency_type(piece) if piece[:1].isupper() else None
                if pieces and (t is None or t.type in GROUP_KINDS):
                    pieces[-1] += ", " + piece  # ``Phòng Công chức, viên chức``: one name
                else:
                    pieces.append(piece)
        for piece in pieces:
            piece = piece.strip(" .")
            t = agency_type(piece) if piece and piece[:1].isupper() else None
            if t is None or len(piece.split()) <= len(t.pattern.split()):
                continue  # a bare kind word (``Điều 1. Ban`` + ``hành …``) names nothing
            keys.add(agency_key(piece))
    return frozenset(keys)


def _is_task_sentence(text: str, work: str, start: int, end: int) -> bool:
    """Do the agencies that open ``work[start:end]`` go on with a verb (``Hội LHPN tỉnh phối hợp …``)?"""
    toks = tokenize(work, start, end)
    scanner = _Scanner(text, toks)
    mentions = scanner.mention_list(0, semicolons=True)
    if not mentions or mentions[0].i != 0:
        return False
    return _verb_after(toks, scanner.after(mentions[-1])) in _SUBJECT_VERBS


def _strip_person_title(name: str) -> str:
    """``Giám đốc Sở Tư pháp`` → ``Sở Tư pháp`` (the body is meant); group titles stay."""
    low = name.lower()
    for t in sorted(PERSON_TITLES, key=len, reverse=True):
        if t not in HEAD_TITLES and low.startswith(t + " "):
            rest = name[len(t) + 1:].lstrip()
            if agency_type(rest) is not None:
                return rest
    return name


def _is_issuer(name: str, doc: Document) -> bool:
    """Is the mention the issuer itself (or the People's Committee its office speaks for)?"""
    if not doc.issuer:
        return False
    key = agency_key(_strip_person_title(name), doc.jurisdiction)
    if key == agency_key(doc.issuer, doc.jurisdiction):
        return True
    return issuer_kind(doc.issuer) == "ubnd_tinh" and key in ("uy ban nhan dan", "chu tich uy ban nhan dan")


def _issuer_base(doc: Document) -> str | None:
    if not doc.issuer:
        return None
    base = doc.issuer
    if doc.jurisdiction and doc.jurisdiction != "national":
        base = re.sub(rf"\s+(?:tỉnh|thành phố)\s+{re.escape(doc.jurisdiction)}$", "", base)
    return base


def _contextual_name(name: str, doc: Document) -> str:
    """Resolve references to the issuing department (``Văn phòng Sở`` → ``Văn phòng Sở Nội vụ``)."""
    base = _issuer_base(doc)
    n = _strip_person_title(" ".join(name.split()))
    if base and base.startswith("Sở "):
        n2 = re.sub(r"(?:\s+của)?\s+Sở$", " " + base, n)
        if n2 != n:
            return n2
        t = agency_type(n)
        if t and t.type == "phong" and not _is_district_office(n):
            return f"{n} - {base}"
    return n


def _is_district_office(name: str) -> bool:
    """``Phòng Lao động - Thương binh và Xã hội`` (a district office named like a Sở)."""
    rest = re.sub(r"^Phòng\s+", "Sở ", " ".join(name.split()))
    return agency_key(rest) in _standard_keys()


# --- responsibilities ------------------------------------------------------------------

def extract_responsibilities(text: str, doc: Document) -> tuple[Responsibility, ...]:
    """Every agency mention of ``doc`` that carries a role, with canonical names and ids."""
    work = work_text(text)
    start, end = _scan_bounds(doc)
    toks = tokenize(work, start, end)
    skip = [(c.start, c.end) for c in doc.preamble if c.kind in _SKIPPED_CLAUSES]
    if doc.title_span:
        skip.append(tuple(doc.title_span))
    scanner = _Scanner(text, toks, _heading_lexicon(text, work, doc))
    found: list[_Found] = []
    consumed: set[int] = set()

    # 1. items headed by agencies
    for sec in iter_sections(doc.sections):
        k = _first_token_at(toks, sec.heading_start)
        if k is None or not (start <= sec.heading_start < end):
            continue
        requested_cue = False
        if _words_at(toks, k, 2) == "đề nghị":
            requested_cue = True
            k += 2
        mentions = scanner.mention_list(k, semicolons=True, lower_ok=False)
        if not mentions or mentions[0].i != k:
            continue
        after = scanner.after(mentions[-1])
        at_end = after >= len(toks) or toks[after].start >= sec.heading_end or toks[after].kind == "n"
        if not (at_end or toks[after].text == ":"):
            continue
        body_from = toks[after].end if after < len(toks) and toks[after].text == ":" else sec.heading_end
        role = _item_role(work, body_from, sec.end)
        for m in mentions:
            r = role
            if requested_cue:
                r = "requested" if not under_command(text[m.start:m.end], doc.issuer) else role
            found.append(_Found(m, r, f"heading of {sec.path}"))
            consumed.update(range(m.i, m.j + 1))

    # 2. lists introduced by cues, and subjects of tasks
    for mentions, trigger, verb in _scan_lists(toks, scanner, consumed, skip + _reported_spans(work, doc)):
        in_preamble = doc.body_start is not None and mentions[0].start < doc.body_start
        for m in mentions:
            if in_preamble and trigger == "subject" and _is_issuer(text[m.start:m.end], doc):
                continue  # ``Ủy ban nhân dân tỉnh xây dựng kế hoạch … như sau``: the document's own formula
            role = _role_for(trigger, verb, m, text, doc)
            if role:
                found.append(_Found(m, role, trigger))

    return _finish(text, doc, found)


def _reported_spans(work: str, doc: Document) -> list[tuple[int, int]]:
    """Assignments reported from a cited instrument: in a preamble clause that names an
    instrument number, from ``giao`` to the clause end (``Chỉ thị số 26/CT-TTg …, trong đó
    giao Bộ Tài chính chủ trì, phối hợp với các bộ, ngành …``)."""
    out = []
    for c in doc.preamble:
        if not _SYMBOL_RE.search(work, c.start, c.end):
            continue
        m = re.search(r"\b[Gg]iao\b", work[c.start:c.end])
        if m:
            out.append((c.start + m.start(), c.end))
    return out


def _scan_lists(toks: list[Tok], scanner: "_Scanner", consumed=frozenset(), skip=()):
    """Yield ``(mentions, trigger, verb)`` for every agency list that some cue introduces.

    Mentions inside parentheses, in ``skip`` spans or on ``consumed`` tokens are left out.
    """
    cue_last_words = _cue_last_words()
    # the tokens the scan has to look at: parentheses, and words that start a line or a
    # clause or follow the last word of a cue (``_trigger_before`` is None for every other word)
    stops = [k for k, t in enumerate(toks)
             if t.text in ("(", ")") or (t.kind == "w" and (k == 0 or toks[k - 1].kind != "w"
                                                            or toks[k - 1].f in cue_last_words))]
    depth = 0
    resume = 0  # tokens before this one are inside a list already yielded
    for k in stops:
        if k < resume:
            continue
        t = toks[k]
        if t.text == "(":
            depth += 1
            continue
        if t.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth or k in consumed:
            continue
        trigger = _trigger_before(toks, k)  # pure, so asked before the (slower) skip test
        if trigger is None or any(a <= t.start < b for a, b in skip):
            continue
        mentions = scanner.mention_list(k, lower_ok=trigger in ("coordinate", "denghi", "giao", "yeucau", "directs"))
        if not mentions or any(i in consumed for m in mentions for i in range(m.i, m.j + 1)):
            continue
        yield mentions, trigger, _verb_after(toks, scanner.after(mentions[-1]))
        resume = mentions[-1].j + 1


def _first_token_at(toks: list[Tok], offset: int) -> int | None:
    """The first token that starts at or after ``offset`` (token starts increase)."""
    idx = bisect_left(toks, offset, key=_tok_start)
    return idx if idx < len(toks) else None


def _finish(text: str, doc: Document, found: list[_Found]) -> tuple[Responsibility, ...]:
    seen = set()
    rows = []
    for f in sorted(found, key=lambda f: (f.mention.start, f.mention.end)):
        key = (f.mention.start, f.mention.end)
        if key in seen:
            continue
        seen.add(key)
        rows.append(f)
    names = [(_contextual_name(text[f.mention.start:f.mention.end], doc), doc.jurisdiction) for f in rows]
    resolution = resolve_agencies(names)
    # every mention of one agency takes the canonical name of its cluster (the fullest spelling)
    canonical_of = {c.id: c.canonical for c in agency_clusters(resolution)}
    out = []
    for f, (name, jur) in zip(rows, names):
        m = f.mention
        canonical, _, is_group = canonical_agency(name, jur)
        canonical = canonical_of.get(resolution.ids.get((name, jur)), canonical)
        sec = section_at(doc, m.start)
        out.append(Responsibility(
            agency=text[m.start:m.end], start=m.start, end=m.end, role=f.role,
            section=section_label(doc, m.start), canonical=canonical,
            agency_id=resolution.ids.get((name, jur)), generic=is_group or m.group,
            task_path=sec.path if sec else None,
        ))
    return tuple(out)


# --- deadlines ----------------------------------------------------------------------------

# The scanning patterns below open with a lookahead of the letters a match can start with
# (``(?=[tchk])``): the regex engine then rejects most positions with one class test
# instead of entering the alternatives (3x faster on whole texts, same matches).
_DUE_RE = re.compile(
    r"(?=[tchk])(?:trước|chậm nhất(?:\s+(?:là|vào))?|hạn chót|không muộn hơn|hạn)\s+(?:ngày\s+)?"
    r"(?P<d>[0-3]?\d)\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>[01]?\d)(?:\s*(?:/|-|\.|\s+năm\s+)\s*(?P<y>(?:19|20)\d\d))?(?![\d/])",
    re.IGNORECASE,
)
_CLAUSE_START_RE = re.compile(r"[:;\n(]|\.\s|,\s|\s+và\s+(?=[Bb]áo cáo)")


def extract_deadlines(text: str, doc: Document) -> tuple[Deadline, ...]:
    """Dated due dates: ``Báo cáo 6 tháng gửi trước ngày 10/6``, ``(trước ngày 31/5/2022)``."""
    work = work_text(text)
    start, end = _scan_bounds(doc)
    out = []
    for m in _DUE_RE.finditer(work, start, end):
        due = iso_date(m["d"], m["m"], m["y"])
        if not due:
            continue
        s, e = _deadline_quote(work, m, start)
        sent_s, sent_e = _sentence(work, m.start(), start, end)
        sentence = work[sent_s:sent_e]
        recurring = None
        if not m["y"] and re.search(r"định kỳ|hằng năm|hàng năm", sentence, re.IGNORECASE):
            recurring = "annual"
        what = _deadline_what(work, s, m)
        out.append(Deadline(
            what=what, due=due, quote=text[s:e], start=s, end=e,
            to=_recipient(text, work, sent_s, sent_e), by=_reporters(text, work, sent_s, sent_e, m.start(), doc),
            recurring=recurring, section=section_label(doc, m.start()),
        ))
    return tuple(out)


def _mask_parens(s: str) -> str:
    """The string with every balanced ``( … )`` blanked (same length)."""
    out = list(s)
    stack = []
    for i, c in enumerate(s):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            o = stack.pop()
            if not stack:
                out[o:i + 1] = "x" * (i + 1 - o)
    return "".join(out)


def _paragraph_start(work: str, pos: int, floor: int) -> int:
    """The start of the paragraph around ``pos``; a page break inside a sentence
    (a line that ends without punctuation, the next starting in lower case) does not count."""
    i = pos
    while True:
        nl = work.rfind("\n", floor, i)
        if nl == -1:
            return floor
        before = work[floor:nl].rstrip()
        after = work[nl:pos].lstrip()
        if before and before[-1] not in ".:;!?" and after[:1].islower():
            i = len(before) + floor
            continue
        return nl + 1


def _clause_start(work: str, pos: int, floor: int) -> int:
    """Where the clause that ends at ``pos`` starts (parentheticals do not count)."""
    lo = max(_paragraph_start(work, pos, floor), pos - 300)
    masked = _mask_parens(work[lo:pos]).replace("\n", " ")
    cut = max((mm.end() for mm in _CLAUSE_START_RE.finditer(masked)), default=0)
    s = lo + cut
    while s < pos and work[s].isspace():
        s += 1
    return s


def _deadline_quote(work: str, m: re.Match, floor: int) -> tuple[int, int]:
    s, e = m.start(), m.end()
    before = work[max(floor, s - 5):s].rstrip()
    if before.endswith("("):  # ``Định kỳ 6 tháng (trước ngày …)``: the phrase before the parenthesis
        open_at = work.rfind("(", floor, s)
        s = _clause_start(work, open_at, floor)
        close = work.find(")", e)
        if close != -1 and close - e < 5:
            e = close + 1
    else:
        s = _clause_start(work, s, floor)
        tail = re.match(r"\s+đối với\s+[^,;.\n]+", work[e:e + 120])
        if tail:
            e += tail.end()
    return s, e


def _deadline_what(work: str, s: int, m: re.Match) -> str:
    tail = re.search(r"đối với\s+([^,;.\n]+)", work[m.end():m.end() + 120])
    if tail:
        return tail.group(1).strip()
    quote = " ".join(work[s:m.start()].split())
    head = re.split(r"\s+(?:gửi\s+)?(?:trước|chậm nhất|hạn)\b|\s*\($", quote)[0].strip(" ,(")
    return head or " ".join(work[s:m.end()].split())


def _sentence(work: str, pos: int, floor: int, ceil: int) -> tuple[int, int]:
    para = _paragraph_start(work, pos, floor)
    s = max(work.rfind(". ", para, pos), work.rfind(".\n", para, pos))
    s = para if s < para else s + 1
    e = ceil
    for stop in (". ", ".\n"):
        i = work.find(stop, pos, ceil)
        if i != -1:
            e = min(e, i)
    return s, e


#: words before a mention that make it the recipient of a report
RECIPIENT_CUES = ("gửi", "về", "đến", "lên")


def _recipient(text: str, work: str, s: int, e: int) -> str | None:
    """The first body a report is sent to in the sentence (``gửi (báo cáo) về Sở …``)."""
    toks = tokenize(work, s, e)
    scanner = _Scanner(text, toks)
    seen_send = False
    for k, t in enumerate(toks):
        if t.f == "gửi":
            seen_send = True
        report = t.f == "cáo" and k and toks[k - 1].f == "báo"
        seen_send = seen_send or bool(report)
        if not report and (not seen_send or t.f not in RECIPIENT_CUES):
            continue
        m = scanner.mention(k + 1)
        if m is not None:
            return text[m.start:m.end]
    return None


def _reporters(text: str, work: str, s: int, e: int, pos: int, doc: Document) -> str | None:
    """Who reports: the tasked list of the sentence, else the last one before it in the paragraph."""
    para = work.rfind("\n", 0, s)
    lo = max(para + 1, _scan_bounds(doc)[0])
    toks = tokenize(work, lo, e)
    scanner = _Scanner(text, toks)
    best = None
    for mentions, trigger, verb in _scan_lists(toks, scanner):
        if trigger == "coordinate" or verb not in ("task", "lead", "coordinate", "issuer"):
            continue
        if verb == "issuer" and _is_issuer(text[mentions[0].start:mentions[0].end], doc):
            continue
        if mentions[0].start >= s or best is None or mentions[0].start < pos:
            best = mentions
        if mentions[0].start >= s:
            break
    if not best:
        return _item_agency(text, work, doc, pos)
    return " ".join(text[best[0].start:best[-1].end].split())


def _item_agency(text: str, work: str, doc: Document, pos: int) -> str | None:
    """The agency that heads the item around ``pos`` (``1. Sở Nội vụ: …``), as written."""
    for sec in iter_sections(doc.sections):
        if not (sec.start <= pos < sec.end):
            continue
        toks = tokenize(work, sec.heading_start, sec.heading_end)
        k = 2 if _words_at(toks, 0, 2) == "đề nghị" else 0
        ms = _Scanner(text, toks).mention_list(k, semicolons=True)
        if ms and ms[0].i == k:
            nxt = _Scanner(text, toks).after(ms[-1])
            if nxt >= len(toks) or toks[nxt].text == ":":
                return " ".join(text[ms[0].start:ms[-1].end].split())
    return None


# --- targets ------------------------------------------------------------------------------

_VALUE = r"(?P<v>\d+(?:[.,]\d+)?\s*%)"
_YEAR_VALUE_RE = re.compile(
    r"(?=[pđtn])(?P<lead>(?:Phấn đấu|Phần đầu|phấn đấu)\s+)?(?P<pre>(?:đến|tới)\s+)?năm\s+(?P<y>20\d\d)"
    r"(?P<keep>\s+và\s+duy trì\s+(?:đến|tới)\s+năm\s+(?P<u>20\d\d))?\s*,?\s*"
    r"(?:(?:có|đạt|là|còn|giảm(?:\s+xuống)?(?:\s+còn)?|tăng(?:\s+lên)?|ít nhất|tối thiểu|trên|dưới|khoảng)\s+)*"
    + _VALUE,
    re.IGNORECASE,
)
_PLAIN_VALUE_RE = re.compile(r"(?=\d)(?<![\d.,])" + _VALUE)
_AT_LEAST_RE = re.compile(
    r"(?=[ít])(?:ít nhất|tối thiểu)\s+(?P<n>\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})",
    re.IGNORECASE,
)
_FREQUENCY_RE = re.compile(r"(?=[đh])(?P<lead>Định kỳ\s+)?(?P<v>h[àằ]ng\s+(?:tháng|quý|năm|tuần))", re.IGNORECASE)
_RECURRING = {"thang": "monthly", "quy": "quarterly", "nam": "annual", "tuan": "weekly"}


def _is_target_section(doc: Document, offset: int) -> bool:
    path = []
    nodes = doc.sections
    while nodes:
        nxt = next((s for s in nodes if s.start <= offset < s.end), None)
        if nxt is None:
            break
        path.append(nxt)
        nodes = nxt.children
    return any(re.search(r"\b(?:muc tieu|chi tieu)\b", fold(s.heading)) for s in path[:2])


def extract_targets(text: str, doc: Document) -> tuple[Target, ...]:
    """Targets: one per (value, year); inside *Mục tiêu* sections also year-less levels."""
    work = work_text(text)
    start, end = _scan_bounds(doc)
    if doc.body_start is not None:
        start = doc.body_start
    out: list[Target] = []
    taken: list[tuple[int, int]] = []

    def add(s, e, value, year, what, until=None, recurring=None):
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        t = Target(what=what, value=" ".join(value.split()), year=year, quote=text[s:e], start=s, end=e,
                   until=until, section=section_label(doc, s))
        out.append(t)  # ``recurring`` is read but graphmodel.models.Target has no field for it yet

    # both value patterns end with ``%``: a text without one has no such target
    has_percent = work.find("%", start, end) != -1
    for m in _YEAR_VALUE_RE.finditer(work, start, end) if has_percent else ():
        s = m.start("lead") if m["lead"] else (m.start("pre") if m["pre"] else m.start())
        what = _target_what(work, m.end(), end)
        add(s, m.end(), m["v"], int(m["y"]), what, until=int(m["u"]) if m["u"] else None)
    for m in _PLAIN_VALUE_RE.finditer(work, start, end) if has_percent else ():
        if not _is_target_section(doc, m.start()):
            continue
        add(m.start(), m.end(), m["v"], None, _target_what(work, m.end(), end))
    for m in _AT_LEAST_RE.finditer(work, start, end):
        if not _is_target_section(doc, m.start()):
            continue
        sent_s, sent_e = _sentence(work, m.start(), start, end)
        freq = _FREQUENCY_RE.search(work, sent_s, m.start())
        words = m.group(0).split()
        value = " ".join(words[:5])  # ít nhất + number + a two-syllable noun (``ít nhất một hoạt động``)
        add(m.start(), m.end(), value, None, " ".join(work[m.start():sent_e].split()),
            recurring=_RECURRING.get(fold(freq["v"]).split()[-1]) if freq else None)
    for m in _FREQUENCY_RE.finditer(work, start, end):
        if not m["lead"] or not _is_target_section(doc, m.start()):
            continue
        sent_s, sent_e = _sentence(work, m.start(), start, end)
        if any(sent_s <= a < sent_e for a, _ in taken):
            continue
        add(m.start(), m.end(), m["v"], None, " ".join(work[m.end():sent_e].strip(" ,").split()),
            recurring=_RECURRING.get(fold(m["v"]).split()[-1]))
    return tuple(sorted(out, key=lambda t: t.start))


def _target_what(work: str, pos: int, ceil: int) -> str:
    seg = work[pos:min(ceil, pos + 200)]
    seg = re.split(r"[;\n]|\.\s|\s+và\s+(?:đến\s+)?năm\s+20\d\d", seg)[0]
    return " ".join(seg.split()).strip(" ,.")
