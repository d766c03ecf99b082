"""Offset-preserving normalisation: one output character per input character.

Rules match on the normalised text and report offsets into the original, so
every mapping here must turn exactly one character into exactly one
character: traditional → simplified, full-width → half-width, Kangxi
radicals → ideographs, every quote style → ``"``, every middle dot → ``·``.
The character map is built once (OpenCC over the CJK blocks, ~0.2 s) and
applied with one regex substitution, which skips the unchanged characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

QUOTE = '"'
MIDDLE_DOT = "·"

_QUOTES = "“”„‟〝〞〟「」『』﹁﹂﹃﹄＂\"‘’‚‛'＇"
_DOTS = "·・•‧∙⋅･·ㆍ"
_DASHES = "—–―－﹣﹘"
# blocks whose characters may change: radicals, CJK punctuation, ideographs (BMP), compatibility, forms
_CJK_RANGES = ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def _fixed_map() -> dict[str, str]:
    table: dict[str, str] = {}
    for ch in _QUOTES:
        table[ch] = QUOTE
    for ch in _DOTS:
        table[ch] = MIDDLE_DOT
    for ch in _DASHES:
        table[ch] = "-"
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table.setdefault(chr(code), chr(code - 0xFEE0))
    table["\u3000"] = " "  # ideographic space
    table["\u00a0"] = " "
    return table


@lru_cache(maxsize=1)
def char_map() -> dict[str, str]:
    """Every character that normalises to a different single character, and its normal form."""
    import opencc

    fixed = _fixed_map()
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1) if chr(c) not in fixed]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never expected; keep the characters as they are
        converted = chars
    table = dict(fixed)
    for ch, simp in zip(chars, converted):
        out = simp if len(simp) == 1 else ch
        if out == ch:
            nf = unicodedata.normalize("NFKC", ch)
            out = nf if len(nf) == 1 else ch
        out = fixed.get(out, out)
        if out != ch:
            table[ch] = out
    return {k: v for k, v in table.items() if k != v}


@lru_cache(maxsize=1)
def _changer() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(char_map())) + "]")


def normalize_text(text: str) -> str:
    """The normal form of ``text``, exactly as long as ``text``.

    >>> normalize_text("“八·五”普法，憲法")
    '"八·五"普法,宪法'
    """
    table = char_map()
    out = _changer().sub(lambda m: table[m.group()], text)
    if len(out) != len(text):  # every mapping is one character to one character
        raise AssertionError("normalize_text changed the text length")
    return out


def as_written(text: str, norm: str, found: str | None, start: int = 0) -> str | None:
    """``found``, a piece of the normal form, as the original text writes it (its first place from ``start``).

    Rules read the normal form; what they quote must be the report's own characters.
    """
    if found is None:
        return None
    i = norm.find(found, start)
    return text[i:i + len(found)] if i >= 0 else found
