"""Planned measures: one item per measure, with the area it works on and the problems it addresses."""

from __future__ import annotations

import pytest
from fazhi.extract.normalize import normalize_text
from fazhi.extract.plans import find_plans
from fazhi.extract.problems import find_problems
from fazhi.extract.sections import find_sections

REPORT = """一、主要工作举措和成效
镇党委召开专题会议研究法治建设工作3次。
二、存在的问题
1.部分干部依法行政意识不强，运用法治思维解决问题的能力有待提高。
2.普法宣传形式比较单一，针对性和实效性不强。
3.基层调解员业务能力不足，专职人员短缺。
三、2024年工作打算
1.创新普法宣传方式，深入开展“法律进乡村”活动。
2.加强人民调解队伍建设，提升调解员业务能力。
3.规范行政执法行为，定期组织执法监督检查。
某某镇人民政府
2024年1月10日
"""

INLINE_PLANS = """二、存在的问题和不足
一是法治宣传教育针对性不强；二是行政执法人员数量不足。
三、下一步工作计划
2023年，街道将重点做好以下工作：一是深化普法宣传，创新宣传载体。二是加强执法队伍建设，开展执法人员培训。
"""

MIXED = """二、存在的问题及下一步打算
虽然我乡法治建设取得了一定成绩，但仍存在一些薄弱环节。基层法治文化阵地建设滞后，缺少固定的法治宣传场所。
下一步，我乡将加大法治文化阵地投入，建设法治文化广场；同时加强村干部法律知识培训，提升依法办事能力。
"""

# Plans as sub-sections of a combined "problems and next steps" part (from a 2022 团场 report).
MIXED_SUBSECTIONS = """五、存在问题及下一步工作思路。
一年来，团场在法治政府建设上虽然取得一定成绩，但也存在一些不足:一是法治宣传教育存在薄弱环节,学法氛围不够浓。二是执法队伍需要进一步加强。
(一)持续强化法治学习。把“八五”普法、“群众法治大培训”工作抓实抓细。
(二)持续强化依法行政。督促行政执法人员更好地服务职工群众。
"""


def plans(text: str):
    norm = normalize_text(text)
    sections = find_sections(text, norm)
    found = find_plans(text, norm, sections, find_problems(text, norm, sections))
    for p in found:
        assert text[p.start:p.end] == p.text
    return found


def test_numbered_plans_with_categories_and_addresses():
    found = plans(REPORT)
    assert [p.text for p in found] == [
        "创新普法宣传方式，深入开展“法律进乡村”活动",
        "加强人民调解队伍建设，提升调解员业务能力",
        "规范行政执法行为，定期组织执法监督检查",
    ]
    assert [p.category for p in found] == ["publicity", "mediation", "enforcement"]
    assert "publicity" in found[0].addresses
    assert found[1].addresses == ["mediation"]
    # no enforcement problem was reported, so the enforcement plan addresses none
    assert found[2].addresses == []


def test_inline_plans_skip_the_lead_in():
    found = plans(INLINE_PLANS)
    assert [p.text for p in found] == ["深化普法宣传，创新宣传载体", "加强执法队伍建设，开展执法人员培训"]
    assert [p.addresses for p in found] == [["publicity"], ["enforcement"]]


def test_plans_written_into_the_problems_part():
    found = plans(MIXED)
    assert len(found) == 2
    assert found[0].text.startswith("下一步，我乡将加大法治文化阵地投入")
    assert found[0].addresses == ["culture_venues"]


def test_plan_subsections_of_a_combined_part():
    found = plans(MIXED_SUBSECTIONS)
    assert [p.text for p in found] == ["持续强化法治学习", "持续强化依法行政"]
    assert found[0].category == "publicity"
    assert "enforcement" in found[1].addresses


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_sample_reports_have_plans_where_they_plan(sample_reports, name):
    path = next(p for p in sample_reports if p.name.startswith(name))
    found = plans(path.read_text(encoding="utf-8"))
    if name == "000":  # this report ends with its problems and states no plans
        assert found == []
    else:
        assert 3 <= len(found) <= 5
        assert all(len(p.text) >= 4 for p in found)


PARAGRAPH_PLANS = """三、存在的问题
部分干部法治意识不强，学法用法不够积极。
四、下一步打算
加强干部学法用法。组织领导干部集中学法。
深化普法宣传，创新宣传载体。
强化执法监督。
XX镇人民政府
2024年1月10日
"""


def test_one_plan_per_paragraph_and_no_signature():
    found = plans(PARAGRAPH_PLANS)
    assert [p.text for p in found] == ["加强干部学法用法", "深化普法宣传，创新宣传载体", "强化执法监督"]
    assert found[0].addresses == ["awareness"]


def test_qi_yi_qi_er_enumeration():
    text = "四、下一步打算\n其一，加强执法培训；其二，创新普法方式。\n"
    assert [p.text for p in plans(text)] == ["加强执法培训", "创新普法方式"]


def test_next_step_paragraph_without_a_heading_is_a_plan_addressing_the_problems() -> None:
    text = ("某某镇2023年法治建设工作报告\n全年办理行政处罚案件58件。\n"
            "同时也存在一些不足：法治文化阵地建设相对滞后，宣传载体单一；基层法律服务资源不足。\n"
            "下一步，我镇将建设镇法治文化广场，推动公共法律服务工作站规范化建设。\n")
    norm = normalize_text(text)
    sections = find_sections(text, norm)
    plans = find_plans(text, norm, sections, find_problems(text, norm, sections))
    assert len(plans) == 1 and plans[0].text.startswith("下一步")
    assert plans[0].addresses == ["culture_venues", "legal_services"]


def test_related_categories_come_from_the_vocabulary_both_ways() -> None:
    from fazhi.extract.problems import related_categories

    related = related_categories()
    for a, b in [("publicity", "culture_venues"), ("publicity", "awareness"), ("mediation", "dispute_screening"),
                 ("enforcement", "resources")]:
        assert b in related[a] and a in related[b]
