"""Stated shortcomings: one item per problem, its own words, never the lead-in or the causes."""

from __future__ import annotations

from fazhi.extract.normalize import normalize_text
from fazhi.extract.problems import find_problems
from fazhi.extract.sections import find_sections


def problems(text: str):
    norm = normalize_text(text)
    found = find_problems(text, norm, find_sections(text, norm))
    for p in found:
        assert text[p.start:p.end] == p.text
    return found


# Sub-headings （一）（二） under the problems part, with a lead-in (from a 2023 团场 report).
SUBHEADINGS = """一、2023年度工作开展情况
（一）严格依法依规决策。落实团镇法律顾问制度，审核合同11件。
二、工作中存在的不足
五十一团唐驿镇法治政府建设工作虽然取得了一定成效，但也仍然存在一些问题和薄弱环节，法治建设的任务还很艰巨。存在的主要问题有:
（一）法治意识仍需增强。个别干部对法治建设、依法治理的意识不到位，行为不够规范。
（二）基层行政执法队伍建设需要加强。行政执法队伍人员存在缺口，执法能力水平有待进一步提高。
（三）法律顾问力度不够，作用发挥不强。群众与法律顾问互动欠缺。
三、2024年工作计划
（一）进一步规范行政执法行为。加强依法行政业务培训。
"""

# Inline enumeration 一是…二是… in one paragraph, followed by the signature.
INLINE = """二、突出重点，多措并举，深化法治宣传活动
今年共开展法治宣传活动23场次。
三、存在的问题
五团依法治团工作虽然取得了一定的成绩,但离上级的要求还存在一定的差距。一是法治宣传教育创新力度不够,尤其是新媒体法治宣传工作方面欠缺。二是法治宣传教育的方法和形式不够丰富,实际效果有待进一步提升。三是法治文化建设有待进一步加强。
中共第一师阿拉尔市五团委员会
2021年12月25日"""

# Numbered lines 1. 2. 3.
NUMBERED = """一、主要工作举措和成效
镇党委召开专题会议研究法治建设工作3次。
二、存在的问题
一年来，我镇法治政府建设工作虽然取得了一定成效，但与上级要求相比还存在一定差距，主要表现在：
1.部分干部依法行政意识不强，运用法治思维解决问题的能力有待提高。
2.普法宣传形式比较单一，针对性和实效性不强。
3.基层调解员业务能力不足，专职人员短缺。
三、2024年工作打算
1.加强干部学法用法。
"""

# Semicolon enumeration followed by the causes in the same paragraph.
WITH_CAUSES = """一、工作开展情况
街道全年共受理行政复议案件2件。
二、存在的问题和不足
对照法治政府建设要求，街道工作还存在一些问题：一是法治宣传教育针对性不强，群众参与度不高；二是行政执法人员数量不足，执法规范化水平有待提升；三是矛盾纠纷源头预防不到位，个别纠纷反复发生。究其原因，主要是对法治建设重视程度不够，经费保障不足。
三、下一步工作计划
一是深化普法宣传，创新宣传载体。
"""

# Plain sentences of one paragraph, and the plans written into the same part.
SENTENCES = """一、主要做法
全乡调解各类纠纷36起，调解成功率98%。
二、存在的问题及下一步打算
虽然我乡法治建设取得了一定成绩，但仍存在一些薄弱环节。基层法治文化阵地建设滞后，缺少固定的法治宣传场所。部分村干部法律素养偏低，依法办事能力较弱。
下一步，我乡将加大法治文化阵地投入，建设法治文化广场；同时加强村干部法律知识培训，提升依法办事能力。
"""

# 第X部分 parts, sub-headings with their own 一是 details, a separate causes part.
PARTS = """第一部分 2023年法治政府建设主要举措
全县共审查规范性文件15件。
第二部分 存在的困难和问题
（一）法治队伍建设仍需加强。专职法制审核人员不足。
（二）依法决策机制有待完善。一是重大行政决策程序执行不够严格；二是合法性审查覆盖面不够全。
第三部分 原因分析
主要是人员编制紧张，法治工作经费不足。
第四部分 2024年工作思路
（一）加强法治队伍建设。
"""

