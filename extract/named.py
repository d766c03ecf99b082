"""Named local mechanisms and campaigns, found by the head word of their name.

Reports highlight their own practice under a brand: “和大姐”网格矛盾纠纷化解工作室,
“湾事芜优”诉源治理工作站, “法助共富、法护平安”专项行动, “第一议题”制度. No
vocabulary can list them, but Chinese institutional names are head-final:
a quoted brand, a few more characters, and a head word that says what the
thing is (工作室, 平台, 机制, 制度 … for mechanisms; 活动, 行动, 宣传月 … for
campaigns). One regex pass over the normalised text finds every such name;
the quote marks are its left boundary, so generic phrases (工作机制,
相关制度) never match.
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
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# a quoted brand (2-16 characters, no sentence punctuation), then at most 8 more characters of the name,
# then the head; the shortest tail wins so the name ends at its first head (not 中心组, a study group).
# 制 alone is a head only right after the brand (“一票否优”制), never a tail's last character (体制, 控制)
_NAMED = re.compile(
    rf'"(?P<brand>[{_CJK}\dA-Za-z+·、,&-]{{2,16}})"'
    rf"(?:(?P<short>制)(?![{_CJK}])|(?P<tail>(?:(?!{_NOT_IN_TAIL})[{_CJK}]){{0,8}}?)"
    rf"(?:(?P<mechanism>{_alternation(MECHANISM_HEADS)})|(?P<campaign>{_alternation(CAMPAIGN_HEADS)}))(?!组))"
)


@dataclass(frozen=True)
class NamedSpan:
    """A branded name: [start, end) of the whole name and [start, brand_end) of its quoted brand."""

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
