"""The overview tables as an Excel workbook: one sheet per table (openpyxl, no hand-written XML).

The sheets are the tables the briefing opens on (fazhi.graph.overview), so an
analyst can sort and chart them. Every cell goes through
fazhi.graph.cells.safe_cell: report text cannot become a formula, and
numbers are numeric cells. The bytes are deterministic: fixed document
dates and fixed zip entry times.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

import networkx as nx
from fazhi.graph.cells import safe_cell
from fazhi.graph.overview import Table, counts, overview_tables

_FIXED = datetime(2000, 1, 1)  # document created/modified: the same build gives the same bytes
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def counts_table(G: nx.MultiDiGraph) -> Table:
    """The headline counts as a two-column table (the workbook's first sheet)."""
    c = counts(G)
    rows: list[list[Any]] = [["报告 reports", c.reports], ["报告单位 reporting units", c.reporting_units],
                             ["上级单位 parent units", c.parent_units],
                             ["年份 years", " ".join(map(str, c.years))]]
    return Table("counts", "概览", "headline counts", ["项目 item", "数 value"], rows)


def sheet_name(table: Table) -> str:
    """``name 中文`` cut to Excel's 31 characters, without the characters Excel forbids."""
    return f"{table.name} {table.zh}".translate(_BAD_SHEET_CHARS)[:31]


def workbook_bytes(G: nx.MultiDiGraph) -> bytes:
    """The .xlsx bytes of the counts and overview tables of ``G``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for table in [counts_table(G), *overview_tables(G)]:
        ws = wb.create_sheet(sheet_name(table))
        ws.append([safe_cell(c) for c in table.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append([safe_cell(v) for v in row])
        ws.freeze_panes = "B2"
        for i, column in enumerate(table.columns, start=1):
            width = max([len(str(column))] + [len(str(r[i - 1])) for r in table.rows[:200]])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width * 1.6, 6), 40)
    wb.properties.creator = "fazhi-kg"
    wb.properties.created = wb.properties.modified = _FIXED
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated _ZIP_TIME and core.xml's dates fixed (openpyxl stamps now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = _fixed_core_dates(body)
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, body)
    return out.getvalue()


def _fixed_core_dates(xml: bytes) -> bytes:
    import re

    stamp = _FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", xml)


__all__ = ["counts_table", "sheet_name", "workbook_bytes"]
