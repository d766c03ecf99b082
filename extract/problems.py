"""Stated shortcomings (存在的问题) → ``Problem`` records.

Reports list their problems in a part whose heading says so (存在的问题,
存在的不足, 薄弱环节 …; the role comes from ``extract/sections.py``). Items
are marked by sub-headings (（一） 1. 一是), by an inline enumeration
(一是…；二是…), or are the sentences of one paragraph. An item's text is the
problem itself: its first sentence, without the marker. The lead-in
(虽然取得了一定成效，但也存在一些问题：) is not an item, and causes
(原因, 究其原因) are kept apart. Each problem gets a category of the
problem-category vocabulary (ontology/vocab/problems.ttl).

Plans (下一步打算) use the same item finder; see ``extract/plans.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from fazhi.extract.records import Problem
from fazhi.extract.sections import Section, heading_role

_CN = "一二三四五六七八九十"

# A heading or item marker at the start of an item (normalised text).
_MARKER = re.compile(
    rf"\s*(?:第[{_CN}\d]{{1,3}}(?:部分|章|篇)|[{_CN}]{{1,3}}\s*[、.]|\(\s*[{_CN}]{{1,3}}\s*\)"
    rf"|\d{{1,2}}(?:[、]|\.(?!\d))|\(\s*\d{{1,2}}\s*\)|[①-⑳]|(?:第)?[{_CN}]{{1,3}}是)\s*[,、:.]?\s*"
)
# An inline enumeration marker: 一是 / 第一, / (1) / ① / 1. after a clause boundary.
_INLINE = re.compile(
    rf"(?:(?<=[。;:!?\n,])|^)\s*(?:(?:第)?[{_CN}]{{1,3}}是|第[{_CN}]{{1,3}}[,、:]|\(\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*\)"
    rf"|[①-⑳]|\d{{1,2}}[、.](?!\d)|其[{_CN}]{{1,2}}[,、:是]|首先[,、]|其次[,、]|再次[,、]"
    r"|(?<![^\n])[●◆◇■□▲△★☆·▪►-])\s*[,、:]?",
    re.M,
)
_SHI_MARKER = re.compile(rf"\s*(?:第)?[{_CN}]{{1,3}}是")
_SENTENCE_END = re.compile(r"[。;!?\n]")
_CLAUSE_END = re.compile(r"[。;!?:\n]")
# The sentence that introduces the list, not a problem itself.
_LEAD_IN = re.compile(
    r"(?:虽然|虽|尽管)[^。;]{0,40}?(?:成绩|成效|进展|成果)|(?:但|然而|不过)[^。;]{0,16}?(?:存在|仍有|还有|也有)"
    r"[^。;]{0,16}?(?:问题|不足|差距|短板|薄弱环节)|主要(?:表现|体现)(?:在|为)|以下几个方面|问题(?:主要)?(?:有|如下)\s*:?$"
)
# From here on the text gives causes, not problems.
_CAUSE = re.compile(r"究其原因|原因(?:主要)?(?:是|在于|有以下|有:|如下)|主要原因|产生(?:这些|上述)?(?:问题|不足)的原因")
# From here on the text says what will be done (a problems part that also holds the plans).
PLAN_CUE = re.compile(
    r"(?:^|(?<=[。;!?\n]))\s*(?:下一步|下步|下一阶段|下阶段|今后|新的一年|明年)(?!以来)",
    re.M,
)
# Words that mark a sentence as stating a shortcoming (used when items are plain sentences).
_DEFICIT = re.compile(
    r"不够|不足|欠缺|有待|仍需|还需|尚需|亟需|亟待|需要|需进一步|需加强|薄弱|不强|不高|不到位|不完善|不健全|缺乏|缺少|滞后"
    r"|单一|不深入|不明显|不平衡|不充分|不规范|不彻底|不及时|差距|短板|偏弱|较弱|较少|较低|不多|淡薄|流于形式|困难"
)
# The closing lines of a report: the issuing unit, the date, a page number.
_SIGNATURE = re.compile(
    r"[^。;,!?:]{0,30}(?:人民政府|委员会|办事处|政府|党委|党工委|管委会|司法局|司法所|局|办公室|街道|镇|乡|团|师|场)"
    r"|(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d〇零一二三四五六七八九十]{1,2}月(?:[\d〇零一二三四五六七八九十]{1,3}日)?"
    r"|[-—\s\d]+|[^。;,!?:\n]{0,30}\s+(?:\d{4})年\d{1,2}月(?:\d{1,2}日)?"
)
_MAX_ITEM = 120  # a first sentence longer than this is cut at a comma


@dataclass(frozen=True)
class Item:
    """One enumerated item of a part: its quoted text and the whole block it heads."""

    start: int
    end: int
    block_start: int
    block_end: int


def children(sections: list[Section], index: int | None) -> list[int]:
    """Indices of the direct sub-sections of ``sections[index]`` (top-level ones for None)."""
    return [i for i, s in enumerate(sections) if s.parent == index]


def _is_group(sec: Section, role: str) -> bool:
    """A heading that names the part itself (存在的问题), not an item of it."""
    return heading_role(sec.heading, top=True) == role


def _names_part(norm: str, sections: list[Section], index: int, role: str) -> bool:
    """A sub-heading that names the part (（一）存在的不足) rather than stating an item."""
    sec = sections[index]
    if children(sections, index):
        return _is_group(sec, role)
    s, e = _clean_span(norm, sec.heading_start, sec.heading_end)
    return e - s <= 8 and heading_role(sec.heading, top=False) == role


def _clean_span(norm: str, start: int, end: int) -> tuple[int, int]:
    """Strip a leading marker and surrounding spaces/punctuation from [start, end)."""
    m = _MARKER.match(norm, start, end)
    if m and m.end() > start and m.end() < end:
        start = m.end()
    while start < end and norm[start] in " \t,、:;\"":
        start += 1
    while end > start and norm[end - 1] in " \t\r,、:;。.!?\"":
        end -= 1
    if end - start > _MAX_ITEM:
        cut = norm.rfind(",", start, start + _MAX_ITEM)
        end = cut if cut > start else start + _MAX_ITEM
    return start, end


def _first_sentence(norm: str, start: int, end: int) -> int:
    m = _SENTENCE_END.search(norm, start, end)
    return m.start() if m else end


def inline_items(norm: str, start: int, end: int, need_deficit: bool) -> Iterator[Item]:
    """Items of a body without sub-headings: an inline enumeration, else its sentences.

    ``need_deficit`` (problems) also ends the body where causes or plans begin.
    """
    stops = (_CAUSE.search(norm, start, end), PLAN_CUE.search(norm, start, end)) if need_deficit else ()
    for stop in stops:
        if stop and stop.start() > start:
            end = min(end, stop.start())
    marks = [m for m in _INLINE.finditer(norm, start, end)]
    if marks:
        for i, m in enumerate(marks):
            block_end = marks[i + 1].start() if i + 1 < len(marks) else end
            s, e = _clean_span(norm, m.end(), _first_sentence(norm, m.end(), block_end))
            if e - s >= 2:
                yield Item(s, e, m.start(), block_end)
        return
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", norm[:end]) if m.end() > start]
    paragraphs = [(max(a, start), b) for a, b in paragraphs
                  if norm[max(a, start):b].strip() and not _SIGNATURE.fullmatch(norm[max(a, start):b].strip())]
    candidates = []
    for p_start, p_end in paragraphs:
        pos = p_start
        found = []
        while pos < p_end:
            m = _CLAUSE_END.search(norm, pos, p_end)  # a colon ends a lead-in
            stop = m.start() if m else p_end
            s, e = _clean_span(norm, pos, stop)
            sentence = norm[s:e]
            if (e - s >= 4 and not _LEAD_IN.search(sentence) and not norm[stop:stop + 1] == ":"
                    and (not need_deficit or _DEFICIT.search(sentence))):
                found.append(Item(s, e, pos, p_end))
            pos = stop + 1
        candidates.append(found)
    several = sum(1 for found in candidates if found) > 1
    for found in candidates:
        # one problem per paragraph when there are several; else each sentence of the one paragraph
        yield from (found[:1] if several else found)


def find_items(norm: str, sections: list[Section], role: str, need_deficit: bool) -> list[Item]:
    """The enumerated items of every part whose role is ``role``."""
    items: list[Item] = []

    def walk(i: int, as_group: bool) -> None:
        sec = sections[i]
        kids = [k for k in children(sections, i) if sections[k].role == role]
        if not as_group:
            if _SHI_MARKER.match(norm, sec.heading_start, sec.heading_end):
                # 一是…；二是… on one line: the line holds more items than its first
                items.extend(inline_items(norm, sec.start, sec.end, need_deficit))
                return
            s, e = _clean_span(norm, sec.heading_start, sec.heading_end)
            if need_deficit and (e - s <= 10 or norm.endswith("方面", s, e)) and not _DEFICIT.search(norm, s, e):
                # a topic label ("（一）法治宣传方面"): the shortcoming is the next sentence
                nxt_start = sec.heading_end + 1  # past the heading's 。
                ns, ne = _clean_span(norm, nxt_start, _first_sentence(norm, nxt_start, sec.end))
                if ne - ns >= 4 and _DEFICIT.search(norm, ns, ne):
                    s, e = ns, ne
            if e - s >= 2:
                items.append(Item(s, e, sec.start, sec.end))
            return
        if kids:
            for k in kids:
                walk(k, _names_part(norm, sections, k, role))
            return
        first_kid = min((sections[k].start for k in children(sections, i)), default=sec.end)
        items.extend(inline_items(norm, sec.heading_end, first_kid, need_deficit))

    for i, sec in enumerate(sections):
        if sec.role != role:
            continue
        parent_role = sections[sec.parent].role if sec.parent is not None else None
        if parent_role == role:
            continue  # reached from its parent
        # a top part, or a part named by its heading, holds items; any other section is one
        walk(i, sec.parent is None or _is_group(sec, role))
    return sorted(items, key=lambda it: it.start)


# ---------------------------------------------------------------- categories

@dataclass(frozen=True)
class CategoryRules:
    """Compiled matchers per problem category: deficit patterns and topic patterns."""

    deficit: tuple[tuple[str, re.Pattern[str]], ...]
    topic: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def category_rules() -> CategoryRules:
    """Matchers built from the problem-category vocabulary: deficits (altLabels, fz:pattern) and topics (fz:topicPattern)."""
    from fazhi.extract.normalize import normalize_text
    from fazhi.ontology.concepts import concepts

    deficit: list[tuple[str, re.Pattern[str]]] = []
    topic: list[tuple[str, re.Pattern[str]]] = []
    for c in concepts("problem"):
        if c.key == "other":
            continue
        alts = [re.escape(normalize_text(a)) for a in c.alt_zh]
        for p in [*c.patterns, *alts]:
            deficit.append((c.key, re.compile(p)))
        for p in c.topics:
            topic.append((c.key, re.compile(p)))
    return CategoryRules(tuple(deficit), tuple(topic))


@lru_cache(maxsize=1)
def related_categories() -> dict[str, tuple[str, ...]]:
    """skos:related between problem categories: a plan on one also works on the other."""
    from fazhi.ontology.concepts import concepts

    return {c.key: c.related for c in concepts("problem") if c.related}


def _earliest(rules: tuple[tuple[str, re.Pattern[str]], ...], norm: str, start: int, end: int) -> str | None:
    """The category whose rule matches first in [start, end) (longest match on ties)."""
    best: tuple[int, int, str] | None = None
    for key, pattern in rules:
        m = pattern.search(norm, start, end)
        if m and (best is None or (m.start(), -(m.end() - m.start())) < (best[0], best[1])):
            best = (m.start(), -(m.end() - m.start()), key)
    return best[2] if best else None


def categorise_problem(norm: str, item: Item) -> str:
    """A category key for a problem: its own words first, then its explanation."""
    rules = category_rules()
    for start, end in ((item.start, item.end), (item.block_start, item.block_end)):
        key = _earliest(rules.deficit, norm, start, end) or _earliest(rules.topic, norm, start, end)
        if key:
            return key
    return "other"


# A sentence that announces shortcomings inside running text (reports without a problems heading).
_LEAD_COLON = re.compile(
    r"[^。;!?\n]{0,40}(?:存在|仍有|还有|也有|面临|看到)[^。;!?\n:]{0,16}?(?:问题|不足|差距|短板|薄弱环节|困难|短处)"
    r"[^。;!?\n:]{0,10}(?::|,\s*(?:主要(?:是|表现(?:在|为)|体现在|有)|具体(?:是|表现为))\s*:?)"
)


def unheaded_items(norm: str, sections: list[Section]) -> list[Item]:
    """Problems announced in running text (仍存在一些不足：…；…；…) when no part is headed as problems."""
    plans = [(s.start, s.end) for s in sections if s.role == "plans"]
    items: list[Item] = []
    for m in _LEAD_COLON.finditer(norm):
        if any(a <= m.start() < b for a, b in plans):
            continue
        para_end = norm.find("\n", m.end())
        para_end = len(norm) if para_end < 0 else para_end
        items.extend(inline_items(norm, m.end(), para_end, need_deficit=True))
    return items


def find_problems(text: str, norm: str, sections: list[Section]) -> list[Problem]:
    """One Problem per stated shortcoming in the problems part(s) of a report."""
    out = []
    items = find_items(norm, sections, "problems", need_deficit=True)
    if not items and not any(s.role == "problems" for s in sections):
        items = unheaded_items(norm, sections)
    for item in items:
        out.append(Problem(text[item.start:item.end], item.start, item.end, categorise_problem(norm, item)))
    return out
