"""Stated quantities: what a briefing reader would check in the numbers of a report."""

from __future__ import annotations

import pytest
from fazhi.extract.cn_numbers import parse_chinese_number, parse_number
from fazhi.extract.numbers import find_metrics
from fazhi.extract.records import Mention


def metrics(text: str, **kw):
    found = find_metrics(text, **kw)
    for m in found:  # every span must quote the text exactly
        assert text[m.start:m.end] == m.text
    return found


def one(text: str):
    found = metrics(text)
    assert len(found) == 1, [(m.text, m.value, m.unit) for m in found]
    return found[0]


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("今年共开展法治宣传活动23场次,", "法治宣传活动23场次", 23, "场次"),
        ("四道河子镇建立镇级社会矛盾调处化解中心1个、", "社会矛盾调处化解中心1个", 1, "个"),
        ("截至目前，领取行政执法证件人员共14 名。", "领取行政执法证件人员共14 名", 14, "名"),
        ("全年调处各类矛盾纠纷55起且调解成功率达94.5%", "调解成功率达94.5%", 94.5, "%"),
        ("调解成功率达98％。", "调解成功率达98％", 98, "%"),  # full-width percent sign
        ("累计服务群众２３６５０人次。", "服务群众２３６５０人次", 23650, "人次"),  # full-width digits
        ("本年度共培训23,650人次。", "培训23,650人次", 23650, "人次"),
        ("全年調處各類矛盾糾紛５５起。", "調處各類矛盾糾紛５５起", 55, "起"),  # traditional characters
        ("一是培训执法人员200人次。", "培训执法人员200人次", 200, "人次"),
        ("团场应诉的3起案件均,胜诉率达到66.6,改变了过去", "胜诉率达到66.6", 66.6, "%"),
    ],
)
def test_arabic_numbers_with_measure_words(sentence, text, value, unit):
    found = metrics(sentence)
    match = [m for m in found if text in m.text or m.text in text]
    assert match, [(m.text, m.value) for m in found]
    assert match[0].value == value and match[0].unit == unit


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("团聘请三位律师与司法所工作人员组成法律顾问团", 3, "位"),
        ("依法终结了两名信访缠访户,使其走上法律程序。", 2, "名"),
        ("全年调处纠纷二十一起。", 21, "起"),
        ("全年培训一百三十人。", 130, "人"),
        ("研究出台十项措施。", 10, "项"),
        ("因地制宜建设法治文化广场一个。", 1, "个"),
        ("调解成功率达百分之九十五。", 95, "%"),
        ("群众满意率达到百分之百。", 100, "%"),
    ],
)
def test_chinese_numerals(sentence, value, unit):
    m = one(sentence)
    assert (m.value, m.unit) == (value, unit)


def test_parse_chinese_number():
    assert parse_chinese_number("十二")[0] == 12
    assert parse_chinese_number("二十一")[0] == 21
    assert parse_chinese_number("一百三十")[0] == 130
    assert parse_chinese_number("两")[0] == 2
    assert parse_chinese_number("三四") == (3, True)
    assert parse_chinese_number("二〇二三") is None  # a year written digit by digit


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("发放宣传单3000余份,", 3000, "份"),
        ("开展各类普法宣传千余次,真正做到普法宣传无死角。", 1000, "次"),
        ("上半年便民服务大厅累计服务群众超6000人次,", 6000, "人次"),
        ("受教育群众200多人。", 200, "人"),
        ("覆盖群众5000人次以上。", 5000, "人次"),
        ("参加培训的干部近百人。", 100, "人"),
        ("累计发放宣传资料两千余份。", 2000, "份"),
    ],
)
def test_approximate_numbers(sentence, value, unit):
    m = one(sentence)
    assert (m.value, m.unit, m.approximate) == (value, unit, True)


def test_exact_numbers_are_not_approximate():
    assert one("调解员133名。").approximate is False


