"""Start-up time of ``fazhi --help`` (target: under 0.5 s; heavy imports only where needed).

Usage: python benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def time_once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    rows = []
    for label, cmd in [
        ("python -c pass (interpreter alone)", [sys.executable, "-c", "pass"]),
        ("fazhi --help", [sys.executable, "-m", "fazhi", "--help"]),
        ("fazhi build --help", [sys.executable, "-m", "fazhi", "build", "--help"]),
    ]:
        time_once(cmd)  # warm the file cache
        times = [time_once(cmd) for _ in range(args.runs)]
        rows.append((label, statistics.median(times), max(times)))
    print(f"Median and worst of {args.runs} runs (target for `fazhi --help`: under 0.5 s).\n")
    print("| command | median (s) | worst (s) |")
    print("|---|---:|---:|")
    for label, med, worst in rows:
        print(f"| {label} | {med:.3f} | {worst:.3f} |")


if __name__ == "__main__":
    main()
