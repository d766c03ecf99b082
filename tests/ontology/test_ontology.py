"""The ontology: every term labelled in Chinese and English, reused standards, a shape per emitted class."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fazhi.graph.namespaces import FZ, OWL, RDF, RDFS, SH
from fazhi.ontology import ontology_path, shapes_path, vocab_paths
from pyoxigraph import NamedNode, RdfFormat, Store

_spec = importlib.util.spec_from_file_location(
    "c1_records", Path(__file__).resolve().parents[1] / "graph" / "c1_records.py")
recs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recs)


def _load(*paths: Path) -> Store:
    store = Store()
    for p in paths:
        store.load(path=str(p), format=RdfFormat.TURTLE)
    return store


def _values(store: Store, s: str, p: str) -> list:
    return [q.object for q in store.quads_for_pattern(NamedNode(s), NamedNode(p), None)]


def _terms(store: Store) -> list[str]:
    rows = store.query(f"SELECT ?t WHERE {{ ?t a ?c VALUES ?c {{ <{OWL}Class> <{OWL}ObjectProperty> "
                       f"<{OWL}DatatypeProperty> }} }}")
    return sorted({r["t"].value for r in rows})


def test_every_class_and_property_has_zh_and_en_label_and_a_comment():
    store = _load(ontology_path())
    terms = _terms(store)
    assert len(terms) > 30
    for term in terms:
        assert term.startswith(FZ), f"{term}: only fz: terms are declared, standard ones are reused"
        langs = {lit.language for lit in _values(store, term, RDFS + "label")}
        assert {"zh", "en"} <= langs, term
        assert len(_values(store, term, RDFS + "comment")) == 1, term


@pytest.mark.parametrize("cls, parent", [
    ("Unit", "http://www.w3.org/ns/org#Organization"),
    ("Mention", "http://www.w3.org/ns/oa#Annotation"),
    ("MechanismKind", "http://www.w3.org/2004/02/skos/core#Concept"),
    ("CampaignKind", "http://www.w3.org/2004/02/skos/core#Concept"),
    ("ProblemCategory", "http://www.w3.org/2004/02/skos/core#Concept"),
    ("Report", "http://www.w3.org/ns/prov#Entity"),
    ("MechanismUse", "http://www.w3.org/ns/prov#Activity"),
    ("Observation", "https://schema.org/Observation"),
])
def test_classes_specialise_the_standards(cls, parent):
    store = _load(ontology_path())
    assert parent in {o.value for o in _values(store, FZ + cls, RDFS + "subClassOf")}


def test_every_class_the_builder_emits_is_declared_and_has_a_shape():
    from fazhi.graph.rdf import records_quads

    quads = records_quads([recs.sidaohezi(), recs.tangyi()])
    emitted = {q.object.value for q in quads if q.predicate.value == RDF + "type"}
    declared = set(_terms(_load(ontology_path())))
    shapes = _load(shapes_path())
    targeted = {r["c"].value for r in shapes.query(f"SELECT ?c WHERE {{ ?s <{SH}targetClass> ?c }}")}
    for cls in emitted:
        if cls.startswith(FZ):
            assert cls in declared, cls
        assert cls in targeted or cls == "http://www.w3.org/ns/oa#SpecificResource", cls


def test_every_fz_property_the_builder_uses_is_declared():
    from fazhi.graph.rdf import records_quads

    used = {q.predicate.value for q in records_quads([recs.sidaohezi(), recs.tangyi()])}
    declared = set(_terms(_load(ontology_path())))
    assert {p for p in used if p.startswith(FZ)} <= declared


def test_vocabulary_concepts_are_typed_with_the_ontology_classes():
    store = _load(*vocab_paths())
    for cls in ("MechanismKind", "CampaignKind", "ProblemCategory", "UnitType"):
        assert len(list(store.quads_for_pattern(None, None, NamedNode(FZ + cls)))) >= 5
