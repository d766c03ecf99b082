"""Re-join the lines a PDF wrapped inside a paragraph.

A PDF's text layer keeps the printed line breaks, so a report paragraph comes
out as lines of ~30 characters, split anywhere — even inside a word (法\\n治).
A line is joined to the next when it was filled to the page width, does not
end a sentence, and the next line does not start a paragraph (indent) or a
heading. A paragraph line that happens to end a sentence stays broken there:
harmless, since it is a sentence boundary anyway. Only newlines are removed; no other character changes.
"""

from __future__ import annotations

import re

SENTENCE_END = tuple("。！？!?；;：:")
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节部分条])"
)
FULL_SHARE = 0.85  # a line at least this share of the usual full width was wrapped by the layout


def display_width(line: str) -> int:
    """Printed width in half-width cells: hanzi and full-width punctuation count two.

    The GBK byte length is exactly that for Chinese text, computed at C speed.
    """
    return len(line.encode("gbk", errors="replace"))


def full_width(lines: list[str]) -> int:
    """The width of a filled line: the 90th percentile of the non-trivial line widths."""
    widths = sorted(display_width(ln.strip()) for ln in lines if len(ln.strip()) >= 8)
    if len(widths) < 3:
        return 0
    return widths[int(0.9 * (len(widths) - 1))]


def _continues(line: str, following: str, full: int) -> bool:
    text = line.rstrip()
    if not text or not following.strip():
        return False
    if text.endswith(SENTENCE_END):
        return False  # a nearly full last line of a paragraph: the text layer often drops the indent
    if following[:1].isspace() or HEADING_START.match(following):
        return False  # an indented line or a heading starts a new paragraph
    return display_width(text.strip()) >= FULL_SHARE * full


def reflow(text: str) -> str:
    """The text with layout line breaks inside paragraphs removed."""
    lines = text.split("\n")
    full = full_width(lines)
    if not full:
        return text
    out: list[str] = []
    for i, line in enumerate(lines):
        if out and _continues(lines[i - 1], line, full):
            previous = out[-1].rstrip()
            gap = " " if previous[-1:].isascii() and previous[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum() else ""
            out[-1] = previous + gap + line
        else:
            out.append(line)
    return "\n".join(out)


WRAPPED_SHARE = 0.5  # share of lines at full width above which a text was hard-wrapped


def looks_wrapped(text: str) -> bool:
    """A text saved with the layout's line breaks (pdftotext output, e-mail) rather than
    one paragraph a line: most of its lines are filled to the same width."""
    lines = [ln.strip() for ln in text.split("\n") if len(ln.strip()) >= 8]
    full = full_width(lines)
    if not full or len(lines) < 5:
        return False
    return sum(1 for ln in lines if display_width(ln) >= 0.9 * full) / len(lines) > WRAPPED_SHARE


_SINGLE_GAP = re.compile(r"(?<=\S) (?=\S)")
_WIDE_GAP = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")
LETTER_SPACED_SHARE = 0.6  # share of character gaps that are single spaces in a letter-spaced line


def unspace_letters(line: str) -> str:
    """A line the layout letter-spaced (justified titles, 团 人 民 调 解) without the spaces
    between its characters; ordinary lines, English included, are returned unchanged."""
    chars = len(line) - line.count(" ") - line.count("\u3000")
    gaps = len(_SINGLE_GAP.findall(line))
    if chars < 4 or gaps < LETTER_SPACED_SHARE * (chars - 1):
        return line
    indent = line[: len(line) - len(line.lstrip())]
    return indent + _WIDE_GAP.sub(" ", _SINGLE_GAP.sub("", line.strip()))


def rejoin_pages(pages: list[str]) -> str:
    """Pages as one text: page-number lines dropped, letter-spacing removed, wrapped
    lines re-joined across pages."""
    from fazhi.extract.ingest.cleanup import is_page_number_line

    kept = []
    for page in pages:
        lines = [unspace_letters(ln) for ln in page.split("\n") if not is_page_number_line(ln)]
        while lines and not lines[-1].strip():
            lines.pop()  # the gap above the page number of a footer
        while lines and not lines[0].strip():
            lines.pop(0)
        kept.extend(lines)
    return reflow("\n".join(kept))
