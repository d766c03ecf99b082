"""fazhi.build_graph: the in-memory graph of a folder of reports."""

from __future__ import annotations

import pytest
import rdflib

import fazhi
from fazhi.api import BuildGraphError

FZ = rdflib.Namespace("https://w3id.org/fazhi-kg/ontology#")


@pytest.fixture(scope="module")
def dataset(sample_reports) -> rdflib.Dataset:
    return fazhi.build_graph(sample_reports[0].parent)


def test_one_named_graph_per_report_plus_ontology_and_vocab(dataset):
    names = {str(g.identifier) for g in dataset.graphs()}
    reports = {n for n in names if n.startswith("https://w3id.org/fazhi-kg/graph/report/")}
    assert len(reports) == 5
    assert {"https://w3id.org/fazhi-kg/graph/ontology", "https://w3id.org/fazhi-kg/graph/vocab"} <= names


def test_union_answers_the_briefing_question(dataset):
    rows = dataset.query("""
        PREFIX fz: <https://w3id.org/fazhi-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?name WHERE { ?u fz:hasMechanism <https://w3id.org/fazhi-kg/vocab/mechanism/hotline_12345> ;
                                skos:prefLabel ?name }""")
    assert "四道河子镇" in {str(r.name) for r in rows}


def test_the_query_prefixes_are_bound(dataset):
    """``fazhi query``'s prefixes work undeclared in ``ds.query``, as a notebook user writes them."""
    rows = dataset.query("SELECT ?name WHERE { ?u fz:hasMechanism mech:hotline_12345 ; skos:prefLabel ?name }")
    assert "四道河子镇" in {str(r.name) for r in rows}


def test_run_query_takes_the_dataset(dataset, sample_build):
    from fazhi.graph.query import run_query, saved_queries

    text = saved_queries()["hotline_cases"].text
    assert run_query(dataset, text) == run_query(sample_build, text)


def test_matches_the_store_of_a_build(dataset, sample_build):
    from fazhi.graph.projection import to_networkx

    a, b = to_networkx(dataset), to_networkx(sample_build)
    assert sorted(a.nodes) == sorted(b.nodes)
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_unreadable_input_names_the_file(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(BuildGraphError, match="broken.docx"):
        fazhi.build_graph([bad])
    with pytest.raises(BuildGraphError, match="no such file"):
        fazhi.build_graph(tmp_path / "missing")
