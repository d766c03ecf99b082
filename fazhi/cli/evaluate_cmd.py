"""``fazhi evaluate``: score the extractor against hand annotations."""

from __future__ import annotations

from pathlib import Path

import typer

from fazhi.cli import app, safe_echo


@app.command()
def evaluate(
    reports: list[Path] = typer.Argument(None, help="Report files or folders (default: examples/reports)."),
    gold: Path = typer.Option(Path("examples/gold"), "--gold", "-g", help="Folder of NNN.json gold files."),
    details: bool = typer.Option(False, "--details", help="Also list missed and spurious items per report."),
) -> None:
    """Extract the reports and print precision, recall and F1 per field against the gold files.

    Example: fazhi evaluate examples/reports --gold examples/gold
    """
    from fazhi.evaluate import GoldError, evaluate_paths, format_table

    inputs = reports or [Path("examples/reports")]
    for path in inputs:
        if not path.exists():
            safe_echo(f"error: {path}: no such file or folder", err=True)
            raise typer.Exit(2)
    try:
        scores = evaluate_paths(inputs, gold)
    except GoldError as exc:
        safe_echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if scores.n == 0:
        safe_echo(f"error: {gold}: no gold file matches the given reports", err=True)
        raise typer.Exit(2)
    safe_echo(format_table(scores))
    if details:
        for rs in scores.reports:
            safe_echo(f"\n== {rs.report}")
            for name, (pred, want) in rs.meta.items():
                if pred != want:
                    safe_echo(f"  {name}: got {pred!r}, gold {want!r}")
            for name, items in rs.missed.items():
                if items:
                    safe_echo(f"  missed {name}: " + " | ".join(items))
            for name, items in rs.spurious.items():
                if items:
                    safe_echo(f"  spurious {name}: " + " | ".join(items))
