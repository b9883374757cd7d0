"""The table of well-known instruments (loaders/data/instruments.csv) and loaders.known."""
from __future__ import annotations

import csv
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmodel.errors import AliasFileError
from graphmodel.normalize import TONE_MARK_PAIRS, normalize_symbol, parse_date, symbol_key
from loaders.known import (
    COLUMNS,
    DATA_PATH,
    KnownIndex,
    KnownInstrument,
    load_known,
    name_key,
    normalize_with_offsets,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CANCU_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="module")
def raw_rows() -> list[dict[str, str]]:
    text = DATA_PATH.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text), "instruments.csv must be NFC"
    reader = csv.DictReader(text.splitlines())
    assert tuple(reader.fieldnames) == COLUMNS
    return list(reader)


@pytest.fixture(scope="module")
def index() -> KnownIndex:
    return KnownIndex.load()


def _by(index: KnownIndex, symbol: str | None = None, name: str | None = None) -> KnownInstrument:
    if symbol:
        inst = index.by_symbol(symbol)
    else:
        inst = next((r for r in index if r.name == name), None)
    assert inst is not None, symbol or name
    return inst


# --- the table itself -------------------------------------------------------------


def test_table_has_at_least_45_rows_each_with_a_source(raw_rows):
    assert len(raw_rows) >= 45
    missing = [r["name"] for r in raw_rows if not r["source"].strip()]
    assert missing == []


def test_symbols_are_normalised_and_unique(raw_rows):
    symbols = [r["symbol"] for r in raw_rows if r["symbol"]]
    assert [s for s in symbols if normalize_symbol(s) != s] == []
    keys = [symbol_key(s) for s in symbols]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_names_and_short_names_are_unique(raw_rows):
    owners: dict[str, str] = {}
    clashes = []
    for r in raw_rows:
        for form in [r["name"], *filter(None, r["short_names"].split("|"))]:
            prev = owners.setdefault(name_key(form), r["name"])
            if prev != r["name"]:
                clashes.append((form, prev, r["name"]))
    assert clashes == []


def test_cells_are_well_formed(raw_rows):
    allowed_types = {
        "Hiến pháp", "Luật", "Bộ luật", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Thông tư",
        "Thông tư liên tịch", "Thông báo", "Chiến lược", "Chương trình", "Đề án", "Kế hoạch", "Công ước",
    }
    symbols = {symbol_key(r["symbol"]) for r in raw_rows if r["symbol"]}
    for r in raw_rows:
        assert r["doc_type"] in allowed_types, r
        assert r["name"] and r["name"] == " ".join(r["name"].split()), r
        if r["date"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) and parse_date(
                "/".join(reversed(r["date"].split("-")))) == r["date"], r
        if r["promulgated_in"]:
            assert symbol_key(r["promulgated_in"]) in symbols, r  # the approving decision is a row too
        # national instruments only: no provincial People's Committee / Party committee symbols
        assert not re.search(r"(UBND|HĐND|/TU|-TU)$", r["symbol"]), r


def test_every_cited_text_line_says_what_the_row_says(raw_rows, index):
    """Each ``corpus/…:N`` or ``webdocs/docs/…:N`` in a source names the row there.

    The cited line (with the three next, for wrapped text) must contain the symbol,
    the date, a name, the title (the name without its type word) or the issuer of the row.
    """
    assert SHARED.is_dir(), f"the shared folder (corpus, webdocs) is expected at {SHARED}; set CANCU_SHARED"
    bad = []
    for r in raw_rows:
        inst = _by(index, symbol=r["symbol"]) if r["symbol"] else _by(index, name=r["name"])
        for rel, line in re.findall(r"((?:corpus|webdocs/docs)/[\w.]+):(\d+)", r["source"]):
            lines = (SHARED / rel).read_text(encoding="utf-8").splitlines()
            window = "\n".join(lines[int(line) - 1 : int(line) + 3])
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFC", window))
            has_symbol = bool(r["symbol"]) and symbol_key(r["symbol"]).split("/")[0] + "/" in flat.upper()
            has_date = bool(r["date"]) and any(
                parse_date(m.group()) == r["date"]
                for m in re.finditer(r"\d{1,2}\s*(?:tháng|[/.\-])\s*\d{1,2}\s*(?:năm|[/.\-])\s*\d{4}", window)
            )
            window_key = name_key(window)
            has_name = any(found is inst for _, _, found in index.find_names(window)) or any(
                name_key(form) in window_key for form in (*inst.forms, *inst.base_forms)
            )
            # a title line does not repeat the type word: "Về Ngày Gia đình Việt Nam" (w008)
            title = re.sub(rf"^{re.escape(r['doc_type'])}\s+(?:về\s+)?", "", r["name"])
            has_title = len(title.split()) >= 3 and name_key(title) in window_key
            has_issuer = bool(r["issuer"]) and name_key(r["issuer"]) in window_key
            if not (has_symbol or has_date or has_name or has_title or has_issuer):
                bad.append(f"{r['name']} ← {rel}:{line}")
    assert bad == []


