"""Exports of a build: RDF syntaxes, GraphML/GEXF for Gephi and Cytoscape, CSV tables, an
Excel workbook of the overview tables, and CSV files for neo4j-admin import.

Every export is byte-deterministic: quads are sorted (by graph, then subject,
predicate, object in N-Triples form) before pyoxigraph serialises them, so
re-exporting an unchanged build gives identical files that diff cleanly.
Triple formats (Turtle, N-Triples, RDF/XML) hold the union of all graphs;
quad formats (N-Quads, TriG, JSON-LD) keep one named graph per report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph

from fazhi.graph.atomic import write_bytes_atomic
from fazhi.graph.query import PREFIXES, QueryError, open_store


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    kind: str  # triples | quads | network | tables | workbook | neo4j
    rdf: pyoxigraph.RdfFormat | None = None


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", "ttl", "triples", pyoxigraph.RdfFormat.TURTLE),
        ExportFormat("ntriples", "nt", "triples", pyoxigraph.RdfFormat.N_TRIPLES),
        ExportFormat("rdfxml", "rdf", "triples", pyoxigraph.RdfFormat.RDF_XML),
        ExportFormat("nquads", "nq", "quads", pyoxigraph.RdfFormat.N_QUADS),
        ExportFormat("trig", "trig", "quads", pyoxigraph.RdfFormat.TRIG),
        ExportFormat("jsonld", "jsonld", "quads", pyoxigraph.RdfFormat.JSON_LD),
        ExportFormat("graphml", "graphml", "network"),
        ExportFormat("gexf", "gexf", "network"),
        ExportFormat("csv", "zip", "tables"),
        ExportFormat("xlsx", "xlsx", "workbook"),
        ExportFormat("neo4j", "neo4j", "neo4j"),
    )
}

ALIASES = {
    "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads",
    "n-quads": "nquads", "json-ld": "jsonld", "xml": "rdfxml", "rdf": "rdfxml",
    "rdf/xml": "rdfxml", "owl": "rdfxml", "excel": "xlsx", "neo4j-admin": "neo4j",
}


def _export_prefixes() -> dict[str, str]:
    """The query prefixes plus any other prefix the ontology files declare (vann: …)."""
    from importlib import resources

    found = dict(PREFIXES)
    folder = resources.files("fazhi.ontology")
    files = [folder / "fazhi.ttl", *sorted((folder / "vocab").iterdir(), key=lambda f: f.name)]
    for ttl in files:
        if not ttl.name.endswith(".ttl"):
            continue
        for match in re.finditer(r"@prefix\s+([A-Za-z][\w-]*):\s*<([^>]+)>", ttl.read_text("utf-8")):
            name, iri = match.groups()
            if name not in found and iri not in found.values():
                found[name] = iri
    return dict(sorted(found.items()))


EXPORT_PREFIXES = _export_prefixes()


class ExportError(Exception):
    """An export that cannot be made; the message is one line for the user."""


def resolve_format(name: str | None, out: Path | None = None) -> ExportFormat:
    """The export format named ``name`` (or alias), else guessed from ``out``'s extension."""
    if name:
        key = ALIASES.get(name.lower(), name.lower())
        if key not in FORMATS:
            raise ExportError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
        return FORMATS[key]
    if out is not None:
        suffix = out.suffix.lower().lstrip(".")
        for fmt in FORMATS.values():
            if suffix == fmt.extension or ALIASES.get(suffix) == fmt.name:
                return fmt
        if out.suffix == "" and out.name:  # a folder name: the CSV tables
            return FORMATS["csv"]
    raise ExportError(f"give --format ({', '.join(FORMATS)})")


# ---------------------------------------------------------------- RDF


