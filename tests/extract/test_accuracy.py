"""Accuracy floors, just under what the pipeline reaches, on three hand-annotated sets.

``realdev``: 60 real report openings from government sites in 24 provinces
(../shared/realdev beside the repository), annotated by hand without running
the tool. This is the figure that says how the extractor does on reports
nobody tuned it for; its floors sit just under today's scores and rise as
the rules improve. Skipped, saying why, only where ../shared/realdev is absent.
``samples``: the five real sample reports (the development set).
``invented``: twenty-five reports written for the tests in the genre
(tests/data/invented: invented units — county and city departments,
townships, a sub-district, a regiment reposted in traditional characters,
reports without headings, with 第一部分 / 1. / （1） / 一是 / 其一 headings,
关于…的报告 titles, January signatures, numbers with thousands separators
and in Chinese numerals). Near 1.0 there, as the rules were written with
them in view: they guard against regressions, not for real-world accuracy.
The figures are printed by ``fazhi evaluate`` and benchmarks/accuracy.py.
"""

from __future__ import annotations

import pytest

from fazhi.evaluate import Scores, default_sets, evaluate_paths

SETS = {s.name: s for s in default_sets()}
SIZES = {"realdev": 60, "samples": 5, "invented": 25}
F1_FLOORS = {
    # measured: kinds .983 / .944, mentions .921 / .895, numbers .993, measure keys .937
    "realdev": {"mechanism_kinds": 0.96, "campaign_kinds": 0.92, "mechanisms": 0.90, "campaigns": 0.87,
                "metrics": 0.98, "measures": 0.91},
    "samples": {"mechanism_kinds": 0.98, "campaign_kinds": 0.97, "mechanisms": 0.96, "campaigns": 0.95,
                "problems": 0.95, "metrics": 0.95, "measures": 0.92},
    "invented": {"mechanism_kinds": 0.98, "campaign_kinds": 0.98, "mechanisms": 0.97, "campaigns": 0.97,
                 "problems": 0.97, "metrics": 0.97},
}
# realdev: share of reports whose field is exactly right (unit .967, type 1.0, parent .917, year 1.0 measured)
META_FLOORS = {"realdev": {"unit": 0.95, "unit_type": 0.97, "parent": 0.88, "year": 0.98}}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request) -> tuple[str, Scores]:
    s = SETS[request.param]
    if not s.reports.is_dir():
        pytest.skip(f"{s.name}: {s.reports} is absent (the shared data folder beside the repository)")
    return s.name, evaluate_paths([s.reports], s.gold)


def test_every_report_of_the_set_is_scored(scored: tuple[str, Scores]) -> None:
    name, scores = scored
    assert scores.n == SIZES[name] and not scores.unmatched


def test_f1_floors(scored: tuple[str, Scores]) -> None:
    name, scores = scored
    low = {f: round(scores.fields[f].f1, 3) for f, floor in F1_FLOORS[name].items() if scores.fields[f].f1 < floor}
    assert not low, (name, low)


@pytest.mark.parametrize("field", ["unit", "unit_type", "parent", "year"])
def test_metadata_accuracy(scored: tuple[str, Scores], field: str) -> None:
    """Right on every report of the samples and the invented set; above the floor on real openings."""
    name, scores = scored
    wrong = {rs.report: rs.meta[field] for rs in scores.reports if rs.meta[field][0] != rs.meta[field][1]}
    if name in META_FLOORS:
        assert scores.meta_accuracy(field) >= META_FLOORS[name][field], (name, field, wrong)
    else:
        assert not wrong, name
