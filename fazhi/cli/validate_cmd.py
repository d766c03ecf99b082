"""``fazhi validate``: check a build or an RDF file against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import typer

from fazhi.cli import app, safe_echo


@app.command()
def validate(
    target: Path = typer.Argument(
        None, help="An RDF file (.ttl .nt .nq .trig .jsonld .rdf) to check instead of a build.",
        show_default=False,
    ),
    store: Path = typer.Option(Path("out"), "--store", help="Build directory to check."),
) -> None:
    """Check a build (or an RDF file) against ontology/shapes.ttl; exit 1 on violations.

    Each violation is printed as: focus node, property path, message.

    Example: fazhi validate --store out
    """
    from fazhi.graph.ontology_page import short_name
    from fazhi.graph.validate import ValidateInputError, validate_path

    where = target if target is not None else store
    try:
        results = validate_path(where)
    except ValidateInputError as exc:
        safe_echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    violations = [v for v in results if v.severity == "Violation"]
    for v in results:
        safe_echo(f"{v.severity.lower()}: {v.focus}")
        safe_echo(f"    path:    {short_name(v.path)}")
        safe_echo(f"    message: {v.message}" + (f" (value: {v.value})" if v.value else ""))
    if violations:
        safe_echo(f"{where}: {len(violations)} SHACL violation(s)", err=True)
        raise typer.Exit(1)
    safe_echo(f"{where}: conforms to the fazhi-kg shapes ({len(results)} warning(s))")
