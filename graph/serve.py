"""Serve a build's store over the SPARQL 1.1 Protocol with the real Oxigraph server.

``fazhi serve`` does not reimplement a SPARQL endpoint: it finds the
``oxigraph`` binary (shipped by the ``oxigraph`` PyPI package), checks that
the store can be opened, starts ``oxigraph serve-read-only`` (or ``serve``
when writes are asked for explicitly) with ``--union-default-graph`` so that
queries without ``GRAPH`` see every report, waits until it answers, and stops
it cleanly.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO

from fazhi.graph.atomic import write_text_atomic

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
READY_TIMEOUT = 20.0  # seconds; a large store takes a moment to open
STOP_TIMEOUT = 10.0

EXAMPLE_QUERY = (
    "PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?unit ?mechanism WHERE { ?u fz:hasMechanism ?k ; skos:prefLabel ?unit . "
    "?k skos:prefLabel ?mechanism FILTER(LANG(?mechanism) = \"zh\") } ORDER BY ?unit LIMIT 20"
)


class ServeError(Exception):
    """Why the server cannot start, as one line for the user."""


def find_oxigraph() -> Path:
    """Locate the ``oxigraph`` server binary: beside Python, on PATH, or in the package record."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    try:
        files = metadata.files("oxigraph") or []
    except metadata.PackageNotFoundError:
        files = []
    for f in files:
        if f.name == name:
            path = Path(f.locate()).resolve()
            if path.is_file():
                return path
    raise ServeError(
        "the oxigraph server binary was not found (beside Python, on PATH, or in the "
        "oxigraph package); install it with: pip install oxigraph"
    )


def store_dir(build_dir: Path) -> Path:
    """The Oxigraph store inside a build directory (``OUT/store``); accepts the store itself too."""
    build_dir = Path(build_dir)
    if (build_dir / "store" / "CURRENT").is_file():
        return build_dir / "store"
    if (build_dir / "CURRENT").is_file():
        return build_dir
    raise ServeError(f"{build_dir}: no graph store here (run `fazhi build REPORTS -o {build_dir}` first)")


def writer_holds_lock(store: Path) -> bool:
    """True when another process has the store open for writing (RocksDB's LOCK is taken)."""
    lock = store / "LOCK"
    if not lock.exists():
        return False
    fd = os.open(lock, os.O_RDWR)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                return True
            raise
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def port_is_free(host: str, port: int) -> bool:
    """True if ``host:port`` can be bound now (so the server will not fail on start)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port the OS says is free on ``host`` right now (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _url_host(host: str) -> str:
    """How a local client reaches a server bound to ``host`` (wildcards mean this machine)."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


