"""Hostile input: real bad files in a batch with good reports, through the real CLI.

Every bad file must end as one clear line naming the file and the cause, the
batch must go on, the exit code must be 1, and the good reports must be in the
output (the printed text of ``fazhi extract``, the store of ``fazhi build``).
Killing a build with SIGKILL must leave the previous store and exports readable.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
SCALER = ROOT / "benchmarks" / "scaler.py"

RECIPE = "西红柿炒鸡蛋的做法\n一、准备食材：西红柿两个，鸡蛋三个，葱花少许。\n二、鸡蛋打散炒至凝固后盛出，再炒西红柿。\n"
ENGLISH = "<html><body><h1>Annual weather review</h1><p>The year was warm and dry, with 312 sunny days. " \
          "Rainfall stayed below the long-term average in every month except July.</p></body></html>\n"
SCRIPTS_ONLY = "<html><head>" + "<script>window.__data = {\"items\": [1, 2, 3]}; function init(){ return 0; }</script>" * 40 \
               + "</head><body><div id=\"app\"></div><script src=\"/static/js/app.js\"></script></body></html>"


def _sample(prefix: str) -> Path:
    return next(EXAMPLES.glob(f"{prefix}_*.txt"))


def _sample_text(prefix: str) -> str:
    return _sample(prefix).read_text(encoding="utf-8")


def _pdf(lines: list[str], *, password: str | None = None, scanned: bool = False) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    if scanned:  # a scan: marks on the page, no text objects
        page.rect(60, 300, 480, 480, fill=1)
    else:
        page.setFont("STSong-Light", 11)
        for i, line in enumerate(lines):
            page.drawString(50, 780 - 16 * i, line[:45])
    page.showPage()
    page.save()
    if password is None:
        return buffer.getvalue()
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _typeset(paragraphs: list[str]) -> bytes:
    """A multi-page PDF typeset like a Word export: wrapped lines, indents, page breaks."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=22, wordWrap="CJK",
                           firstLineIndent=28)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(p, style) for p in paragraphs if p.strip()])
    return buffer.getvalue()


