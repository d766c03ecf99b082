"""Report metadata: title, reporting unit and its type, parent, year, date, author, addressee.

Reports put these in a few conventional places: the title line
(``[上级][单位][年份]法治政府建设年度报告``), a salutation line
(``新区党工委、管委会:``), the opening sentence (``2022年,某某街道在…``) and
the signature block (signing body and date) at the end. Each field is taken
from the most reliable place that has it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fazhi.extract.cn_numbers import cn_int
from fazhi.extract.normalize import as_written, normalize_text
from fazhi.extract.records import ReportMeta
from fazhi.extract.unit_names import (
    RANK,
    WORD_HEAD,
    WORD_TAIL,
    department_place,
    is_unit_name,
    speaking_level,
    superior_in_body,
    unit_in_body,
)
from fazhi.ontology.concepts import Concept, concepts

_C = "\u4e00-\u9fff"
_ZEROS = str.maketrans("○ＯO", "〇〇〇")  # the zeros dates are typed with
RECORD_UNIT_TYPES = ("镇", "乡", "街道", "团场", "县", "区", "市", "局", "委", "办", "其他")

_Y = r"(?:\d{4}|二[〇零○O][一二三四五六七八九〇零○O]{2})"
_TOPIC = re.compile(
    r"(?:关于)?(?:" + _Y + r"年度?|[(]" + _Y + r"年度?[)])?(?:全面)?(?:推进|落实|开展)?"
    r"(?:法治政府建设|法治建设|法治[" + _C + r"]{1,2}建设|依法治[" + _C + r"]|依法行政|普法|党政主要负责人|"
    r"年度法治|[" + _C + r"]{0,4}述法)"
)
_REPORT_WORD = re.compile(r"报告|汇报|总结|情况")
_TOPIC_WORD = re.compile(r"法治|依法|普法|述法|法制")
_YEAR = re.compile(r"((?:19|20)\d{2}|二[〇零○O]\s*[一二三四五六七八九〇零○O]\s*[一二三四五六七八九〇零○O])\s*年")
_YEAR_OF = re.compile(_YEAR.pattern + r"(?:度|以来|来|,|上半年|全年|工作)")
_DATE = re.compile(r"((?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                   r"(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?")
_ORG_END = re.compile(r"(?:委员会|人民政府|政府|办事处|党委|党工委|管委会|街道|街|镇|乡|团|局|委|办公室|办|司法所|县|旗|区|市)$")
# a section heading (一、… / (一)… / 1.… / 第一部分): never a title
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,2}\s*[.、]|"
                      r"第[一二三四五六七八九十]{1,3}[部章节]|[一二三四五六七八九十]是)")
_PLACE = re.compile(
    r"第[一二三四五六七八九十]{1,3}师|[" + _C + r"]{2,6}?(?:自治区|自治州|新区|地区|省|市|州|盟|县|旗)"
)
_UNIT_SEGMENT = re.compile(
    r"(?:第[一二三四五六七八九十]{1,3}师|[" + _C + r"\d]{1,8}?(?:自治区|自治州|自治县|新区|开发区|地区|街道|省|市|州(?!市)|盟|县|旗|区|"
    r"团|镇|乡|街|师|局|委|办))"
)
# a clause of the opening paragraph with the unit as its subject: 2022年,(在…领导下,)X街道(党工委)坚持…
_OPENING = re.compile(
    r"(?:^|(?<=[\n,。;:]))\s*(?:(?:19|20)\d{2}\s*年(?:度|以来|来)?\s*,?\s*|(?:今年|近年|一年|过去一年)(?:以)?来\s*,?\s*)?"
    r"(?:在[^,。;:\n]{2,40}?下\s*,\s*)*我?"
    r"(?P<unit>[" + _C + r"\d]{1,20}?(?:街道|镇|乡|团场|团|县|旗|区|市|局|委|办|街))"
    r"(?:党委|党工委|工委|政府|人民政府|办事处|领导班子|、)*(?:始终|在|坚持|深入|认真|全面|紧紧|紧扣|围绕|按照|持续|不断|聚焦|积极|"
    r"立足|以|高度|坚决|牢牢|位于|法治|依法|扎实|严格|切实|着力|全力|大力|主动|统筹|结合|锚定|贯彻|落实|把|将|通过|注重)"
)
_NOT_A_NAME = re.compile(r"法治|依法|建设|工作|全面|领导|按照|根据|[的和与及、在对我]")
_SUFFIX_STRIP = re.compile(r"(?:人民政府|政府|办事处|党委|党工委|管委会)$")
_GENERIC_NAMES = ("政府", "社会", "国家", "中国", "乡村", "团场", "连队", "社区", "文化", "宣传", "队伍", "工作",
                  "乡镇", "机关", "体系", "环境", "建设", "政治", "思维", "意识", "保障", "兵团", "教育", "阵地",
                  "能力", "素养", "观念", "校园", "单位", "企业", "服务", "示范", "基层", "全面", "水平", "制度")
_LEAD_NOT_NAME = re.compile(r"^(?:师市|市|县|区|镇|乡|团|新区|上级|各级|党|我)")


def _date_int(s: str) -> int | None:
    """A year, month or day in digits or Chinese numerals (二○二三, 十二)."""
    return cn_int(s.translate(_ZEROS))


def _year(s: str) -> int | None:
    """A year written in digits or Chinese numerals (二〇二三)."""
    y = _date_int(re.sub(r"\s+", "", s))
    return y if y and 1990 <= y <= 2100 else None


def _lines(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding spaces."""
    out = []
    for m in re.finditer(r"[^\n]+", norm):
        s, e = m.start(), m.end()
        while s < e and norm[s] in " \t\r":
            s += 1
        while e > s and norm[e - 1] in " \t\r":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@lru_cache(maxsize=1)
