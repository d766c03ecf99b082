"""Planned measures (下一步打算 / 工作计划) → ``Plan`` records.

Items come from the plans part(s) of a report exactly as problems come from
the problems part (sub-headings, inline enumeration or sentences). A plan's
category is the area of the problem-category vocabulary it works on, found
from the topic words of that vocabulary; ``addresses`` lists the categories
of this report's own problems that the plan works on (its category, the
other areas its block names, and related categories).
"""

from __future__ import annotations

import re

from fazhi.extract.problems import (
    PLAN_CUE,
    Item,
    category_rules,
    children,
    find_items,
    inline_items,
    related_categories,
)
from fazhi.extract.records import Plan, Problem
from fazhi.extract.sections import Section

# Set phrases every report repeats; their words name no area of work.
_BOILERPLATE = re.compile(r"办事依法|遇事找法|解决问题用法|化解矛盾靠法")
_TEXT_WEIGHT = 3  # a topic word in the plan's own text counts more than one in its explanation


def _scores(norm: str, item: Item) -> dict[str, tuple[int, int]]:
    """Per category: (weighted number of topic hits, minus the first hit's offset)."""
    rules = category_rules()
    scores: dict[str, tuple[int, int]] = {}
    for key, pattern in (*rules.topic, *rules.deficit):
        for m in pattern.finditer(norm, item.block_start, item.block_end):
            if _BOILERPLATE.search(norm, max(0, m.start() - 6), min(len(norm), m.end() + 6)):
                continue
            weight = _TEXT_WEIGHT if item.start <= m.start() < item.end else 1
            count, first = scores.get(key, (0, -len(norm)))
            scores[key] = (count + weight, max(first, -m.start()))
    return scores


def categorise_plan(scores: dict[str, tuple[int, int]]) -> str:
    """The area a planned measure works on: the category its topic words name most (its own text counts most)."""
    if not scores:
        return "other"
    return max(scores, key=lambda k: scores[k])


def areas(scores: dict[str, tuple[int, int]]) -> set[str]:
    """The categories the plan names in its own text or more than once in its block."""
    return {key for key, (count, _first) in scores.items() if count >= 2}


def _plans_in_problems(norm: str, sections: list[Section]) -> list[Item]:
    """Plans written into the problems part (存在的问题及下一步打算 … 下一步，我们将…)."""
    items: list[Item] = []
    for i, sec in enumerate(sections):
        if sec.role != "problems" or (sec.parent is not None and sections[sec.parent].role == "problems"):
            continue
        kids = children(sections, i)
        if any(sections[k].role == "plans" for k in kids):
            continue  # its plans are sub-sections, found with the plans part
        body_end = min((sections[k].start for k in kids), default=sec.end)
        cue = PLAN_CUE.search(norm, sec.heading_end, body_end)
        if cue:
            items.extend(inline_items(norm, cue.start(), body_end, need_deficit=False))
    return items


def _unheaded_plans(norm: str, sections: list[Section]) -> list[Item]:
    """Plans in running text: a paragraph that opens with 下一步 / 今后 / 新的一年 (reports without a plans heading)."""
    items: list[Item] = []
    for cue in PLAN_CUE.finditer(norm):
        at = cue.end() - len(cue.group().lstrip())
        line_start = norm.rfind("\n", 0, at) + 1
        if norm[line_start:at].strip():
            continue  # not the opening of its paragraph
        if any(s.start <= at < s.end and s.role in ("problems", "plans") for s in sections):
            continue
        para_end = norm.find("\n", at)
        items.extend(inline_items(norm, at, len(norm) if para_end < 0 else para_end, need_deficit=False))
    return items


def find_plans(text: str, norm: str, sections: list[Section], problems: list[Problem]) -> list[Plan]:
    """One Plan per planned measure in the plans part(s), linked to the report's problem categories."""
    reported = {p.category for p in problems}
    plans = []
    items = find_items(norm, sections, "plans", need_deficit=False) + _plans_in_problems(norm, sections)
    if not items and not any(s.role == "plans" for s in sections):
        items = _unheaded_plans(norm, sections)
    for item in sorted(items, key=lambda it: it.start):
        scores = _scores(norm, item)  # one scan of the block serves both questions
        category = categorise_plan(scores)
        works_on = {category} | set(related_categories().get(category, ())) | areas(scores)
        addresses = sorted(c for c in reported if c in works_on and c != "other")
        plans.append(Plan(text[item.start:item.end], item.start, item.end, category, addresses))
    return plans
