"""Mentions of other instruments in a document: where, what, and under which clause.

Two entry points:

* :func:`find_mentions` — lexical and pure: every mention of a legal or
  administrative instrument in ``text[start:end]`` with its exact span (the
  gold rule: the *head* from the type word through ``số``, symbol, date and
  ``của <issuer>``, in any order, without the subject), its type, symbol, date,
  issuer as written, and name/subject;
* :func:`extract_citations` — the mentions inside one parsed
  :class:`~graphmodel.models.Document`, each with its ``relation`` (from the
  preamble clause that governs it, the title, or ``cites``), ``section``,
  standard issuer, ``implements`` / ``promulgated_in`` links, and the id of the
  instrument node it resolves to (``graphmodel.instruments``).

Everything is matched on a copy of the text with one kind of dash and new-style
tone marks (both length-preserving), so offsets are those of the input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz

from graphmodel.instruments import (MentionContext, correct_symbol, issuer_conflict, name_base,
                                    load_issuer_codes, name_key, name_period, official_symbol,
                                    parse_symbol, resolve_instruments)
from graphmodel.agencies import place_phrase
from graphmodel.models import CitationMention, Document
from loaders.vocab import ATTACHMENT_CUES, LEGAL_BASIS_HEADINGS, ORG_TYPES
from graphmodel.normalize import (DATE_NUMERIC_RE, DATE_WORDS_RE, collapse_spaces, fold, iso_date,
                                  modern_tone_marks, nfc, normalize_symbol, parse_date, unify_dashes)

# --- vocabulary (data) ---------------------------------------------------------------

#: Type words → doc_type, and whether a mention needs a number (``True``) or may be
#: a named instrument without one (``False``). Longest first.
TYPE_WORDS: tuple[tuple[str, str, bool], ...] = (
    ("Thông tư liên tịch", "Thông tư liên tịch", True),
    ("Nghị quyết liên tịch", "Nghị quyết", True),
    ("Bộ luật", "Bộ luật", False),
    ("Hiến pháp", "Hiến pháp", False),
    ("Pháp lệnh", "Pháp lệnh", False),
    ("Luật", "Luật", False),
    ("Nghị quyết", "Nghị quyết", False),
    ("Nghị định", "Nghị định", True),
    ("Quyết định", "Quyết định", True),
    ("Chỉ thị", "Chỉ thị", True),
    ("Thông tư", "Thông tư", True),
    ("Thông tri", "Thông tri", True),
    ("Thông báo", "Thông báo", True),
    ("Kết luận", "Kết luận", True),
    ("Kế hoạch", "Kế hoạch", False),
    ("Công văn", "Công văn", True),
    ("Văn bản", "Công văn", True),
    ("Công điện", "Công điện", True),
    ("Chương trình", "Chương trình", False),
    ("Đề án", "Đề án", False),
    ("Chiến lược", "Chiến lược", False),
    ("Tờ trình", "Tờ trình", True),
    ("Hướng dẫn", "Hướng dẫn", True),
    ("Quy chế", "Quy chế", False),
    ("Quy định", "Quy định", True),
    ("Quy trình", "Quy trình", False),
    ("Báo cáo", "Báo cáo", True),
    ("Điều lệ", "Điều lệ", False),
    ("Công ước", "Công ước", False),
    ("Dự án", "Dự án", False),
)

#: Abbreviated type words, used only before a full symbol (``QĐ số 1793/1998/QĐ-UB``).
TYPE_ABBREVIATIONS = {"QĐ": "Quyết định", "NQ": "Nghị quyết", "NĐ": "Nghị định", "CT": "Chỉ thị",
                      "TT": "Thông tư", "KH": "Kế hoạch", "CV": "Công văn", "TTr": "Tờ trình",
                      "CTr": "Chương trình"}

#: Words between a type word and ``số`` that belong to the type (``Chương trình hành động số``).
TYPE_QUALIFIERS = ("hành động", "kết luận", "thẩm tra", "thẩm định", "liên tịch", "liên ngành", "mẫu")
#: Up to this many lower-case words may stand between a type word and ``số <symbol>``
#: when the symbol's type code names the same type (``báo cáo bổ sung, giải trình số 365/BC-UBND``).
MAX_FREE_QUALIFIER_WORDS = 4

#: A type word followed by one of these is not an instrument (``pháp luật``, ``kế hoạch hóa``).
NOT_AFTER = {"Luật": ("sư", "pháp", "lệ", "gia", "học", "định", "tục", "chơi"), "Kế hoạch": ("hóa", "hoá"),
             "Quyết định": ("đầu tư", "chủ trương"), "Chương trình": ("học", "giảng dạy")}
#: ... or preceded by one of these.
#: ``Ban Chỉ đạo Dự án 513``, ``Ban Điều hành Đề án 4``: the words name a body, not the instrument.
AGENCY_OF_INSTRUMENT = ("ban chỉ đạo", "ban điều hành", "ban quản lý", "văn phòng điều phối")
NOT_BEFORE = {"Luật": ("pháp", "phát", "dự án", "dự thảo", "đạo", "kỷ"),
              "Chương trình": ("dự án",) + AGENCY_OF_INSTRUMENT,
              "Kế hoạch": ("dự thảo",), "Đề án": ("dự thảo",) + AGENCY_OF_INSTRUMENT,
              "Dự án": ("dự thảo",) + AGENCY_OF_INSTRUMENT, "Quyết định": ("dự thảo",)}

#: Verbs in the document's own voice that create the thing named after them: the
#: object is the document itself, its attachment or work still to be done.
CREATION_VERBS = ("xây dựng và ban hành", "xây dựng, ban hành", "xây dựng và tổ chức", "xây dựng",
                  "ban hành", "phê duyệt", "soạn thảo", "dự thảo", "lập", "ký ban hành",
                  "tổ chức xây dựng", "tham mưu xây dựng", "nghiên cứu xây dựng", "hoàn thiện", "trình ban hành")
#: Words before a type word that make it plural or indefinite (a category, not an instrument).
PLURAL_WORDS = ("các", "những", "mọi", "một số", "từng", "nhiều", "các bản")
#: First words of what follows a type word that make it a bare or anaphoric mention.
BARE_NEXT = ("này", "nêu trên", "trên", "đó", "đã", "được", "đề ra", "và", "hoặc", "cho", "để", "nhằm",
             "tại", "theo", "với", "kèm theo", "kèm", "sau", "sẽ", "phải", "là", "thì", "có", "cần", "nếu", "khi",
             "gồm", "thực hiện như sau", "như sau", "cụ thể", "trong", "số", "hằng năm", "hàng năm",
             "hoạt động năm", "liên quan", "có liên quan", "chung", "riêng", "mới", "cũ", "tổng thể này")
#: Names that are categories, not instruments (folded, matched at the start of the name).
GENERIC_NAMES = ("phat trien kinh te", "cong tac", "hoat dong", "kiem tra", "giam sat", "thanh tra", "von",
                 "dau tu cong", "ngan sach")
#: Generic names are accepted when a period, a date or a quoted name follows.

#: Clause-starting words after which a name stops (following ``,``).
STOP_AFTER_COMMA = ("nhằm", "để", "đặc biệt", "đồng thời", "trong đó", "cụ thể", "gồm", "bao gồm", "như",
                    "góp phần", "tạo", "đảm bảo", "bảo đảm", "phù hợp", "theo", "tại", "từ", "kể cả",
                    "nhất là", "thực hiện", "triển khai", "tổ chức", "xây dựng", "đề nghị", "đề xuất",
                    "kiến nghị", "chủ động", "tiếp tục", "tăng cường", "đẩy mạnh", "trong", "qua", "sau",
                    "trước", "khi", "nếu", "vì", "do", "và", "hoặc", "với", "cùng", "được", "đã", "sẽ",
                    "các", "những", "mỗi", "này", "đó", "ban hành", "phê duyệt", "quy định", "hướng dẫn",
                    "là", "làm", "có", "lồng ghép", "nâng cao", "vận động", "phổ biến", "giáo dục")
#: Words and phrases that end a name where they stand.
NAME_STOPS = ("để", "nhằm", "bằng", "đã", "được", "mà", "là", "thì", "nêu trên", "này", "như sau", "cụ thể",
              "với những", "với các nội dung", "với nội dung", "với chủ đề", "gồm", "bao gồm", "sau khi",
              "trước khi", "khi", "nếu", "sẽ", "phải", "cần", "đang", "vừa", "lồng ghép", "gắn với", "đạt",
              "kể từ", "thông qua", "đặc biệt là", "nhất là", "góp phần")
#: Words that end a name unless a period or a date follows within a few words
#: (``Kế hoạch truyền thông … hướng tới bầu cử … nhiệm kỳ 2021 - 2026``).
WEAK_NAME_STOPS = ("theo", "tại", "cho", "tới", "vào", "ở", "qua", "hoặc", "và các", "và những", "có liên quan",
                   "liên quan", "đến các", "trong việc", "trong quá trình", "trong tình hình", "trong thời gian",
                   "trong đó", "trong phạm vi", "trong các cơ quan", "từ ngày", "nói chung", "nói riêng",
                   "đối với các", "quy định", "hướng dẫn", "ban hành", "phê duyệt", "thực hiện", "triển khai",
                   "hằng năm", "hàng năm")
#: Where a subject (``về …``, ``phê duyệt …``) stops.
SUBJECT_STOPS = (", đề nghị", ", trong đó", ", đồng thời", ", nhằm", " nhằm ", " để ", ", cụ thể",
                 " với những nội dung", " với các nội dung", " với nội dung", " như sau", ", đặc biệt",
                 " theo tinh thần", ", góp phần", " và tình hình", ", tăng cường", " gửi ", " (sau đây")
#: Words that open the subject of a cited instrument.
SUBJECT_OPENERS = ("về việc", "v/v", "về", "phê duyệt", "ban hành", "quy định", "hướng dẫn", "thực hiện",
                   "triển khai", "sửa đổi", "bổ sung", "lấy", "xử lý", "tiếp tục", "thành lập", "công bố",
                   "giao", "phân công", "kiện toàn", "điều chỉnh", "thông qua", "chỉ đạo")
#: Verbs in a subject whose object is issued by the cited instrument.
PROMULGATING = ("phê duyệt", "ban hành", "ban hành kèm theo", "về ban hành", "về việc ban hành",
                "về việc phê duyệt", "về phê duyệt", "phê duyệt chủ trương đầu tư")
#: Verbs whose object the cited instrument carries out.
IMPLEMENTING = ("thực hiện", "triển khai", "triển khai thực hiện", "tiếp tục thực hiện", "tổ chức thực hiện",
                "tiếp tục triển khai", "thi hành")
#: Types that may carry out another instrument, and types that promulgate one.
IMPLEMENTER_TYPES = frozenset({"Kế hoạch", "Chương trình", "Công văn", "Hướng dẫn", "Đề án", "Nghị quyết",
                               "Chỉ thị", "Quyết định", "Thông tư", "Nghị định"})
PROMULGATOR_TYPES = frozenset({"Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Chỉ thị", "Luật"})
#: Types a "(theo Quyết định …)" parenthesis can promulgate.
PROMULGATED_TYPES = frozenset({"Kế hoạch", "Chương trình", "Đề án", "Chiến lược", "Quy chế", "Quy trình",
                               "Điều lệ", "Quy định"})

#: Stated issuer (folded) → standard name; ``{j}`` is the document's province.
ISSUER_STANDARD = (
    (r"^(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho)$", "Ủy ban nhân dân {place}"),
    (r"^(?:chu tich )(?:ubnd|uy ban nhan dan) tinh$", "Ủy ban nhân dân tỉnh {j}"),
    (r"^(?:hdnd|hoi dong nhan dan) (?:tinh|thanh pho)$", "Hội đồng nhân dân {place}"),
    (r"^ban thuong vu tinh uy$", "Ban Thường vụ Tỉnh ủy {j}"),
    (r"^tinh uy$", "Tỉnh ủy {j}"),
    (r"^ban bi thu\b.*", "Ban Bí thư"),
    (r"^bo chinh tri\b.*", "Bộ Chính trị"),
)
#: Abbreviations in stated issuers.
ISSUER_ABBREVIATIONS = (("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"),
                        ("LĐTBXH", "Lao động - Thương binh và Xã hội"), ("LĐ-TB&XH", "Lao động - Thương binh và Xã hội"),
                        ("MTTQ", "Mặt trận Tổ quốc"), ("TTg", "Thủ tướng Chính phủ"))

#: Preamble clause kind (``graphmodel.models.Clause.kind``) → relation.
CLAUSE_RELATION = {"based_on": "based_on", "implements": "implements", "proposed_by": "proposed_by",
                   "received": "attaches", "other": "cites"}
#: Types that can be the submission named in a proposal clause.
PROPOSAL_TYPES = frozenset({"Tờ trình", "Công văn", "Báo cáo"})


# --- regular expressions -----------------------------------------------------------

_L = "A-Za-zÀ-ỹĐđ"  # letters (Vietnamese included)
_WS1 = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"  # one space run, at most one line break
_WS = r"[\s\u00a0]*"


def _words_re(phrase: str) -> str:
    return _WS1.join(re.escape(w) for w in phrase.split())


#: Characters that a regex ignoring case reads as a letter besides the letter's two cases
#: (tests/test_fast_paths.py checks every code point against the regex engine).
CASELESS_TWINS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def _type_word_re() -> re.Pattern:
    """A type word where a word starts; group 1 is the word as written.

    The same matches as ``(?i)(?<![L])(w1|w2|…)(?:(?![L])|(?=số…))`` over TYPE_WORDS in their
    order, written so that the regex engine skips to the letters a type word starts with: the
    first letter comes from a class of every character those letters match ignoring case, then
    ``(?<=x)`` picks the words that start with it (different letters exclude each other, and the
    words of one letter keep their order).
    """
    starts: set[str] = set()
    rests: dict[str, list[str]] = {}
    for w, _, _ in TYPE_WORDS:
        c = w[0]
        starts |= {c, c.lower(), c.upper(), *CASELESS_TWINS.get(c.lower(), "")}
        rests.setdefault(c, []).append(_words_re(w)[len(re.escape(c)):])
    words = "|".join("(?<=" + re.escape(c) + ")(?:" + "|".join(r) + ")" for c, r in rests.items())
    return re.compile(
        r"([" + "".join(sorted(starts)) + r"](?i:(?<![" + _L + r"].)(?:" + words + r")))"
        r"(?i:(?![" + _L + r"])|(?=số[ \t]*:?[ \t]*\d))")  # "Quyết địnhsố 2216/…": words run together


_TYPE_RE = _type_word_re()


def _abbreviation_re() -> re.Pattern:
    """An abbreviated type word standing alone; group 1 is the abbreviation.

    The same matches as ``(?<![L])(QĐ|NQ|…)(?![L])``, written as ``Q(?<![L].)(?:Đ)|N(?<![L].)(?:Q|Đ)|…``
    (the abbreviations grouped by first letter, in their order) so that the regex engine skips to
    the capitals an abbreviation starts with instead of testing every position.
    """
    rests: dict[str, list[str]] = {}
    for abbr in TYPE_ABBREVIATIONS:
        rests.setdefault(abbr[0], []).append(re.escape(abbr[1:]))
    return re.compile("(" + "|".join(re.escape(c) + r"(?<![" + _L + r"].)(?:" + "|".join(r) + ")"
                                     for c, r in rests.items()) + r")(?![" + _L + r"])")


_ABBR_RE = _abbreviation_re()

_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\.[A-Za-zĐđ0-9&]+)*"
_DASH = r"[ \t]*-[ \t]*\n?[ \t]*"
SYMBOL_RE = re.compile(
    r"(?P<sym>"
    r"\d{1,5}[ \t]*-[ \t]*[A-ZĐ][A-Za-zĐđ]{0,5}[ \t]*/[ \t]*" + _CODE + r"(?:" + _DASH + _CODE + r"){0,2}"  # 11-NQ/TW
    r"|\d{1,5}(?:[A-ZĐ][A-Za-zĐđ]{0,3}|[a-z](?=[ \t]*/))?[ \t]*(?:/[ \t]*(?:19|20)\d\d[ \t]*)?/[ \t]*" + _CODE
    + r"(?:" + _DASH + _CODE + r"){0,4}"  # 70/2008/NĐ-CP, 4155QĐ/ BTP, 473/TTr -\nNN&PTNT
    r")(?![" + _L + r"0-9/])")
_NUMBER_INTRO = re.compile(r"[ \t]*,?" + _WS + r"(?:số" + _WS + r":?" + _WS + r"|(?=\d))", re.IGNORECASE)
_BARE_NUMBER_RE = re.compile(r"(?:số[ \t]*)?(\d{1,5})(?![\d/.,]|[ \t]*(?:tháng|năm|%|ngày|người|giờ))",
                             re.IGNORECASE)
_DATE_RE = re.compile(
    r"(?P<lead>" + _WS + r",?" + _WS + r"(?:ban" + _WS1 + r"hành" + _WS1 + r")?ngày" + _WS + r"(?:ngày" + _WS + r")?)"
    r"(?P<date>(?:[0-3]?\d)" + _WS + r"tháng" + _WS + r"(?:[01]?\d)" + _WS + r"năm" + _WS + r"(?:19|20)\d\d"
    r"|(?:[0-3]?\d)[ \t]*[/.\-][ \t]*(?:[01]?\d)[ \t]*[/.\-][ \t]*(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE)
_ISSUER_LEAD_RE = re.compile(_WS + r",?" + _WS + r"của" + _WS1, re.IGNORECASE)
_ISSUER_STOPS = ("ngày", "về", "v/v", "phê duyệt", "ban hành", "quy định", "hướng dẫn", "thực hiện", "triển khai",
                 "với", "tại", "đã", "nhằm", "để", "trong", "theo", "số", "lấy", "sửa đổi", "bổ sung", "xử lý",
                 "thành lập", "giao", "tiếp tục", "đối với", "cho", "nay là", "kèm theo", "được", "là",
                 "và số", "và công văn", "và tờ trình", "đồng thời", "công bố", "thông qua", "chỉ đạo", "đến",
                 "tới", "nhân dịp", "nhân kỷ niệm", "hưởng ứng", "trên địa bàn", "trên phạm vi")
_PERIOD_TAIL_RE = re.compile(
    r"(?:" + _WS + r",?" + _WS + r"(?:giai" + _WS1 + r"đoạn|nhiệm" + _WS1 + r"kỳ|thời" + _WS1 + r"kỳ)" + _WS
    + r"(?:19|20)\d\d" + _WS + r"(?:-|đến)" + _WS + r"(?:năm" + _WS + r")?(?:19|20)\d\d"
    r"|" + _WS + r",?" + _WS + r"(?:và" + _WS1 + r")?(?:tầm" + _WS1 + r"nhìn|định" + _WS1 + r"hướng)" + _WS1
    + r"(?:đến|tới)" + _WS1 + r"năm" + _WS1 + r"(?:19|20)\d\d"
    r"|" + _WS1 + r"(?:đến|tới)" + _WS1 + r"năm" + _WS1 + r"(?:19|20)\d\d"
    r"|" + _WS1 + r"(?:giai" + _WS1 + r"đoạn" + _WS1 + r")?(?:từ" + _WS1 + r")?năm" + _WS1 + r"(?:19|20)\d\d"
    r"(?:" + _WS + r"(?:-|đến)" + _WS + r"(?:năm" + _WS + r")?(?:19|20)\d\d)?"
    r"|" + _WS1 + r"(?:khóa|khoá|lần" + _WS1 + r"thứ)" + _WS1 + r"[IVXLC\d]+"
    r"|" + _WS + r"\(" + _WS + r"giai" + _WS1 + r"đoạn" + _WS1 + r"[IVX]+" + _WS + r"\)"
    r"|" + _WS1 + r"giai" + _WS1 + r"đoạn" + _WS1 + r"[IVX]+(?![" + _L + r"])"
    r")", re.IGNORECASE)
_QUALIFIER_TAIL_RE = re.compile(
    _WS1 + r"(?:của" + _WS1 + r"(?:tỉnh|thành" + _WS1 + r"phố|huyện|Đảng)(?![" + _L + r"])"
    r"|trên" + _WS1 + r"địa" + _WS1 + r"bàn" + _WS1 + r"(?:toàn" + _WS1 + r")?(?:tỉnh|thành" + _WS1 + r"phố|huyện)"
    # the place's name is capitalised ("trên địa bàn tỉnh Yên Bái", not "… tỉnh với nội dung")
    r"(?:" + _WS1 + r"(?-i:[A-ZĐÀ-Ỹ])[" + _L + r"]*(?:" + _WS1 + r"(?-i:[A-ZĐÀ-Ỹ])[" + _L + r"]*){0,2})?)", re.IGNORECASE)
_HARD_STOP_RE = re.compile(r"[;:()\[\]|?!¹²³\u2070-\u209f*]|\.(?!\d)|\n[ \t]*\n|\n[ \t]*[-+•]")
_QUOTE_OPEN = "“\"«"
_QUOTE_CLOSE = {"“": "”", '"': '"', "«": "»"}


#: Look-alikes of Đ/đ that conversions leave in symbols ("242/2014/QÐ-UBND": U+00D0, the Icelandic eth).
ETH_TO_D = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})
_ETH_LOOKALIKES = "".join(map(chr, ETH_TO_D))


def _match_text(text: str) -> str:
    """A length-preserving copy for matching: one dash, new-style tone marks, Đ for its look-alikes.

    The last text's copy is kept: a document's text is matched by ``_scan`` and again by
    ``extract_citations``.
    """
    global _last_match_text
    last = _last_match_text
    if last[0] is text:
        return last[1]
    mt = _eth_to_d(modern_tone_marks(unify_dashes(nfc(text))))
    mt = mt if len(mt) == len(text) else _eth_to_d(unify_dashes(text))
    _last_match_text = (text, mt)
    return mt


def _eth_to_d(s: str) -> str:
    """``s.translate(ETH_TO_D)``, by replacing only the look-alikes present (usually none)."""
    for c in _ETH_LOOKALIKES:
        if c in s:
            s = s.replace(c, ETH_TO_D[ord(c)])
    return s


_last_match_text: tuple[str | None, str] = (None, "")


def _phrase_re(phrases) -> re.Pattern:
    alts = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(_words_re(p) if p.strip() else re.escape(p) for p in alts) + r")(?![" + _L + r"])",
                      re.IGNORECASE)


_NAME_STOP_RE = _phrase_re(NAME_STOPS)
_WEAK_STOP_RE = _phrase_re(WEAK_NAME_STOPS)
_COMMA_STOP_RE = _phrase_re(STOP_AFTER_COMMA)
_ISSUER_STOP_RE = _phrase_re(_ISSUER_STOPS)
_SUBJECT_OPEN_RE = re.compile(
    r"[ \t]*(?:\n[ \t]*)?(?:[“\"][ \t]*)?(?P<op>" + "|".join(_words_re(p) if "/" not in p else re.escape(p)
                                                            for p in sorted(SUBJECT_OPENERS, key=len, reverse=True))
    + r")(?=[ \t\n]|việc|[“\"])", re.IGNORECASE)
_CREATION_BEFORE_RE = re.compile(
    r"(?<![" + _L + r"])(?:" + "|".join(r"[ \t\n]*".join(map(re.escape, v.split()))
                                      for v in sorted(CREATION_VERBS, key=len, reverse=True)) + r")"
    r"(?:" + _WS1 + r"(?:kèm" + _WS1 + r"theo|theo)" + _WS1 + r"(?:Quyết" + _WS1 + r"định|Nghị" + _WS1 + r"quyết"
    r"|Chỉ" + _WS1 + r"thị)" + _WS1 + r"này)?" + _WS + r"$", re.IGNORECASE)
#: A span of years (``giai đoạn 2021-2030``, ``2016 đến năm 2020``), not one year.
_YEAR_SPAN_RE = re.compile(r"(?:19|20)\d\d\s*(?:-|đến|tới)\s*(?:năm\s*)?(?:19|20)\d\d", re.IGNORECASE)
#: ``… đã ban hành Kế hoạch …``: the thing was made before, by whoever the sentence names.
_DONE_BEFORE_RE = re.compile(r"(?<![" + _L + r"])đã" + _WS1 + r"(?:" + "|".join(
    r"[ \t\n]*".join(map(re.escape, v.split())) for v in sorted(CREATION_VERBS, key=len, reverse=True)) + r")" + _WS + r"$",
    re.IGNORECASE)
#: Verbs inside a cited instrument's subject whose object is still to be made (``về việc xây dựng kế hoạch …``);
#: ``ban hành`` / ``phê duyệt`` there promulgate the object, so they are not in the list.
TO_BE_MADE_VERBS = ("xây dựng và ban hành", "xây dựng, ban hành", "xây dựng", "soạn thảo", "dự thảo", "lập",
                    "tổ chức xây dựng", "tham mưu xây dựng", "nghiên cứu xây dựng")
_TO_BE_MADE_BEFORE_RE = re.compile(r"(?<![" + _L + r"])(?:" + "|".join(
    r"[ \t\n]*".join(map(re.escape, v.split())) for v in sorted(TO_BE_MADE_VERBS, key=len, reverse=True)) + r")"
    + _WS + r"$", re.IGNORECASE)
_PLURAL_BEFORE_RE = re.compile(r"(?<![" + _L + r"])(?:" + "|".join(_words_re(w) for w in PLURAL_WORDS) + r")"
                               r"(?:" + _WS1 + r"(?:bản|văn bản|loại))?" + _WS + r"$", re.IGNORECASE)
_PLURAL_WORD_RE = re.compile(r"(?:các|những|mọi)(?![" + _L + r"])", re.IGNORECASE)
_ANAPHOR_BEFORE_RE = re.compile(r"(?:viết|gọi)" + _WS1 + r"tắt(?:" + _WS1 + r"là)?" + _WS + r"$|Trên" + _WS1
                                + r"đây" + _WS1 + r"là" + _WS + r"$", re.IGNORECASE)


# --- the mentions --------------------------------------------------------------------

@dataclass
class _Raw:
    """A mention while it is being read (mutable; frozen into a CitationMention at the end)."""

    start: int
    end: int  # end of the head
    doc_type: str
    type_end: int
    symbol: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    name: str | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    subject_verb: str | None = None
    nested: bool = False
    parent: int | None = None
    continuation: bool = False  # a later number sharing an earlier type word
    quoted: bool = False
    skip: str | None = None  # why it is not a citation
    in_self_object: bool = False
    before: str = ""  # verb right before the mention (lower case)
    implements: str | None = None
    promulgated_in: str | None = None
    capitalised: bool = True
    name_inferred: bool = False  # the name comes from a parenthesis, not from the text after the head


def _upper_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _doc_type_of(word: str) -> tuple[str, bool]:
    f = fold(word)
    return _TYPE_BY_FOLD.get(f) or (f, True)


#: folded type word → (doc_type, needs a number); the first row of TYPE_WORDS wins
_TYPE_BY_FOLD: dict[str, tuple[str, bool]] = {}
for _w, _t, _needs in TYPE_WORDS:
    _TYPE_BY_FOLD.setdefault(fold(_w), (_t, _needs))


def _skip_ws(mt: str, pos: int, limit: int) -> int:
    while pos < limit and mt[pos] in " \t\u00a0":
        pos += 1
    return pos


_ORG_START_RE = re.compile(r"(?:" + "|".join(_words_re(t) for t in sorted(ORG_TYPES, key=len, reverse=True))
                           + r")(?![" + _L + r"])")


_BODY_WORD_END_RE = re.compile(r"(?<![" + _L + r"])(?:Ban|Tổ)" + _WS + r"$")
_ISSUER_WORD_RE = re.compile(r"[" + _L + r"0-9&.\-]+")
_ISSUER_SEP_RE = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?(?:-[ \t]*)?")


def _parse_issuer(mt: str, text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """``của <Issuer>`` at ``pos``: the issuer as written and where it ends."""
    m = _ISSUER_LEAD_RE.match(mt, pos, limit)
    if not m:
        return None, pos
    i = m.end()
    if i >= limit or not (text[i].isupper() or text[i].isdigit()):
        return None, pos
    words_end = i
    j = i
    n_words = 0
    while j < limit and n_words < 16:
        if _ISSUER_STOP_RE.match(mt, j) and n_words > 0 and not (
                text[j].isupper() and _BODY_WORD_END_RE.search(text[i:j])):
            break
        if _DATE_RE.match(mt, j - 1 if j > 0 and mt[j - 1] in " \t\n" else j):
            pass
        wm = _ISSUER_WORD_RE.match(mt, j)
        if not wm:
            break
        w_end = wm.end()
        while w_end > j and mt[w_end - 1] in ".-":
            w_end -= 1
        if w_end == j:
            break
        words_end = w_end
        n_words += 1
        k = w_end
        # separators inside an issuer: spaces, one line break, " - ", ", " before a capital, " và "
        sep = _ISSUER_SEP_RE.match(mt, k)
        k2 = sep.end()
        if k2 < limit and mt[k2] == "," and k2 + 1 < limit:
            k3 = _skip_ws(mt, k2 + 1, limit)
            if k3 < limit and text[k3].isupper() and not _ISSUER_STOP_RE.match(mt, k3) \
                    and not _ORG_START_RE.match(mt, k3):  # ", Ban Chỉ đạo …": another body, a new clause
                j = k3
                continue
            break
        if k2 == k or k2 >= limit:
            break
        if "\n" in mt[k:k2] and mt[k:k2].count("\n") > 1:
            break
        j = k2
    if n_words == 0:
        return None, pos
    return collapse_spaces(text[i:words_end]), words_end


_SPACES_RE = re.compile(r"\s+")


def _parse_date(mt: str, pos: int, limit: int) -> tuple[str | None, int]:
    m = _DATE_RE.match(mt, pos, limit)
    if not m:
        return None, pos
    d = m.group("date")
    mm = DATE_WORDS_RE.search(d) or DATE_NUMERIC_RE.search(_SPACES_RE.sub("", d))
    iso = iso_date(mm["d"], mm["m"], mm["y"]) if mm else None
    return iso, m.end()


def _parse_symbol_at(mt: str, pos: int, limit: int) -> tuple[str | None, int, int]:
    """``[,] [số[:]] <symbol>`` at ``pos`` → (symbol as written, symbol start, end)."""
    m = _NUMBER_INTRO.match(mt, pos, limit)
    if not m:
        return None, pos, pos
    s = SYMBOL_RE.match(mt, m.end(), limit)
    if not s:
        return None, pos, pos
    return s.group("sym"), s.start(), s.end()


_SESSION_RE = re.compile(_WS + r",?" + _WS + r"kỳ" + _WS1 + r"họp" + _WS1 + r"thứ" + _WS1 + r"[\w]+", re.IGNORECASE)


def _head_tail(mt: str, text: str, pos: int, limit: int, raw: _Raw) -> int:
    """Date, issuer and ``kỳ họp`` after a head, in any order; returns the new head end."""
    for _ in range(3):
        if raw.date is None:
            d, e = _parse_date(mt, pos, limit)
            if d:
                raw.date, pos = d, e
                continue
        if raw.issuer is None:
            iss, e = _parse_issuer(mt, text, pos, limit)
            if iss:
                raw.issuer, pos = iss, e
                m = _SESSION_RE.match(mt, pos, limit)
                if m:
                    pos = m.end()
                continue
        break
    return pos


def _name_extent(mt: str, text: str, pos: int, limit: int, *, law: bool = False) -> tuple[int, bool]:
    """Where the name of an unnumbered instrument that starts at ``pos`` ends; and whether it is quoted."""
    p = _skip_ws(mt, pos, limit)
    if p < limit and mt[p] == "\n" and mt[p:p + 2] != "\n\n":
        p = _skip_ws(mt, p + 1, limit)
    if p < limit and mt[p] in _QUOTE_OPEN:
        close = _QUOTE_CLOSE[mt[p]]
        q = mt.find(close, p + 1, min(limit, p + 400))
        if q > 0 and "\n\n" not in mt[p:q]:
            return _extend_tail(mt, q + 1, limit), True
    words = _name_words(mt, text, pos, limit, law=law)
    if not words:
        return pos, False
    # the first weak stop ends the name unless a period or a date follows within a few words
    cut = len(words)
    for k, (ws, we, weak) in enumerate(words):
        if weak:
            ahead = [w for w in words[k:k + 12]]
            if not any(_extend_tail(mt, w[1], limit, only_terminators=True) > w[1] for w in ahead):
                cut = k
                break
    words = words[:cut]
    if not words:
        return pos, False
    end = words[-1][1]
    return _extend_tail(mt, end, limit), False


_NAME_WORD_RE = re.compile(r"[" + _L + r"0-9&/]+(?:-[" + _L + r"0-9]+)*")
_AND_RE = re.compile(r"và(?:[ \t]+|[ \t]*\n[ \t]*)", re.IGNORECASE)
_OF_BEFORE_RE = re.compile(r"(?:của|thực hiện|triển khai|về)" + _WS + r"$", re.IGNORECASE)
_SLASHED_NUMBER_RE = re.compile(r"\d+/\d+(?:/\d*)?")


def _name_words(mt: str, text: str, pos: int, limit: int, *, law: bool = False) -> list[tuple[int, int, bool]]:
    """The words of a name up to a hard stop: (start, end, starts a weak stop)."""
    out: list[tuple[int, int, bool]] = []
    i = pos
    word_re = _NAME_WORD_RE
    while i < limit and len(out) < 45:
        hs = _HARD_STOP_RE.search(mt, i, limit)
        hard = hs.start() if hs else limit
        j = _skip_ws(mt, i, limit)
        if j < limit and mt[j] == "\n" and mt[j:j + 2] != "\n\n":
            j = _skip_ws(mt, j + 1, limit)
        if j >= hard or j >= limit:
            break
        # once a period or a date is reached, the name is complete
        if out and _extend_tail(mt, out[-1][1], limit, only_terminators=True) > out[-1][1]:
            break
        c = mt[j]
        if c == "-" or c == "&":  # "kinh tế - xã hội", "Nông nghiệp & PTNT"
            i = j + 1
            continue
        if c == ",":
            k = _skip_ws(mt, j + 1, limit)
            if k < limit and mt[k] == "\n" and mt[k:k + 2] != "\n\n":
                k = _skip_ws(mt, k + 1, limit)
            # a law's name has its comma after one or two words ("Luật Phổ biến, giáo dục pháp luật",
            # "Luật Phòng, chống …"): the verbs that end other names after a comma go on here
            early = len(out) <= 2 and not _ORG_START_RE.match(mt, k)
            comma_stop = _COMMA_STOP_RE.match(mt, k) and not (
                law and early and text[k].islower()
                # "Chương trình phổ biến, giáo dục pháp luật giai đoạn 2017-2021": the name reaches its period
                or early and text[k].islower() and _period_follows(mt, text, k, limit))
            if k >= limit or comma_stop or _TYPE_RE.match(mt, k) or _NAME_STOP_RE.match(mt, k) \
                    or not mt[k].isalnum():
                break
            # "Luật Thi đua, Khen thưởng": a law's second word after its comma may be capitalised
            if text[k].isupper() and not (law and early) and not _capital_continues(mt, text, k, limit):
                break
            i = k
            continue
        if out and _NAME_STOP_RE.match(mt, j):
            break
        if out and _AND_RE.match(mt[j:j + 8]):
            k = j + _AND_RE.match(mt[j:j + 8]).end()
            if k < limit and (_TYPE_RE.match(mt, k) and not _in_amending(mt, pos, j) or _COMMA_STOP_RE.match(mt, k)
                              or _NAME_STOP_RE.match(mt, k) or _PLURAL_WORD_RE.match(mt, k)):
                break
        if out and _TYPE_RE.match(mt, j) and not _excluded_type_word(mt, j) and not _in_amending(mt, pos, j) \
                and not _OF_BEFORE_RE.search(mt[max(0, j - 14):j]):
            break
        wm = word_re.match(mt, j)
        if not wm:
            break
        if _SLASHED_NUMBER_RE.fullmatch(wm.group()):  # a date without "ngày"
            break
        weak = bool(out) and bool(_WEAK_STOP_RE.match(mt, j))
        out.append((j, wm.end(), weak))
        i = wm.end()
    return out


def _excluded_type_word(mt: str, j: int) -> bool:
    """The type word at ``j`` is not one by the NOT_BEFORE / NOT_AFTER rules (``pháp luật``, ``kế hoạch hóa``)."""
    m = _TYPE_RE.match(mt, j)
    if not m:
        return False
    doc_type, _ = _doc_type_of(m.group(1))
    after = mt[m.end():m.end() + 12].lower().strip()
    before = mt[max(0, j - 20):j].rstrip().lower()
    return any(after.startswith(w) and not after[len(w):len(w) + 1].isalpha() for w in NOT_AFTER.get(doc_type, ())) or \
        any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalpha())
            for w in NOT_BEFORE.get(doc_type, ()))


def _period_follows(mt: str, text: str, k: int, limit: int) -> bool:
    """After ``,``: lower-case words that reach a period (``giai đoạn 2017-2021``) within a few words."""
    words = _name_words(mt, text, k, min(limit, k + 160))
    return bool(words) and len(words) <= 10 and any(
        _PERIOD_TAIL_RE.match(mt, w[1], limit) for w in words[-2:])


def _capital_continues(mt: str, text: str, k: int, limit: int) -> bool:
    """After ``,``: a capitalised word that goes on with the name up to its period
    (``… Quốc hội khóa XV, Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026``)."""
    words = _name_words(mt, text, k, min(limit, k + 200))
    return bool(words) and len(words) <= 10 and \
        _extend_tail(mt, words[-1][1], limit, only_terminators=True) > words[-1][1] and not _TYPE_RE.match(mt, k)


_AMENDING_RE = re.compile(r"sửa" + _WS1 + r"đổi", re.IGNORECASE)


def _in_amending(mt: str, start: int, pos: int) -> bool:
    return bool(_AMENDING_RE.search(mt[start:pos]))


def _extend_tail(mt: str, end: int, limit: int, *, only_terminators: bool = False) -> int:
    """Extend a name over its period, date, ``của tỉnh`` / ``trên địa bàn tỉnh`` qualifiers."""
    moved = True
    first = True
    while moved:
        moved = False
        m = _PERIOD_TAIL_RE.match(mt, end, limit)
        if m:
            end, moved = m.end(), True
        m = _DATE_RE.match(mt, end, limit)
        if m:
            end, moved = m.end(), True
        if not only_terminators or not first:
            m = _QUALIFIER_TAIL_RE.match(mt, end, limit)
            if m:
                end, moved = m.end(), True
        first = False
        if only_terminators and not moved:
            break
    return end


_SPACE_SUBJECT_STOPS = tuple(s for s in SUBJECT_STOPS if s.startswith(" "))
_COMMA_SUBJECT_STOPS = tuple(s for s in SUBJECT_STOPS if s.startswith(","))
_BULLET_LINE_RE = re.compile(r"\n[ \t]*[-+•]")
_LIST_SEP_END_RE = re.compile(r"(?:,|;|\bvà)[ \t\n]*$")


def _subject_extent(mt: str, text: str, pos: int, limit: int, anchors: list[int]) -> tuple[int | None, int, str | None]:
    """The subject after a head at ``pos``: (start, end, opening verb) or (None, pos, None)."""
    m = _SUBJECT_OPEN_RE.match(mt, pos, limit)
    if not m:
        # a subject that starts with a lower-case word right after the head (``… của Chính phủ quy định …``)
        return None, pos, None
    start = m.start("op")
    verb = collapse_spaces(mt[m.start("op"):m.end("op")]).lower()
    end = start
    i = start
    depth = 0
    in_quote = False
    while i < limit:
        c = mt[i]
        if c in "“\"" and not in_quote:
            in_quote = True
        elif c in "”\"" and in_quote:
            in_quote = False
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        elif not in_quote and depth == 0:
            if c in ";:" or c == "\n" and mt[i:i + 2] == "\n\n" or (c == "." and (i + 1 >= limit or mt[i + 1] in " \n\t")):
                break
            if c == "\n" and _BULLET_LINE_RE.match(mt[i:i + 4]):
                break
            if c == "," and _new_clause_after_comma(mt, text, i + 1, limit):
                break
            if mt[i] == " " and mt.startswith(_SPACE_SUBJECT_STOPS, i) or \
                    c == "," and mt.startswith(_COMMA_SUBJECT_STOPS, i):
                break
            if i in anchors and i > start:
                before = mt[max(start, i - 6):i]
                if _LIST_SEP_END_RE.search(before):
                    k = i - 1
                    while k > start and mt[k] in " \t\n":
                        k -= 1
                    if mt[k] == ",":
                        end = k
                    else:
                        end = k - 1 if mt[k - 2:k + 1].lower() == "và" else k
                    return start, _trim_end(mt, start, end + 1), verb
        i += 1
    return start, _trim_end(mt, start, i), verb


def _trim_end(mt: str, start: int, end: int) -> int:
    while end > start and (mt[end - 1] in " \t\n,–-" or mt[end - 3:end].lower() == " và"):
        end -= 3 if mt[end - 3:end].lower() == " và" else 1
    return end


_CLAUSE_VERB_RE = re.compile(
    r"(?<![" + _L + r"])(?:ban" + _WS1 + r"hành|xây" + _WS1 + r"dựng|hướng" + _WS1 + r"dẫn|đề"
    + _WS1 + r"nghị|chỉ" + _WS1 + r"đạo|có" + _WS1 + r"ý" + _WS1 + r"kiến|yêu" + _WS1 + r"cầu)"
    r"(?![" + _L + r"])", re.IGNORECASE)


def _new_clause_after_comma(mt: str, text: str, k: int, limit: int) -> bool:
    """``…, Ủy ban nhân dân tỉnh ban hành …``: a new clause with its own subject starts."""
    k = _skip_ws(mt, k, limit)
    if k < limit and mt[k] == "\n":
        k = _skip_ws(mt, k + 1, limit)
    if k >= limit or not text[k].isupper() or _TYPE_RE.match(mt, k):
        return False
    window = mt[k:k + 90]
    return bool(_CLAUSE_VERB_RE.search(window)) and "," not in window[:window.find(" ") + 1]


def _before_words(mt: str, pos: int, lo: int, n: int = 60) -> str:
    s = mt[max(lo, pos - n):pos]
    cut = max(s.rfind(";"), s.rfind("\n\n"), s.rfind("."), s.rfind(":"), s.rfind("("), s.rfind(")"))
    return s[cut + 1:] if cut >= 0 else s


def default_known():
    """The packaged known-instruments table (``loaders.known``), or ``None`` when it is absent."""
    return _default_known()


@lru_cache(maxsize=1)
def _default_known():
    try:
        from loaders.known import KnownIndex
    except ImportError:  # the table is optional
        return None
    try:
        return KnownIndex.load()
    except Exception:  # a broken table must not stop extraction
        return None


def _known_names(known, text: str, start: int, end: int, as_of=None) -> dict[int, int]:
    """Known names in ``text[start:end]``: start offset → end offset."""
    if not known:
        return {}
    try:
        hits = known.find_names(text[start:end], as_of=as_of) if as_of else known.find_names(text[start:end])
    except Exception:
        return {}
    out: dict[int, int] = {}
    for h in hits:
        hs, he = (h[0], h[1]) if isinstance(h, tuple) else (getattr(h, "start", None), getattr(h, "end", None))
        if hs is None:
            continue
        out[start + hs] = max(out.get(start + hs, 0), start + he)
    return out


_QUALIFIER_RE = re.compile(_WS1 + r"(?:" + "|".join(_words_re(q) for q in TYPE_QUALIFIERS) + r")(?![" + _L + r"])",
                           re.IGNORECASE)
_COLON_RE = re.compile(_WS + r":" + _WS)
_LONE_NUMBER_RE = re.compile(_WS1 + r"(?:số" + _WS + r")?(\d{1,5})(?![\d/.,]|" + _WS + r"(?:tháng|năm|%|ngày|người|giờ))",
                             re.IGNORECASE)
_KNOWN_GAP_RE = re.compile(r"[ \t\n]*(?:và|,|để|nhằm|trong|theo|tại)(?![" + _L + r"])", re.IGNORECASE)
_OWN_NUMBER_RE = re.compile(r"[ \t\n,]+số" + _WS + r":?" + _WS)


def _scan(text: str, start: int = 0, end: int | None = None, *, known=None, as_of=None) -> list[_Raw]:
    """All candidate mentions in ``text[start:end]``, with why some are not citations."""
    end = len(text) if end is None else end
    mt = _match_text(text)
    known_at = _known_names(known, text, start, end, as_of)
    anchors: list[tuple[int, int, str, bool, bool]] = []  # start, type_end, doc_type, needs_number, abbreviation
    for m in _TYPE_RE.finditer(mt, start, end):
        t, needs = _doc_type_of(m.group(1))
        anchors.append((m.start(), m.end(), t, needs, False))
    for m in _ABBR_RE.finditer(mt, start, end):
        if SYMBOL_RE.match(mt, _NUMBER_INTRO.match(mt, m.end(), end).end() if _NUMBER_INTRO.match(mt, m.end(), end) else m.end(), end):
            anchors.append((m.start(), m.end(), TYPE_ABBREVIATIONS[m.group(1)], True, True))
    anchors.sort()
    anchor_starts = [a[0] for a in anchors]
    raws: list[_Raw] = []
    containers: list[tuple[int, int, int, str]] = []  # start, end, owner index, kind
    for a_start, a_end, doc_type, needs_number, abbr in anchors:
        if raws and a_start < raws[-1].end and not raws[-1].skip:
            continue  # inside the head of the previous mention
        raw = _Raw(a_start, a_end, doc_type, a_end)
        raw.capitalised = text[a_start].isupper()
        raw.before = _before_words(mt, a_start, start).lower()
        word_after = mt[a_end:a_end + 12].lower().strip()
        word_before = raw.before.rstrip().lower()
        if any(word_after.startswith(w) and not word_after[len(w):len(w) + 1].isalpha()
               for w in NOT_AFTER.get(doc_type, ())) or \
                any(word_before.endswith(w) and (len(word_before) == len(w) or not word_before[-len(w) - 1].isalpha())
                    for w in NOT_BEFORE.get(doc_type, ())):
            continue
        pos = a_end
        # qualifiers (Chương trình hành động số …, Báo cáo thẩm tra số …)
        qm = _QUALIFIER_RE.match(mt, pos, end)
        if qm and _parse_symbol_at(mt, qm.end(), end)[0]:
            pos = qm.end()
        elif not _parse_symbol_at(mt, pos, end)[0]:
            pos = _free_qualifier_end(mt, pos, end, doc_type)
        # "Quyết định của UBND tỉnh: Số 64/…"
        pre_issuer, pe = _parse_issuer(mt, text, pos, end)
        if pre_issuer and _COLON_RE.match(mt[pe:pe + 4]) and _parse_symbol_at(mt, mt.index(":", pe) + 1, end)[0]:
            raw.issuer = pre_issuer
            pos = mt.index(":", pe) + 1
        sym, s0, s1 = _parse_symbol_at(mt, pos, end)
        if sym:
            raw.symbol = normalize_symbol(text[s0:s1])
            p = parse_symbol(raw.symbol)
            raw.number = p.number if p else None
            pos = _head_tail(mt, text, s1, end, raw)
            raw.end = pos
        elif abbr:
            continue
        else:
            bn = _LONE_NUMBER_RE.match(mt, pos, end)
            if bn and doc_type in ("Đề án", "Chương trình", "Nghị quyết", "Chỉ thị", "Quyết định", "Kế hoạch", "Nghị định"):
                raw.number = bn.group(1)
                raw.end = bn.end()
            else:
                raw.end = a_end
        # where it sits: inside an earlier mention's subject or name, or in a created object
        for c_start, c_end, owner, kind in reversed(containers):
            if c_start <= a_start < c_end:
                if kind == "self":
                    raw.in_self_object = True
                    raw.parent = owner
                else:
                    raw.nested = True
                    raw.parent = owner
                break
        raws.append(raw)
        idx = len(raws) - 1
        # is it a citation at all?
        if raw.symbol or raw.number:
            if _ANAPHOR_BEFORE_RE.search(raw.before):
                raw.skip = "anaphora (viết tắt / gọi tắt)"
            ss, se, verb = _subject_extent(mt, text, raw.end, end, anchor_starts)
            if ss is not None:
                raw.subject_start, raw.subject_end, raw.subject_verb = ss, se, verb
                containers.append((ss, se, idx, "subject"))
            _continuations(mt, text, raw, raws, containers, end)
            continue
        # unnumbered
        if _upper_ratio(text[a_start:a_end]) > 0.9 and _is_kind_heading(mt, text, a_start, a_end, end):
            raw.skip = "kind heading"
            continue
        iss, ie = _parse_issuer(mt, text, a_end, end)
        if iss and needs_number:
            ss, se, verb = _subject_extent(mt, text, ie, end, anchor_starts)
            if ss is not None and raw.capitalised and _upper_ratio(text[a_start:a_end]) < 0.9:
                raw.issuer = iss
                raw.end = ie
                raw.subject_start, raw.subject_end, raw.subject_verb = ss, se, verb
                containers.append((ss, se, idx, "subject"))
                continue
            raw.skip = "no number"
            continue
        if needs_number:
            raw.skip = "no number"
            continue
        ne, quoted = _name_extent(mt, text, a_end, end, law=doc_type in ("Luật", "Bộ luật", "Pháp lệnh"))
        ke = known_at.get(a_start)
        if ke and ke > a_end and not _in_amending(mt, a_start, ne):
            # a known name decides where an ambiguous name ends ("luật bình đẳng giới và phòng, chống …")
            kt = _extend_tail(mt, ke, end)
            gap = mt[kt:ne]
            if ne < kt or _KNOWN_GAP_RE.match(gap):
                ne = kt
        # a law written with its own number: "Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019"
        # ("một số điều của …" before the number is no number: the first "số" that opens a symbol)
        sm = next((x for x in _OWN_NUMBER_RE.finditer(mt, a_end, ne)
                   if _parse_symbol_at(mt, x.start(), end)[0]), None)
        if sm and not quoted:
            sym, s0, s1 = _parse_symbol_at(mt, sm.start(), end)
            if sym:
                raw.symbol = normalize_symbol(text[s0:s1])
                p = parse_symbol(raw.symbol)
                raw.number = p.number if p else None
                raw.end = _head_tail(mt, text, s1, end, raw)
                raw.name = _clean_name(text[a_start:sm.start()])
                ss, se, verb = _subject_extent(mt, text, raw.end, end, anchor_starts)
                if ss is not None:
                    raw.subject_start, raw.subject_end, raw.subject_verb = ss, se, verb
                    containers.append((ss, se, idx, "subject"))
                continue
        name_text = collapse_spaces(text[a_end:ne])
        raw.quoted = quoted
        why = _why_not_named(raw, mt, text, a_start, a_end, ne, name_text, doc_type)
        if why in ("lower-case type word without a proper name", "lower-case law word without a name",
                   "generic category") and ke:
            why = None
        if why and not (why == "created here" and raw.nested):
            raw.skip = why
            if why == "created here":
                ce = _object_end(mt, a_end, end)
                containers.append((a_end, ce, idx, "self"))
            continue
        raw.end = ne
        raw.name = _clean_name(text[a_start:ne])
        if raw.nested and why == "created here":
            pass
        containers.append((a_end, ne, idx, "name"))
    return raws


_FREE_QUALIFIER_RE = re.compile(r"(?:" + _WS1 + r"[a-zà-ỹđ]+,?){1," + str(MAX_FREE_QUALIFIER_WORDS) + r"}?(?=" + _WS1
                                 + r"số" + _WS + r":?" + _WS + r"\d)")


def _type_of_code(symbol: str | None) -> str | None:
    """The document type a symbol's type code names (``365/BC-UBND`` → ``Báo cáo``), if any."""
    p = parse_symbol(symbol) if symbol else None
    if not p:
        return None
    codes = load_issuer_codes()
    for code in ((p.type_code,) if p.type_code else ()) + tuple(p.issuer_codes[:1]):
        for row in codes.lookup(code):
            if row.kind == "type":
                return row.name
    return None


