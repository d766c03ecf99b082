"""The overview tables of a briefing: how a 简报 compares units before anyone reads a network.

All come from the networkx projection (docs/projection.md), so they say what
SPARQL says: a unit runs a mechanism kind in a year when one of its reports
of that year states it (``hasMechanism``), plans it when it names it only
among next steps. The same tables fill the page's overview
(fazhi.visuals.overview) and the ``.xlsx`` workbook (fazhi.graph.xlsx).

* ``coverage``: reporting unit × mechanism kind, each cell the years it ran it;
* ``by_parent``: per parent unit, how many of its reporting units run each kind;
* ``trend``: per year, how many of that year's reporting units run each kind;
* ``lacking``: per kind, the reporting units that never report running it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

NO_PARENT = "（未注明上级）"
PLANNED = "计划"  # a coverage cell of a kind the unit names only among its plans


@dataclass(frozen=True)
class Table:
    """One overview table: a sheet of the workbook, a table of the page."""

    name: str  # sheet name and page id
    zh: str
    en: str
    columns: list[str]
    rows: list[list[Any]]


@dataclass(frozen=True)
class Counts:
    """What the page header and the overview count: reports, reporting units, parent units."""

    reports: int
    reporting_units: int
    parent_units: int
    years: list[int]


@dataclass(frozen=True)
class Index:
    """What every table reads, computed once per graph: one pass over its nodes and edges."""

    units: list[str]  # reporting units, by parent then label
    parent: dict[str, str]  # unit -> parent label (NO_PARENT when none)
    kinds: list[str]  # mechanism kinds some unit runs or plans: most widely run first, then by key, the catch-all last
    ran: dict[tuple[str, str], list[int]]  # (unit, kind) -> years it ran the kind
    planned: set[tuple[str, str]]  # (unit, kind) pairs it only plans


def index(G: nx.MultiDiGraph) -> Index:
    """The Index of ``G``."""
    parents: dict[str, list[str]] = defaultdict(list)
    ran: dict[tuple[str, str], list[int]] = {}
    planned: set[tuple[str, str]] = set()
    runs: dict[str, int] = defaultdict(int)
    for u, v, e in G.edges(data=True):
        etype = e.get("type")
        if etype == "subOrganizationOf":
            parents[u].append(G.nodes[v].get("label") or v)
        elif etype == "hasMechanism":
            ran[(u, v)] = sorted(set(e.get("years") or []))
        elif etype == "plansMechanism":
            planned.add((u, v))
        if etype in ("hasMechanism", "plansMechanism") and G.nodes[u].get("reports"):
            runs[v] += etype == "hasMechanism"
    parent = {n: min(parents[n]) if parents[n] else NO_PARENT
              for n, d in G.nodes(data=True) if d.get("type") == "unit"}
    units = sorted((n for n, d in G.nodes(data=True) if d.get("type") == "unit" and d.get("reports")),
                   key=lambda n: (parent[n], G.nodes[n].get("label") or n, n))
    kinds = sorted(runs, key=lambda k: (G.nodes[k].get("key") == "other", -runs[k], G.nodes[k].get("key") or k))
    return Index(units=units, parent=parent, kinds=kinds, ran=ran, planned=planned)


def counts(G: nx.MultiDiGraph) -> Counts:
    """Reports (distinct report files), units that sent one, and units named as someone's parent."""
    sources = {r.get("source") for _, d in G.nodes(data=True) if d.get("type") == "unit"
               for r in d.get("reports") or [] if r.get("source")}
    reporting = [n for n, d in G.nodes(data=True) if d.get("type") == "unit" and d.get("reports")]
    parents = {v for _, v, e in G.edges(data=True) if e.get("type") == "subOrganizationOf"
               and G.nodes[v].get("type") == "unit"}
    years = sorted({y for n in reporting for y in G.nodes[n].get("years") or []})
    return Counts(reports=len(sources), reporting_units=len(reporting), parent_units=len(parents), years=years)


def kind_label(G: nx.MultiDiGraph, kind: str) -> str:
    return G.nodes[kind].get("label") or G.nodes[kind].get("key") or kind


