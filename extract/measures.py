"""What a stated number counts: its measure key (GOLD.md "Measure keys"), from the clause's structure.

A report writes its figures as short clauses chained in one sentence:
受理“12345”平台反馈问题38件，已办结34件，4件正在推进. Readers compare a few
kinds of figure across units (hotline cases received and closed, disputes
mediated, trainings held …); the keys are the concepts of
``ontology/vocab/measures.ttl``. A key is decided from three things the clause
itself says, never from the number alone:

1. **the topic**: the line of work the clause names (the 12345 hotline,
   disputes, legal publicity, officials' study and training …). Chinese heads
   come last, so the signal nearest the number wins (行政执法人员专题培训4次 is
   training, not enforcement). A clause that names nothing of its own
   (已办结34件, 254人次, 调解成功85起) continues the topic of the previous clause
   of the same sentence; a clause that counts something else (召开例会4次,
   应急演练2场次) breaks the chain;
2. **the verb or rate word**: 受理 vs 办结, 调解成功 vs 排查, 调解成功率 vs 覆盖率;
3. **the unit of measure**: 场次 counts events, 人次 people, 份 materials, % a rate.

When these do not settle it the key is None: a wrong key puts a wrong figure
in front of a reader, a missing one only leaves a gap.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from fazhi.extract.scan import longest_word_regex

# ---------------------------------------------------------------- topics

# Signals of each line of work, matched on the normalised text. At a position
# the longest word wins (备案审查 is filing, not a legality review; 学法用法示范户
# is a demonstration household, not study), and matches do not overlap.
_TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "demo": ("民主法治示范", "民主法治示范村", "民主法治示范社区", "法治示范村", "法治示范户", "法治示范社区",
             "示范村", "示范户", "守法示范户", "学法用法示范户"),
    "literate": ("法律明白人", "法治带头人", "明白人"),
    "hotline": ("12345", "热线", "接诉即办", "市长信箱", "书记信箱", "政务服务便民", "工单"),
    "legal_aid": ("法律援助", "法援"),
    "consultation": ("咨询",),
    "litigation": ("行政复议", "复议", "行政诉讼", "诉讼", "出庭应诉", "应诉", "出庭", "胜诉", "败诉", "行政案件"),
    "filing": ("规范性文件", "备案审查", "报备", "备案", "文件清理"),
    "review": ("合法性审查", "合法性审核", "法制审核", "法制审查", "合同审查", "合同审核", "审核", "审查"),
    "adviser": ("法律顾问", "公职律师", "律师"),
    "dispute": ("矛盾纠纷", "矛盾", "纠纷", "人民调解", "调解", "调处", "化解"),
    "training": ("学法", "考法", "学习", "培训", "轮训", "研讨", "考试", "测试", "参考", "参训", "中心组",
                 "法治课", "以案述法", "授课", "讲堂", "学员"),
    "lecture": ("讲座", "观看"),  # officials' training or public publicity: decided by the audience
    "publicity": ("普法", "宣传", "宣讲", "宣教", "释法", "送法", "法治进", "法律进", "进校园", "进学校", "进连队", "进乡村", "进社区", "进企业",
                  "进家庭", "进农村", "模拟法庭", "横幅", "挂图", "展板", "条幅", "宣传单", "资料", "手册", "标语", "受教育",
                  "教育群众", "反诈", "法治文艺"),
    "enforcement": ("行政执法", "执法", "行政处罚", "处罚", "行政检查", "双随机", "罚没", "罚款"),
}
# Words that hold a signal but name none (中小学法治副校长 holds 学法): matched to be skipped.
_FALSE_FRIENDS = ("学法治", "法治副校长", "大学生")
_TOPIC_OF = {word: topic for topic, words in _TOPIC_WORDS.items() for word in words} | dict.fromkeys(_FALSE_FRIENDS, "")
# one trie-shaped regex: the alternatives at each character start differently, so
# the engine never backtracks through a hundred words
_TOPIC = longest_word_regex(_TOPIC_OF)

# Clauses that count something of their own that is none of the topics: they
# never continue the previous clause's topic (召开例会4次 after a training
# clause), and when such a word comes after the topic's signal it is what the
# clause counts (学习中心组学习会议17次 counts meetings, not study sessions).
_BLOCKER = longest_word_regex((
    "会议", "常委会", "党委会", "党组会", "办公会", "例会", "部署会", "推进会", "座谈会", "联席会", "督查", "督察",
    "督办", "调研", "汇报", "通报", "整改", "问题", "事项", "任务", "举措", "议案", "建议", "提案", "心得", "体会",
    "信息公开", "许可", "表彰", "慰问", "帮扶", "走访", "演练",
))
# Counted nouns that are places or bodies, not the topic's cases (18个村, 583个单位).
_PLACE_COUNTED = re.compile(r"(?:村|社区|单位|部门|学校|篇)$")
# What a hotline receives: these nouns are its cases, not a change of subject.
_HOTLINE_CASES = re.compile(r"问题|事项|诉求|工单|建议")
# A clause about who took part continues the topic however long its subject (全县各级领导干部累计参加人数达…).
_PARTICIPANTS = re.compile(r"人数|人员|参加|参与|参训|覆盖|受众|受教育")

# An audience of officials makes a lecture a training, not public publicity.
_OFFICIALS = re.compile(r"干部|领导|机关|执法人员|工作人员|党员|公务员|班子|职工|中心组|党委|党组|党工委")

# The counted noun is an institution or a role (调解中心1个, 调解员133名): the
# figure counts a mechanism's outlets or staff, readers compare it as `other`.
_INSTITUTION_HEAD = re.compile(
    r"(?:中心|工作站|服务站|服务点|工作室|调解室|联系点|说事点|观察点|委员会|调委会|广场|公园|长廊|"
    r"宣传栏|阵地|基地|文化路|驿站|书屋|调解组织|调解员|网格员|信息员)$"
)

# ---------------------------------------------------------------- units and verbs

EVENTS = frozenset({"次", "场", "场次", "期", "轮", "课时", "学时", "批次", "期次", "堂", "节"})
PEOPLE = frozenset({"人", "人次", "名", "位", "户", "户次", "家次"})
MATERIALS = frozenset({"份", "册", "本", "张", "条", "幅", "块", "套", "篇", "期"})
CASES = frozenset({"件", "起", "宗", "例", "个", "条", "单", "项", "件次"})
PERCENT = frozenset({"%", "‰"})
MONEY = frozenset({"元", "万元", "亿元", "千元"})

_CLOSED = re.compile(r"办结|办理完毕|办毕|已办|结案|已解决|解决|回复|答复|完成")
_RECEIVED = re.compile(r"受理|接到|接听|接收|收到|转办|交办|派发|派单|承办|签收|反馈|处理|办理|诉求|工单|来电|问题")
_RESOLVED = re.compile(r"成功|已化解|化解率|化解成功")
_HANDLED = re.compile(r"排查|摸排|受理|调处|接待|参与调解|调解|登记")
_REACH_EVENTS = re.compile(r"出刊|刊发|刊出|播放|推送|发布|转发")
_CERTIFICATE = re.compile(r"证|持证|资格")
# A civil or criminal case alone (民事案件7宗), not as part of a list (行政、民事诉讼案件).
_COURT_NOT_ADMIN = re.compile(r"(?<!、)(?:民事|刑事)")

_RATE_WORDS: dict[str, re.Pattern[str]] = {
    "hotline": re.compile(r"(?:办结|回复|答复|满意|回访|签收|响应|办理|解决|按时|及时)\S{0,3}率|满意度"),
    "dispute": re.compile(r"(?:调解|调处|化解|成功)\S{0,2}率"),
    "training": re.compile(r"(?:参考|通过|合格|及格|参学|参训|参与|考试|学法|完成|优秀)\S{0,2}率|双百"),
    "filing": re.compile(r"(?:报备|备案|及时|合法|合规|审查|清理|纠错)\S{0,3}率"),
    "review": re.compile(r"(?:审核|审查|通过|合法|覆盖)\S{0,2}率"),
    "litigation": re.compile(r"(?:应诉|出庭|胜诉|败诉|纠错|复议|诉讼|维持)\S{0,2}率"),
    "adviser": re.compile(r"率"),
    "enforcement": re.compile(r"(?:合规|规范|公示|记录|审核|执法|正确|结案)\S{0,2}率"),
}
_CERTIFIED = re.compile(r"(?:持证|上岗|资格)\S{0,3}率")
_COVERAGE_RATE = re.compile(r"(?:覆盖|运行|建成|设立|建立|配备)\S{0,2}率|全覆盖")


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence, its own topic and the topic it continues."""

    start: int
    end: int
    topic: str | None  # signalled in the clause itself
    carried: str | None  # the topic in force when the clause names none
    carried_from: int  # start of the clause that named the carried topic (-1 if none)
    signals: tuple[tuple[str, int, int], ...] = ()  # (topic, start, end) of each signal in the clause


