"""File names as people read them: GBK names from Windows archives decoded, never lone surrogates.

On Linux a name that is not UTF-8 (a zip made on Chinese Windows keeps its
GBK bytes) reaches Python with surrogate escapes, which no JSON, RDF or
terminal output can carry. ``readable_path`` decodes each component as
UTF-8, else as GB18030 (a superset of GBK), else shows the odd bytes as
``\\xNN``; the file itself is still opened by its real ``Path``.
"""

from __future__ import annotations

import os
from pathlib import Path


def _readable_part(part: str) -> str:
    try:
        part.encode("utf-8")
        return part  # no surrogate escapes: already readable
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(part)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def readable_path(path: str | Path) -> str:
    """``path`` as text every output can hold (see the module docstring)."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "/".join(_readable_part(p) for p in text.split("/"))


def on_disk(readable: str) -> Path:
    """The file a ``readable_path`` name stands for (the GB18030 bytes again if that exists)."""
    path = Path(readable)
    if path.exists():
        return path
    try:
        raw = readable.encode("gb18030")
    except UnicodeEncodeError:
        return path
    return Path(os.fsdecode(raw))
