"""The list numbers Word shows but does not store in the paragraph text.

Reports written with Word's automatic numbering ("一、" "（一）" "1.") keep the
numbers in numbering.xml, not in the paragraphs; python-docx's text leaves
them out, and with them the headings the section parser looks for. This
module replays Word's counters in reading order and renders each label.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CN_DIGITS = "零一二三四五六七八九"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word counts)."""
    if n <= 0:
        return str(n)
    if n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += CN_DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    if ones:
        out += CN_DIGITS[ones]
    return out


def _roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
              (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalEnclosedCircle": lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n),
    "decimalEnclosedCircleChinese": lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "chineseLegalSimplified": chinese_counting,
    "ideographDigital": lambda n: "".join(CN_DIGITS[int(d)] for d in str(n)),
    "japaneseCounting": chinese_counting,
    "ideographTraditional": lambda n: TIANGAN[(n - 1) % 10],
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "ordinal": str,
    "cardinalText": str,
}


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


@dataclass
class Numbering:
    """numbering.xml, read once: list instances, their levels, and live counters."""

    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → ilvl → n
    started: set[str] = field(default_factory=set)  # numIds whose start overrides were applied

    @classmethod
    def from_document(cls, document: Any) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering  # a document without lists
        for absnum in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in absnum.iter(f"{W}lvl"):
                level = Level()
                for tag, attr in (("start", "start"), ("numFmt", "fmt"), ("lvlText", "text"), ("suff", "suffix")):
                    node = lvl.find(f"{W}{tag}")
                    if node is not None and node.get(f"{W}val") is not None:
                        value = node.get(f"{W}val")
                        setattr(level, attr, int(value) if attr == "start" and value.isdigit() else value)
                levels[int(lvl.get(f"{W}ilvl", "0"))] = level
            numbering.abstract[absnum.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                numbering.nums[num_id] = ref.get(f"{W}val")
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    numbering.overrides.setdefault(num_id, {})[int(override.get(f"{W}ilvl", "0"))] = int(
                        start.get(f"{W}val", "1"))
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance list ``num_id`` at level ``ilvl`` and return the label Word shows there."""
        abstract_id = self.nums.get(num_id, "")
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None or num_id == "0":
            return ""
        # Word continues one sequence across list instances of the same abstract
        # list; an instance with a start override ("restart numbering") resets it.
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for i, start in self.overrides.get(num_id, {}).items():
                counters[i] = start - 1

        def start_of(i: int) -> int:
            return self.overrides.get(num_id, {}).get(i, levels[i].start if i in levels else 1)

        counters[ilvl] = counters.get(ilvl, start_of(ilvl) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a higher level restarts the ones below it
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for i in range(9):
            if f"%{i + 1}" in text:
                value = counters.get(i, start_of(i))
                text = text.replace(f"%{i + 1}", FORMATS.get(levels[i].fmt if i in levels else "decimal", str)(value))
        if not text:
            return ""
        ends_open = text[-1].isascii() and text[-1].isalnum()
        return text + (" " if level.suffix != "nothing" and ends_open else "")


def paragraph_num(paragraph: Any) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's list, set directly or through its style chain."""
    ppr = paragraph._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    num_id = ilvl = None
    if numpr is not None:
        num_id = numpr.numId.val if numpr.numId is not None else None
        ilvl = numpr.ilvl.val if numpr.ilvl is not None else None
    style = paragraph.style
    seen = 0
    while (num_id is None or ilvl is None) and style is not None and seen < 20:
        seen += 1
        spr = style.element.pPr
        snum = spr.numPr if spr is not None else None
        if snum is not None:
            if num_id is None and snum.numId is not None:
                num_id = snum.numId.val
            if ilvl is None and snum.ilvl is not None:
                ilvl = snum.ilvl.val
        style = style.base_style
    if num_id is None:
        return None
    return str(num_id), int(ilvl or 0)
