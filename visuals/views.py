"""Pick the part of the projection a briefing shows: one unit, one kind, one year, one place, laws or not.

Every function returns a new graph (attributes copied), so the caller's
projection is never changed.
"""

from __future__ import annotations

import copy

import networkx as nx


class ViewError(ValueError):
    """A view asked for something the graph does not have (unknown unit, kind or year)."""


KIND_TYPES = ("mechanism", "campaign", "problem", "law")


def _labels(data: dict) -> list[str]:
    labels = [data.get("label") or ""]
    labels += [x for x in data.get("labels") or [] if isinstance(x, str)]
    return [x for x in labels if x]


def _suggest(G: nx.MultiDiGraph, node_type: str | tuple[str, ...], limit: int = 8) -> str:
    types = (node_type,) if isinstance(node_type, str) else node_type
    names = sorted({d.get("key") or d.get("label", "") for _, d in G.nodes(data=True) if d.get("type") in types})
    names = [n for n in names if n]
    if not names:
        return "the graph has none"
    more = f" … ({len(names)} in all)" if len(names) > limit else ""
    return "known: " + ", ".join(names[:limit]) + more


def find_unit(G: nx.MultiDiGraph, name: str) -> str:
    """The unit node named ``name``: exact label first, then any alias, then a unique substring."""
    units = [(n, d) for n, d in G.nodes(data=True) if d.get("type") == "unit"]
    for test in (lambda d: d.get("label") == name, lambda d: name in _labels(d)):
        hits = [n for n, d in units if test(d)]
        if hits:
            return sorted(hits)[0]
    hits = [n for n, d in units if any(name in label for label in _labels(d))]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        names = sorted(G.nodes[n].get("label", n) for n in hits)
        raise ViewError(f"unit {name!r} is ambiguous: matches {', '.join(names[:8])}")
    raise ViewError(f"no unit named {name!r} in the graph ({_suggest(G, 'unit')})")


def find_kind(G: nx.MultiDiGraph, key: str) -> str:
    """The mechanism, campaign, problem-category or law node with vocabulary key or label ``key``."""
    kinds = [(n, d) for n, d in G.nodes(data=True) if d.get("type") in KIND_TYPES]
    for test in (lambda d: d.get("key") == key, lambda d: key in _labels(d)):
        hits = [n for n, d in kinds if test(d)]
        if hits:
            return sorted(hits)[0]
    raise ViewError(f"no mechanism, campaign or problem kind {key!r} in the graph "
                    f"({_suggest(G, ('mechanism', 'campaign', 'problem'))})")


def _by_year(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """Units that reported on ``year``, the edges that year, and the kinds those edges reach."""
    H = nx.MultiDiGraph(**G.graph)
    for n, d in G.nodes(data=True):
        if d.get("type") == "unit" and year in (d.get("years") or []):
            H.add_node(n, **copy.deepcopy(d))
    if H.number_of_nodes() == 0:
        years = sorted({y for _, d in G.nodes(data=True) for y in d.get("years") or []})
        raise ViewError(f"no unit reported on {year} (years in the graph: "
                        f"{', '.join(map(str, years)) or 'none'})")
    for u, v, k, d in G.edges(keys=True, data=True):
        if u not in H or year not in (d.get("years") or [year]):
            continue
        if v not in H:  # a kind, law or parent unit reached from that year's units
            H.add_node(v, **copy.deepcopy(G.nodes[v]))
        e = copy.deepcopy(d)
        e["evidence"] = [x for x in e.get("evidence") or [] if x.get("year") in (None, year)]
        e["years"] = [year]
        H.add_edge(u, v, key=k, **e)
    for n, d in H.nodes(data=True):
        if d.get("type") == "unit" and d.get("reports"):
            d["reports"] = [r for r in d.get("reports") or [] if r.get("year") in (None, year)]
            d["metrics"] = [m for m in d.get("metrics") or [] if m.get("year") in (None, year)]
            d["years"] = [year]
        elif d.get("type") == "problem":
            d["problems"] = [p for p in d.get("problems") or [] if p.get("year") in (None, year)]
    return H


def _in_place(G: nx.MultiDiGraph, place: str) -> nx.MultiDiGraph:
    """Units placed in the province, city or county ``place`` (official or short name), and what they link."""
    units = {n for n, d in G.nodes(data=True) if d.get("type") == "unit"
             and any(p == place or p.startswith(place) for p in d.get("places") or [])}
    if not units:
        known = sorted({p for _, d in G.nodes(data=True) for p in d.get("places") or []})
        raise ViewError(f"no unit placed in {place!r} (places in the graph: "
                        f"{', '.join(known[:12]) or 'none'}{' …' if len(known) > 12 else ''})")
    keep = units | {v for u in units for v in G.successors(u)}
    return G.subgraph(keep).copy()


def _recount(H: nx.MultiDiGraph) -> None:
    """After a filter, a kind's ``count`` is the number of distinct units it still links."""
    for n, d in H.nodes(data=True):
        if d.get("type") != "unit":
            d["count"] = len({u for u in H.predecessors(n) if H.nodes[u].get("type") == "unit"})


def select_view(
    G: nx.MultiDiGraph,
    *,
    unit: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    laws: bool = False,
    place: str | None = None,
) -> nx.MultiDiGraph:
    """The subgraph a briefing shows; raises ViewError naming what was not found."""
    H: nx.MultiDiGraph = G.copy() if year is None else _by_year(G, year)
    if not laws:
        H.remove_nodes_from([n for n, d in list(H.nodes(data=True)) if d.get("type") == "law"])
    if place is not None:
        H = _in_place(H, place)
    if unit is not None:
        u = find_unit(H, unit)
        keep = {u} | set(H.successors(u)) | set(H.predecessors(u))
        H = H.subgraph(keep).copy()
    if kind is not None:
        k = find_kind(H, kind)
        keep = {k} | {u for u in H.predecessors(k) if H.nodes[u].get("type") == "unit"}
        H = H.subgraph(keep).copy()
    if year is not None or place is not None:
        _recount(H)
    return H