def _free_qualifier_end(mt: str, pos: int, limit: int, doc_type: str) -> int:
    """After a type word, a few lower-case words before ``số <symbol>`` whose type code is the
    same type (``báo cáo bổ sung, giải trình số 365/BC-UBND``): where the qualifier ends, else ``pos``."""
    m = _FREE_QUALIFIER_RE.match(mt, pos, limit)
    if not m or _TYPE_RE.search(mt, pos + 1, m.end()):
        return pos
    sym, s0, s1 = _parse_symbol_at(mt, m.end(), limit)
    if sym and _type_of_code(normalize_symbol(sym)) == doc_type:
        return m.end()
    return pos


_OBJECT_END_RE = re.compile(r"[;:]|\.(?=\s)|\n[ \t]*\n|\(")


def _object_end(mt: str, pos: int, limit: int) -> int:
    m = _OBJECT_END_RE.search(mt, pos, limit)
    return m.start() if m else limit


def _is_kind_heading(mt: str, text: str, a_start: int, a_end: int, limit: int) -> bool:
    """``KẾ HOẠCH`` / ``QUYẾT ĐỊNH:`` alone on a line, or an upper-case title line of the document."""
    line_start = mt.rfind("\n", 0, a_start) + 1
    before = mt[line_start:a_start].strip(" \t*#|")
    if before and _upper_ratio(before) < 0.9:
        return False
    line_end = mt.find("\n", a_end)
    line_end = limit if line_end < 0 else min(line_end, limit)
    return True


