"""Node positions computed in Python for graphs too large for in-browser physics.

Above 150 nodes vis-network's physics takes seconds to settle, so
the page gets fixed x/y and physics off. The layout is deterministic and
linear in the number of edges: the hubs (mechanism, campaign, problem and law
nodes, few and highly linked) are laid out with a spring layout of how often
units share them; each unit then sits near the centre of the hubs it links,
spread by a hash of its id, so units with similar profiles cluster.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from itertools import combinations

import networkx as nx

LARGE_GRAPH = 150  # nodes; above this the page opens on the overview, uses these positions and no physics


def _unit_hash(node: str) -> tuple[float, float]:
    """Two numbers in [0, 1) derived from the node id, for a deterministic spread."""
    h = hashlib.sha1(node.encode("utf-8")).digest()
    return int.from_bytes(h[:4], "big") / 2**32, int.from_bytes(h[4:8], "big") / 2**32


def _hub_positions(G: nx.MultiDiGraph, hubs: list[str], radius: float) -> dict[str, tuple[float, float]]:
    """Spring layout of the hubs, pulled together by the number of units they share."""
    if not hubs:
        return {}
    hubset = set(hubs)
    shared: Counter[tuple[str, str]] = Counter()
    for n, d in G.nodes(data=True):
        if d.get("type") != "unit":
            continue
        linked = sorted({v for v in G.successors(n) if v in hubset})
        if len(linked) > 40:  # a unit citing very many hubs says little about each pair
            linked = linked[:40]
        shared.update(combinations(linked, 2))
    H = nx.Graph()
    H.add_nodes_from(sorted(hubs))
    for (a, b), w in shared.items():
        H.add_edge(a, b, weight=float(w))
    if len(hubs) == 1:
        return {hubs[0]: (0.0, 0.0)}
    pos = nx.spring_layout(H, seed=7, iterations=60 if len(hubs) <= 300 else 15, weight="weight")
    return {n: (float(x) * radius, float(y) * radius) for n, (x, y) in pos.items()}


def compute_layout(G: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """x/y in vis-network pixels for every node of ``G``."""
    n = G.number_of_nodes()
    radius = 400.0 * math.sqrt(max(n, 1) / 100.0)
    hubs = sorted(v for v, d in G.nodes(data=True) if d.get("type") != "unit")
    hubset = set(hubs)
    pos = _hub_positions(G, hubs, radius * 0.6)
    spread = radius / math.sqrt(max(len(hubs), 1)) * 0.9
    orphans: list[str] = []
    for v, d in sorted(G.nodes(data=True)):
        if v in pos:
            continue
        linked = [pos[w] for w in set(G.successors(v)) | set(G.predecessors(v)) if w in hubset]
        if not linked:
            orphans.append(v)
            continue
        cx = sum(p[0] for p in linked) / len(linked)
        cy = sum(p[1] for p in linked) / len(linked)
        a, r = _unit_hash(v)
        rr = spread * math.sqrt(r)
        pos[v] = (cx + rr * math.cos(2 * math.pi * a), cy + rr * math.sin(2 * math.pi * a))
    for v in orphans:  # units linked only to other units: near their parent, else on a ring
        anchor = next((pos[w] for w in G.successors(v) if w in pos), None)
        a, r = _unit_hash(v)
        if anchor is None:
            rr = radius * (1.05 + 0.15 * r)
            pos[v] = (rr * math.cos(2 * math.pi * a), rr * math.sin(2 * math.pi * a))
        else:
            rr = 40.0 + 60.0 * r
            pos[v] = (anchor[0] + rr * math.cos(2 * math.pi * a), anchor[1] + rr * math.sin(2 * math.pi * a))
    return {v: (round(x), round(y)) for v, (x, y) in pos.items()}  # whole pixels, as vis reports them
