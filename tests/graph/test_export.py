"""``fazhi export``: every RDF syntax parses back to the same graph; networks and tables open."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from fazhi.graph.export import FORMATS, ExportError, export, resolve_format
from fazhi.graph.query import open_store
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from fazhi.cli import app

RDFLIB_NAMES = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml",
                "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}


def _term(term: object) -> str:
    return term.n3() if hasattr(term, "n3") else str(term)


@pytest.fixture(scope="module")
def store_quads(sample_build: Path) -> set[tuple[str, str, str, str]]:
    """The build's quads (N-Triples form), read straight from Oxigraph."""
    data = open_store(sample_build).dump(format=pyoxigraph.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return {(_term(s), _term(p), _term(o), _term(g.identifier if hasattr(g, "identifier") else g))
            for s, p, o, g in ds.quads((None, None, None, None))}


def _dataset_quads(data: bytes, rdflib_format: str) -> set[tuple[str, str, str, str]]:
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format=rdflib_format)
    return {(_term(s), _term(p), _term(o), _term(g.identifier if hasattr(g, "identifier") else g))
            for s, p, o, g in ds.quads((None, None, None, None))}


@pytest.mark.parametrize("name", ["nquads", "trig", "jsonld"])
def test_quad_formats_keep_every_named_graph(sample_build: Path, store_quads: set, name: str) -> None:
    data = export(sample_build, FORMATS[name])
    assert _dataset_quads(data, RDFLIB_NAMES[name]) == store_quads
    graphs = {q[3] for q in store_quads}
    assert sum(g.startswith("<https://w3id.org/fazhi-kg/graph/report/") for g in graphs) == 5


@pytest.mark.parametrize("name", ["turtle", "ntriples", "rdfxml"])
def test_triple_formats_hold_the_union(sample_build: Path, store_quads: set, name: str) -> None:
    data = export(sample_build, FORMATS[name])
    parsed = rdflib.Graph()
    parsed.parse(data=data.decode("utf-8"), format=RDFLIB_NAMES[name])
    union = rdflib.Graph()
    union.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o, _ in store_quads), format="nt")
    assert isomorphic(parsed, union)
    assert len(parsed) == len({q[:3] for q in store_quads})


@pytest.mark.parametrize("name", sorted(RDFLIB_NAMES))
def test_exports_are_byte_deterministic(sample_build: Path, name: str) -> None:
    assert export(sample_build, FORMATS[name]) == export(sample_build, FORMATS[name])


def test_ntriples_are_sorted_and_unique(sample_build: Path) -> None:
    lines = export(sample_build, FORMATS["ntriples"]).decode("utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_jsonld_is_compact_with_the_ontology_prefixes(sample_build: Path) -> None:
    doc = json.loads(export(sample_build, FORMATS["jsonld"]))
    assert doc["@context"]["fz"] == "https://w3id.org/fazhi-kg/ontology#"
    text = json.dumps(doc, ensure_ascii=False)
    assert '"fz:Report"' in text and '"skos:prefLabel"' in text

    def keys(node: object) -> set[str]:
        if isinstance(node, dict):
            return set(node) | {k for v in node.values() for k in keys(v)}
        if isinstance(node, list):
            return {k for v in node for k in keys(v)}
        return set()

    assert not [k for k in keys(doc["@graph"]) if k.startswith(("http://", "https://"))]


def test_turtle_uses_prefixes_and_keeps_chinese_readable(sample_build: Path) -> None:
    text = export(sample_build, FORMATS["turtle"]).decode("utf-8")
    assert "@prefix fz: <https://w3id.org/fazhi-kg/ontology#> ." in text
    assert '"四道河子镇"@zh' in text


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_networks_open_with_labels_and_counts(sample_build: Path, tmp_path: Path, name: str) -> None:
    from fazhi.graph.projection import to_networkx

    path = tmp_path / f"graph.{name}"
    export(sample_build, FORMATS[name], path)
    G = nx.read_graphml(path) if name == "graphml" else nx.read_gexf(path)
    projection = to_networkx(sample_build)
    assert G.number_of_nodes() == projection.number_of_nodes()
    assert G.number_of_edges() == projection.number_of_edges()
    labels = {d.get("label") for _, d in G.nodes(data=True)}
    assert "四道河子镇" in labels
    units = [d for _, d in G.nodes(data=True) if d.get("type") == "unit"]
    assert len(units) >= 5 and all(isinstance(d["count"], int) for d in units)
    relation = "type" if name == "graphml" else "relation"
    edge = next(d for _, _, d in G.edges(data=True) if d.get(relation) == "hasMechanism")
    evidence = json.loads(edge["evidence"])  # lists and dicts travel as JSON strings
    assert evidence and {"quote", "start", "end"} <= set(evidence[0])
    assert path.read_bytes() == export(sample_build, FORMATS[name])


def test_csv_tables_open_in_excel(sample_build: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    export(sample_build, FORMATS["csv"], folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["mechanisms.csv", "numbers.csv", "plans.csv", "problems.csv", "reports.csv", "units.csv"]
    raw = (folder / "numbers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 Chinese
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert any(r["quote"] == "调解成功率达94.5%" and float(r["value"]) == 94.5 for r in rows)
    reports = list(csv.DictReader(io.StringIO((folder / "reports.csv").read_text("utf-8-sig"))))
    assert len(reports) == 5


def test_csv_zip_is_deterministic(sample_build: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    export(sample_build, resolve_format(None, first), first)
    export(sample_build, resolve_format("csv"), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert "units.csv" in archive.namelist()
        assert "四道河子镇" in archive.read("units.csv").decode("utf-8-sig")


def test_format_from_extension_and_aliases(tmp_path: Path) -> None:
    assert resolve_format(None, tmp_path / "g.ttl").name == "turtle"
    assert resolve_format(None, tmp_path / "g.nq").name == "nquads"
    assert resolve_format("json-ld").name == "jsonld"
    assert resolve_format(None, tmp_path / "tables").name == "csv"
    with pytest.raises(ExportError, match="unknown format 'yaml'"):
        resolve_format("yaml")


def test_cli_export_stdout_and_file(sample_build: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "nt", "--store", str(sample_build)])
    assert result.exit_code == 0
    assert result.stdout_bytes == export(sample_build, FORMATS["ntriples"])
    out = tmp_path / "graph.trig"
    result = runner.invoke(app, ["export", "-o", str(out), "--store", str(sample_build)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == export(sample_build, FORMATS["trig"])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "yaml"], "unknown format 'yaml'"),
        (["--format", "csv"], "give -o FOLDER"),
        (["--format", "ttl", "--store", "/nonexistent/build"], "no graph store"),
    ],
)
def test_cli_export_errors(sample_build: Path, args: list[str], message: str) -> None:
    if "--store" not in args:
        args = [*args, "--store", str(sample_build)]
    result = CliRunner().invoke(app, ["export", *args])
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
