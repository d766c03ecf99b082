"""Measure keys come from the clause's own structure: topic, verb, unit, and the previous clause.

The sentences are real report sentences (examples/reports and ../shared/realdev),
cut to the sentence that holds the number.
"""

from __future__ import annotations

import pytest
from fazhi.extract.numbers import find_metrics
from fazhi.ontology.concepts import concepts


def keys(sentence: str) -> list[tuple[float | int, str | None]]:
    return [(m.value, m.measure) for m in find_metrics(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    # the verb decides: received, then closed in the next clause, and a third figure that is neither
    ("今年以来受理“12345”平台反馈问题38件,已办结34件、4件正在推进",
     [(38, "hotline_received"), (34, "hotline_closed"), (4, None)]),
    # a service hall's requests are not the hotline's, nor is its closure rate
    ("上半年便民服务大厅累计服务群众超6000人次,办理群众诉求2000余件且办结率达100%",
     [(6000, None), (2000, None), (100, None)]),
    # disputes: taken up, resolved, rate
    ("团场各职能部门与司法所联手共调解各类纠纷87起,调解成功85起",
     [(87, "disputes_handled"), (85, "disputes_resolved")]),
    ("全年排查化解矛盾纠纷391件,化解率达96%",
     [(391, "disputes_handled"), (96, "mediation_rate")]),
    # the head comes last: training of enforcement staff is training
    ("开展党委理论中心组学习6次、主题教育集中学习4次、行政执法人员专题培训4次",
     [(6, "trainings"), (4, "trainings"),
      (4, "trainings")]),
    # the unit decides between events and the people they reach
    ("举办法治宣传活动40次,印发宣传资料近3万份,教育群众近10万人",
     [(40, "publicity_events"), (30000, "publicity_reach"),
      (100000, "publicity_reach")]),
    ("组织执法规范化培训6场,参训人员120人次",
     [(6, "trainings"), (120, "training_participants")]),
    # meetings are no measure, and a meeting clause does not continue a training clause
    ("全年召开法治建设专题部署会4次、工作推进会6次",
     [(4, None), (6, None)]),
    ("组织线上线下培训16场次、实战化应急演练2场次",
     [(16, "trainings"), (2, None)]),
    # a mechanism's outlets and staff are `other`
    ("四道河子镇建立镇级社会矛盾调处化解中心1个、村队公共法律服务工作室21个,调解员133名",
     [(1, "other"), (21, "other"),
      (133, "other")]),
    ("行政复议案件4宗,县人民政府维持我局决定3宗", [(4, "reconsideration_litigation"),
                                                   (3, None)]),
    ("组织执法人员业务培训4场次,参与培训18人次,执法人员持证上岗率100%",
     [(4, "trainings"), (18, "training_participants"),
      (100, "other")]),
    # documents reviewed for legality are reviews, documents issued for filing are filings
    ("聘请法律顾问1名,审核合同及规范性文件28件", [(1, "legal_advisers"),
                                                  (28, "legality_reviews")]),
    ("2022年我镇新制发规范性文件1件,并报司法局备案", [(1, "document_filing")]),
    # civil cases are no administrative litigation, unless listed with administrative ones (realdev 155)
    ("行政、民事诉讼案件16宗,其中民事案件7宗,行政案件9宗",
     [(16, "reconsideration_litigation"), (7, None), (9, "reconsideration_litigation")]),
    # villages covered by legal advisers are their coverage (realdev 149)
    ("实现16个嘎查村、1个社区法律顾问工作全面覆盖", [(16, None), (1, "legal_advisers")]),
    # mock trials for pupils are legal publicity (realdev 160)
    ("组织20余场青少年模拟法庭、自护教育等沉浸式法治实践", [(20, "publicity_events")]),
    # a unit left out: events after a noun of events, people after a verb (realdev 150, 118)
    ("全年共计开展各类普法活动128", [(128, "publicity_events")]),
    ("对行政处罚程序规定等组织开展培训,累计培训1800余", [(1800, "training_participants")]),
])
def test_measure_keys_from_the_clause(sentence, expected):
    assert keys(sentence) == expected


def test_a_figure_of_something_else_ends_the_chain():
    """查处…案件2起 counts no named line of work: the 执法部门 two clauses back does not reach 酒驾案件1起."""
    text = "积极配合纪委监委、派出所等执法部门开展工作,镇纪委共查处党员干部违反国家法律法规案件2起、酒驾案件1起。"
    assert [m.measure for m in find_metrics(text)] == [None, None]


def test_every_key_is_a_concept_of_the_measure_vocabulary(sample_reports):
    vocabulary = {c.key for c in concepts("measure")}
    assert {"hotline_received", "hotline_closed", "mediation_rate", "trainings", "other"} <= vocabulary
    for path in sample_reports:
        text = path.read_text(encoding="utf-8")
        assert {m.measure for m in find_metrics(text)} - {None} <= vocabulary
