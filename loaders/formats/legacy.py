"""Legacy formats: RTF (with striprtf), Word 97-2003 .doc (through antiword, catdoc or
LibreOffice when one is installed) and HTML pages saved as text (stdlib parser).
"""
from __future__ import annotations

import html
import html.parser
import os
import re
import shutil
import subprocess
import tempfile

from graphmodel.errors import LoadError

_ANSICPG_RE = re.compile(rb"\\ansicpg(\d+)")

#: converters of .doc tried in this order: (program, arguments before the file, what it prints)
DOC_TOOLS = (
    ("antiword", ["-m", "UTF-8.txt", "-w", "0"]),
    ("catdoc", ["-d", "utf-8", "-w"]),
)
DOC_TIMEOUT = 120


def read_rtf(data: bytes, *, source: str = "<rtf>") -> tuple[str, list[str]]:
    """Text of an RTF file; the code page comes from ``\\ansicpg`` (Windows-1258 for Vietnamese)."""
    try:
        from striprtf.striprtf import rtf_to_text
    except ImportError as err:  # pragma: no cover - declared dependency
        raise LoadError(source, "reading .rtf needs striprtf; install it with `pip install striprtf`") from err
    m = _ANSICPG_RE.search(data[:4096])
    encoding = f"cp{int(m.group(1))}" if m else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except RecursionError as err:
        raise LoadError(source, "is nested too deeply to read as RTF; open it and save it as .docx") from err
    except Exception as err:  # striprtf raises plain exceptions on malformed input
        raise LoadError(source, f"is damaged and cannot be read as RTF ({type(err).__name__}); "
                                "open it and save it as .docx") from err
    notes = [f"RTF in {encoding}"]
    return text, notes


def find_doc_tool() -> tuple[str, list[str]] | None:
    """The first .doc converter on PATH, with its arguments; LibreOffice last."""
    for prog, args in DOC_TOOLS:
        path = shutil.which(prog)
        if path:
            return path, args
    for prog in ("soffice", "libreoffice"):
        path = shutil.which(prog)
        if path:
            return path, ["--headless", "--cat"]
    return None


def read_doc(data: bytes, *, source: str = "<doc>") -> tuple[str, list[str]]:
    """Text of a Word 97-2003 .doc through the first converter found; else say what to install."""
    tool = find_doc_tool()
    if tool is None:
        raise LoadError(source, "is a Word 97-2003 .doc; cancu reads it through antiword, catdoc or LibreOffice and "
                                "none is installed: install one (`apt-get install antiword`), or save the file as "
                                ".docx and load that")
    prog, args = tool
    fd, tmp = tempfile.mkstemp(suffix=".doc", prefix="cancu-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            proc = subprocess.run([prog, *args, tmp], capture_output=True, timeout=DOC_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as err:
            raise LoadError(source, f"{os.path.basename(prog)} took over {DOC_TIMEOUT} s on this .doc; "
                                    "save it as .docx and load that") from err
        except OSError as err:
            raise LoadError(source, f"cannot run {prog} ({err}); save the file as .docx and load that") from err
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    out = proc.stdout.decode("utf-8", errors="replace")
    if proc.returncode != 0 or not out.strip():
        why = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        why = why[-1] if why else f"exit code {proc.returncode}"
        why = why.replace(tmp, "the file")
        raise LoadError(source, f"{os.path.basename(prog)} could not read this .doc ({why}); "
                                "open it in Word or LibreOffice and save it as .docx")
    # antiword draws images as "[pic]" and keeps paragraphs on one line each (-w 0)
    return out, [f"read with {os.path.basename(prog)}"]


class _HTMLText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
             "header", "footer", "blockquote", "pre", "ul", "ol", "td", "th", "title"}
    SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n" if tag not in ("br", "td", "th") else ("\n" if tag == "br" else " | "))
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: scripts and styles dropped, blocks on their own lines."""
    p = _HTMLText()
    try:
        p.feed(markup)
        p.close()
    except Exception:  # html.parser is lenient; a failure falls back to stripping tags
        return html.unescape(re.sub(r"<[^>]{0,2000}>", " ", markup))
    text = "".join(p.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
