"""The shared graph's summaries: direct edges and precomputed counts equal what the report graphs say.

Each summary is checked against the same figure counted from the facts of
the report graphs (the slow way), on the five sample reports, then again
after one report is removed, so the build keeps them up to date.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fazhi.graph.query import run_query

from fazhi.build import run_build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


def _rows(out: Path, sparql: str) -> set[tuple]:
    return set(run_query(out, sparql)[1])


def _check_summaries(out: Path) -> None:
    # unit → kind by year: one fz:UnitYear per unit and year, its kinds those its reports run
    assert _rows(out, """SELECT ?u ?y ?k WHERE { ?uy a fz:UnitYear ; fz:unit ?u ; fz:year ?y ; fz:reported ?k }""") == \
        _rows(out, """SELECT DISTINCT ?u ?y ?k WHERE { ?use fz:status "reported" ; fz:unit ?u ; fz:year ?y ;
                      fz:kind ?k ; prov:wasDerivedFrom ?r . ?r a fz:Report }""")
    # unit → measure value by year, derived from observations one hop away
    assert _rows(out, """SELECT ?u ?y ?m ?v WHERE { ?s a fz:UnitYearMeasure ; fz:unit ?u ; fz:year ?y ;
                         fz:measure ?m ; fz:statedValue ?v }""") == \
        _rows(out, """SELECT DISTINCT ?u ?y ?m ?v WHERE { ?o a fz:Observation ; fz:unit ?u ; fz:year ?y ;
                      fz:measure ?m ; schema:value ?v }""")
    assert _rows(out, """SELECT ?s ?v WHERE { ?s a fz:UnitYearMeasure ; fz:statedValue ?v .
                         FILTER NOT EXISTS { ?s prov:wasDerivedFrom ?o . ?o schema:value ?v } }""") == set()
    # per kind and year: how many units
    assert _rows(out, "SELECT ?k ?y ?n WHERE { ?s a fz:KindYear ; fz:kind ?k ; fz:year ?y ; fz:unitCount ?n }") == \
        _rows(out, """SELECT ?k ?y (COUNT(DISTINCT ?u) AS ?n) WHERE { ?use fz:status "reported" ; fz:kind ?k ;
                      fz:year ?y ; fz:unit ?u } GROUP BY ?k ?y""")
    # per law: units, reports and quotes
    assert _rows(out, """SELECT ?law ?units ?reports ?quotes WHERE { ?law a fz:LegalInstrument ;
                         fz:unitCount ?units ; fz:reportCount ?reports ; fz:quoteCount ?quotes }""") == \
        _rows(out, """SELECT ?law (COUNT(DISTINCT ?u) AS ?units) (COUNT(DISTINCT ?r) AS ?reports)
                      (COUNT(DISTINCT ?m) AS ?quotes) WHERE { ?r dcterms:references ?law ; dcterms:creator ?u .
                      ?m oa:hasBody ?law ; oa:hasTarget/oa:hasSource ?r } GROUP BY ?law""")
    # per problem category: units and statements
    assert _rows(out, """SELECT ?c ?units ?problems WHERE { ?s a fz:CategorySummary ; fz:category ?c ;
                         fz:unitCount ?units ; fz:problemCount ?problems }""") == \
        _rows(out, """SELECT ?c (COUNT(DISTINCT ?u) AS ?units) (COUNT(?p) AS ?problems) WHERE {
                      ?p a fz:Problem ; fz:category ?c ; fz:unit ?u } GROUP BY ?c""")
    # per unit: reports, first and last year
    assert _rows(out, "SELECT ?u ?n ?first ?last WHERE { ?u fz:reportCount ?n ; fz:firstYear ?first ; "
                      "fz:lastYear ?last ; a fz:Unit }") == \
        _rows(out, """SELECT ?u (COUNT(?r) AS ?n) (MIN(?y) AS ?first) (MAX(?y) AS ?last) WHERE {
                      ?r a fz:Report ; dcterms:creator ?u ; fz:year ?y } GROUP BY ?u""")


def test_summaries_equal_the_facts_they_sum_and_follow_a_removed_report(tmp_path):
    folder = shutil.copytree(EXAMPLES, tmp_path / "in", ignore=shutil.ignore_patterns("*.md"))
    out = tmp_path / "out"
    run_build([folder], out, n_process=1, html=False)
    _check_summaries(out)
    hotline = _rows(out, "SELECT ?n WHERE { ?s a fz:KindYear ; fz:kind mech:hotline_12345 ; fz:unitCount ?n }")
    assert hotline and all(n >= 1 for (n,) in hotline)
    assert _rows(out, "SELECT ?n WHERE { ?x a fz:OtherName ; fz:quoteCount ?n }")  # the samples name local ones

    removed = sorted(folder.glob("*.txt"))[0]
    removed.unlink()
    again = run_build([folder], out, n_process=1, html=False, prune=True)
    assert again.removed == 1
    _check_summaries(out)
    fresh = tmp_path / "fresh"
    run_build([folder], fresh, n_process=1, html=False)
    assert (out / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()


@pytest.mark.parametrize("query", ["mechanisms_by_unit_year", "numbers_with_evidence"])
def test_a_paged_query_pages_through_every_row_once(tmp_path, query):
    from fazhi.graph.query import execute, saved_queries

    out = tmp_path / "out"
    run_build([EXAMPLES], out, n_process=1, html=False)
    text = saved_queries()[query].text
    every = execute(out, text, {"limit": "all"}).rows
    assert len(every) > 40
    pages = [execute(out, text, {"limit": "17", "offset": str(start)}).rows for start in range(0, len(every) + 17, 17)]
    assert [len(p) for p in pages[:-2]] == [17] * (len(pages) - 2) and pages[-1] == []
    assert sorted(map(str, (row for page in pages for row in page))) == sorted(map(str, every))
