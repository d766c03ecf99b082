"""What a build keeps of each report besides its quads: its graph.ttl block, its briefing rows
and its contribution to the shared graph (the units, laws and divisions it names).

Both are made where the quads are made (in the build workers), from a small
in-memory store of those quads, with the same Turtle writer and the same
SPARQL (``projection.report_rows``) as the whole-store paths. The build then
writes graph.ttl and its row cache by copying blocks (see blocks.py), and
draws the briefing from the cache: a big build never reads its store back.
The shared graph is re-merged from the contributions cache on every build
and written to the store (only what changed) and to graph.ttl.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from fazhi.graph.blocks import Span, Spill, header, index_file, reader, write_blocks
from fazhi.graph.namespaces import (
    GRAPH_ONTOLOGY,
    GRAPH_REPORT,
    GRAPH_VOCAB,
    PREFIXES,
)
from fazhi.graph.projection import Rows, no_rows, report_rows, split_rows
from fazhi.graph.shared import contributions, from_ntriples, merge, replace, to_ntriples
from pyoxigraph import NamedNode, Quad, RdfFormat, Store, Triple, serialize

# data and concept IRIs stay whole: as prefixed names their "/" and "%" would need escapes
TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p not in ("fzid", "fzv")}
TTL_HEAD = (b"# fazhi-kg graph.ttl: every report graph (one block per report, in hash order), "
            b"then the shared units, laws and divisions, then the ontology and vocabularies\n"
            + "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in TURTLE_PREFIXES.items()).encode("ascii") + b"\n")
ROWS_HEAD = b"# fazhi-kg briefing rows, format 2: a cache of the build (safe to delete)\n"
ROWS_FILE = Path("cache") / "report-rows"  # inside the build directory
SHARED_HEAD = b"# fazhi-kg shared-graph contributions, format 1: a cache of the build (safe to delete)\n"
SHARED_FILE = Path("cache") / "shared-contributions"
STORE_BATCH = 16  # report graphs read from a store into one scratch store


@dataclass(frozen=True)
class Artifacts:
    turtle: bytes  # the report's graph.ttl block
    rows: bytes  # its row-cache block: a JSON line of its briefing rows and its summary
    shared: bytes  # its contribution to the shared graph, as N-Triples under its header


def turtle_block(title: bytes, triples: Iterable[Triple]) -> bytes:
    """``title`` then ``triples`` as Turtle under TTL_HEAD's prefixes; sorted, so the same triples give the same bytes."""
    ttl = cast(bytes, serialize(sorted(triples, key=str), format=RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES))
    body = b"".join(line for line in ttl.splitlines(keepends=True) if not line.startswith(b"@prefix "))
    return title + body.lstrip(b"\n")


def _plain(value: Any) -> Any:
    return "" if value is None else value


def report_artifacts(graphs: dict[str, list[Quad]]) -> dict[str, Artifacts]:
    """The artifacts of whole report graphs (quads by report hash, each with its fz:sha256)."""
    from fazhi.graph.store import ReportStore

    store = Store()  # each report with its contribution to the shared graph in its own graph
    parts: dict[str, list[Triple]] = {}
    for sha, quads in graphs.items():
        store.extend(quads)
        parts[sha] = contributions(quads)
        graph = NamedNode(GRAPH_REPORT + sha)
        store.extend([Quad(t.subject, t.predicate, t.object, graph) for t in parts[sha]])
    rows = split_rows(report_rows(store, described_in_report=True))
    summaries = {s["sha256"]: s for s in ReportStore(store).report_summaries()}
    out: dict[str, Artifacts] = {}
    for sha, quads in graphs.items():
        mine = rows.get(GRAPH_REPORT + sha) or no_rows()
        line = json.dumps({"rows": {name: sorted(items, key=lambda r: [_plain(v) for v in r])
                                    for name, items in mine.items()},
                           "summary": summaries.get(sha)}, ensure_ascii=False, separators=(",", ":"))
        out[sha] = Artifacts(turtle=turtle_block(header(sha), (q.triple for q in quads)),
                             rows=header(sha) + line.encode("utf-8") + b"\n",
                             shared=header(sha) + to_ntriples(parts[sha]))
    return out


def store_artifacts(store: Store, shas: Sequence[str]) -> Iterator[tuple[str, Artifacts]]:
    """The artifacts of the stored reports ``shas``, read back from the store (the slow path)."""
    for i in range(0, len(shas), STORE_BATCH):
        graphs = {sha: list(store.quads_for_pattern(None, None, None, NamedNode(GRAPH_REPORT + sha)))
                  for sha in shas[i: i + STORE_BATCH]}
        yield from report_artifacts(graphs).items()


def schema_block(store: Store) -> bytes:
    """The ontology and vocabulary graphs as graph.ttl's closing block."""
    triples = [q.triple for g in (GRAPH_ONTOLOGY, GRAPH_VOCAB)
               for q in store.quads_for_pattern(None, None, None, NamedNode(g))]
    return turtle_block(b"# ontology and vocabularies\n", set(triples))


