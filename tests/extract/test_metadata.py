"""Report metadata from titles, salutations, openings, bodies and signatures.

The first tests use texts written in the genre (某某 names); the later ones
use lines of real published reports (../shared/realdev, numbered as there).
"""

from __future__ import annotations

import json
import re

import pytest
from fazhi.extract.metadata import extract_metadata, split_parent, unit_type_label
from fazhi.extract.normalize import normalize_text

from fazhi.evaluate import shared_dir


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


def test_joint_title_of_party_committee_and_government_without_zhonggong() -> None:
    # written in the genre: 某某镇党委、某某镇人民政府 name one town
    m = meta("城关镇党委、城关镇人民政府关于2023年度法治政府建设情况的报告\n县委、县政府：\n2023年，城关镇……\n")
    assert (m.unit, m.unit_type, m.parent) == ("城关镇", "镇", None)


def test_breadcrumb_naming_the_report_kind_is_not_the_title() -> None:
    # written in the genre: a site's crumbs end with the column 法治政府建设年度报告
    m = meta("首页 > 政务公开 > 法治政府建设年度报告\n某某县某某镇2023年法治政府建设工作报告\n2023年，某某镇……\n")
    assert (m.title, m.unit, m.parent) == ("某某县某某镇2023年法治政府建设工作报告", "某某镇", "某某县")


@pytest.mark.parametrize(("addressee", "parent"), [
    ("中共渠县县委、渠县人民政府", "渠县"),  # realdev 121
    ("中共某某县委", "某某县"),
    ("某某市委全面依法治市委员会办公室", "某某市"),
    ("市委全面依法治市委员会", None),  # realdev 130: the superior is not named
    ("新区党工委、管委会", None),
])
def test_parent_from_a_named_addressee(addressee: str, parent: str | None) -> None:
    m = meta(f"{addressee}:\n2023年,某某镇坚持以习近平法治思想为指导,全镇法治建设取得新成效。\n")
    assert (m.unit, m.parent) == ("某某镇", parent)


# ---- Real report openings (../shared/realdev, texts as published; numbers name the file) ----

def test_section_heading_is_never_the_title() -> None:
    # realdev 130: addressee, the opening, then the first section heading
    text = ("市委全面依法治市委员会:\n2025年,中村乡法治政府建设工作在市委、市人民政府的正确领导下,"
            "在市委全面依法治市委员会办公室的悉心指导下,认真落实上级各项工作部署。\n一、2025年度工作总体情况\n")
    m = meta(text)
    assert m.title is None
    assert (m.unit, m.unit_type, m.parent, m.year) == ("中村乡", "乡", None, 2025)


def test_unit_is_the_subject_after_a_leadership_clause() -> None:
    # realdev 101
    m = meta("2025年度,在区委、区政府的正确领导下,春江街道按照《法治政府建设与责任落实督查工作规定》文件要求,"
             "上下齐聚一心,坚持将法治工作置于街道经济社会发展大局。\n一、2025年度推进法治政府建设主要措施和成效\n")
    assert (m.title, m.unit, m.unit_type, m.year) == (None, "春江街道", "街道", 2025)


@pytest.mark.parametrize(("text", "unit"), [
    # realdev 104: a 根据… preamble before the year and the unit
    (("根据中共中央《全面深化法治领域改革纲要(2023—2027年)》提出“实行法治建设年度报告制度”,以及市、区对法治建设工作的具体部署,"
     "2023年,清波街道以深入学习贯彻习近平法治思想为核心,以落实“2023年法治上城建设工作要点”具体任务为牵引。\n"), "清波街道"),
    # realdev 105: the unit opens the second sentence
    (("2024年是全面贯彻落实党的二十大精神的关键之年,是深入实施“十四五”规划的攻坚之年,也是西兴街道高质量发展的重要之年。"
     "西兴街道始终坚持以习近平新时代中国特色社会主义思想为指导。\n"), "西兴街道"),
    # realdev 109: the unit with its 领导班子
    ("2025年,中都街道领导班子始终以习近平法治思想为统领,锚定全面依法治国战略部署。\n一、上一年度法治建设问题整改“回头看”\n",
     "中都街道"),
], ids=["realdev104", "realdev105", "realdev109"])
def test_unit_in_a_clause_of_the_opening(text: str, unit: str) -> None:
    assert meta(text).unit == unit


