"""The briefing of real-shaped builds (benchmarks/scaler.py) in headless Chromium: it reads first at size.

300 reports are built once per session (about 30 s). The 3,000-report case
builds for several minutes: it runs when FAZHI_BROWSER_3000=1. Screenshots go
to tests/artifacts/briefing-{N}-overview.png, -network.png and -unit.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from fazhi.visuals.briefing import write_briefing
from fazhi.visuals.synthetic import synthetic_projection

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SIZES = [300, pytest.param(3000, marks=pytest.mark.skipif(os.environ.get("FAZHI_BROWSER_3000") != "1",
                                                          reason="set FAZHI_BROWSER_3000=1 (builds for minutes)"))]

COUNT_DRAWN = """() => new Promise(resolve => {
  const b = window.briefing, proto = CanvasRenderingContext2D.prototype, orig = proto.fillText;
  const shown = new Set(b.nodesView.get().map(n => n.label));
  const drawn = new Set();
  proto.fillText = function (text, ...rest) { if (shown.has(String(text))) drawn.add(String(text));
                                              return orig.call(this, text, ...rest); };
  b.network.once('afterDrawing', () => { proto.fillText = orig; resolve({nodes: shown.size, labels: drawn.size}); });
  b.network.redraw();
})"""


@pytest.fixture(scope="session")
def scaled_build(tmp_path_factory):
    """N scaled reports built with run_build: the page a new user opens first."""
    from fazhi.build import run_build

    built: dict[int, Path] = {}

    def build(n: int) -> Path:
        if n not in built:
            root = tmp_path_factory.mktemp(f"scaled-{n}-reports")
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scaler.py"), str(n), str(root / "in")],
                           check=True, stdout=subprocess.DEVNULL)
            report = run_build([root / "in"], root / "out", n_process=2)
            assert not report.failures
            built[n] = root / "out"
        return built[n]

    return build


@pytest.mark.parametrize("n", SIZES)
def test_a_big_build_opens_on_its_overview_then_a_readable_neighbourhood(n, scaled_build, opened):
    from fazhi.graph.artifacts import ROWS_FILE, read_rows
    from fazhi.graph.projection import assemble, vocab_rows
    from pyoxigraph import Store

    out = scaled_build(n)
    G = assemble((rows for rows, _ in read_rows(out / ROWS_FILE)),
                 vocab_rows(Store.read_only(str(out / "store"))))
    reporting = [u for u, d in G.nodes(data=True) if d["type"] == "unit" and d["reports"]]
    p = opened(out / "graph.html")
    assert p.requests == [p.url] and p.errors == []
    stats = p.page.inner_text("header .stats")
    assert f"{n} 份报告" in stats and f"{len(reporting)} 个报告单位" in stats
    # the first screen is the overview: its headline and trend table are in the viewport, the network below
    top = p.js("() => document.getElementById('overview').getBoundingClientRect().top")
    assert top < 120 and p.js("() => document.getElementById('ov-trend').getBoundingClientRect().top") < 900
    assert p.js("() => document.getElementById('network-wrap').getBoundingClientRect().top") > 900
    years = sorted({y for u in reporting for y in G.nodes[u]["years"]})
    assert p.js("() => [...document.querySelectorAll('#ov-trend tbody tr td:first-child')].map(td => +td.textContent)"
                ) == years
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / f"briefing-{n}-overview.png"))
    # the network shows one parent's neighbourhood, every node labelled
    scope = p.js("() => window.briefing.scope")
    assert scope["scope"] == "parent"
    first = p.js(COUNT_DRAWN)
    assert 3 <= first["nodes"] <= 110 and first["labels"] == first["nodes"]
    p.js("() => document.querySelector('.controls').scrollIntoView({block: 'start'})")
    p.page.wait_for_timeout(300)  # the overview's blocks above render lazily (content-visibility)
    p.page.screenshot(path=str(ARTIFACTS / f"briefing-{n}-network.png"))
    # a unit's name in the coverage table opens that unit's neighbourhood
    link = p.page.locator("#ov-coverage tbody a.scope[data-scope=unit]").first
    name = link.inner_text()
    link.click()
    p.page.wait_for_function("() => window.briefing.scopedAt")
    uid = next(u for u in reporting if G.nodes[u]["label"] == name)
    shown = set(p.js("() => window.briefing.nodesView.get().map(n => window.briefing.data.nodes[n.id].iri)"))
    assert shown == {uid} | set(nx.all_neighbors(G, uid)) - {v for v in G if G.nodes[v]["type"] == "law"}
    after = p.js(COUNT_DRAWN)
    assert after["labels"] == after["nodes"] == len(shown)
    assert name in p.page.inner_text("#panel")
    p.page.screenshot(path=str(ARTIFACTS / f"briefing-{n}-unit.png"))
    assert p.errors == [] and p.requests == [p.url]


XSS = '<img src=x onerror="window.__pwned=1">'


def test_report_text_cannot_run_in_the_overview_or_a_neighbourhood(tmp_path, opened):
    """An invented big graph whose unit, parent and kind names and quotes are payloads."""
    G = synthetic_projection(400, seed=3)
    units = sorted(n for n, d in G.nodes(data=True) if d["type"] == "unit")
    kind = next(n for n, d in G.nodes(data=True) if d["type"] == "mechanism")
    G.nodes[units[0]]["label"] = "五团" + XSS
    G.nodes[kind]["label"] = "法律顾问</script><script>window.__pwned=1</script>"
    G.add_node("parent", type="unit", label='"><svg onload=window.__pwned=1>', labels=[], unit_type="", years=[],
               reports=[], count=0, metrics=[])
    for u in units[:12]:
        G.add_edge(u, "parent", type="subOrganizationOf", label="隶属", weight=1, years=[2022], evidence=[])
    for _, _, d in G.out_edges(units[0], data=True):
        for e in d["evidence"]:
            e["quote"] += XSS
    p = opened(write_briefing(G, tmp_path / "big-xss.html"))
    assert p.js("() => window.briefing.scope.scope") == "parent"
    assert p.page.locator("#ov-by_parent tbody a.scope").first.inner_text() == '"><svg onload=window.__pwned=1>'
    p.page.locator("#ov-coverage tbody a.scope", has_text="五团").first.click()
    p.page.wait_for_function("() => window.briefing.scopedAt")
    assert XSS in p.page.inner_text("#panel")
    p.page.locator("#ov-lacking a.scope[data-scope=kind]", has_text="法律顾问").first.click()
    p.page.wait_for_function("() => window.briefing.scope.scope === 'kind'")
    assert p.js("() => typeof window.__pwned") == "undefined"
    assert p.js("() => document.querySelectorAll('#overview img, #overview svg:not(figure svg), #panel img').length") == 0
    assert p.requests == [p.url] and p.errors == []
