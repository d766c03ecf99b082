"""Text layer of a PDF report (pypdf); scans and locked files are refused clearly."""

from __future__ import annotations

import io
import logging


class PdfUnreadable(ValueError):
    """The bytes are not a PDF whose text can be read; the message says why."""


def text_layer_problem(text: str) -> str | None:
    """Why a PDF's extracted text is not the words on the page, or None.

    Fonts embedded without a Unicode map give private-use code points or
    unrelated characters: the page looks right, the text layer is noise.
    """
    from fazhi.extract.ingest.decode import MIN_PLAUSIBLE, garbage_reason, plausibility

    if garbage_reason(text) or plausibility(text) < MIN_PLAUSIBLE / 2:
        return "text layer is not readable text (fonts without a Unicode map?)"
    return None


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
    problem = text_layer_problem("\n".join(pages))
    if problem:
        raise PdfUnreadable(problem)
    from fazhi.extract.ingest.reflow import rejoin_pages

    return rejoin_pages(pages)
