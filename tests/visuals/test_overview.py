"""The overview tables and their page section, checked against the hand annotations of the samples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
from fazhi.graph.overview import NO_PARENT, by_parent_table, counts, coverage_table, lacking_table, trend_table
from fazhi.visuals.briefing import briefing_html
from fazhi.visuals.overview import overview_html
from fazhi.visuals.synthetic import synthetic_projection

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold"


def _gold() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def _runs(g: dict, kind: str) -> bool:
    return any(m["kind"] == kind for m in g["mechanisms"])


def test_counts_keep_parents_apart_from_reporting_units(sample_projection):
    c = counts(sample_projection)
    gold = _gold()
    assert (c.reports, c.reporting_units) == (5, 5)
    assert c.parent_units == len({g["parent"] for g in gold}) == 5  # "10 units" before: parents counted as units
    assert c.years == sorted({g["year"] for g in gold})


def test_coverage_says_which_unit_runs_which_kind_in_which_year(sample_projection):
    table = coverage_table(sample_projection)
    col = {name: i for i, name in enumerate(table.columns)}
    rows = {r[0]: r for r in table.rows}
    for g in _gold():
        row = rows[g["unit"]]
        assert row[col["上级 parent"]] == g["parent"]
        assert row[col["法律顾问"]] == (str(g["year"]) if _runs(g, "legal_adviser") else "")
        assert row[col["12345热线"]] == (str(g["year"]) if _runs(g, "hotline_12345") else "")
    kinds = table.columns[4:]
    assert kinds[0] in ("人民调解", "法律顾问", "公共法律服务") and kinds[-1] == "其他"  # most run first, catch-all last


def test_roll_up_trend_and_lacking_agree_with_the_annotations(sample_projection):
    gold = _gold()
    parents = by_parent_table(sample_projection)
    assert sorted(r[0] for r in parents.rows) == sorted(g["parent"] for g in gold) and NO_PARENT not in parents.columns
    col = parents.columns.index("法律顾问")
    assert {r[0]: r[col] for r in parents.rows} == {g["parent"]: int(_runs(g, "legal_adviser")) for g in gold}
    trend = trend_table(sample_projection)
    col = trend.columns.index("人民调解")
    for year, n_reports, n_units, *_ in trend.rows:
        that_year = [g for g in gold if g["year"] == year]
        assert n_reports == n_units == len(that_year)
        assert next(r for r in trend.rows if r[0] == year)[col] == sum(_runs(g, "people_mediation") for g in that_year)
    lacking = {(r[1], r[2]) for r in lacking_table(sample_projection).rows}
    assert ("hotline_12345", "五团") in lacking and ("hotline_12345", "四道河子镇") not in lacking
    assert {u for k, u in lacking if k == "legal_adviser"} == {g["unit"] for g in gold if not _runs(g, "legal_adviser")}


def test_overview_section_escapes_and_links_names():
    G = nx.MultiDiGraph()
    G.add_node("u", type="unit", label='<img src=x onerror="alert(1)">镇', unit_type="镇", years=[2022],
               reports=[{"title": "t", "source": "a.txt", "year": 2022}], count=1)
    G.add_node("p", type="unit", label="<b>县</b>", years=[], reports=[], count=0)
    G.add_node("k", type="mechanism", label="<script>x</script>", key="grid", years=[2022], count=1)
    G.add_edge("u", "k", type="hasMechanism", years=[2022], weight=1, evidence=[])
    G.add_edge("u", "p", type="subOrganizationOf", years=[2022], weight=1, evidence=[])
    html = overview_html(G)
    assert "<img" not in html and "<script" not in html and "<b>县" not in html
    assert 'data-scope="unit" data-name="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;镇"' in html
    assert 'data-scope="parent" data-name="&lt;b&gt;县&lt;/b&gt;"' in html
    assert 'data-slot="measures"' in html  # the key figures' own block


def test_big_pages_open_on_the_overview_small_ones_on_the_network(sample_projection):
    small = briefing_html(sample_projection)
    big = briefing_html(synthetic_projection(400, seed=5))
    for html, overview_first in ((small, False), (big, True)):
        at = {tag: html.index(tag) for tag in ('<section id="overview">', '<div class="controls">', "</main>")}
        assert (at['<section id="overview">'] < at['<div class="controls">']) == overview_first
        assert (at['<section id="overview">'] > at["</main>"]) == (not overview_first)
    vis = json.loads(re.search(r'id="vis-data">(.*?)</script>', big, re.S).group(1))
    assert vis["scoped"] is True and vis["start"]["scope"] == "kind"
