"""Serving and querying under attack: Host names, SERVICE relays, runaway queries, orphans, secrets, slow servers.

Real processes throughout: `fazhi serve` (the guard in front of the real
Oxigraph server), `fazhi query` and `fazhi push` as a user runs them, a
real Oxigraph server as push target, and plain sockets standing for an
address a SERVICE clause would reach (it counts connections) and for a
server that answers one byte at a time.
"""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the helper module beside this file
from oxigraph_server import free_port, oxigraph_server, write_demo_build  # noqa: E402

pytestmark = pytest.mark.server

CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Listener:
    """A loopback TCP port that records every connection: where a SERVICE request would land."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_build(tmp_path_factory.mktemp("guard") / "out")


class Served:
    def __init__(self, proc: subprocess.Popen, url: str) -> None:
        self.proc, self.url = proc, url
        self.port = int(url.split(":")[2].split("/")[0])

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 30) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def ask(self, query: str, **headers: str) -> tuple[int, bytes]:
        return self.request("GET", "/query?" + urllib.parse.urlencode({"query": query}),
                            headers={"Accept": "application/sparql-results+json", **headers})

    def child_pid(self) -> int:
        [child] = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        return int(child)


def _serve(build: Path, *extra: str) -> Served:
    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--store", str(build),
                             "--port", str(free_port()), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = proc.stdout.readline()
    if not first.startswith("SPARQL endpoint"):
        proc.kill()
        pytest.fail(f"fazhi serve did not start: {first}{proc.communicate()}")
    while not proc.stdout.readline().startswith("Press Ctrl-C"):
        pass
    return Served(proc, first.split(": ", 1)[1].strip())


@pytest.fixture()
def served(build: Path) -> Iterator[Served]:
    server = _serve(build, "--timeout", "3")
    yield server
    server.proc.send_signal(signal.SIGTERM)
    server.proc.communicate(timeout=20)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in state


def _wait_gone(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.05)
    return False


# ----------------------------------------------------------------- Host header (DNS rebinding)


def test_endpoint_answers_only_host_names_it_serves(build: Path) -> None:
    server = _serve(build, "--allow-host", "briefing.lan")
    try:
        port = server.port
        for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "localhost.evil"):
            status, body = server.ask("ASK { ?s ?p ?o }", Host=host)
            assert status == 403 and b"not served here" in body, host
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "LOCALHOST", f"briefing.lan:{port}"):
            status, body = server.ask("ASK { ?s ?p ?o }", Host=host)
            assert status == 200 and json.loads(body)["boolean"] is True, host
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:  # no Host header at all
            sock.sendall(b"GET /query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.0\r\n\r\n")
            assert sock.recv(64).split(b" ")[1] == b"400"
    finally:
        server.proc.send_signal(signal.SIGTERM)
        server.proc.communicate(timeout=20)


# ----------------------------------------------------------------- no outbound requests


def _service_variants(url: str) -> list[str]:
    escaped = "\\u0053ERVICE"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ ?x ?y ?z OPTIONAL {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE<{url}>{{?s ?p ?o}} }} }} }}",
        f"SELECT * WHERE {{ {escaped} <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{url}#>\nSELECT * WHERE {{ # a comment\n Service r: {{ ?s ?p ?o }} }}",
    ]


def test_endpoint_makes_no_outbound_request(served: Served, listener: Listener) -> None:
    for query in _service_variants(listener.url):
        status, body = served.ask(query)
        assert status == 403 and b"SERVICE refused" in body, query
        form = urllib.parse.urlencode({"query": query}).encode()
        status, _ = served.request("POST", "/query", form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 403
        status, _ = served.request("POST", "/query", query.encode(), {"Content-Type": "application/sparql-query"})
        assert status == 403
    time.sleep(0.5)
    assert listener.connections == 0
    # words that only look like the keyword are fine
    status, _ = served.ask('SELECT ?service WHERE { ?service <urn:p:SERVICE> "SERVICE" } # SERVICE')
    assert status == 200


def test_writable_endpoint_refuses_load_and_service_in_updates(tmp_path: Path, listener: Listener) -> None:
    server = _serve(write_demo_build(tmp_path / "out"), "--writable")
    try:
        for update in (f"LOAD <{listener.url}>", f"LOAD SILENT <{listener.url}> INTO GRAPH <urn:g>",
                       f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"):
            form = urllib.parse.urlencode({"update": update}).encode()
            status, body = server.request("POST", "/update", form,
                                          {"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 403, update
        status, _ = server.request("POST", "/update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                   {"Content-Type": "application/sparql-update"})
        assert status == 204
        time.sleep(0.5)
        assert listener.connections == 0
    finally:
        server.proc.send_signal(signal.SIGTERM)
        server.proc.communicate(timeout=20)


def test_allow_service_is_the_only_way_out(build: Path, listener: Listener) -> None:
    server = _serve(build, "--allow-service")
    try:
        status, _ = server.ask(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
        assert status != 403
    finally:
        server.proc.send_signal(signal.SIGTERM)
        server.proc.communicate(timeout=20)
    assert listener.connections >= 1  # the refusal above is what kept the others in


def _query(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi", "query", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_fazhi_query_makes_no_outbound_request(build: Path, listener: Listener) -> None:
    for query in _service_variants(listener.url):
        done = _query("--store", str(build), query)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.strip().startswith("error: SERVICE refused") and done.stderr.count("\n") == 1
    assert listener.connections == 0
    allowed = _query("--store", str(build), "--allow-service", _service_variants(listener.url)[0])
    assert allowed.returncode == 1 and "Traceback" not in allowed.stderr  # the listener is no SPARQL endpoint
    assert listener.connections >= 1


# ----------------------------------------------------------------- time limits, Ctrl-C, streaming


def test_endpoint_cuts_a_runaway_query_and_keeps_serving(served: Served) -> None:
    start = time.monotonic()
    status, body = served.request("POST", "/query", urllib.parse.urlencode({"query": CROSS_COUNT}).encode(),
                                  {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - start < 6
    deadline = time.monotonic() + 10  # the engine is restarted to stop the stuck query: soon back
    while served.ask("ASK { ?s ?p ?o }")[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert time.monotonic() - start < 8
    start = time.monotonic()  # a result that streams for ever is cut too
    status, body = served.request("GET", "/query?" + urllib.parse.urlencode({"query": CROSS_ROWS}),
                                  headers={"Accept": "text/csv"})
    assert status == 200 and body.startswith(b"a,b,c")
    assert time.monotonic() - start < 6
    status, body = served.ask("ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_fazhi_query_has_a_default_limit_that_can_change(build: Path) -> None:
    start = time.monotonic()
    done = _query("--store", str(build), "--timeout", "1.5", CROSS_COUNT)
    assert done.returncode == 1 and time.monotonic() - start < 8
    assert done.stderr.strip() == "error: the query ran past its time limit of 1.5 s (--timeout SECONDS allows more)"
    assert "--timeout" in _query("--help").stdout and "300" in _query("--help").stdout


def test_ctrl_c_stops_fazhi_query_at_once(build: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "query", "--store", str(build), "--timeout", "0",
                             CROSS_COUNT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)  # started, and deep in the cross join
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    start = time.monotonic()
    _, err = proc.communicate(timeout=10)
    assert time.monotonic() - start < 2
    assert proc.returncode == 130 and err.strip() == "error: interrupted; the query was stopped"


def test_rows_stream_to_the_output(build: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "query", "--store", str(build), "--format", "tsv",
                             CROSS_ROWS], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        start = time.monotonic()
        header = proc.stdout.readline()
        rows = [proc.stdout.readline() for _ in range(1000)]
        assert header.split(b"\t")[0] == b"a" and all(r.count(b"\t") == 8 for r in rows)
        assert time.monotonic() - start < 10 and proc.poll() is None  # rows came while the engine runs on
    finally:
        proc.kill()
        proc.communicate(timeout=20)


# ----------------------------------------------------------------- the child dies with its parent


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGHUP])
def test_the_oxigraph_child_dies_with_fazhi_serve(build: Path, signum: int) -> None:
    server = _serve(build)
    child = server.child_pid()
    assert not _gone(child)
    server.proc.send_signal(signum)
    server.proc.communicate(timeout=20)
    assert _wait_gone(child), f"oxigraph {child} outlived its parent ({signal.Signals(signum).name})"
    if signum == signal.SIGHUP:
        assert server.proc.returncode == 0
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", server.port))  # the port is free again
    from fazhi.graph.serve import active_server

    if signum == signal.SIGKILL:
        assert active_server(build) is None  # a build may now run: nobody serves the store


# ----------------------------------------------------------------- read-only medium


def _namespaces_work() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-rm", "true"], capture_output=True).returncode == 0


READ_ONLY = r'''
import json, os, signal, subprocess, sys, time, urllib.parse, urllib.request
build, remote_query, remote_store, port, result = sys.argv[1:6]
subprocess.run(["mount", "--bind", build, build], check=True)
subprocess.run(["mount", "-o", "remount,ro,bind", build], check=True)
out = {}
p = subprocess.run([sys.executable, "-m", "fazhi", "push", "--store", build, "--endpoint", remote_query,
                    "--gsp", remote_store], capture_output=True, text=True, timeout=120)
out["push"] = [p.returncode, p.stdout, p.stderr]
serve = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--store", build, "--port", port],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
first = serve.stdout.readline()
out["serve_first_line"] = first
try:
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"}),
                                timeout=30) as r:
        out["ask"] = json.loads(r.read())["boolean"]
finally:
    serve.send_signal(signal.SIGTERM)
    _, err = serve.communicate(timeout=30)
    out["serve"] = [serve.returncode, err]
open(result, "w").write(json.dumps(out))
'''


@pytest.mark.skipif(not _namespaces_work(), reason="needs unprivileged mount namespaces (unshare -rm)")
def test_serve_and_push_work_on_a_read_only_medium(tmp_path: Path) -> None:
    build = write_demo_build(tmp_path / "dvd")
    script, result = tmp_path / "ro.py", tmp_path / "ro.json"
    script.write_text(READ_ONLY, encoding="utf-8")
    with oxigraph_server(tmp_path / "remote") as remote:
        subprocess.run(["unshare", "-rm", sys.executable, str(script), str(build), remote.query, remote.store,
                        str(free_port()), str(result)], check=True, timeout=300)
        pushed_graphs = remote.graphs()
    out = json.loads(result.read_text(encoding="utf-8"))
    assert out["push"][0] == 0, out["push"]
    assert len(pushed_graphs) >= 3
    assert out["serve_first_line"].startswith("SPARQL endpoint"), out
    assert out["ask"] is True and out["serve"][0] == 0


# ----------------------------------------------------------------- credentials and slow servers


def _push(build: Path, *args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "fazhi", "push", "--store", str(build), *args],
                          capture_output=True, text=True, timeout=timeout)
    return done, time.monotonic() - start


def test_credentials_in_urls_are_refused_and_never_printed(build: Path) -> None:
    port = free_port()
    for args in (["--endpoint", f"http://alice:s3cr3t-pw@127.0.0.1:{port}/query"],
                 ["--endpoint", f"http://127.0.0.1:{port}/query", "--gsp", "https://bob:s3cr3t-pw@example.org/store"],
                 ["--endpoint", f"http://127.0.0.1:{port}/query", "--update", f"http://:s3cr3t-pw@127.0.0.1:{port}/u"]):
        done, _ = _push(build, *args)
        assert done.returncode == 1
        assert "s3cr3t-pw" not in done.stdout + done.stderr
        assert "credentials in the URL are refused" in done.stderr and "***@" in done.stderr
        assert done.stderr.count("\n") == 1
    # a token in a query parameter of an unreachable endpoint: the error names it, redacted
    done, _ = _push(build, "--endpoint", f"http://127.0.0.1:{port}/query?access_token=tok-s3cr3t&x=1")
    assert done.returncode == 1 and "tok-s3cr3t" not in done.stderr and "access_token=***" in done.stderr


class SlowServer:
    """Answers every connection one byte at a time (``headers_fast``: the head at once, then a trickling body)."""

    def __init__(self, headers_fast: bool) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.headers_fast = headers_fast
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 100000\r\n\r\n"
        try:
            conn.recv(65536)
            if self.headers_fast:
                conn.sendall(head)
                data = b" " * 100000
            else:
                data = head
            for byte in data:
                if self.stop.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(0.3)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize("headers_fast", [False, True], ids=["trickling-head", "trickling-body"])
def test_a_push_to_a_slow_server_is_bounded_as_a_whole(build: Path, headers_fast: bool) -> None:
    slow = SlowServer(headers_fast)
    try:
        done, seconds = _push(build, "--endpoint", slow.url + "/query", "--gsp", slow.url + "/store",
                              "--timeout", "2")
    finally:
        slow.close()
    assert done.returncode == 1 and seconds < 8, seconds
    assert "no complete answer within 2 s" in done.stderr and done.stderr.count("\n") == 1