# A problems part with a grouping sub-heading and a causes sub-part (from a 2022 街道 report).
GROUPED = """二、上一年度推进法治政府建设存在的不足和原因
（一）存在的不足
一是干部法治观念还不够强。理论学习不够积极主动，重业务、轻学习的思想依然存在。
二是法治宣传阵地建设有待加强,目前普法宣传方式集中体现在宣传板、微信群等。
（二）不足产生的原因
一是普法教育工作做得不够细。普法工作缺乏广泛的参与。
三、下一年度推进法治政府建设的主要安排
（一）增强依法行政理念。
"""


# Several paragraphs, each a problem followed by its explanation, no markers.
PARAGRAPHS = """三、存在的问题
部分干部法治意识不强。一些领导干部对法治建设重视不够，学法用法不够积极。
普法宣传形式单一。宣传方式主要依靠发放资料，针对性不强。
四、下一步打算
加强干部学法。
"""


# One sentence: the lead-in ends with a colon, the problems are separated by semicolons.
COLON_LIST = """三、存在的问题
我镇法治建设虽然取得了一定成效，但仍存在一些不足，主要表现在：干部法治意识不强；普法宣传形式单一；执法力量薄弱。
四、下一步打算
2024年将重点做好以下工作：加强干部学法；创新普法宣传方式。
"""


# Bullet points after a lead-in line.
BULLETS = """三、存在的问题
对照上级要求，我局法治政府建设还存在一些不足：
●行政执法人员专业素质有待提高。
●法治宣传的针对性和实效性不强。
四、下一步打算
其一，加强执法培训；其二，创新普法方式。
"""


# A combined part whose sub-heading names the problems, with the items inline.
NAMED_SUBPART = """二、存在的问题和下一步打算
（一）存在的问题
在肯定成绩的同时，我们也清醒看到存在的问题：一是法治宣传形式单一；二是执法人员力量不足。
（二）下一步打算
一是创新普法宣传方式。
"""


def texts(text: str) -> list[str]:
    return [p.text for p in problems(text)]


def test_subheading_items_skip_the_lead_in():
    assert texts(SUBHEADINGS) == [
        "法治意识仍需增强",
        "基层行政执法队伍建设需要加强",
        "法律顾问力度不够，作用发挥不强",
    ]


def test_inline_enumeration_gives_first_sentences():
    assert texts(INLINE) == [
        "法治宣传教育创新力度不够,尤其是新媒体法治宣传工作方面欠缺",
        "法治宣传教育的方法和形式不够丰富,实际效果有待进一步提升",
        "法治文化建设有待进一步加强",
    ]


def test_numbered_lines():
    assert texts(NUMBERED) == [
        "部分干部依法行政意识不强，运用法治思维解决问题的能力有待提高",
        "普法宣传形式比较单一，针对性和实效性不强",
        "基层调解员业务能力不足，专职人员短缺",
    ]


def test_causes_in_the_same_paragraph_are_not_problems():
    found = texts(WITH_CAUSES)
    assert len(found) == 3
    assert found[0] == "法治宣传教育针对性不强，群众参与度不高"
    assert not any("重视程度" in t or "经费保障" in t for t in found)


def test_sentences_of_a_paragraph_without_lead_in_or_plans():
    assert texts(SENTENCES) == [
        "基层法治文化阵地建设滞后，缺少固定的法治宣传场所",
        "部分村干部法律素养偏低，依法办事能力较弱",
    ]


def test_one_problem_per_paragraph():
    assert texts(PARAGRAPHS) == ["部分干部法治意识不强", "普法宣传形式单一"]


def test_subheading_naming_the_part_holds_inline_items():
    assert texts(NAMED_SUBPART) == ["法治宣传形式单一", "执法人员力量不足"]


def test_bullet_points():
    assert texts(BULLETS) == ["行政执法人员专业素质有待提高", "法治宣传的针对性和实效性不强"]


def test_lead_in_ending_in_a_colon():
    assert texts(COLON_LIST) == ["干部法治意识不强", "普法宣传形式单一", "执法力量薄弱"]


def test_parts_and_a_separate_causes_part():
    assert texts(PARTS) == ["法治队伍建设仍需加强", "依法决策机制有待完善"]


def test_grouping_subheading_and_causes_subpart():
    assert texts(GROUPED) == [
        "干部法治观念还不够强",
        "法治宣传阵地建设有待加强,目前普法宣传方式集中体现在宣传板、微信群等",
    ]


