"""``fazhi serve`` and ``fazhi push``: the graph over the SPARQL 1.1 protocols."""

from __future__ import annotations

from pathlib import Path

import typer

from fazhi.cli import app


@app.command("serve")
def serve_cli(
    store: Path = typer.Option(Path("out"), "--store", help="Build directory written by `fazhi build`."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless you say otherwise)."),
    port: int = typer.Option(7878, "--port", min=1, max=65535, help="TCP port."),
    writable: bool = typer.Option(
        False, "--writable", help="Accept SPARQL Update and Graph Store writes (read-only by default)."
    ),
    cors: bool = typer.Option(False, "--cors", help="Allow browser pages from other origins (e.g. YASGUI) to query."),
    timeout: float = typer.Option(300.0, "--timeout", min=1, help="Seconds a request may take before it is cut."),
    allow_service: bool = typer.Option(
        False, "--allow-service", help="Let SERVICE (and LOAD in updates) send requests to other hosts (off: refused)."
    ),
    allow_host: list[str] = typer.Option(
        None, "--allow-host", help="Also answer requests whose Host header is this name (repeatable; IP addresses "
        "and localhost always work)."
    ),
) -> None:
    """Serve the graph as a SPARQL 1.1 endpoint with the Oxigraph server, until Ctrl-C.

    Queries without GRAPH see the union of all report graphs. A small guard
    in front of the server refuses unknown Host names (DNS rebinding) and
    SERVICE requests to other endpoints, and cuts requests after --timeout.
    Stop `serve` before running `fazhi build` on the same directory.

    Example: fazhi serve --store out --port 7878
    """
    from fazhi.extract.printable import printable
    from fazhi.graph.serve import ServeError, example_curl, serve_build

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"note: listening on {host}: other machines can query this graph"
                   + (" and change it" if writable else ""), err=True)

    def announce(server) -> None:  # noqa: ANN001  (Endpoint, imported lazily)
        mode = "read-write" if server.writable else "read-only"
        typer.echo(f"SPARQL endpoint ({mode}): {server.query_url}")
        if server.writable:
            typer.echo(f"SPARQL Update:        {server.update_url}")
            typer.echo(f"Graph Store:          {server.store_url}?graph=IRI")
        typer.echo(f"Query page:           {server.base_url}/")
        typer.echo("Try:")
        typer.echo("  " + example_curl(server))
        typer.echo("Press Ctrl-C to stop.")

    try:
        code = serve_build(store, host=host, port=port, writable=writable, cors=cors, on_ready=announce,
                           allow_service=allow_service, allow_hosts=tuple(allow_host or ()), timeout=timeout,
                           on_notice=lambda line: typer.echo(line, err=True))
    except ServeError as exc:
        typer.echo(f"error: {printable(exc, one_line=True)}", err=True)
        raise typer.Exit(2)
    typer.echo("Server stopped.", err=True)
    raise typer.Exit(code)


@app.command("push")
def push_cli(
    endpoint: str = typer.Option(..., "--endpoint", help="SPARQL query endpoint of the remote store."),
    store: Path = typer.Option(Path("out"), "--store", help="Build directory written by `fazhi build`."),
    gsp: str | None = typer.Option(
        None, "--gsp", help="Graph Store HTTP Protocol endpoint (graphs are PUT to URL?graph=IRI)."
    ),
    update: str | None = typer.Option(
        None, "--update", help="SPARQL Update endpoint, used when there is no --gsp (default: --endpoint)."
    ),
    user: str | None = typer.Option(None, "--user", help="User name for HTTP Basic/Digest auth."),
    password_env: str | None = typer.Option(
        None, "--password-env", help="Environment variable holding the password (default FAZHI_PASSWORD when --user is given)."
    ),
    token_env: str | None = typer.Option(
        None, "--token-env", help="Environment variable holding a bearer token (e.g. FAZHI_TOKEN)."
    ),
    only_changed: bool = typer.Option(
        False, "--only-changed", help="Ask the remote store which reports it has and send only the others."
    ),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1,
                                  help="Seconds each HTTP request may take in all (sending, waiting, reading)."),
) -> None:
    """Upload the graph to a remote SPARQL store, one named graph per report, replacing old copies.

    Credentials come from environment variables, never from the command line:
    --user NAME reads the password from $FAZHI_PASSWORD (or --password-env VAR),
    --token-env VAR sends $VAR as a bearer token. See docs/serving.md for
    Fuseki, Virtuoso and GraphDB URLs.

    Example: fazhi push --endpoint http://localhost:7878/query --gsp http://localhost:7878/store
    """
    from fazhi.cli.progress import progress_bar
    from fazhi.extract.printable import printable
    from fazhi.graph.push import (
        PushError,
        Remote,
        credentials_from_env,
        push_build,
        redact_url,
    )

    try:
        auth = credentials_from_env(user, password_env, token_env)
        remote = Remote(endpoint=endpoint, gsp=gsp, update=update, auth=auth, timeout=timeout)
        with progress_bar() as progress:
            result = push_build(store, remote, only_changed=only_changed, progress=progress,
                                notice=lambda line: typer.echo(printable(redact_url(line), one_line=True), err=True))
    except PushError as exc:
        typer.echo(f"error: {printable(redact_url(str(exc)), one_line=True)}", err=True)
        raise typer.Exit(1)
    typer.echo(printable(redact_url(result.summary())))
