"""Run every benchmark and write benchmarks/RESULTS.md.

Usage: python benchmarks/run_all.py [--quick]

Each benchmark is a script in this folder that prints a Markdown section to
stdout; this runner stamps the machine (cores, memory, Python) on top and
collects the sections in one file. ``--quick`` uses small sizes (a smoke run:
minutes, not the full 10,000-report build).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent


def benchmarks(quick: bool) -> list[tuple[str, list[str]]]:
    sizes = ["20", "100"] if quick else ["100", "1000", "10000"]
    largest = f"build-{sizes[-1]}"
    return [
        ("Accuracy on real report openings (shared/realdev), the samples and the invented set", ["accuracy.py"]),
        ("Start-up time", ["startup.py"]),
        ("Extraction throughput vs the blank spaCy tokeniser", ["extract_speed.py"]),
        ("Build time and peak memory", ["build_scale.py", *sizes, "--keep"]),
        (
            "Saved-query latency: embedded Oxigraph vs rdflib in memory",
            ["query_speed.py", "--reports", "100" if quick else "1000"],
        ),
        (
            f"Saved-query latency at {int(sizes[-1]):,} reports (embedded store)",
            ["query_speed.py", "--store", str(HERE / "work" / largest), "--embedded-only"],
        ),
        ("HTML briefing: load to stable network in headless Chromium", ["html_speed.py"]),
    ]


def machine() -> str:
    mem = psutil.virtual_memory().total / 2**30
    return (
        f"Machine: {os.cpu_count()} cores, {mem:.0f} GiB memory, {platform.platform()}, "
        f"Python {platform.python_version()}; run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()

    parts = ["# Benchmark results", "", machine(), ""]
    for title, argv in benchmarks(args.quick):
        print(f"== {title}", file=sys.stderr)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(HERE / argv[0]), *argv[1:]], capture_output=True, text=True)
        took = time.perf_counter() - start
        body = proc.stdout.strip() if proc.returncode == 0 else f"FAILED (exit {proc.returncode}):\n\n```\n{proc.stderr[-3000:]}\n```"
        parts += [f"## {title}", "", f"`python benchmarks/{' '.join(argv)}` ({took:.0f} s)", "", body, ""]
    args.output.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