def _unit_type_rules() -> tuple[tuple[re.Pattern[str], Concept], ...]:
    """Name-ending rules from the unit-type vocabulary: patterns first, then suffixes, longest first."""
    by_key = {c.key: c for c in concepts("unit-type")}
    rules: list[tuple[int, re.Pattern[str], Concept]] = []
    for c in by_key.values():
        for p in c.patterns:
            rules.append((1000 + len(p), re.compile(f"(?:{p})$"), c))
        for lab in (c.pref_zh, *c.alt_zh):
            if lab != "其他":
                rules.append((len(lab), re.compile(re.escape(lab) + "$"), c))
    rules.sort(key=lambda r: -r[0])
    return tuple((r, c) for _, r, c in rules)


def unit_type_concept(unit: str) -> Concept | None:
    """The unit-type concept a unit name ends with (五十一团唐驿镇 → regiment-town)."""
    for regex, c in _unit_type_rules():
        if regex.search(unit):
            return c
    return None


@lru_cache(maxsize=4096)
def unit_type_label(unit: str | None) -> str | None:
    """The record's unit_type: one of RECORD_UNIT_TYPES (团镇 reports as 团场)."""
    if not unit:
        return None
    c = unit_type_concept(unit)
    if c is None:
        return "其他"
    if c.pref_zh in RECORD_UNIT_TYPES:
        return c.pref_zh
    if c.broader:
        broader = next((b for b in concepts("unit-type") if b.key == c.broader), None)
        if broader is not None and broader.pref_zh in RECORD_UNIT_TYPES:
            return broader.pref_zh
    return "其他"


# a party committee named before the government in a joint report (中共某某镇委员会 某某镇人民政府)
_JOINT = re.compile(r"^(?:中共[\u4e00-\u9fff\d]{2,20}?(?:委员会|党委|党工委)|[\u4e00-\u9fff\d]{2,20}?(?:党委|党工委))"
                    r"[\s、,和]*(?=[\u4e00-\u9fff\d]{2})")


_LEAGUE = re.compile(r"(?:共青团|中国共产主义青年团)(.+?)委员会$")
# a government named between a district and its sub-district: 鲤城区人民政府金龙街道(办事处)
_INNER_GOVERNMENT = re.compile(r"(?<=[区县市旗州盟])(?:人民政府|政府)(?=[" + _C + r"]+?(?:街道|镇|乡|街)$)")
# a jurisdiction's rule-of-law committee or its office: 某某县委全面依法治县委员会办公室
_RULE_OF_LAW_OFFICE = re.compile(r"(.+?[市州县区旗盟])(?:委|党委)?(?:全面)?依法治[" + _C + r"](?:委员会|委)?(?:办公室|办)?$")


