"""PDF reports: the Chinese text layer is read back; scans and locked files are refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fazhi.extract.ingest import IngestError, read_document
from pypdf import PdfReader, PdfWriter

LINES = [
    "106团2022年法治政府建设年度报告",
    "一、主要工作举措",
    "团人民调解委员会全年调解矛盾纠纷36件，调解成功率达100%。",
    "— 1 —",
]


def _chinese_pdf(lines: list[str]) -> bytes:
    """A real PDF with a Chinese text layer (Adobe's STSong-Light CID font, no embedding)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        page.drawString(72, 760 - 20 * i, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_chinese_text_layer_is_read_and_page_number_dropped(tmp_path: Path) -> None:
    path = tmp_path / "106团 报告.pdf"
    path.write_bytes(_chinese_pdf(LINES))
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.text.split("\n")[:3] == LINES[:3]
    assert "— 1 —" not in doc.text


def test_pdf_locked_with_a_password_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_chinese_pdf(LINES))))
    writer.encrypt(user_password="fz2023", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(IngestError, match=r"encrypted PDF"):
        read_document(path)


def test_pdf_restricted_only_by_an_owner_password_is_read(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_chinese_pdf(LINES))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert read_document(path).text.startswith(LINES[0])


def test_scanned_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(72, 400, 300, 300, fill=1)  # what a scan is to pypdf: marks, no text
    page.line(72, 380, 372, 380)
    page.showPage()
    page.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.cause == "no text layer (scanned PDF?)"


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("<html>404 Not Found</html>", encoding="utf-8")
    with pytest.raises(IngestError, match="not a PDF"):
        read_document(path)


def test_truncated_pdf_is_refused_or_read_never_crashes(tmp_path: Path) -> None:
    data = _chinese_pdf(LINES)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.cause.startswith(("not a valid PDF", "no text layer"))


def _typeset(paragraphs: list[str]) -> bytes:
    """Paragraphs typeset as Word would: wrapped lines, first-line indent, several pages."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=22, wordWrap="CJK",
                           firstLineIndent=28)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(p, style) for p in paragraphs])
    return buffer.getvalue()


def test_wrapped_paragraphs_are_rejoined_across_lines_and_pages(
    tmp_path: Path, sample_reports: list[Path], gold: dict[str, dict]
) -> None:
    source = next(p for p in sample_reports if p.name.startswith("003"))
    paragraphs = [ln for ln in source.read_text(encoding="utf-8").split("\n") if ln.strip()]
    path = tmp_path / "华家街道.pdf"
    path.write_bytes(_typeset(paragraphs))
    assert len(PdfReader(path).pages) > 2
    text = read_document(path).text
    got = [ln.strip() for ln in text.split("\n") if ln.strip()]
    assert got == [p.strip() for p in paragraphs if not p.startswith("责编")]
    g = gold["003"]
    for item in g["mechanisms"] + g["campaigns"] + g["problems"] + g["metrics"]:
        assert item["text"] in text


def test_text_layer_of_unmapped_fonts_is_recognised_as_noise() -> None:
    from fazhi.extract.ingest.pdf_text import text_layer_problem

    good = "团人民调解委员会全年调解矛盾纠纷36件，调解成功率达100%。\n" * 5
    assert text_layer_problem(good) is None
    unmapped = "\ue1a0\ue2b1\ue0c3\ue4d2\ue105 \ue3a7\ue0f2\ue21c 36 \ue377\ue0a1\n" * 5  # glyph ids as PUA
    assert text_layer_problem(unmapped) == "text layer is not readable text (fonts without a Unicode map?)"
    shifted = "".join(chr(ord(c) + 0x1000) if "\u4e00" <= c <= "\u8fff" else c for c in good)  # wrong map
    assert text_layer_problem(shifted) is not None
