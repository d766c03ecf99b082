"""The persistent graph of a build: an on-disk Oxigraph store, one named graph per report.

Incremental by content hash: a report whose SHA-256 is already stored is
skipped, a changed file (same source path, new hash) replaces its old graph,
and ``prune`` drops reports whose files are gone. New report graphs are
bulk-loaded and then registered by writing their hashes in one transaction;
a crash in between leaves unregistered graphs that the next sync removes, so
every report the store knows is whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Set
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from fazhi.extract.records import Document, ReportRecord
from fazhi.graph.namespaces import (
    FZ,
    GRAPH_ONTOLOGY,
    GRAPH_REPORT,
    GRAPH_SHARED,
    GRAPH_VOCAB,
    ID,
    RDF,
    sparql_prefixes,
)
from fazhi.graph.rdf import record_quads
from fazhi.ontology import ontology_path, vocab_paths
from pyoxigraph import NamedNode, Quad, QuerySolutions, RdfFormat, Store, serialize

BATCH_REPORTS = 500  # reports per transaction: bounded memory, whole graphs per commit
VALIDATE_SAMPLE = 40  # new report graphs SHACL-checked per sync at most
_SHA256 = NamedNode(FZ + "sha256")
_SHARED = NamedNode(GRAPH_SHARED)


class StoreError(Exception):
    """The store cannot be opened or used; the message names the directory and the cause."""


class StoreLocked(StoreError):
    """Another process (another ``fazhi build``) has the store open for writing."""


def open_error(path: Path, exc: OSError) -> StoreError:
    """One line for why Oxigraph could not open ``path`` (it raises OSError without errno)."""
    text = str(exc)
    if "LOCK" in text and ("lock" in text.lower()):
        return StoreLocked(f"{path}: another process is writing this store (a second `fazhi build` "
                           "into the same folder?); wait for it to finish or build into another folder")
    cause = exc.strerror or (text.split(": ")[-1] if ": " in text else text)
    return StoreError(f"{path}: cannot open the graph store ({' '.join(cause.split())})")


class ReportStore:
    """A build's graph: report graphs plus the ontology and vocabulary graphs."""

    def __init__(self, store: Store, path: Path | None = None, *, validate: bool = True) -> None:
        self.store = store
        self.path = path
        self.validate = validate
        self.legacy = 0  # report graphs of an older store format dropped by prepare()

    @classmethod
    @contextmanager
    def open(cls, path: Path | str, *, read_only: bool = False,
             validate: bool = True) -> Iterator[ReportStore]:
        """Open (creating if needed) the store at ``path``; flushed and closed on exit."""
        path = Path(path)
        try:
            if read_only:
                store = Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                store = Store(str(path))
        except OSError as exc:
            raise open_error(path, exc) from None
        rs = cls(store, path, validate=validate)
        try:
            yield rs
            if not read_only:
                store.flush()
        finally:
            del rs.store, store

    @classmethod
    def in_memory(cls, *, validate: bool = True) -> ReportStore:
        """A throw-away store (for ``build_graph`` and tests)."""
        return cls(Store(), None, validate=validate)

    # ------------------------------------------------------------ reading

    def report_hashes(self) -> dict[str, str]:
        """SHA-256 → source path of every report in the store, copies (fz:ReportCopy) included."""
        out: dict[str, str] = {}
        for sol in self.select(
            sparql_prefixes()
            + "SELECT ?sha ?src WHERE { GRAPH ?g { ?r fz:sha256 ?sha ; fz:sourcePath ?src } }"
        ):
            out[sol["sha"].value] = sol["src"].value
        return out

    def fingerprints(self) -> dict[str, tuple[str, str | None, str | None]]:
        """SHA-256 → (source, text MinHash, the sha of the report it is a copy of) for reports and copies."""
        out: dict[str, tuple[str, str | None, str | None]] = {}
        for sol in self.select(sparql_prefixes() + """
SELECT ?sha ?src ?mh ?of WHERE { GRAPH ?g { ?r fz:sha256 ?sha ; fz:sourcePath ?src .
  OPTIONAL { ?r fz:textMinHash ?mh } OPTIONAL { ?r fz:copyOf ?of } } }"""):
            of = sol["of"]
            out[sol["sha"].value] = (sol["src"].value, sol["mh"].value if sol["mh"] is not None else None,
                                     of.value.rsplit("/", 1)[-1] if of is not None else None)
        return out

    def mark_copies(self, copies: dict[str, tuple[str, str | None, str]]) -> dict[str, list[Quad]]:
        """Replace each report ``sha`` → (source, minhash, kept sha) by a small fz:ReportCopy graph; returns those graphs."""
        from pyoxigraph import Literal

        graphs: dict[str, list[Quad]] = {}
        for sha, (source, mh, keeper) in sorted(copies.items()):
            g = NamedNode(GRAPH_REPORT + sha)
            node = NamedNode(ID + "report/" + sha)
            quads = [Quad(node, NamedNode(RDF + "type"), NamedNode(FZ + "ReportCopy"), g),
                     Quad(node, _SHA256, Literal(sha), g),
                     Quad(node, NamedNode(FZ + "sourcePath"), Literal(source), g),
                     Quad(node, NamedNode(FZ + "copyOf"), NamedNode(ID + "report/" + keeper), g)]
            if mh:
                quads.append(Quad(node, NamedNode(FZ + "textMinHash"), Literal(mh), g))
            graphs[sha] = quads
        if graphs:
            self.drop_reports(graphs)
            self.store.extend([q for quads in graphs.values() for q in quads])
        return graphs

    def same_unit_year(self) -> list[tuple[str, int, list[str]]]:
        """(unit name, year, files) for each unit and year with more than one distinct report (a draft and a final …)."""
        rows: dict[tuple[str, int], list[str]] = {}
        names: dict[str, str] = {}
        for sol in self.select(sparql_prefixes() + """
SELECT ?u ?year ?src ?name WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u ; fz:year ?year ;
  fz:sourcePath ?src ; fz:unitName ?name } }"""):
            rows.setdefault((sol["u"].value, int(sol["year"].value)), []).append(sol["src"].value)
            names.setdefault(sol["u"].value, sol["name"].value)
        return sorted((names[u], year, sorted(files)) for (u, year), files in rows.items() if len(files) > 1)

    def placement_counts(self) -> dict[str, int]:
        """How many units the shared graph places in a division, leaves ambiguous, or could not match."""
        counts = {"placed": 0, "ambiguous": 0, "unplaced": 0, "candidates": 0}
        for sol in self.select(sparql_prefixes() + f"""
SELECT ?u ?d ?n WHERE {{ GRAPH <{GRAPH_SHARED}> {{ ?u a fz:Unit
  OPTIONAL {{ ?u fz:division ?d }} OPTIONAL {{ ?u fz:divisionCandidates ?n }} }} }}"""):
            if sol["d"] is not None:
                counts["placed"] += 1
            elif sol["n"] is not None:
                counts["ambiguous"] += 1
                counts["candidates"] += int(sol["n"].value)
            else:
                counts["unplaced"] += 1
        return counts

    def report_graphs(self) -> list[str]:
        """IRIs of the named graphs that hold reports, sorted."""
        return sorted(
            g.value for g in self.store.named_graphs()
            if isinstance(g, NamedNode) and g.value.startswith(GRAPH_REPORT)
        )

    def report_summaries(self) -> list[dict[str, Any]]:
        """One row per report: source, unit, year and how many kinds/problems/numbers it has."""
        rows: dict[str, dict[str, Any]] = {}
        for sol in self.select(sparql_prefixes() + """
SELECT ?g ?sha ?src ?unit ?year WHERE { GRAPH ?g {
  ?r a fz:Report ; fz:sha256 ?sha ; fz:sourcePath ?src .
  OPTIONAL { ?r fz:unitName ?unit }
  OPTIONAL { ?r fz:year ?year } } }"""):
            g = sol["g"].value
            unit = sol["unit"].value if sol["unit"] is not None else None  # as the report writes it
            rows[g] = {
                "source": sol["src"].value, "sha256": sol["sha"].value, "unit": unit,
                "year": int(sol["year"].value) if sol["year"] is not None else None,
                "mechanisms": 0, "campaigns": 0, "problems": 0, "metrics": 0,
            }
        # one grouped count per column: OPTIONALs side by side would multiply per report
        counts = {
            "mechanisms": '?x a fz:MechanismUse ; fz:kind ?k ; fz:status "reported"',
            "campaigns": '?x a fz:CampaignRun ; fz:kind ?k ; fz:status "reported"',
            "problems": "?k a fz:Problem",
            "metrics": "?k a fz:Observation",
        }
        for column, pattern in counts.items():
            for sol in self.select(sparql_prefixes() + f"""
SELECT ?g (COUNT(DISTINCT ?k) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} GROUP BY ?g"""):
                row = rows.get(sol["g"].value)
                if row is not None:
                    row[column] = int(sol["n"].value)
        return sorted(rows.values(), key=lambda r: (r["source"], r["sha256"]))

    def __len__(self) -> int:
        return len(self.store)

    # ------------------------------------------------------------ writing

    def load_schema(self) -> bool:
        """(Re)load the ontology and vocabulary graphs from the installed Turtle files (and the user's).

        Returns whether the vocabulary graph changed.
        """
        changed = False
        for graph, paths in ((GRAPH_ONTOLOGY, [ontology_path()]), (GRAPH_VOCAB, vocab_paths())):
            staging = Store()
            g = NamedNode(graph)
            for path in paths:
                staging.load(path=str(path), format=RdfFormat.TURTLE, to_graph=g)
            new = set(staging.quads_for_pattern(None, None, None, g))
            old = set(self.store.quads_for_pattern(None, None, None, g))
            if new != old:
                self.store.update(f"DROP SILENT GRAPH <{graph}>")
                self.store.extend(new)
                changed |= graph == GRAPH_VOCAB
        return changed

    def add_records(self, records: Sequence[ReportRecord], texts: dict[str, str] | None = None) -> int:
        """Add the graphs of ``records`` (SHACL-checked first), in whole-graph batches.

        pySHACL needs about 0.3 s per report graph, so when more than
        ``VALIDATE_SAMPLE`` reports are new the check runs on that many, spread
        evenly over the batch in hash order (builder bugs are systematic);
        ``fazhi validate`` checks a whole build.
        """
        checked = sample_hashes([r.sha256 for r in records], VALIDATE_SAMPLE) if self.validate else set()
        added = 0
        for i in range(0, len(records), BATCH_REPORTS):
            batch = records[i: i + BATCH_REPORTS]
            body, markers = report_nquads(batch, checked, texts)
            self.load_reports(body, markers)
            added += len(batch)
        return added

    def load_reports(self, body: bytes | Path, markers: bytes) -> None:
        """Store report graphs given as N-Quads: ``body`` (bytes or a file) without, ``markers`` with the fz:sha256 quads.

        The body goes through Oxigraph's bulk loader (fast, not atomic), then
        the hashes in one transaction: a report counts as stored only once
        its hash is, and a crash in between leaves an orphan graph that the
        next sync drops (see drop_orphans).
        """
        if isinstance(body, Path):  # serialised by pyoxigraph: valid, so lenient skips no checks that matter
            self.store.bulk_load(path=str(body), format=RdfFormat.N_QUADS, lenient=True)
        elif body:
            self.store.bulk_load(body, format=RdfFormat.N_QUADS, lenient=True)
        if markers:
            self.store.load(markers, format=RdfFormat.N_QUADS)

    def drop_legacy(self) -> int:
        """Drop every report graph if the store records another graph format (or none); returns how many.

        Such graphs have another shape (units described in each report, quotes
        with two selectors …); their files are simply read again. Runs before
        ``load_schema`` writes this version's format into the ontology graph.
        """
        from fazhi.graph.source import expected_format, stored_format

        if stored_format(self.store) == expected_format():
            return 0
        return self.drop_reports(g[len(GRAPH_REPORT):] for g in self.report_graphs())

    def replace_report(self, sha: str, ntriples: bytes, old: Iterable[str]) -> None:
        """Put report ``sha``'s graph (N-Triples, fz:sha256 included) in and drop ``old`` reports' graphs, in ONE transaction.

        A changed file replaces its report this way, so a reader (a query, the
        served endpoint, a build killed half-way) sees the old version or the
        new one, never both: one SPARQL Update is one Oxigraph transaction.
        """
        drops = "".join(f"DROP SILENT GRAPH <{GRAPH_REPORT}{h}> ;\n" for h in sorted(set(old)))
        self.store.update(f"{drops}INSERT DATA {{ GRAPH <{GRAPH_REPORT}{sha}> {{\n"
                          f"{ntriples.decode('utf-8')}}} }}")

    def drop_orphans(self) -> int:
        """Drop report graphs without their fz:sha256 (left by a crash mid-load)."""
        known = {GRAPH_REPORT + sha for sha in self.report_hashes()}
        orphans = [g[len(GRAPH_REPORT):] for g in self.report_graphs() if g not in known]
        return self.drop_reports(orphans)

    def drop_reports(self, hashes: Iterable[str]) -> int:
        """Remove the named graphs of these reports in one transaction; returns how many."""
        hashes = sorted(set(hashes))
        if not hashes:
            return 0
        self.store.update(";\n".join(f"DROP SILENT GRAPH <{GRAPH_REPORT}{h}>" for h in hashes))
        return len(hashes)

    def sync(self, records: Sequence[ReportRecord], present: Sequence[Document] = (),
             prune: bool = False) -> int:
        """Bring the store up to date with ``records``; returns how many report graphs were removed.

        ``present`` are the documents read in this run: a stored report whose
        source path is among them with a different hash was replaced by a
        changed file and is dropped. With ``prune``, a stored report is dropped
        when its hash is not present and its file no longer exists (a file
        that exists but failed to read keeps its report).
        """
        self.prepare()
        known = self.report_hashes()
        texts = {d.sha256: d.text for d in present}
        self.add_records([r for r in _unique(records) if r.sha256 not in known], texts)
        current = {d.source: d.sha256 for d in present}
        for r in records:
            current.setdefault(r.source, r.sha256)
        removed = self.drop_stale(known, current, prune)
        self.refresh_shared()
        return removed

    def refresh_shared(self) -> tuple[int, int]:
        """Re-derive the shared graph from every stored report graph (the slow path; builds merge cached parts)."""
        from fazhi.graph.shared import contributions, merge, replace, to_ntriples

        parts = (to_ntriples(contributions(list(self.store.quads_for_pattern(None, None, None, NamedNode(g)))))
                 for g in self.report_graphs())
        return replace(self.store, merge(parts))

    def prepare(self) -> None:
        """Before adding reports: refresh the schema graphs and drop what a crash left half-loaded.

        Reports extracted with another vocabulary (``--vocab``, an updated
        package) are dropped too, so the build extracts them again; so are the
        reports of a store of another graph format (see drop_legacy).
        """
        self.legacy = self.drop_legacy()
        if self.load_schema():
            self.drop_reports(self.report_hashes())
        self.drop_orphans()

    def drop_stale(self, known: dict[str, str], current: dict[str, str], prune: bool) -> int:
        """Drop stored reports (``known``: sha → source) replaced by or, with ``prune``, missing from ``current`` (source → sha)."""
        present_hashes = set(current.values())
        stale = [
            sha for sha, src in known.items()
            if src in current and current[src] != sha and sha not in present_hashes
        ]
        if prune:
            stale += [
                sha for sha, src in known.items()
                if sha not in present_hashes and src not in current and not Path(src).exists()
            ]
        return self.drop_reports(stale)

    def select(self, sparql: str) -> QuerySolutions:
        """The solutions of a SELECT query over the store."""
        return cast(QuerySolutions, self.store.query(sparql))

    def dump(self, fmt: RdfFormat = RdfFormat.N_QUADS) -> bytes:
        """The whole store serialised (for tests and small exports)."""
        return cast(bytes, self.store.dump(format=fmt))


