"""``fazhi evaluate``: score the extractor against hand annotations."""

from __future__ import annotations

from pathlib import Path

import typer

from fazhi.cli import app, safe_echo
from fazhi.cli.vocab_opt import VOCAB_OPTION, use_vocab_option


@app.command()
def evaluate(
    reports: list[Path] = typer.Argument(
        None, help="Report files or folders (default: every annotated set: ../shared/realdev, the samples, "
        "tests/data/invented)."),
    gold: Path = typer.Option(None, "--gold", "-g", help="Folder of NNN.json gold files (default with REPORTS: "
                              "examples/gold)."),
    details: bool = typer.Option(False, "--details", help="Also list missed and spurious items per report."),
    vocab: list[Path] = VOCAB_OPTION,
) -> None:
    """Extract the reports and print precision, recall and F1 per field against the gold files.

    Without REPORTS it scores each annotated set, real text first: the real
    report openings in ../shared/realdev (beside the repository), the five
    samples, then the reports written for the tests (a set that is not there
    is said to be skipped).

    Example: fazhi evaluate examples/reports --gold examples/gold
    """
    from fazhi.evaluate import GoldError, default_sets, evaluate_paths, format_table

    use_vocab_option(vocab)
    if reports or gold is not None:
        sets = [("", reports or [Path("examples/reports")], gold or Path("examples/gold"))]
    else:
        sets = []
        for s in default_sets():
            if s.reports.is_dir() and s.gold.is_dir():
                sets.append((f"== {s.name}: {s.about} ({s.reports})", [s.reports], s.gold))
            else:
                safe_echo(f"== {s.name}: skipped, {s.reports} not found\n")
        if not sets:
            safe_echo("error: no annotated set found; give REPORTS and --gold DIR", err=True)
            raise typer.Exit(2)
    for title, inputs, gold_dir in sets:
        for path in inputs:
            if not path.exists():
                safe_echo(f"error: {path}: no such file or folder", err=True)
                raise typer.Exit(2)
        try:
            scores = evaluate_paths(inputs, gold_dir)
        except GoldError as exc:
            safe_echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        if scores.n == 0:
            safe_echo(f"error: {gold_dir}: no gold file matches the given reports", err=True)
            raise typer.Exit(2)
        if title:
            safe_echo(f"{title}: {scores.n} reports")
        safe_echo(format_table(scores))
        if details:
            _print_details(scores)
        if title:
            safe_echo("")


def _print_details(scores) -> None:
    for rs in scores.reports:
        safe_echo(f"\n-- {rs.report}")
        for name, (pred, want) in rs.meta.items():
            if pred != want:
                safe_echo(f"  {name}: got {pred!r}, gold {want!r}")
        for name, items in rs.missed.items():
            if items:
                safe_echo(f"  missed {name}: " + " | ".join(items))
        for name, items in rs.spurious.items():
            if items:
                safe_echo(f"  spurious {name}: " + " | ".join(items))
