"""Remove the artifacts real reports carry that are not report text.

Published reports are exported from Word or scraped from government sites, and
carry bookmark markers, page-number lines and the site's login/share chrome.
Each rule is one row of a table below; nothing else in the text is changed
(full-width, half-width and traditional characters stay as written), so every
later offset points into text a reader would recognise.
"""

from __future__ import annotations

import re

# Inline markers removed wherever they occur (Word export artifacts).
INLINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("word bookmark", re.compile(r"\[bookmark:[^\]\n]{0,80}\]")),
)

_DASH = r"[-‐‑‒–—―－━─]"
# Whole lines dropped wherever they occur: page numbers of a paginated export.
PAGE_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dashed page number", re.compile(rf"{_DASH}{{1,2}}\s*\d{{1,4}}\s*{_DASH}{{1,2}}")),
    ("第N页", re.compile(r"第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?")),
    ("N/M page", re.compile(r"(?:[Pp]age\s*)?\d{1,4}\s*/\s*\d{1,4}\s*页?")),
)

# Lines of web-site chrome dropped only in the trailing (and leading) block of
# the text, where a scraper leaves them; inside the body such words are text.
CHROME_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("login", re.compile(r"(用户)?登录|登陆|退出登录|忘记密码[?？]?")),
    ("no account", re.compile(r"还没有账号[?？]?.{0,8}")),
    ("register", re.compile(r"(立即|免费)?注册")),
    ("editor", re.compile(r"[【\[(（]?\s*(责编|责任编辑|编辑|审核|校对|来源|信息来源|作者)\s*[:：].{0,40}")),
    ("publish info", re.compile(r"(发布(时间|日期)|更新时间)\s*[:：].{0,100}")),  # 发布时间：… 来源：… 浏览次数：…
    ("font size", re.compile(r"[【\[]?\s*字体\s*[:：]?\s*[【\[]?[大中小\s【】\[\]]+[】\]]?")),
    ("site footer", re.compile(r"(版权所有|主办单位|承办单位|技术支持|网站标识码|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP备).{0,100}")),
    ("share", re.compile(r"分享到.{0,40}|分享|扫一扫.{0,30}|微信扫一扫.{0,30}")),
    ("print/close", re.compile(r"[【\[]?\s*(打印本页|打印|关闭窗口|关闭|返回顶部|返回|收藏|字号.{0,20})\s*[】\]]?"
                               r"(\s*[【\[]?\s*(打印本页|打印|关闭窗口|关闭|返回顶部|返回|收藏)\s*[】\]]?)*")),
    ("pagination", re.compile(r"(上一篇|下一篇)\s*[:：]?.{0,60}")),
    ("hit counter", re.compile(r"(浏览|阅读|访问)(次数|量)?\s*[:：]?\s*\d*\s*次?")),
)

_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")


def normalise_newlines(text: str) -> str:
    """CRLF, CR and Unicode line separators become ``\\n``."""
    return _NEWLINES.sub("\n", text)


def _matches(rules: tuple[tuple[str, re.Pattern[str]], ...], line: str) -> bool:
    stripped = line.strip(" \t\u3000\xa0")
    return any(p.fullmatch(stripped) for _, p in rules)


def is_page_number_line(line: str) -> bool:
    """A line that is only a page number (— 1 —, 第 3 页, 2/15)."""
    return _matches(PAGE_LINE_RULES, line)


def _chrome_bounds(lines: list[str]) -> tuple[int, int]:
    """[start, end) of ``lines`` without a block of chrome lines (and the blank lines
    among and beside them) at either end."""

    def blank(i: int) -> bool:
        return not lines[i].strip()

    def edge(indices: range) -> int:
        """How many lines from this end form a chrome block (0 if none is chrome)."""
        count = chrome = 0
        for i in indices:
            if blank(i):
                count += 1
            elif _matches(CHROME_LINE_RULES, lines[i]):
                count += 1
                chrome = count
            else:
                break
        return chrome

    end = len(lines) - edge(range(len(lines) - 1, -1, -1))
    if end < len(lines):
        while end and blank(end - 1):
            end -= 1  # the gap the chrome left
    start = edge(range(end))
    if start:
        while start < end and blank(start):
            start += 1
    return start, end


def clean_text(text: str) -> str:
    """The report text without bookmarks, page-number lines and site chrome.

    Clean-up only deletes: a text without such artifacts comes back unchanged
    (apart from line endings), and every kept character is in the input, in order.
    """
    text = normalise_newlines(text)
    for _, pattern in INLINE_RULES:
        text = pattern.sub("", text)
    lines = text.split("\n")
    kept = [i for i, ln in enumerate(lines) if not _matches(PAGE_LINE_RULES, ln)]
    start, end = _chrome_bounds([lines[i] for i in kept])
    kept = kept[start:end]
    if len(kept) == len(lines):
        return text
    out = "\n".join(lines[i] for i in kept)
    # Keep the line break that followed the last kept line, if it had one.
    return out + "\n" if kept and kept[-1] < len(lines) - 1 and out else out
