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

    def bindings(self, sparql: str) -> list[dict[str, dict[str, str]]]:
        """The SPARQL JSON result bindings of a SELECT, asked over plain HTTP."""
        import json

        data = urllib.parse.urlencode({"query": sparql}).encode()
        req = urllib.request.Request(self.query, data=data,
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.load(resp)["results"]["bindings"]

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a SELECT as {variable: value}."""
        return [{k: v["value"] for k, v in b.items()} for b in self.bindings(sparql)]

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
# A build made by the real graph code (ReportStore) from extraction records
# whose quotes and offsets are taken from the sample reports, so these tests
# do not wait for spaCy. Tests that need the whole pipeline use `sample_build`.

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"

# file -> (unit, unit type, year, [(mechanism kind, quote)], [(metric quote, value, unit, measure)])
DEMO = {
    "000_8ba81e8a34f88a98.txt": ("五团", "团场", 2021,
                                 [("legal_adviser", "法律顾问团"), ("public_legal_service", "公共法律服务站")], []),
    "001_d6dfd4b6b2f767cd.txt": ("四道河子镇", "镇", 2023,
                                 [("hotline_12345", "12345"), ("fengqiao", "枫桥经验")],
                                 [("调解成功率达94.5%", 94.5, "%", "mediation_rate")]),
}


# what else 四道河子镇's report says: campaigns, a cited law, a problem and a plan for it
EXTRA_001 = {
    "campaigns": [("pufa_plan", "“八·五”普法"), ("civil_code", "“民法典”宣传月")],
    "laws": ["《中国共产党章程》"],
    "problems": [("dispute_screening", "矛盾纠纷排查不彻底")],
    "plans": [("dispute_screening", "强化镇级矛调中心统筹作用")],
}


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def demo_record(name: str, text: str):
    import hashlib

    from fazhi.extract.records import Mention, Metric, Plan, Problem, ReportMeta, ReportRecord

    unit, unit_type, year, mechanisms, metrics = DEMO[name]
    record = ReportRecord(source=f"examples/reports/{name}",
                          sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                          report=ReportMeta(title=text.splitlines()[0], unit=unit,
                                            unit_type=unit_type, year=year))
    for kind, quote in mechanisms:
        start = text.index(quote)
        record.mentions.append(Mention("mechanism", kind, quote, start, start + len(quote), "work"))
    for quote, value, unit_of, measure in metrics:
        start = text.index(quote)
        record.metrics.append(Metric(quote, start, start + len(quote), value, unit_of, measure=measure))
    if name.startswith("001_"):
        for kind, quote in EXTRA_001["campaigns"]:
            record.mentions.append(Mention("campaign", kind, quote, *_span(text, quote), "work"))
        for quote in EXTRA_001["laws"]:
            record.mentions.append(Mention("law", "law", quote, *_span(text, quote), "work"))
        for category, quote in EXTRA_001["problems"]:
            record.problems.append(Problem(quote, *_span(text, quote), category))
        for category, quote in EXTRA_001["plans"]:
            record.plans.append(Plan(quote, *_span(text, quote), category))
    return record


def write_demo_build(build_dir: Path, texts: dict[str, str] | None = None) -> Path:
    """A build directory whose store holds the DEMO reports (``texts`` overrides file contents)."""
    from fazhi.graph.store import ReportStore

    records = [demo_record(name, (texts or {}).get(name) or (EXAMPLES / name).read_text(encoding="utf-8"))
               for name in sorted(DEMO)]
    with ReportStore.open(build_dir / "store") as store:
        store.sync(records)
    return build_dir


def make_old_format(store_dir: Path) -> None:
    """Make a store look built by a fazhi-kg before graph formats were recorded (before issue 15's reshape)."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    ontology, fmt = ox.NamedNode("https://w3id.org/fazhi-kg/ontology"), ox.NamedNode(
        "https://w3id.org/fazhi-kg/ontology#graphFormat")
    for quad in list(store.quads_for_pattern(ontology, fmt, None, ox.NamedNode("https://w3id.org/fazhi-kg/graph/ontology"))):
        store.remove(quad)
    store.flush()
    del store