def coverage_table(G: nx.MultiDiGraph, ix: Index | None = None) -> Table:
    """Reporting unit × mechanism kind: the years the unit reports running it, or 计划 if it only plans it."""
    ix = ix or index(G)
    kinds, ran, planned = ix.kinds, ix.ran, ix.planned
    rows = []
    for u in ix.units:
        d = G.nodes[u]
        cells = []
        for k in kinds:
            if (u, k) in ran:
                cells.append(" ".join(map(str, ran[(u, k)])) or "✓")
            else:
                cells.append(PLANNED if (u, k) in planned else "")
        rows.append([d.get("label") or u, d.get("unit_type") or "", ix.parent[u],
                     " ".join(map(str, d.get("years") or [])), *cells])
    return Table("coverage", "机制覆盖", "mechanism coverage by unit",
                 ["单位 unit", "类型 type", "上级 parent", "年份 years", *(kind_label(G, k) for k in kinds)], rows)


def by_parent_table(G: nx.MultiDiGraph, ix: Index | None = None) -> Table:
    """Per parent unit (largest first, units without one last): its reporting units and reports, and how many of those units run each kind."""
    ix = ix or index(G)
    kinds, ran = ix.kinds, ix.ran
    groups: dict[str, list[str]] = defaultdict(list)
    for u in ix.units:
        groups[ix.parent[u]].append(u)
    rows = []
    for parent, units in sorted(groups.items(), key=lambda kv: (kv[0] == NO_PARENT, -len(kv[1]), kv[0])):
        reports = {r.get("source") for u in units for r in G.nodes[u].get("reports") or []}
        years = sorted({y for u in units for y in G.nodes[u].get("years") or []})
        rows.append([parent, len(units), len(reports), " ".join(map(str, years)),
                     *(sum(1 for u in units if (u, k) in ran) for k in kinds)])
    return Table("by_parent", "按上级汇总", "roll-up by parent unit",
                 ["上级 parent", "报告单位 reporting units", "报告 reports", "年份 years",
                  *(kind_label(G, k) for k in kinds)], rows)


def trend_table(G: nx.MultiDiGraph, ix: Index | None = None) -> Table:
    """Per year: reports, reporting units, and how many of that year's units report running each kind."""
    ix = ix or index(G)
    kinds, ran = ix.kinds, ix.ran
    rows = []
    for year in sorted({y for u in ix.units for y in G.nodes[u].get("years") or []}):
        units = [u for u in ix.units if year in (G.nodes[u].get("years") or [])]
        reports = {r.get("source") for u in units for r in G.nodes[u].get("reports") or [] if r.get("year") == year}
        rows.append([year, len(reports), len(units),
                     *(sum(1 for u in units if year in ran.get((u, k), [])) for k in kinds)])
    return Table("trend", "逐年趋势", "trend by year",
                 ["年份 year", "报告 reports", "报告单位 reporting units", *(kind_label(G, k) for k in kinds)], rows)


def lacking_table(G: nx.MultiDiGraph, ix: Index | None = None) -> Table:
    """One row per (kind, reporting unit that never reports running it); ``plans`` when it names it as a plan."""
    ix = ix or index(G)
    ran, planned, units = ix.ran, ix.planned, ix.units
    rows = []
    for k in ix.kinds:
        for u in units:
            if (u, k) not in ran:
                d = G.nodes[u]
                rows.append([kind_label(G, k), G.nodes[k].get("key") or "", d.get("label") or u,
                             d.get("unit_type") or "", ix.parent[u], max(d.get("years") or [0]) or "",
                             "是 yes" if (u, k) in planned else ""])
    return Table("lacking", "缺少的机制", "units lacking a mechanism kind",
                 ["机制 mechanism", "代码 key", "单位 unit", "类型 type", "上级 parent", "最近年份 latest year",
                  "列入计划 plans it"], rows)


def overview_tables(G: nx.MultiDiGraph) -> list[Table]:
    """The overview tables in reading order (the key figures by measure are added where they are made)."""
    ix = index(G)
    return [by_parent_table(G, ix), trend_table(G, ix), lacking_table(G, ix), coverage_table(G, ix)]


__all__ = ["Counts", "Index", "NO_PARENT", "PLANNED", "Table", "by_parent_table", "counts", "coverage_table", "index",
           "kind_label", "lacking_table", "overview_tables", "trend_table"]
