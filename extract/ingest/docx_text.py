"""Text of a Word .docx report: paragraphs and table cells in reading order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc / encrypted Office file


class DocxUnreadable(ValueError):
    """The bytes are not a readable .docx; the message says why."""


def _paragraph_text(paragraph: Any, numbering: Any) -> str:
    """The paragraph as Word shows it: its list label (一、 1. …) and its text."""
    from fazhi.extract.ingest.docx_numbering import paragraph_num

    num = paragraph_num(paragraph)
    label = numbering.label(*num) if num else ""
    return label + paragraph.text


def _table_lines(table: Any, numbering: Any) -> Iterator[str]:
    """One line per row, cells joined by a tab; merged cells once; nested tables follow."""
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        nested: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            parts: list[str] = []
            for block in cell.iter_inner_content():
                if hasattr(block, "rows"):
                    nested.extend(_table_lines(block, numbering))
                else:
                    parts.append(_paragraph_text(block, numbering))
            cells.append("\n".join(p for p in parts if p.strip()))
        if any(c.strip() for c in cells):
            yield "\t".join(cells)
        yield from nested


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
            bad = zf.testzip()
            if bad is not None:
                raise DocxUnreadable(f"damaged .docx: corrupt member {bad}")
    except zipfile.BadZipFile as exc:
        raise DocxUnreadable(f"not a valid .docx: damaged zip ({exc})") from None

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise DocxUnreadable(f"not a valid .docx: {type(exc).__name__}: {exc}") from None
    from fazhi.extract.ingest.docx_numbering import Numbering

    numbering = Numbering.from_document(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block, numbering))
        else:
            lines.append(_paragraph_text(block, numbering))
    return "\n".join(lines)
