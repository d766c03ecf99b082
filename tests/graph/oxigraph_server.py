"""A real Oxigraph server process for tests: free loopback port, temporary store, clean stop.

Independent of ``fazhi.graph.serve`` on purpose, so the tests of ``fazhi serve``
and ``fazhi push`` do not check the code with itself.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    assert found, "the oxigraph binary (pip install oxigraph) is needed for server tests"
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, proc: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


@dataclass
class Server:
    base: str
    process: subprocess.Popen

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def update(self) -> str:
        return self.base + "/update"

    @property
    def store(self) -> str:
        return self.base + "/store"

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a SELECT as {variable: value} (SPARQL JSON results over plain HTTP)."""
        import json

        data = urllib.parse.urlencode({"query": sparql}).encode()
        req = urllib.request.Request(self.query, data=data,
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            answer = json.load(resp)
        return [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]

    def count(self) -> int:
        """Quads in all named graphs."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"])

    def graphs(self) -> set[str]:
        return {r["g"] for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


@contextmanager
def oxigraph_server(location: Path, *, writable: bool = True, union: bool = True) -> Iterator[Server]:
    """Run ``oxigraph serve`` (or ``serve-read-only``) on ``location``; stop it afterwards."""
    port = free_port()
    mode = "serve" if writable else "serve-read-only"
    cmd = [oxigraph_binary(), mode, "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union:
        cmd.append("--union-default-graph")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_answering(base + "/", proc)
        yield Server(base, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------- a small real build
# Until the extraction pipeline is in, tests make a store the way the graph
# contract says a build does: one named graph per report (keyed by the file's
# SHA-256) with the report node, its unit, a mechanism shortcut and the quote.

FZ = "https://w3id.org/fazhi-kg/ontology#"
ID = "https://w3id.org/fazhi-kg/id/"
GRAPH = "https://w3id.org/fazhi-kg/graph/"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"

# (file, unit, mechanism key, quote) — the quote is a real sentence of that file
DEMO = [
    ("000_8ba81e8a34f88a98.txt", "五团", "legal_adviser", "落实一连(社区)一法律顾问工作"),
    ("001_d6dfd4b6b2f767cd.txt", "四道河子镇", "hotline_12345", "完善“12345”平台诉求办理闭环"),
]


def report_quads(text: str, source: str, unit: str, mechanism: str, quote: str) -> list:
    import hashlib
    import urllib.parse as up

    import pyoxigraph as ox

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    g = ox.NamedNode(GRAPH + "report/" + sha)
    report = ox.NamedNode(ID + "report/" + sha)
    unit_node = ox.NamedNode(ID + "unit/" + up.quote(unit, safe=""))
    kind = ox.NamedNode("https://w3id.org/fazhi-kg/vocab/mechanism/" + mechanism)
    start = text.index(quote)
    mention = ox.NamedNode(f"{ID}mention/{sha}/{start}-{start + len(quote)}")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    xint = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    triples = [
        (report, rdf_type, ox.NamedNode(FZ + "Report")),
        (report, ox.NamedNode(FZ + "sha256"), ox.Literal(sha)),
        (report, ox.NamedNode(FZ + "sourcePath"), ox.Literal(source)),
        (unit_node, rdf_type, ox.NamedNode(FZ + "Unit")),
        (unit_node, label, ox.Literal(unit, language="zh")),
        (unit_node, ox.NamedNode(FZ + "hasMechanism"), kind),
        (mention, rdf_type, ox.NamedNode(FZ + "Mention")),
        (mention, ox.NamedNode(FZ + "exact"), ox.Literal(quote, language="zh")),
        (mention, ox.NamedNode(FZ + "start"), ox.Literal(str(start), datatype=xint)),
        (mention, ox.NamedNode(FZ + "inReport"), report),
    ]
    return [ox.Quad(s, p, o, g) for s, p, o in triples]


def write_demo_build(build_dir: Path, texts: dict[str, str] | None = None) -> Path:
    """A build directory whose store holds the DEMO reports (``texts`` overrides file contents)."""
    import pyoxigraph as ox

    (build_dir / "store").mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(build_dir / "store"))
    for name, unit, mechanism, quote in DEMO:
        text = (texts or {}).get(name) or (EXAMPLES / name).read_text(encoding="utf-8")
        store.extend(report_quads(text, f"examples/reports/{name}", unit, mechanism, quote))
    onto = ox.NamedNode(GRAPH + "ontology")
    store.add(ox.Quad(ox.NamedNode(FZ + "Report"),
                      ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("法治政府建设年度报告", language="zh"), onto))
    store.flush()
    del store
    return build_dir
