"""How each kind of node looks: colour, shape, size, and the legend that explains it.

Colours and shapes are fixed per node type and unit type so that two briefings
of different builds read the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Look:
    zh: str
    en: str
    color: str
    shape: str  # a vis-network shape that scales with ``size``


# Non-unit node types: one shape and colour each.
NODE_TYPES: dict[str, Look] = {
    "unit": Look("单位", "government unit", "#4a7ebb", "dot"),
    "mechanism": Look("工作机制", "mechanism kind", "#e8902a", "diamond"),
    "campaign": Look("专项活动", "campaign kind", "#c94b4b", "triangle"),
    "problem": Look("问题类别", "problem category", "#7b5ea7", "square"),
    "law": Look("法律法规", "law or regulation", "#6d7278", "star"),
}

# Units are dots coloured by unit type (vocabulary keys of unit-type.ttl).
UNIT_TYPES: dict[str, Look] = {
    "镇": Look("镇", "town", "#2e8b57", "dot"),
    "乡": Look("乡", "township", "#7cb342", "dot"),
    "街道": Look("街道", "sub-district", "#00897b", "dot"),
    "团场": Look("团场", "regiment farm (XPCC)", "#a1673f", "dot"),
    "县": Look("县", "county", "#1565c0", "dot"),
    "区": Look("区", "district", "#3f8fd8", "dot"),
    "市": Look("市", "city", "#0b3d91", "dot"),
    "局": Look("局", "bureau", "#8e44ad", "dot"),
    "委": Look("委", "commission", "#b0489b", "dot"),
    "办": Look("办", "office", "#d36f9e", "dot"),
    "其他": Look("其他", "other unit", "#8a8f96", "dot"),
}
UNKNOWN_UNIT = Look("类型不详", "unit type not stated", "#b8bec5", "dot")


def darker(color: str, factor: float = 0.8) -> str:
    """``#rrggbb`` darkened: node borders, which edges also take their colour from."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in (r, g, b))


def look_of(node_type: str, unit_type: str = "") -> Look:
    """The look of a node: units by their unit type, other nodes by their node type."""
    if node_type == "unit":
        return UNIT_TYPES.get(unit_type or "", UNKNOWN_UNIT)
    return NODE_TYPES.get(node_type, NODE_TYPES["law"])


def node_size(count: int | float) -> float:
    """Radius that grows with the square root of ``count`` so hubs stand out but fit."""
    return round(min(10.0 + 5.0 * math.sqrt(max(float(count or 0), 1.0)), 56.0), 2)


def edge_width(weight: int | float) -> float:
    """Line width from the number of mentions behind an edge (log scale, 1 to 8)."""
    return round(min(1.0 + 1.5 * math.log2(max(float(weight or 1), 1.0)), 8.0), 2)


def legend_entries(node_types: set[str], unit_types: set[str]) -> list[dict[str, str]]:
    """Legend rows for the node and unit types present, node types first in a fixed order."""
    rows: list[dict[str, str]] = []
    for key, look in NODE_TYPES.items():
        if key == "unit" or key not in node_types:
            continue
        rows.append({"zh": look.zh, "en": look.en, "color": look.color, "shape": look.shape})
    if "unit" in node_types:
        known = [t for t in UNIT_TYPES if t in unit_types]
        for t in known:
            look = UNIT_TYPES[t]
            rows.append({"zh": f"单位·{look.zh}", "en": f"unit: {look.en}", "color": look.color, "shape": "dot"})
        if any(t not in UNIT_TYPES for t in unit_types):
            rows.append({"zh": f"单位·{UNKNOWN_UNIT.zh}", "en": f"unit: {UNKNOWN_UNIT.en}",
                         "color": UNKNOWN_UNIT.color, "shape": "dot"})
    return rows
