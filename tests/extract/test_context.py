"""Each quote carries the rest of its sentence, so evidence reads as the report's words."""

from __future__ import annotations

from pathlib import Path

from fazhi.extract.context import sentence_context
from fazhi.extract.ingest import read_document
from fazhi.extract.pipeline import extract_document

SENTENCE = "一、基本情况\n四道河子镇建立镇级社会矛盾调处化解中心1个、村队公共法律服务工作室21个，调解员133名。曾先后荣获荣誉称号。"


def test_context_stops_at_the_sentence_ends() -> None:
    start = SENTENCE.index("社会矛盾调处化解中心")
    end = start + len("社会矛盾调处化解中心")
    prefix, suffix = sentence_context(SENTENCE, start, end)
    assert prefix == "四道河子镇建立镇级"
    assert suffix == "1个、村队公共法律服务工作室21个，调解员133名。"


def test_context_is_capped_on_long_sentences() -> None:
    text = "甲" * 500 + "法律顾问" + "乙" * 500
    prefix, suffix = sentence_context(text, 500, 504, limit=80)
    assert prefix == "甲" * 80 and suffix == "乙" * 80


def test_records_quote_prefix_exact_suffix_as_one_stretch_of_the_report(sample_reports: list[Path]) -> None:
    doc = read_document(sample_reports[1])
    record = extract_document(doc)
    assert record.mentions and record.metrics
    for item in (*record.mentions, *record.metrics):
        whole = item.prefix + item.text + item.suffix
        assert doc.text[item.start - len(item.prefix) : item.end + len(item.suffix)] == whole
    hotline = next(m for m in record.mentions if m.kind == "hotline_12345")
    assert hotline.text == "“12345”平台"  # both quote marks or neither
    assert hotline.prefix.endswith("今年以来受理")
    assert hotline.suffix.startswith("反馈问题38件,已办结34件")
