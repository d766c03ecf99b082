"""The streaming build: worker processes, chunked loading, bad files, copies, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fazhi.graph.store import ReportStore

from fazhi.build import run_build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder with copies of the five sample reports."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def test_worker_pool_build_equals_the_one_process_build(reports, tmp_path, monkeypatch):
    import fazhi.build

    one = run_build([reports], tmp_path / "one", n_process=1, html=False)
    monkeypatch.setattr(fazhi.build, "CHUNK_FILES", 2)  # three chunks over two spawned workers
    monkeypatch.setattr(fazhi.build, "LOAD_REPORTS", 2)  # and more than one bulk load
    two = run_build([reports], tmp_path / "two", n_process=2, html=False)
    assert (one.extracted, two.extracted) == (5, 5)
    assert two.summaries == one.summaries
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()


def test_a_bad_file_is_one_failure_and_the_rest_are_built(reports, tmp_path):
    (reports / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 400)
    report = run_build([reports], tmp_path / "out", n_process=1, html=False)
    assert [Path(f.path).name for f in report.failures] == ["broken.txt"]
    assert report.extracted == 5
    assert len(report.summaries) == 5


def test_identical_copies_are_one_report_and_keep_it_on_rebuild(reports, tmp_path):
    first = sorted(reports.glob("*.txt"))[0]
    shutil.copy(first, reports / "copy.txt")
    out = tmp_path / "out"
    report = run_build([reports], out, n_process=1, html=False)
    assert report.extracted == 5
    assert len(report.summaries) == 5
    again = run_build([reports], out, n_process=1, html=False, prune=True)
    assert (again.extracted, again.unchanged, again.removed) == (0, 6, 0)


def test_changed_file_replaces_its_report_and_prune_drops_a_deleted_one(reports, tmp_path):
    out = tmp_path / "out"
    run_build([reports], out, n_process=1, html=False)
    files = sorted(reports.glob("*.txt"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n二〇二三年十二月三十一日\n", encoding="utf-8")
    files[1].unlink()
    report = run_build([reports], out, n_process=1, html=False, prune=True)
    assert (report.extracted, report.unchanged, report.removed) == (1, 3, 2)
    with ReportStore.open(out / "store", read_only=True) as store:
        sources = sorted(Path(s).name for s in store.report_hashes().values())
    assert sources == sorted(p.name for p in files if p.exists())


def test_big_builds_check_a_bounded_sample(reports, tmp_path, monkeypatch):
    import fazhi.graph.store

    monkeypatch.setattr(fazhi.graph.store, "VALIDATE_SAMPLE", 2)
    report = run_build([reports], tmp_path / "out", n_process=1, html=False)
    assert (report.extracted, report.validated) == (5, 2)


def test_cli_exits_3_when_the_builder_breaks_its_own_shapes(reports, tmp_path, monkeypatch):
    import fazhi.graph.rdf
    from typer.testing import CliRunner

    from fazhi.cli import app

    # a builder bug: every report graph comes out without its fz:Report type
    real = fazhi.graph.rdf.record_quads
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

    def untyped(record, *args):
        return [q for q in real(record, *args)
                if not (q.predicate.value == rdf_type and q.object.value.endswith("#Report"))]

    monkeypatch.setattr(fazhi.graph.rdf, "record_quads", untyped)
    result = CliRunner().invoke(app, ["build", str(reports), "-o", str(tmp_path / "out"), "-j", "1", "--no-html"])
    assert result.exit_code == 3, result.output
    assert "internal error" in result.output and "SHACL violation" in result.output
    with ReportStore.open(tmp_path / "out" / "store", read_only=True) as store:
        assert store.report_hashes() == {}


def test_compact_on_an_unchanged_build_keeps_every_quad(reports, tmp_path):
    from typer.testing import CliRunner

    from fazhi.cli import app

    out = tmp_path / "out"
    run_build([reports], out, n_process=1, html=False)
    with ReportStore.open(out / "store", read_only=True) as store:
        before = sorted(store.dump().splitlines())
    result = CliRunner().invoke(app, ["build", str(reports), "-o", str(out), "--compact", "--no-html"])
    assert result.exit_code == 0, result.output
    with ReportStore.open(out / "store", read_only=True) as store:
        assert sorted(store.dump().splitlines()) == before
        assert len(store.report_hashes()) == 5
