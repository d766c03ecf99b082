"""One report file → ``Document``: pick the reader by suffix, decode, clean."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fazhi.extract.ingest.cleanup import clean_text
from fazhi.extract.ingest.decode import NotText, decode_text
from fazhi.extract.ingest.errors import IngestError
from fazhi.extract.ingest.genre import genre_problem
from fazhi.extract.ingest.names import readable_path
from fazhi.extract.records import Document

SUPPORTED = (".txt", ".docx", ".pdf", ".html", ".htm")
# Document formats reports are also published in that cannot be read here: in
# a folder they are errors with advice, not silently skipped "other files".
UNSUPPORTED_DOCUMENTS = {
    ".doc": "old Word .doc: save it as .docx or PDF",
    ".wps": "WPS document: save it as .docx or PDF",
    ".rtf": "RTF document: save it as .docx or PDF",
    ".odt": "OpenDocument text: save it as .docx or PDF",
    ".ofd": "OFD document: export it as PDF",
}
# Size limits. A long annual report is well under 1 MB of text, so a text or
# HTML file over 20 MB is a wrong input (a data dump, a log) that would stall a
# batch. Word and PDF files also carry photos and scans of seals, so they may
# be larger before their text is; 100 MB still rules out runaway files.
MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_WITH_IMAGES = 100 * 1024 * 1024
LIMITS = {"docx": MAX_BYTES_WITH_IMAGES, "pdf": MAX_BYTES_WITH_IMAGES}
# spaCy refuses a text over 1,000,000 characters (nlp.max_length) with a
# traceback; the longest real annual reports are ~100,000. Longer texts are
# refused here, one line, before extraction starts.
MAX_CHARS = 1_000_000

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5"}
# Single-byte charsets decode any bytes, so when a Chinese page declares one by
# mistake (old site templates do) trusting it would give silent mojibake.
_UNTRUSTED_CHARSETS = {"iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii"}


_LOOKS_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.I)


def unsupported_cause(path: Path) -> str:
    """Why ``path`` cannot be read, by its suffix, with advice when there is some."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_DOCUMENTS:
        return f"unsupported format: {UNSUPPORTED_DOCUMENTS[suffix]}"
    return f"unsupported file type {path.suffix or '(none)'} (supported: {' '.join(SUPPORTED)})"


def _file_format(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def _html_str(data: bytes) -> str:
    """Decode a saved page: its BOM or <meta charset> first, then detection."""
    match = _META_CHARSET.search(data[:8192])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = match.group(1).decode("ascii").lower()
        if name in _UNTRUSTED_CHARSETS and not data.isascii():
            return decode_text(data)[0]
        try:
            return data.decode(_CHARSET_ALIASES.get(name, name))
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset: detect instead
    return decode_text(data)[0]


def _raw_text(data: bytes, fmt: str) -> str:
    """The file's text before clean-up; raises ValueError subclasses with a cause."""
    if fmt == "txt":
        from fazhi.extract.ingest.cleanup import normalise_newlines
        from fazhi.extract.ingest.reflow import looks_wrapped, rejoin_pages

        text = normalise_newlines(decode_text(data)[0])
        if _LOOKS_HTML.match(text):  # a web page saved or renamed as .txt
            from fazhi.extract.ingest.html_text import html_text

            problem = private_use_problem(text) or html_size_problem(text)
            if problem:
                raise NotText(problem)
            return html_text(text)
        # Text saved from a PDF (pdftotext) keeps the printed line breaks and page feeds.
        return rejoin_pages(text.split("\f")) if looks_wrapped(text) else text
    if fmt == "docx":
        from fazhi.extract.ingest.docx_text import docx_text

        return docx_text(data)
    if fmt == "pdf":
        from fazhi.extract.ingest.pdf_text import pdf_text

        return pdf_text(data)
    from fazhi.extract.ingest.html_text import html_text

    page = _html_str(data)
    problem = private_use_problem(page) or html_size_problem(page)
    if problem:
        raise NotText(problem)
    return html_text(page)


_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
# Symbol fonts (Wingdings in Word, PDF bullet glyphs) put list bullets in the
# private-use area: one at the start of a line, before the item, is a bullet.
_BULLET = re.compile("^[ \t\u3000]*[\ue000-\uf8ff][ \t\u3000]*", re.M)


def private_use_count(text: str) -> int:
    """Private-use code points in ``text`` that are not bullets: each is a character nobody can read."""
    return len(_PRIVATE_USE.findall(_BULLET.sub("", text)))


# A saved report page has a few thousand elements; the article finder and
# lxml cost ~20 KB of memory and ~0.1 ms per element, so a 19 MB page of
# tiny cells took 95 s and 3.8 GB before it was found too long. Both bounds
# are checked on the raw page, before it is parsed.
MAX_HTML_TAGS = 30_000
_TAG = re.compile(r"<[^<>]*>")


def html_size_problem(page: str) -> str | None:
    """Why a web page is too big to parse (too many elements, too much text), or None."""
    tags = page.count("<")
    if tags > MAX_HTML_TAGS:
        return f"web page refused: {tags:,} tags (limit {MAX_HTML_TAGS:,}; a report page has a few thousand)"
    visible = len(_TAG.sub("", page))
    if visible > MAX_CHARS * 2:  # markup-free text, entities and scripts included: twice the limit is safe
        return (f"too long: about {visible:,} characters of text (limit {MAX_CHARS:,}; a yearly report has "
                "about 10,000-100,000): split it into its reports")
    return None


def private_use_problem(text: str) -> str | None:
    """The one-line refusal for text with private-use characters (silent mojibake otherwise), or None."""
    found = private_use_count(text)
    if not found:
        return None
    return (f"not text: {found} character(s) decode only to private-use code points (U+E000-U+F8FF: "
            "a wrong encoding, characters made with a private font, or a font without a Unicode map)")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The raw bytes of ``path`` if it is a readable file within ``limit`` bytes."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise IngestError(path, "not a regular file")
    if size > limit:
        raise IngestError(path, f"too large: {size / 2**20:.1f} MB (limit {limit // 2**20} MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror or exc}") from None


def read_document(path: Path) -> Document:
    """Read one report file as a cleaned ``Document``; raises ``IngestError`` with the cause."""
    path = Path(path)
    fmt = _file_format(path)
    if f".{fmt}" not in SUPPORTED:
        raise IngestError(path, unsupported_cause(path))
    data = read_bytes(path, LIMITS.get(fmt, MAX_BYTES))
    if not data:
        raise IngestError(path, "empty file")
    if not data.strip():
        raise IngestError(path, "no text (whitespace only)")
    try:
        raw = _raw_text(data, fmt)
    except (NotText, ValueError) as exc:
        raise IngestError(path, str(exc)) from None
    text = clean_text(raw)
    if not text.strip():
        raise IngestError(path, "no text (whitespace only)")
    if len(text) > MAX_CHARS:
        raise IngestError(path, f"too long: {len(text):,} characters of text (limit {MAX_CHARS:,}; "
                                "a yearly report has about 10,000-100,000): split it into its reports")
    problem = private_use_problem(text)
    if problem:
        raise IngestError(path, problem)
    problem = genre_problem(text)
    if problem:
        raise IngestError(path, problem)
    return Document(text=text, source=readable_path(path), format=fmt, sha256=hashlib.sha256(data).hexdigest())
