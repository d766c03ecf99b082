"""Accuracy of the extractor against hand annotations: P/R/F1 per field and metadata accuracy.

Usage: python benchmarks/accuracy.py [REPORTS_DIR [GOLD_DIR]] [--details]
Without folders it scores every annotated set, real text first: the 60 real
report openings of ../shared/realdev (beside the repository; skipped with a
note when absent), the five samples (examples/reports against examples/gold),
then the reports written for the tests (tests/data/invented, gold files next
to the reports). Same sets and figures as ``fazhi evaluate``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from fazhi.evaluate import default_sets, evaluate_paths, format_table


def score(name: str, reports: Path, gold: Path, details: bool) -> None:
    t0 = time.perf_counter()
    scores = evaluate_paths([reports], gold)
    print(f"== {name}: {scores.n} reports scored in {time.perf_counter() - t0:.1f} s\n")
    print(format_table(scores))
    if details:
        for rs in scores.reports:
            print(f"\n-- {rs.report}")
            for field in rs.missed:
                if rs.missed[field]:
                    print(f"  missed {field}: " + " | ".join(rs.missed[field]))
                if rs.spurious[field]:
                    print(f"  spurious {field}: " + " | ".join(rs.spurious[field]))
    print()


def main(argv: list[str]) -> int:
    details = "--details" in argv
    args = [a for a in argv if not a.startswith("--")]
    if args:
        reports = Path(args[0])
        score(str(reports), reports, Path(args[1]) if len(args) > 1 else reports, details)
        return 0
    for s in default_sets():
        if s.reports.is_dir() and s.gold.is_dir():
            score(f"{s.name} ({s.about})", s.reports, s.gold, details)
        else:
            print(f"== {s.name}: skipped, {s.reports} not found\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
