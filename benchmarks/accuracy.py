"""Accuracy of the extractor against hand annotations: P/R/F1 per field and metadata accuracy.

Usage: python benchmarks/accuracy.py [REPORTS_DIR] [GOLD_DIR] [--details]
(defaults: examples/reports examples/gold). Same figures as ``fazhi evaluate``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from fazhi.evaluate import evaluate_paths, format_table

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    details = "--details" in argv
    args = [a for a in argv if not a.startswith("--")]
    reports = Path(args[0]) if args else ROOT / "examples" / "reports"
    gold = Path(args[1]) if len(args) > 1 else ROOT / "examples" / "gold"
    t0 = time.perf_counter()
    scores = evaluate_paths([reports], gold)
    print(f"{scores.n} reports scored in {time.perf_counter() - t0:.1f} s\n")
    print(format_table(scores))
    if details:
        for rs in scores.reports:
            print(f"\n== {rs.report}")
            for name in rs.missed:
                if rs.missed[name]:
                    print(f"  missed {name}: " + " | ".join(rs.missed[name]))
                if rs.spurious[name]:
                    print(f"  spurious {name}: " + " | ".join(rs.spurious[name]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
