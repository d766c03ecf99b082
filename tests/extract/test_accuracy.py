"""Accuracy floors, just under what the pipeline reaches, on two hand-annotated sets.

``examples``: the five real sample reports (the development set).
``holdout``: twenty-five reports written in the genre by other hands than the
rules' (tests/data/holdout: county and city departments, townships in other
provinces, a sub-district, a regiment reposted in traditional characters,
reports without headings, with 第一部分 / 1. / （1） / 一是 / 其一 headings,
关于…的报告 titles, January signatures, numbers with thousands separators and
in Chinese numerals). A rule fitted to the five samples that breaks on other
reports fails here. The figures are printed by benchmarks/accuracy.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.evaluate import Scores, evaluate_paths

ROOT = Path(__file__).resolve().parents[2]

SETS = {
    "examples": (ROOT / "examples" / "reports", ROOT / "examples" / "gold", 5),
    "holdout": (ROOT / "tests" / "data" / "holdout", ROOT / "tests" / "data" / "holdout", 25),
}
F1_FLOORS = {
    "examples": {"mechanism_kinds": 0.98, "campaign_kinds": 0.97, "mechanisms": 0.96, "campaigns": 0.95,
                 "problems": 0.95, "metrics": 0.95},
    "holdout": {"mechanism_kinds": 0.98, "campaign_kinds": 0.98, "mechanisms": 0.97, "campaigns": 0.97,
                "problems": 0.97, "metrics": 0.97},
}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request) -> tuple[str, Scores]:
    reports, gold, _n = SETS[request.param]
    return request.param, evaluate_paths([reports], gold)


def test_every_report_of_the_set_is_scored(scored: tuple[str, Scores]) -> None:
    name, scores = scored
    assert scores.n == SETS[name][2] and not scores.unmatched


def test_f1_floors(scored: tuple[str, Scores]) -> None:
    name, scores = scored
    low = {f: round(scores.fields[f].f1, 3) for f, floor in F1_FLOORS[name].items() if scores.fields[f].f1 < floor}
    assert not low, (name, low)


@pytest.mark.parametrize("field", ["unit", "unit_type", "parent", "year"])
def test_metadata_right_on_every_report(scored: tuple[str, Scores], field: str) -> None:
    name, scores = scored
    wrong = {rs.report: rs.meta[field] for rs in scores.reports if rs.meta[field][0] != rs.meta[field][1]}
    assert not wrong, name
