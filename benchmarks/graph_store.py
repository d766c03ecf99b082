"""Speed of the graph side of a build: records → quads, SHACL check, store load, summaries, outputs.

Usage: python benchmarks/graph_store.py [N ...] [--no-validate]

Extracts the five sample reports once, then makes N distinct reports from
their records (new hashes and source paths; units renamed so linking has
N/5 units per sample unit) and times each graph step on a fresh on-disk store.
Extraction itself is measured by extract_speed.py / build_scale.py.
"""

from __future__ import annotations

import copy
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_records():
    from fazhi.extract.ingest import collect_inputs

    from fazhi.build import extract_all, read_documents

    docs, failures = read_documents(collect_inputs([ROOT / "examples" / "reports"]).files)
    assert not failures, failures
    return extract_all(docs)


def scaled(records, n: int):
    out = []
    for i in range(n):
        r = copy.deepcopy(records[i % len(records)])
        r.sha256 = hashlib.sha256(f"{r.sha256}:{i}".encode()).hexdigest()
        r.source = f"corpus/{i:06d}.txt"
        if r.report.unit:
            r.report.unit = f"{r.report.unit}{i // len(records) % 50}"  # 50 variants per sample unit
        out.append(r)
    return out


def timed(label: str, fn, rows: list):
    t0 = time.perf_counter()
    result = fn()
    rows.append((label, time.perf_counter() - t0))
    return result


def main(argv: list[str]) -> int:
    validate = "--no-validate" not in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [100, 500]
    from fazhi.graph.outputs import write_outputs
    from fazhi.graph.projection import to_networkx
    from fazhi.graph.rdf import records_quads
    from fazhi.graph.store import ReportStore, report_nquads

    base = sample_records()
    print("| reports | quads | step | seconds | ms/report |")
    print("|---:|---:|---|---:|---:|")
    for n in sizes:
        records = scaled(base, n)
        rows: list[tuple[str, float]] = []
        quads = timed("records → quads", lambda: records_quads(records), rows)
        if validate:
            from fazhi.graph.validate import check_quads
            timed("SHACL check", lambda: check_quads(quads), rows)
        with tempfile.TemporaryDirectory() as tmp:
            with ReportStore.open(Path(tmp) / "store", validate=False) as store:
                store.prepare()
                body, markers = timed("records → N-Quads (worker side of a build)",
                                      lambda: report_nquads(records), rows)
                timed("bulk load N-Quads (parent side of a build)",
                      lambda: store.load_reports(body, markers), rows)
                body = markers = b""  # free the N-Quads before the next steps
                timed("incremental re-sync (all known)", lambda: store.sync(records), rows)
                timed("report_summaries", store.report_summaries, rows)
                timed("write_outputs (graph.ttl, ontology.html)", lambda: write_outputs(store, Path(tmp)), rows)
                timed("to_networkx", lambda: to_networkx(store), rows)
        for label, sec in rows:
            print(f"| {n} | {len(quads)} | {label} | {sec:.2f} | {1000 * sec / n:.1f} |")
    import resource

    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
