"""The briefing's summary: key figures per unit as small bar charts, and the per-unit table.

The figures are the measure facts of the graph (fazhi.visuals.measures), the
same the saved queries return; a disputed figure shows all its values and is
marked. Rendered once in Python as escaped HTML and inline SVG (no chart
library, no CDN). Every string from a report goes through html.escape.
"""

from __future__ import annotations

from html import escape
from typing import Any

import networkx as nx
from fazhi.visuals.measures import CHART_PAIRS, measures, unit_figures

MAX_ROWS = 300  # units listed in the table; the page says when there are more
MAX_BARS = 15  # units per chart, largest first

DISPUTED = "数字不一致"  # shown beside a figure whose year holds differing values
_KIND_COLUMNS = (("hasMechanism", "工作机制", "mechanisms"), ("ranCampaign", "专项活动", "campaigns"),
                 ("reportsProblem", "问题", "problems"))


def _shown(f: dict[str, Any]) -> str:
    """A figure as text: its value(s) with hedge and unit, and the disputed mark."""
    text = " / ".join(f["values"])
    return f"{text} ⚠{DISPUTED}" if f["disputed"] else text


def unit_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One row per reporting unit: its kinds by relation and its standard figures, sorted by name."""
    rows = []
    for n, d in G.nodes(data=True):
        if d.get("type") != "unit" or not d.get("reports"):  # parents only named by others: no row
            continue
        linked: dict[str, set[str]] = {rel: set() for rel, _, _ in _KIND_COLUMNS}
        for _, v, e in G.out_edges(n, data=True):
            if e.get("type") in linked:
                linked[e["type"]].add(G.nodes[v].get("label") or v)
        rows.append({"label": d.get("label") or n, "unit_type": d.get("unit_type") or "",
                     "years": sorted(d.get("years") or []),
                     **{rel: sorted(vals) for rel, vals in linked.items()},
                     "figures": unit_figures(list(d.get("metrics") or []))})
    rows.sort(key=lambda r: r["label"])
    return rows


def bar_chart(measure_key: str, rows: list[dict[str, Any]]) -> str:
    """An inline SVG horizontal bar chart comparing units on one standard measure ('' if no data)."""
    m = measures()[measure_key]
    data = [(r["label"], r["figures"][measure_key]) for r in rows if measure_key in r["figures"]]
    if not data:
        return ""
    data.sort(key=lambda x: (-x[1]["value"], x[0]))
    shown = data[:MAX_BARS]
    top = max(f["value"] for _, f in shown) or 1.0
    label_w, bar_w, row_h = 110, 150, 18
    height = row_h * len(shown) + 6
    parts = [f'<figure class="chart" data-measure="{escape(m.key)}">'
             f'<figcaption>{escape(m.zh)} <small>{escape(m.en)}</small></figcaption>'
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 150}" '
             f'height="{height}" aria-label="{escape(m.en)}">']
    for i, (label, f) in enumerate(shown):
        y = 3 + i * row_h
        w = max(1.0, bar_w * f["value"] / top)
        short = label if len(label) <= 8 else label[:7] + "…"
        year = f" ({f['year']})" if f.get("year") else ""
        mark = f" ({DISPUTED} disputed)" if f["disputed"] else ""
        cls = ' class="disputed"' if f["disputed"] else ""
        parts.append(
            f'<g{cls}>'
            f'<title>{escape(label)}{escape(year)}{mark}: {escape(f["quote"])}</title>'
            f'<text x="{label_w - 4}" y="{y + 12}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}" rx="2"></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12}">{escape(_shown(f))}</text></g>')
    parts.append("</svg>")
    if len(data) > len(shown):
        parts.append(f"<p class=note>前 {len(shown)} / {len(data)} 个单位 <small>top {len(shown)} of {len(data)} units</small></p>")
    parts.append("</figure>")
    return "".join(parts)


def _cell(items: list[str]) -> str:
    return "、".join(escape(x) for x in items) if items else '<span class="none">—</span>'


def key_figures_html(G: nx.MultiDiGraph) -> str:
    """The key figures by measure: bar charts in pairs comparing units ('' when no unit has one).

    This is the overview's block for the measure facts: which figures a unit
    has comes from fazhi.visuals.measures alone, never from a rule here.
    """
    rows = unit_rows(G)
    charts = []
    for a, b in CHART_PAIRS:
        pair = "".join(c for c in (bar_chart(a, rows), bar_chart(b, rows)) if c)
        if pair:
            charts.append(f'<div class="chart-pair">{pair}</div>')
    return "".join(charts)


def summary_html(G: nx.MultiDiGraph) -> str:
    """The per-unit table: each reporting unit's kinds and main numbers (the charts are in the overview)."""
    rows = unit_rows(G)
    out = ['<section id="summary"><h2>单位概况 <small>each unit: its kinds and main numbers</small></h2>']
    out.append('<table class="units"><thead><tr><th>单位<small>unit</small></th><th>年份<small>years</small></th>'
               + "".join(f"<th>{zh}<small>{en}</small></th>" for _, zh, en in _KIND_COLUMNS)
               + "<th>主要数字<small>main numbers</small></th></tr></thead><tbody>")
    for r in rows[:MAX_ROWS]:
        order = list(measures())
        figures = [f'<span data-measure="{escape(k)}"{" class=disputed" if f["disputed"] else ""}>'
                   f'{escape(measures()[k].zh)} {escape(_shown(f))}</span>'
                   for k, f in sorted(r["figures"].items(), key=lambda kv: order.index(kv[0]))]
        out.append(f'<tr data-unit="{escape(r["label"])}"><td>{escape(r["label"])}'
                   f'{"<small>" + escape(r["unit_type"]) + "</small>" if r["unit_type"] else ""}</td>'
                   f'<td>{escape(", ".join(map(str, r["years"])))}</td>'
                   + "".join(f"<td>{_cell(r[rel])}</td>" for rel, _, _ in _KIND_COLUMNS)
                   + f'<td>{"<br>".join(figures) or "<span class=none>—</span>"}</td></tr>')
    out.append("</tbody></table>")
    if len(rows) > MAX_ROWS:
        out.append(f'<p class="note">表中列出 {MAX_ROWS} / {len(rows)} 个单位,用单位筛选查看其余 '
                   f'<small>{MAX_ROWS} of {len(rows)} units listed; use the unit filter for the rest</small></p>')
    out.append("</section>")
    return "".join(out)
