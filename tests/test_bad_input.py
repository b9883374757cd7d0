"""Bad input never crashes and never loses data.

A malformed-input corpus generated here (over 200 cases: binary files under
document names, empty files, truncated, damaged and password-protected .docx
and .pdf, scans, a 50 MB text file, lines of 100,000 characters, thousands of
nested bullets, text that looks like HTML, JavaScript or Cypher ...). Each case
is loaded with ``cancu load`` on a folder holding it and a good document: the
case gives exactly one warning naming the file and the reason, no traceback,
and the good document is loaded. Then a hypothesis fuzz of the parser and the
reader, and a load killed while it saves the graph.
"""
from __future__ import annotations

import io
import os
import random
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cancu.cli import cli
from graphmodel.errors import LoadError
from graphmodel.graph import LegalGraph
from loaders.read import read_data
from loaders.structure import parse_document
from tests.kill_hook import KILL_AT_FSYNC

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOOD = EXAMPLES / "04_cong-van.txt"
GOOD_TEXT = GOOD.read_text(encoding="utf-8")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

FAILED, DOUBT = "failed", "doubt"  # the file is not loaded / is loaded with a warning
R_BINARY = r"binary|damaged|truncated|not a .* file|cannot decode|image|archive|program|database|Office file|no text"


# --- makers of malformed files ----------------------------------------------------

def _docx_bytes(text: str = GOOD_TEXT) -> bytes:
    import docx

    d = docx.Document()
    for para in text.split("\n"):
        if para.strip():
            d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_bytes(text: str = GOOD_TEXT, *, user_password: str | None = None, image_only: bool = False,
               image_pages: int = 1, mixed: bool = False, method: str = "RC4") -> bytes:
    import fpdf
    from fpdf.enums import EncryptionMethod

    pdf = fpdf.FPDF()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", "", 11)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password,
                           encryption_method=getattr(EncryptionMethod, method))
    png = _png_bytes()
    if not image_only:
        pdf.add_page()
        for line in text.split("\n"):
            pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    if image_only or mixed:
        for _ in range(image_pages):
            pdf.add_page()
            pdf.image(io.BytesIO(png), x=10, y=10, w=180)
    return bytes(pdf.output())


def _png_bytes() -> bytes:
    """A small grey PNG written by hand (zlib + crc), like a scanned page."""
    import struct
    import zlib

    w, h = 60, 80
    raw = b"".join(b"\x00" + bytes([200 - (x + y) % 50 for x in range(w)]) for y in range(h))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _encrypted_docx() -> bytes:
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(_docx_bytes())).encrypt("mật khẩu", out)
    data = out.getvalue()
    assert data.startswith(b"\xd0\xcf\x11\xe0") and msoffcrypto  # a real encrypted package
    return data


def _rezip(mutate) -> bytes:
    """The good .docx with its parts passed through ``mutate(name, data) -> data | None`` (None drops it)."""
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = mutate(info.filename, src.read(info.filename))
            if data is not None:
                out.writestr(info.filename, data)
    return buf.getvalue()


def _flip_crc(data: bytes) -> bytes:
    """Flip a byte inside the compressed word/document.xml so its checksum fails."""
    i = data.find(b"word/document.xml")
    j = i + 200
    return data[:j] + bytes([data[j] ^ 0xFF]) + data[j + 1:]


def _nested_tables(depth: int) -> bytes:
    def mutate(name, data):
        if name != "word/document.xml":
            return data
        inner = "<w:p><w:r><w:t>ô trong cùng</w:t></w:r></w:p>"
        for _ in range(depth):
            inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
        xml = data.decode("utf-8")
        return xml.replace("<w:body>", "<w:body>" + inner, 1).encode("utf-8")

    return _rezip(mutate)


def _random_bytes(seed: int, n: int = 6000) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.getrandbits(8) for _ in range(n))


MAGIC = {
    "png": b"\x89PNG\r\n\x1a\n" + bytes(300),
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(300),
    "gif": b"GIF89a" + bytes(300),
    "zip": None,  # built below: a zip archive of two text files
    "elf": b"\x7fELF\x02\x01\x01" + bytes(300),
    "gzip": b"\x1f\x8b\x08\x00" + bytes(300),
    "sqlite": b"SQLite format 3\x00" + bytes(300),
}


