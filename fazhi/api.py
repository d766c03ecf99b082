"""The in-memory public API: reports in, an rdflib Dataset out.

``fazhi.build_graph`` runs the same reading, extraction, linking and SHACL
check as ``fazhi build``, but keeps nothing on disk: for notebooks and
scripts that want the graph as Python objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import rdflib


class BuildGraphError(ValueError):
    """Some input could not be read; the message has one line per file and cause."""


def _as_paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def build_graph(paths: str | Path | Iterable[str | Path]) -> rdflib.Dataset:
    """Read and extract the reports at ``paths`` (files or folders) into an rdflib Dataset.

    One named graph per report plus the ontology and vocabulary graphs, exactly
    as the store of a build holds them; ``default_union`` is on, so a plain
    ``ds.query`` sees everything, and the prefixes of ``fazhi query`` (fz:,
    mech:, skos: …) are bound, so it can use them undeclared. Raises
    BuildGraphError naming any file that cannot be read.
    """
    from pyoxigraph import RdfFormat

    from fazhi.build import extract_all, read_documents
    from fazhi.extract.ingest import collect_inputs
    from fazhi.graph.namespaces import QUERY_PREFIXES
    from fazhi.graph.store import ReportStore

    collected = collect_inputs(_as_paths(paths))
    docs, failures = read_documents(collected.files)
    problems = [f"{p}: {cause}" for p, cause in collected.errors]
    problems += [f"{f.path}: {f.cause}" for f in failures]
    if problems:
        raise BuildGraphError("\n".join(problems))
    store = ReportStore.in_memory()
    store.sync(extract_all(docs), present=docs)
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=store.dump(RdfFormat.N_QUADS), format="nquads")
    for prefix, iri in QUERY_PREFIXES.items():
        ds.bind(prefix, iri, replace=True)
    return ds
