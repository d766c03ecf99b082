"""``fazhi export`` and ``fazhi query``: get the graph out of a build."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

import typer

from fazhi.cli import app, safe_echo

DEFAULT_STORE = Path("out")


def _fail(message: str) -> typer.Exit:
    from fazhi.extract.printable import printable

    typer.echo(f"error: {printable(message, one_line=True)}", err=True)
    return typer.Exit(1)


DEFAULT_TIMEOUT = 300.0  # seconds (fazhi.graph.query.DEFAULT_TIMEOUT; not imported: --help stays light)
TABLE_ROWS = 1000  # rows a terminal table shows; --format csv streams any number


@app.command()
def export(
    fmt: str = typer.Option(
        None, "--format", "-f",
        help="turtle, ntriples, nquads, trig, jsonld, rdfxml, graphml, gexf, csv, xlsx (the overview tables) "
        "or neo4j (CSV for neo4j-admin import) (default: from the -o extension).",
        show_default=False,
    ),
    out: Path = typer.Option(
        None, "--out", "-o", help="Write here (csv, neo4j: a folder, or a .zip file; xlsx: a file) instead of stdout."
    ),
    store: Path = typer.Option(DEFAULT_STORE, "--store", help="Build directory to read."),
) -> None:
    """Export the graph as RDF, GraphML/GEXF (Gephi, Cytoscape), CSV tables or a workbook (Excel), or Neo4j CSV.

    Example: fazhi export --format trig -o out/graph.trig --store out
    """
    from fazhi.graph.export import ExportError, resolve_format
    from fazhi.graph.export import export as run_export

    try:
        chosen = resolve_format(fmt, out)
        result = run_export(store, chosen, out)
    except ExportError as exc:
        raise _fail(str(exc)) from None
    if isinstance(result, bytes):
        sys.stdout.buffer.write(result)
        sys.stdout.flush()
    else:
        safe_echo(f"wrote {result}", err=True)


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise _fail(f"--param {item!r}: write it as NAME=VALUE, e.g. --param unit=四道河子镇")
        params[name.strip()] = value.strip()
    return params


@app.command()
def query(
    sparql: str = typer.Argument(None, help="A SPARQL query (prefixes fz:, org:, skos: … are predeclared).",
                                 show_default=False),
    file: Path = typer.Option(None, "--file", "-f", help="Read the query from this .rq file."),
    name: str = typer.Option(None, "--name", "-n", help="Run a saved briefing query (see --list)."),
    list_saved: bool = typer.Option(False, "--list", help="List the saved queries and their questions."),
    param: list[str] = typer.Option(
        None, "--param", "-p", help="NAME=VALUE for a query's VALUES ?NAME { … } (repeatable)."
    ),
    store: Path = typer.Option(DEFAULT_STORE, "--store", help="Build directory to query."),
    fmt: ResultFormat = typer.Option(
        None, "--format", help="table, csv, tsv or json (SPARQL JSON results). "
        "Default: table on a terminal, csv otherwise.", show_default=False
    ),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help="Stop the query after this many seconds (0: no limit)."),
    allow_service: bool = typer.Option(
        False, "--allow-service", help="Let SERVICE clauses send HTTP requests to other endpoints (off: refused)."
    ),
) -> None:
    """Ask the graph a SPARQL question, or run a saved briefing query.

    Rows stream to the output as the engine finds them; Ctrl-C stops at once.
    SERVICE (federated query) is refused unless --allow-service.

    Example: fazhi query --name hotline_cases --store out
    """
    from fazhi.graph.query import QueryError, bind_params, page_of, saved_queries, stream, write_result

    saved = saved_queries()
    if list_saved:
        _print_saved(saved)
        return
    sources = [s for s in (sparql, file, name) if s]
    if len(sources) != 1:
        raise _fail("give exactly one of: a query, --file FILE.rq, --name NAME (see --list)")
    if name:
        if name not in saved:
            raise _fail(f"no saved query {name!r} (fazhi query --list shows them)")
        text = saved[name].text
    elif file:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"{file}: {exc.strerror if isinstance(exc, OSError) else 'not UTF-8 text'}")
    else:
        text = sparql
    chosen = fmt.value if fmt else ("table" if sys.stdout.isatty() else "csv")
    try:
        params = _parse_params(param)
        result = stream(store, text, params, timeout=timeout, allow_service=allow_service)
        if chosen == "table":
            rows = _print_table(result)
        else:
            if chosen == "csv":  # the same UTF-8 byte-order mark as `fazhi export --format csv`: Excel reads Chinese
                sys.stdout.write("\ufeff")
            rows = write_result(result, chosen, _TerminalSafe(sys.stdout) if sys.stdout.isatty() else sys.stdout)
            sys.stdout.flush()
        page = page_of(bind_params(text, params))
        if page is not None and rows >= page[0] > 0:
            typer.echo(f"a page of {page[0]} rows; the next: -p offset={page[1] + page[0]}; every row: -p limit=all",
                       err=True)
    except QueryError as exc:
        raise _stop(1, str(exc)) from None
    except KeyboardInterrupt:
        raise _stop(130, "interrupted; the query was stopped") from None
    except BrokenPipeError:  # `| head`: the reader has all it wants
        raise _stop(0, None) from None


def _stop(code: int, message: str | None) -> typer.Exit:
    """The exit for a query that ends early; the engine thread (a daemon) ends with the process."""
    from fazhi.extract.printable import printable

    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError, ValueError):
        try:  # stdout's reader is gone: let the interpreter's last flush go nowhere
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
    if message:
        typer.echo(f"error: {printable(message, one_line=True)}", err=True)
    return typer.Exit(code)


class _TerminalSafe:
    """A text stream that escapes terminal controls: csv/tsv/json written to a terminal stay inert."""

    def __init__(self, stream) -> None:  # noqa: ANN001
        self.stream = stream

    def write(self, text: str) -> int:
        from fazhi.extract.printable import printable

        return self.stream.write(printable(text))


def _print_table(result) -> int:  # noqa: ANN001  (StreamedResult, imported lazily)
    """Print the rows as a table (at most TABLE_ROWS); returns how many it printed."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from fazhi.extract.printable import printable
    from fazhi.graph.query import short_iri

    table = Table(show_lines=False)
    for variable in result.variables:
        table.add_column(Text(printable(variable, one_line=True)))
    shown = 0
    more = False
    for row in result.rows:
        if shown == TABLE_ROWS:
            more = True
            break
        table.add_row(*(Text(printable("" if t is None else short_iri(t), one_line=True)) for t in row))
        shown += 1
    console = Console()
    console.print(table)
    if more:
        console.print(f"first {TABLE_ROWS} rows shown; --format csv streams them all", style="dim")
    else:
        console.print(f"{shown} row{'s' if shown != 1 else ''}", style="dim")
    return shown


def _print_saved(saved) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from fazhi.extract.printable import printable

    table = Table("name", "question", "parameters (default)")
    for query in saved.values():
        params = ", ".join(f"{k}={v}" for k, v in query.params.items())
        table.add_row(*(Text(printable(x, one_line=True)) for x in (query.name, query.question, params)))
    Console().print(table)
