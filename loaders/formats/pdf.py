"""PDF → text from the text layer, with pdfminer.six.

pdfminer's layout analysis groups characters into lines and text boxes and
orders the boxes for reading; a header table drawn by Word comes cell by cell,
row by row (agency, motto, number, place and date), as the .docx reader reads
it. The lines are then put back into paragraphs:
a line that fills the text width (the next line's first word would not have
fitted after it) is joined to the next line with a space, unless the next line
starts with a list label (``1.``, ``a)``, ``-``, ``+``, ``I.``) or is indented;
a word broken with a soft hyphen is joined without it, a line ending in a
hyphen right after a letter is joined keeping the hyphen (``kinh tế-xã hội``).
Blocks (pdfminer's text boxes) are separated by a blank line. A line that is
only a page number at the top or bottom of a page is dropped.

A PDF without a text layer (a scan) raises ``LoadError`` saying so: cancu does
no OCR. Pages without text in an otherwise text PDF, and glyphs without a
Unicode mapping, are reported in the notes.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from graphmodel.errors import LoadError

#: a line that starts a list item or a section and so never continues the line before
LABEL_RE = re.compile(
    r"^(?:[IVXLC]{1,6}\s*[.\-/)]\s|\d{1,2}(?:\.\d{1,2})*\s*(?:[.)]\s*\S|/\s+\S)|[a-zđ]\s*[).]\s|[-–—•·+*]\s?|"
    r"(?:Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)\s+[\dIVXLC]+\b|Căn cứ|Thực hiện|Xét|Theo đề nghị|Nơi nhận|"
    r"Kính gửi|Số\s*:|S[ốô]\s*:)"
)
PAGE_NUMBER_RE = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.IGNORECASE)
_CID_RE = re.compile(r"\(cid:\d+\)")
_SENTENCE_END = tuple(".;:!?")
_SPACES_RE = re.compile(r"[ \u00a0]{2,}")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    first_word: float  # width of the first word
    box: int
    page: int


def _line_of(line, box: int, page: int) -> _Line | None:
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]
    text = line.get_text().replace("\n", "").rstrip()
    if not text.strip() or not chars:
        return None
    lead = len(text) - len(text.lstrip())
    # justified lines: pdfminer adds a space for a wide gap next to the space character itself
    text = _SPACES_RE.sub(" ", text.strip())
    first = []
    for c in chars:
        if c.get_text().isspace():
            if first:
                break
            continue
        first.append(c)
    fw = (first[-1].x1 - first[0].x0) if first else 0.0
    size = sum(c.size for c in chars) / len(chars)
    x0 = min(c.x0 for c in chars) if lead else line.x0
    return _Line(text, x0, line.x1, line.y0, line.y1, size, fw, box, page)


def _pages(data: bytes, source: str):
    """Yield ``(page number, lines, has_images)`` for every page."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    rm = PDFResourceManager(caching=True)
    device = PDFPageAggregator(rm, laparams=LAParams())
    interpreter = PDFPageInterpreter(rm, device)
    box_no = 0
    for pno, page in enumerate(PDFPage.get_pages(io.BytesIO(data), check_extractable=False), 1):
        interpreter.process_page(page)
        layout = device.get_result()
        lines: list[_Line] = []
        images = False
        stack = list(layout)
        for el in layout:
            if isinstance(el, LTTextBox):
                box_no += 1
                for ln in el:
                    if isinstance(ln, LTTextLine):
                        got = _line_of(ln, box_no, pno)
                        if got:
                            lines.append(got)
            elif isinstance(el, LTTextLine):
                box_no += 1
                got = _line_of(el, box_no, pno)
                if got:
                    lines.append(got)
        while stack:
            el = stack.pop()
            if isinstance(el, LTImage):
                images = True
                break
            if isinstance(el, LTFigure):
                stack.extend(el)
        yield pno, lines, images


def _drop_page_numbers(lines: list[_Line]) -> tuple[list[_Line], int]:
    if len(lines) < 2:
        return lines, 0
    top = max(lines, key=lambda ln: ln.y1)
    bottom = min(lines, key=lambda ln: ln.y0)
    drop = {id(ln) for ln in (top, bottom) if PAGE_NUMBER_RE.match(ln.text)}
    return [ln for ln in lines if id(ln) not in drop], len(drop)


def _full(prev: _Line, nxt: _Line, right: float) -> bool:
    """Would the next line's first word have fitted at the end of ``prev``?"""
    space = 0.3 * prev.size
    return prev.x1 + space + max(nxt.first_word, prev.size) > right - 0.5 * prev.size


