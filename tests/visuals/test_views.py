"""Views pick the right part of the sample graph: a unit, a kind, a year, laws or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi.visuals.views import ViewError, select_view

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold"


def _gold() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def _labels(H, node_type: str) -> set[str]:
    return {d["label"] for _, d in H.nodes(data=True) if d["type"] == node_type}


def test_unit_view_is_the_unit_its_kinds_and_its_parent(sample_projection):
    H = select_view(sample_projection, unit="四道河子镇")
    assert _labels(H, "unit") == {"四道河子镇", "沙湾"}
    gold = next(g for g in _gold() if g["unit"] == "四道河子镇")
    assert {d["key"] for _, d in H.nodes(data=True) if d["type"] == "mechanism"} == {
        m["kind"] for m in gold["mechanisms"]}
    assert not _labels(H, "law")  # laws only on request


def test_kind_view_lists_every_unit_with_that_kind(sample_projection):
    H = select_view(sample_projection, kind="legal_adviser")
    expected = {g["unit"] for g in _gold() if any(m["kind"] == "legal_adviser" for m in g["mechanisms"])}
    assert _labels(H, "unit") == expected and len(expected) >= 3
    assert _labels(H, "mechanism") == {"法律顾问"}


def test_kind_view_accepts_the_chinese_label(sample_projection):
    assert _labels(select_view(sample_projection, kind="法律顾问"), "unit") == _labels(
        select_view(sample_projection, kind="legal_adviser"), "unit")


def test_year_view_keeps_that_year_only_and_recounts(sample_projection):
    H = select_view(sample_projection, year=2022)
    reporting = {d["label"] for _, d in H.nodes(data=True) if d["type"] == "unit" and d["reports"]}
    assert reporting == {g["unit"] for g in _gold() if g["year"] == 2022}
    assert _labels(H, "unit") - reporting == {g["parent"] for g in _gold() if g["year"] == 2022}
    for _, _, d in H.edges(data=True):
        assert d["years"] == [2022]
        assert all(e["year"] == 2022 for e in d["evidence"])
    pufa = next(d for _, d in H.nodes(data=True) if d.get("key") == "pufa_plan")
    assert pufa["count"] == sum(1 for g in _gold() if g["year"] == 2022
                                and any(c["kind"] == "pufa_plan" for c in g["campaigns"]))


def test_laws_on_request(sample_projection):
    assert "《民法典》" in _labels(select_view(sample_projection, laws=True), "law")
    assert not _labels(select_view(sample_projection), "law")


def test_views_do_not_change_the_projection(sample_projection):
    before = (sample_projection.number_of_nodes(), sample_projection.number_of_edges())
    select_view(sample_projection, year=2023, unit="五十一团唐驿镇")
    assert (sample_projection.number_of_nodes(), sample_projection.number_of_edges()) == before


@pytest.mark.parametrize("kwargs, words", [
    ({"unit": "不存在镇"}, "no unit named '不存在镇'"),
    ({"unit": "团"}, "ambiguous"),
    ({"kind": "no_such_kind"}, "known: "),
    ({"year": 1999}, "years in the graph: 2021, 2022, 2023"),
])
def test_unknown_view_says_what_exists(sample_projection, kwargs, words):
    with pytest.raises(ViewError, match=words.replace("(", r"\(")):
        select_view(sample_projection, **kwargs)
