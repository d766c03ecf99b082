"""`fazhi serve`: the build's store answers real SPARQL clients over HTTP, read-only by default."""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fazhi.graph.serve import OxigraphServer, ServeError, active_server, find_oxigraph, free_port

sys.path.insert(0, str(Path(__file__).parent))  # the helper module beside this file
from oxigraph_server import make_old_format, write_demo_build  # noqa: E402

pytestmark = pytest.mark.server

FZ = "https://w3id.org/fazhi-kg/ontology#"
OA = "http://www.w3.org/ns/oa#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
MECHANISMS = (f"SELECT ?unit ?kind WHERE {{ ?u <{FZ}hasMechanism> ?kind ; "
              f"<http://www.w3.org/2004/02/skos/core#prefLabel> ?unit }} ORDER BY ?unit ?kind")


@pytest.fixture(scope="module")
def build(sample_build: Path) -> Path:
    """The build of examples/reports by the real pipeline (read-only here)."""
    return sample_build


def start_cli(build: Path, *extra: str) -> tuple[subprocess.Popen, str, str]:
    """Run `fazhi serve` as a user would; return the process, the endpoint and all it printed."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--store", str(build), "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    printed = []
    while not printed or not printed[-1].startswith("Press Ctrl-C"):
        line = proc.stdout.readline()
        if not line:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"fazhi serve did not start: {''.join(printed)}{out}{err}")
        printed.append(line)
    return proc, printed[0].split(": ", 1)[1].strip(), "".join(printed)


def stop(proc: subprocess.Popen, signum: int = signal.SIGINT) -> tuple[int, str, str]:
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=15)
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def endpoint(build: Path) -> Iterator[str]:
    proc, url, _ = start_cli(build)
    yield url
    stop(proc)


def post(url: str, data: dict[str, str], accept: str) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def local_rows(build: Path, sparql: str) -> list[tuple[str, ...]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(build / "store"))
    answer = store.query(sparql, use_default_graph_as_union=True)
    return [tuple(s[v].value for v in [v.value for v in answer.variables]) for s in answer]


def test_prints_endpoint_and_a_working_example_query(build: Path) -> None:
    proc, url, out = start_cli(build)
    try:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/query")
        assert active_server(build) == url  # what `fazhi build` can check before rewriting the store
        curl = next(line.strip() for line in out.splitlines() if line.strip().startswith("curl "))
        if shutil.which("curl") is None:
            pytest.skip("curl is not installed")
        answer = subprocess.run(curl, shell=True, capture_output=True, text=True, timeout=30)
        rows = list(csv.reader(io.StringIO(answer.stdout)))
        assert rows[0] == ["unit", "mechanism"] and len(rows) > 1
    finally:
        code, _, err = stop(proc)
    assert code == 0 and "stopped" in err
    assert active_server(build) is None


def test_sparqlwrapper_gets_same_answers_as_local_store(endpoint: str, build: Path) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(MECHANISMS)
    client.setReturnFormat(JSON)
    rows = [(b["unit"]["value"], b["kind"]["value"]) for b in client.query().convert()["results"]["bindings"]]
    assert rows and rows == local_rows(build, MECHANISMS)


def saved_query_names() -> list[str]:
    from fazhi.graph.query import saved_queries

    return sorted(saved_queries())


@pytest.mark.parametrize("name", saved_query_names())
def test_saved_queries_answer_as_fazhi_query_does(endpoint: str, build: Path, name: str) -> None:
    from fazhi.graph.query import prefix_header, saved_queries
    from SPARQLWrapper import JSON, SPARQLWrapper

    local = subprocess.run([sys.executable, "-m", "fazhi", "query", "--name", name, "--format", "json",
                            "--store", str(build)], capture_output=True, text=True, timeout=120)
    assert local.returncode == 0, local.stderr
    expected = json.loads(local.stdout)
    text = saved_queries()[name].text
    client = SPARQLWrapper(endpoint)
    client.setQuery(prefix_header(text) + text)
    # SPARQLWrapper guesses the query type from the first keyword anywhere, comments included
    client.queryType = "ASK" if "boolean" in expected else "SELECT"
    client.setReturnFormat(JSON)
    served = client.query().convert()
    if "boolean" in expected:
        assert served["boolean"] == expected["boolean"]
        return
    canon = lambda doc: sorted(json.dumps(b, sort_keys=True, ensure_ascii=False)  # noqa: E731
                               for b in doc["results"]["bindings"])
    assert served["head"]["vars"] == expected["head"]["vars"]
    assert canon(served) == canon(expected)


def test_rdflib_sparqlstore_reads_union_of_report_graphs(endpoint: str, build: Path,
                                                         sample_reports: list[Path]) -> None:
    from rdflib import Graph, Literal
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(SPARQLStore(endpoint, returnFormat="json"))
    quotes = {str(row.q) for row in graph.query(f"SELECT DISTINCT ?q WHERE {{ ?sel <{OA}exact> ?q }}")}
    local = {row[0] for row in local_rows(build, f"SELECT DISTINCT ?q WHERE {{ ?sel <{OA}exact> ?q }}")}
    assert quotes and quotes == local
    texts = [p.read_text(encoding="utf-8") for p in sample_reports]
    assert all(any(q in t for t in texts) for q in quotes)  # evidence is the reports' own words
    ask = graph.query(f"ASK {{ ?u a <{FZ}Unit> ; <{SKOS}prefLabel> {Literal('四道河子镇', lang='zh').n3()} }}")
    assert ask.askAnswer is True


@pytest.mark.parametrize("accept", [
    "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
])
def test_select_results_in_every_standard_format(endpoint: str, build: Path, accept: str) -> None:
    status, ctype, body = post(endpoint, {"query": MECHANISMS}, accept)
    assert status == 200 and ctype.startswith(accept)
    text = body.decode("utf-8")
    if accept.endswith("json"):
        rows = [(b["unit"]["value"], b["kind"]["value"]) for b in json.loads(text)["results"]["bindings"]]
    elif accept.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        rows = [tuple(r.find(f"r:binding[@name='{v}']/r:{t}", ns).text for v, t in (("unit", "literal"), ("kind", "uri")))
                for r in ET.fromstring(text).iterfind(".//r:result", ns)]
    elif accept == "text/csv":
        rows = [tuple(r) for r in list(csv.reader(io.StringIO(text)))[1:]]
    else:  # TSV writes terms as in Turtle: "label"@zh and <IRI>
        rows = [(u.rsplit("@", 1)[0].strip('"'), k.strip("<>"))
                for u, k in (line.split("\t") for line in text.splitlines()[1:])]
    assert rows == local_rows(build, MECHANISMS)


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
])
def test_construct_results_as_rdf(endpoint: str, build: Path, accept: str, fmt: str) -> None:
    from rdflib import Graph, URIRef

    query = f"CONSTRUCT {{ ?u <{FZ}hasMechanism> ?k }} WHERE {{ ?u <{FZ}hasMechanism> ?k }}"
    status, ctype, body = post(endpoint, {"query": query}, accept)
    assert status == 200 and ctype.startswith(accept)
    graph = Graph().parse(data=body.decode("utf-8"), format=fmt)
    expected = {(URIRef(u), URIRef(k)) for u, k in
                local_rows(build, f"SELECT ?u ?k WHERE {{ ?u <{FZ}hasMechanism> ?k }}")}
    assert expected and set(graph.subject_objects(URIRef(FZ + "hasMechanism"))) == expected
    assert len(graph) == len(expected)


def test_bad_query_gets_engine_error_and_server_keeps_serving(endpoint: str) -> None:
    status, _, body = post(endpoint, {"query": "SELECT ?x WHERE { ?x ?p "}, "application/sparql-results+json")
    assert status == 400 and b"error" in body.lower()
    status, _, body = post(endpoint, {"query": "ASK { ?s ?p ?o }"}, "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_update_refused_by_read_only_server(endpoint: str, build: Path) -> None:
    update_url = endpoint.rsplit("/", 1)[0] + "/update"
    status, _, _ = post(update_url, {"update": "INSERT DATA { <urn:x> <urn:y> <urn:z> }"}, "*/*")
    assert status in (403, 405)
    status, _, body = post(endpoint, {"query": "ASK { <urn:x> ?p ?o }"}, "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False


def test_writable_server_accepts_updates(tmp_path: Path) -> None:
    build = write_demo_build(tmp_path)
    proc, url, _ = start_cli(build, "--writable")
    try:
        base = url.rsplit("/", 1)[0]
        status, _, _ = post(base + "/update", {"update": "INSERT DATA { GRAPH <urn:g> { <urn:x> <urn:y> <urn:z> } }"}, "*/*")
        assert status == 204
        status, _, body = post(url, {"query": "ASK { <urn:x> ?p ?o }"}, "application/sparql-results+json")
        assert json.loads(body)["boolean"] is True
    finally:
        code, _, _ = stop(proc, signal.SIGTERM)
    assert code == 0


def test_stop_frees_the_port(build: Path) -> None:
    proc, url, _ = start_cli(build)
    port = int(url.split(":")[2].split("/")[0])
    code, _, _ = stop(proc, signal.SIGTERM)
    assert code == 0
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # ignore TIME_WAIT, not listeners
        sock.bind(("127.0.0.1", port))  # would raise if the oxigraph child still listened
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url.rsplit("/", 1)[0] + "/", timeout=2)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi", "serve", *args],
                          capture_output=True, text=True, timeout=60)


def test_missing_store_is_one_clear_line(tmp_path: Path) -> None:
    done = run_cli("--store", str(tmp_path / "nowhere"), "--port", str(free_port()))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "nowhere: no graph store here" in done.stderr


def test_a_store_of_an_older_format_is_refused_with_the_rebuild_line(tmp_path: Path) -> None:
    build = write_demo_build(tmp_path / "out")
    make_old_format(build / "store")
    done = run_cli("--store", str(build), "--port", str(free_port()))
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0
    assert "built by an older fazhi-kg" in done.stderr and "rebuild it: fazhi build REPORTS -o" in done.stderr


def test_port_in_use_is_reported(build: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        done = run_cli("--store", str(build), "--port", str(port))
    assert done.returncode == 2 and f"127.0.0.1:{port} is already in use" in done.stderr


def test_refuses_a_store_a_build_holds_open(tmp_path: Path) -> None:
    import pyoxigraph as ox

    build = write_demo_build(tmp_path)
    writer = ox.Store(str(build / "store"))  # as `fazhi build` would hold it
    try:
        done = run_cli("--store", str(build), "--port", str(free_port()))
    finally:
        del writer
    assert done.returncode == 2 and "open in another process" in done.stderr


def test_server_command_is_read_only_with_union_default_graph(build: Path) -> None:
    cmd = OxigraphServer(build / "store", port=7000).command()
    assert Path(cmd[0]) == find_oxigraph() and cmd[1] == "serve-read-only"
    assert "--union-default-graph" in cmd and cmd[cmd.index("--bind") + 1] == "127.0.0.1:7000"
    assert OxigraphServer(build / "store", writable=True).command()[1] == "serve"


def test_not_a_store_is_refused_before_start(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="not an Oxigraph store"):
        OxigraphServer(tmp_path, port=free_port()).start()


def test_cors_lets_other_origins_query(build: Path) -> None:
    proc, url, _ = start_cli(build, "--cors")
    try:
        req = urllib.request.Request(url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"),
                                     headers={"Origin": "http://yasgui.example", "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.headers.get("Access-Control-Allow-Origin") in ("*", "http://yasgui.example")
    finally:
        stop(proc)