def join_lines(lines: list[_Line], right: float, left: float) -> str:
    """Paragraph text from layout lines: wrapped lines joined, blocks separated by blank lines."""
    out: list[str] = []
    prev: _Line | None = None
    for ln in lines:
        if prev is None:
            out.append(ln.text)
            prev = ln
            continue
        same_box = ln.box == prev.box
        indented = ln.x0 > left + 1.5 * ln.size and ln.x0 > prev.x0 + 1.5 * ln.size
        starts_lower = ln.text[:1].islower()
        join = (
            _full(prev, ln, right)
            and not LABEL_RE.match(ln.text)
            and not indented
            and abs(ln.size - prev.size) < 1.5
            and (same_box or starts_lower)
            and (starts_lower or not prev.text.endswith(_SENTENCE_END))
        )
        if join:
            if prev.text.endswith("\u00ad"):
                out[-1] = out[-1][:-1]
                out.append(ln.text)
            elif prev.text.endswith("-") and len(prev.text) > 1 and prev.text[-2].isalpha():
                out.append(ln.text)
            else:
                out.append(" " + ln.text)
        else:
            out.append(("\n" if same_box else "\n\n") + ln.text)
        prev = ln
    return "".join(out)


def read_pdf(data: bytes, *, source: str = "<pdf>") -> tuple[str, list[str]]:
    """The text layer of a PDF and notes on how it was read; ``LoadError`` if there is none."""
    try:
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfexceptions import PDFException
        from pdfminer.psexceptions import PSException
    except ImportError as err:  # pragma: no cover - declared dependency
        raise LoadError(source, "reading .pdf needs pdfminer.six; install it with `pip install pdfminer.six`") from err
    pages: list[tuple[int, list[_Line], bool]] = []
    try:
        for page in _pages(data, source):
            pages.append(page)
    except PDFPasswordIncorrect as err:
        raise LoadError(source, "is password-protected; open it with the password, save an unprotected copy and load that") from err
    except PDFEncryptionError as err:
        raise LoadError(source, f"is encrypted in a way that cannot be read ({err}); save an unprotected copy and load that") from err
    except (PDFException, PSException, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError,
            ZeroDivisionError, OverflowError, EOFError, RecursionError) as err:
        if not any(lines for _, lines, _ in pages):
            raise LoadError(source, f"is damaged or truncated and has no readable text ({type(err).__name__}); "
                                    "open it and save (or print) it to PDF again") from err
        pages.append((len(pages) + 1, [], False))
        damaged = f"damaged after page {len(pages) - 1} ({type(err).__name__}); the text of the later pages is missing"
    else:
        damaged = None
    if not pages:
        raise LoadError(source, "has no pages; it is damaged or truncated — open it and save it to PDF again")
    notes: list[str] = []
    text_pages = [p for p, lines, _ in pages if lines]
    if not text_pages:
        if any(img for _, _, img in pages):
            raise LoadError(source, "has no text layer (a scanned image); cancu does not do OCR: run OCR first "
                                    "(e.g. `ocrmypdf in.pdf out.pdf`) and load the result")
        raise LoadError(source, "has no text in it (empty pages)")
    blank_scans = [p for p, lines, img in pages if not lines and img]
    if blank_scans:
        notes.append("warning: pages " + ", ".join(map(str, blank_scans[:20])) + (" ..." if len(blank_scans) > 20 else "")
                     + " have no text layer (scanned images?); their text is missing — run OCR on them")
    if damaged:
        notes.append("warning: " + damaged)
    elif b"%%EOF" not in data[-2048:]:
        notes.append("warning: the file seems truncated (no %%EOF at its end); text of the last pages may be missing")
    all_lines: list[_Line] = []
    dropped = 0
    for _, lines, _ in pages:
        kept, n = _drop_page_numbers(lines)
        dropped += n
        all_lines.extend(kept)
    wide = sorted(ln.x1 for ln in all_lines if len(ln.text) >= 20) or sorted(ln.x1 for ln in all_lines)
    right = wide[int(0.95 * (len(wide) - 1))]  # the text's right edge; a few overlong lines do not move it
    left = min(ln.x0 for ln in all_lines)
    text = join_lines(all_lines, right, left)
    cids = len(_CID_RE.findall(text))
    if cids:
        text = _CID_RE.sub("\ufffd", text)
        notes.append(f"warning: {cids} characters could not be decoded (fonts without a Unicode map) and show as "
                     "\ufffd; export the PDF again with embedded Unicode fonts")
    notes.append(f"{len(pages)} pages" + (f", {dropped} page numbers dropped" if dropped else ""))
    return text, notes
