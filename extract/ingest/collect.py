"""Which files a list of input paths means: folders walked, non-reports counted."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.extract.ingest.read import (
    SUPPORTED,
    UNSUPPORTED_DOCUMENTS,
    unsupported_cause,
)


@dataclass
class Collected:
    """The report files found (sorted), how many others were skipped, and bad paths."""

    files: list[Path] = field(default_factory=list)
    skipped: int = 0
    errors: list[tuple[Path, str]] = field(default_factory=list)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # ~$ : Word's lock files


def _resource_folder(name: str) -> bool:
    """Folders of page resources ("Save as web page": X_files, X.files) and of archive
    metadata (__MACOSX): their .htm fragments are not reports."""
    return name.endswith(("_files", ".files", ".fld")) or name == "__MACOSX"


def special_kind(mode: int) -> str:
    """What a non-regular, non-folder file is, for the one-line refusal."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _walk(folder: Path, found: Collected, seen_dirs: set[str], files: list[Path], root: str) -> None:
    """Depth-first walk following symlinks inside ``root``, each real folder visited once (no loops).

    A symlink whose target lies outside the input folder ``root`` is not
    followed: it is listed as an error (it may point at /etc or a whole disk).
    """
    try:
        real = os.path.realpath(folder)
    except OSError as exc:
        found.errors.append((folder, f"cannot open folder: {exc}"))
        return
    if real in seen_dirs:
        return  # a symlink back to a folder already walked
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.errors.append((folder, f"cannot open folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        path = folder / entry.name
        if _hidden(entry.name):
            found.skipped += 1
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks
            is_file = entry.is_file()
        except OSError:
            is_dir = is_file = False
        if (is_dir or is_file) and entry.is_symlink():
            target = os.path.realpath(path)
            if not _inside(target, root):
                found.errors.append((path, f"symbolic link to {target}, outside the input folder: not followed"))
                continue
        if is_dir:
            if _resource_folder(entry.name):
                found.skipped += 1
            else:
                _walk(path, found, seen_dirs, files, root)
        elif is_file:
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            elif path.suffix.lower() in UNSUPPORTED_DOCUMENTS:
                found.errors.append((path, unsupported_cause(path)))  # a report we cannot read
            else:
                found.skipped += 1
        elif entry.is_symlink() and not os.path.exists(path):
            found.errors.append((path, "broken symbolic link"))
        else:  # a FIFO would block a reader forever, a device never ends: refuse, never open
            try:
                kind = special_kind(os.stat(path).st_mode)
            except OSError as exc:
                kind = f"cannot read: {exc.strerror or exc}"
            found.errors.append((path, f"{kind}: not read"))


def collect_inputs(paths: Sequence[Path]) -> Collected:
    """Report files at ``paths`` (files as given, folders recursively), sorted and de-duplicated."""
    found = Collected()
    files: list[Path] = []
    seen_dirs: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            _walk(path, found, seen_dirs, files, os.path.realpath(path))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                found.errors.append((path, unsupported_cause(path)))
        elif path.is_symlink() and not path.exists():
            found.errors.append((path, "broken symbolic link"))
        elif path.exists():
            found.errors.append((path, f"{special_kind(path.stat().st_mode)}: not read"))
        else:
            found.errors.append((path, "no such file or folder"))
    unique: dict[str, Path] = {}
    for f in sorted(files, key=lambda p: (str(p), os.path.realpath(p))):
        unique.setdefault(os.path.realpath(f), f)
    found.files = sorted(unique.values(), key=str)
    return found
