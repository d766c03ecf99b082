"""``fazhi query`` and ``run_query``: SPARQL over a build, results a user can read or pipe."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fazhi.graph.query import QueryError, bind_params, run_query, saved_queries
from typer.testing import CliRunner

from fazhi.cli import app

UNITS = "SELECT DISTINCT ?name WHERE { ?r a fz:Report ; dcterms:creator/skos:prefLabel ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_run_query_reads_the_union_of_report_graphs(sample_build: Path) -> None:
    names, rows = run_query(sample_build, UNITS)
    assert names == ["name"]
    assert {"四道河子镇", "五团", "华家街道"} <= {r[0] for r in rows}
    assert len(rows) == 5


def test_run_query_returns_python_numbers(sample_build: Path) -> None:
    names, rows = run_query(
        sample_build,
        "SELECT ?year (COUNT(*) AS ?n) WHERE { ?r a fz:Report ; fz:year ?year } GROUP BY ?year ORDER BY ?year",
    )
    assert names == ["year", "n"]
    assert [r[0] for r in rows] == [2021, 2022, 2023]
    assert sum(r[1] for r in rows) == 5


def test_run_query_accepts_the_store_folder_and_ask(sample_build: Path) -> None:
    names, rows = run_query(sample_build / "store", 'ASK { ?u skos:prefLabel "四道河子镇"@zh }')
    assert (names, rows) == (["ask"], [(True,)])


def test_bad_query_is_one_line_error(sample_build: Path) -> None:
    with pytest.raises(QueryError) as info:
        run_query(sample_build, "SELECT ?x WHERE { ?x fz:unit }")
    assert "\n" not in str(info.value) and str(info.value)


def test_missing_build_is_named(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no graph store"):
        run_query(tmp_path / "nowhere", UNITS)


def test_bind_params_keeps_the_shape_of_the_default() -> None:
    text = ('SELECT ?x WHERE { VALUES ?unit { "四道河子镇"@zh } VALUES ?kind { mech:grid } '
            "VALUES ?year { 2023 } ?x ?p ?unit }")
    bound = bind_params(text, {"unit": "五团", "kind": "legal_adviser", "year": "2021"})
    assert 'VALUES ?unit { "五团"@zh }' in bound
    assert "VALUES ?kind { mech:legal_adviser }" in bound
    assert "VALUES ?year { 2021 }" in bound
    assert 'VALUES ?unit { "a\\"b"@zh }' in bind_params(text, {"unit": 'a"b'})
    assert "VALUES ?kind { camp:civil_code }" in bind_params(text, {"kind": "camp:civil_code"})
    with pytest.raises(QueryError, match="not an integer"):
        bind_params(text, {"year": "去年"})
    with pytest.raises(QueryError, match="unknown parameter month"):
        bind_params(text, {"month": "3"})


def test_saved_query_parameters_have_defaults_and_help() -> None:
    lacking = saved_queries()["units_lacking_mechanism"]
    assert lacking.params == {"mechanism": "hotline_12345"}
    assert "mechanism" in lacking.param_help


def test_cli_csv_output(runner: CliRunner, sample_build: Path) -> None:
    result = runner.invoke(app, ["query", UNITS, "--store", str(sample_build), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")  # the BOM of `export --format csv`: Excel reads Chinese
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0] == ["name"] and ["四道河子镇"] in rows and len(rows) == 6


def test_cli_json_is_sparql_results(runner: CliRunner, sample_build: Path) -> None:
    result = runner.invoke(
        app, ["query", "--name", "hotline_cases", "--store", str(sample_build), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["head"]["vars"][:4] == ["unit", "year", "received", "closed"]
    row = doc["results"]["bindings"][0]
    assert row["unit"] == {"type": "literal", "value": "四道河子镇", "xml:lang": "zh"}
    assert float(row["received"]["value"]) == 38


def test_cli_tsv_and_params(runner: CliRunner, sample_build: Path) -> None:
    result = runner.invoke(app, ["query", "-n", "unit_across_years", "-p", "unit=五团",
                                 "--store", str(sample_build), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert header.split("\t")[0] == "year" and lines[0].split("\t")[0] == "2021"


def test_cli_pages_a_long_answer_and_says_how_to_get_the_next(runner: CliRunner, sample_build: Path) -> None:
    base = ["query", "-n", "numbers_with_evidence", "--store", str(sample_build), "--format", "csv"]
    first = runner.invoke(app, [*base, "-p", "limit=5"])
    assert first.exit_code == 0, first.output
    assert len(first.stdout.splitlines()) == 1 + 5
    assert "-p offset=5" in first.stderr and "-p limit=all" in first.stderr
    second = runner.invoke(app, [*base, "-p", "limit=5", "-p", "offset=5"])
    assert set(second.stdout.splitlines()[1:]).isdisjoint(first.stdout.splitlines()[1:])
    every = runner.invoke(app, [*base, "-p", "limit=all"])
    assert len(every.stdout.splitlines()) > 40 and "offset" not in every.stderr
    bad = runner.invoke(app, [*base, "-p", "limit=many"])
    assert bad.exit_code == 1 and "limit must be a whole number of rows or all" in bad.stderr


def test_cli_query_file_and_table(runner: CliRunner, sample_build: Path, tmp_path: Path) -> None:
    rq = tmp_path / "units.rq"
    rq.write_text(UNITS, encoding="utf-8")
    result = runner.invoke(app, ["query", "-f", str(rq), "--store", str(sample_build), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "四道河子镇" in result.stdout and "5 rows" in result.stdout


def test_cli_list_shows_every_saved_query(runner: CliRunner) -> None:
    result = runner.invoke(app, ["query", "--list"], terminal_width=200)
    assert result.exit_code == 0
    for name in saved_queries():
        assert name in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["SELEC ?x"], "error: "),
        (["--name", "no_such_query"], "no saved query 'no_such_query'"),
        (["-n", "hotline_cases", "-p", "unit=五团"], "unknown parameter unit"),
        (["-n", "unit_across_years", "-p", "unit"], "NAME=VALUE"),
        ([], "give exactly one of"),
    ],
)
def test_cli_errors_are_one_line_and_exit_1(
    runner: CliRunner, sample_build: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["query", *args, "--store", str(sample_build)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
