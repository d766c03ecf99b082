"""The files a build writes beside its store: graph.ttl and ontology.html.

graph.ttl is the union of every report graph with the ontology and the
vocabularies, one sorted Turtle document: the same store always gives the
same bytes. It is written by an external merge sort (each graph dumped as
N-Triples, sorted runs on disk, merged, then Turtle a block at a time), so
memory stays flat however big the store. Files are written atomically
(temp file + rename).
"""

from __future__ import annotations

import heapq
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pyoxigraph import DefaultGraph, RdfFormat, Triple, parse, serialize

from fazhi.graph.atomic import atomic_writer
from fazhi.graph.namespaces import PREFIXES


# data and concept IRIs stay whole: as prefixed names their "/" and "%" would need escapes
TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p not in ("fzid", "fzv")}


def union_triples(store: Any) -> list[Triple]:
    """Every distinct triple of every graph of a pyoxigraph store, sorted."""
    return sorted({q.triple for q in store}, key=str)  # by N-Triples text: subject first


def turtle_bytes(store: Any) -> bytes:
    """The union of ``store``'s graphs as deterministic Turtle."""
    return serialize(union_triples(store), format=RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)


RUN_LINES = 300_000  # N-Triples lines sorted in memory at once (~100 MB)
BLOCK_LINES = 20_000  # sorted lines turned into Turtle at once


def _graph_lines(store: Any) -> Iterator[bytes]:
    """N-Triples lines of every graph of ``store``, one graph at a time (duplicates across graphs kept)."""
    for graph in [DefaultGraph(), *sorted(store.named_graphs(), key=str)]:
        data = store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph)
        yield from data.splitlines(keepends=True)


def _sorted_runs(lines: Iterable[bytes], tmpdir: Path) -> list[Path]:
    """Sort ``lines`` in runs of RUN_LINES, each written to a file in ``tmpdir``."""
    runs: list[Path] = []
    buf: list[bytes] = []

    def spill() -> None:
        run = tmpdir / f"run{len(runs):05d}.nt"
        with open(run, "wb") as fh:
            fh.writelines(sorted(set(buf)))
        runs.append(run)
        buf.clear()

    for line in lines:
        buf.append(line)
        if len(buf) >= RUN_LINES:
            spill()
    if buf or not runs:
        spill()
    return runs


def _merged(runs: list[Path]) -> Iterator[bytes]:
    """The distinct lines of the sorted ``runs``, in order."""
    files = [open(run, "rb") for run in runs]
    try:
        last = None
        for line in heapq.merge(*files):
            if line != last:
                yield line
                last = line
    finally:
        for fh in files:
            fh.close()


def _subject_blocks(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Sorted lines in blocks of about BLOCK_LINES, cut only between subjects."""
    buf: list[bytes] = []
    subject = b""
    for line in lines:
        s = line[: line.index(b" ")]
        if len(buf) >= BLOCK_LINES and s != subject:
            yield b"".join(buf)
            buf = []
        buf.append(line)
        subject = s
    if buf:
        yield b"".join(buf)


def write_turtle(store: Any, path: Path) -> Path:
    """Write the union of ``store``'s graphs to ``path`` as sorted Turtle, atomically, in bounded memory.

    Triples are ordered by their N-Triples text (so by subject first) and
    each distinct triple appears once: the same store gives the same bytes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for left in path.parent.glob(f".{path.name}.*"):  # left by a killed build (the store lock keeps builds apart)
        shutil.rmtree(left, ignore_errors=True) if left.is_dir() else left.unlink(missing_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".sort", dir=path.parent))
    try:
        runs = _sorted_runs(_graph_lines(store), tmpdir)
        with atomic_writer(path) as out:
            first = True
            for block in _subject_blocks(_merged(runs)):
                ttl = serialize(parse(block, format=RdfFormat.N_TRIPLES), format=RdfFormat.TURTLE,
                                prefixes=TURTLE_PREFIXES)
                if not first:  # the prefixes once, at the top
                    ttl = b"".join(l for l in ttl.splitlines(keepends=True) if not l.startswith(b"@prefix "))
                    ttl = ttl.lstrip(b"\n")
                out.write(ttl)
                first = False
            if first:  # an empty store: just the prefixes
                out.write(serialize([], format=RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return path


def write_outputs(store: Any, outdir: Path) -> dict[str, Path]:
    """Write graph.ttl and ontology.html for a ReportStore (or pyoxigraph Store) into ``outdir``."""
    from fazhi.graph.ontology_page import write_ontology_page

    inner = getattr(store, "store", store)
    outdir = Path(outdir)
    ttl = outdir / "graph.ttl"
    write_turtle(inner, ttl)
    page = write_ontology_page(outdir / "ontology.html")
    return {"ttl": ttl, "ontology": page}


def write_outputs_at(store_dir: Path, outdir: Path) -> dict[str, Path]:
    """``write_outputs`` from a store directory opened read-only.

    A big build runs this in a helper process while it projects the briefing
    graph, so the two full passes over the store use both cores.
    """
    from pyoxigraph import Store

    store = Store.read_only(str(store_dir))
    try:
        return write_outputs(store, outdir)
    finally:
        del store
