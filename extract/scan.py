"""Fast regex scanning: run a pattern only around the literals every match must contain.

Most gazetteer patterns cannot use the regex engine's literal-prefix search
(they open with optional words), so scanning a whole report with hundreds of
them is slow. Each pattern here knows its anchors (literal strings one of
which every match contains, found from the parsed pattern) and its maximum
width; it is searched only in windows around the anchors' occurrences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Iterator

try:  # Python >= 3.11
    from re import _constants as _c
    from re import _parser as _parser
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MAX_WINDOW = 80  # wider patterns are scanned over the whole text
_LOOKAROUND = 4  # characters of context a pattern's look-ahead may need past its match


def _required(items) -> list[str] | None:
    """Literal strings one of which every match of a parsed regex contains (the longest such choice)."""
    best: list[str] | None = None
    run = ""

    def offer(options: list[str] | None) -> None:
        nonlocal best
        if options and all(options) and (best is None or min(map(len, options)) > min(map(len, best))):
            best = options

    for op, av in list(items) + [(None, None)]:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        offer([run] if run else None)
        run = ""
        if op is _c.SUBPATTERN:
            offer(_required(av[-1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            offer(_required(av[2]))
        elif op is _c.BRANCH:
            alts = [_required(branch) for branch in av[1]]
            if all(alts):
                offer(sorted({a for alt in alts for a in alt}))
    return best


def anchors_of(pattern: str) -> tuple[str, ...]:
    """Literals one of which every match of ``pattern`` contains; () when there is none."""
    found = _required(_parser.parse(pattern))
    return tuple(found) if found else ()


@dataclass(frozen=True)
class AnchoredPattern:
    """A compiled regex with its anchors and maximum match width."""

    regex: re.Pattern[str]
    anchors: tuple[str, ...] = field(default=())
    width: int = 0  # maximum match width; 0 = unbounded or too wide (scan everything)

    @classmethod
    def compile(cls, pattern: str) -> AnchoredPattern:
        parsed = _parser.parse(pattern)
        found = _required(parsed)
        hi = parsed.getwidth()[1]
        return cls(re.compile(pattern), tuple(found) if found else (), hi if hi <= MAX_WINDOW else 0)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of matches, each once, in no particular order.

        Only matches that contain an anchor occurrence are searched for, and
        every match contains one, so nothing is lost; a window may also yield
        a match cut short at its left edge, which callers that keep the longest
        of overlapping matches discard.
        """
        if not self.anchors:
            for m in self.regex.finditer(text):
                yield m.start(), m.end()
            return
        present = [a for a in self.anchors if a in text]
        if not present:
            return
        if not self.width:
            for m in self.regex.finditer(text):
                yield m.start(), m.end()
            return
        windows: list[list[int]] = []
        for a in present:
            i = text.find(a)
            while i >= 0:
                windows.append([max(0, i + len(a) - self.width), min(len(text), i + self.width)])
                i = text.find(a, i + 1)
        windows.sort()
        merged = [windows[0]]
        for s, e in windows[1:]:
            if s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        seen: set[tuple[int, int]] = set()
        n = len(text)
        for s, e in merged:
            for m in self.regex.finditer(text, s, min(n, e + _LOOKAROUND)):
                if m.start() < e and (m.start(), m.end()) not in seen:
                    seen.add((m.start(), m.end()))
                    yield m.start(), m.end()