def test_wan_and_yi_multiply_counts_but_stay_in_money_units():
    area = one("扩大经营地收费面积1.8万亩,")
    assert (area.value, area.unit) == (18000, "亩")
    people = one("受教育群众1.2万人次。")
    assert (people.value, people.unit) == (12000, "人次")
    money = one("增加经营地收费900万元;")
    assert (money.value, money.unit) == (900, "万元")
    saved = one("为群众挽回经济损失120余万元。")
    assert (saved.value, saved.unit, saved.approximate) == (120, "万元", True)


def test_ranges_keep_the_whole_range_in_the_text():
    m = one("每季度开展普法讲座3-5场。")
    assert m.text.endswith("3-5场") and m.value == 3 and m.approximate


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年,在师市党委的坚强领导下",  # a year
        "结合“3·15”消费者权益日、“12·4”国家宪法日开展宣传",  # dates
        "(一)深入贯彻习近平法治思想。一是加强学习。",  # headings, ordinals
        "利用自治区第十九个宪法法律宣传员月开展宣传",  # ordinal with 个
        "深入贯彻落实党的十九大和二十大精神,扎实推进“八五”普法",
        "受理“12345”平台反馈问题,开通12348法律服务热线",  # hotline names
        "借助“三会一课”“主题党日”以及入户走访等形式",
        "采取三会一课和主题党日等形式",  # the same slogan without quotes
        "通过“四议两公开”有效形式,严格执行行政执法三项制度",
        "落实一村(社区)一法律顾问,完善“一站式”矛盾纠纷解决平台",
        "树牢“一把手抓法治”思想,进一步明确职责,一年来统一部署",
        "培训分为团、连两个层级开展",  # rhetoric: two levels
        "把领导干部学法用法情况纳入年度考核的一个重要内容",  # 一 as an article
        "缺乏一支懂法律、热心法制宣传的普法宣传队伍",
        "根据《第六师五家渠市法治政府建设重要举措分工方案(2021-2025)》要求",
        "中共第六师五家渠市委员会",  # a place name with a numeral
        "严格落实“三重一大”事项公开制度和“一户一策”",
        "各基层党组织坚持一岗双责、三位一体推进",
        "每学期开展不少于2次“法治进校园”活动,力争群众满意率达到95%",  # targets
        "开通24小时值班电话0551-6789012,7月1日起施行",
        "元旦春节两节期间,开展安全生产检查",
    ],
)
def test_not_stated_quantities(sentence):
    assert metrics(sentence) == [], [(m.text, m.value, m.unit) for m in metrics(sentence)]


def test_counted_noun_after_the_number():
    m = one("全镇80名机关领导干部参与干部网络学法,")
    assert m.text == "全镇80名机关领导干部" and m.phrase == "机关领导干部"


def test_measure_phrase_before_the_number():
    m = one("接待群众来电来访法律咨询100余人次,满意度较好")
    assert m.text.endswith("法律咨询100余人次") and m.phrase.endswith("法律咨询")
    rate = one("规范性文件报备率、及时率、合法合规率均达100%。")
    assert rate.text == "规范性文件报备率、及时率、合法合规率均达100%"


def test_two_numbers_in_one_phrase_are_two_metrics():
    found = metrics("共计开展各类法律宣讲10场500余人次,释法宣传127户254人次,")
    assert [(m.value, m.unit) for m in found] == [(10, "场"), (500, "人次"), (127, "户"), (254, "人次")]


def test_plans_section_targets_are_skipped():
    text = "一、工作开展情况\n调解纠纷12起。\n二、下一步打算\n全年组织各类普法活动不少于20场。\n"
    plans_start = text.index("二、")
    found = metrics(text, roles=[(0, plans_start, "work"), (plans_start, len(text), "plans")])
    assert [m.value for m in found] == [12]


def test_plan_sentences_outside_the_plans_part_are_skipped():
    text = "二、存在的问题及下一步打算\n调解员仅有3名。\n下一步，我镇将组织调解员培训4次，新增调解员10名。\n"
    assert [m.value for m in metrics(text)] == [3]


