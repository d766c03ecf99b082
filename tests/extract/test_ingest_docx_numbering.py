"""Word's automatic list numbers (一、 （一） 1.) are part of the text a reader sees."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from fazhi.extract.ingest import read_document
from fazhi.extract.ingest.docx_numbering import chinese_counting

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
OUTLINE = f"""<w:abstractNum {NS} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def _numbered(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr._add_numPr()
    numpr._add_ilvl().val = ilvl
    numpr._add_numId().val = num_id


def _outline_docx(path: Path) -> Path:
    """A report whose headings are numbered by Word, as many offices write them."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(OUTLINE))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num {NS} w:numId="91"><w:abstractNumId w:val="90"/>'
        f'<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    # Heading 1 carries the numbering through its style, as Word's outline lists do.
    heading = document.styles["Heading 1"].element.get_or_add_pPr()
    numpr = heading._add_numPr()
    numpr._add_numId().val = 90
    numpr._add_ilvl().val = 0

    document.add_paragraph("华家街道2022年法治政府建设年度报告")
    document.add_paragraph("主要举措和成效", style="Heading 1")
    p = document.add_paragraph("深入学习贯彻习近平法治思想")
    _numbered(p, 90, 1)
    p = document.add_paragraph("法治政府建设工作完成情况")
    _numbered(p, 90, 1)
    for text in ("严格落实法治建设第一责任人职责。", "坚持严格规范公正文明执法。"):
        _numbered(document.add_paragraph(text), 90, 2)
    document.add_paragraph("存在的不足和原因", style="Heading 1")
    p = document.add_paragraph("干部法治观念还不够强")
    _numbered(p, 90, 1)
    _numbered(document.add_paragraph("学法形式较为单一。"), 91, 2)  # "restart numbering" instance
    document.save(path)
    return path


def test_outline_numbers_are_rendered_like_word(tmp_path: Path) -> None:
    text = read_document(_outline_docx(tmp_path / "numbered.docx")).text
    assert text.split("\n") == [
        "华家街道2022年法治政府建设年度报告",
        "一、主要举措和成效",
        "（一）深入学习贯彻习近平法治思想",
        "（二）法治政府建设工作完成情况",
        "1.严格落实法治建设第一责任人职责。",
        "2.坚持严格规范公正文明执法。",
        "二、存在的不足和原因",
        "（一）干部法治观念还不够强",
        "1.学法形式较为单一。",
    ]


def test_python_docx_list_styles_number_and_bullets_stay_unlabelled(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("全年开展法治宣传活动20场。", style="List Number")
    document.add_paragraph("全年调解矛盾纠纷58件。", style="List Number")
    document.add_paragraph("法律顾问每周驻点服务2次。", style="List Bullet")
    path = tmp_path / "lists.docx"
    document.save(path)
    assert read_document(path).text.split("\n") == [
        "1.全年开展法治宣传活动20场。", "2.全年调解矛盾纠纷58件。", "法律顾问每周驻点服务2次。"]


@pytest.mark.parametrize("n, label", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五"),
                                      (100, "一百"), (105, "一百零五"), (118, "一百一十八")])
def test_chinese_counting(n: int, label: str) -> None:
    assert chinese_counting(n) == label
