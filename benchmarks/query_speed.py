"""Saved-query latency: the embedded Oxigraph store against rdflib's in-memory Dataset.

Usage: python benchmarks/query_speed.py [--reports 1000] [--base 200] [--repeat 5]
       python benchmarks/query_speed.py --growth 200 2000 [--repeat 5]
       python benchmarks/query_speed.py --store BUILD_DIR --embedded-only

Without --store, a store of N reports is built once (cached in --workdir):
the corpus scaler writes --base distinct reports, the real spaCy pipeline
extracts them, and the records are repeated to N reports, each repeat moved
one year back with its own hash and source (the same units reporting over
several years, as a justice bureau's archive does). The records go through
``ReportStore.sync`` like a build (SHACL validation off: it is not timed).

Every saved query (graph/queries/*.rq) then runs on both engines over the
same quads: Oxigraph with ``use_default_graph_as_union``, rdflib with
``Dataset(default_union=True)``. Times are medians of --repeat runs with the
rows materialised (rdflib: one run when a query takes over 10 s, and a query
still running after --rdflib-timeout is stopped and shown as a lower bound). Prints a
Markdown table and the median speed-up; row counts from both engines are
shown so a speed-up never hides a different answer.

``--growth SMALL LARGE`` times every saved query on Oxigraph alone at two
store sizes of the same shape, and prints their ratio: a query whose answer
does not grow with the corpus should stay roughly flat, not grow with it.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLOW_SECONDS = 10.0


def code_key() -> str:
    """A short hash of the extractor's, the graph builder's and the ontology's files: records and stores of other code are not reused."""
    import fazhi.extract
    import fazhi.graph
    import fazhi.ontology

    digest = hashlib.sha256()
    for package in (fazhi.extract, fazhi.graph, fazhi.ontology):
        root = Path(package.__file__).parent
        for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".ttl")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def ensure_records(base: int, workdir: Path, seed: int) -> list:
    """Extraction records of ``base`` scaler reports (extracted once per version of the code, cached as JSON lines)."""
    from fazhi.extract.records import ReportRecord

    cache = workdir / f"records-{base}-seed{seed}-{code_key()}.jsonl"
    if not cache.exists():
        corpus = workdir / f"corpus-{base}-seed{seed}"
        if not (corpus.exists() and sum(1 for _ in corpus.rglob("*.txt")) >= base):
            shutil.rmtree(corpus, ignore_errors=True)
            subprocess.run([sys.executable, str(HERE / "scaler.py"), str(base), str(corpus),
                            "--seed", str(seed)], check=True, stdout=sys.stderr)
        from fazhi.extract.ingest import collect_inputs
        from fazhi.graph.atomic import write_text_atomic

        from fazhi.build import extract_all, read_documents

        started = time.perf_counter()
        docs, failures = read_documents(collect_inputs([corpus]).files)
        records = extract_all(docs)
        print(f"  extracted {len(records)} reports in {time.perf_counter() - started:.1f} s"
              f" ({len(failures)} unreadable)", file=sys.stderr)
        write_text_atomic(cache, "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                                         for r in records))
    lines = cache.read_text(encoding="utf-8").splitlines()
    return [ReportRecord.from_dict(json.loads(line)) for line in lines if line]


def scaled(records: list, n: int) -> list:
    """``n`` records: the base records, then repeats one year earlier each, with new hashes."""
    out = []
    for i in range(n):
        base = records[i % len(records)]
        cycle = i // len(records)
        if cycle == 0:
            out.append(base)
            continue
        meta = dataclasses.replace(base.report,
                                   year=base.report.year - cycle if base.report.year else None)
        sha = hashlib.sha256(f"{base.sha256}/{cycle}".encode()).hexdigest()
        out.append(dataclasses.replace(base, sha256=sha, source=f"{base.source}#{cycle}", report=meta))
    return out


def ensure_store(n: int, base: int, workdir: Path, seed: int) -> Path:
    """A build directory whose store holds ``n`` reports (built once, then reused)."""
    from fazhi.graph.store import ReportStore

    out = workdir / f"query-{n}-base{base}-seed{seed}-{code_key()}"
    if (out / "store" / "CURRENT").is_file():
        return out
    records = scaled(ensure_records(base, workdir, seed), n)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    with ReportStore.open(out / "store", validate=False) as store:
        store.sync(records)
    print(f"  loaded {n} reports into {out / 'store'} in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return out


def median_seconds(run, repeat: int) -> tuple[float, int]:
    """Median wall time of ``run()`` over ``repeat`` runs (one if it is slow) and its row count."""
    times, rows = [], 0
    for i in range(repeat):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
        if i == 0 and times[0] > SLOW_SECONDS:
            break
    return statistics.median(times), rows


def timed_in_child(run, repeat: int, timeout: float) -> tuple[float | None, int]:
    """``median_seconds(run)`` in a forked child (it shares the loaded Dataset); None on timeout.

    rdflib cannot be interrupted inside a query, so a query slower than
    ``timeout`` is stopped by ending the child, and reported as a lower bound.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=lambda: send.send(median_seconds(run, repeat)), daemon=True)
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        return None, -1
    return receive.recv() if receive.poll() else (None, -1)


def rdflib_dataset(store):
    """The same quads in an rdflib Dataset whose default graph is the union."""
    import pyoxigraph
    import rdflib

    started = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=store.dump(format=pyoxigraph.RdfFormat.N_QUADS), format="nquads")
    print(f"  rdflib loaded {len(ds):,} quads in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    list(ds.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))  # build the SPARQL grammar before forking
    return ds


def count_reports(store) -> int:
    """How many fz:Report nodes the store holds."""
    return len(list(store.query(
        "SELECT ?r WHERE { ?r a fz:Report }", prefixes={"fz": "https://w3id.org/fazhi-kg/ontology#"},
        use_default_graph_as_union=True)))


def oxigraph_times(store, repeat: int) -> dict[str, tuple[float, int]]:
    """Median seconds and row count of every saved query on an embedded store."""
    from fazhi.graph.query import execute, saved_queries

    times = {}
    for query in saved_queries().values():
        times[query.name] = median_seconds(lambda: len(execute(store, query.text).rows), repeat)
        print(f"  {query.name}: {times[query.name][0] * 1000:.1f} ms", file=sys.stderr, flush=True)
    return times


def load() -> str:
    """The machine's load average now, for reading the figures beside it."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def growth(sizes: list[int], args: argparse.Namespace) -> None:
    """Each saved query at two store sizes of the same shape, and the ratio of their times."""
    from fazhi.graph.query import open_store

    small, large = sorted(sizes)
    runs, quads = {}, {}
    for n in (small, large):
        store = open_store(ensure_store(n, min(args.base, small), args.workdir, args.seed))
        quads[n] = len(store)
        print(f"== {n} reports, {quads[n]:,} quads", file=sys.stderr)
        runs[n] = oxigraph_times(store, args.repeat)
    print(f"Oxigraph, median of {args.repeat} runs per query, rows materialised (paged queries: their "
          f"first page); {quads[small] / small:,.0f} quads per report at {small:,}, "
          f"{quads[large] / large:,.0f} at {large:,}; {load()}.\n")
    print(f"| saved query | rows at {small:,} / {large:,} | {small:,} (ms) | {large:,} (ms) | ratio |")
    print("|---|---:|---:|---:|---:|")
    ratios = []
    for name, (t_small, rows_small) in runs[small].items():
        t_large, rows_large = runs[large][name]
        ratio = t_large / t_small if t_small else float("inf")
        ratios.append(ratio)
        print(f"| {name} | {rows_small} / {rows_large} | {t_small * 1000:.1f} | {t_large * 1000:.1f} "
              f"| {ratio:.1f}× |")
    print(f"\nMedian ratio {statistics.median(ratios):.1f}× for {large / small:.0f}× the reports.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="reports in the benchmark store")
    parser.add_argument("--base", type=int, default=200, help="distinct scaler reports extracted")
    parser.add_argument("--store", type=Path, help="use this build directory instead")
    parser.add_argument("--embedded-only", action="store_true", help="skip rdflib")
    parser.add_argument("--growth", type=int, nargs=2, metavar=("SMALL", "LARGE"),
                        help="time every query at two store sizes and print the ratio (Oxigraph only)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=HERE / "work")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rdflib-timeout", type=float, default=120.0,
                        help="stop an rdflib query after this many seconds (reported as a lower bound)")
    args = parser.parse_args()
    if args.growth:
        growth(args.growth, args)
        return

    from fazhi.graph.query import open_store, prefix_header, saved_queries

    build = args.store or ensure_store(args.reports, min(args.base, args.reports), args.workdir, args.seed)
    store = open_store(build)
    reports = count_reports(store)
    dataset = None if args.embedded_only else rdflib_dataset(store)

    results = []
    ox_times = oxigraph_times(store, args.repeat)
    for query in saved_queries().values():
        ox, ox_rows = ox_times[query.name]
        line = {"name": query.name, "ox": ox, "ox_rows": ox_rows}
        if dataset is not None:
            text = prefix_header(query.text) + query.text
            rd, rd_rows = timed_in_child(lambda: len(list(dataset.query(text))), args.repeat,
                                         args.rdflib_timeout)
            if rd is None:  # stopped: the speed-up is at least timeout / Oxigraph time
                rd, rd_rows = args.rdflib_timeout, -1
            line.update(rd=rd, rd_rows=rd_rows, speedup=rd / ox if ox else float("inf"))
        results.append(line)
        if "rd" in line:
            print(f"  {query.name}: rdflib {line['rd'] * 1000:.1f} ms", file=sys.stderr, flush=True)

    print(f"{reports:,} reports, {len(store):,} quads ({len(store) / max(reports, 1):,.0f} per report); "
          f"median of {args.repeat} runs per query, rows materialised (paged queries: their first page); "
          f"{load()}.\n")
    if dataset is None:
        print("| saved query | rows | Oxigraph (ms) |")
        print("|---|---:|---:|")
        for r in results:
            print(f"| {r['name']} | {r['ox_rows']} | {r['ox'] * 1000:.1f} |")
        print(f"\nMedian query: {statistics.median(r['ox'] for r in results) * 1000:.1f} ms; "
              f"slowest {max(r['ox'] for r in results) * 1000:.1f} ms (targets at 10,000 reports: 300 and 2,000).")
        return
    print("| saved query | rows (Oxigraph / rdflib) | Oxigraph (ms) | rdflib (ms) | speed-up |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        stopped = r["rd_rows"] < 0
        rows = (f"{r['ox_rows']} / stopped" if stopped else f"{r['ox_rows']}" if r["ox_rows"] == r["rd_rows"]
                else f"{r['ox_rows']} / {r['rd_rows']}")
        rd = f"> {r['rd'] * 1000:.0f}" if stopped else f"{r['rd'] * 1000:.1f}"
        speedup = f"> {r['speedup']:.1f}×" if stopped else f"{r['speedup']:.1f}×"
        print(f"| {r['name']} | {rows} | {r['ox'] * 1000:.1f} | {rd} | {speedup} |")
    speedups = [r["speedup"] for r in results]
    bound = " (a lower bound: some rdflib queries were stopped)" if any(r["rd_rows"] < 0 for r in results) else ""
    print(f"\nMedian speed-up: {statistics.median(speedups):.1f}×{bound} "
          f"(geometric mean {statistics.geometric_mean(speedups):.1f}×, "
          f"range {min(speedups):.1f}–{max(speedups):.1f}×); target >= 10×.")


if __name__ == "__main__":
    main()
