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
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")  # declared dependency: never skipped in CI
fpdf = pytest.importorskip("fpdf")

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
