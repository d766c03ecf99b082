"""Stated quantities (法治报告里的数字) → ``Metric`` records.

A report states what a unit did in numbers: 调解成功率达94.5%, 法律咨询600余人次,
聘请三位律师. A number counts as a metric only when it carries a measure word
(classifier 个/名/人次/场次/件/起…, a currency or area unit, or %): a bare number
is a year, a date, a hotline, a heading or part of a slogan. Two shapes leave the
measure word out and still count: 评查案卷370余， (余 / 多 ends the clause) and a
count cut off where an excerpt ends (累计培训1800余). Around the number the
rule takes the measure phrase that precedes it in the same clause
(``法律咨询600余人次``) or, when the number modifies a following noun, that noun
(``80名机关领导干部``): the metric's ``phrase``; the span keeps the clause's verb
and scope before such a number (``组织20余场青少年模拟法庭``). Numbers that state
no work are skipped: the unit's profile (面积, 人口, 辖29个行政村), ordinals (第三,
十届十五次), a count that restates the abstract list before it (立法、执法、司法、
守法四个环节) and how often something is done (每季度一次). Two rates both at 100%
said in one word (参考率和通过率实现“双百”) are one 100% figure. What the number counts, its
measure key (``hotline_received``, ``trainings`` …), and the mechanism or
campaign it counts are decided from its clause by ``fazhi.extract.measures``.
Targets in the plans part (下一步打算) are not stated quantities and are skipped.

Rules match on the normalised text (same length as the original) and report
offsets into the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from fazhi.extract.cn_numbers import CN_CHARS as _CN
from fazhi.extract.cn_numbers import CN_DIGITS as _CN_DIGITS
from fazhi.extract.cn_numbers import parse_number, plain_value
from fazhi.extract.measures import (
    Clause,
    clauses,
    measure_key,
    sentence_bounds,
    sentence_stops,
    subject_of,
)
from fazhi.extract.normalize import as_written
from fazhi.extract.problems import PLAN_CUE
from fazhi.extract.records import Mention, Metric
from fazhi.extract.scan import LiteralFinder

# ---------------------------------------------------------------- measure words

# Units that are measure words / units of account, longest first in the regex.
CLASSIFIERS: tuple[str, ...] = (
    "个百分点", "百分点", "平方米", "平方公里", "公里", "千米", "万元", "亿元", "千元", "元",
    "人次", "场次", "件次", "户次", "批次", "台次", "车次", "架次", "家次", "条次", "期次", "课时", "学时", "小时",
    "部门", "个", "名", "人", "位", "次", "场", "件", "起", "份", "条", "幅", "项", "户", "家",
    "期", "批", "篇", "册", "本", "张", "块", "处", "所", "支", "类", "种", "部", "套", "台",
    "辆", "间", "座", "轮", "节", "堂", "笔", "宗", "例", "亩", "吨", "天", "米", "卷",
)

# A classifier followed by one of these characters is the first half of a word
# (统一部署, 统一处理, 期间, 条例, 家庭), not a measure word.
_WORD_AFTER: dict[str, str] = {
    "部": "署分长队委位件", "处": "理置罚分室长级于在", "期": "间限待刊望末盼", "条": "例款件线",
    "家": "庭长属乡园", "户": "籍外口型", "份": "额子", "名": "单称义额誉片", "人": "员民大口身才们士格权",
    "场": "所地景合馆面", "张": "贴", "支": "持付出队部", "本": "人年级地部领质身", "次": "要序",
    "起": "诉草来点步", "所": "有在属以长谓得", "类": "型别似", "种": "植子", "位": "置于数",
    "个": "别体性", "件": "事", "台": "账阶", "批": "准评复示", "元": "旦素", "节": "约日点能假期",
    "天": "然气地", "米": "面", "卷": "宗入烟", "座": "谈", "间": "断接", "块": "钱",
}

# Units of account that keep a multiplier in the unit (900万元 is value 900, unit 万元).
_MONEY = {"元"}

# Counted things after a number that make it rhetoric, not a count (三个方面, 两个层级).
_ABSTRACT_AFTER = (
    "方面", "层级", "层面", "环节", "阶段", "领域", "维度", "时期", "体系", "机制", "目标", "结合",
    "维护", "确立", "意识", "自信", "全面", "代表", "务必", "必须", "大局", "责任", "关键", "基本",
    "优先", "坚持", "转变", "到位", "统一", "融合", "抓手", "重点", "重要", "主要", "突出", "着力",
    "全覆盖", "一",
)
# An abstract part named just after a count (四个法治环节, 4项主要措施).
_ABSTRACT_NEAR = re.compile("|".join(word for word in _ABSTRACT_AFTER if len(word) > 1))
# A Chinese numeral + measure word + a short name ending like a place (五家渠市, 七台河) is a place name.
_PLACE_END = re.compile(r"[\u4e00-\u9fff]{1,2}[市县区镇乡村屯河山湖庄堡渠沟]")

# Measure words of things whose count can be rhetoric (个, 项 …), unlike 次, 人次 or %.
_COUNT_WORDS = {"个", "项", "位", "种", "类", "条", "支", "大", "方面"}

# Fixed phrases that contain a numeral and a measure word but state no quantity.
IDIOMS: tuple[str, ...] = (
    "三项制度", "八项规定", "两个维护", "两个确立", "四个意识", "四个自信", "四个全面", "三个代表",
    "五位一体", "三位一体", "最多跑一次", "一次性", "一件事", "一张网", "一张图", "一条龙", "一起",
    "三会一课", "两个责任", "两个大局", "两个结合", "三个务必", "一个都不能少", "一次办",
    "一本通", "一张表", "24小时", "两节", "三类人员", "一条街", "一批人", "一把手", "一站式", "一门式", "一窗", "百名", "千家万户",
    "四套班子", "四大班子",
)

_UNIT_ALT = "|".join(sorted(CLASSIFIERS, key=len, reverse=True))

# number (Arabic with decimals and thousands groups, or Chinese numerals), an
# optional range, approximation marks, a 万/亿 multiplier, then the measure word.
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|[{_CN}]+(?:点[零〇一二三四五六七八九]+)?"
_METRIC = re.compile(
    rf"(?P<pct>百分之|百分(?=百))?(?P<num>{_NUMBER})"
    rf"(?:\s?(?P<rsep>[-~～至到])\s?(?P<num2>{_NUMBER}))?"
    r"\s?(?P<approx>余|多)?(?P<mult>万|亿|千)?(?P<approx2>余|多)?\s?"
    rf"(?P<unit>%|‰|{_UNIT_ALT})?"
    r"(?P<post>以上|左右|之多)?"
)

# Where a metric can start: a digit or a Chinese numeral (百分之 starts with one too).
_NUM_START = re.compile(rf"[\d{_CN}]")


def _search_metric(norm: str, pos: int) -> re.Match[str] | None:
    """``_METRIC.search(norm, pos)``, tried only where a number starts.

    The pattern opens with an optional group, so the regex engine cannot skip
    ahead by itself and would try every character of the report.
    """
    start = _NUM_START.search(norm, pos)
    while start is not None:
        m = _METRIC.match(norm, start.start())
        if m is not None:
            return m
        start = _NUM_START.search(norm, start.start() + 1)
    return None


# Words in front of a number that mark it as approximate (超6000人次, 近千人).
_PRE_APPROX = re.compile(r"(?:超过|超|逾|约|近|将近|大约|上)$")

# A target, not a result: 不少于20场, 力争达到95%.
_TARGET_BEFORE = re.compile(r"(?:不少于|不低于|不超过|不高于|不多于|达到?|超过)?(?:不少于|不低于|不超过|不高于|不多于)$")
_TARGET_CLAUSE = re.compile(r"力争|争取|确保|预计|目标是|目标为")

# After 余 / 多 with no measure word: the clause ends (评查案卷370余，).
_UNIT_GAP = re.compile(r"\s*(?:[。;!?,:、)\n]|$)")
# What bounds the list a count may sum up (the 、 items before it).
_LIST_SCOPE = re.compile(r"[。;!?,:\n]")

# A rate with no unit written (胜诉率达到66.6): the number is a percentage.
_RATE_BEFORE = re.compile(r"率(?:已|均|分别)?(?:达到了|达到|达|为|是|保持在|提升至|提高到|提高至)?$")

# Hard clause boundaries when looking back for the measure phrase.
_CLAUSE_STOP = set("。;!?\n,:、()《》[]【】{}<>且")
_TRIM_LEAD = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]|首先|其次|\d{4}年度?|今年以来|今年|全年|本年度|本年|年内|年初|年底|当年|上半年|下半年|一年来|一年以来|"
    r"截至目前|截至上半年|截至年底|截至\d{1,2}月底?|截止目前|目前|其中|此外|另外|同时|并且|并|还|又|"
    r"共计|共|累计|总计|合计|先后|已经|已|均|全部|总共|另|以及|及(?!时)|和|先后|"
    r"组织开展|开展了|开展|举办了|举办|组织了|组织|举行了|举行|各类|各种|多种|各项|"
    r"全镇|全乡|全团|全街道|全县|全区|全市|镇内|乡内|团内|辖区内|辖区|该镇|该乡|该团|该街道|该县|该区|我镇|我乡|我团|我街道|我县|我区|我局|本镇|本团)"
)
_TRAIL_LINK = re.compile(
    r"(?:已|均|分别|共|累计|总计|合计|已经)?(?:达到了|达到|达|为|是|超过|超|约|近|逾|有|计|共|累计|"
    r"至|到|保持在|提升至|提高到|提高至)$"
)

# After a number+unit these start a predicate or a modifier, not a counted noun.
_NOT_NOUN_AFTER = re.compile(
    r"(?:以上|以下|左右|以内|之多|之间|标准|均|都|全部|全|已|正在|将|被|由|共|累计|和|与|及|或|且|并|"
    r"而|但|后|前|内|中(?![小学心专队])|其中|余|多|涉及|得到|获得|实现|完成|达到|达|到|为|是|的|等|参加|参与|受益|"
    r"覆盖|通过|办结|化解|调解|签订|出具|提供|接受|进行|开展|发放|解决|处理|结案|成功|没有|未|不|无|"
    r"有|在|对|向|于|给|用|以|让|使|从|至|次|同比|占|左|计|共计)"
)
_NOUN_STOP = re.compile(
    r"[。;!?\n,:、()《》\"\s\d]|参与|参加|取得|累计|开展|进行|正在|实现|获得|得到|担任|组成|完成|"
    r"[与和及均都已将被由在对向并且而但的等是]|(?<![行作])为|(?<!公)共|(?<![发到送传表])达"
)
# a short aside inside a counted noun: 村(社区)公共法律服务点, 县(市、区)
_NOUN_ASIDE = re.compile(r"\([\u4e00-\u9fff、]{1,6}\)")
_NOUN_MAX = 14
_MEASURE_MAX = 20

_ROLE_SKIP = {"plans"}
_WORD_BEFORE_ONE = set("统唯之万逐同单划合专进归始如整一其初")
# adverbs before the verb of a measure phrase: the phrase starts after them
_ADVERB_CUT = re.compile(r"(?:共计|(?<![公总一])共|累计|总计|合计|先后)")


_QUOTE_MARK = re.compile(r'[“「『‘”」』’"\n]')
_OPENS = "“「『‘"


def quoted_spans(text: str, max_len: int = 12) -> list[tuple[int, int]]:
    """Spans of short quoted names (“三会一课”, 「八五」) in the original text.

    Numbers inside a short quoted name are part of a slogan or a hotline name.
    Curly quotes pair an opening with the next closing mark; straight quotes pair
    in turn; nothing pairs across a line break.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    ascii_open: int | None = None
    for m in _QUOTE_MARK.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            open_at = ascii_open = None
        elif ch in _OPENS:
            open_at = i
        elif ch == '"':
            if ascii_open is None:
                ascii_open = i
            else:
                if i - ascii_open - 1 <= max_len:
                    spans.append((ascii_open + 1, i))
                ascii_open = None
        elif open_at is not None:
            if i - open_at - 1 <= max_len:
                spans.append((open_at + 1, i))
            open_at = None
    return spans


