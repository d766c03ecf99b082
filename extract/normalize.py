"""Offset-preserving normalisation: one output character per input character.

Rules match on the normalised text and report offsets into the original, so
every mapping here must turn exactly one character into exactly one
character: traditional → simplified, full-width → half-width, Kangxi
radicals → ideographs, every quote style → ``"``, every middle dot → ``·``.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

QUOTE = '"'
MIDDLE_DOT = "·"

_QUOTES = "“”„‟〝〞〟「」『』﹁﹂﹃﹄＂\"‘’‚‛'＇"
_DOTS = "·・•‧∙⋅･·ㆍ"
_DASHES = "—–―－﹣﹘"

_lock = threading.Lock()
_char_map: dict[str, str] = {}


def _fixed_map() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in _QUOTES:
        table[ord(ch)] = QUOTE
    for ch in _DOTS:
        table[ord(ch)] = MIDDLE_DOT
    for ch in _DASHES:
        table[ord(ch)] = "-"
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table.setdefault(code, chr(code - 0xFEE0))
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "
    table[0x3001] = "、"
    return table


_FIXED = _fixed_map()


@lru_cache(maxsize=1)
def _converter():  # pragma: no cover - trivial
    import opencc

    return opencc.OpenCC("t2s")


def _learn(chars: set[str]) -> None:
    """Work out the one-character normal form of ``chars`` and cache it."""
    todo = sorted(chars)
    converted = _converter().convert("\n".join(todo)).split("\n")
    if len(converted) != len(todo):  # never expected; fall back one by one
        converted = [_converter().convert(c) for c in todo]
    learned: dict[str, str] = {}
    for ch, simp in zip(todo, converted):
        out = simp if len(simp) == 1 else ch
        if out == ch:
            nf = unicodedata.normalize("NFKC", ch)
            if len(nf) == 1:
                out = nf
        learned[ch] = out
    with _lock:
        _char_map.update(learned)


def normalize_text(text: str) -> str:
    """The normal form of ``text``, exactly as long as ``text``.

    >>> normalize_text("“八·五”普法，憲法")
    '"八·五"普法,宪法'
    """
    fixed = text.translate(_FIXED)
    unseen = {c for c in set(fixed) if ord(c) >= 0x2E80 and c not in _char_map}
    if unseen:
        _learn(unseen)
    mapping = _char_map
    out = "".join([mapping.get(c, c) if ord(c) >= 0x2E80 else c for c in fixed])
    assert len(out) == len(text)
    return out
