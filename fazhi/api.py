"""The in-memory public API: reports in, an rdflib Dataset out.

``fazhi.build_graph`` runs ``fazhi build`` itself (reading, extraction,
duplicate detection, linking, SHACL) in a temporary folder it removes, and
returns the store's quads: for notebooks and scripts that want the graph as
Python objects.
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
    """Build the reports at ``paths`` (files or folders) as ``fazhi build`` does, into an rdflib Dataset.

    One named graph per report plus the shared, ontology and vocabulary graphs,
    exactly as the store of a build holds them (copies of a report count
    once); ``default_union`` is on, so a plain ``ds.query`` sees everything,
    and the prefixes of ``fazhi query`` (fz:, mech:, skos: …) are bound, so it
    can use them undeclared. Raises BuildGraphError naming any file that
    cannot be read.
    """
    import tempfile

    from pyoxigraph import RdfFormat

    from fazhi.build import run_build
    from fazhi.graph.namespaces import QUERY_PREFIXES
    from fazhi.graph.source import open_build

    with tempfile.TemporaryDirectory(prefix="fazhi-") as tmp:
        report = run_build(_as_paths(paths), Path(tmp), n_process=1, html=False)
        if report.failures:
            raise BuildGraphError("\n".join(f"{f.path}: {f.cause}" for f in report.failures))
        data = open_build(Path(tmp)).dump(format=RdfFormat.N_QUADS)
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=data, format="nquads")
    for prefix, iri in QUERY_PREFIXES.items():
        ds.bind(prefix, iri, replace=True)
    return ds
