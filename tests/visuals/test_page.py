"""The written page is one self-contained UTF-8 file whose data match the graph."""

from __future__ import annotations

import base64
import gzip
import json
import re

from fazhi.visuals.briefing import write_briefing
from fazhi.visuals.order import graph_order
from fazhi.visuals.synthetic import synthetic_projection


def _embedded(html: str, element_id: str) -> dict:
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    if m is None and element_id == "briefing-data":  # large graphs: base64 gzip
        m = re.search(r'<script type="application/gzip;base64" id="briefing-data-gz">(.*?)</script>', html, re.S)
        assert m, element_id
        return json.loads(gzip.decompress(base64.b64decode(m.group(1))).decode("utf-8"))
    assert m, element_id
    return json.loads(m.group(1))


def test_page_is_self_contained(sample_projection, tmp_path):
    path = write_briefing(sample_projection, tmp_path / "b.html")
    html = path.read_bytes().decode("utf-8")  # strict UTF-8
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', html, re.I)  # nothing fetched
    for host in ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com", "fonts.googleapis.com"):
        assert host not in html
    assert "bootstrap" not in html.lower() and "tom-select" not in html.lower()
    assert "vis-network" in html and "Content-Security-Policy" in html
    assert [f.name for f in tmp_path.iterdir()] == ["b.html"]  # no temp files or lib/ folder left


def test_embedded_data_match_the_graph(sample_projection, tmp_path):
    html = write_briefing(sample_projection, tmp_path / "b.html", laws=True).read_text(encoding="utf-8")
    vis = _embedded(html, "vis-data")
    data = _embedded(html, "briefing-data")
    assert len(vis["nodes"]) == len(data["nodes"]) == sample_projection.number_of_nodes()
    assert len(vis["edges"]) == len(data["edges"]) == sample_projection.number_of_edges()
    labels = {n["label"] for n in vis["nodes"]}
    assert {"五团", "四道河子镇", "法律顾问", "《民法典》"} <= labels
    quotes = [e["quote"] for x in data["edges"] for e in x["evidence"]]
    assert any("法律顾问团" in q for q in quotes)
    assert vis["options"]["physics"]["enabled"] is True  # small graph: physics, stopped by the page


def test_large_graph_has_fixed_positions_and_no_physics(tmp_path):
    G = synthetic_projection(600)
    vis = _embedded(write_briefing(G, tmp_path / "big.html").read_text(encoding="utf-8"), "vis-data")
    assert vis["options"]["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in vis["nodes"])


def test_title_and_view_in_the_page(sample_projection, tmp_path):
    html = write_briefing(sample_projection, tmp_path / "v.html", unit="五团").read_text(encoding="utf-8")
    assert "<title>法治政府建设年度报告 · 图谱简报 · 单位 五团</title>" in html
    assert _embedded(html, "briefing-data")["meta"]["unit"] == "五团"


def test_report_paths_stored_once_and_quotes_capped_on_large_graphs(tmp_path):
    G = synthetic_projection(400, seed=4)
    u, v, k = next(iter(G.edges(keys=True)))
    ev = G.edges[u, v, k]["evidence"][0]
    G.edges[u, v, k]["evidence"] = [dict(ev, quote=f"{ev['quote']}{i}") for i in range(7)]
    data = _embedded(write_briefing(G, tmp_path / "big.html").read_text(encoding="utf-8"), "briefing-data")
    assert len(data["sources"]) == len(set(data["sources"])) == 400 - 25  # one per unit's report
    capped = [e for e in data["edges"] if e.get("more")]
    assert len(capped) == 1 and len(capped[0]["evidence"]) == 3 and capped[0]["more"] == 4
    assert data["sources"][capped[0]["evidence"][0]["source"]] == ev["source"]


def test_large_panel_data_are_packed(tmp_path):
    html = write_briefing(synthetic_projection(1500), tmp_path / "big.html").read_text(encoding="utf-8")
    assert 'id="briefing-data-gz"' in html and 'id="briefing-data"' not in html
    assert len(_embedded(html, "briefing-data")["nodes"]) == 1500


def test_repeated_quotes_show_once_with_a_count(sample_projection, tmp_path):
    G = sample_projection.copy()
    u, v, k, d = next((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d["evidence"])
    G.edges[u, v, k]["evidence"] = [dict(d["evidence"][0], start=i) for i in range(5)]
    html = write_briefing(G, tmp_path / "b.html", laws=True).read_text(encoding="utf-8")  # laws: same edges as G
    data = _embedded(html, "briefing-data")
    _, edges = graph_order(G)
    i = next(i for i, (a, b, e) in enumerate(edges) if (a, b) == (u, v) and e is G.edges[u, v, k])
    assert data["edges"][i]["evidence"] == [dict(d["evidence"][0], start=0, source=0, n=5)]