_CLAUSE_SPLIT = re.compile(r"[,、:]")
_SENTENCE_SPLIT = re.compile(r"[。;!?\n]")


def _topics(norm: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(topic, start, end) of every signal in ``norm[start:end]``, lectures resolved by audience."""
    found = []
    for m in _TOPIC.finditer(norm, start, end):
        name = _TOPIC_OF[m.group()]
        if not name:
            continue
        if name == "lecture":
            name = "training" if _OFFICIALS.search(norm, max(0, start - 40), end) else "publicity"
        elif name == "filing" and _REVIEWED.search(norm, max(start, m.start() - 8), m.start()):
            name = "review"  # 审核合同及规范性文件: documents reviewed for legality, not filed
        found.append((name, m.start(), m.end()))
    return found


_REVIEWED = re.compile(r"(?:审核|审查)[^,、;。]*$")


def sentence_stops(norm: str) -> list[int]:
    """Offsets of every sentence end (。;!? or a line break) in ``norm``, found once per report."""
    return [m.start() for m in _SENTENCE_SPLIT.finditer(norm)]


def sentence_bounds(stops: list[int], pos: int, length: int) -> tuple[int, int]:
    """(start, end) of the sentence holding ``pos``, from the report's ``sentence_stops``."""
    i = bisect.bisect_left(stops, pos)
    return (stops[i - 1] + 1 if i else 0), (stops[i] if i < len(stops) else length)


def clauses(norm: str, start: int, end: int) -> list[Clause]:
    """The clauses of one sentence, each with its own topic and the one it continues.

    The sentence is scanned once per pattern (topics, blockers, digits) and the
    hits are dealt to the clauses: this runs for every sentence with a number.
    """
    signals = _topics(norm, start, end)
    blockers = [m.start() for m in _BLOCKER.finditer(norm, start, end)]
    out: list[Clause] = []
    carried: str | None = None
    carried_from = -1
    at = start
    si = bi = 0
    bounds = [m.start() for m in _CLAUSE_SPLIT.finditer(norm, start, end)] + [end]
    for stop in bounds:
        own_signals = []
        while si < len(signals) and signals[si][1] < stop:
            if signals[si][1] >= at:
                own_signals.append(signals[si])
            si += 1
        while bi < len(blockers) and blockers[bi] < at:
            bi += 1
        blocked = bi < len(blockers) and blockers[bi] < stop
        own = own_signals[-1] if own_signals else None
        out.append(Clause(at, stop, own[0] if own else None, carried, carried_from, tuple(own_signals)))
        if own:
            carried, carried_from = own[0], at
        elif blocked:
            carried = None
        elif carried is not None:  # a figure of something unnamed (查处…案件2起) ends the chain too
            digit = _DIGIT.search(norm, at, stop)
            if digit is not None and not _continues(norm[at:digit.start()], digit.start() - at, ""):
                carried = None
        at = stop + 1
    return out


_DIGIT = re.compile(r"\d")


# ---------------------------------------------------------------- the decision

def _rate_key(topic: str, head: str) -> str | None:
    """The key of a percentage in a clause of ``topic``, from its rate word."""
    if "率" not in head and "双百" not in head:
        return None
    if topic in ("enforcement", "training") and _CERTIFIED.search(head):
        return "other"  # 持证率, 持证上岗率, 执法资格通过率: enforcement staff certified
    if topic in _RATE_WORDS and _RATE_WORDS[topic].search(head):
        return {"hotline": "hotline_rate", "dispute": "mediation_rate", "training": "training_participants",
                "filing": "document_filing", "review": "legality_reviews",
                "litigation": "reconsideration_litigation", "adviser": "legal_advisers",
                "enforcement": "enforcement_cases"}[topic]
    if _COVERAGE_RATE.search(head) and topic in ("dispute", "consultation", "legal_aid", "hotline"):
        return "other"  # the coverage of a mechanism's outlets
    return None


def _count_key(topic: str, head: str, unit: str, own: bool) -> str | None:
    """The key of a count in a clause of ``topic``; ``own`` when the clause names the topic itself."""
    if topic == "hotline":
        if unit not in CASES | {"次", "人次"}:
            return None
        if _CLOSED.search(head):
            return "hotline_closed"
        return "hotline_received" if (_RECEIVED.search(head) or own) else None
    if topic == "dispute":
        if unit not in {"件", "起", "宗", "例", "个", "件次"}:
            return None
        if _RESOLVED.search(head):
            return "disputes_resolved"
        if _HANDLED.search(head):
            return "disputes_handled"
        if re.search(r"化解|解决", head):
            return "disputes_resolved"  # 化解矛盾纠纷80件
        return "disputes_handled" if re.search(r"矛盾|纠纷", head) else None
    if topic == "consultation":
        return "consultations" if unit in PEOPLE | CASES | {"次", "批次"} else None
    if topic == "legal_aid":
        return "legal_aid" if unit in PEOPLE | CASES else None
    if topic == "publicity":
        if unit in EVENTS and not _REACH_EVENTS.search(head) and unit != "期":
            return "publicity_events"
        if unit in PEOPLE | MATERIALS:
            return "publicity_reach" if unit != "期" or _REACH_EVENTS.search(head) else "publicity_events"
        return None
    if topic == "training":
        if unit in EVENTS or unit == "班次":
            return "trainings"
        return "training_participants" if unit in PEOPLE else None
    if topic == "adviser":
        if unit in {"个", "所"} and "覆盖" in head:
            return "legal_advisers"  # 1个社区法律顾问工作全面覆盖: the villages the advisers cover
        return "legal_advisers" if unit in PEOPLE | {"家"} else None
    if topic == "review":
        return "legality_reviews" if unit in CASES | {"份", "次"} else None
    if topic == "filing":
        return "document_filing" if unit in {"件", "份", "个", "项", "条", "篇"} else None
    if topic == "enforcement":
        if unit in MONEY:
            return "other"  # 罚没金额
        if unit in PEOPLE:
            return "other" if _CERTIFICATE.search(head) else None
        return "enforcement_cases" if unit in CASES | {"次", "家", "户", "场次", "家次"} else None
    if topic == "litigation":
        return "reconsideration_litigation" if unit in CASES | {"次"} else None
    if topic == "literate":
        return "legal_literates" if unit in PEOPLE else None
    if topic == "demo":
        return "other" if unit in {"个", "户", "家", "所"} else None
    return None


def measure_key(norm: str, clause: Clause, num_start: int, span_end: int, unit: str,
                phrase: str | None) -> tuple[str | None, bool]:
    """(key, continued) of the number at ``num_start`` (its span ends at ``span_end``) in ``clause``.

    ``phrase`` is the counted thing the number extractor found (法律咨询, 机关领导干部);
    ``continued`` is true when the clause names no topic and continues the
    previous clause's (已办结34件).
    """
    key, continued = _decide(norm, clause, num_start, span_end, unit or _implied_unit(phrase), phrase)
    return key, continued and key is not None


_EVENT_NOUN = re.compile(r"(?:活动|讲座|宣讲|培训班|课|会议?)$")
_CASE_NOUN = re.compile(r"(?:案件|案卷|纠纷|诉求|工单|问题|事项|合同|文件)$")


def _implied_unit(phrase: str | None) -> str:
    """The unit a count leaves out (普法活动128, 累计培训1800余), from what precedes it.

    A noun of events counts events, a noun of cases counts cases; after a verb
    (培训, 接待, 服务) the number counts the people it was done for.
    """
    if not phrase:
        return ""
    if _EVENT_NOUN.search(phrase):
        return "场次"
    return "件" if _CASE_NOUN.search(phrase) else "人次"


def _decide(norm: str, clause: Clause, num_start: int, span_end: int, unit: str,
            phrase: str | None) -> tuple[str | None, bool]:
    head_end = max(span_end, num_start)
    head = norm[clause.start:head_end]
    if (unit in {"个", "处", "所", "家", "条", "座", "间", "名", "人", "位"} and phrase
            and _INSTITUTION_HEAD.search(phrase.rstrip("共计达有为")) and not re.search(r"法律顾问|律师", phrase)):
        return "other", False
    if phrase and unit not in PERCENT and _PLACE_COUNTED.search(phrase) and not _TOPIC.search(phrase):
        return None, False
    signals = [sig for sig in clause.signals if sig[2] <= head_end]
    own = bool(signals)
    continued = False
    if signals:
        topic = signals[-1][0]
        after = _BLOCKER.search(norm, signals[-1][2], num_start)
        if after and not (topic == "hotline" and _HOTLINE_CASES.fullmatch(after.group())):
            return None, False  # the clause counts meetings, inspections, problems … of that line of work
    else:
        # only people counted before their verb take the verb's topic (80名干部参加学法考试),
        # and villages named demonstration villages after the count (4个村…命名为民主法治示范村)
        tail = [sig for sig in clause.signals if sig[1] >= head_end
                and (unit in PEOPLE or sig[0] == "demo")]
        topic = tail[-1][0] if tail else None
        own = topic is not None
        if topic is None and _continues(head, num_start - clause.start, unit):
            topic, continued = clause.carried, True
        if tail and unit in PEOPLE:  # 21名工作人员取得行政执法证: the tail says what the people did
            head = norm[clause.start:clause.end]
    if topic is None:
        return None, False
    if topic == "litigation" and _COURT_NOT_ADMIN.search(norm, clause.start, head_end) and "行政" not in head:
        return None, False  # 民事案件7宗: a civil or criminal case is no administrative litigation
    if unit in PERCENT:
        return _rate_key(topic, head), continued
    return _count_key(topic, head, unit, own), continued


_LEAD = re.compile(r"^(?:其中|另有|另|共|累计|共计|全年|已|均|并|且|同时|实现|开展|全镇|全乡|全县|全区|全街道?)+")


def _continues(head: str, num_offset: int, unit: str) -> bool:
    """Whether a clause without a topic of its own continues the previous one.

    It does when it is elliptic: the number comes first (254人次) or after a
    short verb or noun (已办结, 调解成功, 参训人员, 受教育群众); a long head names
    a new thing (实战化应急演练2场次) and so does a blocker word.
    """
    if _BLOCKER.search(head):
        return False
    before = _LEAD.sub("", head[:num_offset])
    return (len(before) <= 6 or (unit in PERCENT and len(before) <= 10)
            or (unit in PEOPLE and _PARTICIPANTS.search(before) is not None))


def subject_of(clause: Clause, mentions_in_sentence: list[tuple[int, str, str, str]], num_end: int,
               continued: bool) -> tuple[str, str, str] | None:
    """(text, type, kind) of the mechanism or campaign the figure counts.

    The nearest mention before the number in its own clause; when the clause
    continues the previous clause's topic, the nearest one from the clause
    that named that topic on. ``mentions_in_sentence`` are (start, type, kind,
    text), sorted by start.
    """
    floor = clause.carried_from if continued and clause.carried_from >= 0 else clause.start
    best = None
    for start, mtype, kind, text in mentions_in_sentence:
        if start >= num_end:
            break
        if start >= floor:
            best = (text, mtype, kind)
    return best


__all__ = ["Clause", "clauses", "measure_key", "sentence_bounds", "sentence_stops", "subject_of"]
