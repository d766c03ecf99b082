"""Pick the part of the projection a briefing shows: one unit, one kind, one year, one place, laws or not.

Every function returns a new graph (attributes copied), so the caller's
projection is never changed.
"""

from __future__ import annotations

import copy
import difflib
import re

import networkx as nx


class ViewError(ValueError):
    """A view asked for something the graph does not have (unknown unit, kind or year)."""


KIND_TYPES = ("mechanism", "campaign", "problem", "law")


def _labels(data: dict) -> list[str]:
    labels = [data.get("label") or ""]
    labels += [x for x in data.get("labels") or [] if isinstance(x, str)]
    if data.get("label_en"):
        labels.append(data["label_en"])
    return [x for x in labels if x]


def _names(G: nx.MultiDiGraph, nodes: list[str], limit: int | None = None) -> str:
    """``label (key)`` of each node, sorted; cut at ``limit`` with the total said."""
    names = sorted({(G.nodes[n].get("label") or n) + (f" ({G.nodes[n]['key']})" if G.nodes[n].get("key") else "")
                    for n in nodes})
    if limit is not None and len(names) > limit:
        return ", ".join(names[:limit]) + f" … ({len(names)} in all)"
    return ", ".join(names)


def known_kinds(G: nx.MultiDiGraph) -> str:
    """Every mechanism, campaign and problem kind of ``G``, grouped by type (never cut)."""
    parts = []
    for ntype, name in (("mechanism", "mechanisms"), ("campaign", "campaigns"), ("problem", "problem categories")):
        nodes = [n for n, d in G.nodes(data=True) if d.get("type") == ntype]
        if nodes:
            parts.append(f"{name}: {_names(G, nodes)}")
    return "; ".join(parts) or "the graph has none"


def _matches(candidates: list[tuple[str, dict]], name: str, key_field: bool) -> list[str]:
    """Nodes named ``name``: exact key or label first, then any alias, then a case-blind fragment."""
    folded = name.casefold()
    tests = [lambda d: d.get("label") == name or (key_field and d.get("key") == name),
             lambda d: name in _labels(d) or any(x.casefold() == folded for x in _labels(d)),
             lambda d: any(folded in x.casefold() for x in _labels(d))
             or (key_field and folded in str(d.get("key") or "").casefold())]
    for test in tests:
        hits = sorted(n for n, d in candidates if test(d))
        if hits:
            return hits
    return []


def _taken(hits: list[str], exact: list[str]) -> str | None:
    """The node a name means: the first exact hit, else the only hit, else None (none, or several)."""
    if exact:
        return exact[0]
    return hits[0] if len(hits) == 1 else None


def find_unit(G: nx.MultiDiGraph, name: str) -> str:
    """The unit node named ``name``: exact label first, then any alias, then a unique fragment."""
    units = [(n, d) for n, d in G.nodes(data=True) if d.get("type") == "unit"]
    hits = _matches(units, name, key_field=False)
    found = _taken(hits, [n for n in hits if name in _labels(G.nodes[n])])
    if found is not None:
        return found
    if hits:
        raise ViewError(f"unit {name!r} matches {len(hits)} units: {_names(G, hits, 20)}; give more of the name")
    labels = sorted({d.get("label") or n for n, d in units})
    if len(labels) <= 20:
        known = f"units: {', '.join(labels)}" if labels else "the graph has no units"
    else:
        close = difflib.get_close_matches(name, labels, n=5, cutoff=0.3)
        known = f"{len(labels)} units" + (f"; closest: {', '.join(close)}" if close else "")
    raise ViewError(f"no unit named {name!r} ({known})")


