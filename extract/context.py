"""The sentence around each quote, so evidence reads as the report's own sentence.

A mention's ``text`` is only the matched words (法律顾问); a briefing reader
needs the sentence that says what the unit did with it. Following the W3C
Web Annotation TextQuoteSelector, the context is kept as ``prefix`` and
``suffix``: the text from the sentence start up to the quote, and from the
quote to the sentence end, each capped so records stay small.
"""

from __future__ import annotations

import re

from fazhi.extract.records import Mention, Metric, ReportRecord

MAX_SIDE = 80  # characters of context on each side of a quote
_BOUNDARY = re.compile(r"[。！？；!?;\n]")


def sentence_context(text: str, start: int, end: int, limit: int = MAX_SIDE) -> tuple[str, str]:
    """(prefix, suffix): the rest of the sentence on each side of ``text[start:end]``."""
    lo = max(0, start - limit)
    head = text[lo:start]
    cut = None
    for m in _BOUNDARY.finditer(head):
        cut = m.end()
    prefix = head[cut:] if cut is not None else head
    tail = text[end : end + limit]
    stop = _BOUNDARY.search(tail)
    if stop is None:
        suffix = tail
    else:  # keep the sentence's own closing mark, not a line break
        suffix = tail[: stop.start()] if stop.group() == "\n" else tail[: stop.end()]
    return prefix.lstrip(), suffix


def add_context(record: ReportRecord, text: str) -> ReportRecord:
    """Fill ``prefix``/``suffix`` of every mention and metric of ``record`` from ``text``."""
    items: list[Mention | Metric] = [*record.mentions, *record.metrics]
    for item in items:
        item.prefix, item.suffix = sentence_context(text, item.start, item.end)
    return record