def _zip_archive() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "một")
        z.writestr("b.txt", "hai")
    return buf.getvalue()


CODE_SNIPPETS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=\"alert(1)\">",
    "<a href=\"javascript:alert(1)\">bấm vào đây</a>",
    "<iframe src=\"http://example.invalid\"></iframe>",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Instrument) WHERE a.id = 'x' SET a.title = 'y'",
    "CREATE (x:Agency {name: 'Sở'})-[:LEADS]->(t:Task)",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
    "MERGE (n:Instrument {id: 'a'}) DETACH DELETE n",
    "'; DROP TABLE instruments; --",
    "}) MATCH (n) DETACH DELETE n //",
]

NON_DOCUMENTS = [
    "lorem ipsum dolor sit amet " * 40,
    "def main():\n    return 0\n" * 30,
    "a,b,c\n1,2,3\n" * 50,
    '{"key": [1, 2, 3], "other": null}\n' * 30,
    "x" * 500,
    "= = = = =\n" * 100,
    "\t\t\tchỉ có chữ thường không dấu câu\n" * 20,
    "0123456789 " * 200,
    "!!!???...;;;:::\n" * 60,
    "ĐĐĐĐĐĐ ăăăăă ơơơơ ưưưư\n" * 40,
]


def _nested_bullets(n: int, style: str) -> str:
    if style == "indent":
        return "\n".join("  " * (i % 200) + "- mục con " + str(i) for i in range(n))
    if style == "stacked":
        return "\n".join("- " * (i % 300 + 1) + "việc " + str(i) for i in range(n))
    if style == "plus":
        return "\n".join(("+ " if i % 2 else "- ") + "ý " + str(i) for i in range(n))
    if style == "bullets":
        return "\n".join("•" * (i % 50 + 1) + " mục " + str(i) for i in range(n))
    return "\n".join(("\t" * (i % 100)) + "– mục " + str(i) for i in range(n))


