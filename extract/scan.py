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


def _requirements(items) -> list[tuple[str, ...]]:
    """Sets of literals such that every match of a parsed regex contains one literal of each set."""
    sets: list[tuple[str, ...]] = []
    run = ""
    for op, av in list(items) + [(None, None)]:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            sets.append((run,))
        run = ""
        if op is _c.SUBPATTERN:
            sets.extend(_requirements(av[-1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            sets.extend(_requirements(av[2]))
        elif op is _c.BRANCH:
            per_branch = [_requirements(branch) for branch in av[1]]
            if all(per_branch):  # one set per branch: its longest-shortest literal
                picks = [max(b, key=lambda st: (min(map(len, st)), -len(st))) for b in per_branch]
                lits = {lit for st in picks for lit in st}
                # a literal containing another one adds nothing: the shorter occurs wherever it does
                sets.append(tuple(sorted(x for x in lits if not any(y != x and y in x for y in lits))))
    return [st for st in sets if st and all(st)]


def anchors_of(pattern: str) -> tuple[str, ...]:
    """The most selective-looking set of literals one of which every match contains; () if none."""
    sets = _requirements(_parser.parse(pattern))
    if not sets:
        return ()
    return max(sets, key=lambda st: (min(map(len, st)), -len(st)))


class TextIndex:
    """Literal counts for one text, counted once and shared by many patterns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: dict[str, int] = {}

    def count(self, literal: str) -> int:
        c = self._counts.get(literal)
        if c is None:
            c = self._counts[literal] = self.text.count(literal)
        return c


@dataclass(frozen=True)
class AnchoredPattern:
    """A compiled regex with its anchors and maximum match width."""

    regex: re.Pattern[str]
    requirements: tuple[tuple[str, ...], ...] = field(default=())  # every match has one literal of each
    width: int = 0  # maximum match width; 0 = unbounded or too wide (scan everything)

    @classmethod
    def compile(cls, pattern: str) -> AnchoredPattern:
        parsed = _parser.parse(pattern)
        hi = parsed.getwidth()[1]
        sets = tuple(dict.fromkeys(_requirements(parsed)))
        return cls(re.compile(pattern), sets, hi if hi <= MAX_WINDOW else 0)

    @property
    def anchors(self) -> tuple[str, ...]:
        """The requirement set with the longest shortest literal (for display and tests)."""
        if not self.requirements:
            return ()
        return max(self.requirements, key=lambda st: (min(map(len, st)), -len(st)))

    def finditer(self, text: str, index: TextIndex | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of matches, each once, in no particular order.

        Only windows around the occurrences of the rarest required literal
        are searched, and every match contains one of them, so nothing is
        lost. ``index`` (of this same text) shares literal counts across patterns.
        """
        if not self.requirements:
            for m in self.regex.finditer(text):
                yield m.start(), m.end()
            return
        if index is None or index.text is not text:
            index = TextIndex(text)
        best: tuple[str, ...] = ()
        best_n = -1
        for req in self.requirements:  # the rarest requirement in this text gives the fewest windows
            n = 0
            for a in req:
                n += index.count(a)
            if n == 0:
                return  # a required literal is absent: no match
            if best_n < 0 or n < best_n:
                best, best_n = req, n
        present = [a for a in best if index.count(a)]
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
