"""Heading hierarchy and section roles on short texts written in the genre."""

from __future__ import annotations

from fazhi.extract.sections import RoleIndex, find_sections, heading_role, role_at

REPORT = (
    "某某镇2024年法治政府建设年度报告\n"
    "2024年,某某镇在县委、县政府的正确领导下,扎实推进法治政府建设。现报告如下:\n"
    "一、2024年度推进法治政府建设的主要举措和成效\n"
    "（一）强化组织领导。镇党委书记履行法治建设第一责任人职责。\n"
    "1.完善制度。修订议事规则3项。\n"
    "2.加强学习。组织集体学法6次。\n"
    "（二）深化普法宣传。开展宪法宣传周活动。\n"
    "二、存在的不足和原因\n"
    "一是干部法治意识有待提升。\n"
    "二是调解力量薄弱。\n"
    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
    "镇党委书记带头学法。\n"
    "四、2025年工作计划\n"
    "(一)加强普法。\n"
    "(二)加强调解队伍建设。\n"
)


def test_hierarchy_levels_and_parents() -> None:
    secs = find_sections(REPORT)
    heads = [(s.level, s.heading) for s in secs]
    assert heads[0] == (1, "一、2024年度推进法治政府建设的主要举措和成效")
    assert heads[1] == (2, "（一）强化组织领导")
    assert heads[2] == (3, "1.完善制度")
    assert secs[2].parent == 1 and secs[1].parent == 0 and secs[0].parent is None
    assert [s.level for s in secs].count(1) == 4


def test_roles_from_headings_and_inheritance() -> None:
    secs = find_sections(REPORT)
    by_head = {s.heading: s.role for s in secs}
    assert by_head["一、2024年度推进法治政府建设的主要举措和成效"] == "work"
    assert by_head["1.完善制度"] == "work"
    assert by_head["二、存在的不足和原因"] == "problems"
    assert by_head["一是干部法治意识有待提升"] == "problems"
    assert by_head["三、党政主要负责人履行推进法治建设第一责任人职责情况"] == "duties"
    assert by_head["(二)加强调解队伍建设"] == "plans"


def test_offsets_point_into_the_text_and_sections_nest() -> None:
    secs = find_sections(REPORT)
    for s in secs:
        assert REPORT[s.heading_start:s.heading_end] == s.heading
        assert s.start <= s.heading_start < s.heading_end <= s.end <= len(REPORT)
        if s.parent is not None:
            p = secs[s.parent]
            assert p.start <= s.start and s.end <= p.end


def test_role_lookup_before_and_inside_sections() -> None:
    secs = find_sections(REPORT)
    index = RoleIndex(secs, len(REPORT))
    assert role_at(secs, 5) == "preamble" == index.role(5)
    pos = REPORT.index("调解力量薄弱")
    assert role_at(secs, pos) == "problems" == index.role(pos)
    pos = REPORT.index("加强普法。")
    assert index.role(pos) == "plans"


def test_mixed_problem_and_plan_heading_makes_items_plans() -> None:
    text = "五、存在问题及下一步工作思路。\n一是宣传不够。\n(一)持续强化法治学习。\n"
    secs = find_sections(text)
    assert secs[0].role == "problems"
    assert secs[-1].role == "plans"


def test_full_width_and_kangxi_headings() -> None:
    text = "四、下⼀步打算\n（一）聚焦能力提升。\n第二部分 存在的问题\n"
    secs = find_sections(text)
    assert [s.role for s in secs] == ["plans", "plans", "problems"]
    assert secs[2].level == 0


def test_weak_words_do_not_rename_work_items() -> None:
    assert heading_role("（二）着力解决群众反映强烈的问题", top=False) is None
    assert heading_role("三、问题与建议") == "problems"


def test_a_heading_reporting_work_done_is_not_a_plan() -> None:
    """重点工作 alone heads the year's plans; 重点工作开展情况 reports what was done (realdev 142)."""
    assert heading_role("一、重点工作开展情况") == "work"
    assert heading_role("三、2025年重点工作") == "plans"
    text = "一、重点工作开展情况\n（一）党对法治政府建设的领导不断加强。组织召开旗委常委会4次。\n"
    assert [s.role for s in find_sections(text)] == ["work", "work"]


def test_decimal_numbers_are_not_headings() -> None:
    assert find_sections("1.5元标准划拨经费。\n2022年工作情况\n") == []


def test_enclosed_numeral_markers() -> None:
    text = "一、主要举措\n㈠加强领导。\n⒈完善制度。\n⑴修订规则。\n二、存在的问题\n"
    secs = find_sections(text)
    assert [(s.level, s.parent) for s in secs] == [(1, None), (2, 0), (3, 1), (4, 2), (1, None)]


def test_problem_headings_in_other_wordings() -> None:
    from fazhi.extract.sections import heading_role

    for heading in ("三、需要改进的方面", "三、面临的困难", "三、困难和挑战", "三、短板弱项"):
        assert heading_role(heading) == "problems", heading
    assert heading_role("（二）着力解决群众困难", top=True) is None


def test_role_regexes_name_the_roles_the_word_lists_name() -> None:
    """_role_of searches one regex per word list; it must agree with testing each word."""
    from fazhi.extract.sections import _HEADING_SPAN, _ROLE_WORDS, _role_of

    def by_words(heading: str, top: bool) -> str | None:
        head = heading[:_HEADING_SPAN]
        if any(w in head for w in ("和原因", "及原因", "与原因", "及其原因")):
            head = head.replace("原因", "")
        for role, strong, weak in _ROLE_WORDS:
            if any(w in head for w in strong):
                return role
            if top and any(w in head for w in weak):
                for r, s, _ in _ROLE_WORDS:
                    if r in ("work", "basic", "duties") and any(w in head for w in s):
                        return r
                return role
        return None

    words = [w for _, strong, weak in _ROLE_WORDS for w in strong + weak]
    headings = words + [a + b for a in words for b in ("和原因", "及下一步打算", "")] + ["存在的不足和原因", "工作成效"]
    for heading in headings:
        for top in (True, False):
            assert _role_of(heading, top) == by_words(heading, top), heading
