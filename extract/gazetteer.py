"""Gazetteer mentions: mechanisms, campaigns, sub-units, cited laws and honours.

Mechanism and campaign wordings come from the SKOS vocabularies (altLabels
and ``fz:pattern`` regexes). Every wording is matched on the normalised
text, so quote styles, middle dots, full-width forms and traditional
characters do not matter, and offsets point into the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from fazhi.extract.metadata import page_chrome, salutation_line
from fazhi.extract.named import NamedSpan, named_spans, place_spans
from fazhi.extract.normalize import normalize_text
from fazhi.extract.records import Mention
from fazhi.extract.scan import AnchoredPattern, LiteralFinder, TextIndex
from fazhi.extract.sections import RoleIndex, Section
from fazhi.ontology.concepts import concepts

_CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Rule:
    """One compiled wording of one concept."""

    type: str  # mechanism | campaign
    kind: str
    pattern: AnchoredPattern


def _literal_rule(label: str) -> str:
    return re.escape(normalize_text(label)).replace('"', '"?')


@lru_cache(maxsize=1)
def vocabulary_rules() -> tuple[Rule, ...]:
    """The compiled gazetteer: one regex per concept (labels and patterns as alternatives)."""
    rules: list[Rule] = []
    for scheme in ("mechanism", "campaign"):
        for c in concepts(scheme):
            labels = [] if c.key == "other" else [c.pref_zh]
            labels += list(c.alt_zh)
            literals = sorted({_literal_rule(lab) for lab in labels}, key=len, reverse=True)
            if literals:  # one alternation per concept, longest wording first
                rules.append(Rule(scheme, c.key, AnchoredPattern.compile("|".join(literals))))
            for pattern in c.patterns:
                try:
                    rules.append(Rule(scheme, c.key, AnchoredPattern.compile(pattern)))
                except re.error as exc:
                    raise ValueError(f"vocab/{scheme}: bad fz:pattern {pattern!r} of {c.key}: {exc}") from exc
    return tuple(rules)


@lru_cache(maxsize=1)
def anchor_finder() -> LiteralFinder:
    """Finds the anchors of all vocabulary rules in one pass per report."""
    return LiteralFinder(a for rule in vocabulary_rules() for req in rule.pattern.requirements for a in req)


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    """Drop quote marks and spaces hanging at either end of a match, keeping quotations whole.

    A span holds both marks of a quotation or neither: 12345”平台 becomes “12345”平台.
    """
    while start < end and norm[start] in '" ':
        start += 1
    while end > start and norm[end - 1] in '" ':
        end -= 1
    if norm.count('"', start, end) % 2:
        if start and norm[start - 1] == '"':
            start -= 1
        elif norm.startswith('"', end):
            end += 1
        else:  # the quotation's other mark is out of reach: keep the longer side of the lone mark
            q = norm.index('"', start, end)
            start, end = (start, q) if q - start >= end - q - 1 else (q + 1, end)
    return start, end


def _select(cands: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Resolve overlapping matches.

    A named kind beats ``other`` wherever they overlap; otherwise the longest
    match wins, and a shorter match survives only when it lies inside a kept
    one and names a different kind (法律援助 inside 法律援助专线 is also legal aid).
    """
    if not cands:
        return []
    reach = max(e - s for s, e, _, _ in cands)  # no match is longer: bounds every overlap search
    named = sorted(c for c in cands if c[3] != "other")
    named_starts = [c[0] for c in named]

    def hits_named(s: int, e: int) -> bool:
        i = bisect_left(named_starts, s - reach)
        while i < len(named) and named[i][0] < e:
            if named[i][1] > s:
                return True
            i += 1
        return False

    pool = named + [c for c in cands if c[3] == "other" and not hits_named(c[0], c[1])]
    kept_starts: list[int] = []
    kept: list[tuple[int, int, str, str]] = []
    for cand in sorted(pool, key=lambda c: (-(c[1] - c[0]), c[0], c[2] != "mechanism")):
        s, e, typ, kind = cand
        i = bisect_left(kept_starts, s - reach)
        clash = False
        while i < len(kept) and kept[i][0] < e:
            ks, ke, kt, kk = kept[i]
            if ke > s:
                inside = ks <= s and e <= ke
                if not inside or (kt, kk) == (typ, kind) or kind == "other" or kk == "other":
                    clash = True
                    break
            i += 1
        if not clash:
            j = bisect_left(kept_starts, s)
            kept_starts.insert(j, s)
            kept.insert(j, cand)
    return sorted(set(kept))


