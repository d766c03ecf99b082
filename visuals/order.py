"""One fixed order of nodes and edges, shared by the vis DataSets and the panel data."""

from __future__ import annotations

import networkx as nx


def graph_order(G: nx.MultiDiGraph) -> tuple[list[str], list[tuple[str, str, dict]]]:
    """Nodes sorted by IRI and edges by (source, target, type, key): index = page id."""
    nodes = sorted(G.nodes)
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[3].get("type", ""), str(e[2])))
    return nodes, [(u, v, d) for u, v, _k, d in edges]