def test_unit_named_only_in_the_body_by_the_level_the_report_speaks_as() -> None:
    # realdev 136: 全镇 / 我镇 throughout, the name once after a year and once inside a phrase
    text = ("一、主要举措和成效\n(一)强化组织领导,狠抓责任落实\n全镇法治政府建设工作始终坚持以习近平新时代中国特色社会主义思想为指导,"
            "全面贯彻落实市委全面依法治市工作会议、区委全面依法治区工作会议精神。我镇把法治建设工作纳入重要议事日程。\n"
            "3. 积极开展行政执法。2022年增福镇组织开展行政执法检查。\n"
            "4. 优化政务服务办理。一是清理规范全镇审批服务事项,印制增福镇公共服务中心办事指南。\n")
    m = meta(text)
    assert (m.title, m.unit, m.unit_type, m.parent) == (None, "增福镇", "镇", None)


@pytest.mark.parametrize(("text", "unit", "unit_type", "parent"), [
    # realdev 113: 我街, the unit's name only in its own document's title; the district in a cited document
    (("为全面贯彻党的十九大精神,我街严格按照区委依法治区办印发的《中共广州市白云区委全面依法治区委员会2020年工作要点》的要求,"
     "进一步健全决策机制和程序。现将我街法治建设有关工作情况总结如下:\n一、2020年法治建设工作情况\n"
     "切实加强领导干部带头学法;制定《黄石街2020年全面依法治街工作要点》。\n"), "黄石街", "街道", "广州市白云区"),
    # realdev 147: 县政府 as the subject, the name only in 平安盂县、法治盂县
    (("2020年,在县委的正确领导下,县政府坚持以习近平新时代中国特色社会主义思想为指导,扎实工作。\n"
     "一、依法防控新冠肺炎疫情\n发挥平安盂县、法治盂县建设的优势,坚持运用法治思维。\n"), "盂县", "县", None),
    # realdev 158: 我局, the department named in full only in a document it issued
    (("根据中共中央、国务院《法治政府建设实施纲要(2021-2025)》,以及江门市和我区有关工作部署和要求,我局积极开展法治政府建设。"
     "现将我局2022年法治统计建设情况报告如下:\n一、2022年度推进法治政府建设的主要举措和成效\n"
     "制定《江门市新会区统计局2022年“双随机、一公开”监管年度抽查计划》。\n"), "江门市新会区统计局", "局", "江门市新会区"),
], ids=["realdev113", "realdev147", "realdev158"])
def test_unit_named_in_a_cited_document_or_slogan(text: str, unit: str, unit_type: str, parent: str | None) -> None:
    m = meta(text)
    assert (m.unit, m.unit_type, m.parent) == (unit, unit_type, parent)


def test_a_superior_named_in_the_opening_is_not_the_unit() -> None:
    # realdev 149: 我镇 / 本镇 report; its banner named first, the town later inside a phrase
    text = ("2023年,我镇始终围绕全镇经济社会发展实际,根据伊金霍洛旗法治政府建设的有关要求,依法全面履行政府职能。"
            "现将本镇2023年度法治政府建设工作的主要情况报告如下:\n一、2023年工作总结\n"
            "以“网格化”工作机制中的“点单式”服务强化伊金霍洛镇法治建设。\n")
    m = meta(text)
    assert (m.unit, m.unit_type, m.parent, m.year) == ("伊金霍洛镇", "镇", "伊金霍洛旗", 2023)


def test_named_county_addressee_and_unit_after_xianjiang() -> None:
    # realdev 121: addressed to a two-character county; the town named in 现将宝城镇…
    text = ("中共渠县县委、渠县人民政府:\n2025年以来,在县委、县政府的坚强领导下,深入贯彻落实中央、省、市、县关于法治政府建设的各项决策部署,"
            "立足全镇经济社会发展实际,为全镇经济社会高质量发展筑牢法治根基。现将宝城镇2025年度法治政府建设情况报告如下。\n")
    m = meta(text)
    assert (m.unit, m.unit_type, m.parent, m.year, m.addressee) == ("宝城镇", "镇", "渠县", 2025, "中共渠县县委、渠县人民政府")


