"""Standard figures come from metrics by measure words; charts and the table show them escaped."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from fazhi.visuals.measures import classify, unit_figures
from fazhi.visuals.summary import bar_chart, summary_html, unit_rows


@pytest.mark.parametrize("quote, unit, key", [  # metric wordings of examples/reports
    ("调解成功率达94.5%", "%", "mediation_rate"),
    ("调处各类矛盾纠纷55起", "起", "mediated"),
    ("参与调解矛盾纠纷120件", "件", "mediated"),
    ("调解成功85起", "起", None),  # successes, not cases mediated
    ("受理“12345”平台反馈问题38件", "件", "hotline_received"),
    ("已办结34件", "件", "hotline_closed"),
    ("办结率达100%", "%", "closure_rate"),
    ("法律咨询600余人次", "人次", "consultations"),
    ("法治宣传活动23场次", "场次", "publicity_events"),
    ("宣传单3000余份", "份", None),
    ("调解员133名", "名", None),
])
def test_classify_by_measure_words(quote, unit, key):
    assert classify({"quote": quote, "unit": unit}) == key


def test_latest_year_then_largest_value_wins():
    figures = unit_figures([
        {"quote": "调处各类矛盾纠纷55起", "value": 55, "unit": "起", "year": 2022},
        {"quote": "调处各类矛盾纠纷70起", "value": 70, "unit": "起", "year": 2023},
        {"quote": "调解矛盾纠纷12起", "value": 12, "unit": "起", "year": 2023},
    ])
    assert figures["mediated"]["value"] == 70 and figures["mediated"]["year"] == 2023


def test_sample_summary_compares_mediation(sample_projection):
    rows = {r["label"]: r for r in unit_rows(sample_projection)}
    assert rows["四道河子镇"]["figures"]["mediated"]["value"] == 55
    assert rows["四道河子镇"]["figures"]["mediation_rate"]["value"] == 94.5
    assert rows["106团"]["figures"]["mediated"]["value"] == 87
    assert "法律顾问" in rows["五团"]["hasMechanism"]
    svg = bar_chart("mediated", list(rows.values()))
    bars = re.findall(r'<rect [^>]*width="([\d.]+)"', svg)
    labels = re.findall(r'text-anchor="end">([^<]+)<', svg)
    assert labels[:3] == ["华家街道", "106团", "四道河子镇"]  # 120, 87, 55: largest first
    assert float(bars[0]) > float(bars[1]) > float(bars[2])


def test_report_text_is_escaped_in_the_summary():
    G = nx.MultiDiGraph()
    G.add_node("u", type="unit", label='<img src=x onerror="alert(1)">镇', unit_type="镇", years=[2022],
               reports=[{"title": "<b>", "source": "r.txt", "year": 2022}],
               metrics=[{"quote": "调处各类矛盾纠纷5起</title><script>", "value": 5, "unit": "起", "year": 2022}])
    html = summary_html(G)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;镇" in html
