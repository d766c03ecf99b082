"""SHACL: the sample build conforms; a hand-broken graph fails with readable lines."""

from __future__ import annotations

from pathlib import Path

from fazhi.graph.validate import validate_path
from typer.testing import CliRunner

from fazhi.cli import app

runner = CliRunner()


def test_sample_build_conforms(sample_build):
    result = runner.invoke(app, ["validate", "--store", str(sample_build)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_graph_ttl_of_the_build_conforms(sample_build):
    assert [v for v in validate_path(sample_build / "graph.ttl") if v.severity == "Violation"] == []


def test_hand_broken_graph_fails_with_focus_path_and_message(sample_build, tmp_path):
    text = (sample_build / "graph.ttl").read_text(encoding="utf-8")
    assert 'fz:status "reported"' in text
    broken = tmp_path / "broken.ttl"
    # a status outside the two allowed values, and a quote selector losing its offsets
    broken.write_text(text.replace('fz:status "reported"', 'fz:status "done"', 1)
                      .replace("oa:start ", "fz:notStart ", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "violation: https://w3id.org/fazhi-kg/id/" in result.output
    assert "path:    fz:status" in result.output
    assert '"reported" or "planned"' in result.output
    assert "path:    oa:start" in result.output


def test_unreadable_input_is_one_line_naming_it(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output and "cannot parse" in result.output
    missing = runner.invoke(app, ["validate", "--store", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.output


def test_empty_build_dir_says_to_build_first(tmp_path: Path):
    result = runner.invoke(app, ["validate", "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert "fazhi build" in result.output
