"""Build time and peak memory of ``fazhi build`` at growing corpus sizes.

Usage: python benchmarks/build_scale.py [N ...] [--jobs 2] [--workdir benchmarks/work]

For each N the corpus scaler writes N reports (seeded, cached between runs),
then ``fazhi build`` runs as a child process from an empty build directory;
peak memory is the largest summed RSS of the build's whole process tree
(the parent and its spaCy worker processes), sampled every 50 ms.
Prints a Markdown table, including seconds per 1,000 reports so that
linear growth is visible at a glance.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent


def tree_rss(proc: psutil.Process) -> int:
    """Summed resident memory of ``proc`` and all its descendants, in bytes."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """Run ``cmd``; return (wall seconds, peak tree RSS bytes, exit code)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ps = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        try:
            peak = max(peak, tree_rss(ps))
        except psutil.Error:
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if child.returncode not in (0, 1):
        sys.stderr.write(child.stderr.read().decode("utf-8", "replace")[-2000:])
    return elapsed, peak, child.returncode


def ensure_corpus(n: int, workdir: Path, seed: int) -> Path:
    corpus = workdir / f"corpus-{n}"
    if not (corpus.exists() and sum(1 for _ in corpus.rglob("*.txt")) >= n):
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(HERE / "scaler.py"), str(n), str(corpus), "--seed", str(seed)], check=True
        )
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=psutil.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, default=HERE / "work")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the build directories (for query benchmarks)")
    args = parser.parse_args()

    rows = []
    for n in args.sizes:
        corpus = ensure_corpus(n, args.workdir, args.seed)
        out = args.workdir / f"build-{n}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "fazhi", "build", str(corpus), "-o", str(out), "--jobs", str(args.jobs)]
        elapsed, peak, code = run_measured(cmd)
        rows.append((n, elapsed, peak, code))
        print(f"  {n} reports: {elapsed:.1f} s, peak {peak / 2**20:.0f} MiB, exit {code}", file=sys.stderr)
        if not args.keep and n != max(args.sizes):
            shutil.rmtree(out, ignore_errors=True)

    print(f"Build with `--jobs {args.jobs}` from an empty build directory (scaler seed {args.seed}).\n")
    print("| reports | wall time (s) | s per 1,000 reports | reports/s | peak memory (MiB) | exit |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, elapsed, peak, code in rows:
        print(
            f"| {n:,} | {elapsed:.1f} | {elapsed / n * 1000:.1f} | {n / elapsed:.1f} | {peak / 2**20:.0f} | {code} |"
        )


if __name__ == "__main__":
    main()
