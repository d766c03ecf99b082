"""The main job: files → documents → records → store → exports and briefing.

This module only orchestrates; each step is a function of the package that
owns it. A bad file becomes one ``Failure`` and never stops the batch.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fazhi.extract.ingest import IngestError, collect_inputs, read_document
from fazhi.extract.ingest.names import readable_path
from fazhi.extract.records import Document, ReportRecord

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from fazhi.graph.artifacts import Artifacts, ArtifactSpill
    from fazhi.graph.store import ReportStore


PARALLEL_THRESHOLD = 200  # reports; below this one process is faster than starting workers
CHUNK_FILES = 16  # files per worker task: small enough to spread, big enough to amortise the hand-over
LOAD_REPORTS = 2000  # reports per bulk load (~1.3 GB of N-Quads, spilled to disk): Oxigraph ingests
# big loads far more cheaply than many small ones (5 × 1,000 reports cost 27% more CPU than one load of 5,000)


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
    validated: int = 0  # new report graphs SHACL-checked before storing (a spread sample on big builds)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (file, the file of the report it repeats)
    same_unit_year: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (unit, year, files): kept apart
    placement: dict[str, int] = field(default_factory=dict)  # units placed / unplaced / ambiguous (see summary)
    legacy: int = 0  # reports of a store of another graph format (an older fazhi-kg), read again


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
            failures.append(Failure(exc.path, exc.cause))
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


def extract_each(docs: Sequence[Document], n_process: int = 1) -> tuple[list[ReportRecord], list[Failure]]:
    """Extraction records for ``docs`` in input order; a report whose extraction raises is a Failure, never the end.

    With several processes the reports go through spaCy's ``n_process``; if
    that run fails, they are extracted again one by one to name the culprit.
    """
    from fazhi.extract.pipeline import extract_document

    if n_process > 1:
        try:
            return extract_all(docs, n_process=n_process), []
        except Exception:  # noqa: BLE001 - redone one by one below, which names the report
            pass
    records: list[ReportRecord] = []
    failures: list[Failure] = []
    for doc in docs:
        try:
            records.append(extract_document(doc))
        except Exception as exc:  # noqa: BLE001 - one bad report never loses the others' output
            failures.append(Failure(doc.source, f"extraction failed ({type(exc).__name__}: {exc})"))
    return records, failures


@dataclass
class ChunkResult:
    """What a worker sends back for a chunk of files: serialised graphs, never Python objects per quad."""

    present: list[tuple[str, str]]  # (source, sha256) of the files read
    failures: list[Failure]
    body: bytes  # N-Quads of the new report graphs, without their fz:sha256
    markers: bytes  # the fz:sha256 quads, stored last (see ReportStore.load_reports)
    artifacts: dict[str, Artifacts]  # graph.ttl block and briefing rows of each new report
    extracted: int
    validated: int
    replacing: dict[str, bytes] = field(default_factory=dict)  # sha -> N-Triples of a changed file's new report


def process_files(paths: Sequence[Path], check: frozenset[str] = frozenset(),
                  stored: frozenset[str] = frozenset()) -> ChunkResult:
    """Read, extract and serialise ``paths``: the whole per-report job, run in a worker process.

    A file that cannot be read or whose extraction raises becomes a Failure;
    reports whose hash is in ``check`` are SHACL-checked (GraphInvalid is raised).
    A report of a file whose source the store already holds (``stored``: a
    changed file) comes back whole in ``replacing``, to be swapped in atomically.
    """
    from fazhi.extract.fingerprint import minhash
    from fazhi.extract.pipeline import extract_document
    from fazhi.graph.artifacts import report_artifacts
    from fazhi.graph.rdf import record_quads
    from fazhi.graph.store import graph_ntriples, graphs_nquads

    graphs: dict[str, list] = {}
    failures: list[Failure] = []
    present: list[tuple[str, str]] = []
    for path in paths:
        try:
            doc = read_document(path)
        except IngestError as exc:
            failures.append(Failure(exc.path, exc.cause))
            continue
        present.append((doc.source, doc.sha256))
        try:
            graphs[doc.sha256] = record_quads(extract_document(doc), minhash(doc.text), doc.text)
        except Exception as exc:  # noqa: BLE001 - one bad report never stops the batch
            failures.append(Failure(doc.source, f"extraction failed ({type(exc).__name__}: {exc})"))
    changed = {sha for source, sha in present if source in stored and sha in graphs}
    body, markers = graphs_nquads({sha: q for sha, q in graphs.items() if sha not in changed}, check)
    if changed & check:  # with what they contribute to the shared graph, as for the others
        from fazhi.graph.shared import with_shared
        from fazhi.graph.validate import check_quads

        check_quads(with_shared(*(graphs[sha] for sha in sorted(changed & check))))
    replacing = {sha: graph_ntriples(graphs[sha]) for sha in sorted(changed)}
    artifacts = report_artifacts(graphs)
    validated = sum(1 for sha in graphs if sha in check)
    return ChunkResult(present, failures, body, markers, artifacts, len(graphs), validated, replacing)


def _warm_worker() -> None:
    """Load the spaCy pipeline once per worker, before the first chunk arrives."""
    from fazhi.extract.pipeline import _default_nlp

    _default_nlp()


def _chunk_results(chunks: list[list[Path]], check: frozenset[str], n_process: int,
                   stored: frozenset[str] = frozenset()) -> Iterator[ChunkResult]:
    """Results of ``process_files`` for each chunk, in completion order.

    With ``n_process`` > 1 a pool of fresh (spawned) processes does the work;
    the parent only loads their N-Quads into the store. At most two chunks
    per worker are in flight, so memory stays flat however many files there are.
    """
    if n_process <= 1:
        for chunk in chunks:
            yield process_files(chunk, check, _stored_of(chunk, stored))
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn, not fork: the parent holds an open Oxigraph store (threads, file locks)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx, initializer=_warm_worker) as pool:
        queue = iter(chunks)
        running: set[Future[ChunkResult]] = set()
        try:
            while True:
                while len(running) < 2 * n_process:
                    todo = next(queue, None)
                    if todo is None:
                        break
                    running.add(pool.submit(process_files, todo, check, _stored_of(todo, stored)))
                if not running:
                    return
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BaseException:
            for future in running:
                future.cancel()
            raise


def _stored_of(chunk: list[Path], stored: frozenset[str]) -> frozenset[str]:
    """The sources in ``chunk`` the store already holds a report of (changed files)."""
    return frozenset(readable_path(p) for p in chunk) & stored


def _file_sha256(path: Path) -> str | None:
    """The SHA-256 of the file's bytes (what Document.sha256 is), None if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def run_build(
    inputs: Sequence[Path],
    outdir: Path,
    *,
    prune: bool = False,
    n_process: int = 0,
    html: bool = True,
    compact: bool = False,
    progress: ProgressFn | None = None,
) -> BuildReport:
    """Build or update the graph in ``outdir`` from the reports at ``inputs``.

    Streams: files whose hash the store has are skipped without reading;
    the rest go in chunks to worker processes that read, extract and
    serialise them (N-Quads, graph.ttl blocks, briefing rows); the parent
    bulk-loads the N-Quads every LOAD_REPORTS reports and writes graph.ttl
    and the briefing from the blocks, never reading the store back.
    ``compact`` compacts the store at the end (slower build, faster queries).
    """
    from fazhi.graph.artifacts import ArtifactSpill, write_build_files
    from fazhi.graph.ontology_page import write_ontology_page
    from fazhi.graph.projection import vocab_rows
    from fazhi.graph.serve import active_server
    from fazhi.graph.store import VALIDATE_SAMPLE, ReportStore, sample_hashes

    serving = active_server(outdir)
    if serving:  # the read-only server has the store open: writing under it is undefined
        raise BuildError(
            f"{outdir}: being served by `fazhi serve` at {serving}; stop it or build into another directory"
        )
    outdir.mkdir(parents=True, exist_ok=True)
    collected = collect_inputs(inputs)
    report = BuildReport(outdir=outdir, skipped_files=collected.skipped)
    report.failures.extend(Failure(readable_path(p), c) for p, c in collected.errors)

    from concurrent.futures import ThreadPoolExecutor

    with ReportStore.open(outdir / "store") as store, ThreadPoolExecutor(1, thread_name_prefix="fazhi-optimize") as bg:
        store.prepare()
        report.legacy = store.legacy
        known = store.report_hashes()
        current: dict[str, str] = {}  # source -> sha256 of every file read in this run
        todo: list[Path] = []
        first_copy: dict[str, str] = {}  # sha256 -> source of the file that will be extracted
        copies: dict[str, list[str]] = {}  # sha256 -> sources of identical files (one report)
        for path in collected.files:
            sha = _file_sha256(path)
            if sha is not None and sha in known:  # stored before, so it reads
                current[readable_path(path)] = sha
                report.unchanged += 1
            elif sha is not None and sha in first_copy:
                copies.setdefault(sha, []).append(readable_path(path))
            else:
                if sha is not None:
                    first_copy[sha] = readable_path(path)
                todo.append(path)
        if n_process <= 0:  # auto: parallel only when it pays for the start-up
            n_process = (os.cpu_count() or 1) if len(todo) >= PARALLEL_THRESHOLD else 1
        n_process = max(1, min(n_process, -(-len(todo) // CHUNK_FILES) or 1))
        check = frozenset(sample_hashes(first_copy, VALIDATE_SAMPLE)) if store.validate else frozenset()
        chunks = [todo[i: i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES)]

        with ArtifactSpill(outdir) as new:
            run = _Run(store, new, report, check, known, current, copies)
            failures = _run_chunks(run, chunks, n_process, progress)
            report.failures.extend(sorted(_with_copies(failures, first_copy, copies), key=lambda f: f.path))
            report.removed = store.drop_stale(known, current, prune)
            replaced = _settle_copies(run)
            # compacting after bulk loads made queries on a 10,000-report store 2-5x faster; it runs
            # in the background while the files are written (reads go on meanwhile)
            compacting = bg.submit(store.store.optimize) if compact else None
            report.outputs = write_build_files(store.store, outdir, store.report_hashes(), new, replaced)
            report.same_unit_year = store.same_unit_year()
            report.placement = store.placement_counts()
        vocab = vocab_rows(store.store)
        if compacting is not None:
            compacting.result()
    # drawn from the row cache once the store is closed: its memory is free again (the peak of a big build)
    report.summaries = _write_briefing(outdir, report.outputs["rows"], vocab, html)
    if html:
        report.outputs["html"] = outdir / "graph.html"
    report.outputs["ontology"] = write_ontology_page(outdir / "ontology.html")
    return report


def _write_briefing(outdir: Path, rows_file: Path, vocab: dict, html: bool) -> list[dict]:
    """Write graph.html from the build's row cache (if ``html``); return every report's summary row."""
    from fazhi.graph.artifacts import read_rows

    summaries: list[dict] = []

    def rows() -> Iterator[dict]:
        for report_rows, summary in read_rows(rows_file):
            if summary is not None:  # a copy of another report has no summary of its own
                summaries.append(summary)
            yield report_rows

    if html:
        from fazhi.graph.projection import assemble
        from fazhi.visuals.briefing import write_briefing

        write_briefing(assemble(rows(), vocab), outdir / "graph.html")
    else:
        for _ in rows():
            pass
    return sorted(summaries, key=lambda r: (r["source"], r["sha256"]))


def _with_copies(failures: list[Failure], first_copy: dict[str, str], copies: dict[str, list[str]]) -> list[Failure]:
    """``failures`` plus one line for every byte-identical copy of a failed file (each is a file the user gave)."""
    sha_of = {source: sha for sha, source in first_copy.items()}
    out = list(failures)
    for failure in failures:
        for other in copies.get(sha_of.get(failure.path, ""), ()):
            out.append(Failure(other, failure.cause))
    return out


@dataclass
class _Run:
    """What the steps of one build run share: the store and what it held, what the run reads and makes."""

    store: ReportStore
    new: ArtifactSpill  # the artifacts of each report extracted in this run
    report: BuildReport  # its counts, failures and copies
    check: frozenset[str]  # hashes of the new reports to SHACL-check before storing
    known: dict[str, str]  # sha256 -> source of every report the store held when the run began
    current: dict[str, str]  # source -> sha256 of every file read in this run
    copies: dict[str, list[str]]  # sha256 -> sources of byte-identical files (one report)


def _run_chunks(run: _Run, chunks: list[list[Path]], n_process: int, progress: ProgressFn | None) -> list[Failure]:
    """Extract ``chunks`` (in workers when ``n_process`` > 1) and bulk-load their graphs every LOAD_REPORTS reports.

    The workers' N-Quads go to a scratch file beside the store; each full
    file is loaded in a thread (Oxigraph releases the GIL), so the workers
    keep getting chunks while the store ingests, one load at a time. Fills
    ``run.current`` (source → sha of every file read) and the counts of
    ``run.report``; keeps each new report's artifacts in ``run.new``. A changed
    file's report (its source among ``run.known``'s) is swapped in for the old
    one in one transaction, after the batch before it is loaded.
    """
    from concurrent.futures import ThreadPoolExecutor

    outdir = run.report.outdir  # the store's folder is in it
    for left in outdir.glob(".load-*.nq"):  # left by a killed build (the store lock keeps builds apart)
        left.unlink(missing_ok=True)
    done = 0
    failures: list[Failure] = []
    todo = sum(map(len, chunks))
    stored = frozenset(run.known.values())
    with ThreadPoolExecutor(1, thread_name_prefix="fazhi-load") as pool:
        loads = _SpillLoader(run.store, outdir, pool)
        try:
            for result in _chunk_results(chunks, run.check, n_process, stored):
                for source, sha in result.present:
                    run.current[source] = sha
                    for other in run.copies.get(sha, ()):
                        run.current[other] = sha
                if result.replacing:
                    loads.settle()  # what came before is stored first, so writes keep their order
                    _swap(run.store, result.replacing,
                          {sha: _replaced(sha, result.present, run.known, run.current) for sha in result.replacing})
                failures.extend(result.failures)
                run.report.extracted += result.extracted
                run.report.validated += result.validated
                for sha, artifacts in result.artifacts.items():
                    run.new.add(sha, artifacts)
                loads.add(result.body, result.markers, result.extracted)
                done += len(result.present) + len(result.failures)
                if progress:
                    progress("extracting", min(done, todo), todo)
            loads.settle()
        finally:
            loads.discard()
    return failures


class _SpillLoader:
    """Workers' N-Quads gathered in a scratch file beside the store, bulk-loaded every LOAD_REPORTS reports.

    Each full file is loaded in ``pool``'s one thread (Oxigraph releases the
    GIL), so the workers keep getting chunks while the store ingests, one
    load at a time; a load's error is raised by the next call that waits.
    """

    def __init__(self, store: Any, outdir: Path, pool: ThreadPoolExecutor) -> None:
        self.store, self.outdir, self.pool = store, outdir, pool
        self.spill: IO[bytes] | None = None
        self.markers: list[bytes] = []
        self.pending = 0  # reports in the spill
        self.loading: Future[None] | None = None

    def add(self, body: bytes, markers: bytes, reports: int) -> None:
        """Spill one chunk's graphs; hand the file to the loader once it holds LOAD_REPORTS reports."""
        if body:
            if self.spill is None:
                self.spill = tempfile.NamedTemporaryFile(dir=self.outdir, prefix=".load-", suffix=".nq", delete=False)
            self.spill.write(body)
            self.markers.append(markers)
        self.pending += reports
        if self.pending >= LOAD_REPORTS:
            self.flush()

    def flush(self) -> None:
        """Start loading the spill (after the load before it has finished)."""
        if self.loading is not None:
            self.loading.result()
        if self.spill is not None:
            self.spill.close()
            self.loading = self.pool.submit(_load, self.store, Path(self.spill.name), b"".join(self.markers))
        self.spill, self.markers, self.pending = None, [], 0

    def settle(self) -> None:
        """Load everything spilled so far and wait until it is in the store."""
        self.flush()
        if self.loading is not None:
            self.loading.result()
            self.loading = None

    def discard(self) -> None:
        """Delete a batch that was never handed to the loader (the build stopped)."""
        if self.spill is not None:
            self.spill.close()
            Path(self.spill.name).unlink(missing_ok=True)


def _replaced(sha: str, present: list[tuple[str, str]], known: dict[str, str], current: dict[str, str]) -> list[str]:
    """Stored reports that report ``sha`` replaces: same source, other content no file has any more."""
    sources = {source for source, s in present if s == sha}
    still = set(current.values())
    return [old for old, src in known.items() if src in sources and old != sha and old not in still]


def _swap(store: ReportStore, replacing: dict[str, bytes], swaps: dict[str, list[str]]) -> None:
    """Swap each changed file's new report graph in for its old one, one transaction each."""
    for sha, ntriples in replacing.items():
        store.replace_report(sha, ntriples, swaps[sha])


def _load(store: ReportStore, body: Path, markers: bytes) -> None:
    """Load one spilled batch, then remove its file."""
    try:
        store.load_reports(body, markers)
    finally:
        body.unlink(missing_ok=True)

_FORMAT_RANK = {".docx": 0, ".doc": 0, ".txt": 1, ".pdf": 2, ".html": 3, ".htm": 3}


def _keeper_rank(source: str, sha: str) -> tuple[int, str, str]:
    """Which file of a group of copies is kept as the report: the format closest to what the author wrote."""
    return (_FORMAT_RANK.get(Path(source).suffix.lower(), 4), source, sha)


def _settle_copies(run: _Run) -> dict[str, Artifacts]:
    """Count near-identical reports once: keep one of each group, store the others as fz:ReportCopy.

    Runs over the whole store after loading, so the kept file depends only on
    the files present (format, then path), never on the order builds saw them.
    A copy that must become the report (its kept report's file went away, or a
    better format arrived and left) is extracted here. Returns the artifacts of
    reports that became copies, which replace their old blocks.
    """
    from fazhi.extract.fingerprint import near_duplicate_groups
    from fazhi.graph.artifacts import report_artifacts

    store, report = run.store, run.report
    members = store.fingerprints()  # sha -> (source, minhash, copy_of)
    groups = near_duplicate_groups({sha: m[1] for sha, m in members.items() if m[1]})
    grouped = {sha for g in groups for sha in g}
    wanted: dict[str, str] = {}  # sha -> kept sha
    for group in groups:
        usable = [sha for sha in group if members[sha][2] is None or Path(members[sha][0]).exists()]
        keeper = min(usable or group, key=lambda sha: _keeper_rank(members[sha][0], sha))
        for sha in group:
            wanted[sha] = keeper
    promote = [sha for sha, m in members.items()
               if m[2] is not None and (wanted.get(sha) == sha or (sha not in grouped and m[2] not in members))]
    if promote:  # a copy becomes the report: read and extract it now
        paths = [Path(members[sha][0]) for sha in sorted(promote) if Path(members[sha][0]).exists()]
        store.drop_reports(promote)
        result = process_files(paths, run.check)
        store.load_reports(result.body, result.markers)
        for sha, artifacts in result.artifacts.items():
            run.new.add(sha, artifacts)
        report.extracted += result.extracted
        report.failures.extend(result.failures)
    demote = {sha: keeper for sha, keeper in wanted.items()
              if sha != keeper and members[sha][2] != keeper}
    graphs = store.mark_copies({sha: (members[sha][0], members[sha][1], keeper) for sha, keeper in demote.items()})
    report.copies = sorted((members[sha][0], members[keeper][0]) for sha, keeper in wanted.items() if sha != keeper)
    return report_artifacts(graphs) if graphs else {}