def test_a_clause_that_names_nothing_continues_the_previous_clause():
    """受理…38件，已办结34件: both figures are the hotline's, received and closed."""
    text = "今年以来受理“12345”平台反馈问题38件,已办结34件,4件正在推进。全镇召开会议3次"
    start = text.index("12345")
    mention = Mention("mechanism", "hotline_12345", "12345", start, start + 5, "work")
    found = metrics(text, mentions=[mention])
    assert [(m.value, m.measure, m.subject, m.subject_kind) for m in found] == [
        (38, "hotline_received", "12345", "hotline_12345"),
        (34, "hotline_closed", "12345", "hotline_12345"),
        (4, None, None, None),  # neither received nor closed: no key, no claim
        (3, None, None, None),  # another sentence: the hotline does not carry over
    ]


def test_offsets_point_into_the_original_text(sample_reports):
    for path in sample_reports:
        text = path.read_text(encoding="utf-8")
        for m in metrics(text):
            assert text[m.start:m.end] == m.text


def test_sample_metrics_against_gold(sample_reports, gold):
    """Every gold number of the five samples is found (value equal, texts overlap)."""
    from fazhi.extract.normalize import normalize_text
    from fazhi.extract.sections import find_sections

    missed = []
    found_total = 0
    for path in sample_reports:
        text = path.read_text(encoding="utf-8")
        norm = normalize_text(text)
        roles = [(s.start, s.end, s.role) for s in find_sections(text, norm)]
        found = metrics(text, norm=norm, roles=roles)
        found_total += len(found)
        for g in gold[path.name[:3]]["metrics"]:
            if not any(m.value == g["value"] and (g["text"] in m.text or m.text in g["text"]) for m in found):
                missed.append((path.name[:3], g["text"]))
    assert not missed
    assert found_total <= sum(len(g["metrics"]) for g in gold.values()) + 2


def test_fazhi_metrics_component_in_the_pipeline():
    """The registered factory fills doc._.fz_metrics, with subjects from the gazetteer's mentions."""
    from fazhi.extract.pipeline import load_pipeline

    nlp = load_pipeline()
    assert "fazhi_metrics" in nlp.pipe_names
    text = "一、工作开展情况\n今年以来受理“12345”平台反馈问题38件,调处各类矛盾纠纷55起且调解成功率达94.5%。\n"
    doc = nlp(text)
    assert [(m.value, m.unit) for m in doc._.fz_metrics] == [(38, "件"), (55, "起"), (94.5, "%")]
    assert doc._.fz_metrics[0].subject is not None and "12345" in doc._.fz_metrics[0].subject


