"""The table ``fazhi build`` prints: one row per report, then the failures."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from fazhi.build import BuildReport


def print_build_report(report: BuildReport, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"fazhi build → {report.outdir}")
    for col in ("file", "unit 单位", "year 年度", "mechanisms 机制", "campaigns 活动", "problems 问题", "numbers 数据"):
        table.add_column(col, overflow="fold")
    for row in sorted(report.summaries, key=lambda r: r["source"]):
        table.add_row(
            row["source"],
            row.get("unit") or "—",
            str(row.get("year") or "—"),
            str(row.get("mechanisms", 0)),
            str(row.get("campaigns", 0)),
            str(row.get("problems", 0)),
            str(row.get("metrics", 0)),
        )
    console.print(table)
    console.print(
        f"{len(report.summaries)} reports in the graph: {report.extracted} extracted, "
        f"{report.unchanged} unchanged, {report.removed} removed; {report.skipped_files} other files skipped."
    )
    if report.failures:
        console.print(f"[bold red]{len(report.failures)} file(s) failed:[/]")
        for f in report.failures:
            console.print(f"  error: {f.path}: {f.cause}", markup=False, highlight=False)
    for name, path in report.outputs.items():
        console.print(f"  {name}: {path}", markup=False, highlight=False)
    html = report.outputs.get("html")
    if html:
        console.print(f"Open {html} in a browser to see the briefing network.", markup=False)
