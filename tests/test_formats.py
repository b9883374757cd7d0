"""The corpus written out as .docx and .pdf reads back to the same facts as the .txt.

The test writes each ../shared/corpus document itself: as .docx with python-docx
(blocks as paragraphs, lines as line breaks, Markdown bold as bold runs,
``#`` headings as heading styles; in a second rendering the written labels
``I.``, ``1.``, ``a)``, ``-``, ``+`` become Word automatic numbering, which the
reader must compute back) and as .pdf with fpdf2 and the DejaVu font (lines
wrapped to the page width, page numbers from page 2, which the reader must undo).
The extraction (documents' metadata, citations as (symbol, relation), and
responsibilities as (agency, role)) must equal the .txt's.

Also here: the readers' behaviour on small made-up files (numbering formats,
header tables, merged cells, line joining, scanned PDFs, RTF, .doc through a
converter, TCVN3 and VNI).
"""
from __future__ import annotations

import io
import re
import shutil
import stat
import sys
import unicodedata
from collections import Counter
import os
from pathlib import Path

import pytest

import docx  # a declared dependency
import fpdf  # the test extra (fpdf2): a missing one fails the run, never skips

from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from graphmodel.errors import LoadError  # noqa: E402
from loaders.extract import extract_source  # noqa: E402
from loaders.formats import vnfonts  # noqa: E402
from loaders.formats.docx import format_number  # noqa: E402
from loaders.formats.legacy import find_doc_tool  # noqa: E402
from loaders.read import read_data, read_file  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def _font(name: str) -> Path:
    for d in FONT_DIRS:
        if (d / name).exists():
            return d / name
    raise AssertionError(f"{name} not found: install Debian's fonts-dejavu-core")


# --- writing the corpus out ------------------------------------------------------

_BOLD_RE = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LEAD_RE = re.compile(r"^(#{1,6})\s+")
_LABELS = (  # (level, number format, regex of a written label, Word lvlText)
    (0, "upperRoman", re.compile(r"^(?P<n>[IVX]{1,5})\.\s+"), "%1."),
    (1, "decimal", re.compile(r"^(?P<n>\d{1,2})\.\s+"), "%2."),
    (2, "lowerLetter", re.compile(r"^(?P<n>[a-z])\)\s+"), "%3)"),
    (3, "bullet", re.compile(r"^-\s+"), "-"),
    (4, "bullet", re.compile(r"^\+\s+"), "+"),
)


def _roman_value(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, c in enumerate(s):
        v = vals[c]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def _written_number(level: int, n: str) -> int | None:
    if level == 0:
        return _roman_value(n)
    if level == 1:
        return int(n)
    if level == 2:
        return ord(n) - ord("a") + 1
    return None


def blocks_of(txt: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of lines."""
    return [[ln.rstrip() for ln in b.split("\n") if ln.strip()] for b in re.split(r"\n\s*\n", txt) if b.strip()]


def _strip_md(line: str) -> tuple[str, int]:
    """A line without Markdown heading marks: (text, heading level or 0)."""
    m = _MD_LEAD_RE.match(line)
    if m:
        return line[m.end():], len(m.group(1))
    return line, 0


def _add_runs(par, text: str, bold: bool) -> bool:
    """Runs of ``text`` with Markdown ``**`` toggling bold (a bold span may cross lines); the bold state after."""
    for i, piece in enumerate(re.split(r"\*\*|__", text)):
        if i:
            bold = not bold
        if piece:
            par.add_run(piece).bold = bold
    return bold


class _NumberingWriter:
    """Word numbering as a clerk's Word would store it: one abstract list, a new instance per restart."""

    def __init__(self, document):
        self.part = document.part.numbering_part
        self.el = self.part.element
        lvls = []
        for level, fmt, _, text in _LABELS:
            font = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>' if level == 3 else ""
            # level 3 is drawn with a Symbol bullet (private-use code) as Word does
            lvl_text = "\uf02d" if level == 3 else text
            lvls.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{lvl_text}"/><w:suff w:val="{"tab" if level < 3 else "space"}"/>{font}</w:lvl>'
            )
        self.abstract_id = 900
        an = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self.abstract_id}">{"".join(lvls)}</w:abstractNum>')
        first_num = self.el.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(an)
        else:
            self.el.append(an)
        self.next_id = 900
        self.current: str | None = None
        self.counters: list[int | None] = [None] * 5

    def _new_num(self, starts: dict[int, int]) -> str:
        nid = str(self.next_id)
        self.next_id += 1
        overrides = "".join(f'<w:lvlOverride w:ilvl="{lv}"><w:startOverride w:val="{n}"/></w:lvlOverride>'
                            for lv, n in starts.items())
        self.el.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{self.abstract_id}"/>'
                                 f"{overrides}</w:num>"))
        return nid

    def number(self, par, level: int, n: int | None) -> None:
        """Give ``par`` automatic number ``n`` at ``level``; a new list instance when Word's count would differ."""
        expected = None
        if self.current is not None:
            c = self.counters[level]
            expected = 1 if c is None else c + 1
        if self.current is None or (n is not None and n != expected):
            self.current = self._new_num({level: n} if n is not None and n != 1 else {})
            self.counters = [None] * 5
        self.counters[level] = n if n is not None else 1
        for deeper in range(level + 1, 5):
            self.counters[deeper] = None
        ppr = par._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{self.current}"/></w:numPr>'))


