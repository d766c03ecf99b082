"""The spaCy pipeline end to end: components, records, offsets, order, processes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from fazhi.extract.ingest import read_document
from fazhi.extract.pipeline import COMPONENTS, extract_document, extract_documents, load_pipeline
from fazhi.extract.records import Document


def doc(text: str, source: str = "mem.txt") -> Document:
    return Document(text=text, source=source, format="txt", sha256="0" * 64)


@pytest.fixture(scope="module")
def samples(sample_reports: list[Path]) -> list[Document]:
    return [read_document(p) for p in sample_reports]


def test_blank_zh_pipeline_with_character_segmentation_and_our_components() -> None:
    nlp = load_pipeline()
    assert nlp.lang == "zh"
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert [t.text for t in nlp.make_doc("法治副校长")] == list("法治副校长")


def test_every_span_of_every_sample_record_is_exact(samples: list[Document]) -> None:
    for d, rec in zip(samples, extract_documents(samples)):
        assert rec.source == d.source and rec.sha256 == d.sha256
        spans = rec.spans()
        assert spans, d.source
        for text, start, end in spans:
            assert d.text[start:end] == text, (d.source, text, start, end)
        assert rec.report.unit and rec.report.year


def test_sections_are_roles_of_the_report() -> None:
    text = ("某某镇2024年法治政府建设年度报告\n一、主要举措和成效\n聘请法律顾问2名。\n"
            "二、存在的问题\n一是调解力量薄弱。\n三、下一步工作计划\n进一步发挥法律顾问作用。\n")
    rec = extract_document(doc(text))
    roles = [m.section for m in rec.mentions if m.kind == "legal_adviser"]
    assert roles == ["work", "plans"]


def test_report_without_title_line_gets_unit_and_year() -> None:
    text = ("2025年,某某街道在区委、区政府的坚强领导下,全面贯彻落实习近平法治思想,"
            "设立公共法律服务工作站1个,聘请法律顾问3名。\n一、主要举措\n(一)强化组织领导。\n")
    rec = extract_document(doc(text))
    assert (rec.report.unit, rec.report.year, rec.report.unit_type) == ("某某街道", 2025, "街道")


def test_traditional_characters_find_mechanisms_with_offsets_into_the_given_text(samples: list[Document]) -> None:
    import opencc

    simplified = "四道河子镇建立镇级社会矛盾调处化解中心1个、村队公共法律服务工作室21个,调解员133名。"
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    rec = extract_document(doc(traditional))
    found = {m.kind for m in rec.mentions if m.type == "mechanism"}
    assert {"mediation_center", "public_legal_service", "people_mediation"} <= found
    for m in rec.mentions:
        assert traditional[m.start:m.end] == m.text


def test_records_are_in_input_order_and_the_same_with_two_processes(samples: list[Document]) -> None:
    docs = samples + samples[:2]
    one = list(extract_documents(docs, n_process=1))
    two = list(extract_documents(docs, n_process=2, batch_size=2))
    assert [r.source for r in one] == [d.source for d in docs]
    assert one == two
    assert pickle.loads(pickle.dumps(one)) == one


def test_empty_text_gives_an_empty_record() -> None:
    rec = extract_document(doc(""))
    assert rec.mentions == [] and rec.metrics == [] and rec.report.unit is None


def test_component_settings_come_from_the_config() -> None:
    nlp = load_pipeline(config={"fazhi_gazetteer": {"laws": False, "subunits": False}})
    rec = extract_document(doc("镇司法所组织学习《民法典》,聘请法律顾问。"), nlp)
    assert {m.type for m in rec.mentions} == {"mechanism"}
    assert nlp.get_pipe_config("fazhi_gazetteer")["honors"] is True


def test_a_whole_report_in_traditional_characters_gives_the_same_record(samples: list[Document]) -> None:
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    for d in samples[:3]:
        trad = Document(to_traditional.convert(d.text), d.source, d.format, d.sha256)
        assert trad.text != d.text
        a, b = extract_document(d), extract_document(trad)
        assert [(m.type, m.kind, m.start, m.end, m.section) for m in a.mentions] == \
               [(m.type, m.kind, m.start, m.end, m.section) for m in b.mentions]
        assert (b.report.year, b.report.unit_type) == (a.report.year, a.report.unit_type)
        assert b.report.unit == trad.text[d.text.index(a.report.unit):][: len(a.report.unit)]
        for text, start, end in b.spans():
            assert trad.text[start:end] == text


def test_docs_made_by_the_standard_api_keep_their_text() -> None:
    """nlp(text) and nlp.pipe(texts) set doc._.fz_text, so no component rebuilds Doc.text."""
    nlp = load_pipeline()
    text = "一、基本情况\n设立法律援助工作站2个。"
    single = nlp(text)
    piped = list(nlp.pipe([text, "人民调解委员会"]))
    assert single._.fz_text == text and [d._.fz_text for d in piped] == [text, "人民调解委员会"]
    assert [m.kind for m in single._.fz_mentions] == ["legal_aid"]
    assert nlp.tokenizer.to_bytes() and pickle.loads(pickle.dumps(nlp.tokenizer))("法治")._.fz_text == "法治"
