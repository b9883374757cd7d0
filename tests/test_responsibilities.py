"""Responsibilities, deadlines and targets: case tables, one row per real variant.

Each row puts a passage of a real document (the comment names the file and line) into a
minimal document of the same kind of issuer, runs the extractor, and compares the set
of ``(agency as written, role)`` it finds. Rows list every agency the rules annotate in
the passage, so a mention that must not be annotated (a recipient, an object of guidance,
a parenthetical, the issuer's own act) fails the row if it comes out.
"""
from __future__ import annotations

import pytest

from loaders.responsibilities import extract_deadlines, extract_responsibilities, extract_targets
from loaders.structure import parse_document

PLAN = """ỦY BAN NHÂN DÂN
TỈNH {PROVINCE_UPPER}

Số: 12/KH-UBND

{PROVINCE}, ngày 02 tháng 3 năm 2022

KẾ HOẠCH
Thực hiện công tác bình đẳng giới

Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC TIÊU

1. Mục tiêu cụ thể

{TARGETS}

II. TỔ CHỨC THỰC HIỆN

{BODY}

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""

DEPARTMENT_PLAN = """UBND TỈNH BÌNH ĐỊNH
SỞ NỘI VỤ

Số: 15/KH-SNV

Bình Định, ngày 02 tháng 3 năm 2022

KẾ HOẠCH
Thực hiện Chiến lược quốc gia về bình đẳng giới

Sở Nội vụ ban hành Kế hoạch thực hiện như sau:

I. MỤC TIÊU CỤ THỂ

{TARGETS}

II. TỔ CHỨC THỰC HIỆN

{BODY}

Nơi nhận:
- Lưu: VT, VP.

GIÁM ĐỐC

Lê Văn Bình
"""

MINISTRY_LETTER = """BỘ LAO ĐỘNG - THƯƠNG BINH
VÀ XÃ HỘI

Số: 356/LĐTBXH-BĐG
V/v hướng dẫn triển khai công tác bình đẳng giới năm 2021

Hà Nội, ngày 19 tháng 02 năm 2021

Kính gửi:
- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;
- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

{BODY}

1. Xây dựng kế hoạch triển khai Chiến lược.