def write_docx(txt: str, path: Path, *, numbering: bool = False) -> Path:
    document = docx.Document()
    nw = _NumberingWriter(document) if numbering else None
    for block in blocks_of(txt):
        lines = [_strip_md(ln) for ln in block]
        heading = lines[0][1]
        par = document.add_paragraph(style=f"Heading {min(heading, 6)}" if heading else None)
        first = lines[0][0]
        if nw is not None:
            lead = "**" if first.startswith("**") else ""
            bare = first[len(lead):]
            for level, fmt, rx, _ in _LABELS:
                m = rx.match(bare)
                if m:
                    n = _written_number(level, m.group("n")) if "n" in rx.groupindex else None
                    nw.number(par, level, n)
                    first = lead + bare[m.end():]
                    break
        bold = False
        for i, (line, _) in enumerate([(first, 0)] + lines[1:]):
            if i:
                par.add_run().add_break()
            bold = _add_runs(par, line.rstrip(), bold)
    document.save(path)
    return path


def write_pdf(txt: str, path: Path) -> Path:
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font("DejaVuSans-Bold.ttf")))
    pdf.set_margins(20, 20, 15)
    pdf.set_auto_page_break(True, margin=20)

    def header():
        if pdf.page_no() > 1:
            pdf.set_font("DejaVu", "", 9)
            pdf.set_y(8)
            pdf.cell(0, 5, str(pdf.page_no()), align="C")
            pdf.set_y(20)

    pdf.header = header
    pdf.add_page()
    for block in blocks_of(txt):
        for line in block:
            line, heading = _strip_md(line)
            bold = bool(heading) or line.startswith("**")
            line = _BOLD_RE.sub(r"\2", line).replace("**", "")
            pdf.set_font("DejaVu", "B" if bold else "", 12)
            pdf.multi_cell(0, 6, line, align="J" if len(line) > 80 else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))
    return path


# --- comparing extractions -----------------------------------------------------

def _facts(src):
    exs = extract_source(src)
    docs, cites, resps = [], Counter(), Counter()
    for ex in exs:
        d = ex.document
        docs.append((d.doc_type, d.symbol, d.date, d.place, d.issuer, d.jurisdiction,
                     " ".join((d.title or "").split()), d.signer.name if d.signer else None))
        for c in ex.citations:
            cites[(c.symbol_corrected or c.symbol or c.name or " ".join(c.quote.split())[:60], c.relation)] += 1
        for r in ex.responsibilities:
            resps[(" ".join(r.agency.split()), r.role)] += 1
    return docs, cites, resps


