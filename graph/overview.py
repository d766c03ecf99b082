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


def counts(G: nx.MultiDiGraph) -> Counts:
    """Reports (distinct report files), units that sent one, and units named as someone's parent."""
    sources = {r.get("source") for _, d in G.nodes(data=True) if d.get("type") == "unit"
               for r in d.get("reports") or [] if r.get("source")}
    reporting = [n for n, d in G.nodes(data=True) if d.get("type") == "unit" and d.get("reports")]
    parents = {v for _, v, e in G.edges(data=True) if e.get("type") == "subOrganizationOf"
               and G.nodes[v].get("type") == "unit"}
    years = sorted({y for n in reporting for y in G.nodes[n].get("years") or []})
    return Counts(reports=len(sources), reporting_units=len(reporting), parent_units=len(parents), years=years)


def reporting_units(G: nx.MultiDiGraph) -> list[str]:
    """Units that sent a report, sorted by parent then label."""
    units = [n for n, d in G.nodes(data=True) if d.get("type") == "unit" and d.get("reports")]
    return sorted(units, key=lambda n: (parent_of(G, n), G.nodes[n].get("label") or n, n))


def parent_of(G: nx.MultiDiGraph, unit: str) -> str:
    """The label of a unit's parent (the first by label when several), or NO_PARENT."""
    parents = sorted(G.nodes[v].get("label") or v for _, v, e in G.out_edges(unit, data=True)
                     if e.get("type") == "subOrganizationOf")
    return parents[0] if parents else NO_PARENT


def mechanism_kinds(G: nx.MultiDiGraph) -> list[str]:
    """Mechanism kinds some reporting unit runs or plans, most widely run first (then by key; the catch-all last)."""
    runs: dict[str, int] = defaultdict(int)
    for u, v, e in G.edges(data=True):
        if e.get("type") in ("hasMechanism", "plansMechanism") and G.nodes[u].get("reports"):
            runs[v] += e["type"] == "hasMechanism"
    return sorted(runs, key=lambda k: (G.nodes[k].get("key") == "other", -runs[k], G.nodes[k].get("key") or k))


def kind_label(G: nx.MultiDiGraph, kind: str) -> str:
    return G.nodes[kind].get("label") or G.nodes[kind].get("key") or kind


def _uses(G: nx.MultiDiGraph) -> tuple[dict[tuple[str, str], list[int]], set[tuple[str, str]]]:
    """(unit, kind) → years it ran the kind; and the (unit, kind) pairs it only plans."""
    ran: dict[tuple[str, str], list[int]] = {}
    planned: set[tuple[str, str]] = set()
    for u, v, e in G.edges(data=True):
        if e.get("type") == "hasMechanism":
            ran[(u, v)] = sorted(set(e.get("years") or []))
        elif e.get("type") == "plansMechanism":
            planned.add((u, v))
    return ran, planned


def coverage_table(G: nx.MultiDiGraph) -> Table:
    """Reporting unit × mechanism kind: the years the unit reports running it, or 计划 if it only plans it."""
    kinds = mechanism_kinds(G)
    ran, planned = _uses(G)
    rows = []
    for u in reporting_units(G):
        d = G.nodes[u]
        cells = []
        for k in kinds:
            if (u, k) in ran:
                cells.append(" ".join(map(str, ran[(u, k)])) or "✓")
            else:
                cells.append(PLANNED if (u, k) in planned else "")
        rows.append([d.get("label") or u, d.get("unit_type") or "", parent_of(G, u),
                     " ".join(map(str, d.get("years") or [])), *cells])
    return Table("coverage", "机制覆盖", "mechanism coverage by unit",
                 ["单位 unit", "类型 type", "上级 parent", "年份 years", *(kind_label(G, k) for k in kinds)], rows)


def by_parent_table(G: nx.MultiDiGraph) -> Table:
    """Per parent unit (largest first, units without one last): its reporting units and reports, and how many of those units run each kind."""
    kinds = mechanism_kinds(G)
    ran, _ = _uses(G)
    groups: dict[str, list[str]] = defaultdict(list)
    for u in reporting_units(G):
        groups[parent_of(G, u)].append(u)
    rows = []
    for parent, units in sorted(groups.items(), key=lambda kv: (kv[0] == NO_PARENT, -len(kv[1]), kv[0])):
        reports = {r.get("source") for u in units for r in G.nodes[u].get("reports") or []}
        years = sorted({y for u in units for y in G.nodes[u].get("years") or []})
        rows.append([parent, len(units), len(reports), " ".join(map(str, years)),
                     *(sum(1 for u in units if (u, k) in ran) for k in kinds)])
    return Table("by_parent", "按上级汇总", "roll-up by parent unit",
                 ["上级 parent", "报告单位 reporting units", "报告 reports", "年份 years",
                  *(kind_label(G, k) for k in kinds)], rows)


def trend_table(G: nx.MultiDiGraph) -> Table:
    """Per year: reports, reporting units, and how many of that year's units report running each kind."""
    kinds = mechanism_kinds(G)
    ran, _ = _uses(G)
    rows = []
    for year in counts(G).years:
        units = [u for u in reporting_units(G) if year in (G.nodes[u].get("years") or [])]
        reports = {r.get("source") for u in units for r in G.nodes[u].get("reports") or [] if r.get("year") == year}
        rows.append([year, len(reports), len(units),
                     *(sum(1 for u in units if year in ran.get((u, k), [])) for k in kinds)])
    return Table("trend", "逐年趋势", "trend by year",
                 ["年份 year", "报告 reports", "报告单位 reporting units", *(kind_label(G, k) for k in kinds)], rows)


def lacking_table(G: nx.MultiDiGraph) -> Table:
    """One row per (kind, reporting unit that never reports running it); ``plans`` when it names it as a plan."""
    ran, planned = _uses(G)
    rows = []
    units = reporting_units(G)
    for k in mechanism_kinds(G):
        for u in units:
            if (u, k) not in ran:
                d = G.nodes[u]
                rows.append([kind_label(G, k), G.nodes[k].get("key") or "", d.get("label") or u,
                             d.get("unit_type") or "", parent_of(G, u), max(d.get("years") or [0]) or "",
                             "是 yes" if (u, k) in planned else ""])
    return Table("lacking", "缺少的机制", "units lacking a mechanism kind",
                 ["机制 mechanism", "代码 key", "单位 unit", "类型 type", "上级 parent", "最近年份 latest year",
                  "列入计划 plans it"], rows)


def overview_tables(G: nx.MultiDiGraph) -> list[Table]:
    """The overview tables in reading order (the key figures by measure are added where they are made)."""
    return [by_parent_table(G), trend_table(G), lacking_table(G), coverage_table(G)]


__all__ = ["Counts", "NO_PARENT", "PLANNED", "Table", "by_parent_table", "counts", "coverage_table",
           "kind_label", "lacking_table", "mechanism_kinds", "overview_tables", "parent_of", "reporting_units",
           "trend_table"]
