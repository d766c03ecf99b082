"""A unit's standard figures, read from the measure facts the extractor decided.

Each metric of the projection (docs/projection.md) carries ``measure``: the key
of the measure vocabulary (``ontology/vocab/measures.ttl``) the graph links its
observation to, or '' when its clause does not say what it counts. The page
never guesses a measure from words: it shows the figures the saved queries
(``measure_by_unit_year``, ``hotline_cases``, ``mediation_success``) return.

Per unit and measure the page shows the latest year's figure. When that year
holds differing values (two reports, or one report saying it twice), all of
them are kept with their quotes and the figure is marked disputed: none is
picked silently. A hedged number keeps its hedge (2,000余件, 约300人).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Measure:
    key: str
    zh: str
    en: str


# Which measures the summary charts, in pairs side by side.
CHART_PAIRS: tuple[tuple[str, str], ...] = (
    ("hotline_received", "hotline_closed"),
    ("disputes_handled", "mediation_rate"),
    ("disputes_resolved", "legal_aid"),
    ("consultations", "publicity_events"),
    ("trainings", "training_participants"),
)


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """The measure vocabulary's concepts by key, with their labels, in the vocabulary's order."""
    from fazhi.ontology.concepts import concepts

    return {c.key: Measure(c.key, c.pref_zh, c.pref_en) for c in concepts("measure")}


def measure_label(key: str) -> str:
    """The Chinese label of a measure key ('' for none or an unknown key)."""
    found = measures().get(key or "")
    return found.zh if found else ""


_HEDGED = re.compile(r"(约|近|超过|超|逾|大约|将近)?(?:\d[\d.,]*|[零〇一二两三四五六七八九十百千]+)[万亿千]?(余|多)?")


def hedge(quote: str, approximate: bool) -> tuple[str, str]:
    """(before, after) marks of a hedged number as its quote words them: ('', '余') for 2000余件, ('近', '') for 近3万份."""
    if not approximate:
        return "", ""
    for m in _HEDGED.finditer(quote):
        if m.group(1) or m.group(2):
            return m.group(1) or "", m.group(2) or ""
    return "", ""


def _value_text(value: float | int) -> str:
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}".rstrip("0").rstrip(".")


def figure_text(metric: dict[str, Any]) -> str:
    """One number as the page shows it: thousands separators, its hedge, its unit (2,000余件)."""
    value = metric.get("value")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    before, after = hedge(str(metric.get("quote") or ""), bool(metric.get("approximate")))
    return f"{before}{_value_text(number)}{after}{metric.get('unit') or ''}"


def unit_figures(metrics: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per measure key, the unit's figure of its latest year with that measure.

    ``value`` is the largest stated value (bars need one length), ``values``
    every distinct one as shown; ``disputed`` is true when there are several.
    """
    by_key: dict[str, list[dict[str, Any]]] = {}
    for metric in metrics:
        key = metric.get("measure") or ""
        if key not in measures():
            continue
        try:
            float(metric.get("value"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        by_key.setdefault(key, []).append(metric)
    figures: dict[str, dict[str, Any]] = {}
    for key, items in by_key.items():
        year = max(int(m.get("year") or 0) for m in items)
        latest = [m for m in items if int(m.get("year") or 0) == year]
        distinct: dict[float, dict[str, Any]] = {}
        for m in sorted(latest, key=lambda m: (float(m["value"]), str(m.get("source")), str(m.get("quote")))):
            distinct.setdefault(float(m["value"]), m)
        shown = list(distinct.values())
        figures[key] = {"value": max(distinct), "unit": shown[-1].get("unit") or "", "year": year or None,
                        "values": [figure_text(m) for m in shown], "disputed": len(shown) > 1,
                        "quote": " / ".join(dict.fromkeys(str(m.get("quote") or "") for m in latest))}
    return figures
