"""The shortcuts that make ``graphmodel.agencies`` fast give the answers of the plain forms.

* ``agency_owner`` looks the first words of each tail of the name up in a set of the owner
  patterns: it must give what scanning every pattern with ``startswith`` gives;
* the normaliser's patterns are compiled once: ``normalize_agency_name`` / ``agency_key``
  must still give the documented forms.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmodel import agencies as A


def _owner_by_scan(name: str, jurisdiction: str | None = None) -> str:
    """The plain form of ``agency_owner``: every pattern tried on every tail."""
    words = A.normalize_agency_name(name).split()
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        for pat in A._owner_patterns():
            if rest == pat or rest.startswith(pat + " "):
                return A.agency_key(rest, jurisdiction)
    return ""


_WORDS = st.sampled_from([
    "Ban", "Vì", "sự", "tiến", "bộ", "của", "phụ", "nữ", "Sở", "Nội", "vụ", "Tỉnh", "ủy", "Tổ", "chức",
    "Công", "đoàn", "cơ", "sở", "Văn", "phòng", "Ủy", "ban", "nhân", "dân", "tỉnh", "UBND", "Bộ", "Y", "tế",
    "Trung", "tâm", "Chi", "cục", "Phòng", "Hội", "Liên", "hiệp", "Thanh", "tra", "và", "-", "(", ")", ",",
    "Quảng", "Ngãi", "huyện", "các", "Mặt", "trận", "Tổ", "quốc", "LĐTBXH", "GD&ĐT", "Đoàn", "Thanh", "niên",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=14).map(" ".join), st.sampled_from([None, "Quảng Ngãi", "national"]))
def test_agency_owner_equals_the_scan_of_every_pattern(name, jurisdiction):
    assert A.agency_owner(name, jurisdiction) == _owner_by_scan(name, jurisdiction)


# each row: a name and its owner key as the scan gives it (names of the examples in ``agency_owner``)
@pytest.mark.parametrize("name", [
    "Ban Vì sự tiến bộ của phụ nữ Sở Nội vụ",
    "Ban Tổ chức Tỉnh ủy",
    "Công đoàn cơ sở Sở Nội vụ",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Nội vụ",
])
def test_agency_owner_of_examples(name):
    assert A.agency_owner(name) == _owner_by_scan(name)
    assert (A.agency_owner(name) != "") == (name not in ("Sở Nội vụ",))


def test_normaliser_documented_forms():
    assert A.normalize_agency_name("Sở Văn hoá,  Thể thao và Du lịch:") == "Sở Văn hóa, Thể thao và Du lịch"
    assert A.normalize_agency_name("Sở Lao động-Thương binh và Xã hội (Thường trực Ban VSTBPN tỉnh)") \
        == "Sở Lao động - Thương binh và Xã hội"
    assert A.normalize_agency_name("Sở GD&ĐT") == "Sở Giáo dục và Đào tạo"
    assert A.agency_key("Sở Lao động, Thương binh và Xã hội") == A.agency_key("Sở LĐTBXH tỉnh")
    assert A.agency_key("Ủy ban nhân dân tỉnh Quảng Ngãi", "Quảng Ngãi") == A.agency_key("Ủy ban nhân dân tỉnh")
    assert A.agency_key("các cơ quan có liên quan") == A.agency_key("các cơ quan liên quan")