Nơi nhận:
- Như trên;
- Lưu: VT, Vụ BĐG.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Nguyễn Thị Hà
"""


def _doc(template: str, body: str, targets: str = "Tuyên truyền về bình đẳng giới.", province: str = "Gia Lai"):
    text = template.format(BODY=body, TARGETS=targets, PROVINCE=province, PROVINCE_UPPER=province.upper())
    docs = parse_document(text, "case")
    assert len(docs) == 1, docs
    return text, docs[0]


def roles(template: str, body: str, **kw) -> set[tuple[str, str]]:
    text, doc = _doc(template, body, **kw)
    return {(" ".join(r.agency.split()), r.role) for r in extract_responsibilities(text, doc)}


# fmt: off
PLAN_CASES = [
    # 000_bcbe13d3ae9e91e1.txt:147 heading agency that chủ trì; partners after phối hợp với
    ("1. Sở Lao động – Thương binh và Xã hội: Chủ trì, phối hợp với các sở, ngành, đơn vị có liên quan và UBND các "
     "huyện, thị xã, thành phố triển khai thực các nội dung Kế hoạch.",
     {("Sở Lao động – Thương binh và Xã hội", "lead"), ("các sở, ngành, đơn vị có liên quan", "coordinate"),
      ("UBND các huyện, thị xã, thành phố", "coordinate")}),
    # 000_bcbe13d3ae9e91e1.txt:149-151 bullets with an implicit subject: partners only; objects of đôn đốc are not tasked
    ("1. Sở Lao động – Thương binh và Xã hội: Chủ trì triển khai Kế hoạch:\n\n- Phối hợp với Sở Thông tin và Truyền "
     "thông, các sở, ngành có liên quan và Báo Gia Lai, Đài Phát thanh - Truyền hình tỉnh tăng cường công tác truyền "
     "thông.\n\n- Tham mưu kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh; theo dõi, đôn đốc các huyện, thị xã, thành phố "
     "kiện toàn Ban Vì sự tiến bộ của Phụ nữ.\n\n- Nghiên cứu, lựa chọn và hướng dẫn các huyện, thị xã, thành phố thí "
     "điểm triển khai mô hình theo hướng dẫn của Bộ Lao động – Thương binh và Xã hội đã ban hành.",
     {("Sở Lao động – Thương binh và Xã hội", "lead"), ("Sở Thông tin và Truyền thông", "coordinate"),
      ("các sở, ngành có liên quan", "coordinate"), ("Báo Gia Lai", "coordinate"),
      ("Đài Phát thanh - Truyền hình tỉnh", "coordinate")}),
    # 000_bcbe13d3ae9e91e1.txt:173 a plain task: assigned
    ("3. Sở Tư pháp: Tổ chức tuyên truyền, phổ biến chính sách, pháp luật về bình đẳng giới.",
     {("Sở Tư pháp", "assigned")}),
    # 000_bcbe13d3ae9e91e1.txt:175 plain tasks and a phối hợp task: assigned, the partner coordinates
    ("4. Sở Giáo dục và Đào tạo: Lồng ghép tuyên truyền về bình đẳng giới trong công tác giảng dạy. Phối hợp với các "
     "đơn vị liên quan tổ chức các lớp nâng cao trình độ cho nữ giới.",
     {("Sở Giáo dục và Đào tạo", "assigned"), ("các đơn vị liên quan", "coordinate")}),
    # 000_bcbe13d3ae9e91e1.txt:179 an explicit repetition of the subject is its own entry; ``gửi Sở …`` is a recipient
    ("6. Sở Tài chính: Cân đối ngân sách tỉnh và dự toán của các đơn vị xây dựng gửi Sở Tài chính đúng quy định. Sở "
     "Tài chính rà soát, tổng hợp đề xuất UBND tỉnh xem xét bố trí kinh phí.",
     {("Sở Tài chính", "assigned")}),
    # 000_bcbe13d3ae9e91e1.txt:181 objects of hướng dẫn are not tasked
    ("7. Sở Kế hoạch và Đầu tư: Hướng dẫn các sở, ngành, địa phương thực hiện lồng ghép giới.",
     {("Sở Kế hoạch và Đầu tư", "assigned")}),
    # 000_bcbe13d3ae9e91e1.txt:187 chủ trì …; phối hợp với … in one item
    ("10. Công an tỉnh: Chủ trì, phối hợp với các sở, ban, ngành đẩy mạnh các hoạt động phòng, chống tội phạm buôn "
     "bán người; phối hợp với các đơn vị có liên quan hỗ trợ các nạn nhân.",
     {("Công an tỉnh", "lead"), ("các sở, ban, ngành", "coordinate"), ("các đơn vị có liên quan", "coordinate")}),
    # 000_bcbe13d3ae9e91e1.txt:189-191 two heading agencies joined by ';', an item worded only phối hợp
    ("11. Đài Phát thanh – Truyền hình tỉnh; Báo Gia Lai:\n\nPhối hợp với các ngành chức năng, thực hiện các phóng sự "
     "về công tác bình đẳng giới.",
     {("Đài Phát thanh – Truyền hình tỉnh", "coordinate"), ("Báo Gia Lai", "coordinate"),
      ("các ngành chức năng", "coordinate")}),
    # 000_bcbe13d3ae9e91e1.txt:199-201 Đề nghị to a mass organisation; objects of chỉ đạo are not tasked
    ("14. Đề nghị Liên đoàn Lao động tỉnh:\n\nChỉ đạo các tổ chức công đoàn cơ sở triển khai các hoạt động tuyên truyền.",
     {("Liên đoàn Lao động tỉnh", "requested")}),
    # 000_bcbe13d3ae9e91e1.txt:203 Đề nghị to the Front and a group of organisations
    ("15. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các đoàn thể và các tổ chức thành viên: Trong phạm vi chức "
     "năng, nhiệm vụ của mình, tham gia tổ chức triển khai Kế hoạch.",
     {("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested"), ("các đoàn thể và các tổ chức thành viên", "requested")}),
    # 000_bcbe13d3ae9e91e1.txt:207-209 a heading group and yêu cầu + the same group
    ("17. UBND các huyện, thị xã, thành phố:\n\nCăn cứ Kế hoạch này, yêu cầu Ủy ban nhân dân các huyện, thị xã, thành "
     "phố xây dựng kế hoạch hoạt động năm 2020 ở địa phương.",
     {("UBND các huyện, thị xã, thành phố", "assigned"),
      ("Ủy ban nhân dân các huyện, thị xã, thành phố", "assigned")}),
    # 000_bcbe13d3ae9e91e1.txt:85 subjects of a task elsewhere in the body
    ("Các sở, ban, ngành, đoàn thể và UBND các huyện, thị xã, thành phố chủ động triển khai thực hiện:",
     {("Các sở, ban, ngành, đoàn thể", "assigned"), ("UBND các huyện, thị xã, thành phố", "assigned")}),
    # 000_bcbe13d3ae9e91e1.txt:115 a subject group; partners of a manner clause
    ("- Ban Vì sự tiến bộ của phụ nữ các cấp xây dựng kế hoạch tổ chức các hoạt động theo hướng tăng cường phối hợp "
     "với các cơ quan, tổ chức, doanh nghiệp để có nhiều hoạt động phong phú.",
     {("Ban Vì sự tiến bộ của phụ nữ các cấp", "assigned"), ("các cơ quan, tổ chức, doanh nghiệp", "coordinate")}),
    # 000_bcbe13d3ae9e91e1.txt:211 the issuer's đề nghị: under command assigned, mass organisations requested
    ("Trên đây là Kế hoạch; Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành, hội đoàn thể của tỉnh và UBND các huyện, "
     "thị xã, thành phố triển khai thực hiện.",
     {("các sở, ban, ngành", "assigned"), ("hội đoàn thể của tỉnh", "requested"),
      ("UBND các huyện, thị xã, thành phố", "assigned")}),
    # 004_91c3c8c0567112e0.txt:143 Markdown heading, an item worded only phối hợp
    ("**10. Sở Kế hoạch và Đầu tư:** Phối hợp với Sở Tài chính tham mưu phân bổ các nguồn lực.",
     {("Sở Kế hoạch và Đầu tư", "coordinate"), ("Sở Tài chính", "coordinate")}),
    # 004_91c3c8c0567112e0.txt:145 a group without ``các`` after phối hợp với
    ("**11. Công an tỉnh:** Chủ trì, phối hợp với sở, ban ngành liên quan đẩy mạnh các hoạt động phòng, chống tội "
     "phạm buôn bán người.",
     {("Công an tỉnh", "lead"), ("sở, ban ngành liên quan", "coordinate")}),
    # 004_91c3c8c0567112e0.txt:149 Đề nghị to two bodies; thành viên Ban … is a group partner
    ("**13. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính trị - xã hội:** Trong phạm vi chức "
     "năng, nhiệm vụ của mình, phối hợp với thành viên Ban Vì sự tiến bộ của phụ nữ tỉnh tham gia tổ chức triển khai "
     "Kế hoạch.",
     {("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested"), ("các đoàn thể chính trị - xã hội", "requested"),
      ("thành viên Ban Vì sự tiến bộ của phụ nữ tỉnh", "coordinate")}),
    # 004_91c3c8c0567112e0.txt:157 Đề nghị to a Party board
    ("**15. Đề nghị Ban Tổ chức Tỉnh ủy:** Có giải pháp thiết thực, hiệu quả trong công tác cán bộ nữ.",
     {("Ban Tổ chức Tỉnh ủy", "requested")}),
    # 004_91c3c8c0567112e0.txt:159 a phối hợp sentence and a plain one: assigned; objects of hướng dẫn are not tasked
    ("**16. Cục Thống kê tỉnh:** Phối hợp với Sở Kế hoạch và Đầu tư, Ban Vì sự tiến bộ phụ nữ và các sở, ngành liên "
     "quan hướng dẫn các sở, ban ngành, đoàn thể và huyện, thị xã, thành phố thu thập số liệu. Xây dựng bộ công cụ "
     "thu thập số liệu.",
     {("Cục Thống kê tỉnh", "assigned"), ("Sở Kế hoạch và Đầu tư", "coordinate"),
      ("Ban Vì sự tiến bộ phụ nữ", "coordinate"), ("các sở, ngành liên quan", "coordinate")}),
    # 004_91c3c8c0567112e0.txt:161 a long name from the standard table
    ("**17. Chi nhánh Ngân hàng Chính sách xã hội tỉnh:** Chủ trì, phối hợp với các sở, ban ngành, đoàn thể liên "
     "quan và UBND các huyện, thị xã, thành phố quan tâm và tạo điều kiện cho phụ nữ nghèo.",
     {("Chi nhánh Ngân hàng Chính sách xã hội tỉnh", "lead"), ("các sở, ban ngành, đoàn thể liên quan", "coordinate"),
      ("UBND các huyện, thị xã, thành phố", "coordinate")}),
    # 004_91c3c8c0567112e0.txt:89-97 a heading without colon, lettered sub-items mixing plain and phối hợp tasks
    ("#### **1. Sở Lao động - Thương binh và Xã hội:**\n\na) Thường xuyên theo dõi, đôn đốc và phối hợp với các cơ "
     "quan, đơn vị, địa phương tổ chức triển khai thực hiện Kế hoạch này; kịp thời báo cáo và tham mưu UBND tỉnh chỉ "
     "đạo thực hiện.\n\nb) Phối hợp với các ngành liên quan tiếp tục truyền thông.",
     {("Sở Lao động - Thương binh và Xã hội", "assigned"), ("các cơ quan, đơn vị, địa phương", "coordinate"),
      ("các ngành liên quan", "coordinate")}),
    # 004_91c3c8c0567112e0.txt:125 a comma-spelt name after phối hợp với
    ("### **5. Sở Văn hoá, Thể thao và Du lịch**\n\na) Phối hợp với Sở Lao động, Thương binh và Xã hội tham mưu chỉ "
     "đạo các địa phương tổ chức các hoạt động truyền thông.\n\nb) Tăng cường công tác thanh tra.",
     {("Sở Văn hoá, Thể thao và Du lịch", "assigned"), ("Sở Lao động, Thương binh và Xã hội", "coordinate")}),
    # 004_91c3c8c0567112e0.txt:169-171 objects of chỉ đạo and recipients in parentheses are not tasked
    ("#### **18. Ủy ban nhân dân các huyện, thị xã, thành phố**\n\na) Tổ chức tập huấn; chỉ đạo Đài truyền thanh cấp "
     "huyện, xã trong việc mở chuyên mục.\n\nb) Theo dõi, kiểm tra việc giải quyết các vụ việc báo cáo UBND tỉnh (qua "
     "Sở Lao động - Thương binh và Xã hội).",
     {("Ủy ban nhân dân các huyện, thị xã, thành phố", "assigned")}),
    # 004_91c3c8c0567112e0.txt:51 a subject after an opening phrase
    ("b) Căn cứ vào tình hình, các địa phương chủ động bố trí kinh phí để xây dựng, nhân rộng các mô hình hiệu quả.",
     {("các địa phương", "assigned")}),
    # 004_91c3c8c0567112e0.txt:85 two abbreviated subjects
    ("3. UBND cấp huyện, UBND cấp xã cân đối, bố trí nguồn kinh phí của địa phương.",
     {("UBND cấp huyện", "assigned"), ("UBND cấp xã", "assigned")}),
    # 004_91c3c8c0567112e0.txt:179 a list split where state bodies give way to mass organisations
    ("Định kỳ 6 tháng (trước ngày 31/5/2022), cả năm (trước ngày 30/11/2022) các sở, ban ngành, hội, đoàn thể tỉnh "
     "và UBND các huyện, thị xã, thành phố gửi báo cáo về Sở Lao động - Thương binh và Xã hội để tổng hợp báo cáo Ủy "
     "ban nhân dân tỉnh, Bộ Lao động - Thương binh và Xã hội theo quy định.",
     {("các sở, ban ngành", "assigned"), ("hội, đoàn thể tỉnh", "assigned"),
      ("UBND các huyện, thị xã, thành phố", "assigned")}),
    # 003_73b392c2e95c4b1e.txt:22 Giao X chủ trì; a source of a proposal and a recipient of advice are not tasked
    ("Giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ban, ngành có liên quan tổ chức thực hiện "
     "ngay các nội dung theo đề nghị của Bộ Lao động - Thương binh và Xã hội tại văn bản nêu trên; đồng thời, tham mưu "
     "cho UBND tỉnh thực hiện các nội dung theo thẩm quyền.",
     {("Sở Lao động - Thương binh và Xã hội", "lead"), ("các sở, ban, ngành có liên quan", "coordinate")}),
    # 002_ec64ea6bf4cf5ddc.txt:21 a subject that phối hợp; the body advised is not tasked
    ("- Ban VSTBPN tỉnh phối hợp chặt chẽ với Sở Lao động – Thương binh và Xã hội để tham mưu, đề xuất Ủy ban nhân "
     "dân tỉnh việc tổng kết.",
     {("Ban VSTBPN tỉnh", "coordinate"), ("Sở Lao động – Thương binh và Xã hội", "coordinate")}),
    # 002_ec64ea6bf4cf5ddc.txt:73 yêu cầu … phối hợp; a parenthetical role is no mention
    ("Yêu cầu Sở Lao động – Thương binh và Xã hội (Cơ quan Thường trực Ban VSTBPN tỉnh), Ban VSTBPN các huyện, thị "
     "xã, thành phố và các cơ quan liên quan phối hợp tổ chức triển khai thực hiện.",
     {("Sở Lao động – Thương binh và Xã hội", "coordinate"), ("Ban VSTBPN các huyện, thị xã, thành phố", "coordinate"),
      ("các cơ quan liên quan", "coordinate")}),
    # 002_ec64ea6bf4cf5ddc.txt:19 a subject behind ``Do đó,``
    ("Do đó, Ban VSTBPN cần thực hiện tốt vai trò phối hợp, tham mưu.", {("Ban VSTBPN", "assigned")}),
    # https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Quyet-dinh-33-2009-QD-UBND-quan-ly-va-khai-thac-mang-tin-hoc-dien-rong-105414.aspx
    # (Điều 4): an execution clause, heads of bodies joined by ',' and ';'
    ("Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Thông tin và Truyền thông, Thủ trưởng các sở, ban "
     "ngành tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thành phố Mỹ Tho, thị xã Gò Công và các tổ chức, cá nhân liên "
     "quan có trách nhiệm thi hành Quyết định này.",
     {("Chánh Văn phòng Ủy ban nhân dân tỉnh", "assigned"), ("Giám đốc Sở Thông tin và Truyền thông", "assigned"),
      ("Thủ trưởng các sở, ban ngành tỉnh", "assigned"),
      ("Chủ tịch Ủy ban nhân dân các huyện, thành phố Mỹ Tho, thị xã Gò Công", "assigned"),
      ("các tổ chức, cá nhân liên quan", "assigned")}),
    # https://soldtbxh.backan.gov.vn (Bắc Kạn, 2017): the board that asks is given no task; the boards of each
    # department and district are one group
    ("Theo hướng dẫn, Ban Vì sự tiến bộ của phụ nữ tỉnh đề nghị Ban Vì sự tiến bộ của phụ nữ các Sở, ban, ngành, "
     "huyện, thành phố tập trung triển khai 6 nội dung chính sau:",
     {("Ban Vì sự tiến bộ của phụ nữ các Sở, ban, ngành, huyện, thành phố", "assigned")}),
    # examples/04_cong-van.txt (an invented sample): old tone marks (Uỷ), a relative clause before the verb
    ("4. Uỷ ban nhân dân các huyện, thị xã, thành phố chưa ban hành kế hoạch khẩn trương ban hành, gửi về Sở Lao "
     "động - Thương binh và Xã hội trước ngày 30/11/2024.",
     {("Uỷ ban nhân dân các huyện, thị xã, thành phố", "assigned")}),
    # generated bench corpus (cancu bench generate; /tmp/c10k/000249_cong-van-tinh_ben-tre_2023.txt:31, not a real
    # corpus file): a short numbered Đề nghị sentence is a task, not an agency heading; the mass organisation is asked
    ("5. Đề nghị Hội LHPN tỉnh phối hợp tuyên truyền, vận động thực hiện bình đẳng giới.",
     {("Hội LHPN tỉnh", "requested")}),
    # generated bench corpus (/tmp/c10k/000606_cong-van-tinh_quang-ninh_2022.txt:35): the Front, abbreviated
    ("5. Đề nghị UBMTTQVN tỉnh phối hợp tuyên truyền, vận động thực hiện bình đẳng giới.\n\n"
     "6. Sở Y tế phối hợp thực hiện.",
     {("UBMTTQVN tỉnh", "requested"), ("Sở Y tế", "coordinate")}),
    # the same shape without Đề nghị (a short item whose subject goes on with its verb; composed for the rule)
    ("3. Sở Tư pháp tuyên truyền pháp luật về bình đẳng giới.",
     {("Sở Tư pháp", "assigned")}),
    # 000_bcbe13d3ae9e91e1.txt:135-137 no agency carries a role: words that start like one (Báo cáo, Hội nghị, giao ban)
    ("1. Tổ chức giao ban, sơ kết, tổng kết. Báo cáo 6 tháng gửi đúng hạn. Hội nghị tổng kết của các cấp ủy Đảng.",
     set()),
]
# fmt: on


@pytest.mark.parametrize("body,expected", PLAN_CASES)
def test_roles_in_a_provincial_plan(body, expected):
    assert roles(PLAN, body) == expected


# fmt: off
DEPARTMENT_CASES = [
    # 001_84b802e7cf5363ef.txt:70-82 units of the issuing department; the strongest role of the item
    ("1. Phòng Công chức, viên chức\n\na) Chủ trì, phối hợp với Văn phòng Sở theo dõi, đôn đốc việc triển khai thực "
     "hiện Kế hoạch.\n\nb) Chủ trì, phối hợp với các cơ quan, đơn vị thuộc, trực thuộc Sở thực hiện công tác tuyển "
     "dụng.\n\n2. Văn phòng Sở\n\na) Phối hợp với Phòng Công chức, viên chức theo dõi, tổ chức triển khai thực hiện Kế "
     "hoạch.\n\nb) Chủ trì, phối hợp với các cơ quan, đơn vị thuộc, trực thuộc Sở lồng ghép về giới.\n\nc) Tổ chức các "
     "hoạt động tuyên truyền.",
     {("Phòng Công chức, viên chức", "lead"), ("Văn phòng Sở", "coordinate"),
      ("các cơ quan, đơn vị thuộc, trực thuộc Sở", "coordinate"), ("Văn phòng Sở", "lead"),
      ("Phòng Công chức, viên chức", "coordinate")}),
    # 001_84b802e7cf5363ef.txt:62-64 a titled group heading
    ("1. Người đứng đầu các cơ quan, đơn vị thuộc, trực thuộc Sở\n\na) Căn cứ chức năng, nhiệm vụ của cơ quan, đơn vị "
     "để tổ chức triển khai thực hiện.",
     {("Người đứng đầu các cơ quan, đơn vị thuộc, trực thuộc Sở", "assigned")}),
    # 001_84b802e7cf5363ef.txt:84-86 a heading that names its owner
    ("4. Công đoàn cơ sở Sở Nội vụ\n\nChủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức các hoạt động "
     "chuyên đề về bình đẳng giới.",
     {("Công đoàn cơ sở Sở Nội vụ", "lead"), ("các cơ quan, đơn vị liên quan", "coordinate")}),
]
# fmt: on


def _pairs(text, doc):
    return [(" ".join(r.agency.split()), r.role) for r in extract_responsibilities(text, doc)]


@pytest.mark.parametrize("body,expected", DEPARTMENT_CASES)
def test_roles_in_a_department_plan(body, expected):
    text, doc = _doc(DEPARTMENT_PLAN, body)
    assert set(_pairs(text, doc)) == expected


def test_subjects_in_a_target_section_and_non_agencies():
    # 001_84b802e7cf5363ef.txt:36 and :44 — subjects named in a target; a web page is no agency
    body = "1. Văn phòng Sở\n\nTổ chức các hoạt động tuyên truyền."
    targets = ("2. Trong phòng ngừa bạo lực\n\nHàng năm, Công đoàn Sở Nội vụ, Ban Vì sự tiến bộ của phụ nữ của Sở tổ "
               "chức chuyên đề hoặc thực hiện lồng ghép ít nhất một hoạt động tuyên truyền.\n\n3. Trong công tác "
               "thông tin\n\nĐịnh kỳ hàng tháng, Trang thông tin điện tử của Sở cập nhật thông tin.")
    text, doc = _doc(DEPARTMENT_PLAN, body, targets=targets)
    assert set(_pairs(text, doc)) == {("Công đoàn Sở Nội vụ", "assigned"),
                                      ("Ban Vì sự tiến bộ của phụ nữ của Sở", "assigned"), ("Văn phòng Sở", "assigned")}


def test_ministry_letter_requests_and_directed_partners():
    # 003_73b392c2e95c4b1e.txt:64 — in a ministry letter, ministries, central bodies of mass organisations and
    # provincial committees are asked (requested); bodies they direct to phối hợp coordinate
    body = ("Để thực hiện thống nhất công tác bình đẳng giới, Bộ Lao động - Thương binh và Xã hội đề nghị các bộ, cơ quan "
            "ngang bộ, cơ quan thuộc Chính phủ, cơ quan Trung ương của các đoàn thể, Ủy ban nhân dân các tỉnh, thành phố "
            "trực thuộc Trung ương chỉ đạo các đơn vị chức năng, Sở Lao động - Thương binh và Xã hội phối hợp với các sở, "
            "ban, ngành, đơn vị liên quan tập trung triển khai một số nhiệm vụ trọng tâm năm 2021 như sau:")
    text, doc = _doc(MINISTRY_LETTER, body)
    assert doc.jurisdiction == "national"
    got = {(" ".join(r.agency.split()), r.role, r.generic) for r in extract_responsibilities(text, doc)}
    assert got == {
        ("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "requested", True),
        ("cơ quan Trung ương của các đoàn thể", "requested", True),
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "requested", True),
        ("các đơn vị chức năng", "coordinate", True),
        ("Sở Lao động - Thương binh và Xã hội", "coordinate", True),  # every province's department: a group
        ("các sở, ban, ngành, đơn vị liên quan", "coordinate", True),
    }


def test_reported_assignment_of_a_cited_instrument_is_not_a_task():
    # webdocs w022.txt:4 — the Prime Minister's directive gave the task, this plan only cites it
    body = ("1. Tuyên truyền.")
    text, doc = _doc(PLAN.replace(
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "Thực hiện Chỉ thị số 26/CT-TTg ngày 06/6/2017 của Thủ tướng Chính phủ, trong đó giao Bộ Tài chính chủ trì, "
        "phối hợp với các bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương quản lý chặt chẽ thuế; "
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"), body)
    assert _pairs(text, doc) == []


def test_canonical_names_ids_sections_and_groups():
    # 004_91c3c8c0567112e0.txt:89, :125 and :143 — three spellings of one department, one id
    body = ("1. Sở Lao động - Thương binh và Xã hội: Tổ chức tuyên truyền.\n\n2. Sở Văn hoá, Thể thao và Du lịch: Phối "
            "hợp với Sở Lao động, Thương binh và Xã hội tham mưu.\n\n3. Sở Tài chính: Phối hợp với Sở LĐTBXH tham mưu "
            "bố trí kinh phí.\n\n4. Sở Ngoại vụ: Đẩy mạnh hợp tác quốc tế.\n\n5. Sở Nội vụ: Có giải pháp thiết thực.")
    text, doc = _doc(PLAN, body, province="Quảng Ngãi")
    rs = extract_responsibilities(text, doc)
    by_agency = {r.agency: r for r in rs}
    ids = {by_agency[a].agency_id for a in ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động, Thương binh và Xã hội",
                                            "Sở LĐTBXH")}
    assert ids == {"agency:so-lao-dong-thuong-binh-xa-hoi@quang-ngai"}
    assert by_agency["Sở LĐTBXH"].canonical == "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi"
    assert by_agency["Sở Văn hoá, Thể thao và Du lịch"].canonical == "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi"
    assert by_agency["Sở Ngoại vụ"].agency_id != by_agency["Sở Nội vụ"].agency_id
    assert by_agency["Sở Tài chính"].section == "II.3"
    assert by_agency["Sở Tài chính"].task_path == "II.3"
    assert not any(r.generic for r in rs)
    for r in rs:
        assert text[r.start:r.end] == r.agency


def test_spans_exclude_markup_and_parentheses():
    body = "**10. Sở Kế hoạch và Đầu tư:** Phối hợp với Sở Tài chính (cơ quan tham mưu) tham mưu phân bổ nguồn lực."
    text, doc = _doc(PLAN, body)
    for r in extract_responsibilities(text, doc):
        assert "*" not in r.agency and "(" not in r.agency and text[r.start:r.end] == r.agency


# --- deadlines ------------------------------------------------------------------------

# fmt: off
DEADLINE_CASES = [
    # 000_bcbe13d3ae9e91e1.txt:211-213 day and month only, and a full date; the recipient of the reports
    ("Định kỳ thông tin báo cáo gửi về Sở Lao động – Thương binh và Xã hội để tổng hợp theo quy định: Báo cáo 6 tháng "
     "gửi trước ngày 10/6 và Báo cáo đánh giá kết quả công tác năm 2020 gửi trước ngày 10/12/2020.",
     [("--06-10", "Báo cáo 6 tháng gửi trước ngày 10/6", "Sở Lao động – Thương binh và Xã hội"),
      ("2020-12-10", "Báo cáo đánh giá kết quả công tác năm 2020 gửi trước ngày 10/12/2020",
       "Sở Lao động – Thương binh và Xã hội")]),
    # 002_ec64ea6bf4cf5ddc.txt:69 ``trước ngày … đối với báo cáo …``
    ("- Xây dựng các báo cáo định kỳ, gửi Sở Lao động – Thương binh và Xã hội theo thời gian như sau: trước ngày "
     "15/6 đối với báo cáo sơ kết, trước ngày 15/12 đối với báo cáo tổng kết.",
     [("--06-15", "trước ngày 15/6 đối với báo cáo sơ kết", "Sở Lao động – Thương binh và Xã hội"),
      ("--12-15", "trước ngày 15/12 đối với báo cáo tổng kết", "Sở Lao động – Thương binh và Xã hội")]),
    # 004_91c3c8c0567112e0.txt:179 due dates in parentheses
    ("Định kỳ 6 tháng (trước ngày 31/5/2022), cả năm (trước ngày 30/11/2022) các sở, ban ngành gửi báo cáo về Sở Lao "
     "động - Thương binh và Xã hội để tổng hợp.",
     [("2022-05-31", "Định kỳ 6 tháng (trước ngày 31/5/2022)", "Sở Lao động - Thương binh và Xã hội"),
      ("2022-11-30", "cả năm (trước ngày 30/11/2022)", "Sở Lao động - Thương binh và Xã hội")]),
    # 004_91c3c8c0567112e0.txt:93 an activity window is not a deadline
    ("b) Xây dựng kế hoạch, triển khai các hoạt động nhân “Tháng hành động vì bình đẳng giới” từ ngày 15/11 đến ngày "
     "15/12/2022.", []),
    # 003_73b392c2e95c4b1e.txt:22 ``thực hiện ngay`` is not a deadline
    ("Giao Sở Lao động - Thương binh và Xã hội chủ trì tổ chức thực hiện ngay các nội dung.", []),
]
# fmt: on


@pytest.mark.parametrize("body,expected", DEADLINE_CASES)
def test_deadlines(body, expected):
    text, doc = _doc(PLAN, body)
    got = [(d.due, " ".join(d.quote.split()), d.to) for d in extract_deadlines(text, doc)]
    assert got == expected
    for d in extract_deadlines(text, doc):
        assert text[d.start:d.end] == d.quote


def test_deadline_reporters_and_recurrence():
    # 002_ec64ea6bf4cf5ddc.txt:69 (periodic, no year: annual); 004_91c3c8c0567112e0.txt:179 (who reports)
    text, doc = _doc(PLAN, "Định kỳ 6 tháng (trước ngày 31/5/2022) các sở, ban ngành và UBND các huyện, thị xã, thành "
                           "phố gửi báo cáo về Sở Nội vụ.\n\nCác báo cáo định kỳ gửi trước ngày 15/6 hằng năm.")
    first, second = extract_deadlines(text, doc)
    assert first.by == "các sở, ban ngành và UBND các huyện, thị xã, thành phố" and first.recurring is None
    assert second.due == "--06-15" and second.recurring == "annual"


# --- targets ---------------------------------------------------------------------------

# fmt: off
TARGET_CASES = [
    # 001_84b802e7cf5363ef.txt:30 one target per (value, year)
    ("- Phần đầu đến năm 2025 đạt 60% và đến năm 2030 đạt 75% các cơ quan, đơn vị có lãnh đạo chủ chốt là nữ.",
     [("60%", 2025, None), ("75%", 2030, None)]),
    # 001_84b802e7cf5363ef.txt:32 the second year without ``đến``
    ("- Phấn đấu đến năm 2025 đạt 30% và năm 2030 đạt 40% tỉ lệ cán bộ nữ trong diện quy hoạch.",
     [("30%", 2025, None), ("40%", 2030, None)]),
    # 001_84b802e7cf5363ef.txt:40 a level to be kept to a later year
    ("Đến năm 2025 và duy trì đến năm 2030, 100% cán bộ chủ chốt được bồi dưỡng nội dung về bình đẳng giới.",
     [("100%", 2025, 2030)]),
    # 001_84b802e7cf5363ef.txt:36 ``ít nhất`` a number of activities, in a target section
    ("Hàng năm, Công đoàn tổ chức chuyên đề hoặc thực hiện lồng ghép ít nhất một hoạt động tuyên truyền.",
     [("ít nhất một hoạt động", None, None)]),
    # 001_84b802e7cf5363ef.txt:44 a frequency as the level
    ("Định kỳ hàng tháng, Trang thông tin điện tử của Sở cập nhật thông tin.", [("hàng tháng", None, None)]),
    # https://thuvienphapluat.vn (Kế hoạch 98/KH-UBND Cà Mau, webdocs w010.txt) year-less levels of a Mục tiêu section
    ("- Trên 90% trẻ em có nguy cơ được tiếp cận giáo dục phổ thông.", [("90%", None, None)]),
]
# fmt: on


@pytest.mark.parametrize("targets,expected", TARGET_CASES)
def test_targets(targets, expected):
    text, doc = _doc(PLAN, "1. Sở Tư pháp: Tổ chức tuyên truyền.", targets=targets)
    got = [(t.value, t.year, t.until) for t in extract_targets(text, doc)]
    assert got == expected
    for t in extract_targets(text, doc):
        assert text[t.start:t.end] == t.quote and t.section == "I.1"


def test_year_targets_outside_a_target_section_and_no_bare_percentages():
    body = "1. Sở Nội vụ: Phấn đấu đến năm 2025 đạt 50% cơ quan có lãnh đạo là nữ; bảo đảm 30% kinh phí."
    text, doc = _doc(PLAN, body)
    assert [(t.value, t.year) for t in extract_targets(text, doc)] == [("50%", 2025)]


# fmt: off
HEADING_NAME_CASES = [
    # 001_84b802e7cf5363ef.txt:70 a unit's name as the heading (a comma inside the name)
    ("Phòng Công chức, viên chức", False),
    # 001_84b802e7cf5363ef.txt:84 a unit named with its owner
    ("Công đoàn cơ sở Sở Nội vụ", False),
    # examples/03_ke-hoach-so.txt:36 a name with capitalised words after ``và``
    ("Phòng Xây dựng chính quyền và Công tác thanh niên", False),
    # generated bench corpus (/tmp/c10k/000249_cong-van-tinh_ben-tre_2023.txt:31, after ``Đề nghị``): a task sentence
    ("Hội LHPN tỉnh phối hợp tuyên truyền, vận động thực hiện bình đẳng giới.", True),
    # the same with a plain task verb (composed for the rule)
    ("Sở Tư pháp tuyên truyền pháp luật về bình đẳng giới.", True),
]
# fmt: on


@pytest.mark.parametrize("heading,is_task", HEADING_NAME_CASES)
def test_a_heading_that_goes_on_with_a_verb_names_no_agency(heading, is_task):
    from loaders.responsibilities import _is_task_sentence, work_text

    work = work_text(heading)
    assert _is_task_sentence(heading, work, 0, len(work)) is is_task