def _clean_name(s: str) -> str:
    s = collapse_spaces(s)
    for q in "“”\"«»":
        s = s.replace(q, "")
    return collapse_spaces(s).strip(" ,;.")


_PLURAL_END_RE = re.compile(r"(?:các|những)\s*$")


def _why_not_named(raw: _Raw, mt: str, text: str, a_start: int, a_end: int, ne: int, name: str,
                   doc_type: str) -> str | None:
    """Why an unnumbered ``<Type> <name>`` is not a citation (``None`` when it is one)."""
    if not name:
        return "bare type word"
    low = fold(name)
    first = name.lower()
    issuer_named = first.startswith("của ") and name[4:5].isupper()  # "Công ước của Liên hợp quốc về …"
    for w in BARE_NEXT:
        if (first == w or first.startswith(w + " ") or first.startswith(w + ",")) and not issuer_named:
            return "bare type word"
    if first.startswith("của ") and not issuer_named:
        return "bare type word"
    if not name_base(fold(name)) and not raw.quoted:  # "Kế hoạch năm 2025": only a year
        return "bare type word with a year"
    before = raw.before
    if _ANAPHOR_BEFORE_RE.search(before):
        return "self-reference (Trên đây là / gọi tắt)"
    if not raw.nested and _CREATION_BEFORE_RE.search(before) and not _DONE_BEFORE_RE.search(before):
        return "created here"
    if raw.nested and _TO_BE_MADE_BEFORE_RE.search(before):
        return "to be produced (inside a subject)"
    if _PLURAL_BEFORE_RE.search(_strip_type_list(before)):
        return "category (plural)"
    has_tail = bool(name_period(fold(name))) or raw.quoted or bool(DATE_WORDS_RE.search(name) or DATE_NUMERIC_RE.search(name))
    if doc_type in ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh", "Công ước", "Điều lệ"):
        if not raw.capitalised and not name[:1].isupper() and not has_tail and not raw.nested \
                and (len(name.split()) < 2 or first.startswith("về ")):
            return "lower-case law word without a name"
        return None
    spans_years = bool(_YEAR_SPAN_RE.search(unify_dashes(name))) or raw.quoted or \
        bool(DATE_WORDS_RE.search(name) or DATE_NUMERIC_RE.search(name))
    if any(low.startswith(g) for g in GENERIC_NAMES) and not spans_years and not issuer_named:
        return "generic category"
    if raw.capitalised or raw.quoted or raw.nested or name[:1].isupper() or issuer_named:
        return None
    if low.startswith("quoc gia"):  # "chiến lược quốc gia về …": a national instrument
        return None
    if has_tail and not _PLURAL_END_RE.search(before):
        return None
    return "lower-case type word without a proper name"


