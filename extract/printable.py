"""Text that is safe to print on a terminal: the one place every command's output goes through.

Report text and file names come from the wild. An ESC (``\\x1b[…``), an OSC
hyperlink or title sequence, a C1 control (``\\x9b`` is a one-byte CSI) or a
bidi override would reach the terminal raw and act there: clear the screen,
hide a line, disguise a name. ``printable`` shows each such character as a
visible escape (``\\x1b``, ``\\u202e``) and decodes surrogate-escaped
(GBK) file names, so what is printed is what the data holds, inert.
"""

from __future__ import annotations

import re

from fazhi.extract.ingest.names import readable_path

# C0 except tab and newline, DEL, C1, bidi embeddings/overrides/isolates, line/paragraph separators
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_ONE_LINE = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, one_line: bool = False) -> str:
    """``text`` with terminal controls shown as escapes; ``one_line`` escapes tabs and newlines too."""
    value = str(text)
    if any("\ud800" <= c <= "\udfff" for c in value):  # a file name with undecodable bytes
        value = readable_path(value)
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, value)


def error_line(path: object, cause: object) -> str:
    """The ``error: PATH: cause`` line, safe to print and always one line."""
    return f"error: {printable(path, one_line=True)}: {printable(cause, one_line=True)}"