def _book_title_spans(norm: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,80}》", norm)]


_SENTENCE_STOP = re.compile(r"[。\n]")


def _plan_sentences(norm: str) -> list[tuple[int, int]]:
    """Sentences that say what will be done (下一步，我们将…), wherever they stand."""
    spans = []
    for m in PLAN_CUE.finditer(norm):
        end = _SENTENCE_STOP.search(norm, m.end())
        spans.append((m.start(), end.start() if end else len(norm)))
    return spans


# What a sentence describing the unit itself says (位于…，总面积93平方公里，辖29个行政村、7.2万人):
# its area, population and subdivisions are no rule-of-law work.
_PROFILE_MARK = re.compile(rf"位于|(?:总|辖区|国土|行政区域)面积|(?:总|常住|户籍)人口|下辖|辖(?=[\d{_CN}])")


def _profile_sentences(norm: str) -> list[tuple[int, int]]:
    """Sentences that name two of location, area, population and subdivisions: the unit's profile.

    One alone is no profile: 按总人口每人每年1.5元 is a budget, 广场1个，面积2000平方米 a count.
    """
    spans: list[tuple[int, int]] = []
    if "位于" not in norm and "面积" not in norm and "人口" not in norm:
        return spans  # 辖 alone is one mark
    marks: dict[tuple[int, int], set[str]] = {}
    for m in _PROFILE_MARK.finditer(norm):
        start = max(norm.rfind("。", 0, m.start()), norm.rfind("\n", 0, m.start())) + 1
        end = _SENTENCE_STOP.search(norm, m.end())
        marks.setdefault((start, end.start() if end else len(norm)), set()).add(m.group())
    for span, found in marks.items():
        if len(found) >= 2:
            spans.append(span)
    return spans


