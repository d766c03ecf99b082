"""Text layer of a PDF report (pypdf); scans and locked files are refused clearly."""

from __future__ import annotations

import io
import logging


class PdfUnreadable(ValueError):
    """The bytes are not a PDF whose text can be read; the message says why."""


# Bounds on the work one PDF may cost. A page's content stream is inflated
# before its text is read; a Word-exported report page has 10-300 KB of
# drawing operators (5 KB for a page of body text), and reading them costs
# ~1.2 s per MB in pypdf, so a few KB of compressed repeated operators could
# keep a worker busy for hours (pypdf itself caps one stream at 75 MB). Pages
# are checked one by one; the bounds keep one file under ~6 s.
MAX_PAGES = 2000
MAX_PAGE_CONTENT = 512 * 1024
MAX_TOTAL_CONTENT = 8 * 2**20
MAX_SECONDS = 5.0


def _page_texts(reader) -> list[str]:  # noqa: ANN001  (pypdf.PdfReader)
    """Each page's text, refusing the file once it costs more than the bounds above."""
    import time

    from fazhi.extract.ingest.read import MAX_CHARS

    if len(reader.pages) > MAX_PAGES:
        raise PdfUnreadable(f"PDF refused: {len(reader.pages):,} pages (limit {MAX_PAGES:,})")
    start = time.monotonic()
    pages: list[str] = []
    content = chars = 0
    for number, page in enumerate(reader.pages, 1):
        stream = page.get_contents()
        size = len(stream.get_data()) if stream is not None else 0
        if size > MAX_PAGE_CONTENT:
            raise PdfUnreadable(f"PDF refused: page {number}'s content inflates to {size / 2**20:,.1f} MB "
                                f"(limit {MAX_PAGE_CONTENT // 1024} KB per page; a PDF bomb?)")
        content += size
        if content > MAX_TOTAL_CONTENT:
            raise PdfUnreadable(f"PDF refused: page contents inflate to over {MAX_TOTAL_CONTENT // 2**20} MB "
                                f"by page {number}")
        text = page.extract_text() or ""
        chars += len(text)
        if chars > MAX_CHARS:
            raise PdfUnreadable(f"too long: over {MAX_CHARS:,} characters of text by page {number}")
        if time.monotonic() - start > MAX_SECONDS:
            raise PdfUnreadable(f"PDF refused: reading its text took over {MAX_SECONDS:.0f} s by page {number} "
                                "(a PDF bomb?)")
        pages.append(text)
    return pages


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
        pages = _page_texts(reader)
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