_TYPE_LIST_END_RE = re.compile(
    r"(?:(?:" + "|".join(_words_re(w) for w, _, _ in TYPE_WORDS) + r")(?:[ \t]*(?:,|và|hoặc)[ \t]*))+$", re.IGNORECASE)


def _strip_type_list(before: str) -> str:
    """``các chiến lược, chương trình,`` → ``các`` (a list of bare type words before this one)."""
    s = before
    m = _TYPE_LIST_END_RE.search(s.rstrip() + " ")
    if m:
        s = s[:m.start()]
    return s


_NEXT_NUMBER_RE = re.compile(_WS + r"[,;]?" + _WS + r"(?:và" + _WS1 + r")?(?=số)", re.IGNORECASE)


def _continuations(mt: str, text: str, raw: _Raw, raws: list[_Raw], containers, limit: int) -> None:
    """``… và số256/BVCSTE ngày …`` / ``…; Số 34/2012/QĐ-UBND ngày …``: more numbers for one type word."""
    pos = raw.subject_end if raw.subject_end else raw.end
    for _ in range(6):
        m = _NEXT_NUMBER_RE.match(mt, pos, limit)
        if not m:
            m2 = _NEXT_NUMBER_RE.match(mt, raw.end, limit)
            if not m2 or pos == raw.end:
                return
            m = m2
        s0 = m.end()
        sym, ss, se = _parse_symbol_at(mt, s0, limit)
        if not sym:
            return
        c = _Raw(s0, se, raw.doc_type, s0, continuation=True)
        c.symbol = normalize_symbol(text[ss:se])
        p = parse_symbol(c.symbol)
        c.number = p.number if p else None
        c.issuer = None
        c.end = _head_tail(mt, text, se, limit, c)
        if c.issuer is None:
            c.issuer = raw.issuer if raw.issuer and not raw.date else None
        c.before = raw.before
        c.nested, c.parent = raw.nested, raw.parent
        raws.append(c)
        idx = len(raws) - 1
        ss2, se2, verb = _subject_extent(mt, text, c.end, limit, [])
        if ss2 is not None:
            c.subject_start, c.subject_end, c.subject_verb = ss2, se2, verb
            containers.append((ss2, se2, idx, "subject"))
        pos = c.subject_end or c.end
        raw = c


