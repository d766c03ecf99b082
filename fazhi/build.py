"""The main job: files → documents → records → store → exports and briefing.

This module only orchestrates; each step is a function of the package that
owns it. A bad file becomes one ``Failure`` and never stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
import os

from fazhi.extract.ingest import IngestError, collect_inputs, read_document
from fazhi.extract.records import Document, ReportRecord


PARALLEL_THRESHOLD = 200  # reports; below this one process is faster than forking


class BuildError(Exception):
    """The build cannot start at all (not one bad file: those are Failures)."""


@dataclass
class Failure:
    path: str
    cause: str


@dataclass
class BuildReport:
    """What a build did, for the summary table and the exit code."""

    outdir: Path
    summaries: list[dict] = field(default_factory=list)  # one per report in the store
    failures: list[Failure] = field(default_factory=list)
    skipped_files: int = 0  # files in input folders that are not reports
    extracted: int = 0  # reports extracted in this run
    unchanged: int = 0  # reports whose hash the store already had
    removed: int = 0  # reports pruned or replaced
    outputs: dict[str, Path] = field(default_factory=dict)


ProgressFn = Callable[[str, int, int], None]  # (phase, done, total)


def read_documents(
    paths: Sequence[Path], progress: ProgressFn | None = None
) -> tuple[list[Document], list[Failure]]:
    """Read every file; each unreadable one becomes a Failure with a one-line cause."""
    docs: list[Document] = []
    failures: list[Failure] = []
    for i, path in enumerate(paths):
        try:
            docs.append(read_document(path))
        except IngestError as exc:
            failures.append(Failure(str(path), exc.cause))
        if progress:
            progress("reading", i + 1, len(paths))
    return docs, failures


def extract_all(
    docs: Iterable[Document], n_process: int = 1, progress: ProgressFn | None = None
) -> list[ReportRecord]:
    """Extraction records for ``docs`` in input order."""
    from fazhi.extract.pipeline import extract_documents

    docs = list(docs)
    records = []
    for i, record in enumerate(extract_documents(docs, n_process=n_process)):
        records.append(record)
        if progress:
            progress("extracting", i + 1, len(docs))
    return records


def run_build(
    inputs: Sequence[Path],
    outdir: Path,
    *,
    prune: bool = False,
    n_process: int = 0,
    html: bool = True,
    progress: ProgressFn | None = None,
) -> BuildReport:
    """Build or update the graph in ``outdir`` from the reports at ``inputs``."""
    from fazhi.graph.outputs import write_outputs
    from fazhi.graph.serve import active_server
    from fazhi.graph.store import ReportStore

    serving = active_server(outdir)
    if serving:  # the read-only server has the store open: writing under it is undefined
        raise BuildError(
            f"{outdir}: being served by `fazhi serve` at {serving}; stop it or build into another directory"
        )
    outdir.mkdir(parents=True, exist_ok=True)
    collected = collect_inputs(inputs)
    report = BuildReport(outdir=outdir, skipped_files=collected.skipped)
    report.failures.extend(Failure(str(p), c) for p, c in collected.errors)

    docs, failures = read_documents(collected.files, progress)
    report.failures.extend(failures)

    with ReportStore.open(outdir / "store") as store:
        known = store.report_hashes()
        todo = [d for d in docs if d.sha256 not in known]
        if n_process <= 0:  # auto: parallel only when it pays for the start-up
            n_process = (os.cpu_count() or 1) if len(todo) >= PARALLEL_THRESHOLD else 1
        report.unchanged = len(docs) - len(todo)
        records = extract_all(todo, n_process=n_process, progress=progress)
        report.extracted = len(records)
        report.removed = store.sync(records, present=docs, prune=prune)
        report.summaries = store.report_summaries()
        report.outputs = write_outputs(store, outdir)
        if html:
            from fazhi.graph.projection import to_networkx
            from fazhi.visuals.briefing import write_briefing

            report.outputs["html"] = write_briefing(to_networkx(store), outdir / "graph.html")
    return report
