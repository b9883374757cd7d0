"""Read files into normalised text (``SourceText``) and find the files of a folder.

``decode_bytes`` is pure and tested on bytes; ``read_file`` only opens the file.
Text is normalised to NFC and every offset cancu records refers to that text,
which is kept with the graph so evidence can always be shown.
"""
from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

from graphmodel.errors import DecodeError, LoadError, UnsupportedFormat
from graphmodel.models import SourceText

#: Suffixes cancu reads, by format.
TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md"}
LATER_SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".rtf": "rtf"}
#: Vietnamese letters that only occur in Vietnamese text: a decoding that yields
#: them is more likely right than one that yields mojibake.
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ" "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
#: Files in a folder that document the folder rather than being documents.
FOLDER_DOCS = {"readme.md", "readme.txt", "license", "license.txt"}
MAX_BYTES = 64 * 1024 * 1024


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_guess(sample)):
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control / len(sample) > 0.05


def _utf16_guess(sample: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is mostly zero for Latin-based text."""
    if len(sample) < 4:
        return None
    even_zero = sum(1 for b in sample[0::2] if b == 0) / (len(sample) / 2)
    odd_zero = sum(1 for b in sample[1::2] if b == 0) / (len(sample) / 2)
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _score(text: str) -> float:
    """How Vietnamese a decoded text looks (higher is better)."""
    if not text:
        return 0.0
    viet = sum(1 for c in text if c in _VIETNAMESE)
    bad = text.count("\ufffd") + sum(1 for c in text if unicodedata.category(c) in ("Co", "Cs", "Cn"))
    return (viet - 10 * bad) / len(text)


def decode_bytes(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(nfc_text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 (with BOM, or guessed) are tried
    first; then charset-normalizer's best guesses and Windows-1258 compete on how
    Vietnamese the result looks.

    >>> decode_bytes("Căn cứ".encode("utf-8"))
    ('Căn cứ', 'utf-8')
    >>> decode_bytes("\\ufeffCăn cứ".encode("utf-8"))[0]
    'Căn cứ'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _nfc(data[3:].decode("utf-8", errors="strict"), source), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(data.decode("utf-16"), source), "utf-16"
    guess16 = _utf16_guess(data[:4096])
    if guess16:
        try:
            return _nfc(data.decode(guess16), source), guess16
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise DecodeError(source, "looks like a binary file, not text; convert it to .txt, .md, .docx or .pdf first")
    try:
        return _nfc(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    try:
        from charset_normalizer import from_bytes

        for match in list(from_bytes(data, cp_isolation=None))[:5]:
            try:
                text = data.decode(match.encoding)
            except (UnicodeDecodeError, LookupError):
                continue
            candidates.append((_score(text), match.encoding, text))
    except ImportError:  # pragma: no cover - declared dependency
        pass
    for enc in ("cp1258", "cp1252"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # cp1258 is the Vietnamese code page: a tie goes to it
        candidates.append((_score(text) + (1e-6 if enc == "cp1258" else 0.0), enc, text))
    if not candidates:
        raise DecodeError(source, "cannot decode the text (not UTF-8, UTF-16 or Windows-1258); save it as UTF-8 and load again")
    score, enc, text = max(candidates, key=lambda c: c[0])
    return _nfc(text, source), enc.replace("_", "-").lower()


def _nfc(text: str, source: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_file(path: str | os.PathLike) -> SourceText:
    """Read one file into a ``SourceText``; raise ``LoadError`` with the reason and the fix."""
    p = Path(path)
    if not p.exists():
        raise LoadError(p, "no such file; check the path")
    if p.is_dir():
        raise LoadError(p, "is a folder; give files, or load the folder with `cancu load`")
    suffix = p.suffix.lower()
    if suffix in LATER_SUFFIXES:
        raise UnsupportedFormat(p, f"{suffix} files are not read yet; save it as .txt (UTF-8) and load that")
    if suffix not in TEXT_SUFFIXES:
        raise UnsupportedFormat(p, f"unknown file type '{suffix or '(none)'}'; cancu reads .txt and .md")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(p, f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit; split it")
        data = p.read_bytes()
    except PermissionError as err:
        raise LoadError(p, "permission denied; check the file's permissions") from err
    except OSError as err:
        raise LoadError(p, f"cannot read: {err.strerror or err}") from err
    if not data.strip():
        raise LoadError(p, "file is empty")
    text, encoding = decode_bytes(data, source=str(p))
    notes = () if encoding.startswith("utf") else (f"decoded as {encoding}",)
    return SourceText(
        path=str(p),
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        format=TEXT_SUFFIXES[suffix],
        notes=notes,
    )


def iter_files(paths) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand files and folders (recursively) into the files cancu reads.

    Returns ``(files, skipped)`` where ``skipped`` lists ``(path, reason)`` for
    files inside folders that are not documents (hidden files, other suffixes).
    A missing path raises ``LoadError``.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise LoadError(p, "no such file or folder; check the path")
        if p.is_file():
            files.append(p)
            continue
        for dirpath, dirnames, filenames in os.walk(p):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                f = Path(dirpath) / name
                suffix = f.suffix.lower()
                if name.startswith(".") or name.lower() in FOLDER_DOCS:
                    continue
                if suffix in TEXT_SUFFIXES:
                    files.append(f)
                elif suffix in LATER_SUFFIXES:
                    skipped.append((f, f"{suffix} is not read yet"))
                else:
                    skipped.append((f, f"not a document type cancu reads ({suffix or 'no suffix'})"))
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, skipped
