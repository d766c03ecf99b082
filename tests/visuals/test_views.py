"""Views pick the right part of the sample graph: a unit, a kind, a year, laws or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fazhi.visuals.views import ViewError, safe_name, select_view, view_file_name

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
    ({"unit": "不存在镇"}, "no unit named '不存在镇' (units: 106团, 五十一团唐驿镇, 五团,"),
    ({"unit": "团"}, "unit '团' matches 3 units: 106团, 五十一团唐驿镇, 五团; give more of the name"),
    ({"kind": "no_such_kind"}, "known mechanisms: "),
    ({"year": 1999}, "years in the graph: 2021, 2022, 2023"),
    ({"unit": "四道河子镇", "year": 2022}, "unit '四道河子镇' has no report on 2022 (its reports: 2023)"),
    ({"kind": "热线"}, "kind '热线' matches 2 kinds: 12345热线 (hotline_12345), 12348法律服务热线 (legal_hotline)"),
])
def test_unknown_view_says_what_exists(sample_projection, kwargs, words):
    with pytest.raises(ViewError) as err:
        select_view(sample_projection, **kwargs)
    assert words in str(err.value)


def test_unknown_kind_lists_every_kind_uncut(sample_projection):
    with pytest.raises(ViewError) as err:
        select_view(sample_projection, kind="no_such_kind")
    message = str(err.value)
    kinds = [d for _, d in sample_projection.nodes(data=True) if d["type"] in ("mechanism", "campaign", "problem")]
    assert len(kinds) > 30 and "in all" not in message
    assert all(f"({d['key']})" in message for d in kinds)


@pytest.mark.parametrize("fragment, key", [("顾问", "legal_adviser"), ("legal adviser", "legal_adviser"),
                                           ("LEGAL ADV", "legal_adviser"), ("12345", "hotline_12345"),
                                           ("Fengqiao", "fengqiao")])
def test_kind_by_fragment_of_a_chinese_or_english_label(sample_projection, fragment, key):
    H = select_view(sample_projection, kind=fragment)
    assert {d["key"] for _, d in H.nodes(data=True) if d["type"] != "unit"} == {key}


def test_unit_by_fragment(sample_projection):
    assert "四道河子镇" in _labels(select_view(sample_projection, unit="四道河"), "unit")


def test_file_name_follows_the_view(sample_projection):
    assert view_file_name(sample_projection) == "view.html"
    assert view_file_name(sample_projection, unit="四道河", year=2023) == "view-四道河子镇-2023.html"
    assert view_file_name(sample_projection, kind="12345", laws=True) == \
        "view-hotline_12345-laws.html"
    assert safe_name('../五团:"a"<b>|c?*\t\n') == "五团_a_b_c"
