"""Cross-report linking: one unit node however a report writes its name."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fazhi.extract.cn_numbers import cn_int
from fazhi.graph.linking import clean_name, law_title, name_key, unit_ref
from fazhi.graph.projection import to_networkx
from fazhi.graph.store import ReportStore

_spec = importlib.util.spec_from_file_location("c1_records", Path(__file__).with_name("c1_records.py"))
recs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recs)


@pytest.mark.parametrize("text, value", [("五", 5), ("十", 10), ("五十一", 51), ("一〇六", 106),
                                         ("一百零六", 106), ("二十", 20), ("十三", 13), ("团", None)])
def test_chinese_numerals(text, value):
    assert cn_int(text) == value


@pytest.mark.parametrize("written, cleaned", [
    ("五十一团唐驿镇", "五十一团"),          # 团镇合一: the regiment and its town
    ("第一师阿拉尔市", "第一师"),            # 师市合一: the division and its city
    ("华家街道办事处", "华家街道"),
    ("四道河子镇人民政府", "四道河子镇"),
    ("中共四道河子镇委员会", "四道河子镇委员会"),  # a party committee is not the town government
    ("２０２２年 华家街道", "华家街道"),
    ("团结镇", "团结镇"),                     # a town whose name starts with 团 stays whole
])
def test_clean_name(written, cleaned):
    assert clean_name(written) == cleaned


def test_regiment_numerals_in_either_script_link():
    assert name_key("一〇六团") == name_key("106团") == "106团"
    assert name_key("第六师五家渠市") == name_key("第6师") == "第6师"


def test_same_unit_written_two_ways_under_the_same_parent_is_one_identity():
    long = unit_ref("五十一团唐驿镇", "第三师")
    short = unit_ref("五十一团", "第三师")
    assert long.identity == short.identity
    assert long.label == short.label == "五十一团"
    assert long.written == "五十一团唐驿镇"


def test_same_name_under_different_parents_stays_apart():
    assert unit_ref("城关镇", "甲县").identity != unit_ref("城关镇", "乙县").identity


def test_law_titles():
    assert law_title("《中华人民共和国民法典》") == law_title("“民法典”") == law_title("民法典") == "民法典"
    assert law_title("《中华人民共和国》") == "中华人民共和国"


def test_one_unit_across_two_reports_of_different_years(tmp_path):
    """Sample 004 (2023, 五十一团唐驿镇) and a 2024 report of the same regiment (五十一团)."""
    original = next(recs.EXAMPLES.glob("004_*.txt"))
    later = tmp_path / "051_2024.txt"
    later.write_text(original.read_text(encoding="utf-8").replace("2023", "2024"), encoding="utf-8")
    store = ReportStore.in_memory()
    store.sync([recs.tangyi(), recs.tangyi(later, unit="五十一团", year=2024)])
    G = to_networkx(store)
    units = [(n, d) for n, d in G.nodes(data=True) if d["type"] == "unit" and d["reports"]]
    assert len(units) == 1
    node, data = units[0]
    assert data["label"] == "五十一团"
    assert "五十一团唐驿镇" in data["labels"]
    assert data["years"] == [2023, 2024]
    assert data["count"] == 2
    assert data["parent"] == "第三师"
    edge = G.get_edge_data(node, "https://w3id.org/fazhi-kg/vocab/mechanism/legal_adviser")["hasMechanism"]
    assert edge["years"] == [2023, 2024]
    assert edge["weight"] == 2
    assert {e["source"] for e in edge["evidence"]} == {str(original), str(later)}
