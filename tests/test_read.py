"""Reading: encodings are detected, text is NFC, bad files give a reason and a fix."""
from __future__ import annotations

import unicodedata

import pytest

from graphmodel.errors import DecodeError, LoadError, UnsupportedFormat
from loaders.read import decode_bytes, iter_files, read_file

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(s: str) -> bytes:
    """Windows-1258 as Vietnamese editors write it: vowels precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)) + "".join(c for c in d if c in TONES))
    return "".join(out).encode("cp1258")


SAMPLE = "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006; Uỷ ban nhân dân tỉnh Khánh Hoà"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # Notepad "Unicode" without BOM
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (cp1258_bytes(SAMPLE), "cp1258"),  # Windows-1258 decomposes tones: NFC must recompose them
    ],
)
def test_decode_bytes_detects_the_encoding_and_gives_nfc(data, encoding):
    text, enc = decode_bytes(data)
    assert text == unicodedata.normalize("NFC", SAMPLE)
    assert unicodedata.is_normalized("NFC", text)
    assert enc == encoding


def test_nfd_input_is_normalised_to_nfc():
    nfd = unicodedata.normalize("NFD", SAMPLE)
    text, _ = decode_bytes(nfd.encode("utf-8"))
    assert text == unicodedata.normalize("NFC", SAMPLE) and len(text) < len(nfd)


def test_binary_is_refused_with_a_reason():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(256)) * 10)


def test_read_file_errors_say_what_and_what_to_do(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(LoadError, match="empty"):
        read_file(empty)
    doc = tmp_path / "plan.docx"
    doc.write_bytes(b"PK\x03\x04")
    with pytest.raises(LoadError, match="damaged or truncated"):
        read_file(doc)
    png = tmp_path / "scan.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(UnsupportedFormat, match="PNG image.*OCR"):
        read_file(png)


def test_read_file_keeps_hash_encoding_and_text(tmp_path):
    p = tmp_path / "a.md"
    p.write_bytes(cp1258_bytes(SAMPLE))
    src = read_file(p)
    assert src.text.startswith("Căn cứ") and src.encoding == "cp1258" and src.format == "md"
    assert src.notes == ("decoded as cp1258",) and len(src.sha256) == 64


def test_iter_files_recurses_and_reports_what_it_skips(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "y.pdf").write_bytes(b"%PDF")
    (tmp_path / "a" / "z.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "a" / "scan-no-suffix").write_bytes(b"%PDF-1.4\n")  # a PDF without its suffix is still read
    (tmp_path / "a" / "notes.csv").write_text("a,b", encoding="utf-8")
    (tmp_path / "a" / "~$plan.docx").write_bytes(b"\x0bowner")
    (tmp_path / "README.md").write_text("docs", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    files, skipped = iter_files([tmp_path])
    assert [f.name for f in files] == ["scan-no-suffix", "x.txt", "y.pdf"]
    reasons = {p.name: r for p, r in skipped}
    assert set(reasons) == {"z.png", "notes.csv", "~$plan.docx"}
    assert "PNG image" in reasons["z.png"] and ".csv" in reasons["notes.csv"] and "lock file" in reasons["~$plan.docx"]
    with pytest.raises(LoadError, match="no such file or folder"):
        iter_files([tmp_path / "nope"])


def test_iter_files_reads_a_file_named_twice_once_and_walks_in_sorted_order(tmp_path):
    (tmp_path / "b" / "sub").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    for p in ("b/2.txt", "b/1.txt", "b/sub/3.txt", "a/0.txt"):
        (tmp_path / p).write_text("x", encoding="utf-8")
    (tmp_path / "a" / "link.txt").symlink_to(tmp_path / "b" / "1.txt")  # the same file under another name
    (tmp_path / "c").symlink_to(tmp_path / "b", target_is_directory=True)  # a linked folder is not entered
    files, skipped = iter_files([tmp_path, tmp_path / "b" / "2.txt", tmp_path / "a"])
    rel = [str(f.relative_to(tmp_path)) for f in files]
    assert rel == ["a/0.txt", "a/link.txt", "b/2.txt", "b/sub/3.txt"] and skipped == []
