"""Turn a projection graph into a pyvis Network: vis-network nodes, edges and options.

pyvis builds the node and edge dicts and holds the options; the page module
embeds them itself (pyvis's own HTML writer pulls CDN files and breaks on
non-UTF-8 locales, so it is never used).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from fazhi.visuals.layout import LARGE_GRAPH, compute_layout
from fazhi.visuals.order import graph_order
from fazhi.visuals.style import NODE_TYPES, darker, edge_width, look_of, node_size
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def _title(d: dict) -> str:
    """Plain-text hover tooltip (vis-network 9 shows string titles as text, never HTML)."""
    kind = NODE_TYPES.get(d.get("type", ""), NODE_TYPES["law"])
    parts = [d.get("label", ""), f"{kind.zh} {kind.en}"]
    if d.get("label_en"):
        parts.insert(1, d["label_en"])
    years = d.get("years") or []
    if years:
        parts.append("年份 " + ", ".join(str(y) for y in years))
    return "\n".join(p for p in parts if p)


def vis_options(large: bool, n_edges: int) -> dict[str, Any]:
    """vis-network options: physics that stops after stabilising, or none for large graphs."""
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "font": {"face": FONT, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            "scaling": {"label": {"enabled": True, "drawThreshold": 7 if large else 4}},
        },
        "edges": {
            "font": {"face": FONT, "size": 10, "color": "#555555", "strokeWidth": 2,
                     "align": "middle"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "color": {"inherit": "to", "opacity": 0.5},
            "smooth": False if large or n_edges > 400 else {"enabled": True, "type": "continuous"},
            "selectionWidth": 2,
            "scaling": {"label": {"enabled": True, "drawThreshold": 9 if large else 6}},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "layout": {"randomSeed": 7, "improvedLayout": not large},
    }
    if large:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110,
                                 "springConstant": 0.06, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        }
    return options


EDGE_LAYER = 1500  # edges; above this the page draws edges itself on the canvas (vis-network builds
# a heavy object per edge: 30,000 of them take seconds before the first frame)


def group_of(d: dict) -> str:
    """The vis-network group of a node: its look (``unit:镇``, ``mechanism`` …)."""
    if d.get("type") == "unit":
        return "unit:" + (d.get("unit_type") or "")
    return d.get("type") or "law"


def vis_groups(G: nx.MultiDiGraph, large: bool = False) -> dict[str, dict[str, Any]]:
    """One vis group per look present: colour and shape live here, not on 5,000 nodes.

    On large graphs the few hub nodes get a big font so their labels stay
    readable when the whole network is in view.
    """
    groups: dict[str, dict[str, Any]] = {}
    for _, d in G.nodes(data=True):
        g = group_of(d)
        if g in groups:
            continue
        look = look_of(d.get("type", ""), d.get("unit_type", ""))
        groups[g] = {"shape": "dot" if d.get("type") == "unit" else look.shape,
                     "color": {"background": look.color, "border": darker(look.color),
                               "highlight": {"background": look.color, "border": "#222222"},
                               "hover": {"background": look.color, "border": "#222222"}}}
        if large and d.get("type") != "unit":
            groups[g]["font"] = {"size": 30, "strokeWidth": 5}
    return groups


def build_network(G: nx.MultiDiGraph, *, large: bool | None = None) -> Network:
    """A pyvis Network of ``G`` with looks from fazhi.visuals.style; x/y set when large."""
    if large is None:
        large = G.number_of_nodes() > LARGE_GRAPH
    pos = compute_layout(G) if large else {}
    net = Network(directed=True, cdn_resources="in_line")
    order, edges = graph_order(G)
    ids = {n: i for i, n in enumerate(order)}
    for n in order:  # Node/Edge classes directly: Network.add_edge scans a list per call
        d = G.nodes[n]
        opts: dict[str, Any] = {"group": group_of(d), "size": node_size(d.get("count", 1))
                                + (4 if d.get("type") == "unit" else 0)}
        if not large:  # hover is off on large graphs; the side panel shows the same
            opts["title"] = _title(d)
        if n in pos:
            opts["x"], opts["y"] = pos[n]
        node = Node(ids[n], None, label=d.get("label") or n, **opts)
        del node.options["shape"]  # from the group
        net.nodes.append(node.options)
        net.node_ids.append(ids[n])
        net.node_map[ids[n]] = node.options
    for i, (u, v, d) in enumerate(edges):  # arrows and colour come from the global options
        edge = Edge(ids[u], ids[v], directed=False, id=i, label=d.get("label", ""),
                    width=edge_width(d.get("weight", 1)))
        net.edges.append(edge.options)
    net.options = vis_options(large, G.number_of_edges())
    net.options["groups"] = vis_groups(G, large)
    return net
