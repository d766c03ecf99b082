"""`python -m fazhi` from the repository root works without the editable install.

A normal (non-editable) install puts fazhi.extract … inside site-packages/fazhi,
but run from the checkout the top-level fazhi/ folder shadows that package. The
test starts Python with site processing off (so no editable finder is installed)
and only the site-packages folders on the path (the dependencies): the checkout alone must
then provide every subpackage.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_fazhi_runs_from_the_checkout_without_the_editable_finder() -> None:
    sites = [p for p in sys.path if p.rstrip("/").endswith(("site-packages", "dist-packages"))]
    code = (
        f"import sys, runpy; sys.path += {sites!r}; "
        "sys.argv = ['fazhi', 'extract', 'examples/reports/000_8ba81e8a34f88a98.txt', '--format', 'text']; "
        "runpy.run_module('fazhi', run_name='__main__')"
    )
    proc = subprocess.run([sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.splitlines()[0] == "2021年五团法治政府建设工作报告"
