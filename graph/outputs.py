"""The files a build writes beside its store: graph.ttl and ontology.html.

graph.ttl is the union of every report graph with the ontology and the
vocabularies, one sorted Turtle document: the same store always gives the
same bytes. Files are written atomically (temp file + rename).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat, Triple, serialize

from fazhi.graph.atomic import write_bytes_atomic
from fazhi.graph.namespaces import PREFIXES


# data and concept IRIs stay whole: as prefixed names their "/" and "%" would need escapes
TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p not in ("fzid", "fzv")}


def union_triples(store: Any) -> list[Triple]:
    """Every distinct triple of every graph of a pyoxigraph store, sorted."""
    return sorted({q.triple for q in store}, key=str)  # by N-Triples text: subject first


def turtle_bytes(store: Any) -> bytes:
    """The union of ``store``'s graphs as deterministic Turtle."""
    return serialize(union_triples(store), format=RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)


def write_outputs(store: Any, outdir: Path) -> dict[str, Path]:
    """Write graph.ttl and ontology.html for a ReportStore (or pyoxigraph Store) into ``outdir``."""
    from fazhi.graph.ontology_page import write_ontology_page

    inner = getattr(store, "store", store)
    outdir = Path(outdir)
    ttl = outdir / "graph.ttl"
    write_bytes_atomic(ttl, turtle_bytes(inner))
    page = write_ontology_page(outdir / "ontology.html")
    return {"ttl": ttl, "ontology": page}
