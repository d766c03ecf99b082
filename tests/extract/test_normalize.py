"""The normal form keeps every offset: one character in, one character out."""

from __future__ import annotations

from fazhi.extract.normalize import normalize_text
from hypothesis import given
from hypothesis import strategies as st


def test_quotes_dots_width_and_script_are_unified() -> None:
    assert normalize_text("“八·五”普法") == '"八·五"普法'
    assert normalize_text("「八・五」普法") == '"八·五"普法'
    assert normalize_text("『美好生活•民法典相伴』") == '"美好生活·民法典相伴"'
    assert normalize_text("（一）１２３４５热线，") == "(一)12345热线,"
    assert normalize_text("憲法宣傳週") == "宪法宣传周"
    assert normalize_text("下⼀步打算") == "下一步打算"


@given(st.text())
def test_length_is_preserved_for_any_text(text: str) -> None:
    assert len(normalize_text(text)) == len(text)
