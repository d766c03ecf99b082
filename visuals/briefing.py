"""Write the offline HTML briefing of a graph build: ``write_briefing(G, path)``.

G is the networkx projection (docs/projection.md). The page is one UTF-8 file
with vis-network, data, style and script inline; it makes no request to any
host, so it opens from a USB stick on an intranet laptop.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from fazhi.graph.atomic import write_text_atomic
from fazhi.graph.overview import NO_PARENT, by_parent_table, counts, index
from fazhi.visuals.layout import LARGE_GRAPH
from fazhi.visuals.network import EDGE_LAYER, build_network
from fazhi.visuals.overview import overview_html
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
    """Header counts: reports, units that sent them, parent units (counted apart), nodes and links."""
    c = counts(H)
    return (f"{c.reports} 份报告 <small>reports</small> · {c.reporting_units} 个报告单位 <small>reporting units</small>"
            f" · {c.parent_units} 个上级单位 <small>parent units</small>"
            f" · {H.number_of_nodes()} 个节点 <small>nodes</small> · {H.number_of_edges()} 条关系 <small>links</small>")


def start_scope(H: nx.MultiDiGraph) -> dict[str, str] | None:
    """The neighbourhood a big page opens on: the parent with most reporting units, else the most run kind."""
    ix = index(H)
    parent = next((row for row in by_parent_table(H, ix).rows if row[0] != NO_PARENT), None)
    if parent is not None and parent[1] > 1:
        return {"scope": "parent", "name": parent[0]}
    kinds = ix.kinds
    if kinds:
        return {"scope": "kind", "name": H.nodes[kinds[0]].get("label") or kinds[0]}
    return None


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
    """The briefing page for the chosen view of ``G`` as a string (raises views.ViewError).

    A view of more than LARGE_GRAPH nodes opens on the overview, and its
    network on one neighbourhood (start_scope); a smaller one opens on its
    whole network, the overview below it.
    """
    H = select_view(G, unit=unit, kind=kind, year=year, laws=laws, place=place)
    title = title or view_title(unit, kind, year, G) + (f" · {place}" if place else "")
    large = H.number_of_nodes() > LARGE_GRAPH
    net = build_network(H, large=large)
    nodes, edges, _heading, _h, _w, _opts = net.get_network_data()
    node_types = {d.get("type", "") for _, d in H.nodes(data=True)}
    unit_types = {d.get("unit_type") or "" for _, d in H.nodes(data=True) if d.get("type") == "unit"}
    meta = {"title": title, "unit": unit, "kind": kind, "year": year, "laws": laws}
    return render_page(
        title=title,
        stats=_stats(H),
        legend=legend_html(legend_entries(node_types, unit_types)),
        summary=summary_html(H),
        overview=overview_html(H),
        overview_first=large,
        vis_data={"nodes": nodes, "edges": edges, "options": net.options,
                  "edgeLayer": len(edges) > EDGE_LAYER, "scoped": large,
                  "start": start_scope(H) if large else None},
        data=build_payload(H, meta, large=large),
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