@pytest.mark.parametrize("head", ["某某县宝城镇人民政府\n县委、县政府:\n", "某某县宝城镇人民政府\n"])
def test_a_bare_name_line_above_the_report_names_the_unit(head: str) -> None:
    # written in the genre: no title, the unit's name alone on the first line, then 现将我镇…
    m = meta(head + "现将我镇2025年法治政府建设情况报告如下:\n一、主要举措\n")
    assert (m.title, m.unit, m.unit_type, m.parent, m.year) == (None, "宝城镇", "镇", "某某县", 2025)


def test_phrases_ending_in_a_level_word_are_not_unit_names() -> None:
    # realdev 102 and 120 without their openings: 我街道 speaks, but no line names it
    text = ("现将我街道2024年度法治政府建设工作报告如下:\n一、2024年度推进法治政府建设的主要举措和成效\n"
            "多批次全覆盖组织街道党员干部集中学习培训,借助“三会一课”开展学习。\n"
            "全年排查化解矛盾纠纷391件,化解率达96%,实现“小事不出社区、大事不出街道”。\n")
    m = meta(text)
    assert (m.unit, m.unit_type, m.year) == (None, None, 2024)


@pytest.mark.parametrize(("head", "unit", "parent"), [
    # realdev 108: the title broken after a quoted word
    ("浦东新区东明路街道2021年“法治政府”\n建设情况报告\n2021 年,东明路街道办事处在区委区政府的坚强领导下……\n",
     "东明路街道", "浦东新区"),
    # realdev 123: a township of an ethnic group, the title broken before 工作的报告
    ("桐木漯瑶族乡人民政府关于2023年度法治政府建设\n工作的报告\n2023年,在县委、县政府的正确领导下,桐木漯瑶族乡党委、乡政府深入学习……\n",
     "桐木漯瑶族乡", None),
], ids=["realdev108", "realdev123"])
def test_title_broken_over_two_lines(head: str, unit: str, parent: str | None) -> None:
    m = meta(head)
    assert m.title == re.sub(r"\s*\n\s*", "", head.split("\n20")[0])
    assert (m.unit, m.unit_type, m.parent) == (unit, unit_type_label(unit), parent)


@pytest.mark.parametrize(("text", "unit", "parent"), [
    # realdev 106: 在海曙区委、区政府的坚强领导下
    (("江厦街道2023年度法治政府建设情况报告\n时间:2024-02-25 15:07 来源:党建综合办公室 浏览次数:\n\n"
     "2023年江厦街道在海曙区委、区政府的坚强领导下,在街道司法所的协助下,为江厦街道高质量发展建设卓越城区窗口街道提供了坚强的法治保障。\n"),
     "江厦街道", "海曙区"),
    # realdev 119: a city's plan and the district's plan cited; the nearer level is the superior
    (("垡头街道2023年度法治政府建设情况报告\n2023年,垡头街道工委办事处在区委、区政府的坚强领导下,紧紧围绕《北京市全面依法治市规划"
     "(2021—2025年)》文件精神。\n1.全面落实街道党政主要负责人职责。紧紧围绕《朝阳区法治政府建设实施方案》。\n"), "垡头街道", "朝阳区"),
    # realdev 125: 文章来源 names the town with its city
    (("殷祖镇2024年法治政府建设工作总结\n\n发表日期:2025-01-23    文章来源:大冶市殷祖镇人民政府\n\n\n"
     "2024年度,殷祖镇人民政府坚持以党的二十大精神为引领。\n"), "殷祖镇", "大冶市"),
    # realdev 143: the county's justice bureau publishes the county's report: no parent of itself
    (("叶城县2023年度法治政府建设工作报告\n\n来源:叶城县司法局 作者: 发布时间 2025年09月05日 点击数:\n\n\n"
     "2023年,在地委、行署的坚强领导下,叶城县坚持以习近平新时代中国特色社会主义思想为指导。\n"), "叶城县", None),
], ids=["realdev106", "realdev119", "realdev125", "realdev143"])
def test_superior_from_leadership_cited_plans_or_the_page_source_of_the_same_unit(
        text: str, unit: str, parent: str | None) -> None:
    m = meta(text)
    assert (m.unit, m.unit_type, m.parent) == (unit, unit_type_label(unit), parent)


