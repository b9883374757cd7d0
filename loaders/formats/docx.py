"""Word .docx → text, with python-docx opening the package.

Paragraphs come in document order, one block each, blocks separated by a blank
line (``\\n\\n``); a line break inside a paragraph stays a single ``\\n``.
Automatic numbering, which Word draws but does not store as text, is computed
from the numbering part (``numPr`` of the paragraph or its style; the levels'
``start``, ``numFmt``, ``lvlText``, restarts and overrides) and written as the
label Word shows (``1.``, ``a)``, ``II.``, ``1.2.``); bullets become ``-`` (or
``+`` when the bullet is a plus). Tables are read row by row, cell by cell
(merged cells once), nested tables inside their cell: the two-column header
table (agency | motto) gives the agency lines then the motto, a signature
table gives *Nơi nhận* then the signature. Text boxes follow the paragraph
that anchors them. Deleted revisions, field codes and hidden text are left
out. Runs in TCVN3 (``.VnTime``) or VNI (``VNI-Times``) fonts are converted to
Unicode and reported in the notes.
"""
from __future__ import annotations

import io
import re
import zipfile

from graphmodel.errors import LoadError

from . import vnfonts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, attr: str = "val"):
    return None if el is None else el.get(_q(attr))


_P, _TBL, _TR, _TC, _SDT, _SDTCONTENT = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("sdt"), _q("sdtContent")
_R, _T, _TAB, _BR, _CR = _q("r"), _q("t"), _q("tab"), _q("br"), _q("cr")
_TXBX = _q("txbxContent")
#: containers whose children are read as if they stood in place
_TRANSPARENT = {_q(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "dir", "bdo",
                                 "sdt", "sdtContent")}
#: subtrees that are not shown text
_SKIP = {_q(t) for t in ("del", "moveFrom", "pPr", "rPr", "delText", "instrText", "delInstrText", "footnoteReference",
                          "endnoteReference", "commentReference", "annotationRef")} | {f"{{{MC}}}Fallback"}

_MAX_DEPTH = 60  # nested tables/text boxes deeper than this are read flat


# --- numbering ---------------------------------------------------------------

def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letter(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str | None) -> str:
    """One counter in a Word number format (``decimal``, ``lowerLetter``, ``upperRoman`` ...).

    >>> [format_number(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['4', 'd', 'IV', '04']
    """
    fmt = fmt or "decimal"
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and formats cancu does not draw (ordinal, cardinalText, ...)


_BULLET_PLUS = {"+", "\uf02b"}


def bullet_text(lvl_text: str | None) -> str:
    """A bullet as text: ``+`` for a plus, else ``-`` (Symbol/Wingdings glyphs are private-use codes)."""
    t = (lvl_text or "").strip()
    if t in _BULLET_PLUS:
        return "+"
    return "-"


class _Level:
    __slots__ = ("start", "fmt", "text", "suff", "legal", "restart")

    def __init__(self, lvl):
        self.start = int(_val(lvl.find(_q("start"))) or 1) if lvl is not None else 1
        self.fmt = _val(lvl.find(_q("numFmt"))) if lvl is not None else "decimal"
        self.text = _val(lvl.find(_q("lvlText"))) if lvl is not None else None
        self.suff = _val(lvl.find(_q("suff"))) if lvl is not None else None
        self.legal = lvl is not None and lvl.find(_q("isLgl")) is not None and _val(lvl.find(_q("isLgl"))) not in ("0", "false")
        r = _val(lvl.find(_q("lvlRestart"))) if lvl is not None else None
        self.restart = int(r) if r is not None and r.lstrip("-").isdigit() else None


