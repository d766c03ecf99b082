"""Word reports: paragraphs and table cells in reading order; broken files refused clearly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from fazhi.extract.ingest import IngestError, read_document


def _report_docx(path: Path) -> Path:
    """A small report as a Word user writes it: title, headings, a statistics table, a bookmark."""
    document = docx.Document()
    document.add_heading("四道河子镇2023年法治建设工作汇报", level=1)
    document.add_paragraph("一、2023年度工作开展情况")
    document.add_paragraph("（一）强化矛盾纠纷化解。镇人民调解委员会全年调解矛盾纠纷58件，调解成功率达98%。")
    table = document.add_table(rows=3, cols=3)
    rows = [("项目", "2022年", "2023年"), ("调解案件", "41件", "58件"), ("法律援助", "9件", "12件")]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    merged = document.add_table(rows=2, cols=2)
    top = merged.cell(0, 0).merge(merged.cell(0, 1))
    top.text = "备注：数据来源于司法所台账"
    merged.cell(1, 0).text = "统计人"
    merged.cell(1, 1).text = "司法所"
    document.add_paragraph("二、存在的问题")
    document.add_paragraph("一是村级调解力量薄弱。[bookmark: _GoBack]")
    document.save(path)
    return path


def test_paragraphs_and_tables_come_out_in_reading_order(tmp_path: Path) -> None:
    doc = read_document(_report_docx(tmp_path / "汇报.docx"))
    assert doc.format == "docx"
    assert doc.text.split("\n") == [
        "四道河子镇2023年法治建设工作汇报",
        "一、2023年度工作开展情况",
        "（一）强化矛盾纠纷化解。镇人民调解委员会全年调解矛盾纠纷58件，调解成功率达98%。",
        "项目\t2022年\t2023年",
        "调解案件\t41件\t58件",
        "法律援助\t9件\t12件",
        "备注：数据来源于司法所台账",  # a merged cell once, not twice
        "统计人\t司法所",
        "二、存在的问题",
        "一是村级调解力量薄弱。",
    ]


def test_truncated_docx_is_refused(tmp_path: Path) -> None:
    good = _report_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.cause.startswith("not a valid .docx")
    assert str(info.value).startswith(f"{path}: ")


def test_a_zip_of_something_else_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("photos/readme.txt", "附件：现场照片")
    path = tmp_path / "附件.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError, match="without word/document.xml"):
        read_document(path)


def test_an_old_word_doc_renamed_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(IngestError, match="old Word .doc"):
        read_document(path)


def test_tracked_changes_content_controls_and_nested_tables(tmp_path: Path) -> None:
    """What Word shows: insertions in, deletions out, a cover page in a content control,
    a table inside a cell after its row; headers and footers left out."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.sections[0].header.paragraphs[0].text = "某镇人民政府文件"
    paragraph = document.add_paragraph("全年调解矛盾纠纷")
    paragraph._p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="司法所" w:date="2024-01-05T00:00:00Z">'
                                  f'<w:r><w:t>58件</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="司法所" w:date="2024-01-05T00:00:00Z">'
                                  f'<w:r><w:delText>41件</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:r {ns}><w:t>，调解成功率</w:t><w:tab/><w:t>98%。</w:t></w:r>'))
    document.element.body.insert(0, parse_xml(
        f"<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>四道河子镇2023年法治建设工作汇报</w:t></w:r></w:p>"
        f"</w:sdtContent></w:sdt>"))
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "法律援助"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "受理"
    inner.cell(0, 1).text = "12件"
    path = tmp_path / "revisions.docx"
    document.save(path)
    assert read_document(path).text.split("\n") == [
        "四道河子镇2023年法治建设工作汇报",
        "全年调解矛盾纠纷58件，调解成功率\t98%。",
        "法律援助",
        "受理\t12件",
    ]
