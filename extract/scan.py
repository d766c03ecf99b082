"""Fast regex scanning: run a pattern only around the literals every match must contain.

Most gazetteer patterns cannot use the regex engine's literal-prefix search
(they open with optional words), so scanning a whole report with hundreds of
them is slow. Each pattern here knows its anchors (literal strings one of
which every match contains, found from the parsed pattern) and its maximum
width; it is searched only in windows around the anchors' occurrences.
The anchors of many patterns are found together, in one pass over the text
(``LiteralFinder``), and shared through a ``TextIndex``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

try:  # Python >= 3.11
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _parser  # type: ignore[attr-defined]
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


def _trie(words: Iterable[str]) -> dict:
    """A character trie; the key "" marks the end of a word."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _trie_regex(node: dict) -> str:
    """A regex matching the longest word of ``node`` that the text continues with.

    The alternatives of a node start with different characters, so at most one
    can go on, and a word's end is optional: the regex takes the longest word.
    """
    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


class LiteralFinder:
    """Every occurrence of many literals, found in one regex pass over a text.

    Counting hundreds of anchors with one ``str.count`` each scans a report
    hundreds of times; one pass finds where any of them starts. Words shorter
    than ``min_len`` (single characters such as 法 or 一) start almost
    everywhere and are cheaper to count alone, so they are left to ``str.count``.
    """

    def __init__(self, literals: Iterable[str], min_len: int = 2) -> None:
        words = sorted({w for w in literals if len(w) >= min_len})
        trie = _trie(words)
        self.literals = frozenset(words)
        # a word's first character is matched as a character class (so the engine skips the
        # characters that start no word), then a look-ahead from that character captures the
        # longest word there: every start is found, overlapping ones too
        first = "[" + "".join(re.escape(ch) for ch in sorted(trie)) + "]"
        self._starts = re.compile(f"{first}(?<=(?=({_trie_regex(trie)})).)", re.S) if words else None
        # the words found at one start are the longest one and those of its prefixes that are words
        self._prefixes = {w: tuple(w[:k] for k in range(min_len, len(w) + 1) if w[:k] in self.literals)
                          for w in words}

    def occurrences(self, text: str) -> dict[str, list[int]]:
        """Word -> start of each occurrence (overlapping ones included), in text order."""
        found: dict[str, list[int]] = {}
        if self._starts is None:
            return found
        prefixes = self._prefixes
        for m in self._starts.finditer(text):
            at = m.start()
            for word in prefixes[m.group(1)]:
                found.setdefault(word, []).append(at)
        return found


def _non_overlapping(starts: list[int], width: int) -> int:
    """How many of these occurrences ``str.count`` counts: leftmost first, none overlapping."""
    n = 0
    free = 0
    for at in starts:
        if at >= free:
            n += 1
            free = at + width
    return n


class TextIndex:
    """Literal counts and positions for one text, found once and shared by many patterns."""

    def __init__(self, text: str, finder: LiteralFinder | None = None) -> None:
        self.text = text
        self._found = finder.literals if finder is not None else frozenset()
        self._positions: dict[str, list[int]] = finder.occurrences(text) if finder is not None else {}
        # the finder's words are counted already: absent ones 0, the others from their starts
        self._counts: dict[str, int] = dict.fromkeys(self._found, 0)
        for word, starts in self._positions.items():
            self._counts[word] = _non_overlapping(starts, len(word))

    def count(self, literal: str) -> int:
        """Non-overlapping occurrences, as ``str.count``."""
        c = self._counts.get(literal)
        if c is None:
            c = self._counts[literal] = self.text.count(literal)
        return c

    def positions(self, literal: str) -> list[int]:
        """Start of every occurrence, overlapping ones included, in text order."""
        starts = self._positions.get(literal)
        if starts is None:
            starts = []
            if literal not in self._found:
                i = self.text.find(literal)
                while i >= 0:
                    starts.append(i)
                    i = self.text.find(literal, i + 1)
            self._positions[literal] = starts
        return starts


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

    def finditer(self, text: str, index: TextIndex | None = None) -> list[tuple[int, int]]:
        """(start, end) of matches, each once, in no particular order.

        Only windows around the occurrences of the rarest required literal
        are searched, and every match contains one of them, so nothing is
        lost. ``index`` (of this same text) shares literal counts across patterns.
        """
        if not self.requirements:
            return [m.span() for m in self.regex.finditer(text)]
        if index is None or index.text is not text:
            index = TextIndex(text)
        best = self._rarest(index)
        if best is None:
            return []  # a required literal is absent: no match
        if not self.width:
            return [m.span() for m in self.regex.finditer(text)]
        found: list[tuple[int, int]] = []
        # merged windows are disjoint and a match must start inside its window, so none is found twice;
        # window ends may pass the text's ends: re clamps pos and endpos to the text
        for s, e in self._windows(best, index):
            found += [m.span() for m in self.regex.finditer(text, s, e + _LOOKAROUND) if m.start() < e]
        return found

    def _rarest(self, index: TextIndex) -> tuple[str, ...] | None:
        """The requirement set with the fewest occurrences (the first on ties); None if one is absent."""
        count = index.count
        best: tuple[str, ...] | None = None
        best_n = 0
        for req in self.requirements:
            n = 0
            for a in req:
                n += count(a)
            if n == 0:
                return None
            if best is None or n < best_n:
                best, best_n = req, n
        return best

    def _windows(self, anchors: tuple[str, ...], index: TextIndex) -> list[list[int]]:
        """Sorted, merged [start, end) windows around the anchors' occurrences (not clipped to the text)."""
        width = self.width
        windows: list[list[int]] = []
        for a in anchors:
            reach = len(a) - width
            windows += [[i + reach, i + width] for i in index.positions(a)]
        if len(anchors) > 1:
            windows.sort()
        merged = windows[:1]
        for w in windows[1:]:
            last = merged[-1]
            if w[0] <= last[1]:
                if w[1] > last[1]:
                    last[1] = w[1]
            else:
                merged.append(w)
        return merged


def longest_word_regex(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching, at each position, the longest of ``words`` there (a trie, no backtracking)."""
    return re.compile(_trie_regex(_trie(words)))
