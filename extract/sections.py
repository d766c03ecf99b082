"""The heading hierarchy of a report and the role of each section.

Reports of this genre number their headings 第一部分 / 一、 / （一） / 1、 /
（1） / 一是 and name the standard parts (基本情况, 主要举措和成效, 存在的问题,
原因, 下一步打算, 第一责任人职责). A section's role comes from keywords in
its heading, else from its parent, so a rule downstream can ask "is this
sentence in the problems part?" without knowing the numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.extract.normalize import normalize_text

ROLES = ("preamble", "basic", "work", "problems", "causes", "plans", "duties", "other")

_CN = "一二三四五六七八九十百零〇两"

# (level, pattern) — matched at the start of a line of the normalised text,
# after optional spaces. Levels: smaller is higher in the hierarchy.
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"第[{_CN}\d]{{1,3}}(?:部分|章|篇)")),
    (1, re.compile(rf"[{_CN}]{{1,3}}\s*[、.]")),
    (2, re.compile(rf"\(\s*[{_CN}]{{1,3}}\s*\)|[㈠-㈩]")),
    (3, re.compile(r"\d{1,2}(?:[、]|\.(?!\d))|[⒈-⒛]")),
    (4, re.compile(r"\(\s*\d{1,2}\s*\)|[①-⑳⑴-⒇]")),
    (5, re.compile(rf"(?:第)?[{_CN}]{{1,3}}是(?=[^\s,、])")),
)

# Role keywords, checked in this order; the first that occurs in the heading wins
# ("存在的问题和下一步打算" is a problems heading whose items are plans).
# Strong words name a part wherever they stand; weak words only in a top-level
# heading (a work item "（二）着力解决群众反映的问题" is not the problems part).
_ROLE_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("duties", ("第一责任人职责", "履行推进法治建设", "履行推进法治政府建设", "履行法治建设", "述法"),
     ("第一责任人",)),
    ("causes", ("原因分析", "产生的原因", "存在的原因", "原因"), ("根源",)),
    ("problems", ("存在的问题", "存在问题", "问题和不足", "问题与不足", "问题及不足", "存在的不足",
                  "不足之处", "薄弱环节", "短板", "困难和问题", "困难与问题", "主要问题", "面临的问题",
                  "需要改进", "有待改进", "面临的困难", "困难和挑战", "弱项"),
     ("问题", "不足", "差距")),
    ("plans", ("下一步", "下步", "工作计划", "工作打算", "工作思路", "工作安排", "主要安排", "工作设想",
               "下一年度", "下年度", "努力方向", "工作展望"),
     ("今后", "明年", "计划", "打算", "展望", "重点工作", "工作重点")),
    ("basic", ("基本情况", "基本概况", "总体情况", "基本信息"), ("概况",)),
    ("work", ("主要举措", "主要做法", "工作开展情况", "开展情况", "工作情况", "主要成效", "举措和成效",
              "工作成效", "主要工作", "完成情况", "进展情况", "工作措施", "取得的成效"),
     ("成效", "做法", "成绩")),
)
_WORK_ROLES = {"work", "basic", "duties"}
_HEADING_SPAN = 36  # only the start of a long run-in heading names the part


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds any of ``words``: one search instead of one ``in`` test per word."""
    return re.compile("|".join(map(re.escape, words)))


# (role, strong words, weak words) as regexes, in _ROLE_WORDS' order
_ROLE_FINDERS = tuple((role, _any_of(strong), _any_of(weak)) for role, strong, weak in _ROLE_WORDS)
_WITH_CAUSES = _any_of(("和原因", "及原因", "与原因", "及其原因"))


@dataclass
class Section:
    """One numbered part of a report: offsets of the whole part and of its heading."""

    start: int
    end: int
    heading_start: int
    heading_end: int
    level: int
    heading: str
    role: str
    parent: int | None


def heading_role(heading: str, top: bool = True) -> str | None:
    """The role a heading names by its own words, or None.

    ``top`` allows the weak words, which name a part only in a top-level heading.
    """
    return _role_of(normalize_text(heading), top)


def _role_of(norm_heading: str, top: bool) -> str | None:
    head = norm_heading[:_HEADING_SPAN]
    if _WITH_CAUSES.search(head):
        head = head.replace("原因", "")  # "存在的不足和原因" is the problems part
    for role, strong, weak in _ROLE_FINDERS:
        if strong.search(head):
            return role
        if top and weak.search(head):
            # a part that reports work done by name (重点工作开展情况) is no plan
            return next((r for r, s, _ in _ROLE_FINDERS if r in _WORK_ROLES and s.search(head)), role)
    return None