SHARED_CHUNK = 20_000  # N-Triples lines turned into Turtle at a time: the shared graph of a big build has millions


def shared_block(ntriples: bytes) -> bytes:
    """The shared graph (sorted N-Triples) as graph.ttl's block between the reports and the schema.

    Written a few thousand lines at a time, cut between subjects, so the
    Turtle is the same as in one piece while memory stays flat.
    """
    out = [b"# shared: units, laws, administrative divisions and summaries, each described once\n"]
    lines = ntriples.splitlines(keepends=True)
    start = 0
    while start < len(lines):
        end = min(start + SHARED_CHUNK, len(lines))
        subject = lines[end - 1].split(b" ", 1)[0]
        while end < len(lines) and lines[end].split(b" ", 1)[0] == subject:
            end += 1
        out.append(turtle_block(b"", from_ntriples(b"".join(lines[start:end]))))
        start = end
    return b"".join(out)


def _merged(path: Path, index: dict[str, Span]) -> bytes:
    """The shared graph (sorted N-Triples) merged from a contributions file, read one block at a time."""
    get = reader(path, index)
    return merge(get(sha) or b"" for sha in sorted(index))


class ArtifactSpill:
    """Artifacts of this run's reports, kept in scratch files until the build writes its files."""

    def __init__(self, directory: Path) -> None:
        self.turtle, self.rows, self.shared = Spill(directory), Spill(directory), Spill(directory)

    def add(self, sha: str, artifacts: Artifacts) -> None:
        self.turtle.add(sha, artifacts.turtle)
        self.rows.add(sha, artifacts.rows)
        self.shared.add(sha, artifacts.shared)

    def __contains__(self, sha: str) -> bool:
        return sha in self.turtle.index

    def __enter__(self) -> ArtifactSpill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.turtle.close()
        self.rows.close()
        self.shared.close()


def write_build_files(store: Store, outdir: Path, shas: Iterable[str],
                      new: ArtifactSpill | None = None,
                      replaced: dict[str, Artifacts] | None = None) -> dict[str, Path]:
    """Write graph.ttl and the build's caches for the reports ``shas`` of ``store``, atomically; refresh its shared graph.

    Each report's blocks come from ``replaced``, else ``new`` (this run's),
    else from the files the last build wrote, else (a report those lack)
    from the store itself. The shared graph is merged from the
    contributions and only its changed triples are written to the store.
    """
    shas = sorted(set(shas))
    ttl_path, rows_path, shared_path = outdir / "graph.ttl", outdir / ROWS_FILE, outdir / SHARED_FILE
    for path in (ttl_path, rows_path, shared_path):  # temp files a killed build left (the store lock keeps builds apart)
        if path.parent.exists():
            for left in path.parent.glob(f".{path.name}.*.tmp"):
                left.unlink(missing_ok=True)
    old_ttl, old_rows = index_file(ttl_path, TTL_HEAD), index_file(rows_path, ROWS_HEAD)
    old_shared = index_file(shared_path, SHARED_HEAD)
    with ArtifactSpill(outdir) as more:
        if replaced:
            for sha, artifacts in sorted(replaced.items()):
                more.add(sha, artifacts)
        spills = [more] + [s for s in (new,) if s is not None]
        missing = [sha for sha in shas if not any(sha in s for s in spills)
                   and not (sha in old_ttl and sha in old_rows and sha in old_shared)]
        for sha, artifacts in store_artifacts(store, missing):
            more.add(sha, artifacts)
        rows_path.parent.mkdir(parents=True, exist_ok=True)
        write_blocks(shared_path, SHARED_HEAD, shas,
                     [*(s.shared.get for s in spills), reader(shared_path, old_shared)])
        shared = _merged(shared_path, index_file(shared_path, SHARED_HEAD))
        replace(store, shared)
        write_blocks(ttl_path, TTL_HEAD, shas, [*(s.turtle.get for s in spills), reader(ttl_path, old_ttl)],
                     tail=shared_block(shared) + schema_block(store))
        write_blocks(rows_path, ROWS_HEAD, shas, [*(s.rows.get for s in spills), reader(rows_path, old_rows)])
    return {"ttl": ttl_path, "rows": rows_path}


def read_rows(path: Path) -> Iterator[tuple[Rows, dict[str, Any]]]:
    """Each report's briefing rows and summary from a row cache, in hash order."""
    with open(path, "rb") as fh:
        for line in fh:
            if not line.startswith(b"# "):
                item = json.loads(line)
                yield item["rows"], item["summary"]


__all__ = ["ArtifactSpill", "Artifacts", "SHARED_FILE", "TTL_HEAD", "shared_block", "read_rows", "report_artifacts", "schema_block", "store_artifacts",
           "turtle_block", "write_build_files"]
