"""Text typed in the legacy Vietnamese font encodings TCVN3 (ABC) and VNI, to Unicode.

Before Unicode, Vietnamese offices typed with ``.VnTime`` (TCVN3, TCVN 5712:1993)
or ``VNI-Times`` fonts: the file holds Western (Windows-1252) characters and the
font draws them as Vietnamese letters. Read without the font the text is
mojibake (``Céng hoµ x· héi chñ nghÜa ViÖt Nam``). The mappings are data,
``loaders/data/tcvn3.csv`` and ``loaders/data/vni.csv``, each row with its source.

Detection compares how many words are well-formed Vietnamese syllables before
and after conversion; genuine Unicode text is already well-formed and is left
alone.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from importlib import resources

#: How much better (share of well-formed syllables) a conversion must make the text.
MIN_GAIN = 0.15
#: ... and how good the converted text must be.
MIN_AFTER = 0.75

_INITIAL = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
#: The vowel groups of Vietnamese spelling (without tone marks), longest first.
_NUCLEI = sorted(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi "
    "ươ ưu yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu".split(), key=len, reverse=True)
_FINAL = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE_RE = re.compile(rf"^{_INITIAL}(?:{'|'.join(_NUCLEI)}){_FINAL}$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD_RE = re.compile(r"[^\W\d_]+")
_H_FONT_RE = re.compile(r"H$|H\b")
_ASCII_LOWER_RE = re.compile(r"[a-z]")
#: Characters of the upper half of Windows-1252 (and Latin-1): a text without any is not TCVN3/VNI.
_WESTERN_HIGH_RE = re.compile("[\u0080-\u00ff" + re.escape("ƒŒœŠšŸŽž€‚„…†‡ˆ‰‹›‘’“”•–—˜™") + "]")


def _data(name: str):
    with resources.files("loaders").joinpath("data", name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def tcvn3_table() -> dict[str, str]:
    """Character (as a Windows-1252 or Latin-1 reading of the byte) → Unicode.

    Only the ABC (VN3) letters and tone marks (bytes 0xA1-0xFF) are used: the
    capital toned letters of the full TCVN 5712 (VN1) set sit on control codes and
    on 0x80-0x9F, where .VnTime files keep Windows punctuation (– “ ” …).
    """
    table: dict[str, str] = {}
    for row in _data("tcvn3.csv"):
        if row["range"] == "vn1-upper":
            continue
        b = int(row["byte"], 16)
        table[bytes([b]).decode("latin-1")] = row["unicode"]
        try:
            table[bytes([b]).decode("cp1252")] = row["unicode"]
        except UnicodeDecodeError:
            pass
    return table


@functools.lru_cache(maxsize=1)
def _tcvn3_translation() -> dict[int, str]:
    """``tcvn3_table`` as a ``str.translate`` table (same result as a look-up per character)."""
    return {ord(k): v for k, v in tcvn3_table().items()}


@functools.lru_cache(maxsize=1)
def vni_table() -> dict[str, str]:
    """VNI sequence (one or two characters) → Unicode letter."""
    return {row["vni"]: row["unicode"] for row in _data("vni.csv")}


@functools.lru_cache(maxsize=1)
def _vni_re() -> re.Pattern:
    keys = sorted(vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def convert_tcvn3(text: str, *, upper: bool = False) -> str:
    """TCVN3 (ABC) text read as Windows-1252 → Unicode (NFC).

    ``upper`` is for runs in the capital fonts (``.VnTimeH``), which draw the
    lowercase codes as capitals.

    >>> convert_tcvn3("B¶o Th¾ng")
    'Bảo Thắng'
    """
    out = text.translate(_tcvn3_translation())
    if upper:
        out = out.upper()
    else:
        out = _restore_caps(text, out)
    return unicodedata.normalize("NFC", out)


def convert_vni(text: str) -> str:
    """VNI text read as Windows-1252 → Unicode (NFC).

    >>> convert_vni("Xin chaøo caùc baïn")
    'Xin chào các bạn'
    """
    table = vni_table()
    return unicodedata.normalize("NFC", _vni_re().sub(lambda m: table[m.group(0)], text))


def _restore_caps(before: str, after: str) -> str:
    """TCVN3 has no capital toned letters: a word typed in capitals (``CéNG``) gets them back."""
    if len(before) != len(after):
        return after
    out = list(after)
    for m in _WORD_RE.finditer(before):
        word = m.group(0)
        if _ASCII_LOWER_RE.search(word):  # a small ASCII letter: not typed in capitals
            continue
        ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) and word != after[m.start():m.end()]:
            out[m.start():m.end()] = after[m.start():m.end()].upper()
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: initial, 1-3 vowels, final, at most one tone.

    Cached: a text repeats a few thousand syllables (``syllable_ratio`` asks for each word).
    """
    d = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in d if c in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return bool(_SYLLABLE_RE.match(base))