# --- the public API ---------------------------------------------------------------------

_LEAD_QUOTE_RE = re.compile(r"^[“\"]\s*")
_ABOUT_RE = re.compile(r"^(?:[Vv]ề\s*việc|V/v|[Vv]ề)\s+")
_LEAD_VERB_RE = re.compile(r"^(?:ban hành|phê duyệt)(?:\s+kèm theo)?\s+(?=[A-ZĐ\"“]|[a-zđ])")


def _subject_name(text: str, raw: _Raw) -> str | None:
    if raw.subject_start is None:
        return None
    s = collapse_spaces(text[raw.subject_start:raw.subject_end])
    s = _LEAD_QUOTE_RE.sub("", s)
    s = _ABOUT_RE.sub("", s)
    s = _LEAD_VERB_RE.sub(lambda m: m.group(0), s)
    for verb in ("ban hành kèm theo", "phê duyệt chủ trương đầu tư", "ban hành", "phê duyệt"):
        if s.lower().startswith(verb + " ") and verb != "phê duyệt chủ trương đầu tư":
            s = s[len(verb) + 1:]
            break
    for q in "“”\"":
        s = s.replace(q, "")
    return collapse_spaces(s).strip(" ,;.") or None


def find_mentions(text: str, start: int = 0, end: int | None = None, *, known=False) -> list[CitationMention]:
    """Every mention of an instrument in ``text[start:end]``, lexically (no document context).

    Spans follow the gold rule: for a numbered instrument the head (type word,
    ``số``, symbol, date, ``của <issuer>``), for an unnumbered one its name with
    quotes, period and place qualifiers. Self-references, bare type words,
    categories and objects being created (``ban hành Kế hoạch …``) are left out;
    :func:`explain_skips` says why each was dropped.
    """
    raws = _scan(text, start, end, known=known)
    out = []
    for i, r in enumerate(raws):
        if r.skip:
            continue
        out.append(_to_mention(text, r, raws))
    return out