def split_parent(name: str) -> tuple[str | None, str]:
    """Split a full name into (parent jurisdiction, unit): 第三师五十一团唐驿镇 → (第三师, 五十一团唐驿镇).

    A department keeps its place in its name: 青山县司法局 → (青山县, 青山县司法局).
    """
    league = _LEAGUE.match(name)
    if league:  # the Youth League committee of a jurisdiction is a unit of its own
        return league.group(1), name
    office = _RULE_OF_LAW_OFFICE.match(re.sub(r"^中共", "", name))
    if office:  # 某某县委全面依法治县委员会办公室: the county's own body
        return office.group(1), office.group(0)
    name = _JOINT.sub("", name)
    name = re.sub(r"^中共", "", name)
    name = re.sub(r"(?<=[团镇乡县区市])委员会$", "", name)
    name = _SUFFIX_STRIP.sub("", name)
    name = _INNER_GOVERNMENT.sub("", name)
    if name.endswith(("局", "办公室")) or (name.endswith("委员会") and not re.search(r"依法治|党", name)):
        i = department_place(name)
        if i is not None:
            return name[:i], name
        if name[:2] in WORD_HEAD + WORD_TAIL:  # 城市管理局, 市场监督管理局: no place stated
            return None, name
    segs = _UNIT_SEGMENT.findall(name)
    if "".join(segs) != name or len(segs) < 2:
        return None, name
    last = len(segs) - 1
    if segs[-1].endswith("镇") and segs[-2].endswith("团"):  # 团镇: one unit
        last -= 1
    if last >= 1 and re.search(r"(?:依法治|法治)[" + _C + r"]?$", segs[last - 1]):
        last -= 1  # 依法治县委员会 / 依法治县办 belong to the unit's own name
    if last >= 1 and re.search(r"[局委办]$", segs[-1]) and not re.search(r"[局委办]$", segs[last - 1]):
        last -= 1  # a department keeps its place: 某某县司法局, parent 某某县
        parent = "".join(segs[:last]) or None
        if parent is None and not re.search(r"[团镇乡]$", segs[0]):
            parent = segs[0]
        return parent, "".join(segs[last:])
    parent = "".join(segs[:last]) or None
    return parent, "".join(segs[last:])


def salutation_line(norm: str, lines: list[tuple[int, int]] | None = None) -> tuple[int, int] | None:
    """The addressee line (县委依法治县办:) among the first lines: who the report goes to, not what it is about."""
    for s, e in (lines if lines is not None else _lines(norm[:600]))[:4]:
        line = norm[s:e]
        if line.endswith(":") and len(line) <= 40 and not re.search(r"现将|如下|报告|汇报", line):
            return s, e
    return None


_CHROME = re.compile(r"(?:^|\s)(?:首页|当前位置|您的位置|发布时间|发布日期|发表日期|信息来源|文章来源|来源|浏览次数|点击数|字号|打印本页|关闭窗口)\s*[:>]|\s[>»›]\s|^\S{1,8}\s*>\s*")


def page_chrome(norm: str) -> list[tuple[int, int]]:
    """Lines of a saved web page around the report (首页 > 政务公开, 发布时间：… 来源：…): no content of the report."""
    lines = _lines(norm[:1500])[:10]
    return [(s, e) for s, e in lines if _CHROME.search(norm, s, e)]


