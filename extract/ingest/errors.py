"""The one exception ingest raises: a file that cannot become a report text."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file could not be read as a report; ``cause`` is one line, no traceback.

    ``str(error)`` is ``"PATH: cause"``, ready for an ``error:`` line on stderr.
    """

    def __init__(self, path: str | Path, cause: str) -> None:
        from fazhi.extract.ingest.names import readable_path

        self.path = readable_path(path)  # GBK names from Windows archives, decoded
        self.cause = " ".join(str(cause).split())  # always exactly one line
        super().__init__(f"{self.path}: {self.cause}")