def test_the_chiến_lược_2021_2030_is_issued_by_28_nq_cp(index):
    strategy = index.by_name("Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030")
    assert strategy is not None and strategy.promulgated_in == "28/NQ-CP"
    decree = index.by_symbol(strategy.promulgated_in)
    assert decree is not None and (decree.doc_type, decree.issuer, decree.date) == ("Nghị quyết", "Chính phủ", "2021-03-03")


@pytest.mark.parametrize(
    "written, symbol",
    [
        ("73/2006/QH11", "73/2006/QH11"),
        ("1696/qđ-ttg", "1696/QĐ-TTg"),  # case differs
        ("11- NQ/TW", "11-NQ/TW"),  # 000:97 writes the Party symbol with a space
        ("2232 /QĐ–TTg", "2232/QĐ-TTg"),  # spacing and an en dash
    ],
)
def test_by_symbol(index, written, symbol):
    inst = index.by_symbol(written)
    assert inst is not None and inst.symbol == symbol


def test_by_symbol_unknown_or_empty(index):
    assert index.by_symbol("742/QĐ-UBND") is None  # provincial: not in the table
    assert index.by_symbol("") is None and index.by_symbol(None) is None


# --- find_names: real variants ---------------------------------------------------------

CASES = [
    # (text as written, expected span text, symbol or name of the row)
    # corpus/000_bcbe13d3ae9e91e1.txt:173
    ("pháp luật về bình đẳng giới và vì sự tiến bộ của phụ nữ như Luật Bình đẳng giới, Luật Hôn nhân và Gia đình,...",
     "Luật Bình đẳng giới", "73/2006/QH11"),
    # corpus/000_bcbe13d3ae9e91e1.txt:187 (lower case)
    ("phòng, chống tội phạm buôn bán người, vi phạm luật bình đẳng giới và phòng, chống bạo lực gia đình",
     "luật bình đẳng giới", "73/2006/QH11"),
    # corpus/000_bcbe13d3ae9e91e1.txt:173 (Luật Hôn nhân và Gia đình → the 2014 law, the only version in the table)
    ("như Luật Bình đẳng giới, Luật Hôn nhân và Gia đình,...", "Luật Hôn nhân và Gia đình", "52/2014/QH13"),
    # corpus/003_73b392c2e95c4b1e.txt:92
    ("c) Tiếp tục tuyên truyền và triển khai thực hiện những nội dung mới về bình đẳng giới trong Bộ luật Lao động năm 2019",
     "Bộ luật Lao động năm 2019", "45/2019/QH14"),
    # corpus/000_bcbe13d3ae9e91e1.txt:63 (footnote mark glued to the year)
    ("những nội dung mới về bình đẳng giới trong Bộ luật Lao động năm 2019¹ bằng các hình thức phù hợp",
     "Bộ luật Lao động năm 2019", "45/2019/QH14"),
    # corpus/004_91c3c8c0567112e0.txt:59 (en dash)
    ("Chỉ thị số 21-CT/TW ngày 20/01/2018 của Ban Bí thư; Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 – 2030; Chương",
     "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 – 2030", "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030"),
    # corpus/001_84b802e7cf5363ef.txt:8
    ("Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030",
     "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030", "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030"),
    # corpus/004_91c3c8c0567112e0.txt:13 (the strategy "trên địa bàn tỉnh")
    ("tạo bước chuyển mạnh mẽ để thực hiện Chiến lược quốc gia về bình đẳng giới trên địa bàn tỉnh giai đoạn 2021 - 2030",
     "Chiến lược quốc gia về bình đẳng giới trên địa bàn tỉnh giai đoạn 2021 - 2030",
     "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030"),
    # corpus/000_bcbe13d3ae9e91e1.txt:7 (en dash, the earlier strategy)
    ("Năm 2020 là năm cuối thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2011 – 2020 và các Chương trình",
     "Chiến lược quốc gia về bình đẳng giới giai đoạn 2011 – 2020", "Chiến lược quốc gia về bình đẳng giới giai đoạn 2011-2020"),
    # corpus/003_73b392c2e95c4b1e.txt:66
    ("Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030, Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025 và",
     "Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025",
     "Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025"),
    # corpus/004_91c3c8c0567112e0.txt:31 ("phòng ngừa và ứng phó", spaced dash)
    ("Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025, tuyên truyền",
     "Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025",
     "Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025"),
    # corpus/000_bcbe13d3ae9e91e1.txt:89 (a quoted Đề án: the closing quotation mark is taken in)
    ("- Tổ chức Hội nghị sơ kết 5 năm thực hiện Đề án “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2016 – 2020 và tầm nhìn đến năm 2030” trên địa bàn tỉnh",
     "Đề án “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2016 – 2020 và tầm nhìn đến năm 2030”",
     "Đề án Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2016-2020 và tầm nhìn đến năm 2030"),
    # corpus/003_73b392c2e95c4b1e.txt:62
    ("năm đầu tiên thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Chiến lược phát triển kinh tế - xã hội giai đoạn 2021-2030.",
     "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
    # corpus/003_73b392c2e95c4b1e.txt:76, written in the old tone style that 003:74 uses ("khoá XV")
    ("- Tiếp tục thực hiện Kế hoạch truyền thông thúc đẩy bình đẳng giới trong lĩnh vực chính trị hướng tới bầu cử Đại hội đảng bộ các cấp và bầu cử đại biểu Quốc hội khoá XV, Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026, đặc biệt",
     "Kế hoạch truyền thông thúc đẩy bình đẳng giới trong lĩnh vực chính trị hướng tới bầu cử Đại hội đảng bộ các cấp và bầu cử đại biểu Quốc hội khoá XV, Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026",
     "Kế hoạch truyền thông thúc đẩy bình đẳng giới trong lĩnh vực chính trị hướng tới bầu cử Đại hội đảng bộ các cấp và bầu cử đại biểu Quốc hội khóa XV, Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026"),
    # webdocs/docs/w005.txt:17 (old tone marks "hoà", and 'chủ nghĩa' missing as written)
    ("- Căn cứ điều 125 Hiến pháp Nước Cộng hoà Xã hội Việt Nam năm 1992.",
     "Hiến pháp Nước Cộng hoà Xã hội Việt Nam năm 1992", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992"),
    # webdocs/docs/w002.txt:23 (a name broken over two lines; the date is left to the caller)
    ("Căn cứ Luật Tổ chức chính quyền địa\nphương ngày 19/6/2015;", "Luật Tổ chức chính quyền địa\nphương", "77/2015/QH13"),
    # webdocs/docs/w002.txt:25 (the longest name wins over the two laws named inside it)
    ("Căn cứ Luật Sửa đổi, bổ sung một số điều\ncủa Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày\n22/11/2019;",
     "Luật Sửa đổi, bổ sung một số điều\ncủa Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương", "47/2019/QH14"),
    # webdocs/docs/w003.txt:17 (line break after the type word)
    ("Căn cứ Luật\nBình đẳng giới ngày 29 tháng 11 năm 2006;", "Luật\nBình đẳng giới", "73/2006/QH11"),
    # webdocs/docs/w012.txt:15 (lower-case name with its year)
    ("Căn cứ Điều 11 Luật trẻ em năm 2016, Bộ Lao động", "Luật trẻ em năm 2016", "102/2016/QH13"),
    # webdocs/docs/w020.txt:24 (comma left out of "Cán bộ, công chức")
    ("Căn cứ Luật Cán bộ công chức ngày 13.11.2008;", "Luật Cán bộ công chức", "22/2008/QH12"),
    # webdocs/docs/w007.txt:25 (name broken over four lines)
    ("phê duyệt chủ trương đầu tư Chương trình mục tiêu quốc gia phát\ntriển kinh tế - xã hội\nvùng đồng bào dân tộc thiểu số và miền\nnúi giai đoạn 2021-2030;",
     "Chương trình mục tiêu quốc gia phát\ntriển kinh tế - xã hội\nvùng đồng bào dân tộc thiểu số và miền\nnúi giai đoạn 2021-2030",
     "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030"),
    # versions chosen by the date written after the name
    # webdocs/docs/w005.txt:19
    ("- Căn cứ Luật tổ chức HĐND và UBND ngày 21 - 6 - 1994.", "Luật tổ chức HĐND và UBND",
     "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân năm 1994"),
    # webdocs/docs/w025.txt:21
    ("Căn cứ Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/ 2003;",
     "Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân", "11/2003/QH11"),
    # webdocs/docs/w004.txt:20 (OCR slip "Tổ chc")
    ("Căn cứ Luật Tổ chc Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
     "Luật Tổ chc Hội đồng nhân dân và Ủy ban nhân dân", "11/2003/QH11"),
    # webdocs/docs/w008.txt:16 (words run together, "ban hành ngày")
    ("Căn cứ Luật Tổ chứcChính phủ ban hành ngày 30 tháng 9 năm 1992;", "Luật Tổ chứcChính phủ", "Luật Tổ chức Chính phủ năm 1992"),
    # webdocs/docs/w016.txt:5
    ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", "Luật Tổ chức Chính phủ", "Luật Tổ chức Chính phủ năm 2025"),
    # webdocs/docs/w021.txt:4 (symbol after the name)
    ("Căn cứ quy định tại Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019, Nghị định", "Luật Quản lý thuế", "38/2019/QH14"),
    # webdocs/docs/w024.txt:9 (two versions of Luật Xây dựng in the table)
    ("Căn cứ Luật xây dựng ngày 18 tháng 6 năm 2014;", "Luật xây dựng", "Luật Xây dựng năm 2014"),
]


@pytest.mark.parametrize("text, span, expected", CASES, ids=[c[1][:40] for c in CASES])
def test_find_names_real_variants(index, text, span, expected):
    found = index.find_names(text)
    hits = [(text[s:e], inst) for s, e, inst in found]
    assert any(t == span for t, _ in hits), hits
    inst = next(i for t, i in hits if t == span)
    assert expected in (inst.symbol, inst.name)


def test_find_names_offsets_point_into_the_original_text(index):
    # corpus/004_91c3c8c0567112e0.txt:31, with a decomposed (NFD) accent in front of the name
    text = unicodedata.normalize("NFD", "Tăng cường ") + (
        "tuyên truyền về Luật Bình đẳng giới, Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030")
    found = index.find_names(text)
    assert [text[s:e] for s, e, _ in found] == [
        "Luật Bình đẳng giới", "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030"]


def test_a_bare_versioned_name_needs_a_year_or_as_of(index):
    # corpus/004_91c3c8c0567112e0.txt:39 — a 2022 plan writes just "Bộ Luật Lao động"
    text = "những nội dung mới về bình đẳng giới trong Bộ Luật Lao động bằng nhiều hình thức phù hợp"
    scan = index.scan(text)
    assert scan.found == ()
    assert [d.text for d in scan.dropped] == ["Bộ Luật Lao động"]
    assert "several versions" in scan.dropped[0].reason
    [(s, e, inst)] = index.find_names(text, as_of="2022")
    assert text[s:e] == "Bộ Luật Lao động" and inst.symbol == "45/2019/QH14"
    [(_, _, inst)] = index.find_names(text, as_of="2015-01-01")
    assert inst.symbol == "10/2012/QH13"


def test_as_of_rejects_a_law_passed_after_the_document(index):
    # webdocs/docs/w022.txt:7 — a plan of 2018-04-09 citing "Luật quản lý thuế": not the 2019 law
    text = "Tăng cường quản lý các hộ kinh doanh theo quy định của Luật quản lý thuế."
    assert index.find_names(text, as_of="2018-04-09") == []
    assert index.scan(text, as_of="2018-04-09").dropped[0].reason.startswith("every candidate is later")
    [(_, _, inst)] = index.find_names(text, as_of="2022-05-23")  # webdocs/docs/w021.txt, 2022
    assert inst.symbol == "38/2019/QH14"


def test_a_year_that_fits_no_version_drops_the_mention(index):
    # webdocs/docs/w019.txt:4 names the 2003 law; a year of no known version is not forced onto one
    text = "Căn cứ Luật Tổ chức HĐND và UBND ngày 26 tháng 11 năm 1999;"
    scan = index.scan(text)
    assert scan.found == () and "1999" in scan.dropped[0].reason


def test_word_boundaries_are_respected(index):
    # a name glued to a following letter is another word, not a mention
    assert index.find_names("Luật Bình đẳng giớitính") == []
    assert index.find_names("XLuật Bình đẳng giới") == []


def test_by_name_whole_names(index):
    assert index.by_name("luật  bình đẳng giới").symbol == "73/2006/QH11"
    assert index.by_name("Bộ luật Lao động năm 2019").symbol == "45/2019/QH14"
    assert index.by_name("Bộ luật Lao động") is None  # three versions
    assert index.by_name("Bộ luật Lao động", as_of="2021-06-01").symbol == "45/2019/QH14"
    assert index.by_name("Kế hoạch hành động bình đẳng giới tỉnh Gia Lai giai đoạn 2016-2020") is None


# --- find_names: properties ----------------------------------------------------------------

_OLD_STYLE = {new: old for old, new in TONE_MARK_PAIRS}
_OLD_STYLE.update({new.capitalize(): old.capitalize() for old, new in TONE_MARK_PAIRS})
_OLD_RE = re.compile("|".join(map(re.escape, sorted(_OLD_STYLE, key=len, reverse=True))))
_ALL_FORMS = sorted(
    (form, inst.name)
    for inst in KnownIndex.load()
    for form in inst.forms
)


@st.composite
def written_variants(draw):
    form, name = draw(st.sampled_from(_ALL_FORMS))
    words = re.split(r"(\s+)", form)
    out = []
    for w in words:
        if w.isspace():
            out.append(draw(st.sampled_from([" ", "  ", "\n", " \n"])))
            continue
        if draw(st.booleans()):
            w = _OLD_RE.sub(lambda m: _OLD_STYLE[m.group()], w)
        w = draw(st.sampled_from([w, w.lower(), w.upper(), w.capitalize()]))
        w = w.replace("-", draw(st.sampled_from(["-", "\u2013", "\u2014"])))
        out.append(w)
    return "".join(out), name


@settings(max_examples=300, deadline=None)
@given(written_variants(), st.sampled_from(["Căn cứ ", "- ", "theo ", "("]), st.sampled_from([";", ".", ", và", ")"]))
def test_any_spelling_of_a_name_is_found_with_exact_offsets(index, variant, prefix, suffix):
    written, name = variant
    text = prefix + written + suffix
    found = [(s, e, inst) for s, e, inst in index.find_names(text) if inst.name == name]
    assert found, (text, name)
    s, e, _ = found[0]
    assert (s, e) == (len(prefix), len(prefix) + len(written))


@given(st.text(alphabet=st.sampled_from("aăâbcdđeêoôơuưyAĂÂĐOÔƠ \n-–'\"“”,á\u0301\u0300hòÒỦủ¹"), max_size=60))
def test_normalize_with_offsets_maps_back_inside_the_text(text):
    norm, starts, ends = normalize_with_offsets(text)
    assert len(norm) == len(starts) == len(ends)
    for i in range(len(norm)):
        assert 0 <= starts[i] < ends[i] <= len(text)
        assert i == 0 or starts[i] >= starts[i - 1]


# --- user files ----------------------------------------------------------------------------

def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_csv_overrides_a_row_by_symbol_and_adds_a_row(tmp_path):
    user = _write(tmp_path / "mine.csv", (
        "symbol,doc_type,date,issuer,name,short_names,promulgated_in,source\n"
        "73/2006/QH11,Luật,2006-11-29,Quốc hội,Luật Bình đẳng giới,Luật BĐG|Luật Bình đẳng giới năm 2006,,my notes\n"
        ",Kế hoạch,,Ủy ban nhân dân tỉnh Gia Lai,Kế hoạch hành động bình đẳng giới tỉnh Gia Lai giai đoạn 2016-2020,,742/QĐ-UBND,\n"
    ))
    packaged = load_known()
    rows = load_known(extra=[user])
    assert len(rows) == len(packaged) + 1
    index = KnownIndex(rows)
    bdg = index.by_symbol("73/2006/QH11")
    assert bdg.short_names == ("Luật BĐG", "Luật Bình đẳng giới năm 2006") and bdg.source == "my notes"
    # the override keeps its place in the table
    assert [r.name for r in rows].index("Luật Bình đẳng giới") == [r.name for r in packaged].index("Luật Bình đẳng giới")
    plan = index.by_name("Kế hoạch hành động bình đẳng giới tỉnh Gia Lai giai đoạn 2016-2020")
    assert plan.promulgated_in == "742/QĐ-UBND"
    assert plan.source == f"{user}:3"  # a user row without a source points at itself
    # corpus/000_bcbe13d3ae9e91e1.txt:11
    text = "Căn cứ Quyết định số 742/QĐ-UBND của UBND tỉnh ngày 07/10/2016 về việc ban hành Kế hoạch hành động bình đẳng giới tỉnh Gia Lai giai đoạn 2016-2020;"
    assert [inst for _, _, inst in index.find_names(text)] == [plan]
    short = "theo Luật BĐG."
    assert [(short[s:e], inst) for s, e, inst in index.find_names(short)] == [("Luật BĐG", bdg)]


def test_user_yaml_overrides_by_name_and_adds(tmp_path):
    user = _write(tmp_path / "mine.yaml", (
        "- name: Luật bình đẳng giới\n"
        "  symbol: 73/2006/QH11\n"
        "  short_names: [Luật BĐG]\n"
        "- name: Chương trình hành động quốc gia về bình đẳng giới giai đoạn 2016-2020\n"
        "  doc_type: Chương trình\n"
        "  short_names: Chương trình hành động quốc gia về BĐG giai đoạn 2016-2020\n"
        "- name: Luật Bảo hiểm xã hội năm 2014\n"
        "  doc_type: Luật\n"
        "  date: 2014-11-20\n"
    ))
    index = KnownIndex.load(extra=user)
    assert index.by_symbol("73/2006/QH11").name == "Luật bình đẳng giới"
    prog = index.by_name("Chương trình hành động quốc gia về BĐG giai đoạn 2016-2020")
    assert prog is not None and prog.promulgated_in is None  # replaced whole, as the user wrote it
    assert prog.source == f"{user}:4"
    assert sum(1 for r in index if name_key(r.name) == name_key(prog.name)) == 1
    ins = index.by_name("Luật Bảo hiểm xã hội", as_of="2020")
    assert ins is not None and ins.date == "2014-11-20"


@pytest.mark.parametrize(
    "filename, content, expected",
    [
        ("bad_date.csv", "name,date\nLuật Trẻ em,05/04/2016\n", r"bad_date\.csv:2: date '05/04/2016' .*YYYY-MM-DD"),
        ("no_name.csv", "symbol,date\n102/2016/QH13,2016-04-05\n", r"no_name\.csv:1: .*'name' column"),
        ("empty_name.csv", "symbol,name\n102/2016/QH13,\n", r"empty_name\.csv:2: the row has no name"),
        ("typo.csv", "name,isuer\nLuật Trẻ em,Quốc hội\n", r"typo\.csv:2: unknown column\(s\) 'isuer'; use only"),
        ("extra_cells.csv", "name,issuer\nLuật Trẻ em,Quốc hội,thêm\n", r"extra_cells\.csv:2: more cells than columns"),
        ("clash.csv", "name,short_names\nLuật Trẻ em sửa đổi,Luật Bình đẳng giới\n",
         r"clash\.csv:2: the name 'Luật Bình đẳng giới' is already a name of 'Luật Bình đẳng giới'"),
        ("twice.csv", "name\nLuật Trẻ em mới\nluật trẻ em  mới\n", r"twice\.csv:3: describes the same instrument as .*twice\.csv:2"),
        ("not_list.yaml", "name: Luật Trẻ em\n", r"not_list\.yaml:1: expected a list of instruments"),
        ("broken.yaml", "- name: Luật Trẻ em\n  short_names: [a, b\n- name: x\n", r"broken\.yaml:\d+: not valid YAML"),
        ("scalar_item.yaml", "- Luật Trẻ em\n", r"scalar_item\.yaml:1: each item must be a mapping"),
        ("latin1.csv", None, r"latin1\.csv:2: not UTF-8 text"),
    ],
)
def test_malformed_user_files_raise_alias_file_error(tmp_path, filename, content, expected):
    path = tmp_path / filename
    if content is None:
        path.write_bytes("name\nLuật Trẻ em\n".encode("cp1258", errors="replace").replace(b"Tr", b"Tr\xff"))
    else:
        _write(path, content)
    with pytest.raises(AliasFileError, match=expected):
        load_known(extra=[path])


def test_missing_user_file(tmp_path):
    with pytest.raises(AliasFileError, match=r"nowhere\.csv: no such file"):
        load_known(extra=tmp_path / "nowhere.csv")
