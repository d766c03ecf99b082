"""The overview a briefing opens on at size: headline counts, key figures, roll-ups, trend, gaps, coverage.

Rendered once in Python as escaped HTML from fazhi.graph.overview's tables
(the same the .xlsx workbook holds). Names of units, parents and kinds are
links the page script turns into a network neighbourhood. Every string from a
report goes through html.escape; nothing here is script.
"""

from __future__ import annotations

from html import escape
from typing import Any

import networkx as nx
from fazhi.graph.overview import (
    NO_PARENT,
    PLANNED,
    Counts,
    Index,
    by_parent_table,
    counts,
    coverage_table,
    index,
    lacking_table,
    trend_table,
)
from fazhi.visuals.summary import key_figures_html

MAX_PARENTS = 60  # roll-up rows on the page (largest parents first); the workbook has all
MAX_COVERAGE = 300  # unit rows of the coverage matrix on the page
MAX_LACKING_NAMES = 15  # unit names listed per kind


def _heat(share: float) -> str:
    """A class from h0 (none) to h5 (all) for a share in [0, 1]."""
    return f"h{0 if share <= 0 else min(5, 1 + int(share * 5))}"


def _link(scope: str, name: str, text: str | None = None) -> str:
    """A name the page script turns into that node's neighbourhood (text only: escaped)."""
    return (f'<a href="#network-wrap" class="scope" data-scope="{escape(scope)}" data-name="{escape(name)}">'
            f"{escape(text if text is not None else name)}</a>")


def _kind_heads(G: nx.MultiDiGraph, kinds: list[str]) -> str:
    out = []
    for k in kinds:
        d = G.nodes[k]
        label = d.get("label") or d.get("key") or k
        out.append(f'<th class="k" title="{escape(d.get("label_en") or "")}">'
                   f'{_link("kind", label)}</th>')
    return "".join(out)


def headline_html(c: Counts, n_kinds: int) -> str:
    """The counts a reader takes in first."""
    years = f"{c.years[0]}–{c.years[-1]}" if len(c.years) > 1 else "".join(map(str, c.years)) or "—"
    items = [(c.reports, "份报告", "reports"), (c.reporting_units, "个报告单位", "reporting units"),
             (c.parent_units, "个上级单位", "parent units"), (n_kinds, "类工作机制", "mechanism kinds")]
    cells = "".join(f'<div class="fig"><b>{n:,}</b> {zh}<small>{en}</small></div>' for n, zh, en in items)
    return f'<div class="headline">{cells}<div class="fig"><b>{escape(years)}</b> 年<small>years</small></div></div>'


def by_parent_html(G: nx.MultiDiGraph, ix: Index) -> str:
    kinds = ix.kinds
    table = by_parent_table(G, ix)
    body = []
    for row in table.rows[:MAX_PARENTS]:
        parent, n_units, n_reports, years, *runs = row
        name = escape(parent) if parent == NO_PARENT else _link("parent", parent)
        cells = "".join(f'<td class="{_heat(r / n_units)}">{r}</td>' for r in runs)
        body.append(f"<tr><td>{name}</td><td class=n>{n_units}</td><td class=n>{n_reports}</td>"
                    f"<td>{escape(years)}</td>{cells}</tr>")
    more = (f'<p class="note">前 {MAX_PARENTS} / {len(table.rows)} 个上级 <small>the {MAX_PARENTS} largest of '
            f"{len(table.rows)} parents; every one is in the workbook</small></p>" if len(table.rows) > MAX_PARENTS else "")
    return ('<section class="ov-block" id="ov-by_parent"><h3>按上级汇总 <small>roll-up by parent: how many of its '
            'reporting units run each mechanism kind</small></h3><div class="scroll"><table class="matrix"><thead><tr>'
            '<th>上级<small>parent</small></th><th>单位<small>units</small></th><th>报告<small>reports</small></th>'
            f'<th>年份<small>years</small></th>{_kind_heads(G, kinds)}</tr></thead><tbody>{"".join(body)}'
            f"</tbody></table></div>{more}</section>")


def trend_html(G: nx.MultiDiGraph, ix: Index) -> str:
    kinds = ix.kinds
    table = trend_table(G, ix)
    body = []
    for year, n_reports, n_units, *runs in table.rows:
        cells = "".join(f'<td class="{_heat(r / n_units if n_units else 0)}" title="{r}/{n_units}">'
                        f"{round(100 * r / n_units) if n_units else 0}%</td>" for r in runs)
        body.append(f"<tr><td>{year}</td><td class=n>{n_reports}</td><td class=n>{n_units}</td>{cells}</tr>")
    return ('<section class="ov-block" id="ov-trend"><h3>逐年趋势 <small>trend by year: share of that year\'s '
            'reporting units that run each kind</small></h3><div class="scroll"><table class="matrix"><thead><tr>'
            '<th>年份<small>year</small></th><th>报告<small>reports</small></th><th>单位<small>units</small></th>'
            f'{_kind_heads(G, kinds)}</tr></thead><tbody>{"".join(body)}</tbody></table></div></section>')


