"""Reading real report files: txt (any Chinese encoding), docx, pdf, html.

``collect_inputs`` turns the paths a user gives into report files;
``read_document`` turns one file into a cleaned ``Document`` or raises
``IngestError`` whose message is one line naming the file and the cause.
"""

from __future__ import annotations

from fazhi.extract.ingest.collect import Collected, collect_inputs
from fazhi.extract.ingest.errors import IngestError
from fazhi.extract.ingest.read import MAX_BYTES, SUPPORTED, read_document

__all__ = ["Collected", "IngestError", "MAX_BYTES", "SUPPORTED", "collect_inputs", "read_document"]
