"""How a view looks: colour, shape and Vietnamese name of each node kind, line style of each relationship.

Data tables, not code: a page's legend is drawn from these same tables, so what the
legend says is what the graph shows. Colours are chosen to stay apart for the
common kinds of colour blindness (blue / orange / green / purple families) and the
relationship types that matter most to legal staff (căn cứ, thực hiện, chủ trì,
phối hợp) also differ in line style and width, not only in colour.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    label: str  # Vietnamese name shown in the legend and the kind filter
    shape: str  # a vis-network node shape
    background: str
    border: str
    font_size: int
    #: widest a label may grow before vis wraps it (pixels)
    max_width: int


@dataclass(frozen=True)
class RelStyle:
    label: str  # Vietnamese name shown in the legend and tooltips
    color: str
    width: float
    #: vis-network ``dashes``: False for a solid line, or a [dash, gap] pattern
    dashes: bool | tuple[int, int]


KIND_STYLES: dict[str, KindStyle] = {
    "Instrument": KindStyle("Văn bản", "box", "#dbe9f6", "#1f4e79", 16, 220),
    "Task": KindStyle("Nhiệm vụ", "box", "#e3f1df", "#2e7d32", 14, 240),
    "Agency": KindStyle("Cơ quan, đơn vị", "ellipse", "#ffe3c2", "#b35900", 15, 200),
    "Person": KindStyle("Người ký", "ellipse", "#eee6f3", "#6a3d9a", 14, 180),
}

#: an instrument known only because another document names it (its text was not read)
CITED_ONLY = KindStyle("Văn bản chỉ được nhắc tới (chưa có toàn văn)", "box", "#ffffff", "#1f4e79", 16, 220)
#: the subject of the view (the plan asked about, the agency asked about)
FOCUS_BORDER = "#c62828"

REL_STYLES: dict[str, RelStyle] = {
    "BASED_ON": RelStyle("Căn cứ", "#1f4e79", 3, False),
    "IMPLEMENTS": RelStyle("Thực hiện / triển khai", "#6a3d9a", 3, (10, 5)),
    "CITES": RelStyle("Có nhắc tới", "#8c8c8c", 1.5, (3, 5)),
    "ATTACHES": RelStyle("Gửi kèm", "#8c8c8c", 1.5, (12, 4)),
    "PROPOSED_BY": RelStyle("Theo đề nghị của", "#8d6e63", 1.5, (2, 4)),
    "HAS_TASK": RelStyle("Giao nhiệm vụ", "#2e7d32", 1.5, False),
    "PART_OF": RelStyle("Thuộc mục", "#9ccc65", 1.5, False),
    "LEADS": RelStyle("Chủ trì", "#c62828", 3, False),
    "COORDINATES": RelStyle("Phối hợp", "#ef6c00", 2, (8, 5)),
    "RESPONSIBLE_FOR": RelStyle("Được giao thực hiện", "#b35900", 2, (2, 4)),
    "ISSUED_BY": RelStyle("Cơ quan ban hành", "#5d4037", 1.5, False),
    "SIGNED_BY": RelStyle("Người ký", "#6a3d9a", 1, (2, 4)),
    "ADDRESSED_TO": RelStyle("Kính gửi", "#78909c", 1, (6, 6)),
    "COPIED_TO": RelStyle("Nơi nhận", "#b0bec5", 1, (2, 6)),
}
#: ``RESPONSIBLE_FOR`` with ``requested: true`` (*Đề nghị ...* to a body outside the issuer's command)
REQUESTED = RelStyle("Được đề nghị thực hiện", "#00838f", 2, (2, 4))

#: Vietnamese names of the views (page subtitle)
VIEW_KINDS = {
    "basis": "Căn cứ pháp lý",
    "flow": "Văn bản triển khai, nhiệm vụ và cơ quan thực hiện",
    "agency": "Nhiệm vụ của cơ quan và căn cứ",
    "custom": "Đồ thị",
}

#: how a province-less node (national, or jurisdiction unknown) is named in the province filter
NO_PROVINCE = "Trung ương / không rõ"


def kind_style(kind: str) -> KindStyle:
    return KIND_STYLES.get(kind, KIND_STYLES["Instrument"])


def rel_style(rel: str, *, requested: bool = False) -> RelStyle:
    if rel == "RESPONSIBLE_FOR" and requested:
        return REQUESTED
    return REL_STYLES.get(rel, RelStyle(rel, "#8c8c8c", 1, False))
