"""Text layer of a PDF report (pypdf); scans and locked files are refused clearly."""

from __future__ import annotations

import io
import logging


class PdfUnreadable(ValueError):
    """The bytes are not a PDF whose text can be read; the message says why."""


def pdf_text(data: bytes) -> str:
    """The text of every page, with the paragraphs the layout wrapped re-joined."""
    from pypdf import PdfReader

    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise PdfUnreadable("not a PDF: no %PDF header")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken xref warnings are noise here
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:  # many published PDFs only restrict printing: empty user password
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise PdfUnreadable("encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfUnreadable:
        raise
    except Exception as exc:  # pypdf has no single base error for damaged files
        raise PdfUnreadable(f"not a valid PDF: {type(exc).__name__}: {exc}") from None
    if not any(page.strip() for page in pages):
        raise PdfUnreadable("no text layer (scanned PDF?)")
    return join_pages(pages)


def join_pages(pages: list[str]) -> str:
    """Pages as one text: page-number lines dropped, wrapped lines re-joined across pages."""
    from fazhi.extract.ingest.cleanup import is_page_number_line
    from fazhi.extract.ingest.reflow import reflow

    lines = [ln for page in pages for ln in page.strip("\n").split("\n") if not is_page_number_line(ln)]
    return reflow("\n".join(lines))
