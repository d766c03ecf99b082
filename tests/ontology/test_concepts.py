"""The SKOS vocabularies load as plain data and hold what the extractor relies on."""

from __future__ import annotations

import re

import pytest
from fazhi.ontology.concepts import VOCAB_BASE, concept, concepts, keys, vocab_files

MECHANISM_KEYS = {
    "mediation_center", "people_mediation", "legal_adviser", "hotline_12345", "legal_hotline",
    "public_legal_service", "legal_aid", "legal_literate", "vice_principal", "enforcement_three_systems",
    "legality_review", "document_filing", "who_enforces_publicizes", "four_two", "fengqiao", "grid",
    "legislative_liaison", "first_responsible", "leading_body", "deliberation_point",
    "reconsideration_litigation", "other",
}
CAMPAIGN_KEYS = {
    "pufa_plan", "rule_of_law_training", "civil_code", "constitution", "law_into", "serve_people",
    "anti_fraud", "demo_village", "safety_month", "other",
}


def test_mechanism_and_campaign_keys_are_those_of_the_gold_guide() -> None:
    assert set(keys("mechanism")) == MECHANISM_KEYS
    assert set(keys("campaign")) == CAMPAIGN_KEYS


@pytest.mark.parametrize("scheme", ["mechanism", "campaign", "problem", "unit-type"])
def test_every_concept_is_complete_and_its_patterns_compile(scheme: str) -> None:
    for c in concepts(scheme):
        assert c.iri == f"{VOCAB_BASE}{scheme}/{c.key}"
        assert c.pref_zh and c.pref_en and c.definition, c.key
        for p in c.patterns:
            re.compile(p)


def test_problem_categories_cover_the_common_shortcomings() -> None:
    problem_keys = set(keys("problem"))
    assert {"publicity", "mediation", "dispute_screening", "enforcement", "legal_adviser", "awareness",
            "resources", "institutions", "culture_venues", "other"} <= problem_keys


def test_unit_types_use_the_gold_labels_and_regiment_towns_are_regiments() -> None:
    labels = {c.pref_zh for c in concepts("unit-type")}
    assert {"镇", "乡", "街道", "团场", "县", "区", "市", "局", "委", "办", "其他"} <= labels
    assert concept("unit-type", "regiment-town").broader == "regiment"


@pytest.mark.parametrize(
    "key,wording",
    [
        ("hotline_12345", "12345政务服务便民热线"),
        ("hotline_12345", "市民热线"),
        ("mediation_center", "矛调中心"),
        ("mediation_center", "综治中心"),
        ("mediation_center", "一站式矛盾纠纷解决平台"),
        ("legal_adviser", "一村(社区)一法律顾问"),
        ("legal_adviser", "法律顾问团"),
        ("who_enforces_publicizes", "普法责任制"),
        ("legal_literate", "法治带头人"),
        ("enforcement_three_systems", "执法全过程记录"),
    ],
)
def test_required_wordings_are_alt_labels(key: str, wording: str) -> None:
    c = concept("mechanism", key)
    assert wording in c.alt_zh or wording == c.pref_zh


def test_vocabularies_are_package_resources() -> None:
    files = vocab_files()
    assert set(files) == {"mechanism", "campaign", "problem", "unit-type", "measure"}
    for res in files.values():
        assert res.read_bytes().startswith(b"@prefix")


def test_problem_categories_have_topic_patterns_and_symmetric_relations() -> None:
    for c in concepts("problem"):
        if c.key != "other":
            assert c.topics, c.key
            for p in c.topics:
                assert not re.compile(p).match(""), (c.key, p)  # a topic never matches nothing
        for other in c.related:
            assert c.key in concept("problem", other).related
    assert {"normative_documents", "legal_services", "reconsideration"} <= set(keys("problem"))
    assert re.search(concept("problem", "publicity").topics[0], "普法形式")
