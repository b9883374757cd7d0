"""The document skeleton: a case table of real header variants, and the corpus against gold."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.structure import parse_document, parse_preamble, parse_sections, section_label, standard_agency_name
from tests.conftest import corpus_files, gold_for

# (file the variant comes from, header text, expected fields)
HEADER_CASES = [
    ("003 doc 1: parent / unit on two lines",
     "UBND TỈNH KIÊN GIANG\nVĂN PHÒNG\n\nSố: 1152/VP-KGVX\n\nV/v triển khai thực hiện công tác bình\nđẳng giới năm 2021.\n\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKiên Giang, ngày 25 tháng 02 năm 2021\n",
     dict(symbol="1152/VP-KGVX", date="2021-02-25", place="Kiên Giang", doc_type="Công văn",
          issuer="Văn phòng Ủy ban nhân dân tỉnh Kiên Giang", jurisdiction="Kiên Giang",
          title="triển khai thực hiện công tác bình đẳng giới năm 2021")),
    ("003 doc 2: ministry name wrapped inside Markdown bold",
     "**BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI**\n\nSố: 356/LĐTBXH-BĐG\nV/v hướng dẫn triển khai công tác\nbình đẳng giới năm 2021\n\n"
     "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**\n\nHà Nội, ngày 19 tháng 02 năm 2021\n",
     dict(symbol="356/LĐTBXH-BĐG", date="2021-02-19", place="Hà Nội", issuer="Bộ Lao động - Thương binh và Xã hội",
          jurisdiction="national", doc_type="Công văn")),
    ("002: spaced symbol", "\n\nSố: 56 /BVSTBPN\n\nBình Định, ngày 18 tháng 4 năm 2017\n",
     dict(symbol="56/BVSTBPN", date="2017-04-18", place="Bình Định")),
    ("001: unnumbered draft with a blank date", "\n\nSố: /KH-SNV\n\nBình Định, ngày tháng năm 2022\n\nKẾ HOẠCH\nThực hiện Chiến lược\n",
     dict(symbol=None, symbol_as_written="/KH-SNV", date=None, date_as_written="ngày tháng năm 2022",
          doc_type="Kế hoạch", title="Thực hiện Chiến lược")),
    ("w001: header table flattened into | cells",
     "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 533/KH-UBND |\nAn Giang, ngày 23 tháng 8 năm 2018 |\nKẾ HOẠCH\n"
     "TIẾP TỤC ĐẨY MẠNH CÔNG TÁC PHỤ NỮ TRÊN ĐỊA BÀN TỈNH AN GIANG\n",
     dict(symbol="533/KH-UBND", date="2018-08-23", place="An Giang", doc_type="Kế hoạch",
          issuer="Ủy ban nhân dân tỉnh An Giang", jurisdiction="An Giang")),
    ("w003: symbol with a space after the slash, motto split",
     "BỘ TƯ PHÁP\n--------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố: 4155QĐ/ BTP\n|\nHà Nội, ngày 26 tháng 10 năm 2011\n|\nQUYẾT ĐỊNH\n",
     dict(symbol="4155QĐ/BTP", issuer="Bộ Tư pháp", doc_type="Quyết định", jurisdiction="national")),
    ("w010: date wrapped over two lines",
     "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n-------\n|\nSố: 98/KH-UBND\n|\nCà Mau, ngày 13\ntháng 7 năm 2021\n|\nKẾ HOẠCH\n",
     dict(date="2021-07-13", place="Cà Mau", issuer="Ủy ban nhân dân tỉnh Cà Mau")),
    ("w014: symbol on the line after Số:, old tone mark Uỷ, name cut after NHÂN",
     "UỶ BAN NHÂN\nDÂN\nTỈNH BẾN TRE\n--------\n|\nSố:\n1312/KH-UBND\n|\nBến Tre, ngày\n28 tháng 3 năm 2013\n",
     dict(symbol="1312/KH-UBND", date="2013-03-28", place="Bến Tre", issuer="Ủy ban nhân dân tỉnh Bến Tre")),
    ("w023: place wrapped (Tam / Kỳ), a city, not the province",
     "ỦY\nBAN NHÂN DÂN\nTỈNH QUẢNG NAM\n--------\n|\nSố:\n14/2007/QĐ-UBND\n|\nTam\nKỳ, ngày 19 tháng 6 năm 2007\n",
     dict(place="Tam Kỳ", issuer="Ủy ban nhân dân tỉnh Quảng Nam", jurisdiction="Quảng Nam", doc_type="Quyết định")),
    ("w006: blank line inside the agency block, conversion artefact before Số",
     "ỦY BAN NHÂN DÂN\n\nTHÀNH PHỐ HỒ CHÍ MINH\n\nstraight connector 2Số: 1551 /UBND-VX\n\nVề việc thực hiện\n",
     dict(symbol="1551/UBND-VX", issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh", doc_type="Công văn")),
    ("w005: motto before the place line; kind with its issuer (QUYẾT ĐỊNH CỦA ...)",
     "UBND TỈNH VĨNH PHÚC\nSố: 1793/1998/QĐ-UB\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Vĩnh Phúc, ngày 15 tháng 7 năm 1998\n\nQUYẾT ĐỊNH CỦA UBND TỈNH VĨNH PHÚC\n",
     dict(symbol="1793/1998/QĐ-UB", place="Vĩnh Phúc", date="1998-07-15", issuer="Ủy ban nhân dân tỉnh Vĩnh Phúc")),
    ("w016: no kind line: the kind comes from the symbol's type code",
     "THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 1137/QĐ-TTg | Hà Nội, ngày 13 tháng 6 năm 2025 |\n",
     dict(doc_type="Quyết định", issuer="Thủ tướng Chính phủ", jurisdiction="national", date="2025-06-13")),
    ("heldout h006: agency and motto on one line (a district), Số and the place on one line",
     "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc\n\n\n"
     "Số: 476/UBND Châu Thành, ngày 14 tháng 6 năm 2017\n\nV/v hưởng ứng ngày ASEAN phòng, chống sốt xuất huyết\n",
     dict(symbol="476/UBND", date="2017-06-14", place="Châu Thành", issuer="Ủy ban nhân dân huyện Châu Thành",
          doc_type="Công văn")),
    ("heldout h013: a centrally-run city is a thành phố, not a tỉnh",
     "HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 20/NQ-HĐND | Hà Nội, ngày 08 tháng 12 năm 2020 |\n"
     "VỀ DỰ TOÁN NGÂN SÁCH ĐỊA PHƯƠNG\nHỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\n",
     dict(doc_type="Nghị quyết", issuer="Hội đồng nhân dân thành phố Hà Nội", jurisdiction="Hà Nội")),
    ("heldout h015: a city's People's Committee, header cells ending in |",
     "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 30/2012/QĐ-UBND |\nCần Thơ, ngày 26 tháng 12 năm 2012 |\n"
     "VỀ VIỆC QUY ĐỊNH MỨC GIÁ CÁC LOẠI ĐẤT NĂM 2013 TRÊN ĐỊA BÀN THÀNH PHỐ CẦN THƠ\n",
     dict(doc_type="Quyết định", issuer="Ủy ban nhân dân thành phố Cần Thơ", place="Cần Thơ")),
    ("heldout h017: a ministry's name with lost letters (TH THAO)",
     "BỘ VĂN HÓA, TH THAO\nVÀ DU LỊCH\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
     "Số: 5324/BVHTTDL-DSVH\nV/v tổ chức Lễ công bố quyết định\n\nHà Nội, ngày 29 tháng 12 năm 2015\n",
     dict(issuer="Bộ Văn hóa, Thể thao và Du lịch", jurisdiction="national", date="2015-12-29")),
    ("heldout h024: a V/v line longer than 160 characters before the place and date",
     "BỘ TÀI NGUYÊN VÀ\nMÔI TRƯỜNG\n-------\n\nSố: 848/BTNMT-ĐĐBĐVN\nV/v sử dụng bản đồ nền địa hình và kiểm tra nghiệm thu "
     "các sản phẩm của Dự án “Hoàn thiện, hiện đại hóa hồ sơ, bản đồ địa giới hành chính và xây dựng cơ sở dữ liệu về địa "
     "giới hành chính”\n\nHà Nội, ngày 18 tháng 03 năm 2015\n",
     dict(date="2015-03-18", place="Hà Nội", issuer="Bộ Tài nguyên và Môi trường", doc_type="Công văn")),
    ("heldout h029: a header table flattened with single spaces (agency and Số; motto and the date line)",
     "UBND TỈNH BẮC GIANG Số: 172/2015/QĐ-UBND\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "Bắc Giang, ngày 5 tháng 5 năm 2015\n\nQUYẾT ĐỊNH\n\nBan hành Quy định công tác thi đua, khen thưởng\n",
     dict(symbol="172/2015/QĐ-UBND", date="2015-05-05", place="Bắc Giang", issuer="Ủy ban nhân dân tỉnh Bắc Giang",
          doc_type="Quyết định")),
    ("heldout h039: the whole header table on one line, cells separated by dashes",
     "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN ------------- Số: 52/2018/QĐ-UBND | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
     "Hạnh phúc ----------------------- Lạng Sơn, ngày 05 tháng 9 năm 2018 |\nQUYẾT ĐỊNH\nBan hành Quy định\n",
     dict(symbol="52/2018/QĐ-UBND", date="2018-09-05", place="Lạng Sơn", issuer="Ủy ban nhân dân tỉnh Lạng Sơn")),
    # generated corpus (cancu bench generate 10000 --seed 1), two-column header tables flattened with " | "
    ("bench 000068: a department under its province, each line 'agency cell | motto cell', the motto with en dashes",
     "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI | Độc lập – Tự do – Hạnh phúc\n\n"
     "Số: 43/KH-SLĐTBXH | Khánh Hòa, ngày 22 tháng 7 năm 2016\n\n## **KẾ HOẠCH**\n",
     dict(symbol="43/KH-SLĐTBXH", date="2016-07-22", place="Khánh Hòa", doc_type="Kế hoạch",
          issuer="Sở Lao động - Thương binh và Xã hội tỉnh Khánh Hòa", jurisdiction="Khánh Hòa")),
    ("bench 000077: a dash inside the province's name (Bà Rịa - Vũng Tàu), the name on the second line",
     "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÀ RỊA - VŨNG TÀU | Độc lập – Tự do – Hạnh phúc\n\n"
     "Số: 382/KH-UBND | Bà Rịa - Vũng Tàu, ngày 20 tháng 7 năm 2022\n\nKẾ HOẠCH\n",
     dict(place="Bà Rịa - Vũng Tàu", issuer="Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", jurisdiction="Bà Rịa - Vũng Tàu")),
    ("bench 000323: a centrally-run city (THÀNH PHỐ HỒ CHÍ MINH) on the agency cell's second line",
     "UỶ BAN NHÂN DÂN | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ HỒ CHÍ MINH | Độc lập - Tự do - Hạnh phúc\n\n"
     "Số:158/KH-UBND | Thành phố Hồ Chí Minh, ngày 23 tháng 2 năm 2021\n\nKẾ HOẠCH\n",
     dict(place="Thành phố Hồ Chí Minh", issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh", jurisdiction="Hồ Chí Minh")),
    ("bench 000313: a city's department; the city is a thành phố",
     "UỶ BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI | Độc lập – Tự do – Hạnh phúc\n\n"
     "Số: 170/KH-SLĐTBXH | Thành phố Hồ Chí Minh, ngày 04 tháng 3 năm 2016\n\nKẾ HOẠCH\n",
     dict(issuer="Sở Lao động - Thương binh và Xã hội thành phố Hồ Chí Minh", jurisdiction="Hồ Chí Minh")),
    ("heldout h044: a slip in the header's province (DÌNH ĐỊNH); the place line spells it right",
     "ỦY BAN NHÂN DÂN\nTỈNH DÌNH ĐỊNH\n--------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "---------------\n\nSố: 715/QĐ-UBND\n\nBình Định, ngày 29 tháng 12 năm 2011\n\nQUYẾT ĐỊNH\n",
     dict(issuer="Ủy ban nhân dân tỉnh Bình Định", jurisdiction="Bình Định", place="Bình Định")),
]


@pytest.mark.parametrize("name, text, expected", HEADER_CASES, ids=[c[0][:40] for c in HEADER_CASES])
def test_header_variants(name, text, expected):
    doc = parse_document(text)[0]
    for field, value in expected.items():
        assert getattr(doc, field) == value, field


def test_headerless_plan_takes_issuer_from_preamble_and_title():
    # 000 and 004: the text starts at KẾ HOẠCH; "UBND tỉnh ban hành kế hoạch" names the issuer
    text = ("\n\nKẾ HOẠCH\n\nTriển khai công tác bình đẳng giới tỉnh Gia Lai năm 2020\n\n"
            "Thực hiện Quyết định số 1696/QĐ-TTg; UBND tỉnh ban hành kế hoạch, cụ thể như sau:\n\nI. MỤC ĐÍCH\n\n1. Tuyên truyền\n")
    doc = parse_document(text)[0]
    assert (doc.issuer, doc.jurisdiction, doc.doc_type) == ("Ủy ban nhân dân tỉnh Gia Lai", "Gia Lai", "Kế hoạch")
    assert doc.title == "Triển khai công tác bình đẳng giới tỉnh Gia Lai năm 2020"
    assert [c.kind for c in doc.preamble] == ["implements"]


@pytest.mark.parametrize(
    "raw, name",
    [("UBND TỈNH KIÊN GIANG", "Ủy ban nhân dân tỉnh Kiên Giang"),
     ("BỘ LAO ĐỘNG - THƯƠNG BINHVÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),  # w012 run-together
     ("Y BAN DÂN TỘC", "Ủy ban Dân tộc"),  # webdocs README: a lost first letter
     ("TỔNG CỤC THUẾ", "Tổng cục Thuế")],
)
def test_standard_agency_name(raw, name):
    assert standard_agency_name(raw) == name


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Căn cứ Luật A;\n\nCăn cứ Nghị định B;\n\nXét đề nghị của Sở C tại Tờ trình số 1/TTr-SC.", ["based_on", "based_on", "proposed_by"]),
        # 004: one paragraph, three clauses
        ("Thực hiện Công văn 481/LĐTBOXH-BĐG; trên cơ sở đề xuất của Sở tại Tờ trình số 26/TTr-SLĐTBXH, "
         "Ủy ban nhân dân tỉnh ban hành Kế hoạch", ["implements", "proposed_by"]),
        # w008: Căn cứ split by a line break
        ("Căn\ncứ Luật Tổ chức Chính phủ;", ["based_on"]),
        # 003 doc 1: a cover letter's receipt
        ("Ủy ban nhân dân tỉnh Kiên Giang đã nhận Công văn số 356/LĐTĐBXH-BĐG (đính kèm văn bản).", ["received"]),
        ("- Căn cứ điều 125 Hiến pháp;\n\n- Căn cứ Luật tổ chức HĐND và UBND;", ["based_on", "based_on"]),  # w005 bullets
        ("Để triển khai thực hiện Chỉ thị số 21-CT/TW;", ["implements"]),
    ],
)
def test_preamble_clauses(text, kinds):
    assert [c.kind for c in parse_preamble(text, 0, len(text))] == kinds


@pytest.mark.parametrize(
    "name, text, kinds",
    [
        # heldout h004: a hard-wrapped line that opens with a symbol is no numbered heading
        ("38/NQ-CP opens a line",
         "QUYẾT ĐỊNH\nBAN HÀNH PHƯƠNG ÁN\nCăn cứ Luật Phòng, chống bệnh\ntruyền nhiễm ngày 21/11/2007;\nCăn cứ Nghị quyết số\n"
         "38/NQ-CP ngày 17/3/2022 của Chính phủ ban hành Chương trình;\nTheo đề nghị của Sở Y tế tại\n"
         "Tờ trình số 105/TTr-SYT ngày 27/4/2023.\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành\n",
         ["based_on", "based_on", "proposed_by"]),
        # heldout h015 / h007: a text cut inside its preamble (no QUYẾT ĐỊNH:, no Điều 1)
        ("cut inside the preamble",
         "Số: 30/2012/QĐ-UBND |\nCần Thơ, ngày 26 tháng 12 năm 2012 |\nVỀ VIỆC QUY ĐỊNH MỨC GIÁ CÁC LOẠI ĐẤT\n"
         "Căn cứ Luật Đất đai ngày 26 tháng 11 năm 2003;\nCăn cứ Nghị định số 188/2004/NĐ-CP ngày 16 tháng 11 năm 2004 "
         "của Chính phủ về phương pháp xác định giá đất;\nCăn cứ Thông tư số 145/2007/TT-BTC ngày 06 tháng 12 năm 2007",
         ["based_on", "based_on", "based_on"]),
        # heldout h029: a title's last line, a separator of dashes (no bullet) and the authority line before the cues
        ("title tail, separator, authority line",
         "QUYẾT ĐỊNH\n\nBan hành Quy định công tác thi đua, khen thưởng\n\ntrên địa bàn tỉnh Bắc Giang\n\n"
         "------------------\n\nỦY BAN NHÂN DÂN TỈNH BẮC GIANG\n\nCăn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;\n\n"
         "Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15/4/2010 của Chính phủ",
         ["based_on", "based_on"]),
    ],
)
def test_preamble_of_wrapped_and_cut_texts(name, text, kinds):
    doc = parse_document(text)[0]
    assert [c.kind for c in doc.preamble if c.kind != "other"] == kinds
    assert not any(s.style in ("arabic", "dash") for s in doc.sections)


def test_section_tree_with_markdown_and_bullets():
    # 004 wraps headings in Markdown; 000 nests a), -, +
    text = ("#### **I. MỤC ĐÍCH**\n\n1. Tăng cường\n\n## **2. Tổ chức**\n\na) Tuyên truyền\n\n- Nội dung:\n\n+ Phổ biến\n\n"
            "+ Tập huấn\n\n#### **II. NHIỆM VỤ**\n\n1. Sở Nội vụ: chủ trì\n")
    secs = parse_sections(text, 0, len(text))
    assert [s.path for s in secs] == ["I", "II"]
    i = secs[0]
    assert [c.path for c in i.children] == ["I.1", "I.2"]
    two = i.children[1]
    assert two.heading == "Tổ chức" and text[two.heading_start:two.heading_end] == "Tổ chức"
    a = two.children[0]
    assert a.path == "I.2.a" and [c.path for c in a.children[0].children] == ["I.2.a.-1.+1", "I.2.a.-1.+2"]
    assert secs[1].children[0].heading == "Sở Nội vụ: chủ trì"


def test_letter_closing_paragraphs_and_section_labels():
    text = ("Số: 56/BVSTBPN\n\nBình Định, ngày 18 tháng 4 năm 2017\n\nV/v triển khai\n\nKính gửi:\n\n- Sở A;\n- Hội B.\n\n"
            "Để nâng cao hiệu quả; Trưởng ban có ý kiến như sau:\n\n1. Tổng kết\n\nViệc tổng kết.\n\n2. Báo cáo\n\n- Gửi báo cáo.\n\n"
            "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo.\n\nNơi nhận:\n\n- Như trên;\n- Lưu: VT.\n\nTRƯỞNG BAN\n\nNguyễn Văn An\n")
    doc = parse_document(text)[0]
    assert [a.text for a in doc.addressed_to] == ["Sở A", "Hội B"]
    assert [c.text for c in doc.copied_to] == ["Như trên", "Lưu: VT"]
    assert doc.signer.name == "Nguyễn Văn An" and doc.signer.position == "TRƯỞNG BAN"
    assert section_label(doc, text.index("Để nâng")) == "preamble"
    assert section_label(doc, text.index("Việc tổng")) == "1"
    assert section_label(doc, text.index("Gửi báo")) == "2"
    assert section_label(doc, text.index("Trong quá trình")) == "closing"
    assert section_label(doc, text.index("triển khai")) == "title"


def test_a_file_with_a_cover_letter_and_the_letter_it_forwards_gives_two_documents():
    path = next(p for p in corpus_files() if p.name.startswith("003"))
    docs = parse_document(path.read_text(encoding="utf-8"), str(path))
    assert [d.symbol for d in docs] == ["1152/VP-KGVX", "356/LĐTBXH-BĐG"]
    assert docs[0].end < docs[1].start


FIELDS = ("doc_type", "symbol", "date", "place", "issuer", "jurisdiction", "title")


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:3])
def test_corpus_metadata_equals_gold(shared, path):
    text = path.read_text(encoding="utf-8")
    docs = parse_document(text, str(path))
    gold = gold_for(path)["documents"]
    assert len(docs) == len(gold)
    for doc, g in zip(docs, gold):
        for field in FIELDS:
            assert getattr(doc, field) == g[field], field
        assert [doc.start, doc.end] == g["span"]
        assert list(doc.title_span) == g["title_span"]
        assert [a.text for a in doc.addressed_to] == g["addressed_to"]
        assert [c.text for c in doc.copied_to] == g["copied_to"]
        assert (doc.signer.name, doc.signer.position, doc.signer.on_behalf, doc.signer.start, doc.signer.end) == (
            g["signer"]["name"], g["signer"]["position"], g["signer"]["on_behalf"], g["signer"]["start"], g["signer"]["end"])
        assert doc.signer.position_corrected == g["signer"].get("position_corrected")  # 003 doc 2: HỮU → THỨ TRƯỞNG
        assert doc.signer.concurrent_position == g["signer"].get("concurrent_position")  # 002: a second title line
        for ln in (*doc.addressed_to, *doc.copied_to):
            assert text[ln.start:ln.end] == ln.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("abcĐđÔơ IVX1234567890.:;,-+*#|\n()/") + [
    "Căn cứ ", "Số: ", "Nơi nhận:", "KẾ HOẠCH", "\n1. ", "\na) ", "ngày 1 tháng 2 năm 2020", "UBND TỈNH A\n", "TM. ỦY BAN\n",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "Kính gửi:\n- ", "V/v ", "\nNguyễn Văn An"]), max_size=80).map("".join))
def test_parse_document_never_raises_and_spans_stay_in_the_text(text):
    for doc in parse_document(text):
        assert 0 <= doc.start <= doc.end <= len(text)
        for c in doc.preamble:
            assert 0 <= c.start <= c.end <= len(text)