def test_any_text_gives_valid_spans_and_never_fails():
    """Random mixes of numerals, measure words and punctuation: spans always quote the text."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = list("0123456789.,%％一二两三十百千万亿余多第个名人次场件起份元率达“”《》（）()、，。；\n 调解成功宣传活动受理")
    alphabet += ["人次", "场次", "万元", "百分之", "一是", "三会一课", "12345", "2023年"]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(alphabet), max_size=40).map("".join))
    def check(text: str) -> None:
        for m in find_metrics(text):
            assert text[m.start:m.end] == m.text
            assert m.start < m.end
            assert isinstance(m.value, (int, float))
            # a measure word is written, or left out after 余/多 or where the text is cut off
            assert m.unit or m.text[-1] in "余多0123456789", m

    check()


def test_counted_noun_runs_through_public_and_a_short_aside() -> None:
    found = metrics("建成县公共法律服务中心、12个乡镇公共法律服务工作站、215个村（社区）公共法律服务点，实现三级平台全覆盖。")
    assert [(m.text, m.value) for m in found] == [
        ("12个乡镇公共法律服务工作站", 12), ("215个村（社区）公共法律服务点", 215)]


def test_counted_noun_stops_before_the_predicate_of_a_rate() -> None:
    found = metrics("全县215个村（社区）法律顾问配备率达100%，全年开展法治讲座430场次。")
    assert ("全县215个村（社区）法律顾问配备率", 215) in [(m.text, m.value) for m in found]
    assert (100, "%") in [(m.value, m.unit) for m in found]


@pytest.mark.parametrize(
    "written,value",
    [("1,236", 1236), ("4,512", 4512), ("1,380.5", 1380.5), ("四百五十万", 4_500_000), ("六百", 600),
     ("一万二千", 12000), ("二千一百", 2100), ("一百零八", 108), ("二百九十五", 295), ("二〇二三", None)],
)
def test_numbers_in_digits_with_separators_and_in_chinese_numerals(written: str, value) -> None:
    parsed = parse_number(written)
    assert (parsed[0] if parsed else None) == value


def test_case_files_counted_in_juan() -> None:
    m = one("开展行政执法案卷集中评查，评查案卷1,200余卷，合格率高。")
    assert (m.text, m.value, m.unit, m.approximate) == ("评查案卷1,200余卷", 1200, "卷", True)


@pytest.mark.parametrize(
    "sentence,value,unit,approximate",
    [("群众满意率达百分之九十五点六。", 95.6, "%", False), ("村法律顾问覆盖率达到百分百。", 100, "%", False),
     ("开展宣传数十场。", 10, "场", True)],
)
def test_chinese_decimal_percentages_and_vague_tens(sentence: str, value, unit: str, approximate: bool) -> None:
    m = one(sentence)
    assert (m.value, m.unit, m.approximate) == (value, unit, approximate)


def _report_norms() -> list[str]:
    from pathlib import Path

    from fazhi.extract.ingest import read_document
    from fazhi.extract.normalize import normalize_text

    root = Path(__file__).resolve().parents[2]
    paths = sorted((root / "examples" / "reports").glob("*.txt")) + sorted((root / "tests" / "data" / "invented").glob("*.txt"))
    return [normalize_text(read_document(p).text) for p in paths]


def test_number_search_skipping_to_numerals_finds_what_the_regex_search_finds() -> None:
    from fazhi.extract.numbers import _METRIC, _search_metric

    for norm in _report_norms()[:10] + ["百分之九十五", "共1,200余卷，百分百，四百五十万元"]:
        for pos in range(len(norm) + 1):
            plain = _METRIC.search(norm, pos)
            fast = _search_metric(norm, pos)
            assert (plain and (plain.span(), plain.groupdict())) == (fast and (fast.span(), fast.groupdict()))


def test_idiom_spans_are_every_occurrence_of_every_idiom() -> None:
    from fazhi.extract.numbers import IDIOMS, _idiom_spans

    for norm in _report_norms() + ["一次性办好最多跑一次，一次办，一起一起"]:
        plain = {(i, i + len(w)) for w in IDIOMS for i in range(len(norm)) if norm.startswith(w, i)}
        assert sorted(_idiom_spans(norm)) == sorted(plain)


# ---------------------------------------------------------------- sentences of real reports (shared/realdev)


def test_a_count_whose_measure_word_is_left_out_after_yu() -> None:
    """realdev 118: 评查案卷370余，… (the unit is left out; 余 marks the count)."""
    found = metrics("每季度组织镇街开展案卷评查全覆盖,评查案卷370余,现场提出整改意见120余条;")
    assert [(m.text, m.value, m.unit, m.approximate) for m in found] == [
        ("评查案卷370余", 370, "", True), ("现场提出整改意见120余条", 120, "条", True)]


@pytest.mark.parametrize(
    "excerpt, value, measure",
    [
        ("对行政处罚程序规定、复议诉讼风险点等组织开展培训,累计培训1800余", 1800, "training_participants"),
        ("每月2场次法治为民服务等宣传活动,全年共计开展各类普法活动128", 128, "publicity_events"),
    ],
)
def test_a_count_cut_off_where_the_excerpt_ends(excerpt: str, value, measure: str) -> None:
    """realdev 118 and 150 end in the middle of a count; what precedes it says what it counts."""
    last = metrics(excerpt)[-1]
    assert (last.value, last.unit, last.measure) == (value, "", measure)
    assert excerpt.endswith(last.text)


@pytest.mark.parametrize("excerpt", ["印发《法治政府建设实施方案(20", "会议于2023", "时间为2023年12", "服务热线12345",
                                     "附件1", "2024年3月15"])
def test_years_dates_and_codes_cut_off_at_the_end_are_no_counts(excerpt: str) -> None:
    """Invented endings of the shapes an excerpt can be cut at: a title's year, a date, a hotline."""
    assert metrics(excerpt) == []


