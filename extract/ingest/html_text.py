"""Main text of a saved government-site article page, without the site around it.

trafilatura finds the article body (no navigation, menus, footers, login
boxes); when it finds nothing usable a plain tag-stripping reader is used,
which still drops scripts, styles and the page's nav/header/footer blocks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
             "select", "button", "iframe", "svg", "head"}
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
              "article", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "title"}
MIN_ARTICLE_CHARS = 50  # below this trafilatura probably grabbed a caption, not the report


class HtmlUnreadable(ValueError):
    """The page has no readable text; the message says why."""


class _PlainText(HTMLParser):
    """Visible text of a page with block elements on their own lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def plain_html_text(html: str) -> str:
    """Visible text without scripts, styles, nav, header and footer blocks."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\xa0]+", lambda m: "\t" if "\t" in m.group() else " ", ln).strip()
             for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


_TABLE_RULE = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")
_TABLE_ROW = re.compile(r"\|(.*)\|")


def _plain_tables(text: str) -> str:
    """trafilatura writes tables as ``| a | b |`` rows: make them tab-separated like docx."""
    lines: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if _TABLE_RULE.fullmatch(stripped):
            continue
        row = _TABLE_ROW.fullmatch(stripped)
        lines.append("\t".join(c.strip() for c in row.group(1).split("|")) if row else line)
    return "\n".join(lines)


LAYOUT_CELL_CHARS = 150  # a table cell holding more text than this is page layout, not data
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|–| - )\s*")


def _is_layout_table(table) -> bool:
    """Old government sites lay whole pages out in tables; data tables have short cells."""
    if table.xpath(".//table"):
        return True
    return any(len(cell.text_content().strip()) > LAYOUT_CELL_CHARS for cell in table.xpath(".//td|.//th"))


def _unwrap_layout_tables(doc) -> None:
    """Turn layout tables into plain blocks so the article finder sees paragraphs, not cells."""
    for table in reversed(doc.xpath("//table")):
        if _is_layout_table(table):
            for el in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                el.tag = "div"


def _page_title(doc) -> str | None:
    """The article's own title from <title>, without the site and channel names after it."""
    title = (doc.findtext(".//title") or "").strip()
    first = TITLE_SEPARATORS.split(title)[0].strip() if title else ""
    return first if len(first) >= 6 else None


def _prepare(html: str) -> tuple[str, str | None]:
    """(HTML with layout tables unwrapped, page title); the input unchanged if it cannot be parsed."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        doc = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return html, None
    _unwrap_layout_tables(doc)
    return lxml.html.tostring(doc, encoding="unicode"), _page_title(doc)


def html_text(html: str) -> str:
    """The article's main text, tables included, one paragraph a line."""
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml ≥ 5.2 without the separate lxml_html_clean package
        raise HtmlUnreadable(f"cannot read HTML here: trafilatura does not import ({exc})") from None

    prepared, title = _prepare(html)
    text = trafilatura.extract(
        prepared,
        favor_precision=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        output_format="txt",
    )
    if not text or len(text.strip()) < MIN_ARTICLE_CHARS:
        text = plain_html_text(html)
    else:
        text = _plain_tables(text)
        if title and title not in text[: 4 * len(title) + 200]:
            text = f"{title}\n{text}"  # the page's heading was outside the article block
    if not text.strip():
        raise HtmlUnreadable("no readable text in the HTML page")
    return text
