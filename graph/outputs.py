"""The files a build writes beside its store: graph.ttl, its row cache and ontology.html.

graph.ttl is every report graph, one block per report in hash order, then
the ontology and the vocabularies: the same store always gives the same
bytes. A build writes it from the blocks its workers made (artifacts.py);
``write_outputs`` writes it for any store by reading the store back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fazhi.graph.artifacts import write_build_files
from fazhi.graph.store import ReportStore


def write_outputs(store: Any, outdir: Path) -> dict[str, Path]:
    """Write graph.ttl, the row cache and ontology.html for a ReportStore (or pyoxigraph Store) into ``outdir``."""
    from fazhi.graph.ontology_page import write_ontology_page

    inner = getattr(store, "store", store)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    files = write_build_files(inner, outdir, ReportStore(inner).report_hashes())
    files["ontology"] = write_ontology_page(outdir / "ontology.html")
    return files
