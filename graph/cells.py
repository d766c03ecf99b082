"""Spreadsheet cells that cannot run: the one guard every CSV and workbook the tool writes uses.

Report text and file names are untrusted. A cell that Excel or LibreOffice
reads as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``+cmd|…``) runs when the
file is opened, so, as OWASP recommends for CSV injection, a text cell whose
first character (or first after leading blanks) is ``=``, ``+``, ``-``,
``@``, a tab or a line break (or their full-width forms) is prefixed with a
single quote. Values that are numbers stay numbers: ``-3`` and ``12.5`` are
written as they are, and ``int``/``float`` values are returned unchanged so a
workbook stores them as numeric cells.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

TRIGGERS = frozenset("=+-@\t\r\n＝＋－＠")
_BLANKS = " \u3000\u00a0"
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet will read it harmlessly: numbers as they are, formula-like text quoted.

    >>> safe_cell('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> safe_cell("-3"), safe_cell(-3), safe_cell("调解纠纷12件"), safe_cell(None)
    ('-3', -3, '调解纠纷12件', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, Decimal)):
        return value
    text = str(value)
    if not text or NUMBER.fullmatch(text):
        return text
    first = text.lstrip(_BLANKS)[:1]
    if text[0] in TRIGGERS or (first and first in TRIGGERS):
        return "'" + text
    return text


def safe_row(values: Any) -> list[Any]:
    """``safe_cell`` of every value of a row."""
    return [safe_cell(v) for v in values]


__all__ = ["safe_cell", "safe_row", "TRIGGERS"]