class Numbering:
    """Computes the label of each numbered paragraph, in document order."""

    def __init__(self, numbering_el, styles_el):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if styles_el is not None:
            for st in styles_el.iter(_q("style")):
                sid = st.get(_q("styleId"))
                based = _val(st.find(_q("basedOn")))
                if sid and based:
                    self.style_based[sid] = based
                numpr = st.find(f"{_q('pPr')}/{_q('numPr')}")
                if sid and numpr is not None:
                    ilvl = _val(numpr.find(_q("ilvl")))
                    self.style_numpr[sid] = (_val(numpr.find(_q("numId"))),
                                             int(ilvl) if ilvl and ilvl.isdigit() else None)
        if numbering_el is None:
            return
        for an in numbering_el.iter(_q("abstractNum")):
            aid = an.get(_q("abstractNumId"))
            self.abstract[aid] = {int(lvl.get(_q("ilvl"), "0")): _Level(lvl) for lvl in an.findall(_q("lvl"))
                                  if (lvl.get(_q("ilvl"), "0")).isdigit()}
            link = _val(an.find(_q("numStyleLink")))
            if link:
                self.style_links[aid] = link
        for num in numbering_el.iter(_q("num")):
            nid = num.get(_q("numId"))
            aid = _val(num.find(_q("abstractNumId")))
            starts, levels = {}, {}
            for ov in num.findall(_q("lvlOverride")):
                il = ov.get(_q("ilvl"), "0")
                if not il.isdigit():
                    continue
                so = _val(ov.find(_q("startOverride")))
                if so is not None and so.lstrip("-").isdigit():
                    starts[int(il)] = int(so)
                lvl = ov.find(_q("lvl"))
                if lvl is not None:
                    levels[int(il)] = _Level(lvl)
            self.nums[nid] = (aid, starts, levels)

    def _style_numpr(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numpr:
                return self.style_numpr[style]
            style = self.style_based.get(style)
        return None, None

    def _abstract_levels(self, aid: str | None, depth: int = 0) -> dict[int, _Level]:
        levels = self.abstract.get(aid, {})
        if not levels and aid in self.style_links and depth < 3:
            nid, _ = self._style_numpr(self.style_links[aid])
            if nid in self.nums:
                return self._abstract_levels(self.nums[nid][0], depth + 1)
        return levels

    def label(self, p) -> str | None:
        """The label (with its trailing separator) Word draws before paragraph ``p``, or None."""
        ppr = p.find(_q("pPr"))
        numpr = ppr.find(_q("numPr")) if ppr is not None else None
        style = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        s_num, s_lvl = self._style_numpr(style)
        num_id = _val(numpr.find(_q("numId"))) if numpr is not None else None
        ilvl = _val(numpr.find(_q("ilvl"))) if numpr is not None else None
        num_id = num_id if num_id is not None else s_num
        level = int(ilvl) if ilvl is not None and ilvl.isdigit() else (s_lvl or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        level = max(0, min(level, 8))
        aid, starts, overrides = self.nums[num_id]
        levels = dict(self._abstract_levels(aid))
        levels.update(overrides)
        key = num_id if (starts or overrides) else f"a{aid}"
        counters = self.counters.setdefault(key, [None] * 9)
        if key not in self.started:
            self.started.add(key)
        lv = levels.get(level) or _Level(None)
        start_of = lambda i: starts.get(i, (levels.get(i) or _Level(None)).start)  # noqa: E731
        counters[level] = start_of(level) if counters[level] is None else counters[level] + 1
        for deeper in range(level + 1, 9):
            dl = levels.get(deeper)
            if dl is None or dl.restart is None or dl.restart != 0 and dl.restart <= level + 1:
                counters[deeper] = None
        if lv.fmt == "bullet":
            text = bullet_text(lv.text)
        elif lv.fmt == "none" and not (lv.text and "%" in lv.text):
            text = (lv.text or "").strip()
        else:
            template = lv.text if lv.text is not None else f"%{level + 1}."

            def sub(m):
                i = int(m.group(1)) - 1
                if not 0 <= i <= 8:
                    return ""
                n = counters[i] if counters[i] is not None else start_of(i)
                fmt = (levels.get(i) or _Level(None)).fmt
                return format_number(n, "decimal" if lv.legal and fmt not in ("none",) else fmt)

            text = re.sub(r"%(\d)", sub, template).strip()
        if not text:
            return None
        return text + ("" if lv.suff == "nothing" else " ")


# --- fonts (for legacy encodings) --------------------------------------------

class _Fonts:
    """The font a run is drawn in: run → character style → paragraph style → defaults."""

    def __init__(self, styles_el):
        self.style_font: dict[str, str | None] = {}
        self.style_caps: dict[str, bool] = {}
        self.based: dict[str, str] = {}
        self.default: str | None = None
        if styles_el is None:
            return
        rpr = styles_el.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}")
        self.default = self._font_of(rpr)
        for st in styles_el.iter(_q("style")):
            sid = st.get(_q("styleId"))
            if not sid:
                continue
            based = _val(st.find(_q("basedOn")))
            if based:
                self.based[sid] = based
            rpr = st.find(_q("rPr"))
            f = self._font_of(rpr)
            if f:
                self.style_font[sid] = f
            if rpr is not None and rpr.find(_q("caps")) is not None:
                self.style_caps[sid] = _val(rpr.find(_q("caps"))) not in ("0", "false")

    @staticmethod
    def _font_of(rpr) -> str | None:
        if rpr is None:
            return None
        rf = rpr.find(_q("rFonts"))
        if rf is None:
            return None
        return rf.get(_q("ascii")) or rf.get(_q("hAnsi")) or rf.get(_q("cs"))

    def _chain(self, sid, table):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in table:
                return table[sid]
            sid = self.based.get(sid)
        return None

    def run_font(self, rpr, pstyle: str | None) -> str | None:
        f = self._font_of(rpr)
        if f:
            return f
        rstyle = _val(rpr.find(_q("rStyle"))) if rpr is not None else None
        return self._chain(rstyle, self.style_font) or self._chain(pstyle, self.style_font) or self.default

    def caps(self, rpr, pstyle: str | None) -> bool:
        if rpr is not None and rpr.find(_q("caps")) is not None:
            return _val(rpr.find(_q("caps"))) not in ("0", "false")
        rstyle = _val(rpr.find(_q("rStyle"))) if rpr is not None else None
        return bool(self._chain(rstyle, self.style_caps) or self._chain(pstyle, self.style_caps))


# --- the walk -----------------------------------------------------------------

class _Reader:
    def __init__(self, numbering: Numbering, fonts: _Fonts):
        self.numbering = numbering
        self.fonts = fonts
        self.blocks: list[str] = []
        self.legacy: dict[str, int] = {}
        self.hidden = 0
        self.flattened = False

    def container(self, el, depth: int = 0) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, depth)
            elif tag == _TBL:
                self.table(child, depth)
            elif tag in (_SDT, _SDTCONTENT, _q("customXml")) or tag == f"{{{MC}}}AlternateContent" \
                    or tag == f"{{{MC}}}Choice":
                self.container(child, depth)

    def table(self, tbl, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.flattened = True
            text = "".join(t.text or "" for t in tbl.iter(_T))
            if text.strip():
                self.blocks.append(text)
            return
        for tr in tbl.iter(_TR):
            if tr.getparent() is not tbl:
                continue
            for tc in tr.findall(_TC):
                vmerge = tc.find(f"{_q('tcPr')}/{_q('vMerge')}")
                if vmerge is not None and _val(vmerge) in (None, "continue"):
                    continue  # a vertically merged cell was read in its first row
                self.container(tc, depth + 1)

    def paragraph(self, p, depth: int) -> None:
        ppr = p.find(_q("pPr"))
        pstyle = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        parts: list[str] = []
        boxes: list = []
        self._inline(p, pstyle, parts, boxes)
        text = "".join(parts)
        # tidy: no spaces at line ends, no empty lines inside a paragraph
        lines = [ln.strip(" \u00a0") for ln in text.split("\n")]
        text = "\n".join(ln for ln in lines if ln.strip())
        if text.strip():
            label = self.numbering.label(p)
            if label:
                text = label + text.lstrip()
            self.blocks.append(text)
        elif ppr is not None and ppr.find(_q("numPr")) is not None:
            self.numbering.label(p)  # an empty numbered paragraph still counts in Word
        for box in boxes:
            self.container(box, depth + 1)

    def _inline(self, el, pstyle, parts: list[str], boxes: list) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self._run(child, pstyle, parts, boxes)
            elif tag in _SKIP:
                continue
            elif tag in _TRANSPARENT:
                self._inline(child, pstyle, parts, boxes)
            elif tag == f"{{{M}}}oMath" or tag == f"{{{M}}}oMathPara":
                parts.append("".join(t.text or "" for t in child.iter(f"{{{M}}}t")))

    def _run(self, r, pstyle, parts: list[str], boxes: list) -> None:
        rpr = r.find(_q("rPr"))
        if rpr is not None and rpr.find(_q("vanish")) is not None and _val(rpr.find(_q("vanish"))) not in ("0", "false"):
            self.hidden += 1
            return
        buf: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _T:
                buf.append(child.text or "")
            elif tag in (_TAB, _q("ptab")):
                buf.append("\t")
            elif tag in (_BR, _CR):
                buf.append("\n")
            elif tag == _q("noBreakHyphen"):
                buf.append("-")
            elif tag in _SKIP:
                continue
            else:
                for box in child.iter(_TXBX):
                    if not any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                        boxes.append(box)
        text = "".join(buf)
        if not text:
            return
        enc, upper = vnfonts.font_encoding(self.fonts.run_font(rpr, pstyle))
        if enc == "tcvn3":
            text = vnfonts.convert_tcvn3(text, upper=upper)
            self.legacy[enc] = self.legacy.get(enc, 0) + 1
        elif enc == "vni":
            text = vnfonts.convert_vni(text)
            self.legacy[enc] = self.legacy.get(enc, 0) + 1
        if self.fonts.caps(rpr, pstyle):
            text = text.upper()
        parts.append(text)


def read_docx(data: bytes, *, source: str = "<docx>") -> tuple[str, list[str]]:
    """The text of a .docx and notes on how it was read; ``LoadError`` if it cannot be read."""
    try:
        import docx  # python-docx
    except ImportError as err:  # pragma: no cover - declared dependency
        raise LoadError(source, "reading .docx needs python-docx; install it with `pip install python-docx`") from err
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise LoadError(source, "is a zip file but not a Word document (no word/document.xml)")
            bad = zf.testzip()
            if bad:
                raise LoadError(source, f"is damaged (the part {bad} fails its checksum); open it in Word and save it again")
        document = docx.Document(io.BytesIO(data))
    except LoadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as err:
        raise LoadError(source, f"is damaged or truncated (not a complete .docx: {err}); open it in Word and save it again") from err
    except KeyError as err:
        raise LoadError(source, f"is damaged (a part is missing: {err}); open it in Word and save it again") from err
    except Exception as err:  # lxml XMLSyntaxError, python-docx PackageNotFoundError, ValueError ...
        raise LoadError(source, f"is damaged and cannot be read as .docx ({type(err).__name__}: {err}); "
                                "open it in Word and save it again") from err
    part = document.part
    try:
        numbering_el = part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering_el = None
    try:
        styles_el = document.styles.element
    except (KeyError, AttributeError):
        styles_el = None
    reader = _Reader(Numbering(numbering_el, styles_el), _Fonts(styles_el))
    reader.container(document.element.body)
    notes: list[str] = []
    if reader.legacy:
        for enc, n in sorted(reader.legacy.items()):
            notes.append(f"{n} runs in {'TCVN3 (.VnTime)' if enc == 'tcvn3' else 'VNI'} fonts converted to Unicode")
    if reader.hidden:
        notes.append(f"{reader.hidden} hidden runs left out")
    if reader.flattened:
        notes.append(f"warning: tables nested over {_MAX_DEPTH} deep were read flat (the order of their cells may be lost)")
    return "\n\n".join(reader.blocks), notes