def make_hostile_batch(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write the batch; return (good file → a sentence its text must contain, bad file → cause prefix)."""
    import docx

    root.mkdir(parents=True)
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    # Good reports, some in hostile clothing.
    shutil.copy(_sample("000"), root / "五团 法治政府建设 报告 (2021).txt")
    good["五团 法治政府建设 报告 (2021).txt"] = "五团依法治团工作"
    (root / "华家街道_GBK编码.txt").write_bytes(_sample_text("003").encode("gbk"))
    good["华家街道_GBK编码.txt"] = "华家街道在新区党工委、管委会的正确领导下"
    (root / "106团 UTF-16.txt").write_bytes(_sample_text("002").encode("utf-16"))  # with BOM
    good["106团 UTF-16.txt"] = "106团2022年法治政府建设年度报告"
    flat = "".join(ln.strip() for ln in _sample_text("004").splitlines())  # no headings, no line breaks
    (root / "唐驿镇 无标题.txt").write_text(flat, encoding="utf-8")
    good["唐驿镇 无标题.txt"] = "五十一团唐驿镇全面贯彻落实党中央"
    document = docx.Document()
    for line in _sample_text("001").splitlines():
        document.add_paragraph(line)
    document.save(root / "四道河子镇 报告.docx")
    good["四道河子镇 报告.docx"] = "四道河子镇2023年法治建设工作汇报"

    (root / "五团 排版.pdf").write_bytes(_typeset(_sample_text("000").split("\n")))
    good["五团 排版.pdf"] = "五团依法治团工作虽然取得了一定的成绩"

    # Bad files, each with the cause a user must see.
    (root / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty file"
    (root / "whitespace.txt").write_text(" \n\t\n\u3000\n", encoding="utf-8")
    bad["whitespace.txt"] = "no text (whitespace only)"
    (root / "random bytes.txt").write_bytes(bytes((i * 2654435761 >> 7) & 0xFF for i in range(20000)))
    bad["random bytes.txt"] = "not text:"
    sample_docx = (root / "四道河子镇 报告.docx").read_bytes()
    (root / "截断的报告.docx").write_bytes(sample_docx[: len(sample_docx) // 2])
    bad["截断的报告.docx"] = "not a valid .docx: damaged or truncated"
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("照片/说明.txt", "现场照片")
    (root / "附件压缩包.docx").write_bytes(other_zip.getvalue())
    bad["附件压缩包.docx"] = "not a .docx: a zip archive without word/document.xml"
    (root / "加密.pdf").write_bytes(_pdf(["华家街道2022年法治政府建设年度报告"], password="secret"))
    bad["加密.pdf"] = "encrypted PDF"
    (root / "扫描件.pdf").write_bytes(_pdf([], scanned=True))
    bad["扫描件.pdf"] = "no text layer (scanned PDF?)"
    block = _sample_text("003").encode("utf-8")
    with (root / "huge.txt").open("wb") as fh:  # 50 MB of real report text
        for _ in range(50 * 2**20 // len(block) + 1):
            fh.write(block)
    bad["huge.txt"] = "too large: 50.0 MB (limit 20 MB)"
    (root / "菜谱.txt").write_text(RECIPE, encoding="utf-8")
    bad["菜谱.txt"] = "not a rule-of-law report"
    (root / "english page.html").write_text(ENGLISH, encoding="utf-8")
    bad["english page.html"] = "not a rule-of-law report"
    (root / "旧格式报告.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    bad["旧格式报告.doc"] = "unsupported format: old Word .doc: save it as .docx or PDF"
    (root / "scripts.html").write_text(SCRIPTS_ONLY, encoding="utf-8")
    bad["scripts.html"] = "no readable text in the HTML page"

    # Things to walk past: a symlink loop, hidden and foreign files.
    os.symlink(root, root / "loop")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    return good, bad


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile") / "inbox 收件箱"
    good, bad = make_hostile_batch(root)
    yield root, good, bad
    (root / "huge.txt").unlink()  # pytest keeps recent temp dirs: do not keep 50 MB in them


def _fazhi(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400"}  # the summary table must not wrap error lines
    return subprocess.run([sys.executable, "-m", "fazhi", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=env, cwd=ROOT)


def _split(rest: str) -> tuple[str, str]:
    """Split ``PATH: cause`` where PATH itself has no ': ' but the cause may."""
    path, sep, cause = rest.partition(": ")
    assert sep, rest
    return path, cause


def _check_errors(output: str, root: Path, bad: dict[str, str]) -> None:
    lines = [ln.strip() for ln in output.splitlines() if ln.strip().startswith("error: ")]
    causes = {}
    for line in lines:
        path, cause = _split(line[len("error: "):])
        assert Path(path).parent == root, line  # names the file, as found in the folder
        causes[Path(path).name] = cause
    assert len(lines) == len(bad), "\n".join(lines)
    for name, prefix in bad.items():
        assert causes[name].startswith(prefix), (name, causes[name])


def test_extract_text_prints_good_reports_and_one_line_per_bad_file(batch) -> None:
    root, good, bad = batch
    result = _fazhi("extract", str(root), "--format", "text")
    assert result.returncode == 1
    _check_errors(result.stderr, root, bad)
    for name, sentence in good.items():
        assert sentence in result.stdout, name
    assert "西红柿" not in result.stdout and "[bookmark:" not in result.stdout


def test_build_keeps_going_exit_1_and_good_reports_in_the_store(batch, tmp_path: Path) -> None:
    from fazhi.graph.store import ReportStore

    root, good, bad = batch
    out = tmp_path / "out"
    result = _fazhi("build", str(root), "-o", str(out))  # with the briefing: file names reach the HTML
    assert result.returncode == 1, result.stderr[-2000:]
    _check_errors(result.stdout + result.stderr, root, bad)
    with ReportStore.open(out / "store", read_only=True) as store:
        sources = {Path(s["source"]).name for s in store.report_summaries()}
    # the typeset pdf is the same report as the 五团 .txt: it counts once, as a copy
    assert sources == set(good) - {"五团 排版.pdf"}
    assert f"copy: {root / '五团 排版.pdf'} = {root / '五团 法治政府建设 报告 (2021).txt'}" in result.stdout
    assert (out / "graph.ttl").stat().st_size > 0
    assert "华家街道" in (out / "graph.html").read_text(encoding="utf-8")


def test_build_error_lines_stay_whole_when_output_is_piped(tmp_path: Path) -> None:
    inputs = tmp_path / "收件箱"
    inputs.mkdir()
    shutil.copy(_sample("000"), inputs / "五团 报告.txt")
    bad = inputs / "一份文件名很长的损坏报告 damaged report with a long file name 2023.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    result = subprocess.run([sys.executable, "-m", "fazhi", "build", str(inputs), "-o", str(tmp_path / "out"),
                             "--no-html"], capture_output=True, text=True, encoding="utf-8", timeout=600,
                            env=env, cwd=ROOT)
    assert result.returncode == 1
    lines = [ln.strip() for ln in (result.stdout + result.stderr).splitlines()]
    assert f"error: {bad}: not text: binary data (NUL bytes)" in lines


def _store_sources(store_dir: Path) -> set[str]:
    from fazhi.graph.store import ReportStore

    with ReportStore.open(store_dir, read_only=True) as store:
        return {Path(s["source"]).name for s in store.report_summaries()}


def _turtle_reports(ttl: Path) -> int:
    """Parse the Turtle export completely (pyoxigraph fails on a torn file); count fz:Report nodes."""
    from pyoxigraph import NamedNode, RdfFormat, parse

    report = NamedNode("https://w3id.org/fazhi-kg/ontology#Report")
    a = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    with ttl.open("rb") as fh:
        return sum(1 for t in parse(fh, format=RdfFormat.TURTLE) if t.predicate == a and t.object == report)


def _kill_when(cmd: list[str], ready, timeout: float = 300) -> bool:
    """Run ``cmd``; SIGKILL it as soon as ``ready()`` is true. True if it was killed mid-run."""
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "COLUMNS": "400"}, cwd=ROOT)
    deadline = time.monotonic() + timeout
    try:
        while child.poll() is None and time.monotonic() < deadline:
            if ready():
                os.kill(child.pid, signal.SIGKILL)
                child.wait(timeout=60)
                return True
            time.sleep(0.005)
        return False
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=60)


def _folder_size(folder: Path) -> int:
    total = 0
    for path in folder.iterdir():
        try:
            total += path.stat().st_size
        except FileNotFoundError:  # compaction removed it while we looked
            pass
    return total


def _grows(folder: Path, by: int):
    """True once ``folder`` holds ``by`` more bytes than now: a write is under way
    (opening the store alone writes only a few small files)."""
    baseline = _folder_size(folder)
    return lambda: _folder_size(folder) > baseline + by


def test_sigkill_mid_build_leaves_previous_store_and_exports_readable(tmp_path: Path) -> None:
    inputs = tmp_path / "reports"
    inputs.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, inputs / path.name)
    out = tmp_path / "out"
    first = _fazhi("build", str(inputs), "-o", str(out), "--no-html")
    assert first.returncode == 0, first.stderr[-2000:]
    before = _store_sources(out / "store")
    assert len(before) == 5
    assert _turtle_reports(out / "graph.ttl") == 5

    # More work for the next build, so that the kills land while it runs.
    subprocess.run([sys.executable, str(SCALER), "10", str(inputs / "more"), "--seed", "11"],
                   check=True, capture_output=True, timeout=300)
    cmd = [sys.executable, "-m", "fazhi", "build", str(inputs), "-o", str(out), "--no-html"]
    moments = {
        "start-up / extraction": lambda: lambda start=time.time(): time.time() - start > 2.0,
        "writing the store": lambda: _grows(out / "store", 200_000),
        "writing the exports": lambda: lambda: any(out.glob(".graph.ttl*")),
    }
    killed = []
    for moment, make_ready in moments.items():
        if _kill_when(cmd, make_ready()):
            killed.append(moment)
        # Whatever moment the kill hit: the store opens and keeps every earlier
        # report, and the export is a complete Turtle file (old or new).
        after = _store_sources(out / "store")
        assert before <= after, moment
        assert _turtle_reports(out / "graph.ttl") in (5, len(after)), moment
    assert "start-up / extraction" in killed
    print("killed while", ", ".join(killed))

    final = _fazhi("build", str(inputs), "-o", str(out), "--no-html")
    assert final.returncode == 0, final.stderr[-2000:]
    assert len(_store_sources(out / "store")) == 15
    assert _turtle_reports(out / "graph.ttl") == 15
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temp file a kill left