def _with_named(kept: list[tuple[int, int, str, str]], named: list[NamedSpan]) -> list[tuple[int, int, str, str]]:
    """Add branded local names (“湾事芜优”诉源治理工作站) to the vocabulary matches.

    The vocabulary types a name where it can: a name whose brand it already
    matched (“说法评理”平台) is left to it, and a name whose head it matched
    (“一站式”矛调中心) takes that kind over the whole name. Otherwise the name
    is ``other`` and the vocabulary's matches inside it stay (a named
    mechanism of a known kind inside a local brand); its ``other`` ones go.
    Quoted names come first, so an unquoted one inside them adds nothing.
    """
    out = list(kept)
    for n in named:
        if any(s < n.brand_end and e > n.start and k != "other" for s, e, _, k in out):
            continue  # the vocabulary matched the brand itself
        if any(s < n.start < e or s < n.end < e or (s <= n.start and n.end <= e) for s, e, _, _ in out):
            continue  # a match crosses the name or holds it already
        head = [c for c in out if c[1] == n.end and c[0] >= n.brand_end and c[3] != "other"]
        typ, kind = (head[0][2], head[0][3]) if head else (n.type, "other")
        out = [c for c in out if not (n.start <= c[0] and c[1] <= n.end and (c in head or c[3] == "other"))]
        out.append((n.start, n.end, typ, kind))
    return sorted(set(out))


def vocabulary_mentions(text: str, norm: str, roles: RoleIndex) -> list[Mention]:
    """Mechanism and campaign mentions: the vocabulary rules' matches and the local names (fazhi.extract.named)."""
    cands: list[tuple[int, int, str, str]] = []
    index = TextIndex(norm, anchor_finder())
    # a mechanism named inside a law's title (《人民调解法》, 《行政复议法实施条例》) is the law, not a mechanism
    # the unit runs; rules and measures (《…第一责任人职责规定》, 《…合同法律审查工作实施办法》) set one up
    law_titles = ([(m.start(), m.end()) for m in _BOOK.finditer(norm) if law_kind(m.group(1)) in _STATUTES]
                  if "《" in norm else [])
    for rule in vocabulary_rules():
        for ms, me in rule.pattern.finditer(norm, index):
            s, e = _trim(norm, ms, me)
            if e - s < 2:
                continue
            if rule.type == "mechanism" and any(ls < s and e < le for ls, le in law_titles):
                continue
            cands.append((s, e, rule.type, rule.kind))
    kept = _with_named(_select(cands), named_spans(text, norm) + place_spans(norm))
    return [Mention(t, k, text[s:e], s, e, roles.role(s)) for s, e, t, k in kept]


# ------------------------------------------------------------------ laws

_BOOK = re.compile(r"《([^《》\n]{1,60})》")
_LAW_KINDS = (
    ("constitution", re.compile(r"宪法$")),
    ("code", re.compile(r"法典$")),
    ("rule", re.compile(r"(?:规定|办法|规则|细则|实施细则|解释)(?:\((?:试行|暂行)\))?$")),
    ("regulation", re.compile(r"条例(?:\((?:试行|暂行)\))?$")),
    ("law", re.compile(r"法(?:\((?:试行|修正|修订)\))?$")),
)
_SENTENCE = re.compile(r"[^。!?\n]+")
_PUBLICITY = ("宣传", "普法", "宣讲", "进乡村", "进社区", "进校园", "知识竞赛", "主题活动", "学习", "研讨")
_CAMPAIGN_LAW = {"constitution": "constitution", "code": "civil_code"}
_STATUTES = ("law", "regulation", "code", "constitution")


def law_kind(title: str) -> str | None:
    """law | regulation | rule | code | constitution for a 《…》 title; None for plans and documents."""
    title = normalize_text(title).strip()
    for kind, pattern in _LAW_KINDS:
        if pattern.search(title):
            if kind == "code" and "民法典" not in title:
                return "law"
            return kind
    return None


def law_mentions(text: str, norm: str, roles: RoleIndex) -> list[Mention]:
    """Cited laws and regulations; 《宪法》/《民法典》 publicised or studied (not trained on) also count as that campaign."""
    out: list[Mention] = []
    for sent in _SENTENCE.finditer(norm):
        sentence = sent.group()
        if "《" not in sentence:
            continue
        publicity = any(w in sentence for w in _PUBLICITY) and "培训" not in sentence
        for m in _BOOK.finditer(norm, sent.start(), sent.end()):
            kind = law_kind(m.group(1))
            if kind is None:
                continue
            s, e = m.start(), m.end()
            role = roles.role(s)
            out.append(Mention("law", kind, text[s:e], s, e, role))
            if publicity and kind in _CAMPAIGN_LAW and m.group(1) in ("宪法", "民法典", "中华人民共和国宪法",
                                                                      "中华人民共和国民法典"):
                out.append(Mention("campaign", _CAMPAIGN_LAW[kind], text[s:e], s, e, role))
    return out


