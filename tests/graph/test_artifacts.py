"""graph.ttl and the briefing rows a build makes in its workers equal what the store gives back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fazhi.graph.artifacts import ROWS_FILE, read_rows
from fazhi.graph.outputs import write_outputs
from fazhi.graph.projection import assemble, to_networkx, vocab_rows
from fazhi.graph.store import ReportStore
from pyoxigraph import RdfFormat, parse

from fazhi.build import run_build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


def _signature(G) -> list:
    return [sorted(G.nodes(data=True)), sorted((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True))]


def test_graph_ttl_holds_every_triple_of_the_store_and_matches_a_rewrite_from_the_store(sample_build, tmp_path):
    with ReportStore.open(sample_build / "store", read_only=True) as store:
        triples = {q.triple for q in store.store}
        write_outputs(store, tmp_path)
    data = (sample_build / "graph.ttl").read_bytes()
    assert {q.triple for q in parse(data, format=RdfFormat.TURTLE)} == triples
    assert (tmp_path / "graph.ttl").read_bytes() == data  # the workers' blocks are the store's
    assert (tmp_path / ROWS_FILE).read_bytes() == (sample_build / ROWS_FILE).read_bytes()


def test_the_cached_rows_give_the_same_briefing_graph_as_the_store(sample_build):
    with ReportStore.open(sample_build / "store", read_only=True) as store:
        vocab = vocab_rows(store.store)
        from_store = to_networkx(store)
    from_rows = assemble((rows for rows, _ in read_rows(sample_build / ROWS_FILE)), vocab)
    assert _signature(from_rows) == _signature(from_store)
    assert from_rows.number_of_edges() > 50


@pytest.fixture
def two_sets(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    for i, path in enumerate(sorted(EXAMPLES.glob("*.txt"))):
        folder = first if i < 3 else second
        folder.mkdir(exist_ok=True)
        shutil.copy(path, folder / path.name)
    return first, second


def test_an_incremental_build_writes_what_a_fresh_build_writes(two_sets, tmp_path):
    first, second = two_sets
    run_build([first], tmp_path / "grown", n_process=1)
    grown = run_build([first, second], tmp_path / "grown", n_process=1)
    fresh = run_build([first, second], tmp_path / "fresh", n_process=1)
    assert (grown.unchanged, grown.extracted) == (3, 2)
    assert grown.summaries == fresh.summaries
    for name in ("graph.ttl", str(ROWS_FILE), "graph.html"):
        assert (tmp_path / "grown" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_lost_or_foreign_files_are_rebuilt_from_the_store(two_sets, tmp_path):
    first, second = two_sets
    out = tmp_path / "out"
    run_build([first, second], out, n_process=1)
    expected = {name: (out / name).read_bytes() for name in ("graph.ttl", str(ROWS_FILE), "graph.html")}
    shutil.rmtree(out / "cache")  # the cache deleted by hand
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    (out / "graph.ttl").write_text(text.replace("fazhi-kg graph.ttl", "edited graph.ttl", 1), encoding="utf-8")
    again = run_build([first, second], out, n_process=1)
    assert again.extracted == 0 and len(again.summaries) == 5
    assert {name: (out / name).read_bytes() for name in expected} == expected