def sample_hashes(hashes: Iterable[str], limit: int) -> set[str]:
    """At most ``limit`` of ``hashes``, evenly spread over them in sorted order."""
    ordered = sorted(set(hashes))
    if len(ordered) <= limit:
        return set(ordered)
    step = len(ordered) / limit
    return {ordered[int(i * step)] for i in range(limit)}


def report_nquads(records: Iterable[ReportRecord], check: Set[str] = frozenset(),
                  texts: dict[str, str] | None = None) -> tuple[bytes, bytes]:
    """N-Quads of ``records``' graphs as (body, fz:sha256 markers); SHACL-checks those whose hash is in ``check``.

    ``texts`` (report text by hash, when known) gives each graph its text fingerprint and the places its opening names.
    """
    from fazhi.extract.fingerprint import minhash

    texts = texts or {}
    return graphs_nquads({r.sha256: record_quads(r, minhash(texts[r.sha256]) if r.sha256 in texts else None,
                                                 texts.get(r.sha256)) for r in records}, check)


def graph_ntriples(quads: Iterable[Quad]) -> bytes:
    """One report graph's triples as N-Triples (for ``ReportStore.replace_report``)."""
    return cast(bytes, serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES))


def graphs_nquads(graphs: dict[str, list[Quad]], check: Set[str] = frozenset()) -> tuple[bytes, bytes]:
    """N-Quads of report graphs (quads by report hash) as (body, fz:sha256 markers).

    Runs in build worker processes, so both cores share the serialising;
    the graphs whose hash is in ``check`` are SHACL-checked first, and
    GraphInvalid is raised before anything is stored.
    """
    body: list[Quad] = []
    markers: list[Quad] = []
    for quads in graphs.values():
        for q in quads:
            (markers if q.predicate == _SHA256 else body).append(q)
    to_check = [quads for sha, quads in graphs.items() if sha in check]
    if to_check:  # with the shared graph they make, as the store will hold them
        from fazhi.graph.shared import with_shared
        from fazhi.graph.validate import check_quads

        check_quads(with_shared(*to_check))
    return (cast(bytes, serialize(body, format=RdfFormat.N_QUADS)) if body else b"",
            cast(bytes, serialize(markers, format=RdfFormat.N_QUADS)) if markers else b"")


def _unique(records: Iterable[ReportRecord]) -> list[ReportRecord]:
    """Records with distinct hashes (two identical files are one report)."""
    seen: dict[str, ReportRecord] = {}
    for r in records:
        seen.setdefault(r.sha256, r)
    return list(seen.values())


__all__ = ["ReportStore", "StoreError", "StoreLocked", "graph_ntriples", "graphs_nquads", "report_nquads", "sample_hashes"]
