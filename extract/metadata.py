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

from fazhi.extract.normalize import normalize_text
from fazhi.extract.records import ReportMeta
from fazhi.ontology.concepts import Concept, concepts

_C = "\u4e00-\u9fff"
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
RECORD_UNIT_TYPES = ("镇", "乡", "街道", "团场", "县", "区", "市", "局", "委", "办", "其他")

_Y = r"(?:\d{4}|二[〇零○O][一二三四五六七八九〇零○O]{2})"
_TOPIC = re.compile(
    r"(?:关于)?(?:" + _Y + r"年度?|[(]" + _Y + r"年度?[)])?(?:全面)?(?:推进|落实|开展)?"
    r"(?:法治政府建设|法治建设|法治[" + _C + r"]{1,2}建设|依法治[" + _C + r"]|依法行政|普法|党政主要负责人|"
    r"年度法治|[" + _C + r"]{0,4}述法)"
)
_REPORT_WORD = re.compile(r"报告|汇报|总结|情况")
_YEAR = re.compile(r"((?:19|20)\d{2}|二[〇零○O]\s*[一二三四五六七八九〇零○O]\s*[一二三四五六七八九〇零○O])\s*年")
_YEAR_OF = re.compile(_YEAR.pattern + r"(?:度|以来|来|,|上半年|全年|工作)")
_DATE = re.compile(r"((?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                   r"(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?")
_ORG_END = re.compile(r"(?:委员会|人民政府|政府|办事处|党委|党工委|管委会|街道|镇|乡|团|局|委|办公室|办|司法所|县|区|市)$")
_PLACE = re.compile(
    r"第[一二三四五六七八九十]{1,3}师|[" + _C + r"]{2,6}?(?:自治区|自治州|新区|地区|省|市|州|盟|县|旗)"
)
_UNIT_SEGMENT = re.compile(
    r"(?:第[一二三四五六七八九十]{1,3}师|[" + _C + r"\d]{1,8}?(?:自治区|自治州|自治县|新区|开发区|地区|街道|省|市|州|盟|县|旗|区|"
    r"团|镇|乡|师|局|委|办))"
)
_OPENING = re.compile(
    r"^\s*(?:(?:19|20)\d{2}年(?:度|以来|来)?\s*[,,]?\s*|(?:今年|近年|一年|过去一年)(?:以)?来\s*[,,]?\s*)?(?:我|全)?"
    r"(?P<unit>[" + _C + r"\d]{2,20}?(?:街道|镇|乡|团场|团|县|区|市|局|委|办))"
    r"(?:党委|党工委|政府|人民政府|办事处|、)*(?:始终|在|坚持|深入|认真|全面|紧紧|紧扣|围绕|按照|持续|不断|聚焦|积极|立足|以|高度|坚决|牢牢)"
)
_SUFFIX_STRIP = re.compile(r"(?:人民政府|政府|办事处|党委|党工委|管委会)$")
_GENERIC_NAMES = ("政府", "社会", "国家", "中国", "乡村", "团场", "连队", "社区", "文化", "宣传", "队伍", "工作",
                  "乡镇", "机关", "体系", "环境", "建设", "政治", "思维", "意识", "保障", "兵团", "教育", "阵地",
                  "能力", "素养", "观念", "校园", "单位", "企业", "服务", "示范", "基层", "全面", "水平", "制度")
_LEAD_NOT_NAME = re.compile(r"^(?:师市|市|县|区|镇|乡|团|新区|上级|各级|党|我)")


def _cn_number(s: str) -> int | None:
    """Digits or Chinese numerals (二〇二三, 十二) as an int."""
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, 1) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    return None


def _year(s: str) -> int | None:
    """A year written in digits or Chinese numerals (二〇二三)."""
    y = _cn_number(re.sub(r"\s+", "", s).replace("O", "〇"))
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


_PLACE_END = "省市州县区旗盟"
# a place character that starts a word of a department's name (市场监督管理局, 区域) or ends one (城市管理局)
_WORD_HEAD = ("市场", "市政", "市容", "市民", "区域", "县域", "市域")
_WORD_TAIL = ("城市", "都市", "超市", "门市", "社区", "园区", "景区", "城区", "片区", "辖区", "小区", "矿区", "山区",
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
        if name[i - 1] not in _PLACE_END or (name[i] in _PLACE_END and name[i:i + 2] not in _WORD_HEAD):
            continue
        if name[i - 1:i + 1] in _WORD_HEAD:
            continue
        if name[i - 2:i] in _WORD_TAIL:
            if i >= 3:  # a place longer than the word itself (江城市, not 城市)
                tails.append(i)
            continue
        return i
    return tails[-1] if tails else None


# a party committee named before the government in a joint report (中共某某镇委员会 某某镇人民政府)
_JOINT = re.compile(r"^中共[\u4e00-\u9fff\d]{2,20}?(?:委员会|党委|党工委)[\s、,和]*(?=[\u4e00-\u9fff\d]{2})")


def split_parent(name: str) -> tuple[str | None, str]:
    """Split a full name into (parent jurisdiction, unit): 第三师五十一团唐驿镇 → (第三师, 五十一团唐驿镇).

    A department keeps its place in its name: 青山县司法局 → (青山县, 青山县司法局).
    """
    name = _JOINT.sub("", name)
    name = re.sub(r"^中共", "", name)
    name = re.sub(r"(?<=[团镇乡县区市])委员会$", "", name)
    name = _SUFFIX_STRIP.sub("", name)
    if name.endswith("局") or (name.endswith("委员会") and not re.search(r"依法治|党", name)):
        i = department_place(name)
        if i is not None:
            return name[:i], name
        if name[:2] in _WORD_HEAD + _WORD_TAIL:  # 城市管理局, 市场监督管理局: no place stated
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


_CHROME = re.compile(r"(?:^|\s)(?:首页|当前位置|您的位置|发布时间|发布日期|信息来源|来源|浏览次数|点击数|字号|打印本页|关闭窗口)\s*[:>]|\s[>»›]\s|^\S{1,8}\s*>\s*")


def page_chrome(norm: str) -> list[tuple[int, int]]:
    """Lines of a saved web page around the report (首页 > 政务公开, 发布时间：… 来源：…): no content of the report."""
    lines = _lines(norm[:1500])[:10]
    return [(s, e) for s, e in lines if _CHROME.search(norm, s, e)]


def _title(norm: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The title line: among the first lines (web pages put crumbs first), one naming a report."""
    def titled(line: str) -> bool:
        return len(line) <= 60 and bool(_REPORT_WORD.search(line)) and not line.endswith((":", "。"))

    for s, e in lines[:8]:
        line = norm[s:e]
        if titled(line) and re.search(r"法治|依法|普法|述法|法制", line):
            return s, e
    for s, e in lines[:3]:
        if titled(norm[s:e]):
            return s, e
    return None


def _name_before_topic(title: str) -> str | None:
    """The unit part of a title: what stands before the topic words, without year or 关于."""
    t = re.sub(r"^(?:" + _Y + r"年度?|[(]" + _Y + r"年度?[)])", "", title.strip())
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
            y, mo = _cn_number(dm.group(1)), _cn_number(dm.group(2))
            d = _cn_number(dm.group(3)) if dm.group(3) else None
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
    """The superior a report is addressed to, when it is named: 某某市人民政府: → 某某市."""
    if not addressee:
        return None
    first = re.split(r"[、,]", normalize_text(addressee))[0]
    first = re.sub(r"^中共", "", first)
    name = re.sub(r"(?:人民政府|政府|党委|党工委|管委会|委员会|市委|县委|区委)$", "", first)
    if len(name) < 3 or _LEAD_NOT_NAME.match(name) or (unit and name in unit):
        return None
    return name if re.fullmatch(r"(?:" + _PLACE.pattern + r")+", name) else None


def _parent_from_body(norm: str, unit: str | None) -> str | None:
    """A superior jurisdiction named in the opening: a superior's document, or 法治XX建设."""
    head = norm[:1500]
    for m in re.finditer(r"《(" + _PLACE.pattern + r")+", head):
        name = m.group(0)[1:]
        if unit and unit in name:
            continue
        if not _LEAD_NOT_NAME.match(name):
            return name
    for m in re.finditer(r"法治([" + _C + r"]{2,4})建设", norm):
        name = m.group(1)
        if any(g in name for g in _GENERIC_NAMES) or (unit and (name in unit or unit in name)):
            continue
        return name
    return None


def extract_metadata(text: str, norm: str) -> ReportMeta:
    """ReportMeta of one report; fields that are not stated stay None."""
    lines = _lines(norm)
    meta = ReportMeta()
    if not lines:
        return meta
    title_span = _title(norm, lines)
    body_start = title_span[1] if title_span else 0
    if title_span:
        meta.title = text[title_span[0]:title_span[1]].strip()
    salutation = salutation_line(norm, lines)
    if salutation:
        s, e = salutation
        meta.addressee = text[s:e - 1].strip()
        body_start = max(body_start, e)

    author, date = _signature(norm, lines)
    meta.author = text_of(text, norm, author)
    if date and date[2]:
        meta.issued = f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}"

    full = _name_before_topic(norm[title_span[0]:title_span[1]]) if title_span else None
    if full is None and title_span:  # a title set on two lines: the unit's name above the rest
        i = lines.index(title_span)
        above = norm[lines[i - 1][0]:lines[i - 1][1]].replace(" ", "") if i else ""
        if 2 <= len(above) <= 20 and _ORG_END.search(above) and not re.search(r"[,。;:、]", above):
            full = above
    if full is None:
        m = _OPENING.search(norm[body_start:body_start + 200].lstrip("\n "))
        if m and not _LEAD_NOT_NAME.match(m.group("unit")):
            full = m.group("unit")
    parent = unit = None
    if full:
        parent, unit = split_parent(full)
    if author:
        a_parent, a_unit = split_parent(author)
        if unit is None:
            unit = a_unit
        if parent is None and a_parent and (unit is None or a_unit.endswith(unit) or unit in a_unit):
            parent = a_parent
    meta.unit = text_of(text, norm, unit)
    meta.unit_type = unit_type_label(unit)
    meta.parent = text_of(text, norm, parent or _parent_from_addressee(meta.addressee, unit)
                          or _parent_from_body(norm, unit))
    meta.year = _report_year(norm, title_span, body_start, date)
    return meta


def text_of(text: str, norm: str, found: str | None) -> str | None:
    """``found`` (a string of the normal form) as written in the original text."""
    if not found:
        return None
    i = norm.find(found)
    return text[i:i + len(found)] if i >= 0 else found


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