@pytest.mark.parametrize(("text", "unit"), [
    # realdev 126: a province's guideline cited by a town is no superior of record
    (("2024年,武安镇在县委、县政府的正确领导下,按照《法治政府实施纲(2021-2025)》《湖北省法治政府建设年度报告制定和公开工作指引》"
     "等文件精神,现将2024年度法治政府建设报告如下:\n"), "武安镇"),
    # realdev 145: a county citing its city's plan states no parent
    (("柳城县2023年法治政府建设年度报告\n2023年,柳城县以习近平新时代中国特色社会主义思想为指导,全面落实《柳州市落实〈广西法治政府建设实施方案"
     "(2021—2025年)〉工作方案》部署。\n"), "柳城县"),
], ids=["realdev126", "realdev145"])
def test_cited_documents_of_a_province_or_of_a_county_superior_give_no_parent(text: str, unit: str) -> None:
    m = meta(text)
    assert (m.unit, m.parent) == (unit, None)


@pytest.mark.parametrize(("name", "parent", "unit", "unit_type"), [
    ("鲤城区人民政府金龙街道办事处", "鲤城区", "金龙街道", "街道"),  # the example
    ("天津市滨海新区胡家园街", "天津市滨海新区", "胡家园街", "街道"),  # realdev 116: 街 for 街道
    ("芷江侗族自治县水宽乡人民政府", "芷江侗族自治县", "水宽乡", "乡"),
    ("西乌珠穆沁旗人民政府", None, "西乌珠穆沁旗", "县"),  # realdev 142: a banner is a county
    ("伊金霍洛旗伊金霍洛镇", "伊金霍洛旗", "伊金霍洛镇", "镇"),
    ("莆田市市场监督管理局", "莆田市", "莆田市市场监督管理局", "局"),  # realdev 152
    ("石柱土家族自治县市场监督管理局", "石柱土家族自治县", "石柱土家族自治县市场监督管理局", "局"),  # realdev 153
    ("共青团林芝市巴宜区委员会", "林芝市巴宜区", "共青团林芝市巴宜区委员会", "委"),  # realdev 160
    ("中共某某县委全面依法治县委员会办公室", "某某县", "某某县委全面依法治县委员会办公室", "办"),
    ("某某县人民政府办公室", "某某县", "某某县人民政府办公室", "办"),
    ("泉州市丰泽区人民政府", "泉州市", "丰泽区", "区"),  # realdev 112: 州 inside a city's name
], ids=lambda v: v if isinstance(v, str) and len(v) > 4 else None)
def test_unit_names_in_their_wrappers(name: str, parent: str | None, unit: str, unit_type: str) -> None:
    assert split_parent(name) == (parent, unit)
    assert unit_type_label(unit) == unit_type


REALDEV = shared_dir() / "realdev"  # the shared development set beside the checkout


@pytest.mark.skipif(not (REALDEV / "gold").is_dir(), reason="no shared/realdev beside this checkout")
def test_metadata_on_the_real_report_openings() -> None:
    """Unit (as the scorer matches it: one contains the other), type, parent and year on 60 real openings."""
    right = {"unit": 0, "unit_type": 0, "parent": 0, "year": 0}
    golds = sorted((REALDEV / "gold").glob("*.json"))
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        m = meta((REALDEV / "docs" / f"{g.stem}.txt").read_text(encoding="utf-8"))
        gu, gp = gold["unit"] or "", gold["parent"] or ""
        right["unit"] += bool(gu and m.unit and (gu in m.unit or m.unit in gu)) or not (gu or m.unit)
        right["parent"] += bool(gp and m.parent and (gp in m.parent or m.parent in gp)) or not (gp or m.parent)
        right["unit_type"] += gold["unit_type"] == m.unit_type
        right["year"] += gold["year"] == m.year
    share = {k: round(v / len(golds), 3) for k, v in right.items()}
    assert len(golds) == 60
    assert share["unit"] >= 0.95 and share["unit_type"] >= 0.95 and share["parent"] >= 0.9 and share["year"] >= 0.98, share