class SpanSet:
    """Sorted, merged character spans with a fast "is this offset inside one?" test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


_IDIOM_FINDER = LiteralFinder(IDIOMS)


def _idiom_spans(norm: str) -> list[tuple[int, int]]:
    """Every occurrence of every idiom (overlapping ones too), found in one pass."""
    return [(at, at + len(idiom)) for idiom, starts in _IDIOM_FINDER.occurrences(norm).items() for at in starts]


def _clause_start(norm: str, pos: int, floor: int) -> int:
    """Start of the clause that ends at ``pos``: back to a delimiter, skipping bracketed asides."""
    i = pos
    depth = 0
    while i > floor:
        ch = norm[i - 1]
        if ch in ")》":
            depth += 1
        elif ch in "(《" and depth:
            depth -= 1
        elif depth == 0 and ch in _CLAUSE_STOP:
            break
        i -= 1
    return i


def _trim_measure_start(norm: str, start: int, end: int) -> int:
    """Skip leading time words, adverbs and light verbs of a measure phrase."""
    while start < end:
        m = _TRIM_LEAD.match(norm, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    cut = None
    for cut in _ADVERB_CUT.finditer(norm, start, end):
        pass
    if cut is not None and end - cut.end() >= 2:
        start = cut.end()
        while start < end:
            m = _TRIM_LEAD.match(norm, start, end)
            if not m or m.end() == start:
                break
            start = m.end()
    start = _keep_tail(norm, start, end)
    if norm[start:start + 1] == "(":  # an aside left over from the previous clause: (居)配备…
        close = norm.find(")", start, end)
        if 0 <= close < end - 1:
            start = close + 1
    while start < end and (norm[start] == " " or (norm[start] == '"' and norm.count('"', start, end) % 2)):
        start += 1
    return start


def _keep_tail(norm: str, start: int, end: int) -> int:
    """In a clause longer than a measure phrase, where its tail starts at a word boundary."""
    if end - start <= _MEASURE_MAX:
        return start
    window = norm[end - _MEASURE_MAX:end]
    cut = max(window.rfind("的"), window.rfind("了"))
    start = end - _MEASURE_MAX + (cut + 1 if cut >= 0 else 0)
    while start < end and not _is_cjk(norm[start]):  # never start inside 12345 or a quote
        start += 1
    return start


def _noun_end(norm: str, pos: int, limit: int) -> int | None:
    """End of the noun phrase a number modifies (80名|机关领导干部|参与…).

    None when no boundary comes within a noun's length: what follows is a
    verb phrase (4次|主持召开党委会专题研究…), not a counted noun.
    """
    end = min(limit, pos + _NOUN_MAX)
    at = pos
    while True:
        stop = _NOUN_STOP.search(norm, at, end)
        if stop is None:
            return end if end == limit else None
        aside = _NOUN_ASIDE.match(norm, stop.start()) if norm[stop.start()] == "(" else None
        if aside is None or stop.start() == pos:
            return stop.start()
        at = aside.end()
        end = min(limit, at + _NOUN_MAX)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_metrics(
    text: str,
    norm: str | None = None,
    roles: Iterable[tuple[int, int, str]] | None = None,
    mentions: list[Mention] | None = None,
) -> list[Metric]:
    """Every stated quantity in ``text`` with its phrase, measure key and subject.

    ``roles`` are (start, end, role) spans of the report's sections; numbers
    inside a ``plans`` section are targets and are skipped. ``mentions`` are
    gazetteer hits used to name the subject of each number.
    """
    if norm is None:
        from fazhi.extract.normalize import normalize_text

        norm = normalize_text(text)
    skip_spans = SpanSet([(a, b) for a, b, role in (roles or ()) if role in _ROLE_SKIP]
                         + _plan_sentences(norm) + _profile_sentences(norm))
    excluded = SpanSet(quoted_spans(text) + _book_title_spans(norm) + _idiom_spans(norm))
    sentences = _Sentences(norm, sorted(mentions or [], key=lambda m: m.start))
    metrics: list[Metric] = []
    last_end = 0
    pos = 0
    while True:
        m = _search_metric(norm, pos)
        if m is None:
            break
        pos = m.end() if m.end() > m.start() else m.start() + 1
        found = _accept(norm, m, excluded, skip_spans)
        if found is None:
            pos = m.start() + 1 if m.group("num")[0] in _CN else pos
            continue
        value, unit, approximate, num_start, unit_end = found
        if unit_end <= last_end:
            continue
        metric = _build(text, norm, value, unit, approximate, num_start, unit_end, last_end)
        sentences.describe(metric, num_start)
        metrics.append(metric)
        last_end = max(unit_end, metric.end)
        pos = last_end
    return _with_double_hundreds(text, norm, metrics, sentences, skip_spans)


# Two rates both at 100% said in one word: 参考率和通过率实现“双百”.
_DOUBLE_HUNDRED = re.compile(r'率(?:均|都)?(?:实现了?|达到了?|达)"?双百"?')


def _with_double_hundreds(text: str, norm: str, metrics: list[Metric], sentences: _Sentences,
                          skip_spans: SpanSet) -> list[Metric]:
    """``metrics`` with a 100% rate for each 率…实现“双百” that no metric covers, in text order."""
    if "双百" not in norm:
        return metrics
    added = []
    for m in _DOUBLE_HUNDRED.finditer(norm):
        rate_end = m.start() + 1
        if rate_end in skip_spans or any(x.start < m.end() and rate_end <= x.end for x in metrics):
            continue
        start = _trim_measure_start(norm, _clause_start(norm, rate_end, max(0, rate_end - 40)), rate_end)
        metric = Metric(text[start:m.end()], start, m.end(), 100, "%", False,
                        phrase=as_written(text, norm, norm[start:rate_end], start))
        sentences.describe(metric, rate_end - 1)
        added.append(metric)
    return sorted(metrics + added, key=lambda x: x.start) if added else metrics


class _Quantity(NamedTuple):
    """A number accepted as a stated quantity: its value, unit and span."""

    value: Decimal
    unit: str
    approximate: bool
    start: int  # where the number starts
    end: int  # where the measure word (or 以上 / 左右 after it) ends


def _accept(norm: str, m: re.Match[str], excluded: SpanSet, skip_spans: SpanSet) -> _Quantity | None:
    """The stated quantity ``m`` is, or None when it is part of a word, a target or rhetoric.

    Each step rejects one kind of number that states nothing: a numeral inside a
    word or an ordinal, a number in a quoted name, a title, an idiom or a plan, a
    target (不少于20场), one without a measure word, and counts that are rhetoric.
    """
    if m.group("unit") is None and m.group("pct") is None and m.group("num")[0] in _CN:
        return None  # most candidates stop here: a Chinese numeral needs its measure word (统一, 进一步)
    start = m.start("num")
    if _inside_a_word(norm, m) or start in excluded or start in skip_spans:
        return None
    found = _read_quantity(norm, m)
    if found is None or _is_target(norm, start):
        return None
    quantity, word_end = found
    if _is_rhetoric(norm, m, quantity, word_end):
        return None
    return quantity


def _inside_a_word(norm: str, m: re.Match[str]) -> bool:
    """A numeral inside a longer one or a word (统一, 之一), an ordinal (第三, 十届十五次), a code (A3, 1.2.3)."""
    num_s, start = m.group("num"), m.start("num")
    prev = norm[start - 1] if start else ""
    if num_s[0] in _CN and (prev in _CN or (num_s[0] == "一" and prev and prev in _WORD_BEFORE_ONE)):
        return True
    return prev in ("第", "届") or prev.isdigit() or prev == "." or (prev.isascii() and prev.isalpha())


def _is_target(norm: str, start: int) -> bool:
    """A target, not a result: 不少于20场, 力争达到95%."""
    return bool(_TARGET_BEFORE.search(norm, max(0, start - 6), start) or _TARGET_CLAUSE.search(
        norm, _clause_start(norm, start, max(0, start - 30)), start))


def _read_quantity(norm: str, m: re.Match[str]) -> tuple[_Quantity, int] | None:
    """Value, unit and approximation of ``m``, and where its measure word ends; None without a measure word."""
    num_s, start = m.group("num"), m.start("num")
    is_cn = num_s[0] in _CN
    prev = norm[start - 1] if start else ""
    parsed = parse_number(num_s)
    if parsed is None or (m.group("num2") and parse_number(m.group("num2")) is None):
        return None
    value, approximate = parsed
    measure = _measure_word(norm, m, value)
    if measure is None:
        return None
    marked = bool(m.group("approx") or m.group("approx2"))
    # a range (3-5场), 600余, 以上, 数十场
    approximate = approximate or bool(m.group("num2") or marked or m.group("post") or (is_cn and prev in "数几"))
    if is_cn and m.group("pct") is None and num_s in ("百", "千", "万", "亿") and not marked and prev not in "近上逾超约":
        return None  # 千家万户, 百名: a bare magnitude is rhetoric unless 余/多 follows
    unit, word_end = measure
    after = norm[word_end:word_end + 1]
    if len(unit) == 1 and after and after in _WORD_AFTER.get(unit, ""):
        return None  # 部署, 处理, 期间: the first half of a word
    mult = m.group("mult")
    if mult and unit in _MONEY:
        unit = mult + unit
    elif mult and unit != "%":
        value *= {"万": 10_000, "亿": 100_000_000, "千": 1000}[mult]
    end = m.end("post") if m.group("post") else word_end
    return _Quantity(value, unit, approximate, start, end), word_end


def _measure_word(norm: str, m: re.Match[str], value: Decimal) -> tuple[str, int] | None:
    """(unit, end of the measure word) of ``m``; a rate or a cut-off count may leave the unit out."""
    unit = m.group("unit")
    if m.group("pct") is not None:  # 百分之九十五
        return None if unit == "%" else ("%", m.end("num"))
    if unit is not None:
        return unit, m.end("unit")
    if m.group("num")[0] in _CN:
        return None
    start, end = m.start("num"), m.end("num")
    nxt = norm[end:end + 1]
    if (not m.group("mult") and _RATE_BEFORE.search(norm, max(0, start - 8), start)
            and value <= 100 and not nxt.isdigit() and nxt != "."):
        return "%", end  # a rate with its % left out: 胜诉率达到66.6
    if _unit_left_out(norm, m, value):  # the span ends at the number or its 余 / 多, never on a space
        return "", max(m.end(g) for g in ("num", "approx", "mult", "approx2") if m.group(g))
    return None


def _unit_left_out(norm: str, m: re.Match[str], value: Decimal) -> bool:
    """A count whose measure word is left out: 评查案卷370余, or cut off where an excerpt ends (累计培训1800).

    The counted thing must precede the number; a year, a date, a hotline or a
    code cut off at the end (于2023, 12月3, 热线12345) is no count.
    """
    start = m.start("num")
    prev = norm[start - 1] if start else ""
    if not _is_cjk(prev) or prev in _CN or prev in "年月日号时点至到和与及或页表图" or norm.endswith("附件", 0, start):
        return False
    if m.group("approx") or m.group("approx2"):
        return _UNIT_GAP.match(norm, m.end()) is not None
    if norm[m.end():].strip() or m.group("num2") or m.group("mult"):
        return False
    digits = len(m.group("num").replace(",", "").split(".")[0])
    return digits < 4 or (digits == 4 and not 1900 <= value < 2100)


def _is_rhetoric(norm: str, m: re.Match[str], q: _Quantity, word_end: int) -> bool:
    """A numeral and measure word that state no quantity: 一个重要内容, 三位一体, 三个方面, 每季度一次."""
    num_s = m.group("num")
    is_cn = num_s[0] in _CN
    after = norm[word_end:word_end + 1]
    # 一 before a noun is an article (一个重要内容, 一支队伍), and 一X一Y is a slogan
    if num_s == "一" and not m.group("num2") and (
            after == "一" or (_is_cjk(after) and not _NOT_NOUN_AFTER.match(norm, q.end))):
        return True
    if is_cn and after in _CN_DIGITS:
        return True  # 三位一体, 一户一策
    if is_cn and q.unit not in ("个", "名", "位", "人") and _PLACE_END.match(norm, q.end):
        return True  # 五家渠市, 七台河
    if is_cn and q.unit in _COUNT_WORDS and any(norm.startswith(word, q.end) for word in _ABSTRACT_AFTER):
        return True  # 三个方面, 两个全覆盖 (in digits, 7个方面 is a count of a plan's parts)
    return _restates_a_list(norm, q) or _once_per_period(norm, q)


def _restates_a_list(norm: str, q: _Quantity) -> bool:
    """A count of abstract parts that sums up the list just before it: 立法、执法、司法、守法四个法治环节.

    The number says how many items were named, not how much was done. Named
    things counted so (李家庄村、常胜西村、八分地村3个示范村) stay a count.
    """
    lo = max(0, q.start - 120)
    if q.unit not in _COUNT_WORDS or norm.find("、", lo, q.start) < 0 or not _ABSTRACT_NEAR.search(
            norm, q.end, q.end + 4):
        return False
    stop = None
    for stop in _LIST_SCOPE.finditer(norm, lo, q.start):
        pass
    seg = norm[stop.end() if stop else lo:q.start]
    commas = seg.count("、")
    if not commas:
        return False
    joined = re.search("[和及与]", seg[seg.rfind("、") + 1:]) is not None  # 司法和守法四个
    return q.value == commas + 1 or (joined and q.value == commas + 2)


def _once_per_period(norm: str, q: _Quantity) -> bool:
    """每季度进行一次, 每月1次: how often something is done, not how many times it was."""
    if q.unit != "次" or q.value != 1:
        return False
    return "每" in norm[_clause_start(norm, q.start, max(0, q.start - 20)):q.start]


def _build(text: str, norm: str, value: Decimal, unit: str, approximate: bool,
           num_start: int, unit_end: int, floor: int) -> Metric:
    """Place the span: measure phrase + number + unit, or number + unit + counted noun."""
    start = num_start
    pre = _PRE_APPROX.search(norm, max(0, num_start - 2), num_start)
    if pre:
        approximate = True
    after = norm[unit_end:unit_end + 1]
    noun_follows = _is_cjk(after) and not _NOT_NOUN_AFTER.match(norm, unit_end) and unit not in ("元", "万元", "亿元", "千元")
    clause = _clause_start(norm, num_start, floor)
    # "报备率、及时率、合法合规率均达100%": a distributive predicate takes the whole list
    if clause > floor and norm[clause - 1] == "、" and re.match(r"(?:均|都|分别)", norm[clause:num_start]) is None:
        seg = norm[clause:num_start]
        if re.search(r"(?:均|都|分别)(?:达到了|达到|达|为)?$", seg):
            while clause > floor and norm[clause - 1] == "、":
                clause = _clause_start(norm, clause - 1, floor)
    noun_end = _noun_end(norm, unit_end, len(norm)) if noun_follows else None
    if noun_end is not None:
        end = noun_end
        measure = norm[unit_end:end].strip() or None
        start = _lead_start(norm, clause, num_start)
        return Metric(text[start:end], start, end, plain_value(value), unit, approximate, phrase=measure)
    mstart = _trim_measure_start(norm, clause, num_start)
    measure_text = norm[mstart:num_start]
    link = _TRAIL_LINK.search(measure_text)
    measure = measure_text[: link.start()] if link else measure_text
    measure = measure.strip(" ")
    if measure.count('"') % 2:  # keep a quoted name whole, drop only a stray quote mark
        measure = measure[1:] if measure.startswith('"') else measure.rstrip('"')
    measure = measure or None
    start = mstart if measure_text.strip() else (pre.start() if pre else num_start)
    return Metric(text[start:unit_end], start, unit_end, plain_value(value), unit, approximate,
                  phrase=as_written(text, norm, measure, mstart))


def _lead_start(norm: str, clause: int, num_start: int) -> int:
    """Where the words before a number that modifies a noun start: the clause's verb and scope stay
    in the span (组织|20余场|青少年模拟法庭, 全县|80所|中小学), a quoted name is never cut."""
    start = _keep_tail(norm, clause, num_start)
    while start < num_start and (norm[start] == " " or (norm[start] == '"' and norm.count('"', start, num_start) % 2)):
        start += 1
    return start


class _Sentences:
    """The clause analysis of the sentence last asked for: metrics come in text order."""

    def __init__(self, norm: str, mentions: list[Mention]) -> None:
        self.norm = norm
        self.mentions = [(m.start, m.type, m.kind, m.text) for m in mentions if m.type in ("mechanism", "campaign")]
        self.starts = [m[0] for m in self.mentions]
        self.stops = sentence_stops(norm)
        self.bounds = (-1, -1)
        self.clauses: list[Clause] = []

    def describe(self, metric: Metric, num_start: int) -> None:
        """Set ``metric.measure`` and its subject from the clause that holds its number."""
        if not (self.bounds[0] <= num_start < self.bounds[1]):
            self.bounds = sentence_bounds(self.stops, num_start, len(self.norm))
            self.clauses = clauses(self.norm, *self.bounds)
        clause = next((c for c in self.clauses if c.start <= num_start <= c.end), self.clauses[-1])
        phrase = None  # the counted thing in the normalised text (调解員 → 调解员)
        if metric.phrase:
            at = metric.start + max(0, metric.text.find(metric.phrase))
            phrase = self.norm[at:at + len(metric.phrase)]
        metric.measure, continued = measure_key(self.norm, clause, num_start, metric.end, metric.unit, phrase)
        lo = bisect.bisect_left(self.starts, self.bounds[0])
        hi = bisect.bisect_left(self.starts, metric.end)
        subject = subject_of(clause, self.mentions[lo:hi], metric.end, continued)
        if subject is not None:
            metric.subject, metric.subject_type, metric.subject_kind = subject