def build_cases() -> list[tuple[str, str, object, str, str]]:
    """(id, file name, bytes or a maker, outcome, reason regex)."""
    cases = []
    add = cases.append
    suffixes = [".txt", ".md", ".docx", ".pdf", ".doc", ".rtf"]
    for seed in range(10):
        for sfx in suffixes:
            add((f"random-{seed}{sfx}", f"random{seed}{sfx}", _random_bytes(seed, 3000 + 700 * seed), FAILED, R_BINARY))
    for kind, data in MAGIC.items():
        for sfx in (".txt", ".pdf", ".docx"):
            add((f"magic-{kind}{sfx}", f"{kind}{sfx}", (lambda: _zip_archive()) if data is None else data, FAILED,
                 r"image|archive|program|database|not a .* file|damaged|truncated|not a Word document"))
    for sfx in suffixes:
        for name, data in (("empty", b""), ("spaces", b"   \n\t\n  "), ("bom", b"\xef\xbb\xbf"),
                           ("bom-spaces", b"\xef\xbb\xbf \n \n")):
            add((f"{name}{sfx}", f"{name}{sfx}", data, FAILED, r"empty|no text"))
    for k in range(1, 11):
        frac = k / 11
        add((f"truncated-docx-{k}", f"cut{k}.docx", lambda frac=frac: _docx_bytes()[: int(len(_docx_bytes()) * frac)],
             FAILED, r"damaged|truncated"))
        add((f"truncated-pdf-{k}", f"cut{k}.pdf", lambda frac=frac: _pdf_bytes()[: int(len(_pdf_bytes()) * frac)],
             "either", r"damaged|truncated|no text|no pages"))
    add(("docx-no-document-part", "nodoc.docx", lambda: _rezip(lambda n, d: None if n == "word/document.xml" else d),
         FAILED, r"damaged|not a Word document|missing"))
    add(("docx-garbage-xml", "garbage.docx",
         lambda: _rezip(lambda n, d: b"<w:document><<<not xml" if n == "word/document.xml" else d),
         FAILED, r"damaged"))
    add(("docx-bad-crc", "crc.docx", lambda: _flip_crc(_docx_bytes()), FAILED, r"damaged|checksum"))
    add(("docx-no-content-types", "noct.docx",
         lambda: _rezip(lambda n, d: None if n == "[Content_Types].xml" else d), FAILED, r"damaged|not a Word"))
    add(("docx-empty-body", "emptybody.docx",
         lambda: _rezip(lambda n, d: re.sub(rb"<w:body>.*</w:body>", b"<w:body/>", d, flags=re.S)
                        if n == "word/document.xml" else d), FAILED, r"no text"))
    add(("docx-nested-tables-70", "nested70.docx", lambda: _nested_tables(70), "either", r"flat|damaged|nested"))
    add(("docx-nested-tables-300", "nested300.docx", lambda: _nested_tables(300), "either", r"flat|damaged|nested"))
    add(("docx-password", "secret.docx", _encrypted_docx, FAILED, r"password"))
    add(("docx-password-named-doc", "secret.doc", _encrypted_docx, FAILED, r"password"))
    add(("pdf-password", "secret.pdf", lambda: _pdf_bytes(user_password="matkhau"), FAILED, r"password"))
    for method in ("AES_128", "AES_256"):
        add((f"pdf-password-{method}", f"secret-{method}.pdf",
             lambda method=method: _pdf_bytes(user_password="abc123", method=method), FAILED, r"password"))
    add(("pdf-scan-1", "scan1.pdf", lambda: _pdf_bytes(image_only=True), FAILED, r"no text layer.*OCR"))
    add(("pdf-scan-3", "scan3.pdf", lambda: _pdf_bytes(image_only=True, image_pages=3), FAILED, r"no text layer.*OCR"))
    add(("pdf-half-scanned", "half.pdf", lambda: _pdf_bytes(mixed=True, image_pages=2), DOUBT,
         r"pages [\d, ]+ have no text layer.*OCR"))
    add(("pdf-header-only", "hdr.pdf", b"%PDF-1.7\n", FAILED, r"damaged|truncated|no pages|no text"))
    add(("pdf-garbage-body", "garb.pdf", b"%PDF-1.4\n" + _random_bytes(99, 5000), FAILED,
         r"damaged|truncated|no pages|no text"))
    add(("text-50MB", "huge.txt", lambda: (GOOD_TEXT + "\n") * (50 * 1024 * 1024 // len(GOOD_TEXT.encode()) + 1),
         FAILED, r"characters of text, over the"))
    for i, line in enumerate(["x" * 100_000, ("Căn cứ Luật số 1/2020/QH14; " * 4000)[:100_000],
                              ("đồng bộ hoá " * 9000)[:100_000], "1. " + "a" * 150_000,
                              ("<b>" * 40000)[:100_000]]):
        add((f"long-line-{i}", f"long{i}.txt", lambda line=line: GOOD_TEXT + "\n" + line + "\n", DOUBT,
             r"line \d+ has [\d,]+ characters"))
    for style in ("indent", "stacked", "plus", "bullets", "tabs"):
        for n in (1500, 4000):
            add((f"nested-{style}-{n}", f"nested-{style}-{n}.txt", lambda style=style, n=n: _nested_bullets(n, style),
                 DOUBT, r"nothing of an administrative document"))
    for i, snippet in enumerate(CODE_SNIPPETS):
        for sfx in (".txt", ".md"):
            add((f"code-{i}{sfx}", f"code{i}{sfx}",
                 lambda snippet=snippet: GOOD_TEXT.replace("Kính gửi", snippet + "\n\nKính gửi", 1), DOUBT,
                 r"looks like code"))
    for i, page in enumerate([
        "<!DOCTYPE html><html><head><script>alert(1)</script></head><body><p>" + GOOD_TEXT + "</p></body></html>",
        "<html><body><h1>KẾ HOẠCH</h1><p>Nội dung</p></body></html>",
        "<!-- saved --><html><style>p{}</style><body>" + GOOD_TEXT.replace("\n", "<br>") + "</body></html>",
    ]):
        add((f"html-page-{i}", f"page{i}.txt", page, DOUBT, r"HTML page"))
    for i, text in enumerate(NON_DOCUMENTS):
        add((f"not-a-document-{i}", f"notes{i}.txt", text, DOUBT, r"nothing of an administrative document"))
    for i, blob in enumerate([b"Can cu\x00\x00\x00" * 300, GOOD_TEXT.encode()[:500] + b"\x00" * 2000,
                              b"\x00\x01\x02\x03" * 1000]):
        add((f"nul-bytes-{i}", f"nul{i}.txt", blob, FAILED, R_BINARY))
    for i, blob in enumerate(["\ufffd" * 200 + GOOD_TEXT, GOOD_TEXT + "\ufffd" * 500,
                              ("chữ\ufffd" * 300)]):
        add((f"replacement-chars-{i}", f"repl{i}.txt", blob,
             DOUBT, r"could not be decoded|nothing of an administrative"))
    for i, rtf in enumerate([b"{\\rtf1 {{{{{{ unbalanced", b"{\\rtf1\\ansi\\ansicpg99999 " + b"\\'ff" * 100 + b"}",
                             b"{\\rtf1" + b"{" * 5000 + b"x" + b"}" * 5000 + b"}"]):
        add((f"rtf-odd-{i}", f"odd{i}.rtf", rtf, "either", r"damaged|no text|nothing of an administrative|nested"))
    for i, blob in enumerate([b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),
                              b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(3000)]):
        add((f"doc-broken-{i}", f"broken{i}.doc", blob, FAILED, r"could not read|none is installed|\.doc"))
    add(("xls-named-doc", "sheet.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(600),
         FAILED, r"could not read|none is installed|not a Word document|\.doc"))
    add(("broken-symlink", "dead.txt", "SYMLINK", FAILED, r"no such file"))
    return cases