def test_categories_come_from_the_vocabulary():
    from fazhi.ontology.concepts import keys

    known = set(keys("problem"))
    cats = [p.category for p in problems(NUMBERED)]
    assert set(cats) <= known
    assert cats == ["awareness", "publicity", "mediation"]
    assert [p.category for p in problems(SUBHEADINGS)] == ["awareness", "enforcement", "legal_adviser"]


def test_no_problems_part_no_problems():
    assert texts("一、主要工作\n全年调解纠纷12起，调解成功率100%。\n") == []


def test_sample_problems_against_gold(sample_reports, gold):
    """Every gold problem of the five samples is found and nothing else (texts overlap)."""
    for path in sample_reports:
        found = texts(path.read_text(encoding="utf-8"))
        expected = [g["text"] for g in gold[path.name[:3]]["problems"]]
        assert len(found) == len(expected), (path.name, found)
        for g in expected:
            assert any(g in t or t in g for t in found), (path.name, g)


def test_fazhi_problems_component_in_the_pipeline():
    """The registered factory fills doc._.fz_problems and doc._.fz_plans inside the real pipeline."""
    from fazhi.extract.pipeline import load_pipeline

    nlp = load_pipeline()
    assert "fazhi_problems" in nlp.pipe_names
    doc = nlp(NUMBERED)
    assert [p.text for p in doc._.fz_problems][0] == "部分干部依法行政意识不强，运用法治思维解决问题的能力有待提高"
    assert [p.text for p in doc._.fz_plans] == ["加强干部学法用法"]
    assert "awareness" in doc._.fz_plans[0].addresses


def test_any_problems_part_gives_valid_spans():
    """Random items under a problems heading: every item quotes the text and has a known category."""
    from fazhi.ontology.concepts import keys
    from hypothesis import given, settings
    from hypothesis import strategies as st

    known = set(keys("problem"))
    pieces = ["一是", "二是", "（一）", "1.", "●", "，", "。", "；", "：", "\n", "虽然取得了一定成效", "但存在一些问题",
              "法治意识不强", "宣传形式单一", "执法力量薄弱", "究其原因", "下一步", "将加强培训", "经费不足"]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=30).map("".join))
    def check(body: str) -> None:
        text = "三、存在的问题\n" + body
        for p in problems(text):
            assert p.start < p.end and p.category in known

    check()


# A report without headings: the shortcomings follow a lead-in inside the running text.
UNHEADED = """清溪镇2023年法治建设工作报告
2023年，清溪镇在县委、县政府的正确领导下，扎实推进各项法治建设工作。
镇综合行政执法队严格落实行政执法三项制度，全年办理行政处罚案件58件。
同时也要看到，我镇法治建设仍存在一些不足：部分村干部依法决策意识不够强，村规民约的合法性把关不够严格；法治文化阵地建设相对滞后，宣传载体单一；基层法律服务资源不足，群众就近获得法律服务仍有困难。
下一步，清溪镇将进一步压实法治建设责任，加强村干部法治培训，建设镇法治文化广场。
"""


def test_shortcomings_announced_in_running_text_without_a_problems_heading() -> None:
    found = problems(UNHEADED)
    assert [p.text.split("，")[0] for p in found] == ["部分村干部依法决策意识不够强", "法治文化阵地建设相对滞后", "基层法律服务资源不足"]
    assert [p.category for p in found] == ["awareness", "culture_venues", "legal_services"]


def test_no_problems_in_a_report_that_states_none() -> None:
    assert problems("某某镇2023年法治建设工作报告\n全年办理行政处罚案件58件，无一起被复议撤销。\n下一步，我镇将继续加强普法宣传。\n") == []


def test_categories_for_filing_reconsideration_and_capacity_wordings() -> None:
    text = ("二、存在的问题\n（一）规范性文件合法性审核把关不够严格，个别文件报备不及时。\n"
            "（二）行政复议应诉能力不足，复议人员专业力量薄弱。\n"
            "（三）少数领导干部运用法治思维和法治方式解决问题的能力不够强。\n"
            "（四）部分执法人员法治理念不强。\n三、下一步工作\n（一）加强培训。\n")
    assert [p.category for p in problems(text)] == ["normative_documents", "reconsideration", "awareness", "enforcement"]
