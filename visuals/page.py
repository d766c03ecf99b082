"""Assemble the single self-contained briefing HTML page.

Every script and style is inline (vis-network from the package's assets),
data travel as escaped JSON in ``<script type="application/json">`` elements,
and the page script renders report text only with ``textContent``. The
drawing data come before the scripts and the panel data (most of the bytes)
after them, so the network is built while the rest of the file is still
being read.
"""

from __future__ import annotations

import base64
import gzip
import re
from html import escape
from typing import Any

from fazhi.visuals.assets import asset_text
from fazhi.visuals.safe_json import dumps_for_script

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="generator" content="fazhi-kg">
<title>@@TITLE@@</title>
<style>@@VIS_CSS@@</style>
<style>@@PAGE_CSS@@</style>
</head>
<body>
<header>
<h1>@@TITLE@@ <small>rule-of-law report briefing</small></h1>
<div class="stats">@@STATS@@</div>
</header>
@@OVERVIEW_TOP@@
<div class="controls">
<form id="search-form" role="search"><label>查找 <small>search</small>
<input id="search" type="search" list="search-labels" autocomplete="off" placeholder="单位、机制、活动、问题…"></label>
<datalist id="search-labels"></datalist>
<button type="submit">定位 <small>focus</small></button></form>
<span id="search-status" aria-live="polite"></span>
<fieldset id="type-filter"><legend hidden>node types</legend></fieldset>
<label>单位 <small>unit</small> <select id="unit-filter"><option value="">全部 all</option></select></label>
<label>年份 <small>year</small> <select id="year-filter"><option value="">全部 all</option></select></label>
<label>上级 <small>parent</small> <select id="parent-scope"><option value="">选择 choose</option></select></label>
<label>类别 <small>kind</small> <select id="kind-scope"><option value="">选择 choose</option></select></label>
<button id="reset" type="button">重置 <small>reset</small></button>
<button id="whole" type="button">全图 <small>whole network</small></button>
<span id="scope-status" aria-live="polite"></span>
</div>
<main>
<div id="network-wrap">
<div id="network" aria-label="network"></div>
<div id="loading">布局中… <small>laying out</small></div>
</div>
<aside id="side">
@@LEGEND@@
<div id="panel" aria-live="polite"><p class="hint">点击或悬停节点查看详情与原文证据。<br><small>Click or hover a node for its details and the quoted evidence.</small></p></div>
</aside>
</main>
<script type="application/json" id="vis-data">@@VIS_DATA@@</script>
<script>@@VIS_JS@@</script>
<script>@@PAGE_JS@@</script>
@@OVERVIEW_BOTTOM@@
@@SUMMARY@@
@@DATA@@
</body>
</html>
"""

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
GZIP_ABOVE = 1_500_000  # bytes of panel data; above this they are embedded gzip-compressed


def data_element(data: dict[str, Any]) -> str:
    """The panel data as a script element: JSON, or base64 gzip when large.

    Large graphs carry megabytes of quotes; the browser's HTML parser needs
    about a second per 8 MB of them, while the compressed form is a fifth of
    the size and the browser's own DecompressionStream unpacks it in
    milliseconds. Both forms are inert text inside the element.
    """
    text = dumps_for_script(data)
    if len(text) <= GZIP_ABOVE:
        return f'<script type="application/json" id="briefing-data">{text}</script>'
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")
    return f'<script type="application/gzip;base64" id="briefing-data-gz">{packed}</script>'



def _swatch(shape: str, color: str) -> str:
    c = escape(color)
    body = {
        "diamond": f'<polygon points="7,0 14,7 7,14 0,7" fill="{c}"/>',
        "triangle": f'<polygon points="7,1 14,13 0,13" fill="{c}"/>',
        "square": f'<rect x="1" y="1" width="12" height="12" fill="{c}"/>',
        "star": f'<polygon points="7,0 9,5 14,5 10,8.5 11.5,14 7,10.5 2.5,14 4,8.5 0,5 5,5" fill="{c}"/>',
    }.get(shape, f'<circle cx="7" cy="7" r="6" fill="{c}"/>')
    return f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">{body}</svg>'


def legend_html(entries: list[dict[str, str]]) -> str:
    """The colour-and-shape legend, Chinese first with English in small type."""
    items = "".join(f"<li>{_swatch(e['shape'], e['color'])}<span>{escape(e['zh'])}<small>{escape(e['en'])}</small></span></li>"
                    for e in entries)
    return ('<details id="legend" open><summary>图例 <small>legend</small></summary><ul>' + items + "</ul>"
            '<div class="edge-note">节点大小 = 关联单位数(单位:报告数) <small>size: linked units (units: reports)</small><br>'
            '连线粗细 = 提及次数,颜色随目标节点 <small>line width: mentions; colour: its target</small></div></details>')


def render_page(*, title: str, stats: str, legend: str, summary: str,
                vis_data: dict[str, Any], data: dict[str, Any], overview: str = "",
                overview_first: bool = False) -> str:
    """The whole page as a string; ``stats``, ``legend``, ``summary`` and ``overview`` are already-escaped HTML.

    ``overview_first`` puts the overview above the network (big graphs), else it follows it.
    """
    parts = {
        "OVERVIEW_TOP": overview if overview_first else "",
        "OVERVIEW_BOTTOM": "" if overview_first else overview,
        "TITLE": escape(title),
        "STATS": stats,
        "LEGEND": legend,
        "SUMMARY": summary,
        "VIS_CSS": asset_text("vis-network.css"),
        "PAGE_CSS": asset_text("briefing.css"),
        "VIS_JS": asset_text("vis-network.min.js"),
        "PAGE_JS": asset_text("briefing.js"),
        "VIS_DATA": dumps_for_script(vis_data),
        "DATA": data_element(data),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], TEMPLATE)
