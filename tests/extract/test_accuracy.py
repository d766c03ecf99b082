"""Accuracy floors on the five gold-annotated sample reports, just under what the pipeline reaches.

A change that loses a wording, a problem or a number on the development set
fails here; the figures themselves are printed by benchmarks/accuracy.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.evaluate import Scores, evaluate_paths

ROOT = Path(__file__).resolve().parents[2]

F1_FLOORS = {
    "mechanism_kinds": 0.98,
    "campaign_kinds": 0.98,
    "mechanisms": 0.96,
    "campaigns": 0.95,
    "problems": 0.95,
    "metrics": 0.95,
}


@pytest.fixture(scope="module")
def scores() -> Scores:
    return evaluate_paths([ROOT / "examples" / "reports"], ROOT / "examples" / "gold")


def test_all_five_reports_are_scored(scores: Scores) -> None:
    assert scores.n == 5 and not scores.unmatched


@pytest.mark.parametrize("field", sorted(F1_FLOORS))
def test_f1_floor(scores: Scores, field: str) -> None:
    counts = scores.fields[field]
    assert counts.f1 >= F1_FLOORS[field], (field, counts)


@pytest.mark.parametrize("field", ["unit", "unit_type", "parent", "year"])
def test_metadata_right_on_every_report(scores: Scores, field: str) -> None:
    wrong = {rs.report: rs.meta[field] for rs in scores.reports if rs.meta[field][0] != rs.meta[field][1]}
    assert not wrong
