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
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO

from fazhi.graph.atomic import write_text_atomic
from fazhi.graph.source import SourceError, open_build, store_path

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
    try:
        return store_path(build_dir)
    except SourceError as exc:
        raise ServeError(str(exc)) from None

def writer_holds_lock(store: Path) -> bool:
    """True when another process has the store open for writing (RocksDB's LOCK is taken).

    Asks with F_GETLK on a read-only descriptor, so it never writes and works
    on a read-only medium (a DVD, a read-only mount), where no writer can be.
    """
    lock = store / "LOCK"
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False  # no LOCK file, or not even readable: no writer we could wait for
    try:
        query = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        try:
            answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                return True
            return False
        return struct.unpack("hhqqi", answer)[0] != fcntl.F_UNLCK
    finally:
        os.close(fd)


def _die_with_parent() -> None:
    """In the child before exec: on Linux, get SIGKILL when the parent dies (even by SIGKILL)."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


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


class EndpointUrls:
    """The SPARQL 1.1 URLs of a server at ``self.host``:``self.port``."""

    host: str
    port: int

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


@dataclass
class OxigraphServer(EndpointUrls):
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

    def start(self) -> OxigraphServer:
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
            preexec_fn=_die_with_parent,  # never an orphan serving stale data and holding the port
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
        process = self.process
        assert process is not None, "start() sets the process before waiting for it"
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServeError(
                    f"oxigraph exited with code {process.returncode}: {self._server_output()}"
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

    def __enter__(self) -> OxigraphServer:
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


DEFAULT_TIMEOUT = 300.0  # seconds a request may take (the slowest saved query took 130 s over 10,000 reports)


@dataclass
class Endpoint(EndpointUrls):
    """What users reach: the guard proxy's address in front of the engine."""

    host: str
    port: int
    writable: bool


def serve_build(
    build_dir: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    cors: bool = False,
    on_ready: Callable[[Endpoint], None] | None = None,
    *,
    allow_service: bool = False,
    allow_hosts: tuple[str, ...] = (),
    timeout: float = DEFAULT_TIMEOUT,
    on_notice: Callable[[str], None] | None = None,
) -> int:
    """Serve ``build_dir``'s store until SIGINT/SIGTERM/SIGHUP; return the exit code.

    The Oxigraph server listens on a private loopback port; the guard proxy
    (``endpoint_guard``) listens on ``host:port``, checks the Host header,
    refuses SERVICE/LOAD unless ``allow_service`` and bounds each request by
    ``timeout``. The server child dies with this process, even on SIGKILL.
    ``on_ready(endpoint)`` is called once the endpoint answers.
    """
    from fazhi.graph.endpoint_guard import GuardProxy, served_names

    location = store_dir(build_dir)
    try:  # a store of another graph shape would answer wrongly: refuse it before serving
        open_build(location)
    except SourceError as exc:
        raise ServeError(str(exc)) from None
    restart = threading.Event()
    server = OxigraphServer(location, host=DEFAULT_HOST, port=free_port(DEFAULT_HOST), writable=writable,
                            cors=cors, timeout_s=max(1, int(timeout)))
    try:
        proxy = GuardProxy((host, port), (DEFAULT_HOST, server.port), names=served_names(host, allow_hosts),
                           allow_service=allow_service, timeout=timeout, on_stuck=restart.set)
    except OSError:
        raise ServeError(f"{host}:{port} is already in use; choose another --port") from None
    endpoint = Endpoint(host, proxy.server_address[1], writable)
    stopping: list[int] = []

    def forward(signum: int, _frame: object) -> None:
        stopping.append(signum)
        # the first Ctrl-C asks the server to stop; a second one kills it
        server.send_signal(signal.SIGKILL if len(stopping) > 1 else signal.SIGTERM)

    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {s: signal.signal(s, forward) for s in signals}
    marker: Path | None = None
    thread = threading.Thread(target=proxy.serve_forever, name="fazhi-guard", daemon=True)
    try:
        server.start()
        thread.start()
        marker = _marker_path(location)
        try:
            write_text_atomic(marker, json.dumps({"pid": os.getpid(), "url": endpoint.query_url}))
        except OSError:
            marker = None  # a read-only medium: no build can write there either
        if on_ready is not None:
            on_ready(endpoint)
        while True:  # the restarts happen here, in the thread that started the child (PDEATHSIG)
            if restart.wait(0.2):
                restart.clear()
                if stopping or writable:  # never kill a server that may be writing
                    continue
                server.send_signal(signal.SIGKILL)  # read-only: nothing to lose, and it stops at once
                server.stop()
                server.start()
                if on_notice:
                    on_notice(f"note: a query ran past {timeout:g} s; the engine was restarted to stop it")
            code = server.process.poll() if server.process is not None else 0
            if code is not None:
                break
        return 0 if stopping else code  # stopped on request: a clean exit
    finally:
        if marker is not None:
            marker.unlink(missing_ok=True)
        if thread.is_alive():
            proxy.shutdown()
        proxy.server_close()
        server.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)


def example_curl(server: OxigraphServer | Endpoint, query: str = EXAMPLE_QUERY) -> str:
    """A copy-paste curl line that asks ``query`` and gets CSV back."""
    quoted = query.replace("'", "'\\''")
    return (
        f"curl -s {server.query_url} -H 'Accept: text/csv' "
        f"--data-urlencode 'query={quoted}'"
    )