CASES = build_cases()


def test_the_malformed_corpus_has_over_200_cases():
    assert len(CASES) >= 200, len(CASES)
    assert len({c[0] for c in CASES}) == len(CASES)


def _materialise(folder: Path, name: str, data) -> Path:
    p = folder / name
    if data == "SYMLINK":
        p.symlink_to(folder / "does-not-exist.txt")
        return p
    if callable(data):
        data = data()
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gives_one_warning_and_the_rest_loads(case, tmp_path):
    cid, name, data, outcome, reason = case
    folder = tmp_path / "in"
    folder.mkdir()
    _materialise(folder, name, data)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    db = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["load", str(folder), "--db", str(db), "-q"], catch_exceptions=False)
    out = result.output
    assert "Traceback" not in out and "internal error" not in out, out
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: ")]
    assert len(warnings) == 1, warnings
    assert name in warnings[0], warnings[0]
    assert re.search(reason, warnings[0], re.IGNORECASE), warnings[0]
    graph = LegalGraph.load(db)
    loaded = {Path(k).name for k in graph.sources()}
    assert "good.txt" in loaded  # the rest of the load went on
    is_failed = name not in loaded
    if outcome == FAILED:
        assert is_failed and result.exit_code == 1, (result.exit_code, out)
    elif outcome == DOUBT:
        assert not is_failed and result.exit_code == 0, (result.exit_code, out)
    else:
        assert result.exit_code == (1 if is_failed else 0)
    if CASES.index(case) % 4:
        return
    # --strict turns the warning into a failed run that saves nothing (checked on every fourth case)
    db2 = tmp_path / "strict.json"
    strict = CliRunner().invoke(cli, ["load", str(folder), "--db", str(db2), "-q", "--strict"], catch_exceptions=False)
    assert strict.exit_code == 1 and not db2.exists() and "Traceback" not in strict.output


# --- fuzzing ------------------------------------------------------------------------

_VN = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_LINES = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=_VN + _VN.upper() + " .,;:/-–()0123456789\t*#|", max_size=120),
    st.sampled_from(["KẾ HOẠCH", "QUYẾT ĐỊNH:", "Căn cứ Luật số 73/2006/QH11;", "Số: 12/KH-UBND", "I. MỤC ĐÍCH",
                     "1. Sở Nội vụ: Chủ trì, phối hợp với", "a) Phối hợp", "- Báo cáo trước ngày 15/12/2022",
                     "+ ", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Kính gửi:", "V/v ",
                     "Hà Nội, ngày 01 tháng 02 năm 2023", "Điều 1.", "## **II.**", "| a | b |", ""]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, max_size=40).map("\n".join))
