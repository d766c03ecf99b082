"""`fazhi view` on a real build: files named after the view, one clear line for what does not exist."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from fazhi.cli import app


def test_each_view_gets_its_own_file(sample_build: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["view", "--store", str(sample_build), "--unit", "四道河", "--year", "2023"])
    second = runner.invoke(app, ["view", "--store", str(sample_build), "--kind", "legal adviser"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    one, two = sample_build / "view-四道河子镇-2023.html", sample_build / "view-legal_adviser.html"
    assert f"wrote {one}" in first.output and f"wrote {two}" in second.output
    assert "四道河子镇" in one.read_text(encoding="utf-8") and "法律顾问" in two.read_text(encoding="utf-8")


def test_a_unit_without_that_year_says_which_years_it_has(sample_build: Path) -> None:
    result = CliRunner().invoke(app, ["view", "--store", str(sample_build), "--unit", "四道河子镇", "--year", "2022"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [f"error: {sample_build}: unit '四道河子镇' has no report on 2022 (its reports: 2023)"]
    assert not list(sample_build.glob("view-四道河子镇-2022*"))