def _split_dump(store: pyoxigraph.Store) -> tuple[set[bytes], set[tuple[bytes, bytes]]]:
    """The store's lines: default-graph N-Triples, and (graph, triple body) for named graphs.

    One dump of the whole store, split as bytes: far faster than a dump per
    graph. The graph is the last term of a line (IRIs and blank nodes hold no
    spaces); default-graph lines are told apart by dumping that graph alone.
    """
    default = set(store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES,
                             from_graph=pyoxigraph.DefaultGraph()).splitlines())
    default.discard(b"")
    named: set[tuple[bytes, bytes]] = set()
    for line in store.dump(format=pyoxigraph.RdfFormat.N_QUADS).splitlines():
        if not line or line in default:
            continue
        body, graph = line[:-2].rstrip().rsplit(b" ", 1)
        named.add((graph, body))
    return default, named


def sorted_nquads(store: pyoxigraph.Store) -> bytes:
    """Every quad as N-Quads: default graph first, then by graph IRI, each sorted and unique."""
    default, named = _split_dump(store)
    lines = [*sorted(default), *(body + b" " + graph + b" ." for graph, body in sorted(named))]
    return b"".join(line + b"\n" for line in lines)


def sorted_triples(store: pyoxigraph.Store) -> bytes:
    """The union of all graphs as sorted, de-duplicated N-Triples."""
    default, named = _split_dump(store)
    lines = default | {body + b" ." for _, body in named}
    return b"".join(line + b"\n" for line in sorted(lines))


def sorted_quads(store: pyoxigraph.Store) -> Iterator[pyoxigraph.Quad]:
    """Every quad, grouped by graph (default first) and sorted within each graph."""
    return pyoxigraph.parse(sorted_nquads(store), format=pyoxigraph.RdfFormat.N_QUADS)


