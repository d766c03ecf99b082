"""``fazhi view``: write an offline HTML briefing of one view of a build."""

from __future__ import annotations

from pathlib import Path

import typer

from fazhi.cli import app, safe_echo


@app.command("view")
def view_cli(
    store: Path = typer.Option(Path("out"), "--store", help="Build directory written by `fazhi build`."),
    unit: str | None = typer.Option(None, "--unit", help="Show this unit and what it links (name, alias or a "
                                       "fragment that names one unit)."),
    kind: str | None = typer.Option(
        None, "--kind", help="Show every unit with this mechanism/campaign/problem kind (key, Chinese or English "
        "label, or a fragment of one)."
    ),
    year: int | None = typer.Option(None, "--year", help="Show what was reported on this year."),
    laws: bool = typer.Option(False, "--laws", help="Also show the laws and regulations the reports cite."),
    place: str | None = typer.Option(
        None, "--place", help="Show the units placed in this province, city or county (e.g. 新疆, 沙湾市)."
    ),
    title: str | None = typer.Option(None, "--title", help="Page title (default: says which view)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="HTML file to write (default: named after the view, e.g. "
                                         "STORE/view-四道河子镇-2022.html; STORE/view.html for the whole build)."),
) -> None:
    """Write a self-contained HTML briefing network (no network access needed to open it).

    Example: fazhi view --store out --kind hotline_12345 -o out/hotline.html
    """
    from fazhi.graph.projection import to_networkx
    from fazhi.graph.source import SourceError
    from fazhi.visuals.briefing import write_briefing
    from fazhi.visuals.views import ViewError, view_file_name

    try:
        G = to_networkx(store)
    except SourceError as exc:
        safe_echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    target = out
    try:
        target = out or store / view_file_name(G, unit=unit, kind=kind, year=year, laws=laws)
        path = write_briefing(G, target, unit=unit, kind=kind, year=year, laws=laws, title=title, place=place)
    except ViewError as exc:
        safe_echo(f"error: {store}: {exc}", err=True)
        raise typer.Exit(1)
    except OSError as exc:
        safe_echo(f"error: {target}: cannot write ({exc.strerror or exc})", err=True)
        raise typer.Exit(1)
    safe_echo(f"wrote {path}")
