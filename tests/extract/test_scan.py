"""The combined anchor scan finds exactly what scanning rule by rule finds, on the real reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fazhi.extract.gazetteer import anchor_finder, vocabulary_rules
from fazhi.extract.ingest import read_document
from fazhi.extract.normalize import normalize_text
from fazhi.extract.scan import AnchoredPattern, LiteralFinder, TextIndex

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "examples" / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "invented").glob("*.txt"))


@pytest.fixture(scope="module")
def norms() -> list[str]:
    return [normalize_text(read_document(p).text) for p in REPORTS]


@pytest.fixture(scope="module")
def sentences(norms: list[str]) -> list[str]:
    return [s for n in norms for s in re.findall(r"[^。\n]+[。]?", n)]


def find_all(text: str, word: str) -> list[int]:
    """Every start of ``word``, overlapping ones too: the plain way."""
    starts, i = [], text.find(word)
    while i >= 0:
        starts.append(i)
        i = text.find(word, i + 1)
    return starts


def rule_by_rule(pattern: AnchoredPattern, text: str) -> set[tuple[int, int]]:
    """The scan one rule at a time as it was: str.count per literal, str.find per occurrence."""
    if not pattern.requirements:
        return {m.span() for m in pattern.regex.finditer(text)}
    totals = [sum(text.count(a) for a in req) for req in pattern.requirements]
    if 0 in totals:
        return set()
    if not pattern.width:
        return {m.span() for m in pattern.regex.finditer(text)}
    best = pattern.requirements[totals.index(min(totals))]
    windows = sorted([max(0, i + len(a) - pattern.width), min(len(text), i + pattern.width)]
                     for a in best for i in find_all(text, a))
    merged = [windows[0]]
    for s, e in windows[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return {m.span() for s, e in merged for m in pattern.regex.finditer(text, s, min(len(text), e + 4))
            if m.start() < e}


def test_finder_gives_every_occurrence_of_every_anchor(norms: list[str]) -> None:
    finder = anchor_finder()
    for norm in norms:
        found = finder.occurrences(norm)
        for word in finder.literals:
            assert found.get(word, []) == find_all(norm, word), word


def test_index_counts_as_str_count(norms: list[str]) -> None:
    words = {a for rule in vocabulary_rules() for req in rule.pattern.requirements for a in req}
    for norm in norms[:8]:
        index = TextIndex(norm, anchor_finder())
        for word in words:
            assert index.count(word) == norm.count(word), word
            assert index.positions(word) == find_all(norm, word), word


def test_overlapping_and_nested_words() -> None:
    finder = LiteralFinder(["法律", "法律援助", "援助", "律援", "啊啊", "+网格"])
    text = "法律援助法律援啊啊啊+网格"
    found = finder.occurrences(text)
    assert found == {w: find_all(text, w) for w in ["法律", "法律援助", "援助", "律援", "啊啊", "+网格"]}
    index = TextIndex(text, finder)
    assert index.count("啊啊") == text.count("啊啊") == 1 and index.positions("啊啊") == [7, 8]


def test_combined_scan_equals_rule_by_rule_on_sentences(sentences: list[str]) -> None:
    rules = vocabulary_rules()
    for sentence in sentences:
        index = TextIndex(sentence, anchor_finder())
        for rule in rules:
            assert set(rule.pattern.finditer(sentence, index)) == rule_by_rule(rule.pattern, sentence), \
                (rule.kind, rule.pattern.regex.pattern, sentence)


def test_combined_scan_equals_rule_by_rule_on_whole_reports(norms: list[str]) -> None:
    rules = vocabulary_rules()
    for norm in norms:
        index = TextIndex(norm, anchor_finder())
        for rule in rules:
            found = rule.pattern.finditer(norm, index)
            assert len(found) == len(set(found))  # each match once
            assert set(found) == rule_by_rule(rule.pattern, norm), (rule.kind, rule.pattern.regex.pattern)
