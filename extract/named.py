"""Named local mechanisms and campaigns, found by the head word of their name.

Reports highlight their own practice under a brand: “和大姐”网格矛盾纠纷化解工作室,
“湾事芜优”诉源治理工作站, “法助共富、法护平安”专项行动, “第一议题”制度. No
vocabulary can list them, but Chinese institutional names are head-final:
a quoted brand, a few more characters, and a head word that says what the
thing is (工作室, 平台, 机制, 制度 … for mechanisms; 活动, 行动, 宣传月 … for
campaigns). One regex pass over the normalised text finds every such name;
the quote marks are its left boundary, so generic phrases (工作机制,
相关制度) never match.

Unquoted names are found the same way with a narrower set of heads, the
places and teams a unit sets up (流动法治服务队, 民生议事堂, 智慧信访平台):
the name runs left from the head to the nearest boundary (punctuation or a
verb such as 建立 / 依托 / 打造) and must name rule-of-law work (法治,
调解, 信访, 议事 …), so 政务服务中心 or 党群服务站 are not taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = "\u4e00-\u9fff"

# heads longest first within a type, so the regex takes the whole head word
MECHANISM_HEADS = (
    "工作领导小组", "领导小组", "委员会", "工作室", "工作站", "服务站", "联络站", "服务队", "宣讲团", "观察点",
    "联系点", "议事堂", "议事会", "工作法", "服务中心", "中心", "平台", "机制", "制度", "清单", "专班", "模式",
    "体系", "格局", "空间", "窗口", "热线", "驿站", "之家", "调解室", "说事室",
)
CAMPAIGN_HEADS = (
    "专项行动", "系列活动", "主题活动", "宣传活动", "活动", "行动", "宣传月", "宣传周", "宣传日", "讲座",
    "培训班", "专题学习", "测试", "考试", "试点", "论坛", "大讲堂", "讲堂", "竞赛", "大赛",
)
# a brand followed by 等 / 的 / 和 is an example or a modifier, not the start of a name (“石榴云”等媒体平台);
# party-building days and lessons are not rule-of-law practice
_NOT_IN_TAIL = "[等的和及与]|党日|党课|党建"
_OPENING = "“「『‘\""
_CLOSING = "”」』’\""


def _alternation(words: tuple[str, ...]) -> str:
    """A regex of the head words, longest first; 中心 is no head in 中心组 (a study group) or 中心工作 (the central task)."""
    return "|".join(re.escape(w) + ("(?!组|工作|任务)" if w.endswith("中心") else "")
                    for w in sorted(words, key=len, reverse=True))


# a quoted brand (2-16 characters, no sentence punctuation), then at most 8 more characters of the name,
# then the head; the shortest tail wins so the name ends at its first head.
# 制 alone is a head only right after the brand (“一票否优”制), never a tail's last character (体制, 控制)
_NAMED = re.compile(
    rf'"(?P<brand>[{_CJK}\dA-Za-z+·、,&-]{{2,16}})"'
    rf"(?:(?P<short>制)(?![{_CJK}])|(?P<tail>(?:(?!{_NOT_IN_TAIL})[{_CJK}]){{0,8}}?)"
    rf"(?:(?P<mechanism>{_alternation(MECHANISM_HEADS)})|(?P<campaign>{_alternation(CAMPAIGN_HEADS)})))"
)


# unquoted names: places, teams and drives only (制度 / 机制 without a brand are mostly generic: 决策机制, 长效机制)
_PLACE_HEADS = ("工作室", "工作站", "服务站", "联络站", "服务队", "宣讲团", "观察点", "联系点", "议事堂", "议事会",
                "驿站", "服务中心", "平台", "调解室", "说事室", "讲堂")
_DRIVE_HEADS = ("专项整治", "专项行动", "攻坚行动")
# the look-ahead on the heads' first characters lets the engine skip the characters that start none
_PLACE = re.compile("(?=[" + "".join(sorted({w[0] for w in _PLACE_HEADS + _DRIVE_HEADS})) + "])"
                    f"(?:(?P<mechanism>{_alternation(_PLACE_HEADS)})|(?P<campaign>{_alternation(_DRIVE_HEADS)}))")
_PLACE_WINDOW = 12  # characters before the head that the name may take
_RULE_OF_LAW = re.compile("法治|法律|普法|法制|调解|矛盾|纠纷|信访|议事|说事|评理|诉源|解纷|执法|司法|维权|援助|依法|学法|律师")
_VERBS = ("建立|健全|完善|落实|执行|实行|推行|制定|坚持|建成|新建|成立|设立|设置|开展|组织|举办|推进|深化|实施|召开|参加|参与|"
          "运用|依托|通过|利用|打造|创新|构建|形成|推动|强化|加强|规范|创建|开通|启用|搭建|用好|发挥|做好|提升|聘请|组建|培育|"
          "入驻|进驻|纳入|列入|全面|深入|持续|积极|扎实|以|为|和|与|及|等|并|将|把|对|由|了|的|是|个|各")
_LEFT_BOUNDARY = re.compile(f"[^{_CJK}]|{_VERBS}")


@dataclass(frozen=True)
class NamedSpan:
    """A local name: [start, end) of the whole name and [start, brand_end) of its quoted brand (empty if none)."""

    start: int
    end: int
    brand_end: int
    type: str  # mechanism | campaign


def named_spans(text: str, norm: str) -> list[NamedSpan]:
    """Quoted brand names ending in a mechanism or campaign head word, in text order.

    The quote marks of the original text must open and close the brand (a
    closing mark followed by an opening one is two quotations, not one name).
    """
    if '"' not in norm:
        return []
    out: list[NamedSpan] = []
    m = _NAMED.search(norm)
    while m:
        s, brand_end = m.start(), m.end("brand") + 1
        opening, closing = text[s], text[brand_end - 1]
        if opening not in _OPENING or closing not in _CLOSING or opening == closing != '"':
            m = _NAMED.search(norm, s + 1)  # a closing mark: the next quotation may start inside this match
            continue
        out.append(NamedSpan(s, m.end(), brand_end, "campaign" if m.group("campaign") else "mechanism"))
        m = _NAMED.search(norm, m.end())
    return out


def place_spans(norm: str) -> list[NamedSpan]:
    """Unquoted names of rule-of-law places, teams and drives (流动法治服务队, 执法突出问题专项整治), in text order."""
    out: list[NamedSpan] = []
    for m in _PLACE.finditer(norm):
        head = m.start()
        lo = max(0, head - _PLACE_WINDOW)
        if not _RULE_OF_LAW.search(norm, lo, m.end()):
            continue
        start = None
        for b in _LEFT_BOUNDARY.finditer(norm, lo, head):
            start = b.end()
        if start is None or head - start < 2 or not _RULE_OF_LAW.search(norm, start, m.end()):
            continue
        if _RULE_OF_LAW.fullmatch(norm, start, head):
            continue  # 法治平台, 调解工作室: the domain word and a head name no one place
        out.append(NamedSpan(start, m.end(), start, m.lastgroup or "mechanism"))
    return out
