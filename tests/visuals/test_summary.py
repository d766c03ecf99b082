"""The summary's figures are the graph's measure facts, the same the saved queries return."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from fazhi.graph.query import run_query, saved_queries
from fazhi.visuals.measures import figure_text, unit_figures
from fazhi.visuals.summary import bar_chart, summary_html, unit_rows


def _chart_values(html: str, key: str) -> dict[str, str]:
    """Unit label → the value text of its bar in the chart of measure ``key``."""
    chart = re.search(rf'<figure class="chart" data-measure="{key}">(.*?)</figure>', html, re.S)
    if chart is None:
        return {}
    bars = re.findall(r'text-anchor="end">([^<]+)</text><rect [^>]*></rect><text [^>]*>([^<]+)</text>', chart.group(1))
    return dict(bars)


def _row_figures(html: str, unit: str) -> dict[str, str]:
    """Measure key → the figure text in the summary table's row of ``unit``."""
    row = re.search(rf'<tr data-unit="{unit}">(.*?)</tr>', html, re.S)
    assert row is not None, unit
    return dict(re.findall(r'<span data-measure="(\w+)"[^>]*>[^ <]+ ([^<]+)</span>', row.group(1)))


def test_page_hotline_figures_are_those_of_the_saved_query(sample_build: Path) -> None:
    """四道河子镇: 受理“12345”平台反馈问题38件，已办结34件; 办理群众诉求2000余件 is the service hall's."""
    names, rows = run_query(sample_build, saved_queries()["hotline_cases"].text)
    query = {dict(zip(names, r))["unit"]: dict(zip(names, r)) for r in rows}
    assert (query["四道河子镇"]["received"], query["四道河子镇"]["closed"]) == (38, 34)

    html = (sample_build / "graph.html").read_text(encoding="utf-8")
    assert _chart_values(html, "hotline_received") == {"四道河子镇": "38件"}
    assert _chart_values(html, "hotline_closed") == {"四道河子镇": "34件"}
    figures = _row_figures(html, "四道河子镇")
    assert figures["hotline_received"] == "38件" and figures["hotline_closed"] == "34件"
    assert "hotline_rate" not in figures  # 办结率达100% is the service hall's too
    assert not any("2,000" in text for text in figures.values())


def test_page_marks_differing_figures_as_disputed(sample_build: Path) -> None:
    """华家街道 says 摸排纠纷线索12件 and 参与调解矛盾纠纷120件: both shown, marked, as the query lists them."""
    html = (sample_build / "graph.html").read_text(encoding="utf-8")
    shown = _row_figures(html, "华家街道")["disputes_handled"]
    assert shown == "12件 / 120件 ⚠数字不一致"
    names, rows = run_query(sample_build, saved_queries()["mediation_success"].text)
    street = next(dict(zip(names, r)) for r in rows if dict(zip(names, r))["unit"] == "华家街道")
    assert street["disputed"] is True and set(street["cases_values"].split(" / ")) == {"12", "120"}


def test_hedged_numbers_keep_their_hedge():
    assert figure_text({"value": 2000, "unit": "件", "approximate": True, "quote": "办理群众诉求2000余件"}) == "2,000余件"
    assert figure_text({"value": 30000, "unit": "份", "approximate": True, "quote": "印发宣传资料近3万份"}) == "近30,000份"
    assert figure_text({"value": 94.5, "unit": "%", "approximate": False, "quote": "调解成功率达94.5%"}) == "94.5%"


def test_latest_year_wins_and_its_differing_values_are_all_kept():
    figures = unit_figures([
        {"measure": "disputes_handled", "quote": "调处各类矛盾纠纷55起", "value": 55, "unit": "起", "year": 2022},
        {"measure": "disputes_handled", "quote": "调处各类矛盾纠纷70起", "value": 70, "unit": "起", "year": 2023},
        {"measure": "disputes_handled", "quote": "调处矛盾纠纷12起", "value": 12, "unit": "起", "year": 2023},
        {"measure": "", "quote": "召开会议3次", "value": 3, "unit": "次", "year": 2023},
    ])
    assert list(figures) == ["disputes_handled"]  # a number without a measure is no figure
    f = figures["disputes_handled"]
    assert (f["year"], f["values"], f["disputed"]) == (2023, ["12起", "70起"], True)


def test_sample_summary_compares_mediation(sample_projection):
    rows = {r["label"]: r for r in unit_rows(sample_projection)}
    assert rows["四道河子镇"]["figures"]["disputes_handled"]["values"] == ["55起"]
    assert rows["四道河子镇"]["figures"]["mediation_rate"]["values"] == ["94.5%"]
    assert "法律顾问" in rows["五团"]["hasMechanism"]
    svg = bar_chart("disputes_handled", list(rows.values()))
    bars = re.findall(r'<rect [^>]*width="([\d.]+)"', svg)
    labels = re.findall(r'text-anchor="end">([^<]+)<', svg)
    assert labels[:3] == ["华家街道", "106团", "四道河子镇"]  # 120 (disputed with 12), 87, 55: largest first
    assert float(bars[0]) > float(bars[1]) > float(bars[2])
    assert 'class="disputed"' in svg and "数字不一致" in svg


def test_report_text_is_escaped_in_the_summary():
    G = nx.MultiDiGraph()
    G.add_node("u", type="unit", label='<img src=x onerror="alert(1)">镇', unit_type="镇", years=[2022],
               reports=[{"title": "<b>", "source": "r.txt", "year": 2022}],
               metrics=[{"measure": "disputes_handled", "quote": "调处各类矛盾纠纷5起</title><script>",
                         "value": 5, "unit": "起</title><script>", "year": 2022}])
    html = summary_html(G)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;镇" in html
