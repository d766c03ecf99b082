"""The persistent store: incremental by hash, replacement, prune, schema, refusal of bad graphs."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path

import pytest
from fazhi.extract.records import Document
from fazhi.graph.namespaces import GRAPH_ONTOLOGY, GRAPH_VOCAB, report_graph
from fazhi.graph.store import ReportStore
from fazhi.graph.validate import GraphInvalid

_spec = importlib.util.spec_from_file_location("c1_records", Path(__file__).with_name("c1_records.py"))
recs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recs)


def _doc(path: Path) -> Document:
    data = path.read_bytes()
    return Document(data.decode("utf-8"), str(path), "txt", hashlib.sha256(data).hexdigest())


def _graph_size(store: ReportStore, sha: str) -> int:
    from pyoxigraph import NamedNode

    return len(list(store.store.quads_for_pattern(None, None, None, NamedNode(report_graph(sha)))))


@pytest.fixture
def report_copy(tmp_path: Path) -> Path:
    """A copy of sample 004 that a test may edit or delete."""
    dest = tmp_path / "reports" / "051.txt"
    dest.parent.mkdir()
    shutil.copy(next(recs.EXAMPLES.glob("004_*.txt")), dest)
    return dest


def test_first_sync_adds_reports_and_schema_and_persists(tmp_path):
    one, two = recs.sidaohezi(), recs.tangyi()
    with ReportStore.open(tmp_path / "store") as store:
        assert store.sync([one, two], present=[]) == 0
    with ReportStore.open(tmp_path / "store", read_only=True) as store:
        assert store.report_hashes() == {one.sha256: one.source, two.sha256: two.source}
        graphs = {g.value for g in store.store.named_graphs()}
        assert {GRAPH_ONTOLOGY, GRAPH_VOCAB, report_graph(one.sha256), report_graph(two.sha256)} <= graphs
        rows = {r["unit"]: r for r in store.report_summaries()}
    assert rows["四道河子镇"]["year"] == 2023
    assert rows["四道河子镇"]["mechanisms"] == 3  # grid is only planned
    assert rows["四道河子镇"]["campaigns"] == 2
    assert rows["四道河子镇"]["problems"] == 2
    assert rows["四道河子镇"]["metrics"] == 2
    assert rows["五十一团唐驿镇"]["source"] == two.source  # the name as the report writes it


def test_resync_of_known_reports_changes_nothing(tmp_path):
    with ReportStore.open(tmp_path / "store") as store:
        store.sync([recs.sidaohezi()])
        before = store.dump()
        assert store.sync([recs.sidaohezi()], present=[]) == 0
        assert store.dump() == before


def test_changed_file_replaces_its_graph(tmp_path, report_copy):
    old = recs.tangyi(report_copy)
    with ReportStore.open(tmp_path / "store") as store:
        store.sync([old], present=[_doc(report_copy)])
        old_size = _graph_size(store, old.sha256)
        report_copy.write_text(report_copy.read_text(encoding="utf-8") + "\n附：2024年法治宣传计划。\n",
                               encoding="utf-8")
        new = recs.tangyi(report_copy)
        new.mentions = new.mentions[:1]  # the edited report names fewer things
        assert new.sha256 != old.sha256
        removed = store.sync([new], present=[_doc(report_copy)])
        assert removed == 1
        assert store.report_hashes() == {new.sha256: str(report_copy)}
        assert _graph_size(store, old.sha256) == 0
        assert 0 < _graph_size(store, new.sha256) < old_size


def test_prune_drops_reports_whose_files_are_gone_only(tmp_path, report_copy):
    kept, gone = recs.sidaohezi(), recs.tangyi(report_copy)
    with ReportStore.open(tmp_path / "store") as store:
        store.sync([kept, gone], present=[_doc(Path(kept.source)), _doc(report_copy)])
        # without --prune a missing file keeps its report
        report_copy.unlink()
        assert store.sync([], present=[_doc(Path(kept.source))], prune=False) == 0
        assert set(store.report_hashes()) == {kept.sha256, gone.sha256}
        # a file that exists but could not be read this time is not "gone"
        assert store.sync([], present=[], prune=True) == 1
        assert set(store.report_hashes()) == {kept.sha256}


def test_bad_graph_is_refused_and_the_store_stays_as_it_was(tmp_path):
    bad = recs.tangyi()
    bad.mentions[0].kind = "no_such_mechanism"  # a builder bug: a kind outside the vocabulary
    with ReportStore.open(tmp_path / "store") as store:
        store.sync([recs.sidaohezi()])
        before = store.dump()
        with pytest.raises(GraphInvalid, match="no_such_mechanism"):
            store.sync([bad])
        assert store.dump() == before


def test_sample_build_has_the_five_reporting_units(sample_build):
    with ReportStore.open(sample_build / "store", read_only=True) as store:
        rows = store.report_summaries()
    assert len(rows) == 5
    assert {"五团", "四道河子镇", "106团", "华家街道", "五十一团唐驿镇"} <= {r["unit"] for r in rows}  # as written
    assert all(r["year"] for r in rows)


def test_sample_build_sidaohezi_has_the_12345_hotline(sample_build):
    with ReportStore.open(sample_build / "store", read_only=True) as store:
        ask = store.store.query(
            "PREFIX fz: <https://w3id.org/fazhi-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "ASK { ?u skos:prefLabel '四道河子镇'@zh ; "
            "fz:hasMechanism <https://w3id.org/fazhi-kg/vocab/mechanism/hotline_12345> }",
            use_default_graph_as_union=True)
    assert bool(ask)


def test_rebuild_skips_unchanged_reports(sample_build, sample_reports, tmp_path):
    from fazhi.build import run_build

    out = tmp_path / "out"
    shutil.copytree(sample_build, out)
    report = run_build([sample_reports[0].parent], out, html=False)
    assert report.extracted == 0
    assert report.unchanged == 5
    assert report.removed == 0


def test_two_builds_give_identical_sorted_nquads(sample_build, sample_reports, tmp_path):
    from fazhi.graph.rdf import to_nquads

    from fazhi.build import run_build

    run_build([sample_reports[0].parent], tmp_path / "again", html=False)

    def nquads(store_dir: Path) -> str:
        with ReportStore.open(store_dir, read_only=True) as store:
            return to_nquads(store.store)

    first, second = nquads(sample_build / "store"), nquads(tmp_path / "again" / "store")
    assert first == second
    assert (sample_build / "graph.ttl").read_bytes() == (tmp_path / "again" / "graph.ttl").read_bytes()


def test_graph_left_without_its_hash_by_a_crash_is_dropped_and_rebuilt(tmp_path):
    from pyoxigraph import NamedNode

    record = recs.tangyi()
    with ReportStore.open(tmp_path / "store") as store:
        store.sync([record])
        complete = store.dump()
        # what a crash between the bulk load and the hash transaction leaves behind
        marker = next(store.store.quads_for_pattern(
            None, NamedNode("https://w3id.org/fazhi-kg/ontology#sha256"), None))
        store.store.remove(marker)
        assert store.report_hashes() == {}
        assert store.report_graphs() == [report_graph(record.sha256)]
        store.sync([record])
        assert store.report_hashes() == {record.sha256: record.source}
        assert store.dump() == complete


def test_load_reports_stores_nquads_and_hashes_last(tmp_path):
    from fazhi.graph.store import report_nquads, sample_hashes

    record = recs.tangyi()
    body, markers = report_nquads([record], check={record.sha256})
    assert b"sha256" not in body and markers.count(b"\n") == 1
    with ReportStore.open(tmp_path / "store") as store:
        store.prepare()
        store.load_reports(body, markers)
        assert store.report_hashes() == {record.sha256: record.source}
    assert len(sample_hashes([f"{i:02d}" for i in range(100)], 10)) == 10
    assert sample_hashes(["b", "a"], 10) == {"a", "b"}