def test_the_units_profile_states_no_work() -> None:
    """realdev 134: area, villages and population of the unit are not rule-of-law figures."""
    assert metrics("巩义市鲁庄镇位于巩义、偃师、登封三县(市)交界处,全镇总面积93平方公里,辖29个行政村、7.2万人,"
                   "人口众多且人员交流情况复杂。") == []
    # corpus 000: a budget per head of population is a figure
    assert [m.value for m in metrics("年初即按总人口每人每年 1.5元标准划拨作为普法专项经费。")] == [1.5]
    # invented: a square placed and measured is a count, not the unit's profile
    assert [m.value for m in metrics("新建法治文化广场1个,位于镇政府旁,面积2000平方米。")] == [1, 2000]


def test_session_numbers_after_jie_are_ordinals() -> None:
    """realdev 150: 十届十五次全会 is the fifteenth plenary session, not fifteen of them."""
    assert metrics("深入学习贯彻二十届二中、三中、四中全会精神和自治区党委十届十五次全会精神。") == []


def test_a_count_summing_up_a_list_of_abstract_parts_is_rhetoric() -> None:
    """realdev 158 names four links and four measures and counts them; corpus 001 counts villages it named."""
    assert metrics("围绕立法、执法、司法、守法四个法治环节,提出了完善以宪法为核心的中国特色社会主义法律体系、"
                   "扎实推进依法行政、严格公正司法、加快建设法治社会等4项主要措施,全面推进国家各方面工作法治化。") == []
    created = one("成功创建李家庄村、常胜西村、八分地村3个自治区级民主法治示范村。")
    assert (created.value, created.measure) == (3, "other")
    # realdev 146, 139: in digits, parts of a plan are counted (7个方面, 4项重点事项)
    assert [m.value for m in metrics("分解落实了法治政府建设7个方面18项重点工作任务,全面推动。")] == [7, 18]
    assert [m.value for m in metrics("对涉及社会管理、生态环境保护等4项重点事项,严格落实公众参与。")] == [4]


def test_how_often_is_not_how_many() -> None:
    """realdev 158: (每个季度进行一次) says how often the 4 inspections came."""
    found = metrics("其中开展4次(每个季度进行一次)“双随机”执法检查,检查企业数40家;")
    assert [m.value for m in found] == [4, 40]


def test_the_four_leading_bodies_are_no_count() -> None:
    """realdev 154: 四套班子 (Party committee, congress, government, CPPCC) names the leadership."""
    assert metrics("举行启动仪式,市四套班子领导参加。") == []


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("组织20余场青少年模拟法庭、自护教育等沉浸式法治实践,", "组织20余场青少年模拟法庭"),
        ("筹备召开4次法治绍兴(法治政府)建设工作推进会。", "筹备召开4次法治绍兴(法治政府)建设工作推进会"),
        ("对照重点工作台账中的8项任务分工,组织全区17家责任单位研究提出16项具体工作举措。", "组织全区17家责任单位研究提出"),
    ],
)
def test_a_number_before_its_noun_keeps_the_verb_before_it(sentence: str, text: str) -> None:
    """realdev 160, 154, 118: the span is the clause's verb and scope, the number and the counted noun."""
    assert text in [m.text for m in metrics(sentence)]


def test_primary_schools_are_counted_nouns() -> None:
    """realdev 157: 80所中小学 (中 here starts 中小学, not 其中 / 在…中)."""
    m = one("结合常态化扫黑除恶工作,指导全县80所中小学完善学校章程及配套制度,")
    assert "全县80所中小学" in m.text and m.phrase.startswith("中小学")


def test_two_rates_at_a_hundred_said_as_shuangbai() -> None:
    """realdev 132: 参考率和通过率实现“双百” states a 100% rate; the span keeps both quote marks."""
    found = metrics("正科级以上干部宪法法律知识测试,参考率和通过率实现“双百”。")
    assert [(m.text, m.value, m.unit, m.measure) for m in found] == [
        ("参考率和通过率实现“双百”", 100, "%", "training_participants")]
    assert metrics("推进“双百”工程建设。") == []  # invented: 双百 naming a project states no rate
