"""Resource bombs: every container is bounded before it is read, every refusal is one line and fast.

The bombs are real files: .docx packages whose zip directory declares parts
that inflate to gigabytes (a "3 MB file linking a 3 GB image"), an XML
part with an entity expansion, a lying directory, and texts over spaCy's
1,000,000-character limit. They are written without ever holding the
inflated bytes: a deflate segment of 1 MB of zeros, ended by a full flush,
can be repeated as many times as wanted. Each command runs as a real
process, its peak memory measured apart from pytest's own.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"

MB = 2**20
REFUSE_SECONDS = 8.0  # a refusal costs a few seconds at most (process start and imports included)
REFUSE_RSS_MB = 400  # and far under the ~1 GB bound per input file


def _sample_text(prefix: str) -> str:
    return next(EXAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _docx_parts(text: str) -> dict[str, bytes]:
    """The parts of a real .docx (python-docx) holding ``text``, one paragraph per line."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zeros_deflate(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MB of zeros, built from one repeated segment; (data, crc)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = comp.compress(bytes(MB)) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    block_crc = zlib.crc32(bytes(MB))
    # the CRC of n MB of zeros, without n MB: crc32 of zeros is linear, so fold a 1 MB block in n times
    zero_block = bytes(MB)
    if megabytes <= 64:
        for _ in range(megabytes):
            crc = zlib.crc32(zero_block, crc)
    else:
        crc = block_crc  # a wrong CRC is fine: a bounded reader never gets far enough to check it
    return segment * megabytes + comp.flush(), crc


