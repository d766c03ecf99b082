"""CSV tables of a build for spreadsheet users: one table per saved query.

Files are UTF-8 with a byte-order mark and CRLF line ends, so Excel opens
the Chinese text correctly by double-click; cells that a spreadsheet would
read as a formula are quoted (fazhi.graph.cells). A folder gets one ``.csv`` per
table; a ``.zip`` path gets the same files in one deterministic archive.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from fazhi.graph.atomic import write_bytes_atomic
from fazhi.graph.cells import safe_row
from fazhi.graph.query import execute, saved_queries

# table file name -> saved query that fills it
TABLES: dict[str, str] = {
    "reports": "reports",
    "units": "unit_hierarchy",
    "mechanisms": "mechanisms_by_unit_year",
    "numbers": "numbers_with_evidence",
    "problems": "problems",
    "plans": "plans",
}

BOM = b"\xef\xbb\xbf"  # UTF-8 byte-order mark: Excel then reads the file as UTF-8
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same build gives the same bytes


def table_bytes(store: Any, query_name: str) -> bytes:
    """One saved query's answer as Excel-friendly CSV (BOM, header row, CRLF)."""
    saved = saved_queries()[query_name]
    result = execute(store, saved.text, {"limit": "all"} if "limit" in saved.params else None)  # every row
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(safe_row(None if term is None else term.value for term in row))
    return BOM + buffer.getvalue().encode("utf-8")


def write_files(files: dict[str, bytes], out: Path, what: str = "csv") -> Path:
    """Write ``files`` (name → bytes) into the folder ``out``, or into one deterministic zip if ``out`` ends in .zip."""
    if out.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        write_bytes_atomic(out, buffer.getvalue())
        return out
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out}: exists and is not a folder ({what} writes a folder or a .zip)")
    for name, data in files.items():
        write_bytes_atomic(out / name, data)
    return out


def write_tables(store: Any, out: Path) -> Path:
    """Write every table to the folder ``out``, or into the zip file ``out`` if it ends in .zip."""
    return write_files({f"{name}.csv": table_bytes(store, query) for name, query in TABLES.items()}, out)
