"""Bytes of a plain-text report → str, or a clear refusal.

Reports arrive as UTF-8 (with or without BOM), GB18030/GBK, Big5 or UTF-16.
Strict decodings are tried in a fixed order and each result is checked for the
signs of a wrong guess (control characters, private-use code points, rare
characters where common ones should be), so a file is never silently
mis-decoded: it is either read as written or rejected as "not text".
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it shares the prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy Chinese encodings, most likely first. GB18030 is a superset of GBK
# and GB2312; trying it before Big5 keeps GBK text from decoding as Big5 mojibake.
LEGACY = ("gb18030", "big5")

MIN_PLAUSIBLE = 0.8  # share of non-ASCII characters that must look like real text


class NotText(ValueError):
    """The bytes are not text in any encoding we accept; the message says why."""


@functools.lru_cache(maxsize=65536)
def _is_common_hanzi(ch: str) -> bool:
    """A character in the first (most frequent) level of GB2312 or of Big5."""
    try:
        gb = ch.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
        return len(b5) == 2 and 0xA440 <= (b5[0] << 8 | b5[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


def _is_plain_symbol(ch: str) -> bool:
    """Punctuation and letters a Chinese or Western report plausibly contains."""
    code = ord(ch)
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or 0x2010 <= code <= 0x2027:
        return True  # CJK punctuation, full-width forms, dashes and quotes
    if 0x2460 <= code <= 0x24FF or 0x2160 <= code <= 0x217F:
        return True  # circled and Roman numerals used in numbered lists
    if ch in "·×÷°±≤≥‰℃№":
        return True
    return 0x00C0 <= code <= 0x024F and unicodedata.category(ch).startswith("L")  # é, ü …


def plausibility(text: str) -> float:
    """Share of non-ASCII characters that are common hanzi or ordinary symbols."""
    sample = text[:200_000]
    other = [c for c in sample if ord(c) > 0x7F and not c.isspace()]
    if not other:
        return 1.0
    good = sum(1 for c in other if _is_common_hanzi(c) or _is_plain_symbol(c))
    return good / len(other)


_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")  # Cc except \t\n\v\f\r and ^Z
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff\ud800-\udfff]")  # private use, surrogates


def garbage_reason(text: str) -> str | None:
    """Why ``text`` is not a readable text (binary, undecodable), or None."""
    sample = text[:200_000]
    if not sample.strip():
        return None  # emptiness is reported by the caller
    n = len(sample)
    if "\x00" in sample:
        return "not text: binary data (NUL bytes)"
    if len(_CONTROL.findall(sample)) > max(2, n // 200):
        return "not text: binary data (control characters)"
    if sample.count("\ufffd") > max(2, n // 100):
        return "not text: contains undecodable characters (U+FFFD)"
    if len(_PRIVATE.findall(sample)) > max(2, n // 100):
        return "not text: private-use characters (wrong encoding?)"
    return None


_MOJIBAKE = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u0152-\u0178\u2018-\u203a\u02c6-\u02dc\u20ac\u2122]")


def _double_encoded(text: str) -> bool:
    """UTF-8 that was once read as Latin-1/CP1252 and saved again (æ³•æ²»…)."""
    hits = len(_MOJIBAKE.findall(text[:200_000]))
    return hits >= 3 and hits * 4 > sum(1 for c in text[:200_000] if ord(c) > 0x7F)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


MAX_DAMAGE = 1 / 2000  # bad sequences per character a UTF-8 file may have and still be read


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut-off last character, one flipped byte):
    read it with each broken spot shown as U+FFFD rather than refuse the report."""
    text = data.decode("utf-8", errors="replace")
    damage = text.count("\ufffd")
    if damage > max(2, len(text) * MAX_DAMAGE) or garbage_reason(text) is not None:
        return None
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM shows NULs in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.3 * len(zeros):
            text = _strict(data, encoding)
            if text is not None and garbage_reason(text) is None:
                return text
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a text file's bytes; raises NotText with the cause."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            if text is None:
                raise NotText(f"not text: invalid {encoding.upper()} after its byte-order mark")
            reason = garbage_reason(text)
            if reason:
                raise NotText(reason)
            return text, encoding + ("-sig" if encoding == "utf-8" else "")

    text = _strict(data, "utf-8")
    if text is not None:
        reason = garbage_reason(text)
        if reason:
            raise NotText(reason)
        if _double_encoded(text):
            raise NotText("not text: mojibake (UTF-8 decoded twice)")
        return text, "utf-8"

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"

    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8 (damaged bytes replaced by U+FFFD)"

    best: tuple[float, str, str] | None = None
    # UTF-16 without BOM and with few ASCII characters has no NULs to show it:
    # only the plausibility of the decoded characters tells it from GBK.
    candidates = LEGACY + (("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ())
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is None or garbage_reason(text):
            continue
        score = plausibility(text)
        if score >= MIN_PLAUSIBLE:
            return text, encoding
        if best is None or score > best[0]:
            best = (score, text, encoding)

    if b"\x00" in data[:65536]:
        raise NotText("not text: binary data (NUL bytes)")
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        text, encoding = guess
        if not garbage_reason(text) and plausibility(text) >= MIN_PLAUSIBLE:
            return text, encoding
    if best is not None:
        raise NotText(f"not text: decodes as {best[2]} only to unlikely characters (mojibake?)")
    raise NotText("not text: binary data or an unknown encoding")


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """The encoding charset-normalizer finds most coherent, for everything else."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:1_000_000]).best()
    if match is None:
        return None
    text = _strict(data, match.encoding)
    return (text, match.encoding) if text is not None else None