def explain_skips(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
    """The candidate mentions that were dropped: (start, end, text, reason)."""
    return [(r.start, max(r.end, r.type_end), text[r.start:max(r.end, r.type_end)], r.skip)
            for r in _scan(text, start, end) if r.skip]


_NAME_DATE_RE = re.compile(r"[\s,]*(?:ban hành\s+)?ngày\s*(?:ngày\s*)?(\d.*)$", re.IGNORECASE)


def _to_mention(text: str, r: _Raw, raws: list[_Raw]) -> CitationMention:
    quote = text[r.start:r.end]
    name = r.name
    if name and not r.symbol and not r.quoted:
        # "Luật Bình đẳng giới ngày 29/11/2006": the date is a field, not part of the name
        dm = _NAME_DATE_RE.search(name)
        if dm:
            d = parse_date(dm.group(1))
            if d:
                r.date = r.date or d
                name = name[:dm.start()].strip(" ,")
    if (r.symbol or r.number or r.issuer) and not r.name:
        name = _subject_name(text, r)
    return CitationMention(start=r.start, end=r.end, quote=quote, doc_type=r.doc_type, symbol=r.symbol,
                           number=r.number, date=r.date if (r.symbol or r.number or r.issuer or r.name) else None,
                           issuer=r.issuer, name=name, nested=r.nested)


# --- a document's citations ------------------------------------------------------------

_ISSUER_STANDARD_RES = tuple((re.compile(rx), std) for rx, std in ISSUER_STANDARD)
_ISSUER_ABBREVIATION_RES = tuple((re.compile(r"(?<![" + _L + r"])" + re.escape(abbr) + r"(?![" + _L + r"])"), full)
                                 for abbr, full in ISSUER_ABBREVIATIONS)
_HEAD_TITLE_RE = re.compile(r"^(?:Giám đốc|Chủ tịch|Trưởng ban|Thủ trưởng)\s+(?=(?:Sở|Ủy ban|Ban|Hội)\b)")
_POLITBURO_RE = re.compile(r"\bBộ chính trị\b")
_SPACED_DASH_RE = re.compile(r"\s*-\s*")
_LOCAL_BODY_RE = re.compile(r"^(?:Sở|Ban|Hội|Ủy ban nhân dân tỉnh|Hội đồng nhân dân tỉnh)\b")
_PROVINCE_END_RE = re.compile(r"\btỉnh$")


def standard_issuer(written: str | None, jurisdiction: str | None) -> str | None:
    """A stated issuer as a full standard name (``UBND tỉnh`` → ``Ủy ban nhân dân tỉnh Gia Lai``)."""
    if not written:
        return None
    s = collapse_spaces(unify_dashes(modern_tone_marks(nfc(written))))
    f = fold(s)
    j = jurisdiction if jurisdiction and jurisdiction != "national" else None
    for rx, std in _ISSUER_STANDARD_RES:
        if rx.match(f):
            if "{place}" in std:
                # "UBND tỉnh" / "UBND Thành phố": the document's province or city ("thành phố Hà Nội")
                if not j:
                    return std.replace("{place}", "thành phố" if "thanh pho" in f else "tỉnh")
                return std.format(place=place_phrase(j))
            if "{j}" in std and not j:
                std = std.replace(" {j}", "")
            return std.format(j=j or "")
    for rx, full in _ISSUER_ABBREVIATION_RES:
        s = rx.sub(full, s)
    s = _HEAD_TITLE_RE.sub("", s)
    s = _POLITBURO_RE.sub("Bộ Chính trị", s)
    s = _SPACED_DASH_RE.sub(" - ", s)
    if j and _LOCAL_BODY_RE.match(s) and fold(j) not in fold(s):
        if _PROVINCE_END_RE.search(s):
            s = f"{s} {j}"
        elif s.startswith("Sở") or s.startswith("Ban ") or s.startswith("Hội "):
            s = f"{s} tỉnh {j}"
    return s[:1].upper() + s[1:]


def _clause_at(doc: Document, offset: int):
    for c in doc.preamble:
        if c.start <= offset < c.end:
            return c
    return None


def _section_label(doc: Document, offset: int) -> str | None:
    try:
        from loaders.structure import section_label
    except ImportError:  # the skeleton parser is not there: no section
        return None
    try:
        return section_label(doc, offset)
    except Exception:
        return None


_HORIZON_RE = re.compile(r"\b(?:den|toi) nam (?:19|20)\d\d\b")


def _self_similar(doc: Document, r: _Raw, name: str | None) -> bool:
    """An unnumbered mention whose name is the document's own title (same type, same year)."""
    if not name or not doc.title or r.doc_type != doc.doc_type:
        return False
    a = name_key(name, doc_type=r.doc_type, jurisdiction=doc.jurisdiction)
    b = name_key(doc.title, doc_type=doc.doc_type, jurisdiction=doc.jurisdiction)
    pa = name_period(a)
    year = int(doc.date[:4]) if doc.date else (name_period(b)[1] if name_period(b) else None)
    if pa and (pa[0] != pa[1] or year is None or pa[0] != year):
        return False
    horizon = _HORIZON_RE
    if horizon.search(a) and not horizon.search(b) and not _YEAR_SPAN_RE.search(unify_dashes(doc.title)):
        return False  # "Kế hoạch … tỉnh Hải Dương đến năm 2025" is not the plan "… năm 2025" itself
    return fuzz.token_set_ratio(name_base(a), name_base(b)) >= 85


_PAREN_BY_RE = re.compile(_WS + r"\(" + _WS + r"(?:theo|tại|ban" + _WS1 + r"hành" + _WS1 + r"(?:kèm" + _WS1
                          + r"theo|theo|tại))?" + _WS, re.IGNORECASE)
_PAREN_AT_RE = re.compile(_WS + r"\(" + _WS + r"(?:theo|tại)?" + _WS, re.IGNORECASE)
_ISSUED_BY_RE = re.compile(r"[ \t]*(?:ban" + _WS1 + r"hành" + _WS1 + r"theo|ban" + _WS1 + r"hành" + _WS1 + r"kèm"
                           + _WS1 + r"theo)" + _WS, re.IGNORECASE)
_OF_BEFORE_PAREN_RE = re.compile(r"của" + _WS1 + r"([^()]{3,90}?)" + _WS + r"\(" + _WS + r"$")
_DIRECTED_BY_RE = re.compile(r"(?:chỉ" + _WS1 + r"đạo|đề" + _WS1 + r"nghị)" + _WS1 + r"của" + _WS1 + r"(.{3,90}?)" + _WS1
                             + r"tại" + _WS1 + r"$", re.IGNORECASE)


def extract_citations(text: str, doc: Document, *, known=None) -> tuple[CitationMention, ...]:
    """The citations of one document: mentions inside its span, with relation, section, links and ids."""
    known = _default_known() if known is None else (known or None)
    raws = _scan(text, doc.start, doc.end, known=known, as_of=doc.date)
    mt = _match_text(text)
    own = official_symbol(doc.symbol) if doc.symbol else None
    jur = doc.jurisdiction
    codes = load_issuer_codes()
    # self references by symbol or by title
    for r in raws:
        if r.skip:
            continue
        if r.symbol and own and (official_symbol(r.symbol) or "").upper() == own.upper():
            r.skip = "the document itself"
        elif not r.symbol and r.name and not r.nested and _self_similar(doc, r, r.name):
            r.skip = "the document itself (same name as its title)"
        elif r.parent is not None and raws[r.parent].skip and not r.in_self_object and not raws[r.parent].symbol \
                and raws[r.parent].skip != "created here":
            r.skip = "inside a mention that is not a citation"
        if r.nested and r.parent is not None and not raws[r.parent].skip:
            par = raws[r.parent]
            # the object proposed by a submission is the document itself
            if par.doc_type in PROPOSAL_TYPES and r.doc_type not in ("Luật", "Bộ luật") and not r.symbol \
                    and _CREATION_BEFORE_RE.search(_before_words(mt, r.start, par.subject_start or r.start).lower()):
                r.skip = "the object proposed (the document itself)"
            # regulations issued by a cited decision and named only in its subject
            elif not r.symbol and r.doc_type in ("Quy chế", "Quy định") :
                r.skip = "regulation named only in a subject"
    kept = [i for i, r in enumerate(raws) if not r.skip]
    # links between cited instruments
    for i in kept:
        r = raws[i]
        if r.parent is None or raws[r.parent].skip:
            continue
        par = raws[r.parent]
        rel_before = _before_words(mt, r.start, par.subject_start or r.start, 40).lower().strip()
        par_ref = par.symbol or (par.name if not par.symbol else None)
        if r.nested and par.subject_verb and any(rel_before.endswith(v) for v in PROMULGATING) \
                or r.nested and par.subject_verb in ("phê duyệt", "ban hành") and rel_before in ("", par.subject_verb):
            r.promulgated_in = par.symbol or None
            if not r.issuer and par.issuer:
                r.issuer = par.issuer
        if r.nested and any(rel_before.endswith(v) for v in IMPLEMENTING):
            par.implements = par.implements or _ref(r)
    # "(theo|tại Quyết định số …)" after an instrument
    for i in kept:
        r = raws[i]
        m = _PAREN_BY_RE.match(mt, r.end)
        if not m and r.subject_end:
            m = _PAREN_AT_RE.match(mt, r.subject_end)
        if not m:
            m2 = _ISSUED_BY_RE.match(mt, r.end)
            m = m2
        if not m:
            continue
        nxt = next((raws[j] for j in kept if raws[j].start == m.end()), None)
        if nxt is None or nxt is r:
            continue
        if nxt.doc_type in PROMULGATOR_TYPES and not r.symbol and r.doc_type in PROMULGATED_TYPES:
            r.promulgated_in = r.promulgated_in or nxt.symbol
            if not nxt.name and r.name and nxt.symbol:
                nxt.name, nxt.name_inferred = r.name, True
            if not r.issuer and nxt.issuer:
                r.issuer = nxt.issuer
            if not r.issuer and nxt.symbol and "TTg" in (official_symbol(nxt.symbol) or ""):
                r.issuer = "Thủ tướng Chính phủ"
        elif nxt.doc_type in PROMULGATOR_TYPES and r.symbol:
            r.implements = r.implements or nxt.symbol
        elif nxt.doc_type in ("Kế hoạch", "Chương trình") and not r.symbol:
            nxt.implements = nxt.implements or _ref(r)
    # "theo hướng dẫn của Bộ … (Công văn số …)": the issuer of the letter
    for i in kept:
        r = raws[i]
        if r.issuer:
            continue
        m = _OF_BEFORE_PAREN_RE.search(mt[max(doc.start, r.start - 100):r.start])
        if m:
            r.issuer = collapse_spaces(text[max(doc.start, r.start - 100) + m.start(1):max(doc.start, r.start - 100) + m.end(1)])
        else:
            m = _DIRECTED_BY_RE.search(mt[max(doc.start, r.start - 100):r.start])
            if m:
                r.issuer = collapse_spaces(text[max(doc.start, r.start - 100) + m.start(1):max(doc.start, r.start - 100) + m.end(1)])
            elif r.continuation:
                prev = [raws[j] for j in kept if raws[j].end <= r.start and raws[j].doc_type == r.doc_type]
                if prev and prev[-1].issuer:
                    r.issuer = prev[-1].issuer
    # a stated issuer that contradicts the code wins, unless another mention of the same
    # symbol in this document names an issuer that agrees with the code
    agrees: dict[str, bool] = {}
    for i in kept:
        r = raws[i]
        if r.symbol and r.issuer:
            k = (official_symbol(r.symbol) or r.symbol).upper()
            ok = issuer_conflict(r.symbol, standard_issuer(r.issuer, jur) or r.issuer, codes=codes) is None
            agrees[k] = agrees.get(k, False) or ok
    mentions: list[CitationMention] = []
    for i in kept:
        r = raws[i]
        m = _to_mention(text, r, raws)
        rel, why = _relation(text, mt, doc, r, raws)
        section = _section_label(doc, r.start)
        issuer = standard_issuer(r.issuer, jur)
        note = None
        if not issuer and m.symbol and (official_symbol(m.symbol) or "").endswith("TTg"):
            issuer, note = "Thủ tướng Chính phủ", "issuer inferred from the QĐ-TTg symbol"
        corrected = None
        if m.symbol and m.symbol.translate(ETH_TO_D) != m.symbol:
            corrected, note = m.symbol.translate(ETH_TO_D), "a look-alike of Đ (Ð) in the symbol read as Đ"
        if m.symbol:
            c = correct_symbol(corrected or m.symbol, codes=codes)
            if c and c.corrected and c.corrected not in (m.symbol, corrected):
                corrected, note = c.corrected, c.rule
            conflict = issuer_conflict(corrected or m.symbol, issuer or r.issuer, codes=codes)
            if conflict and conflict.corrected:
                if agrees.get((official_symbol(m.symbol) or m.symbol).upper()):
                    note = (f"the issuer written here ({r.issuer}) contradicts the code; another mention of "
                            f"{m.symbol} names an issuer that agrees with it, so the symbol is kept")
                else:
                    corrected, note = conflict.corrected, conflict.rule
            off = official_symbol(m.symbol, codes=codes)
            if not corrected and off and off != m.symbol and off.upper() != m.symbol.upper():
                corrected = off
        m = replace(m, relation=rel, section=section, issuer=issuer, symbol_corrected=corrected,
                    implements=r.implements, promulgated_in=r.promulgated_in, note=note)
        mentions.append(m)
    mentions = _same_name_within(mentions, {raws[i].start for i in kept if raws[i].name_inferred})
    # instrument ids
    ctx = MentionContext(doc.source or "", jur, doc.date)
    res = resolve_instruments([(m, ctx) for m in mentions], known=known, codes=codes)
    out = tuple(replace(m, target_id=res.ids.get((ctx.source, m.start, m.end))) for m in mentions)
    return tuple(sorted(out, key=lambda m: (m.start, m.end)))


def _ref(r: _Raw) -> str | None:
    if r.symbol:
        return r.symbol
    return r.name


_CAPS_RUN_RE = re.compile(r"[A-ZĐ]{4,}")


def _same_name_within(mentions: list[CitationMention], inferred: set[int] = frozenset()) -> list[CitationMention]:
    """Within one document the same numbered instrument gets the same (fullest) name; a name
    the text gives after the head wins over one inferred from a parenthesis."""
    best: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: m.start in inferred):
        if m.start in inferred and (official_symbol(m.symbol) or m.symbol or "").upper() in best:
            continue
        if m.symbol and m.name:
            k = (official_symbol(m.symbol) or m.symbol).upper()
            if len(m.name) > len(best.get(k, "")) and not _CAPS_RUN_RE.search(m.name):
                best[k] = m.name
    out = []
    for m in mentions:
        if m.symbol:
            k = (official_symbol(m.symbol) or m.symbol).upper()
            if k in best and (not m.name or m.name != best[k]):
                m = replace(m, name=best[k])
        out.append(m)
    return out


