"""The ``fazhi`` command line: thin typer commands over plain, testable functions.

Each command lives in its own module and imports its heavy dependencies
inside the function body, so ``fazhi --help`` never loads spaCy or rdflib.
"""

from __future__ import annotations

import typer

from fazhi import __version__

app = typer.Typer(
    name="fazhi",
    help="Turn Chinese rule-of-law reports (法治政府建设年度报告) into a knowledge graph.\n\n"
    "Example: fazhi build examples/reports -o out",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def safe_echo(text: object, err: bool = False) -> None:
    """``typer.echo`` for text that may hold report text or file names: terminal controls shown escaped."""
    from fazhi.extract.printable import printable

    typer.echo(printable(text), err=err)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fazhi-kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turn Chinese rule-of-law reports (法治政府建设年度报告) into a knowledge graph."""


from fazhi.cli import (  # noqa: E402,F401  (importing them registers the commands)
    build_cmd,
    evaluate_cmd,
    graph_cmds,
    serve_cmd,
    validate_cmd,
    view_cmd,
)


def main() -> None:
    app()
