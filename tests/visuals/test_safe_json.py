"""Embedded JSON never lets report text close the script element, and parses back unchanged."""

from __future__ import annotations

import json

from fazhi.visuals.safe_json import dumps_for_script
from hypothesis import given
from hypothesis import strategies as st


def test_script_breakers_are_escaped():
    quote = '调解成功率达98%。</script><script>window.__pwned=1</script><!-- & \u2028\u2029'
    text = dumps_for_script({"quote": quote})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == {"quote": quote}


def test_chinese_stays_readable():
    assert "法律顾问" in dumps_for_script(["法律顾问"])


@given(st.recursive(st.text() | st.integers() | st.floats(allow_nan=False), lambda c: st.lists(c, max_size=4)
                    | st.dictionaries(st.text(max_size=8), c, max_size=4), max_leaves=12))
def test_round_trip_and_inert(obj):
    text = dumps_for_script(obj)
    assert json.loads(text) == obj
    assert "</" not in text and "<!--" not in text