def export_rdf(store: pyoxigraph.Store, fmt: ExportFormat) -> bytes:
    """``store`` serialised in the RDF format ``fmt``, sorted."""
    if fmt.name == "ntriples":
        return sorted_triples(store)
    if fmt.name == "nquads":
        return sorted_nquads(store)
    if fmt.name == "jsonld":
        return _compact_jsonld(pyoxigraph.serialize(sorted_quads(store), format=fmt.rdf))
    if fmt.kind == "quads":
        return pyoxigraph.serialize(sorted_quads(store), format=fmt.rdf, prefixes=EXPORT_PREFIXES)
    triples = pyoxigraph.parse(sorted_triples(store), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return pyoxigraph.serialize(triples, format=fmt.rdf, prefixes=EXPORT_PREFIXES)


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _compact_jsonld(expanded: bytes) -> bytes:
    """Compact pyoxigraph's expanded JSON-LD with an @context of the ontology's prefixes.

    Property names, node ids, classes and datatypes become ``prefix:local``
    when a prefix matches; ``rdf:type`` becomes ``@type``. The @context makes
    every short form expand back to the same IRI, so the graph is unchanged.
    """
    namespaces = sorted(EXPORT_PREFIXES.items(), key=lambda item: -len(item[1]))

    def short(iri: str) -> str:
        for prefix, ns in namespaces:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def node(obj: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "@id" in obj:
            out["@id"] = short(obj["@id"])
        if _RDF_TYPE in obj and all(set(v) == {"@id"} for v in obj[_RDF_TYPE]):
            out["@type"] = [short(v["@id"]) for v in obj[_RDF_TYPE]]
        for key, values in obj.items():
            if key in ("@id",) or (key == _RDF_TYPE and "@type" in out):
                continue
            if key == "@graph":
                out["@graph"] = [node(v) for v in values]
                continue
            out[short(key)] = [value(v) for v in values]
        return out

    def value(obj: dict[str, Any]) -> dict[str, Any]:
        if "@value" in obj:
            out = dict(obj)
            if "@type" in out:
                out["@type"] = short(out["@type"])
            return out
        return node(obj)

    doc = json.loads(expanded.decode("utf-8")) if expanded.strip() else []
    items = doc if isinstance(doc, list) else [doc]
    compacted = {"@context": EXPORT_PREFIXES, "@graph": [node(i) for i in items]}
    return (json.dumps(compacted, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ---------------------------------------------------------------- networks


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _attribute_type(values: list[Any]) -> type:
    kinds = {type(v) for v in values}
    if kinds <= {bool}:
        return bool
    if kinds <= {int}:
        return int
    if kinds <= {int, float}:
        return float
    return str


def flatten_network(G: Any, gexf: bool = False) -> Any:
    """A copy of ``G`` whose attributes GraphML/GEXF can hold, with sorted nodes and edges.

    Lists and dicts become JSON strings; a key whose values mix types becomes
    text throughout (Gephi declares one type per column). GEXF reserves the
    edge attribute ``type`` (directed/undirected), so it is written as ``relation``.
    """
    import networkx as nx

    def clean(data: dict[str, Any]) -> dict[str, Any]:
        return {k: _flat(v) for k, v in sorted(data.items()) if v is not None}

    nodes = [(str(n), clean(d)) for n, d in G.nodes(data=True)]
    edges = [(str(u), str(v), clean(d)) for u, v, d in G.edges(data=True)]
    if gexf:
        for _, _, data in edges:
            if "type" in data:
                data["relation"] = data.pop("type")
    for items in ([d for _, d in nodes], [d for _, _, d in edges]):
        keys = {k for d in items for k in d}
        for key in keys:
            kind = _attribute_type([d[key] for d in items if key in d])
            for d in items:
                if key in d:
                    d[key] = kind(d[key]) if kind is not str else str(d[key])
    flat = nx.MultiDiGraph()
    flat.graph["name"] = "fazhi-kg"
    flat.add_nodes_from(sorted(nodes, key=lambda item: item[0]))
    ordered = sorted(edges, key=lambda e: (e[0], e[1], json.dumps(e[2], ensure_ascii=False, sort_keys=True)))
    for i, (u, v, data) in enumerate(ordered):
        flat.add_edge(u, v, key=f"e{i}", **data)
    return flat


def export_network(G: Any, fmt: ExportFormat) -> bytes:
    """The networkx projection ``G`` as GraphML or GEXF 1.2 (UTF-8 XML)."""
    import io

    import networkx as nx

    buffer = io.BytesIO()
    if fmt.name == "graphml":
        nx.write_graphml(flatten_network(G), buffer, encoding="utf-8", named_key_ids=True)
    else:
        nx.write_gexf(flatten_network(G, gexf=True), buffer, encoding="utf-8", version="1.2draft")
        # networkx stamps today's date and its version: drop them so exports are reproducible
        data = re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1)
        return re.sub(rb"<creator>[^<]*</creator>", b"<creator>fazhi-kg</creator>", data, count=1)
    return buffer.getvalue()


# ---------------------------------------------------------------- entry point


def export(source: Any, fmt: ExportFormat, out: Path | None = None) -> bytes | Path:
    """Export the build ``source`` in ``fmt``: bytes, or written atomically to ``out``.

    CSV tables and the neo4j files go to a folder (or ``.zip`` file), the
    workbook to an ``.xlsx`` file: they always need ``out``.
    """
    try:
        store = open_store(source)
    except QueryError as exc:
        raise ExportError(str(exc)) from exc
    try:
        if fmt.kind == "tables":
            if out is None:
                raise ExportError("csv writes several tables: give -o FOLDER or -o FILE.zip")
            from fazhi.graph.csv_tables import write_tables

            return write_tables(store, out)
        if fmt.kind in ("workbook", "neo4j") and out is None:
            raise ExportError(f"{fmt.name} writes files: give -o "
                              + ("FILE.xlsx" if fmt.kind == "workbook" else "FOLDER or -o FILE.zip"))
        if fmt.kind == "neo4j":
            from fazhi.graph.neo4j import write_neo4j
            from fazhi.graph.projection import to_networkx

            return write_neo4j(to_networkx(store), out)
        if fmt.kind == "workbook":
            from fazhi.graph.projection import to_networkx
            from fazhi.graph.xlsx import workbook_bytes

            data = workbook_bytes(to_networkx(store))
        elif fmt.kind == "network":
            from fazhi.graph.projection import to_networkx

            data = export_network(to_networkx(store), fmt)
        else:
            data = export_rdf(store, fmt)
        if out is None:
            return data
        write_bytes_atomic(out, data)
        return out
    except OSError as exc:
        where = exc.filename or out
        raise ExportError(f"{where}: {exc.strerror or exc}") from exc