def _cue_before(mt: str, lo: int, pos: int) -> tuple[str, int] | None:
    """The last preamble cue that opens a line or follows ``;`` between ``lo`` and ``pos``."""
    best = None
    for m in _CUE_RE.finditer(mt, lo, pos):
        best = (_CUE_KIND[fold(m.group("cue"))], m.start("cue"))
    return best


def _governed_end(mt: str, text: str, start: int, end: int) -> int:
    """Where the part governed by a clause's cue ends: a new main clause after ``,``
    (``…, Tổng cục Thuế hướng dẫn …``) or a new sentence."""
    i = start
    while i < end:
        c = mt[i]
        if c == "," and _new_clause_after_comma(mt, text, i + 1, end):
            return i
        if c == "." and i + 2 < end and mt[i + 1] in " \n" and text[_skip_ws(mt, i + 1, end) if mt[i + 1] == " "
                                                                 else i + 2:][:1].isupper():
            return i
        i += 1
    return end


_IMPLEMENT_END_RE = re.compile(r"(?:thực" + _WS1 + r"hiện|triển" + _WS1 + r"khai)" + _WS + r"$")
_PROPOSE_RE = re.compile(r"đề" + _WS1 + r"(?:nghị|xuất)", re.IGNORECASE)
_RECEIVED_END_RE = re.compile(r"(?:đã" + _WS1 + r")?nhận(?:" + _WS1 + r"được)?" + _WS + r"$")