# --------------------------------------------------------------- honours

_HONOR_CUE = re.compile(r"荣获|获评|获得|被评为|评为|被授予|授予|荣膺|命名为|被确定为|荣誉称号|称号")
_QUOTED = re.compile(r'"([^"\n]{2,30})"')
_HONOR_TAIL = re.compile(
    r"(?:村镇|乡镇|之乡|单位|示范[\u4e00-\u9fff]{0,6}|先进[\u4e00-\u9fff]{0,8}|模范[\u4e00-\u9fff]{0,4}|标兵|"
    r"集体|个人|文明[\u4e00-\u9fff]{0,4}|平安[\u4e00-\u9fff]{0,4}|典型|品牌|称号|社区|村)$"
)
_LEVELS = (("national", ("全国", "中国", "国家")), ("provincial", ("自治区", "省", "兵团")),
           ("prefecture", ("地区", "州", "师", "市")), ("county", ("县", "区", "团")))


def honor_level(name: str) -> str:
    """national | provincial | prefecture | county | local, from the honour's prefix."""
    for level, prefixes in _LEVELS:
        if name.startswith(prefixes):
            return level
    return "local"


def honor_mentions(text: str, norm: str, roles: RoleIndex) -> list[Mention]:
    """Quoted honour titles in sentences that say the unit was awarded them."""
    out: list[Mention] = []
    for sent in _SENTENCE.finditer(norm):
        sentence = sent.group()
        if '"' not in sentence or not _HONOR_CUE.search(sentence):
            continue
        for m in _QUOTED.finditer(norm, sent.start(), sent.end()):
            name = m.group(1)
            if _HONOR_TAIL.search(name):
                s, e = m.start(1), m.end(1)
                out.append(Mention("honor", honor_level(name), text[s:e], s, e, roles.role(s)))
    return out


# ------------------------------------------------------------ sub-units

_NUM = "一二三四五六七八九十百零〇"
_SUBUNITS = (
    ("station", AnchoredPattern.compile(r"(?:[" + _CJK + r"]{2,4}镇)?(?:司法所|派出所|人民法庭|检察室|律师事务所|法律服务所)")),
    ("company", AnchoredPattern.compile(r"(?<![" + _NUM + r"\d第])(?:\d{1,3}|[" + _NUM + r"]{1,3})连(?![续接同带环锁片心线(一])(?:队)?")),
    ("village", AnchoredPattern.compile(r"(?<=[,、;:(\s\"在对与和到])[" + _CJK + r"]{2,3}(?:村|社区)(?=[,、。;:)\s\"]|委|党|两委|村民|居民)")),
)
_GENERIC = re.compile(r"^(?:[各全本每该进到驻入农城乡邻新老一二三四所下上我其此两多]|示范|文明|法治|民主|美丽|和谐|平安)"
                      r"|[从向把被将对的了在是和与及等各每全该这那其此所于为以到进]")


def subunit_mentions(text: str, norm: str, roles: RoleIndex) -> list[Mention]:
    """Justice stations, police stations, numbered companies and named villages or communities.

    Kinds are unit-type keys: station, company, village, community.
    """
    out: list[Mention] = []
    for kind, pattern in _SUBUNITS:
        last_end = -1
        for s, e in sorted(pattern.finditer(norm), key=lambda se: (se[0], -se[1])):
            if s < last_end or (kind == "village" and _GENERIC.search(norm[s:e])):
                continue
            last_end = e
            if kind == "village" and norm.endswith("社区", s, e):
                kind_here = "community"
            else:
                kind_here = kind
            out.append(Mention("unit", kind_here, text[s:e], s, e, roles.role(s)))
    return out


def find_mentions(text: str, norm: str, sections: list[Section], *, laws: bool = True, honors: bool = True,
                  subunits: bool = True) -> list[Mention]:
    """All gazetteer mentions of a report, in text order."""
    roles = RoleIndex(sections, len(text))
    found = vocabulary_mentions(text, norm, roles)
    # the addressee's bodies (县委依法治县办) and a web page's menus (首页 > 政务公开) are not the unit's mechanisms
    outside = page_chrome(norm)
    salutation = salutation_line(norm)
    if salutation:
        outside.append(salutation)
    if outside:
        found = [m for m in found if not any(s <= m.start < e for s, e in outside)]
    if laws:
        found += law_mentions(text, norm, roles)
    if honors:
        found += honor_mentions(text, norm, roles)
    if subunits:
        found += subunit_mentions(text, norm, roles)
    return sorted(found, key=lambda m: (m.start, m.end, m.type, m.kind))
