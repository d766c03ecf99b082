"""Turn a projection graph into a pyvis Network: vis-network nodes, edges and options.

pyvis builds the node and edge dicts and holds the options; the page module
embeds them itself (pyvis's own HTML writer pulls CDN files and breaks on
non-UTF-8 locales, so it is never used).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from fazhi.visuals.order import graph_order
from fazhi.visuals.layout import LARGE_GRAPH, compute_layout
from fazhi.visuals.style import EDGE_COLORS, NODE_TYPES, edge_width, look_of, node_size

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
        look = look_of(d.get("type", ""), d.get("unit_type", ""))
        opts: dict[str, Any] = {
            "title": _title(d),
            "size": node_size(d.get("count", 1)),
            "color": {"background": look.color, "border": "#ffffff",
                      "highlight": {"background": look.color, "border": "#222222"},
                      "hover": {"background": look.color, "border": "#222222"}},
            "ntype": d.get("type", ""),
        }
        if n in pos:
            opts["x"], opts["y"] = pos[n]
        shape = "dot" if d.get("type") == "unit" else look.shape
        node = Node(ids[n], shape, label=d.get("label") or n, **opts)
        net.nodes.append(node.options)
        net.node_ids.append(ids[n])
        net.node_map[ids[n]] = node.options
    for i, (u, v, d) in enumerate(edges):
        color = EDGE_COLORS.get(d.get("type", ""), "#999999")
        edge = Edge(ids[u], ids[v], directed=True, id=i, label=d.get("label", ""),
                    width=edge_width(d.get("weight", 1)),
                    color={"color": color, "opacity": 0.55, "highlight": color, "hover": color},
                    etype=d.get("type", ""))
        net.edges.append(edge.options)
    net.options = vis_options(large, G.number_of_edges())
    return net
