"""Text of a Word .docx report: paragraphs and table cells in reading order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from fazhi.extract.ingest.containers import (
    ContainerTooBig,
    check_zip_bounds,
    check_zip_members,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc / encrypted Office file


class DocxUnreadable(ValueError):
    """The bytes are not a readable .docx; the message says why."""


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text Word does not show in the flow of a paragraph: deleted
# revisions, properties (tab stops are w:tab too), field instructions, the
# fallback copy of alternate content, text boxes anchored in the paragraph.
SKIP = {f"{W}del", f"{W}pPr", f"{W}rPr", f"{W}instrText", f"{W}delText", MC_FALLBACK, f"{W}txbxContent"}
CHARS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"}


def _run_text(element: Any, parts: list[str]) -> None:
    """Visible text under ``element``: accepted insertions in, deletions out."""
    for child in element:
        tag = child.tag
        if tag in SKIP:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in CHARS:
            parts.append(CHARS[tag])
        else:
            _run_text(child, parts)


def _blocks(container: Any) -> Iterator[Any]:
    """Paragraph and table elements in reading order, through content controls."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in CONTAINERS:
            yield from _blocks(child)


def _paragraph_text(p: Any, parent: Any, numbering: Any) -> str:
    """The paragraph as Word shows it: its list label (一、 1. …) and its text."""
    from docx.text.paragraph import Paragraph
    from fazhi.extract.ingest.docx_numbering import paragraph_num

    num = paragraph_num(Paragraph(p, parent))
    parts = [numbering.label(*num)] if num else []
    _run_text(p, parts)
    return "".join(parts)


def _table_lines(tbl: Any, parent: Any, numbering: Any) -> Iterator[str]:
    """One line per row, cells joined by a tab (a merged cell once); nested tables follow."""
    for tr in _blocks_of(tbl, f"{W}tr"):
        cells: list[str] = []
        nested: list[str] = []
        for tc in _blocks_of(tr, f"{W}tc"):
            parts: list[str] = []
            for block in _blocks(tc):
                if block.tag == f"{W}tbl":
                    nested.extend(_table_lines(block, parent, numbering))
                else:
                    parts.append(_paragraph_text(block, parent, numbering))
            cells.append("\n".join(p for p in parts if p.strip()))
        if any(c.strip() for c in cells):
            yield "\t".join(cells).rstrip("\t")  # empty trailing cells say nothing
        yield from nested


def _blocks_of(container: Any, tag: str) -> Iterator[Any]:
    """Children of ``container`` with ``tag``, looking through content controls."""
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in CONTAINERS:
            yield from _blocks_of(child, tag)


def docx_text(data: bytes) -> str:
    """Body paragraphs and tables in document order (headers/footers left out)."""
    if data.startswith(OLE_MAGIC):
        raise DocxUnreadable("not a .docx: an old Word .doc or an encrypted Office file")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocxUnreadable("not a valid .docx: damaged or truncated (not a readable zip)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise DocxUnreadable("not a .docx: a zip archive without word/document.xml")
            check_zip_bounds(zf)  # from the directory alone, before anything is inflated
            try:
                check_zip_members(zf)
            except zipfile.BadZipFile as exc:
                raise DocxUnreadable(f"damaged .docx: corrupt member ({exc})") from None
    except ContainerTooBig as exc:
        raise DocxUnreadable(str(exc)) from None
    except (zipfile.BadZipFile, NotImplementedError, EOFError) as exc:
        raise DocxUnreadable(f"not a valid .docx: damaged zip ({exc})") from None

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise DocxUnreadable(f"not a valid .docx: {type(exc).__name__}: {exc}") from None
    from fazhi.extract.ingest.docx_numbering import Numbering

    numbering = Numbering.from_document(document)
    parent = document._body  # gives paragraphs their part, for style look-ups
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == f"{W}tbl":
            lines.extend(_table_lines(block, parent, numbering))
        else:
            lines.append(_paragraph_text(block, parent, numbering))
    return "\n".join(lines)