def _names_plans(norm_heading: str) -> bool:
    head = norm_heading[:_HEADING_SPAN]
    return _ROLE_FINDERS[3][1].search(head) is not None


# a line that opens with a marker and has text after it; group name = level
_HEADING = re.compile(
    r"^[ \t\r]*(?:" + "|".join(f"(?P<l{level}>{p.pattern})" for level, p in _MARKERS) + r")(?=[^\n])",
    re.MULTILINE,
)
_SENT_END = re.compile(r"[。!?;:]")


def _heading_end(norm: str, start: int, line_end: int, level: int) -> int:
    """Where a heading stops: a title line ends at its line, a run-in heading at its first sentence."""
    m = _SENT_END.search(norm, start, line_end)
    end = m.start() if m else line_end
    while end > start and norm[end - 1] in " \t\r":
        end -= 1
    return end


def find_sections(text: str, norm: str | None = None) -> list[Section]:
    """The numbered sections of ``text`` in reading order, with roles.

    Offsets point into ``text``; ``norm`` may be passed when the caller
    already has ``normalize_text(text)``.
    """
    if norm is None:
        norm = normalize_text(text)
    found: list[tuple[int, int, int, int]] = []  # level, start, heading_start, heading_end
    for m in _HEADING.finditer(norm):
        level = int(m.lastgroup[1:])  # type: ignore[index]
        pos = m.start(m.lastgroup)
        line_end = norm.find("\n", pos)
        if line_end < 0:
            line_end = len(norm)
        found.append((level, pos, pos, _heading_end(norm, pos, line_end, level)))

    sections: list[Section] = []
    mixed: list[bool] = []  # "存在问题及下一步工作思路": its items are plans
    seen_late = False  # a problems, causes, plans or duties part has begun
    stack: list[int] = []  # indices of open sections
    for i, (level, start, hs, he) in enumerate(found):
        while stack and sections[stack[-1]].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        heading = text[hs:he]
        parent_role = sections[parent].role if parent is not None else None
        top = parent_role in (None, "preamble", "other")
        norm_heading = norm[hs:he]
        role = _role_of(norm_heading, top)
        if role is None:
            if parent is None:  # an unnamed top part before the problems is work done
                role = "other" if seen_late else "work"
            else:
                role = "plans" if mixed[parent] else parent_role or "other"
        elif parent_role in ("problems", "causes", "plans") and role in _WORK_ROLES:
            role = parent_role  # "（一）…工作成效不明显" under 存在的问题 stays a problem
        sections.append(Section(start, len(text), hs, he, level, heading, role, parent))
        seen_late = seen_late or role in ("problems", "causes", "plans", "duties")
        mixed.append(role == "problems" and _names_plans(norm_heading))
        stack.append(i)
    # a section ends where the next section of the same or a higher level starts
    open_: list[Section] = []
    for sec in sections:
        while open_ and open_[-1].level >= sec.level:
            open_.pop().end = sec.start
        open_.append(sec)
    for sec in open_:
        sec.end = len(text)
    return sections


def role_at(sections: list[Section], offset: int) -> str:
    """The role of the innermost section containing ``offset`` (``preamble`` before any)."""
    best: Section | None = None
    for sec in sections:
        if sec.start > offset:
            break
        if sec.start <= offset < sec.end and (best is None or sec.level >= best.level):
            best = sec
    return best.role if best is not None else "preamble"


class RoleIndex:
    """Fast role look-up for many offsets: the innermost section at each section boundary."""

    def __init__(self, sections: list[Section], length: int) -> None:
        import bisect

        self._bisect = bisect.bisect_right
        # sweep the boundaries in order, keeping the stack of sections open at each one
        events = sorted({0, length, *(s.start for s in sections), *(s.end for s in sections)})
        by_start = sorted(sections, key=lambda s: (s.start, s.level))
        points: list[int] = []
        roles: list[str] = []
        stack: list[Section] = []
        j = 0
        for p in events:
            while stack and stack[-1].end <= p:
                stack.pop()
            while j < len(by_start) and by_start[j].start <= p:
                sec = by_start[j]
                j += 1
                while stack and (stack[-1].end <= p or stack[-1].level >= sec.level):
                    stack.pop()
                if sec.end > p:
                    stack.append(sec)
            points.append(p)
            roles.append(stack[-1].role if stack else "preamble")
        self._points = points
        self._roles = roles

    def role(self, offset: int) -> str:
        i = self._bisect(self._points, offset) - 1
        return self._roles[max(i, 0)]