def find_kind(G: nx.MultiDiGraph, key: str) -> str:
    """The mechanism, campaign, problem-category or law node with this key or label, or a unique fragment of one."""
    kinds = [(n, d) for n, d in G.nodes(data=True) if d.get("type") in KIND_TYPES]
    hits = _matches(kinds, key, key_field=True)
    found = _taken(hits, [n for n in hits if G.nodes[n].get("key") == key or key in _labels(G.nodes[n])])
    if found is not None:
        return found
    if hits:
        raise ViewError(f"kind {key!r} matches {len(hits)} kinds: {_names(G, hits)}; give one of them")
    raise ViewError(f"no mechanism, campaign or problem kind {key!r} in the graph (known {known_kinds(G)})")


def _graph_years(G: nx.MultiDiGraph) -> list[int]:
    return sorted({y for _, d in G.nodes(data=True) if d.get("type") == "unit" for y in d.get("years") or []})


def _check_unit_year(G: nx.MultiDiGraph, u: str, year: int) -> None:
    """Refuse a unit-and-year view whose unit did not report on that year, saying which years it did."""
    d = G.nodes[u]
    if year in (d.get("years") or []):
        return
    label = d.get("label") or u
    if d.get("reports"):
        raise ViewError(f"unit {label!r} has no report on {year} (its reports: "
                        f"{', '.join(map(str, d.get('years') or [])) or 'no year stated'})")
    subs = sorted({G.nodes[s].get("label") or s for s in G.predecessors(u) if year in (G.nodes[s].get("years") or [])})
    if not subs:
        raise ViewError(f"unit {label!r} sent no report itself and none of its units reported on {year} "
                        f"(years in the graph: {', '.join(map(str, _graph_years(G))) or 'none'})")


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
    u = find_unit(G, unit) if unit is not None else None  # resolved on the whole graph: the message can say why
    k = find_kind(G, kind) if kind is not None else None
    if u is not None and year is not None:
        _check_unit_year(G, u, year)
    if k is not None and year is not None and year not in (G.nodes[k].get("years") or []):
        label = G.nodes[k].get("label") or k
        raise ViewError(f"no unit reports {label!r} on {year} (years it is reported: "
                        f"{', '.join(map(str, G.nodes[k].get('years') or [])) or 'none'})")
    H: nx.MultiDiGraph = G.copy() if year is None else _by_year(G, year)
    if not laws:
        H.remove_nodes_from([n for n, d in list(H.nodes(data=True)) if d.get("type") == "law"])
    if place is not None:
        H = _in_place(H, place)
    if u is not None:
        if u not in H:
            raise ViewError(f"unit {G.nodes[u].get('label')!r} is not placed in {place!r}")
        keep = {u} | set(H.successors(u)) | set(H.predecessors(u))
        H = H.subgraph(keep).copy()
    if k is not None:
        if k not in H:
            raise ViewError(f"unit {G.nodes[u].get('label')!r} does not link {G.nodes[k].get('label')!r}"
                            if u is not None else f"kind {G.nodes[k].get('label')!r} is not in this view")
        keep = {k} | {x for x in H.predecessors(k) if H.nodes[x].get("type") == "unit"}
        H = H.subgraph(keep).copy()
    if year is not None or place is not None:
        _recount(H)
    return H


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')


def safe_name(text: str, limit: int = 60) -> str:
    """``text`` as one piece of a file name on any system: no separators, controls, reserved or blank characters."""
    name = _UNSAFE.sub("_", text).strip("._-")
    return name[:limit] or "view"


def view_file_name(G: nx.MultiDiGraph, *, unit: str | None = None, kind: str | None = None,
                   year: int | None = None, laws: bool = False) -> str:
    """The default file of a view, named after it: ``view-四道河子镇-2022.html`` (``view.html`` for the whole build)."""
    parts = ["view"]
    if unit is not None:
        parts.append(safe_name(G.nodes[find_unit(G, unit)].get("label") or unit))
    if kind is not None:
        k = find_kind(G, kind)
        parts.append(safe_name(G.nodes[k].get("key") or G.nodes[k].get("label") or kind))
    if year is not None:
        parts.append(str(year))
    if laws:
        parts.append("laws")
    return "-".join(parts) + ".html"
