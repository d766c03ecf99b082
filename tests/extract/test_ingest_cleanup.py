"""Clean-up of bookmarks, page numbers and web chrome, on the real sample reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from fazhi.extract.ingest import read_document
from fazhi.extract.ingest.cleanup import clean_text


def _gold_texts(gold_report: dict) -> list[str]:
    return [item["text"] for kind in ("mechanisms", "campaigns", "problems", "metrics") for item in gold_report[kind]]


def test_report_004_loses_its_word_bookmarks_and_page_number(sample_reports: list[Path]) -> None:
    path = next(p for p in sample_reports if p.name.startswith("004"))
    raw = path.read_text(encoding="utf-8")
    assert "[bookmark: _GoBack]" in raw and "— 1 —" in raw
    text = read_document(path).text
    assert "bookmark" not in text
    assert "— 1 —" not in text
    assert "\n2023年来，在师市党委的坚强领导下" in text


def test_gold_texts_are_still_substrings_of_every_cleaned_report(
    sample_reports: list[Path], gold: dict[str, dict]
) -> None:
    for path in sample_reports:
        text = read_document(path).text
        missing = [t for t in _gold_texts(gold[path.name[:3]]) if t not in text]
        assert not missing, (path.name, missing)


def test_report_001_loses_the_trailing_login_box(sample_reports: list[Path]) -> None:
    path = next(p for p in sample_reports if p.name.startswith("001"))
    text = read_document(path).text
    assert "用户登录" not in text and "立即注册" not in text and "还没有账号" not in text
    assert text.endswith("以全方位监督保障法治政府建设落地见效。\n")


def test_report_003_loses_the_editor_line_but_keeps_the_signature(sample_reports: list[Path]) -> None:
    path = next(p for p in sample_reports if p.name.startswith("003"))
    text = read_document(path).text
    assert "责编" not in text
    assert text.endswith("大连金普新区华家街道办事处\n2023年1月12日\n")


def test_a_report_without_artifacts_comes_back_unchanged(sample_reports: list[Path]) -> None:
    path = next(p for p in sample_reports if p.name.startswith("000"))
    assert read_document(path).text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", ["— 1 —", "- 2 -", "－3－", "—12—", "第 3 页", "第3页 共12页", "2/15"])
def test_page_number_lines_are_dropped_anywhere(line: str) -> None:
    text = f"一、工作开展情况\n全年开展普法活动20场。\n{line}\n二、存在的问题\n"
    assert clean_text(text) == "一、工作开展情况\n全年开展普法活动20场。\n二、存在的问题\n"


def test_chrome_words_inside_the_body_are_kept() -> None:
    text = "群众可通过政务服务网用户登录后在线申请法律援助。\n分享\n责编:办公室\n打印本页 关闭窗口\n"
    assert clean_text(text) == "群众可通过政务服务网用户登录后在线申请法律援助。\n"


def test_leading_site_chrome_is_dropped() -> None:
    text = "用户登录\n立即注册\n\n某镇2023年法治政府建设年度报告\n一、主要做法\n"
    assert clean_text(text) == "某镇2023年法治政府建设年度报告\n一、主要做法\n"


def test_numbers_on_their_own_line_in_the_body_stay() -> None:
    text = "调解成功率\n100%\n2023年\n"
    assert clean_text(text) == text


def test_page_text_copied_from_a_government_site_loses_its_frame() -> None:
    """What people paste into a .txt from a site: the info line above, the footer below."""
    text = (
        "发布时间：2023-01-12 10:30  来源：华家街道  浏览次数：1024\n"
        "【字体：大 中 小】\n"
        "\n"
        "华家街道2022年法治政府建设年度报告\n"
        "2022年，华家街道扎实推进法治政府建设。\n"
        "大连金普新区华家街道办事处\n"
        "2023年1月12日\n"
        "【打印本页】【关闭窗口】\n"
        "上一篇：华家街道2021年法治政府建设年度报告\n"
        "版权所有：大连金普新区管委会 技术支持：金普新区大数据中心\n"
        "辽ICP备05000000号\n"
    )
    assert clean_text(text) == (
        "华家街道2022年法治政府建设年度报告\n"
        "2022年，华家街道扎实推进法治政府建设。\n"
        "大连金普新区华家街道办事处\n"
        "2023年1月12日\n"
    )