def _relation(text: str, mt: str, doc: Document, r: _Raw, raws: list[_Raw]) -> tuple[str, str]:
    """The relation of a mention and the reason: title, the governing preamble clause, or ``cites``."""
    if doc.title_span and doc.title_span[0] <= r.start < doc.title_span[1]:
        # "Kế hoạch thực hiện X", "V/v triển khai X": carried out; "V/v sử dụng … của Dự án X": only named
        if _IMPLEMENTING_IN_RE.search(mt, doc.title_span[0], r.start):
            return "implements", "named in the document's title"
        return "cites", "named in the document's title without an implementing verb"
    in_pre = doc.body_start is None or r.start < doc.body_start
    first_section = doc.sections[0].start if doc.sections else None
    if not in_pre or (first_section is not None and r.start >= first_section):
        if _under_legal_basis_heading(doc.sections, r.start):
            return "based_on", "listed under a legal-basis heading (CĂN CỨ …)"
        return "cites", "body"
    # the object of the issuer's own "ban hành Kế hoạch (triển khai) thực hiện X": X is carried out
    if r.in_self_object and _IMPLEMENT_END_RE.search(r.before):
        return "implements", "object of the document's own plan (… Kế hoạch thực hiện X)"
    clause = _clause_at(doc, r.start)
    lo = clause.start if clause else max(doc.start, (doc.title_span[1] if doc.title_span else doc.start))
    kind = CLAUSE_RELATION.get(clause.kind, "cites") if clause else "cites"
    cue_start = clause.start if clause else lo
    found = _cue_before(mt, lo, r.start)
    if found and (clause is None or clause.kind == "other" or found[1] > clause.start):
        kind = {"based_on": "based_on", "implements": "implements", "proposed_by": "proposed_by",
                "other": "cites"}[found[0]]
        cue_start = found[1]
    if kind != "cites" and r.start > _governed_end(mt, text, cue_start, r.start):
        return "cites", "after the governed phrase"
    if kind == "proposed_by":
        top = r
        while top.parent is not None and top.nested:
            top = raws[top.parent]
        if top.doc_type not in PROPOSAL_TYPES or top.doc_type == "Báo cáo":
            if top.doc_type == "Báo cáo" or not _PROPOSE_RE.search(mt[cue_start:r.start]):
                return "cites", "a document reviewed, not the submission"
        return "proposed_by", "proposal clause"
    received = kind == "attaches" or kind == "cites" and (
        bool(_RECEIVED_END_RE.search(r.before))
        or clause is not None and clause.kind == "received")
    if received:
        if _sentence_says_attached(mt, r.end):
            return "attaches", "received and forwarded"
        return "cites", "received and answered, not forwarded"
    return kind, "preamble clause"


_IMPLEMENTING_IN_RE = re.compile(r"(?<![" + _L + r"])(?:thực" + _WS + r"hiện|triển" + _WS + r"khai|thi" + _WS1 + r"hành)"
                                 r"(?![" + _L + r"])", re.IGNORECASE)


_SENTENCE_END_RE = re.compile(r"\.(?=[ \t]*\n|[ \t]+[A-ZĐÀ-Ỹ])|\n[ \t]*\n")


def _sentence_says_attached(mt: str, pos: int) -> bool:
    """The rest of the sentence says the document travels with the letter (``(đính kèm văn bản)``)."""
    m = _SENTENCE_END_RE.search(mt, pos, pos + 500)
    rest = fold(mt[pos:m.start() if m else pos + 500])
    return any(fold(c) in rest for c in ATTACHMENT_CUES)


def _under_legal_basis_heading(sections, offset: int) -> bool:
    """Whether ``offset`` lies in a section (or under one) headed ``CĂN CỨ …`` / ``Cơ sở pháp lý``."""
    for s in sections:
        if s.start <= offset < max(s.end, s.start + 1):
            h = fold(s.heading or "")
            # a numbered heading ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH"), not a bullet sentence ("+ Căn cứ vào chức năng …")
            if s.style in ("roman", "arabic") and len(h) <= 80 and h.startswith(LEGAL_BASIS_HEADINGS) \
                    and not h.startswith("can cu vao"):
                return True
            return _under_legal_basis_heading(s.children, offset)
    return False


#: Preamble cues (at a line start, after ";" or a bullet) → clause kind.
PREAMBLE_CUES = (("căn cứ", "based_on"), ("để triển khai thực hiện", "implements"), ("để triển khai", "implements"),
                 ("triển khai thực hiện", "implements"), ("thực hiện", "implements"), ("triển khai", "implements"),
                 ("tiếp tục thực hiện", "implements"), ("theo đề nghị", "proposed_by"),
                 ("xét đề nghị", "proposed_by"), ("trên cơ sở đề nghị", "proposed_by"),
                 ("trên cơ sở đề xuất", "proposed_by"), ("xét tờ trình", "proposed_by"), ("xét", "other"))
_CUE_KIND = {fold(c): k for c, k in PREAMBLE_CUES}
_CUE_RE = re.compile(r"(?:^|(?<=[\n;]))[ \t]*(?:[-+•*][ \t]*)?(?P<cue>" + "|".join(
    _words_re(c) for c, _ in sorted(PREAMBLE_CUES, key=lambda x: -len(x[0]))) + r")(?![" + _L + r"])",
    re.IGNORECASE | re.MULTILINE)