def _raw_zip(members: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, method, stored data, crc, declared uncompressed size) per member.

    Lets the directory declare what the test needs (gigabytes) without inflating anything.
    """
    out = io.BytesIO()
    central = []
    for name, method, data, crc, size in members:
        offset = out.tell()
        raw_name = name.encode("utf-8")
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, len(data), size,
                              len(raw_name), 0))
        out.write(raw_name)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, method, 0, 0x21, crc,
                                   len(data), size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def _stored(name: str, data: bytes) -> tuple[str, int, bytes, int, int]:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = comp.compress(data) + comp.flush()
    return (name, zipfile.ZIP_DEFLATED, packed, zlib.crc32(data), len(data))


def _docx_with(extra: list[tuple[str, int, bytes, int, int]], text: str | None = None,
               replace: dict[str, bytes] | None = None) -> bytes:
    parts = _docx_parts(text or _sample_text("001"))
    parts.update(replace or {})
    return _raw_zip([_stored(name, data) for name, data in parts.items()] + extra)


def _pdf_pages(pages: int, content_bytes: int) -> bytes:
    """A hand-written PDF whose every page draws text ``content_bytes`` long, shared by all pages, deflated."""
    op = b"BT /F1 12 Tf (A) Tj ET\n"
    stream = zlib.compress(op * (content_bytes // len(op)), 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    font = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objs += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources {font} >>".encode()
             for _ in range(pages)]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


# A small Python runs the command and reports its child's peak RSS: measured from a
# process forked by pytest itself, the peak would count pytest's own pages too.
_MEASURE = ("import resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:])\n"
            "sys.stderr.write('\\n@maxrss %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.exit(done.returncode)\n")


def _run_measured(*args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float, float]:
    """Like ``_run``, with the wall time and the peak RSS (MiB) of the fazhi process alone."""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "fazhi", *args],
                          capture_output=True, cwd=ROOT, timeout=timeout)
    seconds = time.monotonic() - start
    err, _, peak = done.stderr.decode("utf-8").rpartition("\n@maxrss ")
    result = subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"), err)
    return result, seconds, int(peak) / 1024  # Linux: KiB


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder of bombs beside one good report; name → the cause its one line must give."""
    root = tmp_path_factory.mktemp("bombs") / "收件箱"
    root.mkdir()
    (root / "good 四道河子镇.docx").write_bytes(_docx_with([]))
    causes: dict[str, str] = {}

    image, crc = _zeros_deflate(3 * 1024)  # 3 GB of "image" in ~3 MB
    (root / "3GB图片.docx").write_bytes(_docx_with([("word/media/image1.png", zipfile.ZIP_DEFLATED, image, crc,
                                                     3 * 1024 * MB)]))
    causes["3GB图片.docx"] = "inflate to 3,"

    big_xml, crc = _zeros_deflate(2 * 1024)  # document.xml "expands to 2 GB"
    parts = _docx_parts(_sample_text("003"))
    members = [_stored(n, d) for n, d in parts.items() if n != "word/document.xml"]
    members.append(("word/document.xml", zipfile.ZIP_DEFLATED, big_xml, crc, 2 * 1024 * MB))
    (root / "2GB正文.docx").write_bytes(_raw_zip(members))
    causes["2GB正文.docx"] = "part word/document.xml inflates to 2,048 MB"

    # many parts that each look harmless and together inflate past the bound
    chunk, crc = _zeros_deflate(40)
    many = [(f"word/media/image{i}.emf", zipfile.ZIP_DEFLATED, chunk, crc, 40 * MB) for i in range(10)]
    (root / "十张图.docx").write_bytes(_docx_with(many))
    causes["十张图.docx"] = "its parts inflate to"

    laughs = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    document = _docx_parts(_sample_text("000"))["word/document.xml"]
    body = document[document.index(b"<w:document"):]
    (root / "实体.docx").write_bytes(_docx_with([], replace={"word/document.xml": laughs + body.replace(
        b"<w:body>", b"<w:body><w:p><w:r><w:t>&d;</w:t></w:r></w:p>", 1)}))
    causes["实体.docx"] = "declares a DOCTYPE or entities"

    # UTF-16 XML hides the DOCTYPE from a byte search for ASCII
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>'.encode("utf-16-le")
             + body.decode("utf-8").encode("utf-16-le"))
    (root / "UTF16实体.docx").write_bytes(_docx_with([], replace={"word/document.xml": utf16}))
    causes["UTF16实体.docx"] = "declares a DOCTYPE or entities"

    parts_flood = [_stored(f"customXml/item{i}.xml", b"<a/>") for i in range(6000)]
    (root / "六千个部件.docx").write_bytes(_docx_with(parts_flood))
    causes["六千个部件.docx"] = "parts (limit 5,000)"

    # a lying directory: it declares 1 KB but the stream inflates to 1 GB; zipfile stops at the declared size
    liar, _ = _zeros_deflate(1024)
    (root / "谎报大小.docx").write_bytes(_docx_with([("word/media/image9.png", zipfile.ZIP_DEFLATED, liar,
                                                      0, 1024)]))
    causes["谎报大小.docx"] = "damaged .docx: corrupt member"

    # PDFs whose pages inflate to megabytes of drawing operators (pypdf reads ~1 MB a second)
    (root / "内容炸弹.pdf").write_bytes(_pdf_pages(3, 3 * MB))
    causes["内容炸弹.pdf"] = "page 1's content inflates to 3.0 MB"
    (root / "三千页.pdf").write_bytes(_pdf_pages(3000, 100))
    causes["三千页.pdf"] = "3,000 pages (limit 2,000)"

    long_text = _sample_text("003")
    copies = 1_000_000 // len(long_text) + 2
    (root / "超长.txt").write_text(long_text * copies, encoding="utf-8")
    causes["超长.txt"] = "too long:"
    page = "<html><body><article>" + ("<p>" + _sample_text("002").replace("\n", "</p><p>") + "</p>") * (
        1_000_000 // len(_sample_text("002")) + 2) + "</article></body></html>"
    (root / "超长网页.html").write_text(page, encoding="utf-8")
    causes["超长网页.html"] = "too long:"
    cells = "<html><body><table>" + "<tr><td>1</td><td>2</td></tr>" * 100_000 + "</table></body></html>"
    (root / "十万单元格.html").write_text(cells, encoding="utf-8")  # 19 MB of such cells took 95 s and 3.8 GB
    causes["十万单元格.html"] = "tags (limit 30,000"
    return root, causes


def _check(stderr: str, root: Path, causes: dict[str, str]) -> None:
    lines = _error_lines(stderr)
    assert "Traceback" not in stderr, stderr[-3000:]
    assert len(lines) == len(causes), "\n".join(lines)
    for line in lines:
        path, _, cause = line[len("error: "):].partition(": ")
        name = Path(path).name
        assert name in causes and causes[name] in cause, line


def test_each_bomb_file_is_refused_fast_with_one_line(bombs) -> None:
    root, causes = bombs
    for name, expected in causes.items():
        result, seconds, rss = _run_measured("extract", str(root / name), "--format", "jsonl")
        assert result.returncode == 1 and result.stdout == ""
        [line] = _error_lines(result.stderr)
        assert expected in line and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert seconds < REFUSE_SECONDS, (name, seconds)
        assert rss < REFUSE_RSS_MB, (name, rss)


def test_extract_on_the_folder_keeps_the_good_report(bombs) -> None:
    root, causes = bombs
    result, seconds, rss = _run_measured("extract", str(root), "--format", "jsonl")
    assert result.returncode == 1
    _check(result.stderr, root, causes)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]).name for r in records] == ["good 四道河子镇.docx"]
    assert records[0]["report"]["unit"]
    assert rss < REFUSE_RSS_MB + 300, rss  # the spaCy pipeline for the good report included


def test_build_on_the_folder_keeps_the_good_report(bombs, tmp_path: Path) -> None:
    root, causes = bombs
    result, seconds, rss = _run_measured("build", str(root), "-o", str(tmp_path / "out"), "--no-html")
    assert result.returncode == 1, result.stderr[-2000:]
    _check(result.stderr, root, causes)
    import pyoxigraph as ox

    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    sources = {s["s"].value for s in store.query(
        "SELECT ?s { GRAPH ?g { ?r <https://w3id.org/fazhi-kg/ontology#sourcePath> ?s } }")}
    assert {Path(s).name for s in sources} == {"good 四道河子镇.docx"}


def test_a_text_just_under_the_limit_is_still_read(tmp_path: Path) -> None:
    """The limit is on characters, not a guess: a long report of 900,000 characters is extracted."""
    from fazhi.extract.ingest import read_document
    from fazhi.extract.ingest.read import MAX_CHARS

    text = _sample_text("001")
    path = tmp_path / "长报告.txt"
    path.write_text(text * ((MAX_CHARS - 100_000) // len(text)), encoding="utf-8")
    assert MAX_CHARS - 200_000 < len(read_document(path).text) <= MAX_CHARS