def _title(norm: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The title line: among the first lines (web pages put crumbs first), one naming a report.

    A section heading (一、2025年度工作总体情况) is never the title. A title
    broken over two lines (…法治政府建设 / 工作的报告) spans both.
    """
    def titled(line: str) -> bool:
        return (len(line) <= 60 and bool(_REPORT_WORD.search(line)) and not line.endswith((":", "。"))
                and not _HEADING.match(line))

    for i, (s, e) in enumerate(lines[:8]):
        line = norm[s:e]
        if not _TOPIC_WORD.search(line) or _HEADING.match(line) or _CHROME.search(line):
            continue
        if titled(line):
            return s, e
        if i + 1 < len(lines) and len(line) <= 40 and not re.search(r"[,。;:]", line):
            nxt = norm[lines[i + 1][0]:lines[i + 1][1]]
            if len(nxt) <= 16 and titled(nxt) and not _TOPIC_WORD.search(nxt[:2]):
                return s, lines[i + 1][1]
    for s, e in lines[:3]:
        if titled(norm[s:e]):
            return s, e
    return None


def _name_before_topic(title: str) -> str | None:
    """The unit part of a title: what stands before the topic words, without year or 关于."""
    t = re.sub(r"\s*\n\s*", "", title.strip()).replace('"', "")
    t = re.sub(r"^(?:" + _Y + r"年度?|[(]" + _Y + r"年度?[)])", "", t)
    m = _TOPIC.search(t)
    head = t[: m.start()] if m else ""
    head = re.sub(r"(?:" + _Y + r"年度?|[(]" + _Y + r"年度?[)])$", "", head)
    head = re.sub(r"^关于|关于$", "", head).strip(" ,、")
    head = head.split(" ")[-1] if head else head
    return head if len(head) >= 2 and _ORG_END.search(head) else None


def _signature(norm: str, lines: list[tuple[int, int]]) -> tuple[str | None, tuple[int, int, int | None] | None]:
    """(signing body, (year, month, day)) from the last lines."""
    author, date = None, None
    tail = lines[-6:]
    for s, e in reversed(tail):
        line = norm[s:e]
        dm = _DATE.search(line)
        if date is None and dm and len(line) <= 60:
            y, mo = _date_int(dm.group(1)), _date_int(dm.group(2))
            d = _date_int(dm.group(3)) if dm.group(3) else None
            if y and mo and 1 <= mo <= 12:
                date = (y, mo, d)
            before = line[: dm.start()].strip()
            if before and _ORG_END.search(before) and len(before) <= 40:
                author = before.split()[-1] if " " in before else before
            continue
        if date is not None and author is None:
            cand = line.strip()
            if len(cand) <= 40 and _ORG_END.search(cand) and not re.search(r"[,。;:]", cand):
                author = re.sub(r"\s+", "", cand)
            break
    return author, date


def _parent_from_addressee(addressee: str | None, unit: str | None) -> str | None:
    """The superior a report is addressed to, when it is named: 某某市人民政府: → 某某市, 中共渠县县委 → 渠县."""
    if not addressee:
        return None
    first = re.split(r"[、,]", normalize_text(addressee))[0]
    first = re.sub(r"^中共", "", first)
    m = _ADDRESSEE_BODY.match(first) or _RULE_OF_LAW_OFFICE.match(first)
    name = m.group(1) if m else ""
    if len(name) < 2 or _LEAD_NOT_NAME.match(name) or (unit and name in unit):
        return None
    return name if re.fullmatch(r"(?:" + _PLACE.pattern + r"|[" + _C + r"]县)+", name) else None


# a named superior's committee or government: 某某市人民政府, 某某县委, 渠县县委
_ADDRESSEE_BODY = re.compile(r"(.+?[市州县区旗盟])(?:[市县区旗]?委|人民政府|政府|党委|党工委|管委会|委员会)$")
_SOURCE = re.compile(r"(?:来源|发布机构|发布单位)\s*:\s*([" + _C + r"\d]{3,30})")


def _source(norm: str) -> str | None:
    """The publishing body a web page names in its chrome (来源: 大冶市殷祖镇人民政府)."""
    for s, e in page_chrome(norm):
        m = _SOURCE.search(norm, s, e)
        if m and _ORG_END.search(m.group(1)):
            return m.group(1)
    return None


def _parent_in_slogan(head: str, unit: str) -> str | None:
    """A superior named only in a slogan of its plan: 法治上城建设, 法治沙湾建设."""
    for m in re.finditer(r"法治([" + _C + r"]{2,4})建设", head):
        name = m.group(1)
        if any(g in name for g in _GENERIC_NAMES) or name in unit or unit in name:
            continue
        return name
    return None


def _unit_level(unit: str | None) -> str | None:
    """The coarse level of a unit (镇, 县, 局 …) for choosing its superior."""
    label = unit_type_label(unit)
    return label if label in RANK else None


_HEAD = 3000  # how much of the text after the title is read for names: the opening sections
_OPENING_PART = 1000  # where a superior is named: the opening paragraph and the first section


def extract_metadata(text: str, norm: str) -> ReportMeta:
    """ReportMeta of one report; fields that are not stated stay None.

    The unit comes from the most reliable place that names it: the title (or
    a bare name line), the opening clause, the signature, the name of the
    level the report speaks as (我镇) that the body repeats, then the page's
    source line. Its superior comes from the same full name, the signature or
    source line of the same unit, a named addressee, then, for a town or
    sub-district, the body (在某某区委…, a cited plan, 法治某某建设).
    """
    lines = _lines(norm)
    meta = ReportMeta()
    if not lines:
        return meta
    title_span = _title(norm, lines)
    body_start = title_span[1] if title_span else 0
    if title_span:
        meta.title = re.sub(r"\s*\n\s*", "", text[title_span[0]:title_span[1]]).strip()
    salutation = salutation_line(norm, lines)
    if salutation:
        s, e = salutation
        meta.addressee = text[s:e - 1].strip()
        body_start = max(body_start, e)

    author, date = _signature(norm, lines)
    meta.author = as_written(text, norm, author or None)
    if date and date[2]:
        meta.issued = f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}"

    unit, parent = _unit_and_parent(norm, lines, title_span, body_start, author)
    meta.unit = as_written(text, norm, unit or None)
    meta.unit_type = unit_type_label(unit)
    level = _unit_level(unit)
    if unit and parent is None:
        parent = _parent_from_addressee(meta.addressee, unit)
    if unit and parent is None and RANK.get(level or "") == 1:
        top = title_span[1] if title_span else 0
        parent = superior_in_body(norm[top:top + _OPENING_PART], unit, level) or _parent_in_slogan(norm, unit)
    meta.parent = as_written(text, norm, parent or None)
    meta.year = _report_year(norm, title_span, body_start, date)
    return meta


def _unit_and_parent(norm: str, lines: list[tuple[int, int]], title_span: tuple[int, int] | None,
                     body_start: int, author: str | None) -> tuple[str | None, str | None]:
    """(unit, parent) from the title, the opening clause, the signature, the body's names, the page's source."""
    full = _name_before_topic(norm[title_span[0]:title_span[1]]) if title_span else None
    if full is None and title_span:  # a title set on two lines: the unit's name above the rest
        i = next(k for k, (s, _) in enumerate(lines) if s == title_span[0])
        above = norm[lines[i - 1][0]:lines[i - 1][1]].replace(" ", "") if i else ""
        if 2 <= len(above) <= 20 and _ORG_END.search(above) and not re.search(r"[,。;:、]", above):
            full = above
    top = title_span[1] if title_span else 0
    head = norm[top:top + _HEAD]  # what follows the title, addressee line included
    if full is None and not title_span:  # a bare name line first or above the addressee: 某某镇人民政府 / 县委、县政府:
        full = next((norm[ls:le].replace(" ", "") for ls, le in lines[:4] if le <= max(body_start, lines[0][1])
                     and _bare_name(norm[ls:le].replace(" ", ""))), None)
    if full is None:
        full = _opening_unit(norm[body_start:body_start + 400])
    parent, unit = split_parent(full) if full else (None, None)
    # the level the report speaks as: read only when the title gave no unit
    level = speaking_level(head) if unit is None or not title_span else None
    if unit is not None and not title_span and level and _unit_level(unit) not in (None, level):
        named = unit_in_body(head, level)  # the opening named a place of another level (根据X旗… in 我镇's report)
        if named:
            parent, unit = split_parent(named.text)
    if author:
        a_parent, a_unit = split_parent(author)
        unit = unit or a_unit
        if parent is None and a_parent and a_parent != unit and (a_unit.endswith(unit) or unit in a_unit):
            parent = a_parent
    if unit is None:
        named = unit_in_body(head, level)
        if named:
            parent, unit = split_parent(named.text)
    source = _source(norm) if unit is None or parent is None else None
    if source:
        s_parent, s_unit = split_parent(source)
        if unit is None and level and unit_type_label(s_unit) == level:
            unit = s_unit  # the page's publisher, when it is of the level the report speaks as
        if parent is None and s_parent and s_parent != unit and unit and s_unit.endswith(unit):
            parent = s_parent
    return unit, parent


def _bare_name(line: str) -> bool:
    """A line that is nothing but an organisation's name (某某县人民政府, 某某街道办事处)."""
    return (2 <= len(line) <= 24 and bool(_ORG_END.search(line)) and not re.search(r"[,。;:、]", line)
            and is_unit_name(_SUFFIX_STRIP.sub("", line)))


def _opening_unit(opening: str) -> str | None:
    """The unit as the subject of an opening clause (2022年,在…领导下,X街道坚持…)."""
    for m in _OPENING.finditer(opening):
        name = m.group("unit")
        if is_unit_name(name) or (name.endswith(("委", "办")) and not _LEAD_NOT_NAME.match(name)
                                  and not _NOT_A_NAME.search(name) and department_place(name)):
            return name
    return None


def _report_year(norm: str, title: tuple[int, int] | None, body_start: int,
                 date: tuple[int, int, int | None] | None) -> int | None:
    """The year reported on: title, then the opening's 年度 markers, then the signature date."""
    if title:
        m = _YEAR.search(norm, title[0], title[1] + 16)  # a "(2023年度)" line under the title counts
        if m:
            return _year(m.group(1))
    opening = norm[body_start:body_start + 400]
    m = _YEAR_OF.search(opening)
    if m:
        return _year(m.group(1))
    if date:
        year, month, _ = date
        return year - 1 if month <= 3 else year
    years = [y for y in map(_year, _YEAR.findall(norm)) if y]
    return max(set(years), key=years.count) if years else None
