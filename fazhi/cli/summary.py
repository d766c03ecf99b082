"""The table ``fazhi build`` prints: one row per report, then the failures."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from fazhi.build import BuildReport
from fazhi.extract.printable import error_line, printable
from fazhi.graph.divisions import available as divisions_available


def _cell(value: object) -> Text:
    """A table cell from the wild: controls escaped, never read as Rich markup."""
    return Text(printable(value, one_line=True))


MAX_ROWS = 200  # a 10,000-row table helps nobody; the full list is a saved query away


def print_build_report(report: BuildReport, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(
        title=Text(f"fazhi build → {printable(report.outdir, one_line=True)}"),
        caption="机制 mechanisms · 活动 campaigns · 问题 problems · 数据 numbers stated",
    )
    table.add_column("file", overflow="fold", min_width=12)
    table.add_column("unit 单位")
    table.add_column("year")
    for col in ("机制", "活动", "问题", "数据"):
        table.add_column(col, justify="right")
    rows = sorted(report.summaries, key=lambda r: r["source"])
    for row in rows[:MAX_ROWS]:
        table.add_row(
            _cell(Path(row["source"]).name),
            _cell(row.get("unit") or "—"),
            str(row.get("year") or "—"),
            str(row.get("mechanisms", 0)),
            str(row.get("campaigns", 0)),
            str(row.get("problems", 0)),
            str(row.get("metrics", 0)),
        )
    console.print(table)
    if len(rows) > MAX_ROWS:
        console.print(f"… and {len(rows) - MAX_ROWS} more reports (`fazhi query --name reports` lists them all).")
    console.print(
        f"{len(report.summaries)} reports in the graph: {report.extracted} extracted, "
        f"{report.unchanged} unchanged, {report.removed} removed; {report.skipped_files} non-report file(s) skipped."
    )
    if report.legacy:
        console.print(f"The store was made by another version of fazhi-kg (another graph format): "
                      f"its {report.legacy} report(s) were read again.", markup=False, highlight=False, soft_wrap=True)
    if report.copies:
        console.print(f"{len(report.copies)} file(s) repeat another report's text and count once:")
        for copy, kept in report.copies[:MAX_ROWS]:
            console.print(f"  copy: {printable(copy, one_line=True)} = {printable(kept, one_line=True)}",
                          markup=False, highlight=False, soft_wrap=True)
    if report.same_unit_year:
        console.print(f"{len(report.same_unit_year)} unit-year(s) have several different reports (all kept; "
                      "a draft and a final?):")
        for unit, year, files in report.same_unit_year[:MAX_ROWS]:
            names = ", ".join(printable(f, one_line=True) for f in files)
            console.print(f"  {printable(unit, one_line=True)} {year}: {names}", markup=False, highlight=False,
                          soft_wrap=True)
    placed = report.placement
    if placed:
        line = (f"Units in administrative divisions: {placed['placed']} placed, "
                f"{placed['ambiguous']} ambiguous ({placed['candidates']} candidate counties in all), "
                f"{placed['unplaced']} not found.")
        if not divisions_available():
            line = 'Units not placed in administrative divisions: install the division data (pip install "fazhi-kg[places]").'
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    if report.failures:
        console.print(f"[bold red]{len(report.failures)} file(s) failed[/] (listed on stderr).")
        for f in report.failures:  # one whole line each, never wrapped: scripts grep them
            typer.echo(error_line(f.path, f.cause), err=True)
    for name, path in report.outputs.items():
        console.print(f"  {name}: {printable(path, one_line=True)}", markup=False, highlight=False)
    html = report.outputs.get("html")
    if html:
        console.print(f"Open {printable(html, one_line=True)} in a browser to see the briefing network.", markup=False)
