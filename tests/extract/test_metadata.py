"""Report metadata from titles, salutations, openings and signatures written in the genre."""

from __future__ import annotations

import pytest

from fazhi.extract.metadata import extract_metadata, split_parent, unit_type_label
from fazhi.extract.normalize import normalize_text


def meta(text: str):
    return extract_metadata(text, normalize_text(text))


def test_title_with_unit_before_year() -> None:
    m = meta("四道河子镇2023年法治建设工作汇报\n自法治建设工作开展以来,在市委、市政府的正确领导下……\n一、基本情况\n")
    assert (m.title, m.unit, m.unit_type, m.year) == ("四道河子镇2023年法治建设工作汇报", "四道河子镇", "镇", 2023)


def test_title_prefix_is_the_parent_and_a_regiment_town_is_a_regiment() -> None:
    m = meta("第三师五十一团唐驿镇法治政府建设工作报告\n（2023年度）\n\n2023年来,在师市党委的坚强领导下……\n")
    assert (m.unit, m.parent, m.unit_type, m.year) == ("五十一团唐驿镇", "第三师", "团场", 2023)


def test_report_without_title_gets_unit_year_parent_and_addressee() -> None:
    text = (
        "区委、区政府:\n"
        "2025年,某某街道在区委、区政府的正确领导下,深入学习贯彻习近平法治思想,现将有关情况报告如下:\n"
        "一、主要举措和成效\n(一)加强组织领导。\n"
        "某某市某某区某某街道办事处\n2026年1月20日\n"
    )
    m = meta(text)
    assert m.title is None
    assert (m.unit, m.unit_type, m.year) == ("某某街道", "街道", 2025)
    assert m.addressee == "区委、区政府"
    assert m.parent == "某某市某某区"
    assert m.issued == "2026-01-20"
    assert m.author == "某某市某某区某某街道办事处"


def test_party_committee_signature_gives_the_parent() -> None:
    text = "2021年五团法治政府建设工作报告\n2021年,五团依法治团工作……\n三、存在的问题\n……\n中共第一师阿拉尔市五团委员会\n2021年12月25日"
    m = meta(text)
    assert (m.unit, m.parent, m.year, m.issued) == ("五团", "第一师阿拉尔市", 2021, "2021-12-25")


def test_year_from_a_january_signature_is_the_previous_year() -> None:
    text = "关于法治政府建设工作情况的报告\n我乡高度重视法治建设……\n某某乡人民政府\n二〇二三年一月十日\n"
    m = meta(text)
    assert m.year == 2022
    assert m.issued == "2023-01-10"
    assert (m.unit, m.unit_type) == ("某某乡", "乡")


def test_county_government_title_with_about() -> None:
    m = meta("中共某某县委 某某县人民政府关于2023年度法治政府建设情况的报告\n2023年,我县……\n")
    assert (m.unit, m.unit_type, m.year) == ("某某县", "县", 2023)


def test_department_keeps_its_place_and_has_a_parent() -> None:
    m = meta("某某市司法局2022年度法治政府建设工作报告\n2022年,市司法局……\n")
    assert (m.unit, m.unit_type, m.parent, m.year) == ("某某市司法局", "局", "某某市", 2022)


def test_leadership_phrase_is_not_a_parent() -> None:
    m = meta("106团2022年法治政府建设年度报告\n在师市党委、政府的坚强领导下,106团深入学习……\n")
    assert m.unit == "106团" and m.parent is None


def test_body_jurisdiction_in_a_superior_document_is_the_parent() -> None:
    text = "106团2022年法治政府建设年度报告\n根据《第六师五家渠市法治政府建设重要举措分工方案》要求,现报告如下:\n"
    assert meta(text).parent == "第六师五家渠市"


def test_split_parent_and_unit_types() -> None:
    assert split_parent("大连金普新区华家街道") == ("大连金普新区", "华家街道")
    assert split_parent("某某县人民政府") == (None, "某某县")
    assert unit_type_label("106团") == "团场"
    assert unit_type_label("某某县依法治县委员会办公室") == "办"
    assert unit_type_label("某某村") == "其他"
    assert unit_type_label(None) is None


def test_empty_text_has_no_metadata() -> None:
    m = meta("")
    assert m.unit is None and m.year is None