@dataclass
class OxigraphServer:
    """One ``oxigraph`` server process over a store directory.

    Use as a context manager: it starts, waits until the endpoint answers,
    and on exit stops the process (SIGTERM, then SIGKILL after a grace time).
    With ``location=None`` and ``writable=True`` the server keeps its data in memory.
    """

    location: Path | None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    writable: bool = False
    union_default_graph: bool = True
    cors: bool = False
    timeout_s: int | None = None
    binary: Path | None = None
    process: subprocess.Popen | None = field(default=None, init=False, repr=False)
    _log: IO[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://{_url_host(self.host)}:{self.port}"

    @property
    def query_url(self) -> str:
        """SPARQL 1.1 Protocol query endpoint."""
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        """SPARQL 1.1 Update endpoint (refused by a read-only server)."""
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store HTTP Protocol endpoint (``?graph=IRI``)."""
        return f"{self.base_url}/store"

    def command(self) -> list[str]:
        """The exact command line that starts the server."""
        binary = str(self.binary or find_oxigraph())
        mode = "serve" if self.writable else "serve-read-only"
        cmd = [binary, mode, "--bind", f"{self.host}:{self.port}"]
        if self.location is not None:
            cmd += ["--location", str(self.location)]
        elif not self.writable:
            raise ServeError("a read-only server needs a store directory")
        if self.union_default_graph:
            cmd.append("--union-default-graph")
        if self.cors:
            cmd.append("--cors")
        if self.timeout_s:
            cmd += ["--timeout-s", str(self.timeout_s)]
        return cmd

    def check(self) -> None:
        """Raise ServeError for every reason the server would fail, before starting it."""
        if self.location is not None:
            if not (Path(self.location) / "CURRENT").is_file():
                raise ServeError(f"{self.location}: not an Oxigraph store directory")
            if writer_holds_lock(Path(self.location)):
                raise ServeError(
                    f"{self.location}: the store is open in another process (is a `fazhi build` "
                    "running?); wait for it to finish"
                )
        if not port_is_free(self.host, self.port):
            raise ServeError(f"{self.host}:{self.port} is already in use; choose another --port")

    def start(self) -> "OxigraphServer":
        """Start the process and block until it answers HTTP (or raise ServeError)."""
        self.check()
        cmd = self.command()
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # we forward signals ourselves; Ctrl-C reaches us only
        )
        self._wait_ready()
        return self

    def _server_output(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        lines = [l for l in self._log.read().decode("utf-8", "replace").splitlines() if l.strip()]
        return lines[-1] if lines else ""

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServeError(
                    f"oxigraph exited with code {self.process.returncode}: {self._server_output()}"
                )
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=1):
                    return
            except urllib.error.HTTPError:
                return  # it answered, even if not with a page
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        raise ServeError(f"oxigraph did not answer on {self.base_url} within {READY_TIMEOUT:.0f}s")

    def send_signal(self, signum: int) -> None:
        """Forward a signal (SIGINT/SIGTERM) to the server process."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signum)

    def wait(self) -> int:
        """Block until the server exits; return its exit code."""
        assert self.process is not None
        return self.process.wait()

    def stop(self) -> int | None:
        """Stop the server: SIGTERM, wait, SIGKILL if it will not go. Returns the exit code."""
        proc = self.process
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        return proc.returncode

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


MARKER = ".serving.json"  # in the build directory while `fazhi serve` serves it


def _marker_path(store: Path) -> Path:
    return Path(store).parent / MARKER


def active_server(build_dir: Path) -> str | None:
    """The endpoint URL if a live `fazhi serve` is serving ``build_dir``'s store, else None.

    A build must not rewrite a store a read-only server has open; ``fazhi build``
    can call this to refuse with a clear message.
    """
    try:
        path = _marker_path(store_dir(build_dir))
        info = json.loads(path.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)  # raises if the serving process is gone
    except (ServeError, OSError, ValueError, KeyError, TypeError):
        return None
    return str(info.get("url", ""))


def serve_build(
    build_dir: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    cors: bool = False,
    on_ready: Callable[[OxigraphServer], None] | None = None,
) -> int:
    """Serve ``build_dir``'s store until SIGINT/SIGTERM; forward the signal and return the exit code.

    ``on_ready(server)`` is called once the endpoint answers (the CLI prints the URLs there).
    """
    server = OxigraphServer(store_dir(build_dir), host=host, port=port, writable=writable, cors=cors)
    stopping: list[int] = []

    def forward(signum: int, _frame: object) -> None:
        stopping.append(signum)
        # the first Ctrl-C asks the server to stop; a second one kills it
        server.send_signal(signal.SIGKILL if len(stopping) > 1 else signum)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.start()
        marker = _marker_path(server.location)
        write_text_atomic(marker, json.dumps({"pid": os.getpid(), "url": server.query_url}))
        try:
            if on_ready is not None:
                on_ready(server)
            code = server.wait()
        finally:
            marker.unlink(missing_ok=True)
        return 0 if stopping else code  # stopped on request: a clean exit
    finally:
        server.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)


def example_curl(server: OxigraphServer, query: str = EXAMPLE_QUERY) -> str:
    """A copy-paste curl line that asks ``query`` and gets CSV back."""
    quoted = query.replace("'", "'\\''")
    return (
        f"curl -s {server.query_url} -H 'Accept: text/csv' "
        f"--data-urlencode 'query={quoted}'"
    )
