"""The one normaliser: tone marks, dashes, symbols, dates; properties with hypothesis."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphmodel.normalize import (
    DASHES,
    fold,
    modern_tone_marks,
    normalize_symbol,
    normalize_text,
    parse_date,
)

VIET = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĂÂĐ -–—/;.,0123456789 hoáàảãạuýỳỷỹỵoéèẻẽẹòóỏõọqQUỶÚỦ")), max_size=60)


@pytest.mark.parametrize(
    "old, new",
    [
        ("hoá", "hóa"),  # 000: "hiện đại hoá" and "hóa" in one file
        ("Uỷ ban", "Ủy ban"),  # webdocs w005 "UỶ BAN NHÂN DÂN"
        ("Khánh Hoà", "Khánh Hòa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("quý", "quý"),  # the u of "qu" is not a glide: unchanged
        ("hoạt động", "hoạt động"),  # tone on a closed syllable: unchanged
        ("Hoàng", "Hoàng"),
    ],
)
def test_modern_tone_marks(old, new):
    assert modern_tone_marks(old) == new


@pytest.mark.parametrize("dash", list(DASHES))
def test_every_dash_variant_becomes_a_hyphen_in_symbols(dash):
    assert normalize_symbol(f"356/LĐTBXH{dash}BĐG") == "356/LĐTBXH-BĐG"


@pytest.mark.parametrize(
    "written, symbol",
    [
        ("11- NQ/TW", "11-NQ/TW"),  # gold README example
        ("56 /BVSTBPN", "56/BVSTBPN"),  # 002 header
        ("473/TTr -\nNN&PTNT", "473/TTr-NN&PTNT"),  # webdocs README example
    ],
)
def test_normalize_symbol(written, symbol):
    assert normalize_symbol(written) == symbol


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Kiên Giang, ngày 25 tháng 02 năm 2021", "2021-02-25"),  # 003
        ("ngày 02/10/2015", "2015-10-02"),  # 000
        ("ngày 26.11.2003", "2003-11-26"),  # webdocs README
        ("ngày 13-9-2013", "2013-09-13"),
        ("ngày 21 - 6 - 1994", "1994-06-21"),  # w005
        ("ngày 29tháng 11 năm 2006", "2006-11-29"),  # run-together words
        ("ngày 26/11/ 2003", "2003-11-26"),
        ("ngày tháng năm 2022", None),  # 001: a blank date
        ("ngày 31/02/2020", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@given(VIET)
def test_normalize_text_is_idempotent(s):
    once = normalize_text(s)
    assert normalize_text(once) == once


@given(VIET)
def test_nfc_and_nfd_input_normalise_alike(s):
    assert normalize_text(unicodedata.normalize("NFD", s)) == normalize_text(unicodedata.normalize("NFC", s))
    assert fold(unicodedata.normalize("NFD", s)) == fold(s)


@given(VIET)
def test_tone_marks_and_dashes_keep_the_length(s):
    s = unicodedata.normalize("NFC", s)
    assert len(modern_tone_marks(s)) == len(s)