def lacking_html(G: nx.MultiDiGraph, ix: Index) -> str:
    by_kind: dict[str, list[list[Any]]] = {}
    for row in lacking_table(G, ix).rows:
        by_kind.setdefault(row[1], []).append(row)
    n_units = len(ix.units)
    body = []
    for k in ix.kinds:
        d = G.nodes[k]
        rows = by_kind.get(d.get("key") or "", [])
        planned = sum(1 for r in rows if r[6])
        names = "、".join(_link("unit", r[2]) for r in rows[:MAX_LACKING_NAMES])
        if len(rows) > MAX_LACKING_NAMES:
            names += f" … <small>+{len(rows) - MAX_LACKING_NAMES}</small>"
        body.append(f'<tr><td>{_link("kind", d.get("label") or k)}</td>'
                    f"<td class=n>{n_units - len(rows)}</td><td class=n>{len(rows)}</td><td class=n>{planned}</td>"
                    f"<td>{names or '<span class=none>—</span>'}</td></tr>")
    return ('<section class="ov-block" id="ov-lacking"><h3>缺少的机制 <small>units that never report running a '
            'kind</small></h3><table class="lacking"><thead><tr><th>机制<small>mechanism</small></th>'
            '<th>运行<small>running</small></th><th>缺少<small>lacking</small></th><th>仅计划<small>planned only'
            '</small></th><th>缺少的单位<small>lacking units</small></th></tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></section>')


def coverage_html(G: nx.MultiDiGraph, ix: Index) -> str:
    kinds = ix.kinds
    table = coverage_table(G, ix)
    body = []
    for unit, utype, parent, years, *cells in table.rows[:MAX_COVERAGE]:
        tds = []
        for cell in cells:
            if not cell:
                tds.append("<td></td>")
            elif cell == PLANNED:
                tds.append('<td class="plan" title="计划 planned">○</td>')
            else:
                tds.append(f'<td class="ran" title="{escape(cell)}">{escape(" ".join(y[-2:] for y in cell.split()))}</td>')
        body.append(f'<tr><td>{_link("unit", unit)}<small>{escape(utype)}</small></td><td>{escape(parent)}</td>'
                    f"<td>{escape(years)}</td>{''.join(tds)}</tr>")
    more = (f'<p class="note">前 {MAX_COVERAGE} / {len(table.rows)} 个单位(按上级排序),全部见工作簿 <small>{MAX_COVERAGE} of '
            f"{len(table.rows)} units by parent; all in `fazhi export --format xlsx`</small></p>"
            if len(table.rows) > MAX_COVERAGE else "")
    return ('<section class="ov-block" id="ov-coverage"><h3>机制覆盖 <small>which unit runs which kind, by year '
            '(two-digit years; ○ planned only)</small></h3><div class="scroll tall"><table class="matrix cover"><thead><tr>'
            '<th>单位<small>unit</small></th><th>上级<small>parent</small></th><th>年份<small>years</small></th>'
            f'{_kind_heads(G, kinds)}</tr></thead><tbody>{"".join(body)}</tbody></table></div>{more}</section>')


def overview_html(G: nx.MultiDiGraph) -> str:
    """The overview section of the page for ``G`` (escaped HTML, no script)."""
    ix = index(G)
    kinds = ix.kinds
    c = counts(G)
    if not c.reporting_units:
        return ""
    figures = key_figures_html(G)
    # the key figures by measure: their own block, filled from the measure facts (fazhi.visuals.measures)
    figures_block = ('<section class="ov-block" id="ov-figures" data-slot="measures"><h3>关键数字 <small>key figures '
                     'by measure</small></h3>' + (figures or '<p class="note">没有可比较的数字 <small>no comparable '
                                                  'numbers</small></p>') + "</section>")
    parts = ['<section id="overview"><h2>概览 <small>overview</small></h2>', headline_html(c, len(kinds))]
    if kinds:
        parts += [trend_html(G, ix), by_parent_html(G, ix)]
    parts.append(figures_block)
    if kinds:
        parts += [lacking_html(G, ix), coverage_html(G, ix)]
    parts.append("</section>")
    return "".join(parts)


__all__ = ["overview_html", "headline_html"]
