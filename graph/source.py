"""Opening a build: the one place that turns "out", "out/store" or a graph object into a store.

Every command that reads a build (query, export, validate, view, serve,
push) and the Python API take the same things, a build directory, its
``store/`` folder, a ``ReportStore``, a ``pyoxigraph.Store`` or an rdflib
``Dataset``/``Graph``, and they all fail the same way: one ``SourceError``
whose message is a line for the user. Directories open read-only, so a reader
never blocks or changes a build.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fazhi.graph.namespaces import FZ, GRAPH_ONTOLOGY, ONTOLOGY_IRI
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, parse

# the graph a plain rdflib Graph (no named graphs) is loaded into
SINGLE_GRAPH = "urn:x-fazhi:single-graph"


class SourceError(ValueError):
    """A build, store or graph that cannot be opened; the message is one line for the user."""


def store_path(source: str | Path) -> Path:
    """The store folder of a build directory (``out`` → ``out/store``), or the store folder itself."""
    path = Path(source)
    for candidate in (path / "store", path):
        if (candidate / "CURRENT").is_file():
            return candidate
    raise SourceError(f"{path}: no graph store here (run `fazhi build -o {path}` first)")


_FORMAT = NamedNode(FZ + "graphFormat")


@lru_cache(maxsize=1)
def expected_format() -> int:
    """The graph format this version writes: ``fz:graphFormat`` of the installed ontology."""
    from fazhi.ontology import ontology_path

    for quad in parse(path=str(ontology_path()), format=RdfFormat.TURTLE):
        if quad.predicate == _FORMAT and isinstance(quad.object, Literal):
            return int(quad.object.value)
    raise RuntimeError(f"{ontology_path()}: no fz:graphFormat")  # the package itself is broken


def stored_format(store: Store) -> int | None:
    """The graph format the store's ontology graph records; None for a store from before formats were recorded."""
    for quad in store.quads_for_pattern(NamedNode(ONTOLOGY_IRI), _FORMAT, None, NamedNode(GRAPH_ONTOLOGY)):
        return int(quad.object.value) if isinstance(quad.object, Literal) else None
    return None


def check_format(store: Store, where: Path) -> None:
    """Refuse a build's store written in another graph shape: its queries would give wrong or no answers."""
    found, wanted = stored_format(store), expected_format()
    if found != wanted:
        build = where.parent if where.name == "store" else where
        made = "an older" if found is None or found < wanted else "a newer"
        raise SourceError(f"{where}: built by {made} fazhi-kg (graph format {found or 'before 3'}, this version "
                          f"reads {wanted}); rebuild it: fazhi build REPORTS -o {build}")


def open_build(source: Any) -> Store:
    """A pyoxigraph Store for ``source``; a directory opens read-only (SourceError if of another graph format), an rdflib graph is copied in."""
    if isinstance(source, Store):
        return source
    inner = getattr(source, "store", None)
    if isinstance(inner, Store):
        return inner
    if isinstance(source, (str, Path)):
        path = store_path(source)
        try:
            store = Store.read_only(str(path))
        except OSError as exc:
            from fazhi.graph.store import open_error

            raise SourceError(str(open_error(path, exc))) from None
        check_format(store, path)
        return store
    import rdflib

    if isinstance(source, rdflib.Graph):
        store = Store()
        if isinstance(source, rdflib.Dataset) or type(source).__name__ == "ConjunctiveGraph":
            store.load(source.serialize(format="nquads", encoding="utf-8"), format=RdfFormat.N_QUADS)
        else:
            store.load(source.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES,
                       to_graph=NamedNode(SINGLE_GRAPH))
        return store
    raise SourceError(f"cannot read a graph from a {type(source).__name__} (give a build directory, "
                      "a ReportStore, a pyoxigraph Store or an rdflib Dataset/Graph)")