def test_named_addressee_is_the_parent() -> None:
    text = ("某某县人民政府关于2022年度法治政府建设情况的报告\n\n某某市人民政府:\n"
            "2022年,在市委、市政府的坚强领导下,县政府深入学习贯彻习近平法治思想。\n"
            "某某县人民政府\n2023年2月10日\n")
    m = meta(text)
    assert (m.unit, m.parent, m.addressee, m.year, m.issued) == ("某某县", "某某市", "某某市人民政府", 2022, "2023-02-10")


def test_unnamed_addressee_is_not_a_parent() -> None:
    m = meta("新区党工委、管委会:\n2022年,华家街道在新区党工委的领导下,扎实推进法治建设。\n")
    assert m.unit == "华家街道" and m.parent is None


def test_title_after_web_page_crumbs() -> None:
    text = "首页 > 政务公开 > 法治政府建设\n发布时间:2024-01-15 来源:某某镇\n某某镇2023年度法治政府建设工作报告\n2023年,某某镇……\n"
    m = meta(text)
    assert (m.title, m.unit, m.year) == ("某某镇2023年度法治政府建设工作报告", "某某镇", 2023)


def test_year_in_chinese_numerals_and_opening_with_party_and_government() -> None:
    m = meta("某某镇二〇二三年度法治政府建设工作报告\n……\n")
    assert (m.unit, m.year) == ("某某镇", 2023)
    m = meta("法治政府建设年度报告\n2023年,某某镇党委、政府坚持以习近平法治思想为指导……\n")
    assert (m.unit, m.year) == ("某某镇", 2023)


def test_title_on_two_lines() -> None:
    m = meta("某某县某某镇\n2023年法治政府建设工作报告\n今年以来,我镇……\n")
    assert (m.unit, m.parent, m.year, m.unit_type) == ("某某镇", "某某县", 2023, "镇")


def test_title_opening_with_guanyu_names_the_department_and_its_county() -> None:
    m = meta("关于青山县司法局2024年度法治政府建设情况的报告\n\n县委全面依法治县委员会办公室：\n"
             "2024年，青山县司法局在县委、县政府的坚强领导下……\n青山县司法局\n2025年1月20日\n")
    assert (m.unit, m.parent, m.unit_type, m.year) == ("青山县司法局", "青山县", "局", 2024)
    assert m.issued == "2025-01-20"


def test_department_name_starting_with_a_place_character_keeps_its_city() -> None:
    assert split_parent("江州市市场监督管理局") == ("江州市", "江州市市场监督管理局")
    assert split_parent("临江区住房和城乡建设局") == ("临江区", "临江区住房和城乡建设局")
    assert split_parent("临江区城市管理局") == ("临江区", "临江区城市管理局")
    assert split_parent("市场监督管理局") == (None, "市场监督管理局")
    assert split_parent("江城市城市管理局") == ("江城市", "江城市城市管理局")
    assert split_parent("城市管理局") == (None, "城市管理局")


def test_guanyu_title_of_a_township_reporting_in_january_on_last_year() -> None:
    m = meta("关于木兰乡2022年法治政府建设工作情况的报告\n\n县人民政府：\n2022年，木兰乡在县委、县政府的正确领导下……\n"
             "木兰乡人民政府\n2023年1月6日\n")
    assert (m.unit, m.unit_type, m.parent, m.year) == ("木兰乡", "乡", None, 2022)


def test_county_commission_keeps_its_county_as_parent() -> None:
    assert split_parent("安平县卫生健康委员会") == ("安平县", "安平县卫生健康委员会")
    m = meta("安平县卫生健康委员会2023年度法治政府建设情况报告\n2023年，县卫健委以习近平法治思想为指导……\n"
             "安平县卫生健康委员会\n2024年1月16日\n")
    assert (m.unit, m.unit_type, m.parent, m.year) == ("安平县卫生健康委员会", "委", "安平县", 2023)


@pytest.mark.parametrize(
    "head",
    ["中共黄石镇委员会 黄石镇人民政府\n关于2023年度法治政府建设情况的报告\n",
     "中共黄石镇委员会、黄石镇人民政府关于2023年度法治政府建设情况的报告\n"],
)
def test_joint_report_of_party_committee_and_government_names_the_town(head: str) -> None:
    m = meta(head + "县委、县政府：\n2023年，黄石镇深入学习贯彻习近平法治思想……\n黄石镇人民政府\n2024年1月8日\n")
    assert (m.unit, m.unit_type, m.parent, m.year) == ("黄石镇", "镇", None, 2023)
