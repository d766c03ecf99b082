"""Readable texts that are not rule-of-law reports are refused with a clear cause."""

from __future__ import annotations

from pathlib import Path

import pytest
from fazhi.extract.ingest import IngestError, read_document

RECIPE = """西红柿炒鸡蛋的做法
一、准备食材：西红柿两个，鸡蛋三个，葱花少许，盐和白糖适量。
二、鸡蛋打散，热锅凉油，倒入蛋液炒至凝固后盛出。
三、西红柿切块下锅翻炒出汁，加入鸡蛋，放盐和少许白糖，撒上葱花即可出锅。
"""
ENGLISH = """City Weather Service - Forecast for Tuesday
Sunny in the morning, clouds increasing in the afternoon. Highs near 21 degrees.
Light winds from the north-east. Sign in | Register | Privacy policy
"""


@pytest.mark.parametrize("name, text", [("菜谱.txt", RECIPE), ("weather.txt", ENGLISH)])
def test_text_that_never_speaks_of_law_is_not_a_report(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.cause.startswith("not a rule-of-law report")


def test_every_sample_report_passes_the_genre_check(sample_reports: list[Path]) -> None:
    for path in sample_reports:
        assert read_document(path).text
