"""Gazetteer mentions on sentences of the genre: kinds, wordings, offsets, laws, honours."""

from __future__ import annotations

import pytest
from fazhi.extract.gazetteer import find_mentions, law_kind
from fazhi.extract.normalize import normalize_text
from fazhi.extract.sections import find_sections


def mentions(text: str):
    return find_mentions(text, normalize_text(text), find_sections(text))


def kinds(text: str, typ: str = "mechanism") -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in mentions(text) if m.type == typ}


@pytest.mark.parametrize(
    "sentence,kind,wording",
    [
        ("受理12345政务服务便民热线转办件46件。", "hotline_12345", "12345政务服务便民热线"),
        ("今年以来受理“12345”平台反馈问题38件。", "hotline_12345", "12345”平台"),
        ("及时处置市民热线诉求。", "hotline_12345", "市民热线"),
        ("依托镇综治中心开展矛盾纠纷排查。", "mediation_center", "综治中心"),
        ("建成县级矛盾纠纷多元化解中心。", "mediation_center", "矛盾纠纷多元化解中心"),
        ("把矛调中心打造成为群众解忧的平台。", "mediation_center", "矛调中心"),
        ("实现一村（社区）一法律顾问全覆盖。", "legal_adviser", "一村（社区）一法律顾问"),
        ("在各村设立公共法律服务工作站。", "public_legal_service", "公共法律服务工作站"),
        ("深入开展“八·五”普法中期检查。", None, None),
        ("严格落实“谁执法谁普法”普法责任制。", "who_enforces_publicizes", "谁执法谁普法"),
        ("培养“法律明白人”120名。", "legal_literate", "法律明白人"),
        ("全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度。",
         "enforcement_three_systems", "执法全过程记录"),
        ("坚持和发展新时代“枫桥经验”。", "fengqiao", "枫桥经验"),
        ("聘请派出所民警担任法治副校长。", "vice_principal", "法治副校长"),
        ("主要负责人出庭应诉率达100%。", "reconsideration_litigation", "负责人出庭应诉"),
    ],
)
def test_mechanism_wordings(sentence: str, kind: str | None, wording: str | None) -> None:
    found = kinds(sentence)
    if kind is None:
        assert not found
    else:  # the mention is the wording, or a longer name that contains it
        assert any(k == kind and wording in t for k, t in found), found


@pytest.mark.parametrize(
    "sentence,kind,wording",
    [
        ("深入开展“八·五”普法中期检查。", "pufa_plan", "八·五”普法"),
        ("七五普法顺利通过验收。", "pufa_plan", "七五普法"),
        ("开展“美好生活·民法典相伴”主题宣传活动。", "civil_code", "美好生活·民法典相伴"),
        ("利用“12·4”国家宪法日开展集中宣传。", "constitution", "12·4”国家宪法日"),
        ("组织新任职干部进行宪法宣誓。", "constitution", "宪法宣誓"),
        ("开展“我为群众办实事”实践活动。", "serve_people", "我为群众办实事"),
        ("持续开展全民反诈宣传。", "anti_fraud", "全民反诈宣传"),
        ("积极创建民主法治示范村（社区）。", "demo_village", "民主法治示范村（社区）"),
        ("结合安全生产月开展宣传。", "safety_month", "安全生产月"),
        ("组织机关干部集中学法12次。", "rule_of_law_training", "集中学法"),
        ("推动法律进乡村、进社区。", "law_into", "法律进乡村"),
    ],
)
def test_campaign_wordings(sentence: str, kind: str, wording: str) -> None:
    found = kinds(sentence, "campaign")
    assert any(k == kind and wording in t for k, t in found), found


def test_quote_styles_and_middle_dots_do_not_matter() -> None:
    for sentence in ("深入开展「八・五」普法。", "深入开展『八•五』普法。", '深入开展"八‧五"普法。'):
        found = kinds(sentence, "campaign")
        assert any(k == "pufa_plan" for k, _ in found), sentence


