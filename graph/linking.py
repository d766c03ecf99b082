"""Which written names denote the same unit or the same law, across reports.

Reports name one unit in several ways: with the government body
(某镇人民政府, 某街道办事处), with full-width digits, with Chinese or Arabic
numerals (一〇六团 / 106团), or in the combined form of a Xinjiang Production
and Construction Corps regiment and its town (团镇合一: 五十一团唐驿镇) or a
division and its city (师市合一: 第一师阿拉尔市). A unit's identity is its
normalised name plus its normalised parent; laws are identified by their
title without brackets, quotes or the 中华人民共和国 prefix. Both are compared
in simplified script (106團 is 106团, 信訪工作條例 is 信访工作条例); the name
as written stays on the node as its skos:altLabel.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from fazhi.extract.cn_numbers import cn_int
from fazhi.extract.normalize import normalize_text
from fazhi.graph.divisions import Division, DivisionTree, load_tree, place

_CN_NUM = "〇零一二两三四五六七八九十百"

# government bodies written after or before the unit's own name
_BODY_SUFFIXES = ("人民政府办公室", "人民政府", "街道办事处", "办事处", "党工委", "党委", "政府")
_BODY_PREFIXES = ("中共", "中国共产党")
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年(?:度)?")
# 团镇合一 / 师市合一: the regiment (division) and its town (city) are one unit
_REGIMENT_TOWN = re.compile(rf"^((?:第)?[{_CN_NUM}\d]+团(?:场)?)(\S+?[镇乡])$")
_DIVISION_CITY = re.compile(rf"^(第[{_CN_NUM}\d]+师)(\S+?市)$")
_NUMBERED = re.compile(rf"(第?)([{_CN_NUM}]+)(团|师)")
_LAW_PREFIX = "中华人民共和国"
_QUOTES = "《》〈〉「」『』\"'“”‘’<>"


def strip_bodies(name: str) -> str:
    """``name`` in simplified script without spaces, a leading year, party prefixes or body words."""
    text = unicodedata.normalize("NFKC", normalize_text(name))
    text = re.sub(r"\s+", "", text)
    text = _YEAR_PREFIX.sub("", text)
    for prefix in _BODY_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix):]
    changed = True
    while changed:
        changed = False
        for suffix in _BODY_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                keep = text[: -len(suffix)]
                text = keep + "街道" if suffix == "街道办事处" else keep
                changed = True
    return text


def clean_name(name: str) -> str:
    """The unit's own name in simplified script: no spaces, body words or year; a regiment-town is its regiment."""
    text = strip_bodies(name)
    for pattern in (_REGIMENT_TOWN, _DIVISION_CITY):
        m = pattern.match(text)
        if m:
            text = m.group(1)
    return text


def name_key(name: str) -> str:
    """The comparison key of a unit name: cleaned, numerals of 团/师 as Arabic digits."""

    def arabic(m: re.Match[str]) -> str:
        value = cn_int(m.group(2))
        return f"{m.group(1)}{value}{m.group(3)}" if value is not None else m.group(0)

    return _NUMBERED.sub(arabic, clean_name(name))


@dataclass(frozen=True)
class UnitRef:
    """A unit as one report names it, with the key that links it to other reports."""

    label: str  # the cleaned name (skos:prefLabel)
    written: str  # exactly as the report wrote it (skos:altLabel when it differs)
    key: str  # name key
    parent_key: str  # "" when the report names no parent

    @property
    def identity(self) -> str:
        """What the unit's IRI is made from: parent key and name key."""
        return f"{self.parent_key}~{self.key}" if self.parent_key else self.key


def unit_ref(name: str, parent: str | None = None) -> UnitRef | None:
    """The linking reference of a unit named ``name`` under ``parent``; None for a blank name."""
    label = clean_name(name or "")
    if not label:
        return None
    parent_key = name_key(parent) if parent and clean_name(parent) else ""
    if parent_key == name_key(label):
        parent_key = ""
    return UnitRef(label=label, written=re.sub(r"\s+", "", name.strip()), key=name_key(label),
                   parent_key=parent_key)


def law_title(text: str) -> str:
    """A law's title in simplified script, without brackets, quotes, spaces or the 中华人民共和国 prefix."""
    title = unicodedata.normalize("NFKC", normalize_text(text))
    title = "".join(c for c in title if c not in _QUOTES and not c.isspace())
    if title.startswith(_LAW_PREFIX) and len(title) > len(_LAW_PREFIX) + 1:
        title = title[len(_LAW_PREFIX):]
    return title


@dataclass(frozen=True)
class Identity:
    """A unit as the graph keys it: its IRI key, its label, and where it lies."""

    key: str  # what iris.unit is made from
    label: str  # skos:prefLabel
    written: str  # as the report wrote it (skos:altLabel when it differs)
    division: Division | None = None  # the deepest division it certainly lies in (or is)
    candidates: int = 0  # unplaced: how many counties its name could be in


@lru_cache(maxsize=4096)  # a build asks twice per report (its graph, its shared contribution)
def identify(unit: str | None, parent: str | None = None,
             context: Sequence[str | None] = ()) -> tuple[Identity | None, Identity | None]:
    """The identities of a report's unit and of its parent, placed in the divisions where the evidence is certain.

    ``context`` (a tuple: results are cached) holds the report's title,
    signature, addressee and the first place its opening names. A unit
    placed in a county is keyed by the county's code and its name (so the
    same town with and without its parent written is one node); a unit that
    is a division itself (沙湾, 沙湾市) is keyed by the division's code.
    Unplaced units keep the key of their name under their parent's.
    """
    tree = load_tree()
    ref = unit_ref(unit or "", parent)
    if ref is None:
        return None, None
    written_parent = strip_bodies(parent) if parent else ""
    spot = place(tree, ref.label, written_parent or None, context)
    parent_id = _parent_identity(tree, parent, written_parent, spot.division) if ref.parent_key else None
    division = spot.division
    if division is not None and spot.is_division:
        me = Identity(division.code, division.name, ref.written, division)
    elif division is not None and division.level == "county":
        me = Identity(f"{division.code}~{ref.key}", ref.label, ref.written, division)
    else:
        under = parent_id.key if parent_id is not None else ""
        me = Identity(f"{under}~{ref.key}" if under else ref.key, ref.label, ref.written, division,
                      spot.candidates)
    if parent_id is not None and parent_id.key == me.key:
        parent_id = None
    return me, parent_id


def _parent_identity(tree: DivisionTree | None, parent: str | None, written: str,
                     below: Division | None) -> Identity | None:
    """The parent as a unit: the division it names when it is one (第六师五家渠市 is 五家渠市), else its name."""
    ref = unit_ref(parent or "")
    if ref is None:
        return None
    division: Division | None = None
    if tree is not None and written:
        named = tree.as_whole(written) | set().union(*tree.named(written) or [set()])
        if below is not None:  # the unit's own place decides between 沙湾市 and 沙湾区
            named = {c for c in named if tree.contains(c, below.code)}
        if len(named) == 1:
            division = tree.by_code[named.pop()]
        elif below is None:
            spot = place(tree, written)
            division = spot.division
    if division is not None and tree is not None and (tree.as_whole(written) & {division.code}
                                                      or written.endswith(division.name)):
        return Identity(division.code, division.name, ref.written, division)
    return Identity(ref.key, ref.label, ref.written, division)
