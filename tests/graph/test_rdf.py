"""Records → RDF: evidence on every fact, planned vs reported, laws, determinism."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from fazhi.extract.records import Mention, ReportMeta
from fazhi.graph.namespaces import report_graph, sparql_prefixes
from fazhi.graph.rdf import record_quads, records_quads, to_nquads
from fazhi.graph.shared import with_shared
from pyoxigraph import Store

_spec = importlib.util.spec_from_file_location("c1_records", Path(__file__).with_name("c1_records.py"))
recs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recs)


def _store(quads) -> Store:
    """One report graph with what it contributes to the shared graph (its unit's and laws' names)."""
    s = Store()
    s.extend(with_shared(quads))
    return s


def _select(store: Store, query: str) -> list[tuple]:
    return [tuple(None if sol[v] is None else sol[v].value for v in range(len(sol)))
            for sol in store.query(sparql_prefixes() + query, use_default_graph_as_union=True)]


def test_every_fact_quotes_the_report_text_at_its_offsets():
    record = recs.sidaohezi()
    text = Path(record.source).read_text(encoding="utf-8")
    store = _store(record_quads(record))
    rows = _select(store, """
        SELECT ?fact ?quote ?start ?end WHERE {
          ?fact fz:evidence ?m . ?m oa:hasTarget ?t .
          ?t oa:hasSelector ?q, ?p . ?q oa:exact ?quote . ?p oa:start ?start ; oa:end ?end }""")
    facts = {r[0] for r in rows}
    n_facts = len({(m.type, m.kind) for m in record.mentions if m.type in ("mechanism", "campaign")})
    assert len(facts) == n_facts + len(record.problems) + len(record.plans) + len(record.metrics)
    for _, quote, start, end in rows:
        assert text[int(start):int(end)] == quote


def test_a_quote_is_one_selector_carrying_text_context_and_offsets():
    record = recs.sidaohezi()
    quads = record_quads(record)
    store = _store(quads)
    rows = _select(store, """
        SELECT ?m ?t ?s ?quote ?start ?end WHERE {
          ?m a fz:Mention ; oa:hasTarget ?t . ?t oa:hasSource ?r ; oa:hasSelector ?s .
          ?s oa:exact ?quote ; oa:start ?start ; oa:end ?end }""")
    assert len(rows) == len({r[0] for r in rows}) > 10  # one target, one selector per mention
    m, t, s = rows[0][:3]
    subjects = {m, t, s}
    per_mention = [q for q in quads if q.subject.value in subjects]
    # type, mentionType, section, body, target; source, selector; exact, prefix, suffix, start, end
    assert len(per_mention) <= 12
    assert not [q for q in quads if q.predicate.value.endswith(("#motivatedBy",)) or
                q.object.value.startswith("http://www.w3.org/ns/oa#")]


def test_all_quads_sit_in_the_report_graph():
    record = recs.sidaohezi()
    graphs = {q.graph_name.value for q in record_quads(record)}
    assert graphs == {report_graph(record.sha256)}


def test_mechanism_named_only_in_plans_is_planned_not_run():
    store = _store(record_quads(recs.sidaohezi()))
    rows = _select(store, """
        SELECT ?p ?status WHERE {
          ?u skos:prefLabel "四道河子镇"@zh ; ?p <https://w3id.org/fazhi-kg/vocab/mechanism/grid> .
          ?use fz:kind <https://w3id.org/fazhi-kg/vocab/mechanism/grid> ; fz:status ?status }""")
    assert rows == [("https://w3id.org/fazhi-kg/ontology#plansMechanism", "planned")]
    ran = _select(store, "SELECT ?k WHERE { ?u fz:hasMechanism ?k }")
    assert ("https://w3id.org/fazhi-kg/vocab/mechanism/hotline_12345",) in ran
    assert ("https://w3id.org/fazhi-kg/vocab/mechanism/grid",) not in ran


def test_unit_type_parent_and_alias():
    store = _store(record_quads(recs.tangyi()))
    rows = _select(store, """
        SELECT ?name ?alias ?type ?parent WHERE {
          ?r a fz:Report ; dcterms:creator ?u .
          ?u skos:prefLabel ?name ; skos:altLabel ?alias ; fz:unitType ?type ;
             org:subOrganizationOf/skos:prefLabel ?parent }""")
    assert rows == [("五十一团", "五十一团唐驿镇", "https://w3id.org/fazhi-kg/vocab/unit-type/regiment", "第三师")]


def test_law_spellings_become_one_node_across_reports():
    one = recs.tangyi()  # writes 《民法典》
    two = recs.sidaohezi()  # writes “民法典”
    text = Path(two.source).read_text(encoding="utf-8")
    start = text.index("“民法典”")
    two.mentions.append(Mention("law", "law", "“民法典”", start, start + 5, "work"))
    store = _store(records_quads([one, two]))
    laws = _select(store, "SELECT DISTINCT ?law WHERE { ?law a fz:LegalInstrument ; skos:prefLabel '民法典'@zh }")
    assert len(laws) == 1
    citing = _select(store, "SELECT DISTINCT ?name WHERE { ?u fz:cites ?law ; skos:prefLabel ?name . "
                            "?law skos:prefLabel '民法典'@zh } ORDER BY ?name")
    assert citing == [("五十一团",), ("四道河子镇",)]


def test_metric_values_are_decimals_with_units():
    store = _store(record_quads(recs.sidaohezi()))
    rows = _select(store, """SELECT ?v ?u WHERE { ?o a fz:Observation ; schema:value ?v ; schema:unitText ?u }
                            ORDER BY ?v""")
    assert rows == [("38", "件"), ("94.5", "%")]


def test_observation_links_its_measure_concept_and_the_mechanism_use_it_counts():
    record = recs.sidaohezi()
    hotline = next(m for m in record.mentions if m.kind == "hotline_12345")
    received = next(m for m in record.metrics if m.value == 38)
    received.subject, received.subject_type, received.subject_kind = hotline.text, "mechanism", hotline.kind
    received.phrase, received.approximate = "受理“12345”平台反馈问题", True
    store = _store(record_quads(record))
    rows = _select(store, """SELECT ?v ?measure ?kind ?phrase ?approx WHERE {
        ?o a fz:Observation ; schema:value ?v ; fz:measure ?measure ; fz:approximate ?approx .
        OPTIONAL { ?o fz:subject ?use . ?use a fz:MechanismUse ; fz:kind ?kind }
        OPTIONAL { ?o fz:measurePhrase ?phrase } } ORDER BY ?v""")
    vocab = "https://w3id.org/fazhi-kg/vocab/"
    assert rows == [("38", vocab + "measure/hotline_received", vocab + "mechanism/hotline_12345",
                     "受理“12345”平台反馈问题", "true"),
                    ("94.5", vocab + "measure/mediation_rate", None, None, "false")]


def test_a_key_outside_the_measure_vocabulary_is_not_linked():
    record = recs.sidaohezi()
    record.metrics[0].measure = "made_up_key"
    store = _store(record_quads(record))
    rows = _select(store, "SELECT ?v WHERE { ?o fz:measure ?m ; schema:value ?v }")
    assert rows == [("94.5",)]


def test_same_records_give_byte_identical_sorted_nquads_in_any_order():
    first = to_nquads(records_quads([recs.sidaohezi(), recs.tangyi()]))
    again = [recs.tangyi(), recs.sidaohezi()]  # other report order, other mention order
    for record in again:
        random.Random(7).shuffle(record.mentions)
    second = to_nquads(records_quads(again))
    assert first.encode("utf-8") == second.encode("utf-8")
    assert first.count("\n") > 300


def test_report_without_unit_keeps_its_facts_without_shortcuts():
    record = recs.sidaohezi()
    record.report = ReportMeta(title=None, unit=None, year=None)
    store = _store(record_quads(record))
    assert _select(store, "SELECT ?u WHERE { ?u a fz:Unit }") == []
    assert _select(store, "SELECT (COUNT(?x) AS ?n) WHERE { ?x a fz:MechanismUse }") == [("4",)]