def _diff(a: Counter, b: Counter) -> dict:
    return {"missing": dict(a - b), "extra": dict(b - a)}


CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def txt_facts():
    return {f.name: _facts(read_file(f)) for f in CORPUS_FILES}


def test_corpus_is_there():
    assert len(CORPUS_FILES) >= 5


@pytest.mark.parametrize("numbering", [False, True], ids=["docx", "docx-numbered"])
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_docx_rendering_gives_the_same_facts(path, numbering, tmp_path, txt_facts):
    out = write_docx(path.read_text(encoding="utf-8"), tmp_path / (path.stem + ".docx"), numbering=numbering)
    src = read_file(out)
    assert src.format == "docx"
    docs, cites, resps = _facts(src)
    t_docs, t_cites, t_resps = txt_facts[path.name]
    assert docs == t_docs
    assert _diff(t_cites, cites) == {"missing": {}, "extra": {}}
    assert _diff(t_resps, resps) == {"missing": {}, "extra": {}}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_pdf_rendering_gives_the_same_facts(path, tmp_path, txt_facts):
    out = write_pdf(path.read_text(encoding="utf-8"), tmp_path / (path.stem + ".pdf"))
    src = read_file(out)
    assert src.format == "pdf"
    docs, cites, resps = _facts(src)
    t_docs, t_cites, t_resps = txt_facts[path.name]
    assert docs == t_docs
    assert _diff(t_cites, cites) == {"missing": {}, "extra": {}}
    assert _diff(t_resps, resps) == {"missing": {}, "extra": {}}


# --- .docx reader on made-up files ----------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_from_xml(body: str, *, numbering: str = "", path: Path | None = None) -> bytes:
    """A .docx whose body is ``body`` (WordprocessingML) and whose numbering part gets ``numbering``."""
    document = docx.Document()
    if numbering:
        el = document.part.numbering_part.element
        for child in parse_xml(f"<w:numbering {W_NS}>{numbering}</w:numbering>"):
            el.append(child)
    body_el = document.element.body
    sect = body_el.find(qn("w:sectPr"))
    for child in list(body_el):
        if child is not sect:
            body_el.remove(child)
    for child in parse_xml(f"<w:body {W_NS}>{body}</w:body>"):
        sect.addprevious(child)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def p(text: str, *, num: tuple[int, int] | None = None, extra: str = "") -> str:
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f'<w:p>{numpr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>{extra}</w:p>'


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


PLAN_NUMBERING = (
    '<w:abstractNum w:abstractNumId="50">'
    + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.") + lvl(2, "lowerLetter", "%3)")
    + lvl(3, "bullet", "\uf0b7") + lvl(4, "bullet", "+")
    + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="51">'
    + lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2.") + lvl(2, "decimal", "%1.%2.%3.", extra="<w:isLgl/>")
    + '</w:abstractNum>'
    '<w:num w:numId="50"><w:abstractNumId w:val="50"/></w:num>'
    '<w:num w:numId="51"><w:abstractNumId w:val="51"/></w:num>'
    '<w:num w:numId="52"><w:abstractNumId w:val="50"/>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
)


