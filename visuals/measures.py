"""Which of a unit's numbers answer the briefing's standard questions, by measure words.

A metric (docs/projection.md: measure, value, unit, subject, quote) is matched
to a standard measure when its words name the activity and its unit of
measure fits: "调解成功率达94.5%" is a mediation success rate, "受理12345平台
反馈问题38件" hotline cases received. The words are the genre's common ones,
not any one report's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Measure:
    key: str
    zh: str
    en: str
    words: re.Pattern[str]  # must occur in the metric's measure/subject/quote
    units: frozenset[str]  # accepted units of measure
    exclude: re.Pattern[str] | None = None


COUNT = frozenset({"件", "起", "宗", "个", "次", "条"})
PERCENT = frozenset({"%", "％"})

MEASURES: tuple[Measure, ...] = (
    Measure("mediated", "调解纠纷", "disputes mediated",
            re.compile(r"调解|调处|化解"), COUNT, re.compile(r"率|成功\d|成功[^率]*?起")),
    Measure("mediation_rate", "调解成功率", "mediation success rate",
            re.compile(r"(调解|调处|化解)[^，。；]*?成功率|化解率"), PERCENT),
    Measure("hotline_received", "12345热线受理", "hotline cases received",
            re.compile(r"12345|热线|诉求|工单"), COUNT, re.compile(r"办结|办理完毕|率")),
    Measure("hotline_closed", "办结", "cases closed",
            re.compile(r"办结|办理完毕"), COUNT, re.compile(r"率")),
    Measure("closure_rate", "办结率", "closure rate", re.compile(r"办结率"), PERCENT),
    Measure("legal_aid", "法律援助案件", "legal aid cases",
            re.compile(r"法律援助"), frozenset({"件", "起", "宗"}), re.compile(r"率")),
    Measure("consultations", "法律咨询", "legal consultations",
            re.compile(r"咨询"), frozenset({"人次", "次", "人", "件"})),
    Measure("publicity_events", "普法宣传活动", "legal publicity events",
            re.compile(r"宣传|普法|宣讲|讲座"), frozenset({"场", "场次", "次", "期"})),
)

CHART_PAIRS: tuple[tuple[str, str], ...] = (
    ("mediated", "mediation_rate"),
    ("hotline_received", "hotline_closed"),
    ("closure_rate", "legal_aid"),
    ("consultations", "publicity_events"),
)


def _words(metric: dict[str, Any]) -> str:
    return " ".join(str(metric.get(k) or "") for k in ("measure", "subject", "quote", "text"))


def classify(metric: dict[str, Any]) -> str | None:
    """The key of the first standard measure ``metric`` answers, or None."""
    words = _words(metric)
    unit = str(metric.get("unit") or "")
    for m in MEASURES:
        if unit in m.units and m.words.search(words) and not (m.exclude and m.exclude.search(words)):
            return m.key
    return None


def unit_figures(metrics: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per measure key, the unit's figure: latest year first, then the largest value."""
    best: dict[str, dict[str, Any]] = {}
    for metric in metrics:
        key = classify(metric)
        try:
            value = float(metric.get("value"))
        except (TypeError, ValueError):
            continue
        if key is None:
            continue
        rank = (int(metric.get("year") or 0), value)
        if key not in best or rank > best[key]["rank"]:
            best[key] = {"value": value, "unit": metric.get("unit") or "", "year": metric.get("year"),
                         "quote": metric.get("quote") or metric.get("text") or "", "rank": rank}
    return best
