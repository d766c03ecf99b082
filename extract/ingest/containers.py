"""Bounds on zip containers (.docx), checked from the zip directory before anything is inflated.

A .docx is a zip: a few MB on disk can inflate to gigabytes (a "zip bomb"
image, a padded document.xml), and an XML part can declare entities that
expand without end. The directory lists every member's uncompressed size,
and Python's zipfile never inflates a member past its declared size, so
summing the directory bounds the work before any part is read; the XML
parts are then scanned, in bounded chunks, for a DOCTYPE (Office never
writes one; entity bombs need one).
"""

from __future__ import annotations

import zipfile

MAX_MEMBERS = 5_000  # parts in one package; a long report with photos has a few hundred
MAX_XML_MEMBER = 64 * 2**20  # one XML part inflated; a 300-page report's document.xml is ~10 MB
MAX_TOTAL = 300 * 2**20  # all parts inflated; images are stored already compressed, so ~ the file size
_CHUNK = 2**20
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class ContainerTooBig(ValueError):
    """The container would inflate past a bound, or holds a construct that expands; one line."""


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def check_zip_bounds(zf: zipfile.ZipFile, what: str = ".docx") -> None:
    """Refuse ``zf`` from its directory alone if a member or the whole inflates past the bounds."""
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        raise ContainerTooBig(f"{what} refused: {len(members):,} parts (limit {MAX_MEMBERS:,})")
    total = 0
    for info in members:
        if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size > MAX_XML_MEMBER:
            raise ContainerTooBig(f"{what} refused: part {info.filename} inflates to {_mb(info.file_size)} "
                                  f"(limit {_mb(MAX_XML_MEMBER)} per XML part)")
        total += info.file_size
    if total > MAX_TOTAL:
        raise ContainerTooBig(f"{what} refused: its parts inflate to {_mb(total)} (limit {_mb(MAX_TOTAL)}; "
                              "a zip bomb or an oversized image?)")


def check_zip_members(zf: zipfile.ZipFile, what: str = ".docx") -> None:
    """Inflate every member once in bounded chunks: CRC-check all, refuse XML with a DOCTYPE.

    Call after ``check_zip_bounds``; raises ``zipfile.BadZipFile`` for a damaged member.
    """
    for info in zf.infolist():
        xml = info.filename.lower().endswith(_XML_SUFFIXES)
        tail = b""
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                if xml:
                    window = tail + chunk
                    if any(marker in window for marker in _DTD_MARKERS):
                        raise ContainerTooBig(f"{what} refused: part {info.filename} declares a DOCTYPE or "
                                              "entities (Office never writes them; entity expansion bomb?)")
                    tail = window[-24:]