def test_docx_numbering_is_computed_as_word_draws_it():
    body = "".join([
        p("MỤC ĐÍCH", num=(50, 0)), p("Mục đích", num=(50, 1)), p("Yêu cầu", num=(50, 1)),
        p("chi tiết", num=(50, 2)), p("chi tiết nữa", num=(50, 2)), p("ý", num=(50, 3)), p("ý nhỏ", num=(50, 4)),
        p("NỘI DUNG", num=(50, 0)), p("lại từ một", num=(50, 1)),
        p("Đoạn không số"),
        p("Chương", num=(51, 0)), p("Mục", num=(51, 1)), p("Tiểu mục", num=(51, 2)),
        p("tiếp từ năm", num=(52, 1)), p("sáu", num=(52, 1)),
        p("không đánh số", num=(0, 0)),
    ])
    src = read_data(docx_from_xml(body, numbering=PLAN_NUMBERING), "plan.docx")
    assert src.text.split("\n\n") == [
        "I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu", "a) chi tiết", "b) chi tiết nữa", "- ý", "+ ý nhỏ",
        "II. NỘI DUNG", "1. lại từ một",
        "Đoạn không số",
        "1. Chương", "1.1. Mục", "1.1.1. Tiểu mục",
        "5. tiếp từ năm", "6. sáu",
        "không đánh số",
    ]


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "decimal", "1"), (12, "decimalZero", "12"), (3, "decimalZero", "03"), (27, "lowerLetter", "aa"),
    (4, "upperLetter", "D"), (9, "lowerRoman", "ix"), (14, "upperRoman", "XIV"), (7, "ordinal", "7"),
])
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_docx_numbering_from_the_paragraph_style():
    d = docx.Document()
    for t in ("một", "hai"):
        d.add_paragraph(t, style="List Number")
    d.add_paragraph("chấm", style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    assert read_data(buf.getvalue(), "s.docx").text == "1. một\n\n2. hai\n\n- chấm"


def _cell(*texts, extra_pr=""):
    return f"<w:tc><w:tcPr>{extra_pr}</w:tcPr>" + "".join(p(t) for t in texts) + "</w:tc>"


def test_docx_header_and_signature_tables_read_in_reading_order(txt_facts):
    header = ("<w:tbl><w:tr>" + _cell("UBND TỈNH KIÊN GIANG", "VĂN PHÒNG")
              + _cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc") + "</w:tr><w:tr>"
              + _cell("Số: 1152/VP-KGVX", "V/v triển khai thực hiện công tác bình đẳng giới năm 2021.")
              + _cell("Kiên Giang, ngày 25 tháng 02 năm 2021") + "</w:tr></w:tbl>")
    body = "".join(p(t) for t in [
        "Kính gửi: Sở Lao động - Thương binh và Xã hội.",
        "Phó Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:",
        "Giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ban, ngành có liên quan tổ chức thực hiện.",
    ])
    signature = ("<w:tbl><w:tr>" + _cell("Nơi nhận:", "- Như trên;", "- Lưu: VT.")
                 + _cell("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn A") + "</w:tr></w:tbl>")
    src = read_data(docx_from_xml(header + body + signature), "cv.docx")
    order = ["UBND TỈNH KIÊN GIANG", "CỘNG HÒA", "Số: 1152", "Kiên Giang, ngày", "Kính gửi", "Nơi nhận", "KT. CHÁNH"]
    positions = [src.text.index(s) for s in order]
    assert positions == sorted(positions)
    (ex,) = extract_source(src)
    doc = ex.document
    assert doc.symbol == "1152/VP-KGVX" and doc.date == "2021-02-25" and doc.place == "Kiên Giang"
    assert "KIÊN GIANG" in (doc.issuer or "").upper()
    assert doc.signer and doc.signer.name == "Nguyễn Văn A"


def test_docx_merged_cells_text_boxes_revisions_and_hidden_text():
    merged = ("<w:tbl><w:tr>" + _cell("gộp ngang", extra_pr='<w:gridSpan w:val="2"/>') + "</w:tr>"
              "<w:tr>" + _cell("gộp dọc", extra_pr='<w:vMerge w:val="restart"/>') + _cell("bên phải") + "</w:tr>"
              "<w:tr>" + _cell("", extra_pr="<w:vMerge/>") + _cell("dưới") + "</w:tr></w:tbl>")
    box = ('<w:p><w:r><w:t>neo</w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
           '<v:textbox><w:txbxContent>' + p("chữ trong khung") + '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    revisions = ('<w:p><w:r><w:t xml:space="preserve">giữ </w:t></w:r><w:del w:id="1" w:author="a">'
                 '<w:r><w:delText>đã xoá</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>thêm</w:t></w:r>'
                 '</w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>'
                 '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 3</w:t></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    src = read_data(docx_from_xml(merged + box + revisions), "m.docx")
    assert src.text.split("\n\n") == ["gộp ngang", "gộp dọc", "bên phải", "dưới", "neo", "chữ trong khung",
                                      "giữ thêm 3"]
    assert "1 hidden runs left out" in src.notes


# --- legacy encodings: TCVN3 (ABC) and VNI ----------------------------------------------

def _inverse(table: dict[str, str], *, cp1252: bool = True) -> dict[str, str]:
    inv = {}
    for k, v in table.items():
        if len(k) == 1 and (not cp1252 or k == k.encode("cp1252", errors="ignore").decode("cp1252", errors="ignore")):
            inv.setdefault(v, k)
    return inv


def to_tcvn3(text: str) -> str:
    """Unicode → how .VnTime text reads as Windows-1252 (capital toned letters typed lowercase, as ABC has none)."""
    inv = {}
    for k, v in vnfonts.tcvn3_table().items():
        try:
            k.encode("cp1252")
        except UnicodeEncodeError:
            continue
        inv.setdefault(v, k)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inv and not ("\u0300" <= ch <= "\u0323"):
            out.append(inv[ch])
        elif ch.lower() in inv and ch.lower() != ch:
            out.append(inv[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def to_vni(text: str) -> str:
    inv = {v: k for k, v in vnfonts.vni_table().items()}
    return "".join(inv.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# published examples: vietnamese-conversion's README (VNI) and a convertTcvn3ToUnicode usage example (TCVN3),
# both found with the search tool. The same page's "Mường Khương" is left out: TCVN3 writes ư as byte 0xAD, a soft
# hyphen, which the stored copy of the page had dropped.
@pytest.mark.parametrize("legacy, unicode_, enc", [
    ("B¶o Th¾ng", "Bảo Thắng", "tcvn3"),
    ("M\u00adêng Kh\u00ad¬ng", "Mường Khương", "tcvn3"),
    ("B¸t X¸t", "Bát Xát", "tcvn3"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn", "vni"),
])
def test_published_legacy_examples_convert(legacy, unicode_, enc):
    conv = vnfonts.convert_tcvn3 if enc == "tcvn3" else vnfonts.convert_vni
    assert conv(legacy) == unicode_


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_typed_in_tcvn3_or_vni_reads_back_as_unicode(path, tmp_path, txt_facts):
    original = read_file(path).text
    assert vnfonts.detect_legacy(original) is None  # Unicode text is never converted
    # a character the legacy encoding uses for a letter (a superscript ¹ is TCVN3's ạ) cannot be typed in it
    clash = set(vnfonts.tcvn3_table()) | {k for k in vnfonts.vni_table() if len(k) == 1}
    original = "".join("?" if c in clash and c not in set(vnfonts.tcvn3_table().values()) | set(vnfonts.vni_table().values())
                       else c for c in original)
    tcvn = tmp_path / "tcvn3.txt"
    tcvn.write_bytes(to_tcvn3(original).encode("cp1252"))
    src = read_file(tcvn)
    assert src.encoding == "tcvn3" and any("TCVN3" in n for n in src.notes)
    assert src.text.casefold() == original.casefold()  # ABC has no capital toned letters
    vni = tmp_path / "vni.txt"
    vni.write_bytes(to_vni(original).encode("cp1252"))
    src = read_file(vni)
    assert src.encoding == "vni" and src.text == original
    assert _facts(src) == _facts(read_data(original.encode("utf-8"), "u.txt"))


def test_docx_runs_in_legacy_fonts_are_converted():
    def run(text, font):
        return (f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
                f'<w:t xml:space="preserve">{text}</w:t></w:r>')

    body = (f"<w:p>{run(to_tcvn3('cộng hòa xã hội chủ nghĩa việt nam'), '.VnTimeH')}</w:p>"
            f"<w:p>{run(to_tcvn3('Độc lập - Tự do - Hạnh phúc'), '.VnTime')}</w:p>"
            f"<w:p>{run(to_vni('Ủy ban nhân dân tỉnh Bình Định'), 'VNI-Times')}{run(' và Unicode', 'Times New Roman')}</w:p>")
    src = read_data(docx_from_xml(body), "old.docx")
    header, motto, issuer = src.text.split("\n\n")
    assert header == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # .VnTimeH draws capitals
    assert motto.casefold() == "độc lập - tự do - hạnh phúc"  # ABC has no capital toned letters: Đ stays, ộ is lower
    assert issuer == "Ủy ban nhân dân tỉnh Bình Định và Unicode"
    assert src.encoding == "tcvn3" and any("TCVN3" in n for n in src.notes) and any("VNI" in n for n in src.notes)


def test_cancu_extract_shows_the_legacy_encoding(tmp_path):
    from click.testing import CliRunner

    from cancu.cli import cli

    f = tmp_path / "cv.txt"
    f.write_bytes(to_vni((ROOT_EXAMPLES / "04_cong-van.txt").read_text(encoding="utf-8")).encode("cp1252"))
    r = CliRunner().invoke(cli, ["extract", str(f)])
    assert r.exit_code == 0, r.output
    assert "(vni; typed in VNI (VNI-Times fonts); converted to Unicode)" in r.output.splitlines()[0]
    r = CliRunner().invoke(cli, ["extract", str(f), "--format", "json"])
    assert '"encoding": "vni"' in r.output


ROOT_EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


# --- .pdf reader on made-up layouts ---------------------------------------------------------

def _pdf(draw) -> bytes:
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.set_font("DejaVu", "", 12)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    draw(pdf)
    return bytes(pdf.output())


def _fill(pdf, words: list[str], last: str, width: float) -> str:
    """A line of ``words`` (repeated) ending in ``last`` that fills ``width`` as a wrapped line does."""
    out, i = [], 0
    while pdf.get_string_width(" ".join(out + [words[i % len(words)], last])) < width - 3:
        out.append(words[i % len(words)])
        i += 1
    return " ".join(out + [last])


def test_pdf_header_table_is_read_cell_by_cell():
    """A header table drawn as Word draws it (row by row, each cell a block) reads like the .docx reader's."""
    def draw(pdf):
        for y, left, right in ((20, "UBND TỈNH KIÊN GIANG\nVĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                "Độc lập - Tự do - Hạnh phúc"),
                               (40, "Số: 1152/VP-KGVX", "Kiên Giang, ngày 25 tháng 02 năm 2021")):
            pdf.set_xy(15, y)
            pdf.multi_cell(70, 5, left, align="C")
            pdf.set_xy(95, y)
            pdf.multi_cell(105, 5, right, align="C")
        pdf.set_xy(20, 60)
        pdf.multi_cell(170, 6, "Kính gửi: Sở Lao động - Thương binh và Xã hội.")

    src = read_data(_pdf(draw), "h.pdf")
    order = ["UBND TỈNH KIÊN GIANG\nVĂN PHÒNG", "CỘNG HÒA", "Độc lập", "Số: 1152", "Kiên Giang, ngày", "Kính gửi"]
    positions = [src.text.index(s) for s in order]
    assert positions == sorted(positions)
    (ex,) = extract_source(src)
    assert ex.document.symbol == "1152/VP-KGVX" and ex.document.date == "2021-02-25"
    assert "KIÊN GIANG" in (ex.document.issuer or "").upper()


def test_pdf_wrapped_lines_hyphens_labels_and_page_numbers():
    long = ("Căn cứ Quyết định số 1696/QĐ-TTg ngày 02/10/2015 của Thủ tướng Chính phủ phê duyệt Chương trình hành "
            "động quốc gia về bình đẳng giới giai đoạn 2016-2020 và các văn bản hướng dẫn thực hiện có liên quan;")

    def draw(pdf):
        pdf.set_xy(20, 20)
        pdf.multi_cell(170, 6, long, align="J")
        pdf.set_x(20)
        pdf.multi_cell(170, 6, "1. Sở Nội vụ: chủ trì.")
        pdf.set_x(20)
        pdf.cell(170, 6, _fill(pdf, ["a)", "Phối", "hợp", "triển", "khai"], "tế-", 170), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(20)
        pdf.cell(170, 6, "xã hội của tỉnh.", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(20)
        pdf.cell(170, 6, _fill(pdf, ["Các", "đơn", "vị", "dùng"], "e-govern\u00ad", 170), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(20)
        pdf.cell(170, 6, "ment từ năm 2025.", new_x="LMARGIN", new_y="NEXT")
        pdf.set_xy(100, 285)
        pdf.cell(10, 5, "2")

    src = read_data(_pdf(draw), "w.pdf")
    lines = src.text.split("\n")
    assert long in lines  # the wrapped paragraph is one line again
    assert "1. Sở Nội vụ: chủ trì." in lines
    assert any(ln.startswith("a) Phối hợp") and ln.endswith("tế-xã hội của tỉnh.") for ln in lines)  # hyphen kept
    assert any(ln.startswith("Các đơn vị") and ln.endswith("dùng e-government từ năm 2025.") for ln in lines)
    assert "2" not in lines and "1 page numbers dropped" in " ".join(src.notes)


def test_pdf_with_only_an_owner_password_reads(tmp_path):
    from fpdf.enums import EncryptionMethod

    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.set_font("DejaVu", "", 12)
    pdf.set_encryption(owner_password="chỉ chủ".encode("utf-8").decode("latin-1"), encryption_method=EncryptionMethod.AES_128)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;")
    src = read_data(bytes(pdf.output()), "owner.pdf")
    assert "Căn cứ Luật Bình đẳng giới" in src.text


def test_a_pdf_named_txt_is_read_as_pdf():
    src = read_data(_pdf(lambda pdf: pdf.multi_cell(0, 6, "Căn cứ Luật Bình đẳng giới;")), "plan.txt")
    assert src.format == "pdf" and "named .txt but is PDF" in " ".join(src.notes)


# --- RTF and .doc ------------------------------------------------------------------------------

def rtf_of(text: str) -> bytes:
    """RTF as Word writes Vietnamese: \\ansicpg1258, non-ASCII as \\uN? escapes."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\par\n")
        elif ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            n = ord(ch)
            out.append(f"\\u{n if n < 32768 else n - 65536}?")
    return ("{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 " + "".join(out) + "}").encode("ascii")


def test_rtf_reads_to_the_same_facts(tmp_path, txt_facts):
    path = CORPUS_FILES[1]
    f = tmp_path / "a.rtf"
    f.write_bytes(rtf_of(read_file(path).text))
    src = read_file(f)
    assert src.format == "rtf" and "cp1258" in " ".join(src.notes)
    assert _facts(src) == txt_facts[path.name]


def test_doc_goes_through_a_converter_or_names_what_to_install(tmp_path, monkeypatch):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(600)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(LoadError, match="antiword"):
        read_data(data, "old.doc")
    # a converter on PATH (a stand-in printing a letter, as antiword would) is used
    bindir = tmp_path / "bin"
    bindir.mkdir()
    tool = bindir / "antiword"
    tool.write_text("#!/bin/sh\nprintf 'Kính gửi: Sở Nội vụ.\\n\\nCăn cứ Luật Bình đẳng giới;\\n'\n", encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bindir))
    assert find_doc_tool()[0] == str(tool)
    src = read_data(data, "old.doc")
    assert src.format == "doc" and "Căn cứ Luật Bình đẳng giới;" in src.text and "read with antiword" in src.notes


@pytest.mark.skipif(shutil.which("antiword") is None and os.environ.get("CI", "") not in ("true", "1"),
                    reason="antiword is not installed (apt-get install antiword; .ci/run installs it)")
def test_real_antiword_refuses_a_broken_doc_with_a_reason():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(600)
    with pytest.raises(LoadError, match="antiword could not read this .doc"):
        read_data(data, "broken.doc")