def syllable_ratio(text: str, *, limit: int = 4000) -> float:
    """Share of the words (up to ``limit``) of ``text`` that are Vietnamese syllables."""
    words = [w for w in _WORD_RE.findall(text[: limit * 12])[:limit]]
    if not words:
        return 0.0
    return sum(map(is_syllable, words)) / len(words)


def _marked(text: str, table) -> int:
    return sum(1 for c in text if c in table and not ("a" <= c.lower() <= "z"))


def detect_legacy(text: str) -> str | None:
    """``'tcvn3'``, ``'vni'`` or ``None``: the legacy encoding ``text`` looks typed in.

    >>> detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    'tcvn3'
    >>> detect_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    'vni'
    >>> detect_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam") is None
    True
    """
    sample = text[:60000]
    if not _WESTERN_HIGH_RE.search(sample):
        return None
    before = syllable_ratio(sample)
    if 1.0 - before < MIN_GAIN:  # no conversion can gain MIN_GAIN (after <= 1): already Vietnamese
        return None
    best, best_score = None, before
    for name, conv in (("tcvn3", convert_tcvn3), ("vni", convert_vni)):
        after = syllable_ratio(conv(sample))
        if after >= MIN_AFTER and after - before >= MIN_GAIN and after > best_score:
            best, best_score = name, after
    return best


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """The legacy encoding a font name implies, and whether it draws capitals.

    >>> font_encoding(".VnTimeH")
    ('tcvn3', True)
    >>> font_encoding("VNI-Times")
    ('vni', False)
    """
    if not font:
        return None, False
    name = font.strip()
    if name.startswith(".Vn") or name.startswith("Vn") and name[2:3].isupper() and " " not in name[:6]:
        return "tcvn3", bool(re.search(r"H(?:\s|$)", name))
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return "vni", False
    return None, False


def _unicode_only(line: str) -> bool:
    """Has a character no Windows-1252 file can hold (ơ, ư, ạ ...): the line is real Unicode."""
    return any(ord(c) > 0xFF and c not in _CP1252_HIGH for c in line)


_CP1252_HIGH = set(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def fix_text(text: str) -> tuple[str, str | None]:
    """Convert ``text`` if it is TCVN3 or VNI; returns ``(text, encoding or None)``.

    A text that holds only Windows-1252 characters is converted whole. In a
    mixed text (legacy lines pasted into a Unicode file) lines with letters only
    Unicode has stay as they are, and the others are converted when that makes
    them more Vietnamese.
    """
    enc = detect_legacy(text)
    if enc is None:
        return text, None
    conv = convert_tcvn3 if enc == "tcvn3" else convert_vni
    if not _unicode_only(text):
        return conv(text), enc
    out = []
    for line in text.split("\n"):
        if not line.strip() or _unicode_only(line):
            out.append(line)
            continue
        new = conv(line)
        out.append(new if syllable_ratio(new) >= syllable_ratio(line) else line)
    return "\n".join(out), enc
