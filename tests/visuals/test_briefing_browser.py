"""The briefing in a real headless Chromium: loads offline, shows every node, searches, stays inert."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from fazhi.visuals.briefing import write_briefing
from fazhi.visuals.synthetic import synthetic_projection
from fazhi.visuals.views import select_view

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def test_sample_build_loads_offline_with_every_node(sample_build, opened):
    from fazhi.graph.projection import to_networkx

    G = select_view(to_networkx(sample_build))  # what graph.html shows: laws off by default
    p = opened(sample_build / "graph.html")
    assert p.requests == [p.url]  # the file itself, nothing else
    assert p.errors == []
    assert p.js("() => window.briefing.nodes.length") == G.number_of_nodes() > 20
    assert p.js("() => window.briefing.nodesView.length") == G.number_of_nodes()
    assert p.js("() => window.briefing.network.physics.options.enabled") is False  # stopped after stabilising
    legend = p.js("() => [...document.querySelectorAll('#legend li')].map(li => li.textContent)")
    assert any(t.startswith("工作机制") for t in legend) and any(t.startswith("单位·团场") for t in legend)
    assert p.js("() => document.querySelectorAll('#summary table tr[data-unit]').length") == sum(
        1 for _, d in G.nodes(data=True) if d["type"] == "unit" and d["reports"]) == 5
    stats = p.page.inner_text("header .stats")
    parents = {v for _, v, d in G.edges(data=True) if d["type"] == "subOrganizationOf"}
    assert "5 份报告" in stats and "5 个报告单位" in stats and f"{len(parents)} 个上级单位" in stats
    assert 0 < len(parents) < G.number_of_nodes()
    # a small view opens on its whole network; the overview follows it
    assert p.js("() => document.getElementById('overview').getBoundingClientRect().top >= "
                "document.getElementById('network-wrap').getBoundingClientRect().bottom")
    assert p.js("() => window.briefing.scope") is None
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "briefing.png"), full_page=False)


def test_search_focuses_and_explains_a_node(sample_projection, tmp_path, opened):
    p = opened(write_briefing(sample_projection, tmp_path / "b.html"))
    before = p.js("() => window.briefing.network.getViewPosition()")
    p.page.fill("#search", "法律顾问")
    p.page.click("#search-form button[type=submit]")
    p.page.wait_for_timeout(600)
    selected = p.js("() => window.briefing.network.getSelectedNodes()")
    assert len(selected) == 1
    assert p.js("(id) => window.briefing.data.nodes[id].label", selected[0]) == "法律顾问"
    assert p.js("() => window.briefing.network.getViewPosition()") != before
    panel = p.page.inner_text("#panel")
    assert "法律顾问" in panel and "五团" in panel and "法律顾问团" in panel  # linked unit and its quote
    assert p.errors == []


def test_search_by_alias_and_english_label(sample_projection, tmp_path, opened):
    p = opened(write_briefing(sample_projection, tmp_path / "b.html"))
    for query, label in (("legal adviser", "法律顾问"), ("Civil Code", "民法典宣传")):
        p.page.fill("#search", query)
        p.page.press("#search", "Enter")
        sel = p.js("() => window.briefing.network.getSelectedNodes()")
        assert p.js("(id) => window.briefing.data.nodes[id].label", sel[0]) == label
    p.page.fill("#search", "没有这个词")
    p.page.press("#search", "Enter")
    assert "未找到" in p.page.inner_text("#search-status")


def test_filters_by_year_unit_and_type(sample_projection, tmp_path, opened):
    p = opened(write_briefing(sample_projection, tmp_path / "b.html"))
    total = p.js("() => window.briefing.nodesView.length")
    p.page.select_option("#year-filter", "2021")
    shown = p.js("() => window.briefing.nodesView.get().map(n => window.briefing.data.nodes[n.id])")
    assert 0 < len(shown) < total
    assert all(2021 in d["years"] or not d["years"] for d in shown)
    p.page.select_option("#year-filter", "")
    p.page.select_option("#unit-filter", "华家街道")
    shown = p.js("() => window.briefing.nodesView.get().map(n => window.briefing.data.nodes[n.id].label)")
    uid = next(n for n, d in sample_projection.nodes(data=True) if d["label"] == "华家街道")
    expected = {sample_projection.nodes[n]["label"] for n in nx.all_neighbors(sample_projection, uid)} | {"华家街道"}
    expected -= {d["label"] for _, d in sample_projection.nodes(data=True) if d["type"] == "law"}
    assert set(shown) == expected
    assert p.js("() => [...document.querySelectorAll('#summary tr[data-unit]:not(.hidden)')].length") == 1
    p.page.click("#reset")
    p.page.uncheck("#type-filter input[value=mechanism]")
    types = p.js("() => window.briefing.nodesView.get().map(n => window.briefing.data.nodes[n.id].type)")
    assert "mechanism" not in types and "unit" in types


XSS = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">',
       '"></script><script>window.__pwned=1</script>', "<svg onload=window.__pwned=1>"]


def test_report_text_cannot_run(tmp_path, opened):
    G = nx.MultiDiGraph()
    bad_unit = '五团<img src=x onerror="window.__pwned=1">'
    G.add_node("u", type="unit", label=bad_unit, labels=[bad_unit, XSS[3]], unit_type="团场", parent=XSS[2],
               years=[2021], count=1,
               reports=[{"title": XSS[0], "source": "examples/reports/000.txt", "year": 2021}],
               metrics=[{"measure": XSS[1], "value": 23, "unit": "场次", "quote": "法治宣传活动23场次" + XSS[0],
                         "year": 2021, "source": XSS[2]}])
    G.add_node("k", type="mechanism", label="法律顾问", label_en="legal adviser", labels=["法律顾问"],
               key="legal_adviser", years=[2021], count=1)
    quote = "团聘请三位律师与司法所工作人员组成法律顾问团" + "".join(XSS)
    G.add_edge("u", "k", type="hasMechanism", label="运行" + XSS[3], weight=2, years=[2021],
               evidence=[{"quote": quote, "start": 0, "end": 10, "source": XSS[1], "year": 2021}])
    p = opened(write_briefing(G, tmp_path / "xss.html", title=XSS[0]))
    for label in ("法律顾问", "五团"):
        p.page.fill("#search", label)
        p.page.press("#search", "Enter")
        p.page.wait_for_timeout(200)
        panel = p.page.inner_text("#panel")
        assert XSS[0] in panel and XSS[1] in panel  # shown as text
    uid = p.js("() => window.briefing.data.nodes.findIndex(d => d.type === 'unit')")
    box = p.page.locator("#network").bounding_box()
    xy = p.js("(id) => window.briefing.network.canvasToDOM(window.briefing.network.getPositions([id])[id])", uid)
    p.page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])  # hover: vis tooltip and panel
    p.page.wait_for_function("() => document.querySelector('.vis-tooltip') && "
                             "document.querySelector('.vis-tooltip').style.visibility === 'visible'")
    assert bad_unit in p.page.inner_text(".vis-tooltip")
    assert p.js("() => document.querySelectorAll('.vis-tooltip :not(br)').length") == 0  # text lines only
    assert p.js("() => typeof window.__pwned") == "undefined"
    assert p.js("() => document.querySelectorAll('#panel img, #panel script, #panel svg, #summary img').length") == 0
    assert p.page.title() == XSS[0]
    assert p.requests == [p.url]  # the <img src=x> never loaded
    assert p.errors == []


def test_large_graph_opens_on_a_neighbourhood_and_keeps_its_positions(tmp_path, opened):
    G = synthetic_projection(1500, seed=2)
    path = write_briefing(G, tmp_path / "big.html")
    given = {n["id"]: (n["x"], n["y"]) for n in _vis_nodes(path)}
    p = opened(path)
    assert p.js("() => window.briefing.nodes.length") == 1500
    assert p.js("() => window.briefing.network.physics.options.enabled") is False
    assert p.js("() => window.briefing.scope.scope") == "kind"  # no parents in this graph: the most run kind
    assert 2 < p.js("() => window.briefing.nodesView.length") <= 61
    p.page.click("#whole")  # the whole network: every node back at the position computed in Python
    assert p.js("() => window.briefing.nodesView.length") == 1500
    for i in (0, 700, 1499):
        pos = p.js(f"() => window.briefing.network.getPositions([{i}])[{i}]")
        assert (pos["x"], pos["y"]) == given[i]
    name = G.nodes[sorted(G.nodes)[700]]["label"]
    p.page.fill("#search", name)
    p.page.press("#search", "Enter")
    sel = p.js("() => window.briefing.network.getSelectedNodes()")
    assert p.js("(id) => window.briefing.data.nodes[id].label", sel[0]) == name
    assert p.js("() => window.briefing.scope") == {"scope": "unit", "id": sel[0]}
    assert p.js("() => window.briefing.nodesView.length") == 1 + len(set(nx.all_neighbors(G, sorted(G.nodes)[700])))
    assert p.errors == [] and p.requests == [p.url]


def _vis_nodes(path: Path) -> list[dict]:
    import json
    import re

    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="vis-data">(.*?)</script>', html, re.S)
                      .group(1))["nodes"]


def test_search_prefers_mechanisms_to_a_problem_category_naming_the_word(sample_build, opened):
    from fazhi.graph.projection import to_networkx

    G = to_networkx(sample_build)
    assert any(d.get("key") == "mediation" and d["type"] == "problem" for _, d in G.nodes(data=True))
    p = opened(sample_build / "graph.html")
    hits = p.js("() => window.briefing.findNodes('mediation').map(i => window.briefing.data.nodes[i].type)")
    assert hits[:2] == ["mechanism", "mechanism"] and "problem" in hits
    p.page.fill("#search", "mediation")
    p.page.press("#search", "Enter")
    sel = p.js("() => window.briefing.network.getSelectedNodes()")
    assert p.js("(id) => window.briefing.data.nodes[id].key", sel[0]) in ("people_mediation", "mediation_center")
    assert "另有" in p.page.inner_text("#search-status")


def test_empty_graph_says_so(tmp_path, opened):
    p = opened(write_briefing(nx.MultiDiGraph(), tmp_path / "empty.html"))
    assert p.js("() => window.briefing.nodes.length") == 0
    assert "没有节点" in p.page.inner_text("#panel")
    assert p.errors == []


def test_panel_names_each_number_s_measure_and_keeps_its_hedge(sample_build, opened):
    """四道河子镇's panel: the hotline's 38 received, and the service hall's 2000余件 with its 余 and no measure."""
    p = opened(sample_build / "graph.html")
    p.page.fill("#search", "四道河子镇")
    p.page.press("#search", "Enter")
    p.page.wait_for_timeout(200)
    lines = p.js("() => Array.from(document.querySelectorAll('#panel ul.metrics > li'))"
                 ".map(li => li.firstChild.textContent)")
    assert "热线受理: 38件" in lines and "热线办结: 34件" in lines
    assert "2,000余件" in lines  # no measure: the clause names no hotline
    summary = p.page.inner_text("#summary")
    assert "热线受理 38件" in summary and "2,000" not in summary
    assert p.errors == []
