"""Files made of one block per report, in hash order, each opening with ``# report <sha256>``.

graph.ttl and the build's row cache are such files. A build writes them by
copying blocks: new reports' blocks from a spill file the workers' output
went to, unchanged reports' blocks from the previous file, so no build has
to read its store back (Oxigraph reads about 70,000 quads a second; a
10,000-report store holds 20 million).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from fazhi.graph.atomic import atomic_writer

_HEADER = re.compile(rb"# report ([0-9a-f]{64})\n")
Span = tuple[int, int]  # offset and length of a block in its file


def header(sha: str) -> bytes:
    """The line a report's block opens with."""
    return b"# report " + sha.encode("ascii") + b"\n"


class Spill:
    """Blocks written to an anonymous scratch file in ``directory`` as they arrive, read back by hash.

    The file has no name, so nothing is left behind when the build is killed.
    """

    def __init__(self, directory: Path) -> None:
        self.fh: BinaryIO = tempfile.TemporaryFile(dir=directory)
        self.index: dict[str, Span] = {}

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, sha: str, block: bytes) -> None:
        offset = self.fh.seek(0, 2)
        self.fh.write(block)
        self.index[sha] = (offset, len(block))

    def get(self, sha: str) -> bytes | None:
        """The block of ``sha``, None if none was added (a source for ``write_blocks``)."""
        span = self.index.get(sha)
        if span is None:
            return None
        self.fh.seek(span[0])
        return self.fh.read(span[1])

    def close(self) -> None:
        self.fh.close()


def index_file(path: Path, head: bytes) -> dict[str, Span]:
    """Where each report's block is in ``path``; {} if it is missing or opens with another ``head``.

    ``head`` is everything before the first block (format line, prefixes): a
    file written by another version of the writer is not reused. A block
    runs to the next line that opens with ``# `` (the writers never start
    any other line so: Turtle and JSON escape line breaks inside strings).
    """
    index: dict[str, Span] = {}
    try:
        with open(path, "rb") as fh:
            if fh.read(len(head)) != head:
                return {}
            offset, sha, start = len(head), None, 0
            for line in fh:
                if line.startswith(b"# "):
                    if sha is not None:
                        index[sha] = (start, offset - start)
                    m = _HEADER.match(line)
                    sha, start = (m.group(1).decode("ascii") if m else None), offset
                offset += len(line)
            if sha is not None:
                index[sha] = (start, offset - start)
    except OSError:
        return {}
    return index


def write_blocks(path: Path, head: bytes, shas: Iterable[str],
                 sources: Iterable[Callable[[str], bytes | None]], tail: bytes = b"") -> None:
    """Write ``head``, then each report's block (from the first source that has it), then ``tail``, atomically.

    Blocks come in sorted hash order, so the same reports give the same
    bytes; ``tail`` must open with a ``# `` line of its own. A hash no
    source has raises KeyError.
    """
    sources = list(sources)
    with atomic_writer(path) as out:
        out.write(head)
        for sha in sorted(shas):
            block = next((b for get in sources if (b := get(sha)) is not None), None)
            if block is None:
                raise KeyError(sha)
            out.write(block)
        out.write(tail)


def reader(path: Path, index: dict[str, Span]) -> Callable[[str], bytes | None]:
    """A source for ``write_blocks``: the blocks of an existing file."""

    def get(sha: str) -> bytes | None:
        span = index.get(sha)
        if span is None:
            return None
        with open(path, "rb") as fh:
            fh.seek(span[0])
            return fh.read(span[1])

    return get
