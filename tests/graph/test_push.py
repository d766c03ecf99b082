"""`fazhi push`: a build lands in a real remote Oxigraph store, replacing, never duplicating."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fazhi.graph.push import PushError, Remote, credentials_from_env, push_build

sys.path.insert(0, str(Path(__file__).parent))  # the helper module beside this file
from oxigraph_server import (  # noqa: E402
    EXAMPLES,
    Server,
    free_port,
    make_old_format,
    oxigraph_server,
    write_demo_build,
)

pytestmark = pytest.mark.server

FZ = "https://w3id.org/fazhi-kg/ontology#"
MECHANISMS = f"SELECT ?unit ?kind WHERE {{ ?unit <{FZ}hasMechanism> ?kind }} ORDER BY ?unit ?kind"
REPORTS = f"SELECT ?g ?src WHERE {{ GRAPH ?g {{ ?r a <{FZ}Report> ; <{FZ}sourcePath> ?src }} }} ORDER BY ?src"


@pytest.fixture()
def build(tmp_path: Path) -> Path:
    return write_demo_build(tmp_path / "out")


@pytest.fixture()
def remote(tmp_path: Path) -> Iterator[Server]:
    with oxigraph_server(tmp_path / "remote") as server:
        yield server


def push(build: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fazhi", "push", "--store", str(build), *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )


def local_select(build: Path, sparql: str) -> list[dict[str, str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(build / "store"))
    answer = store.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in answer.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in answer]


def local_graphs(build: Path) -> set[str]:
    import pyoxigraph as ox

    return {g.value for g in ox.Store.read_only(str(build / "store")).named_graphs()}


def test_push_by_graph_store_then_remote_answers_like_local(build: Path, remote: Server) -> None:
    done = push(build, "--endpoint", remote.query, "--gsp", remote.store)
    assert done.returncode == 0, done.stderr
    assert f"Sent {len(local_graphs(build))} graphs" in done.stdout and "Graph Store PUT" in done.stdout
    assert remote.graphs() == local_graphs(build)
    assert remote.select(MECHANISMS) == local_select(build, MECHANISMS)
    assert remote.select(REPORTS) == local_select(build, REPORTS)


def test_remote_answers_every_saved_query_like_the_local_build(build: Path, remote: Server) -> None:
    import json

    from fazhi.graph.query import execute, format_result, prefix_header, saved_queries

    assert push(build, "--endpoint", remote.query, "--gsp", remote.store).returncode == 0
    answered = 0
    for name, saved in sorted(saved_queries().items()):
        local = json.loads(format_result(execute(build, saved.text), "json"))["results"]["bindings"]
        served = remote.bindings(prefix_header(saved.text) + saved.text)
        canon = lambda rows: sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)  # noqa: E731
        assert canon(served) == canon(local), name
        answered += bool(local)
    assert answered >= len(saved_queries()) // 2  # the comparison is not between empty answers


def test_second_push_replaces_and_keeps_the_triple_count(build: Path, remote: Server) -> None:
    assert push(build, "--endpoint", remote.query, "--gsp", remote.store).returncode == 0
    first = remote.count()
    assert first == sum(1 for _ in local_select(build, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert push(build, "--endpoint", remote.query, "--gsp", remote.store).returncode == 0
    assert remote.count() == first


def test_update_fallback_gives_the_same_store(build: Path, remote: Server) -> None:
    done = push(build, "--endpoint", remote.query, "--update", remote.update)
    assert done.returncode == 0, done.stderr
    assert "SPARQL Update" in done.stdout
    first = remote.count()
    assert remote.select(MECHANISMS) == local_select(build, MECHANISMS)
    assert push(build, "--endpoint", remote.query, "--update", remote.update).returncode == 0
    assert remote.count() == first


def test_missing_graph_store_falls_back_to_update(build: Path, remote: Server) -> None:
    done = push(build, "--endpoint", remote.query, "--gsp", remote.base + "/no-such-gsp",
                "--update", remote.update)
    assert done.returncode == 0, done.stderr
    assert "falling back to SPARQL Update" in done.stderr
    assert remote.graphs() == local_graphs(build)


def test_changed_report_replaces_its_old_graph(tmp_path: Path, build: Path, remote: Server) -> None:
    assert push(build, "--endpoint", remote.query, "--gsp", remote.store).returncode == 0
    old_graphs = remote.graphs()
    name = "000_8ba81e8a34f88a98.txt"
    edited = (EXAMPLES / name).read_text(encoding="utf-8") + "\n二〇二二年三月\n"
    rebuilt = write_demo_build(tmp_path / "out2", texts={name: edited})

    done = push(rebuilt, "--endpoint", remote.query, "--gsp", remote.store, "--only-changed")
    assert done.returncode == 0, done.stderr
    # the changed report and the shared graph, whose summaries are derived from it
    assert "Sent 2 graphs" in done.stdout and "1 outdated report graphs dropped" in done.stdout
    assert remote.graphs() == local_graphs(rebuilt) != old_graphs
    assert [r["src"] for r in remote.select(REPORTS)] == [
        "examples/reports/000_8ba81e8a34f88a98.txt", "examples/reports/001_d6dfd4b6b2f767cd.txt"]


def test_only_changed_sends_nothing_the_second_time(build: Path, remote: Server) -> None:
    assert push(build, "--endpoint", remote.query, "--gsp", remote.store, "--only-changed").returncode == 0
    count = remote.count()
    done = push(build, "--endpoint", remote.query, "--gsp", remote.store, "--only-changed")
    assert done.returncode == 0
    assert done.stdout.startswith("Nothing to send")
    assert f"all {len(local_graphs(build))} graphs" in done.stdout
    assert remote.count() == count


def test_only_changed_resends_an_edited_shared_graph(build: Path, remote: Server) -> None:
    assert push(build, "--endpoint", remote.query, "--gsp", remote.store).returncode == 0
    onto = "https://w3id.org/fazhi-kg/graph/ontology"
    update = urllib.request.Request(remote.update, method="POST", data=(
        f"DELETE WHERE {{ GRAPH <{onto}> {{ ?s ?p ?o }} }}").encode(),
        headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(update, timeout=10).close()
    result = push_build(build, Remote(remote.query, gsp=remote.store), only_changed=True)
    assert result.sent_graphs == [onto] and result.skipped == len(local_graphs(build)) - 1
    assert onto in remote.graphs()


def test_dead_endpoint_is_one_line_and_nonzero(build: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    done = push(build, "--endpoint", url, "--gsp", url)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"error: {url}: cannot reach the store (Connection refused)"]


def test_read_only_store_refuses_with_403(build: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "remote", writable=True):
        pass  # create an empty store
    with oxigraph_server(tmp_path / "remote", writable=False) as ro:
        done = push(build, "--endpoint", ro.query, "--gsp", ro.store)
    assert done.returncode == 1 and "403 Forbidden" in done.stderr


def test_query_only_endpoint_without_update_url_says_what_to_give(build: Path, remote: Server) -> None:
    done = push(build, "--endpoint", remote.query)  # Oxigraph's /query takes no updates
    assert done.returncode == 1
    assert "give --update or --gsp" in done.stderr and done.stderr.strip().count("\n") == 0
    assert remote.graphs() == set()


def test_no_build_is_a_clear_error(tmp_path: Path) -> None:
    done = push(tmp_path / "nothing", "--endpoint", "http://127.0.0.1:9/query")
    assert done.returncode == 1 and "no graph store here" in done.stderr


# ----------------------------------------------------------- credentials


class _AuthGate(BaseHTTPRequestHandler):
    """A reverse proxy in front of the real Oxigraph that demands credentials, as Fuseki or GraphDB do."""

    upstream = ""
    expected = ""  # the exact Authorization header, for Basic and Bearer
    digest: tuple[str, str] | None = None  # (user, password): demand HTTP Digest instead, as Virtuoso does
    seen: list[str] = []

    def _digest_ok(self, header: str) -> bool:
        import hashlib
        import re

        if not header.startswith("Digest "):
            return False
        f = dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))
        user, password = self.digest
        md5 = lambda text: hashlib.md5(text.encode()).hexdigest()  # noqa: E731
        ha1 = md5(f"{user}:fazhi:{password}")
        ha2 = md5(f"{self.command}:{f.get('uri')}")
        want = md5(f"{ha1}:{f.get('nonce')}:{f.get('nc')}:{f.get('cnonce')}:{f.get('qop')}:{ha2}")
        return f.get("username") == user and f.get("response") == want

    def _relay(self) -> None:
        got = self.headers.get("Authorization", "")
        self.seen.append(got)
        if not (self._digest_ok(got) if self.digest else got == self.expected):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.send_response(401)
            if self.digest:
                self.send_header("WWW-Authenticate",
                                 'Digest realm="fazhi", nonce="5f2a9c", qop="auth", algorithm=MD5')
            else:
                self.send_header("WWW-Authenticate", 'Basic realm="fazhi"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        req = urllib.request.Request(self.upstream + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, ctype, data = resp.status, resp.headers.get("Content-Type"), resp.read()
        except urllib.error.HTTPError as exc:
            status, ctype, data = exc.code, exc.headers.get("Content-Type"), exc.read()
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _relay

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def gate(remote: Server) -> Iterator[tuple[str, type[_AuthGate]]]:
    handler = type("Gate", (_AuthGate,), {"upstream": remote.base, "seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_basic_auth_password_from_environment(build: Path, remote: Server, gate) -> None:
    base, handler = gate
    handler.expected = "Basic " + base64.b64encode("admin:s3cret-中".encode()).decode()
    done = push(build, "--endpoint", base + "/query", "--gsp", base + "/store", "--user", "admin",
                env={"FAZHI_PASSWORD": "s3cret-中"})
    assert done.returncode == 0, done.stderr
    assert remote.graphs() == local_graphs(build)


def test_bearer_token_from_named_variable(build: Path, remote: Server, gate) -> None:
    base, handler = gate
    handler.expected = "Bearer tok-123"
    done = push(build, "--endpoint", base + "/query", "--gsp", base + "/store", "--token-env", "MY_TOKEN",
                env={"MY_TOKEN": "tok-123"})
    assert done.returncode == 0, done.stderr
    assert remote.graphs() == local_graphs(build)


def test_digest_auth_when_the_store_challenges_for_it(build: Path, remote: Server, gate) -> None:
    base, handler = gate
    handler.digest = ("dba", "virtuoso-pw")
    done = push(build, "--endpoint", base + "/query", "--gsp", base + "/store", "--user", "dba",
                env={"FAZHI_PASSWORD": "virtuoso-pw"})
    assert done.returncode == 0, done.stderr
    assert remote.graphs() == local_graphs(build)
    assert any(h.startswith("Digest ") for h in handler.seen)


def test_wrong_password_is_401_one_line(build: Path, gate) -> None:
    base, handler = gate
    handler.expected = "Basic " + base64.b64encode(b"admin:right").decode()
    done = push(build, "--endpoint", base + "/query", "--gsp", base + "/store", "--user", "admin",
                env={"FAZHI_PASSWORD": "wrong"})
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "401 Unauthorized" in done.stderr
    assert "wrong" not in done.stderr


def test_missing_secret_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAZHI_PASSWORD", raising=False)
    with pytest.raises(PushError, match="FAZHI_PASSWORD"):
        credentials_from_env("admin", None, None)
    monkeypatch.setenv("FAZHI_PASSWORD", "pw")
    assert credentials_from_env("admin", None, None).password == "pw"


# ----------------------------------------------------------- end to end


def test_build_edit_rebuild_push_from_the_command_line(tmp_path: Path, remote: Server) -> None:
    """The whole story with the real pipeline: build, push, edit a report, rebuild, push the change."""
    import shutil

    inputs = tmp_path / "reports"
    inputs.mkdir()
    for name in ("001_d6dfd4b6b2f767cd.txt", "002_2f10a698eab78274.txt"):
        shutil.copy(EXAMPLES / name, inputs / name)
    out = tmp_path / "out"

    def build() -> None:
        done = subprocess.run([sys.executable, "-m", "fazhi", "build", str(inputs), "-o", str(out), "--no-html"],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr

    build()
    assert push(out, "--endpoint", remote.query, "--gsp", remote.store).returncode == 0
    assert remote.select(REPORTS) == local_select(out, REPORTS)
    before = remote.graphs()

    edited = inputs / "001_d6dfd4b6b2f767cd.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n全年开展法治宣传活动12场次。\n", encoding="utf-8")
    build()
    done = push(out, "--endpoint", remote.query, "--gsp", remote.store, "--only-changed")
    assert done.returncode == 0, done.stderr
    # the changed report and the shared graph, whose summaries are derived from it
    assert "Sent 2 graphs" in done.stdout and "1 outdated report graphs dropped" in done.stdout
    assert remote.graphs() == local_graphs(out)
    assert remote.select(REPORTS) == local_select(out, REPORTS)
    assert remote.count() == sum(1 for _ in local_select(out, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert len(remote.graphs() - before) == 1 and len(before - remote.graphs()) == 1  # one report replaced


def test_same_graph_ignores_escapes_and_blank_node_labels() -> None:
    from fazhi.graph.push import same_graph

    local = '<urn:u> <urn:label> "五团"@zh .\n<urn:u> <urn:in> _:a .\n_:a <urn:name> "第七师" .\n'.encode()
    escaped = (b'<urn:u> <urn:in> _:x9 .\n_:x9 <urn:name> "\\u7B2C\\u4E03\\u5E08" .\n'
               b'<urn:u> <urn:label> "\\u4E94\\u56E2"@zh .\n')
    assert same_graph(local, escaped)
    assert not same_graph(local, escaped.replace(b"\\u4E94", b"\\u516D"))  # 六团, another unit
    assert not same_graph(local, None)
    assert same_graph('<urn:u> <urn:label> "五团"@zh .\n'.encode(), b'<urn:u> <urn:label> "\\u4E94\\u56E2"@zh .\n')


def test_a_store_of_an_older_format_is_refused_with_the_rebuild_line(build: Path, remote: Server) -> None:
    make_old_format(build / "store")
    done = push(build, "--endpoint", remote.query, "--gsp", remote.store)
    assert done.returncode != 0
    assert "built by an older fazhi-kg" in done.stderr and "rebuild it: fazhi build REPORTS -o" in done.stderr
    assert done.stderr.strip().count("\n") == 0
