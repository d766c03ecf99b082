"""Numbers written in Chinese numerals (六百余, 四百五十万, 二十一) and in digits (1,236).

Reports write quantities both ways, often in one sentence; the metrics rules
find the number and this module gives its value.
"""

from __future__ import annotations

from decimal import Decimal

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


def parse_chinese_number(s: str) -> tuple[Decimal, bool] | None:
    """Value of a Chinese numeral (二十一 → 21, 两 → 2, 三四 → 3 approximate), or None.

    Returns (value, approximate); digit strings like 二〇二三 (years) give None.
    """
    if not s:
        return None
    if "点" in s:  # 九十五点六
        whole, _, decimals = s.partition("点")
        head = parse_chinese_number(whole)
        if head is None or not decimals or not all(c in CN_DIGITS for c in decimals):
            return None
        return head[0] + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in decimals)), head[1]
    if all(c in CN_DIGITS for c in s):
        if len(s) == 1:
            return Decimal(CN_DIGITS[s]), False
        if len(s) == 2 and CN_DIGITS[s[1]] == CN_DIGITS[s[0]] + 1:  # 三四次: three or four
            return Decimal(CN_DIGITS[s[0]]), True
        return None
    total = Decimal(0)
    section = Decimal(0)
    digit: int | None = None
    for c in s:
        if c in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[c] != 0:
                return None  # two digits in a row inside a positional numeral
            digit = CN_DIGITS[c]
        elif c in CN_UNITS:
            section += Decimal(1 if digit is None else digit) * CN_UNITS[c]
            digit = None
        elif c in CN_BIG:
            section += Decimal(digit or 0)
            if section == 0:
                section = Decimal(1)
            total += section * CN_BIG[c]
            section = Decimal(0)
            digit = None
    section += Decimal(digit or 0)
    return total + section, False


def parse_number(s: str) -> tuple[Decimal, bool] | None:
    """Value of a number in digits (thousands separators allowed) or Chinese numerals; (value, approximate)."""
    if s[0].isdigit():
        return Decimal(s.replace(",", "")), False
    return parse_chinese_number(s)


def cn_int(s: str) -> int | None:
    """A whole number written in digits, Chinese digit by digit (二〇二三, 一〇六) or positionally (五十一).

    Years, dates and unit names (一〇六团) are written both ways; None when ``s``
    is anything else.
    """
    if s.isdigit():
        return int(s)
    if not s or any(c not in CN_CHARS for c in s):
        return None
    if all(c in CN_DIGITS for c in s):
        return int("".join(str(CN_DIGITS[c]) for c in s))
    parsed = parse_chinese_number(s)
    if parsed is None or parsed[0] != parsed[0].to_integral_value():
        return None
    return int(parsed[0])


def plain_value(value: Decimal) -> int | float:
    """An int when the value is whole (18000, not 18000.0), else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