def test_offsets_point_into_the_given_text_and_carry_the_section_role() -> None:
    text = "一、主要举措\n设立公共法律服务站5个。\n二、存在的问题\n调解员业务能力不足。\n"
    found = mentions(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    roles = {m.text: m.section for m in found}
    assert roles["公共法律服务站"] == "work"
    assert roles["调解员"] == "problems"


def test_every_occurrence_is_reported() -> None:
    text = "聘请法律顾问2名。法律顾问每周驻点1次。"
    hits = [m for m in mentions(text) if m.kind == "legal_adviser"]
    assert [m.start for m in hits] == [2, 9]


def test_a_named_kind_inside_a_longer_one_is_kept() -> None:
    found = kinds("增设法律咨询、法律援助专线。")
    assert ("legal_hotline", "法律援助专线") in found
    assert ("legal_aid", "法律援助") in found


def test_named_kinds_beat_other() -> None:
    found = kinds("建立团场基层立法联系点制度。")
    assert ("legislative_liaison", "基层立法联系点") in found
    assert not any(k == "other" for k, _ in found)


def test_quoted_named_mechanism_is_other() -> None:
    assert ("other", "“动态清理”机制") in kinds("建立规范性文件“动态清理”机制。")


@pytest.mark.parametrize(
    "title,kind",
    [("宪法", "constitution"), ("民法典", "code"), ("中华人民共和国行政处罚法", "law"),
     ("信访工作条例", "regulation"), ("师市行政规范性文件管理办法", "rule"), ("重大行政决策程序暂行条例", "regulation"),
     ("党政主要负责人履行推进法治建设第一责任人职责规定", "rule"),
     ("法治政府建设实施纲要（2021-2025年）", None), ("关于加强法治乡村建设的意见", None),
     ("2023年普法依法治理工作要点", None), ("法治宣传教育第八个五年规划", None)],
)
def test_law_titles_are_told_from_documents(title: str, kind: str | None) -> None:
    assert law_kind(title) == kind


def test_laws_cited_and_constitution_publicity_counted_as_campaign() -> None:
    text = "结合“一月一主题”对《宪法》《民法典》等知识进行宣传22场次。"
    found = mentions(text)
    laws = {(m.kind, m.text) for m in found if m.type == "law"}
    assert laws == {("constitution", "《宪法》"), ("code", "《民法典》")}
    camps = {(m.kind, m.text) for m in found if m.type == "campaign"}
    assert ("constitution", "《宪法》") in camps and ("civil_code", "《民法典》") in camps


def test_laws_in_a_training_list_are_not_publicity_campaigns() -> None:
    text = "对干部职工群众进行《宪法》《行政许可法》《民法典》等常用法律法规知识培训。"
    found = mentions(text)
    assert {m.text for m in found if m.type == "law"} == {"《宪法》", "《行政许可法》", "《民法典》"}
    assert not any(m.type == "campaign" and m.text.startswith("《") for m in found)


def test_honours_in_an_award_sentence() -> None:
    text = "曾先后荣获“全国文明村镇”“自治区文明乡镇”等荣誉称号。"
    honours = {(m.kind, m.text) for m in mentions(text) if m.type == "honor"}
    assert honours == {("national", "全国文明村镇"), ("provincial", "自治区文明乡镇")}


def test_sub_units() -> None:
    text = "镇司法所联合派出所,在李家庄村、12连开展调解。"
    units = {(m.kind, m.text) for m in mentions(text) if m.type == "unit"}
    assert ("station", "司法所") in units and ("station", "派出所") in units
    assert ("village", "李家庄村") in units
    assert ("community", "幸福社区") in units_of("在李家庄村、幸福社区,组织开展普法。")
    assert ("company", "12连") in units
    assert not any(k == "company" for k, _ in units_of("实现一连(社区)一法律顾问全覆盖。"))
    assert not any(k == "village" for k, _ in units_of("优先从村干部中选任。"))


def units_of(text: str) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in mentions(text) if m.type == "unit"}


def test_traditional_characters_are_matched_with_offsets_into_the_original() -> None:
    text = "鎮黨委設立公共法律服務工作室,聘請法律顧問。"
    found = kinds(text)
    assert ("public_legal_service", "公共法律服務工作室") in found
    assert ("legal_adviser", "法律顧問") in found


def test_central_committee_is_not_the_units_leading_body() -> None:
    found = kinds("学习中央全面依法治国委员会会议精神,调整团镇全面依法治团委员会成员。")
    assert found == {("leading_body", "全面依法治团委员会")}


def test_training_and_hotline_variants() -> None:
    assert ("rule_of_law_training", "旁听庭审") in kinds("组织领导干部旁听庭审2次。", "campaign")
    assert ("hotline_12345", "12345工单") in kinds("办理12345工单300件。")


def test_a_mechanism_inside_a_law_title_is_the_law() -> None:
    found = mentions("组织学习《中华人民共和国人民调解法》《法律援助法》,开展人民调解工作。")
    assert {(m.type, m.kind) for m in found} == {("law", "law"), ("mechanism", "people_mediation")}
    assert [m.text for m in found if m.type == "mechanism"] == ["人民调解工作"]


