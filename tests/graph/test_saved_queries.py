"""Every saved briefing query runs on the sample build and gives the answers the reports state."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from fazhi.graph.query import run_query, saved_queries

SAVED = saved_queries()


def rows_of(build: Path, name: str, **params: str) -> list[dict]:
    names, rows = run_query(build, SAVED[name].text, params or None)
    return [dict(zip(names, row)) for row in rows]


@cache
def report_text(source: str) -> str:
    """The text all offsets point into (ingest's cleaned text of the source file)."""
    from fazhi.extract.ingest import read_document

    return read_document(Path(source)).text


def test_at_least_twelve_saved_queries_each_with_a_question() -> None:
    assert len(SAVED) >= 12
    for query in SAVED.values():
        assert query.question.endswith("?"), query.name
        assert query.text.lstrip().startswith("# question:"), query.name


@pytest.mark.parametrize("name", sorted(SAVED))
def test_every_saved_query_answers_on_the_sample_build(sample_build: Path, name: str) -> None:
    names, rows = run_query(sample_build, SAVED[name].text)
    assert names and rows, f"{name} gave no rows on the five sample reports"


def test_hotline_cases_received_and_closed(sample_build: Path) -> None:
    # 001: 今年以来受理“12345”平台反馈问题38件,已办结34件、4件正在推进
    rows = {r["unit"]: r for r in rows_of(sample_build, "hotline_cases")}
    assert set(rows) == {"四道河子镇"}
    town = rows["四道河子镇"]
    assert (town["year"], town["received"], town["closed"]) == (2023, 38, 34)
    assert "38件" in town["quotes"] and "34件" in town["quotes"]


def test_mediation_cases_and_success_rates(sample_build: Path) -> None:
    rows = {r["unit"]: r for r in rows_of(sample_build, "mediation_success")}
    # 001: 全年调处各类矛盾纠纷55起且调解成功率达94.5%
    town = rows["四道河子镇"]
    assert (town["cases"], town["success_rate"], town["disputed"]) == (55, 94.5, False)
    assert "94.5%" in town["quotes"]
    # 002: 调解各类纠纷87起,调解成功85起; 调解率达到100%,调解成功率达98%: two rates, neither picked
    regiment = rows["106团"]
    assert (regiment["cases"], regiment["resolved"], regiment.get("success_rate")) == (87, 85, None)
    assert regiment["disputed"] is True and set(regiment["rate_values"].split(" / ")) == {"100", "98"}


def test_differing_figures_are_kept_and_marked_disputed(sample_build: Path) -> None:
    """003 says 摸排纠纷线索12件 and 参与调解矛盾纠纷120件: both disputes handled, neither picked."""
    street = {r["unit"]: r for r in rows_of(sample_build, "mediation_success")}["华家街道"]
    assert street["disputed"] is True and street.get("cases") is None
    assert set(street["cases_values"].split(" / ")) == {"12", "120"} and street["success_rate"] == 100
    rows = rows_of(sample_build, "measure_by_unit_year", measure="disputes_handled")
    street_rows = [r for r in rows if r["unit"] == "华家街道"]
    assert [(r["value"], r["disputed"]) for r in street_rows] == [(12, True), (120, True)]
    assert "摸排纠纷线索12件" in street_rows[0]["quotes"]


def test_measure_by_unit_year_takes_any_key(sample_build: Path) -> None:
    rows = rows_of(sample_build, "measure_by_unit_year", measure="hotline_closed")
    assert [(r["unit"], r["year"], r["value"], r["disputed"]) for r in rows] == [("四道河子镇", 2023, 34, False)]
    trainings = rows_of(sample_build, "measure_by_unit_year", measure="consultations")
    approx = {(r["unit"], r["value"]): r["approximate"] for r in trainings}
    assert approx[("五团", 600)] is True  # 法律咨询600余人次


def test_mechanisms_by_unit_and_year(sample_build: Path) -> None:
    rows = rows_of(sample_build, "mechanisms_by_unit_year")
    found = {(r["unit"], r["year"], r["mechanism_key"]) for r in rows if r["status"] == "reported"}
    assert ("四道河子镇", 2023, "hotline_12345") in found
    assert ("五团", 2021, "four_two") in found  # 五团: 四议两公开
    assert {r["unit"] for r in rows} >= {"五团", "四道河子镇", "华家街道"}
    assert all(r["mentions"] >= 1 for r in rows)


def test_units_lacking_a_mechanism(sample_build: Path) -> None:
    lacking = {r["unit"] for r in rows_of(sample_build, "units_lacking_mechanism")}
    assert "四道河子镇" not in lacking  # the only sample unit with the 12345 hotline
    assert {"五团", "华家街道"} <= lacking
    # every sample report names legal advisers (法律顾问)
    lacking_advisers = rows_of(sample_build, "units_lacking_mechanism", mechanism="legal_adviser")
    assert not [r for r in lacking_advisers if not r["plans_it"]]


def test_campaigns_per_year(sample_build: Path) -> None:
    rows = rows_of(sample_build, "campaigns_by_year")
    assert {r["year"] for r in rows} >= {2021, 2022, 2023}
    civil_code = [r for r in rows if r["campaign_key"] == "civil_code"]
    assert civil_code and sum(r["units"] for r in civil_code) >= 2


def test_most_cited_laws(sample_build: Path) -> None:
    rows = rows_of(sample_build, "most_cited_laws")
    by_law = {r["law"]: r for r in rows}
    # 《民法典》 is cited by 五团 (000) and 五十一团唐驿镇 (004)
    assert by_law["民法典"]["units"] >= 2
    assert rows[0]["units"] >= rows[-1]["units"]  # most cited first


def test_unit_hierarchy_has_parents(sample_build: Path) -> None:
    rows = rows_of(sample_build, "unit_hierarchy")
    reporting = {r["unit"]: r for r in rows if r["reports"] > 0}
    assert len(reporting) == 5
    assert any(r["parent"] for r in reporting.values())


def test_one_unit_across_years_is_parameterised(sample_build: Path) -> None:
    town = rows_of(sample_build, "unit_across_years")  # default: 四道河子镇
    assert [r["year"] for r in town] == [2023]
    assert "hotline_12345" in town[0]["mechanism_keys"]
    assert town[0]["numbers"] >= 4  # 38件, 34件, 55起, 94.5% at least
    wutuan = rows_of(sample_build, "unit_across_years", unit="五团")
    assert [r["year"] for r in wutuan] == [2021]
    assert rows_of(sample_build, "unit_across_years", unit="不存在的镇") == []


def test_planned_mechanisms_quote_the_plans(sample_build: Path) -> None:
    rows = rows_of(sample_build, "planned_mechanisms")
    reported = {(r["unit"], r["mechanism_key"]) for r in rows_of(sample_build, "mechanisms_by_unit_year")
                if r["status"] == "reported"}
    for row in rows:
        assert (row["unit"], row["mechanism_key"]) not in reported
        assert row["quote"]


def test_edge_evidence_quotes_are_the_report_words(sample_build: Path) -> None:
    rows = rows_of(sample_build, "edge_evidence")  # default: 四道河子镇 – hotline_12345
    assert rows
    for row in rows:
        assert report_text(row["source"])[row["start"]:row["end"]] == row["quote"]
        assert "12345" in row["quote"]
    advisers = rows_of(sample_build, "edge_evidence", unit="五团", mechanism="legal_adviser")
    assert advisers and all("法律顾问" in r["quote"] for r in advisers)


def test_numbers_with_evidence_point_into_the_text(sample_build: Path) -> None:
    rows = rows_of(sample_build, "numbers_with_evidence")
    assert len({r["source"] for r in rows}) == 5
    for row in rows:
        assert report_text(row["source"])[row["start"]:row["end"]] == row["quote"]
    assert any(r["value"] == 94.5 and r["unit_of_measure"] == "%" for r in rows)


def test_problems_and_plans_come_from_the_text(sample_build: Path) -> None:
    problems = rows_of(sample_build, "problems")
    assert problems
    for row in problems:
        assert report_text(row["source"])[row["start"]:row["end"]] == row["problem"]
    by_category = rows_of(sample_build, "problems_by_category")
    assert sum(r["problems"] for r in by_category) == len({(r["source"], r["start"]) for r in problems
                                                           if r["category"]})
    pairs = rows_of(sample_build, "problems_and_plans")
    assert {r["problem"] for r in pairs} == {r["problem"] for r in problems}
    plans = rows_of(sample_build, "plans")
    for row in plans:
        assert report_text(row["source"])[row["start"]:].startswith(row["plan"])


def test_reports_are_the_five_sample_files(sample_build: Path, sample_reports: list[Path]) -> None:
    import hashlib

    rows = rows_of(sample_build, "reports")
    assert {Path(r["source"]).name for r in rows} == {p.name for p in sample_reports}
    for row in rows:
        assert row["sha256"] == hashlib.sha256(Path(row["source"]).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def two_years_of_one_unit(sample_reports: list[Path]):
    """四道河子镇's real report stored twice: as written (2023) and as if filed again for 2022.

    The unit's own triples then sit in two report graphs; Oxigraph's union
    default graph repeats such triples once per graph, so a query without
    DISTINCT would repeat rows.
    """
    import dataclasses
    import hashlib

    from fazhi.extract.ingest import read_document
    from fazhi.extract.pipeline import extract_document
    from fazhi.graph.store import ReportStore

    source = next(p for p in sample_reports if p.name.startswith("001_"))
    first = extract_document(read_document(source))
    second = dataclasses.replace(
        first,
        sha256=hashlib.sha256(b"second filing of " + first.sha256.encode()).hexdigest(),
        source=first.source + "#2022",
        report=dataclasses.replace(first.report, year=2022),
    )
    store = ReportStore.in_memory(validate=False)
    store.sync([first, second])
    return store


@pytest.mark.parametrize("name", sorted(SAVED))
def test_no_saved_query_repeats_a_row_when_a_unit_spans_graphs(two_years_of_one_unit, name: str) -> None:
    names, rows = run_query(two_years_of_one_unit, SAVED[name].text)
    assert len(rows) == len(set(rows)), f"{name} repeats rows"


def test_unit_across_years_lists_both_filings(two_years_of_one_unit) -> None:
    names, rows = run_query(two_years_of_one_unit, SAVED["unit_across_years"].text)
    by_year = {dict(zip(names, r))["year"]: dict(zip(names, r)) for r in rows}
    assert sorted(by_year) == [2022, 2023]
    assert by_year[2022]["mechanisms"] == by_year[2023]["mechanisms"] > 0
    names, rows = run_query(two_years_of_one_unit, SAVED["hotline_cases"].text)
    assert [(r[1], r[2], r[3]) for r in rows] == [(2022, 38, 34), (2023, 38, 34)]
