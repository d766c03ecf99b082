"""Unit names in a report's body: which level the report speaks as, and the names of that level.

A report without a title still names its unit, and reports speak of
themselves in a fixed way: 我镇 / 全镇 / 本局, a sentence opening with
县政府 or 街道. Names are head-final (…街道, …镇, …县, …局), so a name is
read from a clause boundary (punctuation, 《, a year, 在 / 按照 …) up to a
level suffix; the unit is the name of the speaking level the text repeats
most. Names one level up, written before 委 / 政府 / 法治 or in a cited
document (在海曙区委…, 《朝阳区法治政府建设实施方案》), are the superior.
All of this runs on the head of one report: a few regex passes, no per-line loops.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_C = "\u4e00-\u9fff"

PLACE_END = "省市州县区旗盟"
# a place character that starts a word of a department's name (市场监督管理局, 区域) or ends one (城市管理局)
WORD_HEAD = ("市场", "市政", "市容", "市民", "区域", "县域", "市域")
WORD_TAIL = ("城市", "都市", "超市", "门市", "社区", "园区", "景区", "城区", "片区", "辖区", "小区", "矿区", "山区",
             "林区", "牧区", "街区", "市区", "灾区", "库区", "营区")


def department_place(name: str) -> int | None:
    """Where a department's own name starts after its place: 江州市市场监督管理局 → 3 (市场…).

    The last character ending a place name (省 市 州 县 区 旗 盟) that is not
    part of a longer place (江州市) nor the head of an ordinary word (市场);
    one that ends an ordinary word (城市管理局) only when no other is found
    (江城市城市管理局: the first).
    """
    tails = []
    for i in range(len(name) - 2, 1, -1):
        if name[i - 1] not in PLACE_END or (name[i] in PLACE_END and name[i:i + 2] not in WORD_HEAD):
            continue
        if name[i - 1:i + 1] in WORD_HEAD:
            continue
        if name[i - 2:i] in WORD_TAIL:
            if i >= 3:  # a place longer than the word itself (江城市, not 城市)
                tails.append(i)
            continue
        return i
    return tails[-1] if tails else None


# the level a name suffix stands for, longest suffixes first
SUFFIX_LEVEL = (("委员会", "委"), ("街道", "街道"), ("团场", "团场"), ("街", "街道"), ("镇", "镇"), ("乡", "乡"),
                ("团", "团场"), ("县", "县"), ("旗", "县"), ("区", "区"), ("市", "市"), ("师", "师"),
                ("州", "州"), ("盟", "州"), ("局", "局"))
# how far up a level is: a superior stands above its unit
RANK = {"镇": 1, "乡": 1, "街道": 1, "团场": 1, "县": 2, "区": 2, "市": 3, "师": 4, "州": 4}
_SUPERIOR_LEVELS = frozenset(lv for lv, r in RANK.items() if r > 1)
_SUFFIX_CHARS = "".join(sorted({s[-1] for s, _ in SUFFIX_LEVEL}))

# where a name can start: a clause boundary, a year, a quoted document, or a word that governs a name
_BOUNDARY = re.compile(
    r"^|\n|[\s,。、;:!?《》\"()\[\]|>·]|(?:19|20)\d{2}\s*年度?|年来|"
    r"法治|平安|现将|在|按照|根据|对照|结合|围绕|聚焦|立足|落实|推进|推动|提升|强化|加强|深化|助力|调整|制定|印发|印制|完善"
)
# where a superior's name starts: a cited document, 在 / 按照 / 根据, a line
_STRONG_BOUNDARY = re.compile(r"^|\n|《(?:中共)?|在|按照|根据")
# verbs of policy prose that govern a name but never start one (根据伊金霍洛旗…, 紧扣市委…)
_VERB_LEAD = re.compile(
    r"^(?:根据|按照|对照|结合|围绕|紧扣|紧密|紧紧|聚焦|立足|落实|贯彻|推进|推动|提升|强化|加强|深化|助力|调整|制定|印发|印制|"
    r"完善|认真|严格|切实|扎实|积极|主动|定期|坚持|深入|全力|着力|大力|协助|协办|配合|指导|督促|组织|开展|召开|参加|出台|"
    r"服务|保障|促进|实现|确保|维护|发挥|打造|建设|专题|听取|成立|建立|设立|健全|覆盖|公布|先后|选派|走进)"
)
# a name is a run of ideographs (and the digits of 106团); this many at most before its suffix
_NAME_RUN = re.compile(r"[" + _C + r"\d]{2,18}")
# words that are never inside a place or unit name
_NOT_IN_NAME = re.compile(
    r"政府|党|法治|依法|建设|工作|发展|全面|领导|会议|规划|方案|要点|实施|纲要|系统|机关|部门|单位|乡镇|"
    r"社区|城市|城乡|辖区|区域|县域|市域|[全我本][市县区镇乡旗街团]|行动|不|事|各|的|和|与|及|或|等|了|在|为|是|对|将|把|由|从|"
    r"年|月|日|我|本|其|该|上级|下级|省委|中央|国家|中国|人民|群众|干部|职工"
)
_DEPT_NOT_IN_NAME = re.compile(r"党|法治|依法|建设|工作|全面|领导|会议|方案|要点|[的和与及或等了在为是对将把由从我本其该]")
_FUNCTION_LEAD = "我本全各该在对将由把与和及向为是其以上下市县区镇乡师团州"
_NUMERALS = "一二三四五六七八九十"
# districts named for their place in a city: 市中区, 市北区
_CITY_QUARTER = re.compile(r"市[中东南西北]区")

# the report speaking of itself: 我镇 / 本局 / 全县; a clause opening with 县政府 / 街道 / 镇党委
_SELF = re.compile(r"(?P<w>[我本全])(?P<l>街道|街|镇|乡|团|县|旗|区|市|局|委)")
_SELF_SUBJECT = re.compile(
    r"[\n,。;:]\s*(?P<l>街道|镇|乡|县|旗|区|团)"
    r"(?=党工委|党委|人民政府|政府|办事处|领导班子|[以坚深认全紧始积扎严结立切围])"
)
_SELF_LEVEL = {"街": "街道", "旗": "县", "团": "团场"}
_WEIGHT = {"我": 3, "本": 3, "全": 1}

# what follows a unit's own name: its organs and congress, its rule-of-law programme, a year, a document title's end
_OWN_NEXT = re.compile(r"(?:党委|党工委|工委|人民政府|政府|办事处|领导班子|法治|依法治|全面依法|\d{4}|二[〇○零]|》|\"|"
                       r"第[一二三四五六七八九十]+届)")
# what follows a superior's name: its committee or government, its 法治 plan, a year, a clause end
_SUPERIOR_NEXT = re.compile(r"委|人民政府|政府|党委|法治|依法治|全面|\d{4}|二[〇○零]|[》\"、,。]")


@dataclass(frozen=True)
class Name:
    """A name read in the text: as written, its level, and where it first stands."""

    text: str
    level: str
    start: int


def _level_of(name: str) -> str | None:
    for suffix, level in SUFFIX_LEVEL:
        if name.endswith(suffix):
            return level
    return None


def _plausible(name: str, level: str) -> bool:
    """A name, not a phrase that happens to end in 区 or 局 (城区, 县司法局, 全市)."""
    suffix = next(s for s, lv in SUFFIX_LEVEL if lv == level and name.endswith(s))
    stem = name[: -len(suffix)]
    if not stem or _VERB_LEAD.match(name):
        return False
    if name[0] in _FUNCTION_LEAD and not (len(stem) >= 2 and name[0] in "全和上下") and not _CITY_QUARTER.fullmatch(name):
        return False
    if level in ("局", "委"):
        i = department_place(name)
        return i is not None and len(name) - i >= 2 and not _DEPT_NOT_IN_NAME.search(name[i:])
    if len(stem) == 1 and not (level == "县" or level == "团场" and stem in _NUMERALS):
        return False
    if any(c.isdigit() for c in stem) and not (level == "团场" and stem.isdigit()):
        return False  # 106团, but not 先后组织9次团
    if suffix == "街" and len(stem) < 2:
        return False
    return not _NOT_IN_NAME.search(name)


def is_unit_name(name: str) -> bool:
    """Whether ``name`` reads as a place or unit name (增福镇, 郁南县自然资源局), not a phrase (在县委, 全市)."""
    level = _level_of(name)
    return level is not None and _plausible(name, level)


def names_in(head: str, boundary: re.Pattern[str] = _BOUNDARY, levels: frozenset[str] | None = None) -> list[Name]:
    """Every name (of ``levels``, or any) that starts at a boundary of ``head``, each wording once, in order."""
    seen: dict[str, Name] = {}
    tried: set[str] = set()
    for b in boundary.finditer(head):
        run = _NAME_RUN.match(head, b.end())
        if run is None:
            continue
        word = run.group(0)
        for i, ch in enumerate(word):
            if ch not in _SUFFIX_CHARS or i == 0:
                continue
            if (ch == "街" and word[i + 1:i + 2] == "道") or (ch == "州" and word[i + 1:i + 2] == "市"):
                continue  # 街道, 泉州市: the name goes on
            if ch == "委" and word[i - 2:i + 1] != "委员会":
                continue
            name = word[: i + 1]
            if name in tried:
                continue
            tried.add(name)
            level = _level_of(name)
            if level and (levels is None or level in levels) and _plausible(name, level):
                seen[name] = Name(name, level, run.start())
    return sorted(seen.values(), key=lambda n: n.start)


def speaking_level(head: str) -> str | None:
    """The level the report speaks as (我镇 → 镇, 现将我局 → 局, 县政府坚持 → 县), None if it never says."""
    votes: Counter[str] = Counter()
    for m in _SELF.finditer(head):
        lv = m.group("l")
        votes[_SELF_LEVEL.get(lv, lv)] += _WEIGHT[m.group("w")]
    for m in _SELF_SUBJECT.finditer("\n" + head):
        lv = m.group("l")
        votes[_SELF_LEVEL.get(lv, lv)] += 2
    if not votes:
        return None
    (best, n), *rest = votes.most_common(2) + [("", 0)]
    return best if n > rest[0][1] else None


def _most_repeated(head: str, names: list[Name]) -> Name | None:
    """The name the text repeats most; a name found only inside a longer one yields to it (福镇 → 增福镇)."""
    if not names:
        return None
    counts = {n.text: head.count(n.text) for n in names}
    best = max(names, key=lambda n: (counts[n.text], -n.start))
    longer = [n for n in names if n.text != best.text and n.text.endswith(best.text) and counts[n.text] == counts[best.text]]
    return max(longer, key=lambda n: len(n.text)) if longer else best


def unit_in_body(head: str, level: str | None = None) -> Name | None:
    """The reporting unit named in the body: the most repeated name of the level the report speaks as."""
    level = level or speaking_level(head)
    if level is None:
        return None
    names = [n for n in names_in(head, levels=frozenset((level,)))
             if head.count(n.text) >= 2 or _OWN_NEXT.match(head, n.start + len(n.text))]
    return _most_repeated(head, names)


def superior_in_body(head: str, unit: str, level: str | None) -> str | None:
    """The nearest superior jurisdiction a sub-county unit's report names (在海曙区委…, 《朝阳区…》).

    Only for units below a county (镇 乡 街道 团场): a county's or a
    department's report cites provincial and city documents that are no
    superior of record. The closest level wins (区 over 市), then the most repeated.
    """
    if RANK.get(level or "") != 1:
        return None
    found = [n for n in names_in(head, _STRONG_BOUNDARY, _SUPERIOR_LEVELS)
             if n.text not in unit and unit not in n.text
             and _SUPERIOR_NEXT.match(head, head.find(n.text) + len(n.text))]
    if not found:
        return None
    low = min(RANK[n.level] for n in found)
    return _most_repeated(head, [n for n in found if RANK[n.level] == low]).text