def test_parse_document_never_raises_on_arbitrary_text(text):
    docs = parse_document(text, "fuzz.txt")
    for d in docs:
        assert 0 <= d.start <= d.end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from(["", ".txt", ".md", ".docx", ".pdf", ".rtf"]))
def test_read_data_raises_only_load_errors(data, suffix):
    try:
        src = read_data(data, "fuzz" + suffix)
    except LoadError as err:
        assert err.reason
    else:
        assert src.text.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=4000), st.integers(min_value=0, max_value=2**31))
def test_read_data_on_cut_and_flipped_docx_raises_only_load_errors(cut, seed):
    data = bytearray(_GOOD_DOCX[: max(1, len(_GOOD_DOCX) - cut)])
    rnd = random.Random(seed)
    for _ in range(rnd.randint(0, 5)):
        i = rnd.randrange(len(data))
        data[i] = rnd.getrandbits(8)
    try:
        read_data(bytes(data), "cut.docx")
    except LoadError as err:
        assert err.reason


_GOOD_DOCX = _docx_bytes()


# --- an interrupted load ----------------------------------------------------------------



def _start_hooked_load(tmp_path, folder, db):
    marker = tmp_path / "saving"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_AT_FSYNC, str(marker), db.name, "load", str(folder), "--db", str(db), "-q"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"load ended before saving: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("load did not reach the save in time")
        time.sleep(0.05)
    return proc


def _prepare(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in sorted(EXAMPLES.glob("0[1-3]*.txt")):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "graph.json"
    first = CliRunner().invoke(cli, ["load", str(folder), "--db", str(db), "-q"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    for f in sorted(EXAMPLES.glob("0[4-5]*.txt")):  # the next load has new files to add
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return folder, db, db.read_bytes()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill", "ctrl-c", "term"])
def test_a_load_stopped_while_saving_leaves_the_previous_graph_and_the_next_load_completes_it(sig, tmp_path,
                                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)  # files are named relative to the working folder: the same for every load here
    folder, db, before = _prepare(tmp_path)
    proc = _start_hooked_load(tmp_path, folder, db)
    temps = list(tmp_path.glob(f".{db.name}.*.tmp"))
    assert temps, "the save had started: its temp file is there"
    os.kill(proc.pid, sig)
    out, err = proc.communicate(timeout=60)
    assert db.read_bytes() == before  # the previous graph, intact
    LegalGraph.load(db)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:  # Ctrl-C or a polite kill: a clear word, no traceback, exit 130, no temp file left
        assert proc.returncode == 130, err
        assert b"Traceback" not in err and b"is as it was" in err
        assert not list(tmp_path.glob(f".{db.name}.*.tmp"))
    again = subprocess.run([sys.executable, "-m", "cancu", "load", str(folder), "--db", str(db), "-q"],
                           cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    assert b"2 files loaded" in again.stdout and b"3 unchanged" in again.stdout
    graph = LegalGraph.load(db)
    assert {Path(k).name for k in graph.sources()} == {f.name for f in folder.iterdir()}


def test_a_parser_bug_is_one_warning_and_debug_shows_its_traceback(tmp_path, monkeypatch):
    import cancu.pipeline as pipeline

    def broken(src, known=None):
        if Path(src.path).name == "bug.txt":
            raise ZeroDivisionError("a bug in a parser")
        return real(src, known=known)

    real = pipeline.extract_source
    monkeypatch.setattr(pipeline, "extract_source", broken)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bug.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    db = tmp_path / "g.json"
    r = CliRunner().invoke(cli, ["load", str(folder), "--db", str(db), "-q"], catch_exceptions=False)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")] == [
        f"warning: {folder / 'bug.txt'}: could not be parsed (ZeroDivisionError: a bug in a parser); please report it"]
    assert {Path(k).name for k in LegalGraph.load(db).sources()} == {"good.txt"}
    r = CliRunner().invoke(cli, ["--debug", "load", str(folder), "--db", str(db), "-q"], catch_exceptions=False)
    assert "Traceback (most recent call last)" in r.stderr and "ZeroDivisionError" in r.stderr
