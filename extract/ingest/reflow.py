"""Re-join the lines a PDF wrapped inside a paragraph.

A PDF's text layer keeps the printed line breaks, so a report paragraph comes
out as lines of ~30 characters, split anywhere — even inside a word (法\\n治).
A line is joined to the next when it was filled to the page width, does not
end a sentence, and the next line does not start a paragraph (indent) or a
heading. Only newlines are removed; no other character changes.
"""

from __future__ import annotations

import re
import unicodedata

SENTENCE_END = tuple("。！？!?；;：:")
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节部分条])"
)
FULL_SHARE = 0.85  # a line at least this share of the usual full width was wrapped by the layout


def display_width(line: str) -> int:
    """Printed width in half-width cells: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def full_width(lines: list[str]) -> int:
    """The width of a filled line: the 90th percentile of the non-trivial line widths."""
    widths = sorted(display_width(ln.strip()) for ln in lines if len(ln.strip()) >= 8)
    if len(widths) < 3:
        return 0
    return widths[int(0.9 * (len(widths) - 1))]


def _continues(line: str, following: str, full: int) -> bool:
    text = line.rstrip()
    if not text or not following.strip() or text.endswith(SENTENCE_END):
        return False
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
