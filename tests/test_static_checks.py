"""ruff and mypy stay clean (both pinned in the dev extra; settings in pyproject.toml).

mypy checks the installed package ``fazhi``, whose subpackages live in the
top-level folders extract/, graph/, ontology/, visuals/ (pyproject.toml maps
them). It cannot follow the editable install's import hook, so the test lays
out the package as it is installed, with links into the checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUBPACKAGES = ("extract", "graph", "ontology", "visuals")


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None and not (Path(sys.executable).parent / name).exists():
        pytest.skip(f"{name} is not installed (pip install -e '.[dev]')")
    return [sys.executable, "-m", name]


def test_ruff_finds_nothing() -> None:
    done = subprocess.run([*_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    package = tmp_path / "fazhi"
    package.mkdir()
    for entry in (ROOT / "fazhi").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    for name in SUBPACKAGES:
        (package / name).symlink_to(ROOT / name)
    done = subprocess.run([*_tool("mypy"), "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental",
                           "-p", "fazhi"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
