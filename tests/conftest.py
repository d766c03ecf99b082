"""Shared fixtures: the sample reports and one build of them per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
GOLD = ROOT / "examples" / "gold"


@pytest.fixture(scope="session")
def sample_reports() -> list[Path]:
    """The five real sample reports, in file-name order."""
    return sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    """Hand annotations keyed by the report's number (``"000"`` …)."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory made by ``run_build`` from examples/reports (built once)."""
    from fazhi.build import run_build

    outdir = tmp_path_factory.mktemp("sample-build")
    report = run_build([EXAMPLES], outdir)
    assert not report.failures, report.failures
    return outdir
