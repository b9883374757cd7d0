"""Vocabulary of Vietnamese administrative documents, as data.

The type names and their symbol abbreviations follow Nghị định 30/2020/NĐ-CP on
clerical work (Phụ lục III lists the abbreviations of document types; see the
"Quy định tại Nghị định 30/2020/NĐ-CP" column of ``DOC_TYPE_CODES``); Party
documents use the same codes before ``/TW``, ``/TU``. Everything here is matched
after ``graphmodel.normalize.normalize_text`` and case folding.
"""
from __future__ import annotations

#: Kind words as they open a document (upper case in headers), longest first.
DOC_KINDS = (
    "Nghị quyết liên tịch", "Thông tư liên tịch", "Chương trình hành động", "Thông báo kết luận",
    "Bộ luật", "Hiến pháp", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Quyết định",
    "Chỉ thị", "Thông tư", "Kế hoạch", "Công văn", "Chương trình", "Đề án", "Chiến lược",
    "Thông báo", "Tờ trình", "Hướng dẫn", "Quy chế", "Quy định", "Báo cáo", "Phương án",
    "Công điện", "Thông cáo", "Kết luận", "Quy trình", "Điều lệ", "Công ước", "Dự án",
)

#: Symbol type codes (Nghị định 30/2020/NĐ-CP, Phụ lục III) → kind.
DOC_TYPE_CODES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QYĐ": "Quy định",
    "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình", "KH": "Kế hoạch",
    "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình",
    "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "NĐ": "Nghị định", "L": "Luật", "QH": "Luật", "KL": "Kết luận", "BCTT": "Báo cáo",
}

#: Preamble cues → clause kind. Matched at a paragraph start or after ``;``.
CLAUSE_CUES = (
    ("Căn cứ", "based_on"),
    ("Để triển khai thực hiện", "implements"),
    ("Để triển khai", "implements"),
    ("Để thực hiện", "implements"),
    ("Triển khai thực hiện", "implements"),
    ("Tiếp tục thực hiện", "implements"),
    ("Triển khai", "implements"),
    ("Thực hiện", "implements"),
    ("Theo đề nghị của", "proposed_by"),
    ("Theo đề nghị", "proposed_by"),
    ("Xét đề nghị của", "proposed_by"),
    ("Xét đề nghị", "proposed_by"),
    ("Xét Tờ trình", "proposed_by"),
    ("trên cơ sở đề xuất của", "proposed_by"),
    ("trên cơ sở đề nghị của", "proposed_by"),
    ("Trên cơ sở đề xuất của", "proposed_by"),
    ("Trên cơ sở đề nghị của", "proposed_by"),
    ("Xét", "other"),
)

#: Words that make a preamble paragraph the receipt of a forwarded document.
RECEIVED_CUES = ("đã nhận", "đã nhận được", "nhận được")

#: Words that say a received document travels with the letter (corpus/003 ``(đính kèm văn bản)``);
#: without one, a letter that "nhận được Công văn số …" only answers it (heldout h008).
ATTACHMENT_CUES = ("đính kèm", "kèm theo", "gửi kèm", "sao gửi", "bản sao", "chuyển tiếp", "chuyển đến")

#: Section headings (folded, at the start) under which every listed instrument is a legal basis
#: (``I. CĂN CỨ XÂY DỰNG KẾ HOẠCH`` / ``1. Cơ sở pháp lý``: heldout h021).
LEGAL_BASIS_HEADINGS = ("can cu", "co so phap ly", "cac can cu", "nhung can cu")

#: Paragraph openings that close the body of a plan or letter.
CLOSING_CUES = (
    "Trên đây là", "Trên đây", "Trong quá trình triển khai", "Trong quá trình thực hiện",
    "Trong quá trình tổ chức", "Yêu cầu", "Nhận được", "Văn phòng Ủy ban nhân dân tỉnh thông báo",
)

#: Lines of the national motto and other header furniture.
MOTTO_WORDS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
               "ĐẢNG CỘNG SẢN VIỆT NAM")

#: Organisation type words that open an agency name, with their standard spelling.
#: Longest first: the first match decides how many syllables are the type word.
ORG_TYPES = (
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ", "Ban Thường vụ Tỉnh ủy", "Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương",
    "Tổng cục", "Văn phòng", "Ủy ban", "Chính phủ", "Quốc hội", "Tỉnh ủy", "Thành ủy", "Bộ", "Sở", "Cục",
    "Ban", "Hội", "Liên đoàn", "Đoàn", "Phòng", "Chi cục", "Trung tâm", "Viện", "Đài", "Báo",
)

#: Abbreviations of agency names as written in headers (expanded before title-casing).
HEADER_ABBREVIATIONS = (
    ("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("TP.", "thành phố"), ("TP", "thành phố"),
)

#: Words of an issuer that make it a central (national) body when no province is named.
NATIONAL_ISSUERS = (
    "Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Bộ", "Tổng cục",
    "Ủy ban Dân tộc", "Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương", "Văn phòng Chính phủ",
    "Ngân hàng Nhà nước", "Thanh tra Chính phủ", "Kiểm toán Nhà nước", "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao", "Ủy ban Quốc gia",
)

#: Opening of the signing formula lines (on behalf, deputy, by order, by authorisation, acting).
SIGN_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T")

#: Signing positions, for spotting OCR slips in the signature (``HỮU TRƯỞNG``).
POSITIONS = (
    "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
    "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG",
    "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "BÍ THƯ", "PHÓ BÍ THƯ", "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG",
)

#: ``KT. <head>`` (signing for the head) is signed by the head's deputy.
DEPUTY_OF = {
    "THỦ TƯỚNG": "PHÓ THỦ TƯỚNG", "BỘ TRƯỞNG": "THỨ TRƯỞNG", "CHỦ TỊCH": "PHÓ CHỦ TỊCH", "GIÁM ĐỐC": "PHÓ GIÁM ĐỐC",
    "TRƯỞNG BAN": "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG": "PHÓ CHÁNH VĂN PHÒNG", "TỔNG CỤC TRƯỞNG": "PHÓ TỔNG CỤC TRƯỞNG",
    "CỤC TRƯỞNG": "PHÓ CỤC TRƯỞNG", "VỤ TRƯỞNG": "PHÓ VỤ TRƯỞNG", "CHỦ NHIỆM": "PHÓ CHỦ NHIỆM",
}
