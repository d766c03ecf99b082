"""Properties of decoding and clean-up over many generated report-like texts."""

from __future__ import annotations

from fazhi.extract.ingest.cleanup import clean_text
from fazhi.extract.ingest.decode import decode_text
from fazhi.extract.ingest.reflow import reflow
from hypothesis import given, settings
from hypothesis import strategies as st

# Building blocks of the genre: real phrases, headings, numbers, and the artifacts.
PHRASES = ["法治政府建设", "人民调解委员会", "调解成功率达100%", "一是", "二、存在的问题", "（一）加强组织领导",
           "全年开展普法宣传活动20场", "12345热线", "“八五”普法", "法律顾问", "。", "，", "、", "：", "；"]
ARTIFACTS = ["[bookmark: _GoBack]", "\n— 1 —\n", "\n- 2 -\n", "\n第 3 页\n", "\n用户登录\n", "\n责编:办公室\n"]
line = st.lists(st.sampled_from(PHRASES), min_size=1, max_size=12).map("".join)
report = st.lists(st.one_of(line, st.sampled_from(ARTIFACTS)), min_size=1, max_size=30).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(report)
def test_clean_up_is_idempotent_and_only_removes(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert "bookmark" not in once
    # Every character kept is in the input, in order (clean-up only deletes).
    rest = iter(text)
    assert all(ch in rest for ch in once)


@settings(max_examples=200, deadline=None)
@given(report)
def test_reflow_only_removes_newlines(text: str) -> None:
    assert reflow(text).replace("\n", "") == text.replace("\n", "")


@settings(max_examples=150, deadline=None)
@given(st.lists(line, min_size=3, max_size=20).map("\n".join),
       st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "big5"]))
def test_each_encoding_round_trips(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # e.g. Big5 has no 调; such a file cannot exist
        return
    assert decode_text(data)[0] == text