def test_a_new_wording_is_taught_by_editing_the_turtle_file(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    import fazhi.extract.gazetteer as gazetteer
    import fazhi.ontology.concepts as onto

    vocab = tmp_path / "vocab"
    vocab.mkdir()
    for scheme, res in onto.vocab_files().items():
        (vocab / onto.SCHEME_FILES[scheme]).write_bytes(res.read_bytes())
    ttl = vocab / "mechanisms.ttl"
    ttl.write_text(ttl.read_text(encoding="utf-8").replace(
        'skos:altLabel "法制副校长"@zh', 'skos:altLabel "法制副校长"@zh , "护校法官"@zh'), encoding="utf-8")
    sentence = "各学校均配备护校法官。"
    assert not kinds(sentence)

    monkeypatch.setattr(onto, "vocab_files", lambda: {s: Path(vocab / f) for s, f in onto.SCHEME_FILES.items()})
    onto._vocabulary.cache_clear()
    gazetteer.vocabulary_rules.cache_clear()
    try:
        assert ("vice_principal", "护校法官") in kinds(sentence)
    finally:
        monkeypatch.undo()
        onto._vocabulary.cache_clear()
        gazetteer.vocabulary_rules.cache_clear()


def test_addressee_line_names_no_mechanism_of_the_unit() -> None:
    text = ("石门乡2023年法治政府建设工作情况报告\n\n县委依法治县办：\n"
            "2023年以来，石门乡调整乡法治建设领导小组，由乡长任组长。\n")
    assert kinds(text) == {("leading_body", "法治建设领导小组")}


@pytest.mark.parametrize(
    "sentence,typ,kind,wording",
    [
        ("县乡两级普法讲师团开展法治宣讲“八进”活动360余场次。", "campaign", "law_into", "八进"),
        ("开展“宪法进校园”活动，组织学生参加“学宪法 讲宪法”活动。", "campaign", "constitution", "宪法进校园"),
        ("构建矛盾纠纷“一站式”化解平台。", "mechanism", "mediation_center", "矛盾纠纷“一站式”化解平台"),
        ("推行“网格+调解”模式。", "mechanism", "grid", "网格+调解"),
        ("依托12315投诉举报平台处理消费者投诉。", "mechanism", "other", "12315投诉举报平台"),
        ("开展“证照分离”改革。", "campaign", "other", "“证照分离”改革"),
        # real report sentences (shared/realdev): wordings of the kinds outside the seeds
        ("成立由街党工委书记为组长的依法治街工作领导小组,", "mechanism", "leading_body", "依法治街工作领导小组"),
        ("在市委全面依法治市委员会办公室的悉心指导下,", "mechanism", "leading_body", "市委全面依法治市委员会办公室"),
        ("成立鲁庄镇依法治理领导小组,由镇党委书记任组长,", "mechanism", "leading_body", "依法治理领导小组"),
        ("完善社区法治工作站建设,为居民提供就近", "mechanism", "public_legal_service", "社区法治工作站"),
        ("制定《六郎镇关于规范合同法律审查工作实施办法》,", "mechanism", "legality_review", "合同法律审查"),
        ("贯彻落实《党政主要负责人履行推进法治建设第一责任人职责规定》,", "mechanism", "first_responsible",
         "推进法治建设第一责任人"),
        ("组织开展了乡镇主要负责人、县人民政府工作部门主要负责人年终述法活动", "mechanism", "other", "年终述法"),
        ("一是定期学法考法。", "campaign", "rule_of_law_training", "学法考法"),
        ("组织200余名工作人员参加安徽普法宪法网上测试。", "campaign", "rule_of_law_training", "普法宪法网上测试"),
        ("开展理论学习中心组学习14次,", "campaign", "rule_of_law_training", "理论学习中心组学习"),
        ("全年开展专题学习4次,覆盖乡村干部240余人次。", "campaign", "rule_of_law_training", "专题学习"),
        ("将习近平法治思想、宪法、民法典等纳入党委中心组必学内容,", "campaign", "constitution", "宪法"),
        ("将习近平法治思想、宪法、民法典等纳入党委中心组必学内容,", "campaign", "civil_code", "民法典"),
        ("开展《民法典》《监察法》《有组织犯罪法》等专题学习3次,", "campaign", "civil_code", "《民法典》"),
        ("民主法制示范村创建、法律五进(法律进机关、企业、单位", "campaign", "law_into", "法律五进"),
        ("民主法制示范村创建、法律五进(法律进机关、企业、单位", "campaign", "demo_village", "民主法制示范村"),
    ],
)
def test_genre_wordings_seen_in_department_and_county_reports(sentence: str, typ: str, kind: str, wording: str) -> None:
    assert (kind, wording) in kinds(sentence, typ)


def test_clearing_up_normative_documents_is_not_their_filing_review() -> None:
    assert "document_filing" not in {k for k, _ in kinds("完成涉及市场准入的规章、规范性文件清理，废止文件7件。")}


@pytest.mark.parametrize(
    "sentence,wording",
    [("通过12345市长热线反映问题。", "12345市长热线"), ("市民服务热线12345转办工单320件。", "市民服务热线12345"),
     ("“12345”政务服务热线平台交办件全部办结。", "“12345”政务服务热线")],
)
def test_12345_hotline_in_other_wordings(sentence: str, wording: str) -> None:
    assert ("hotline_12345", wording) in kinds(sentence)


def test_web_page_menus_and_byline_name_no_mechanism() -> None:
    text = ("首页 > 政务公开 > 法治政府建设\n长林乡2023年度法治政府建设工作报告\n"
            "发布时间：2024-01-29 来源：长林乡人民政府 浏览次数：316\n"
            "1.全面推行权责清单制度，坚持政务公开。\n")
    assert kinds(text) == {("other", "权责清单"), ("other", "政务公开")}
    assert [m.start for m in mentions(text) if m.text == "政务公开"] == [text.rindex("政务公开")]


def test_law_into_places_but_not_the_rule_of_law_process() -> None:
    assert kinds("开展“法律进楼宇”“普法进集市”活动。", "campaign") == {("law_into", "法律进楼宇"), ("law_into", "普法进集市")}
    assert kinds("加快推进法治进程，推动法治进一步深化。", "campaign") == set()


# ------------------------------------------------ wordings of real reports (shared/realdev, corpus)

def test_reporting_on_law_is_not_the_first_responsible_mechanism() -> None:
    found = kinds("组织开展了乡镇主要负责人、县人民政府工作部门主要负责人年终述法活动")
    assert {k for k, _ in found} == {"other"}


def test_a_plan_to_study_in_a_group_is_not_a_study_session() -> None:
    # corpus 003: the study group named as one of several channels, not a session held
    assert kinds("充分利用党工委理论中心组学习、“三会一课”等载体,组织学习法治建设理论", "campaign") == set()
    # a slogan to residents is not training (corpus 001); officials setting the example is (realdev 116)
    assert kinds("引导群众尊法、学法、用法,守法;", "campaign") == set()
    assert ("rule_of_law_training", "带头尊法、学法、用法") in kinds("主要负责人带头尊法、学法、用法", "campaign")


# ------------------------------------------------ named local mechanisms and campaigns

def test_quoted_local_names_by_their_head_word() -> None:
    # realdev 133 (安徽 六郎镇)
    text = "建成镇“一站式”矛调中心,成立芜湖市首家“湾事芜优”诉源治理工作站,“最优解”特色调解工作室有效运行。"
    assert kinds(text) == {("mediation_center", "“一站式”矛调中心"), ("other", "“湾事芜优”诉源治理工作站"),
                           ("people_mediation", "“最优解”特色调解工作室")}
    assert ("other", "“一票否优”制") in kinds("将法治建设纳入镇村干部评价体系,实行“一票否优”制")
    assert kinds("大力开展“减证便民”行动,群众涉证事项压减至9项", "campaign") == {("other", "“减证便民”行动")}


def test_a_quoted_example_of_a_category_and_party_days_are_no_names() -> None:
    # corpus 001: 石榴云 is one media platform among others; a party-day activity is party work
    assert kinds("线上则依托“学习强国”“石榴云”等媒体平台,引导党员干部学习法治思想") == set()
    assert kinds("该镇常态化开展“党旗映天山”主题党日活动4次", "campaign") == set()


def test_unquoted_local_places_need_a_name_and_a_rule_of_law_word() -> None:
    assert ("other", "流动法治服务队") in kinds("组建“流动法治服务队”,")  # realdev 109
    assert ("other", "民生议事堂") in kinds("积极推进委员工作站、民生议事堂等载体建设")  # realdev 104
    # corpus 002: the domain word and a head name no place; 政务服务中心 is no rule-of-law place
    assert kinds("依托法治平台及时受理、分类梳理") == set()
    assert "other" not in {k for k, t in kinds("印制增福镇公共服务中心办事指南") if "服务中心" in t}


def test_mentions_hold_both_quote_marks_or_neither(sample_reports) -> None:
    for path in sample_reports:
        text = path.read_text(encoding="utf-8")
        for m in mentions(text):
            if m.type in ("mechanism", "campaign"):
                assert normalize_text(m.text).count('"') % 2 == 0, (path.name, m.text)


def test_verbs_and_phrases_that_look_like_names_are_none() -> None:
    # invented sentences of the genre, one per trap
    assert kinds("持续推进法治建设、进一步加强队伍建设。", "campaign") == set()  # 推进 … 进一步 is no 进X list
    assert kinds("坚持在宪法、法律范围内活动。", "campaign") == set()  # the constitution as law, not a study item
    assert kinds("开展法治课题研究。", "campaign") == set()
    assert kinds("围绕“稳就业、保民生”中心工作,") == set()  # 中心工作 is the central task, not a centre
    assert ("law_into", "法治进乡村、进学校") in kinds("推动法治进乡村、进学校。", "campaign")
