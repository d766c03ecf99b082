"""Property tests: any text, however odd, extracts without error and with exact offsets."""

from __future__ import annotations

from fazhi.extract.normalize import normalize_text
from fazhi.extract.pipeline import extract_document
from fazhi.extract.records import Document
from fazhi.extract.sections import RoleIndex, find_sections, role_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# pieces of the genre: heading markers, numbers in every form, quote styles, traditional characters
PIECES = [
    "一、", "（一）", "(二)", "1、", "2.", "（3）", "一是", "二是", "第一部分", "三、存在的问题", "四、下一步打算",
    "\n", "\n\n", " ", "　", "。", ",", "，", "、", ":", "：", "“", "”", "「", "」", "『", "』", '"', "·", "・", "•",
    "2023年", "二〇二三年一月十日", "12345", "１２３４５", "100%", "1.5元", "3万余人次", "十二件", "二十余场",
    "法律顾问", "法律顧問", "公共法律服務工作站", "矛調中心", "“八·五”普法", "《民法典》", "《宪法", "》",
    "调解成功率达98%", "法治意识不强", "某某街道", "第三师", "团镇", "荣获", "“全国文明村镇”",
]

genre_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


def check(text: str) -> None:
    rec = extract_document(Document(text=text, source="x.txt", format="txt", sha256="0" * 64))
    for t, s, e in rec.spans():
        assert 0 <= s <= e <= len(text)
        assert text[s:e] == t
    for m in rec.mentions:
        assert m.section in ("preamble", "basic", "work", "problems", "causes", "plans", "duties", "other")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(genre_text)
def test_genre_like_text_never_breaks_the_pipeline(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_breaks_the_pipeline(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(genre_text)
def test_sections_nest_and_point_into_the_text(text: str) -> None:
    secs = find_sections(text, normalize_text(text))
    for s in secs:
        assert text[s.heading_start:s.heading_end] == s.heading
        assert s.start <= s.heading_start <= s.heading_end <= s.end <= len(text)
        if s.parent is not None:
            assert secs[s.parent].level < s.level


@settings(max_examples=200, deadline=None)
@given(genre_text)
def test_role_index_agrees_with_the_plain_lookup(text: str) -> None:
    secs = find_sections(text, normalize_text(text))
    index = RoleIndex(secs, len(text))
    for offset in range(len(text) + 1):
        assert index.role(offset) == role_at(secs, offset)
