"""Write the offline HTML briefing of a graph build: ``write_briefing(G, path)``.

G is the networkx projection (docs/projection.md). The page is one UTF-8 file
with vis-network, data, style and script inline; it makes no request to any
host, so it opens from a USB stick on an intranet laptop.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from fazhi.graph.atomic import write_text_atomic
from fazhi.visuals.layout import LARGE_GRAPH
from fazhi.visuals.network import EDGE_LAYER, build_network
from fazhi.visuals.page import legend_html, render_page
from fazhi.visuals.payload import build_payload
from fazhi.visuals.style import legend_entries
from fazhi.visuals.summary import summary_html
from fazhi.visuals.views import select_view

DEFAULT_TITLE = "法治政府建设年度报告 · 图谱简报"


def view_title(unit: str | None, kind: str | None, year: int | None, G: nx.MultiDiGraph) -> str:
    """A title saying which view this is, e.g. "… · 单位 五团 · 2021年"."""
    parts = [DEFAULT_TITLE]
    if unit:
        parts.append(f"单位 {unit}")
    if kind:
        label = next((d.get("label") for _, d in G.nodes(data=True) if d.get("key") == kind), None)
        parts.append(label or kind)
    if year:
        parts.append(f"{year}年")
    return " · ".join(parts)


def _stats(H: nx.MultiDiGraph) -> str:
    units = sum(1 for _, d in H.nodes(data=True) if d.get("type") == "unit")
    sources = {r.get("source") for _, d in H.nodes(data=True) for r in d.get("reports") or [] if r.get("source")}
    return (f"{H.number_of_nodes()} 个节点 <small>nodes</small> · {H.number_of_edges()} 条关系 <small>links</small>"
            f" · {units} 个单位 <small>units</small> · {len(sources)} 份报告 <small>reports</small>")


def briefing_html(
    G: nx.MultiDiGraph,
    *,
    unit: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    laws: bool = False,
    title: str | None = None,
    place: str | None = None,
) -> str:
    """The briefing page for the chosen view of ``G`` as a string (raises views.ViewError)."""
    H = select_view(G, unit=unit, kind=kind, year=year, laws=laws, place=place)
    title = title or view_title(unit, kind, year, G) + (f" · {place}" if place else "")
    net = build_network(H)
    nodes, edges, _heading, _h, _w, _opts = net.get_network_data()
    node_types = {d.get("type", "") for _, d in H.nodes(data=True)}
    unit_types = {d.get("unit_type") or "" for _, d in H.nodes(data=True) if d.get("type") == "unit"}
    meta = {"title": title, "unit": unit, "kind": kind, "year": year, "laws": laws}
    return render_page(
        title=title,
        stats=_stats(H),
        legend=legend_html(legend_entries(node_types, unit_types)),
        summary=summary_html(H),
        vis_data={"nodes": nodes, "edges": edges, "options": net.options,
                  "edgeLayer": len(edges) > EDGE_LAYER},
        data=build_payload(H, meta, large=H.number_of_nodes() > LARGE_GRAPH),
    )


def write_briefing(
    G: nx.MultiDiGraph,
    path: Path,
    *,
    unit: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    laws: bool = False,
    title: str | None = None,
    place: str | None = None,
) -> Path:
    """Write the briefing page for ``G`` to ``path`` (UTF-8, atomically) and return the path."""
    path = Path(path)
    html = briefing_html(G, unit=unit, kind=kind, year=year, laws=laws, title=title, place=place)
    write_text_atomic(path, html, encoding="utf-8")
    return path


__all__ = ["write_briefing", "briefing_html", "view_title"]
