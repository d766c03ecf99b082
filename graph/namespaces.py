"""The IRIs every graph module agrees on: namespaces, named graphs, prefixes.

Kept as plain strings so modules that only need an IRI (SPARQL text, the
projection, pyoxigraph quads) never import rdflib for it.
"""

from __future__ import annotations

FZ = "https://w3id.org/fazhi-kg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/fazhi-kg/ontology"
ID = "https://w3id.org/fazhi-kg/id/"
VOCAB = "https://w3id.org/fazhi-kg/vocab/"
GRAPH = "https://w3id.org/fazhi-kg/graph/"

GRAPH_ONTOLOGY = GRAPH + "ontology"
GRAPH_VOCAB = GRAPH + "vocab"
GRAPH_REPORT = GRAPH + "report/"  # + sha256
GRAPH_SHARED = GRAPH + "shared"  # units, laws and divisions, each described once (derived from the reports)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
SH = "http://www.w3.org/ns/shacl#"

# vocabulary schemes: concept IRI = VOCAB + scheme + "/" + key
SCHEME_MECHANISM = "mechanism"
SCHEME_CAMPAIGN = "campaign"
SCHEME_PROBLEM = "problem"
SCHEME_UNIT_TYPE = "unit-type"
SCHEME_MEASURE = "measure"

PREFIXES: dict[str, str] = {
    "fz": FZ,
    "fzid": ID,
    "fzv": VOCAB,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "org": ORG,
    "prov": PROV,
    "dcterms": DCTERMS,
    "oa": OA,
    "schema": SCHEMA,
}


# One prefix per vocabulary scheme, so a concept is ``mech:hotline_12345``
# (a SPARQL local name cannot hold the ``/`` of ``fzv:mechanism/…``).
VOCAB_PREFIXES: dict[str, str] = {
    "mech": f"{VOCAB}{SCHEME_MECHANISM}/",
    "camp": f"{VOCAB}{SCHEME_CAMPAIGN}/",
    "prob": f"{VOCAB}{SCHEME_PROBLEM}/",
    "utype": f"{VOCAB}{SCHEME_UNIT_TYPE}/",
    "meas": f"{VOCAB}{SCHEME_MEASURE}/",
}

# Every prefix a query may use without declaring it: the ontology's and the vocabularies'.
QUERY_PREFIXES: dict[str, str] = dict(sorted({**VOCAB_PREFIXES, **PREFIXES}.items()))


def report_graph(sha256: str) -> str:
    """The named graph holding everything one report says."""
    return GRAPH_REPORT + sha256


def concept(scheme: str, key: str) -> str:
    """The IRI of vocabulary concept ``key`` in ``scheme`` (``mechanism``, ``campaign`` …)."""
    from urllib.parse import quote

    return f"{VOCAB}{scheme}/{quote(key, safe='')}"


def sparql_prefixes() -> str:
    """PREFIX lines for SPARQL text, so queries can use the same short names."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
