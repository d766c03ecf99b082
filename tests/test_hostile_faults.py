"""Faults: a second build into the same folder, a read-only folder, a full disk, a kill mid-swap.

Each fault is real: a second `fazhi build` process, a read-only bind mount
and a small tmpfs in a private mount namespace (``unshare -rm``: no root
needed, nothing outside the test changes), SIGKILL at moments a build is
writing. The previous outputs must stay byte-identical and readable, and
the user sees one line.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
SCALER = ROOT / "benchmarks" / "scaler.py"
FZ = "https://w3id.org/fazhi-kg/ontology#"


def _fazhi(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "COLUMNS": "400"}, cwd=ROOT)


def _copy_examples(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def _fingerprint(out: Path) -> dict[str, str]:
    """SHA-256 of every file of a build (the store's too): what 'intact' means."""
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != "LOCK" and p.parent.name != "cache"
            and not p.name.startswith("LOG")}


def _one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def _namespaces_work() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-rm", "true"], capture_output=True).returncode == 0


needs_namespaces = pytest.mark.skipif(not _namespaces_work(), reason="needs unprivileged mount namespaces (unshare -rm)")


# ----------------------------------------------------------------- two builds


def test_a_second_build_into_the_same_folder_refuses_in_one_line(tmp_path: Path) -> None:
    from fazhi.graph.serve import writer_holds_lock

    inputs = _copy_examples(tmp_path / "reports")
    subprocess.run([sys.executable, str(SCALER), "10", str(inputs / "more"), "--seed", "3"],
                   check=True, capture_output=True, timeout=300)  # a first build that lasts a while
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "fazhi", "build", str(inputs), "-o", str(out), "--no-html"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while not ((out / "store" / "LOCK").exists() and writer_holds_lock(out / "store")):
            assert first.poll() is None and time.monotonic() < deadline, "the first build never held its store"
            time.sleep(0.01)
        start = time.monotonic()
        second = _fazhi("build", str(inputs), "-o", str(out), "--no-html")
        assert time.monotonic() - start < 30
        held = first.poll() is None  # the refusal came while the first build still ran
    finally:
        out_first, err_first = first.communicate(timeout=300)
    assert held
    assert second.returncode == 2
    line = _one_error_line(second.stderr)
    assert str(out / "store") in line and "another process is writing this store" in line
    assert first.returncode == 0, err_first[-2000:]  # the first build was not disturbed
    assert "15 reports in the graph" in out_first


def test_a_build_while_another_program_holds_the_store_refuses(tmp_path: Path) -> None:
    import pyoxigraph as ox

    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    holder = ox.Store(str(out / "store"))  # any writer, e.g. a notebook that opened the store
    try:
        done = _fazhi("build", str(EXAMPLES), "-o", str(out), "--no-html")
    finally:
        del holder
    assert done.returncode == 2
    assert "another process is writing this store" in _one_error_line(done.stderr)


# ----------------------------------------------------------------- read-only folder, full disk


SCENARIO = r'''
import hashlib, os, shutil, subprocess, sys, json
from pathlib import Path
out, inputs, mode, result = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
def fazhi(*args):
    p = subprocess.run([sys.executable, "-m", "fazhi", *args], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "COLUMNS": "400"})
    return {"code": p.returncode, "out": p.stdout, "err": p.stderr}
if mode == "readonly":
    subprocess.run(["mount", "--bind", str(out), str(out)], check=True)
    subprocess.run(["mount", "-o", "remount,ro,bind", str(out)], check=True)
else:  # full: a small tmpfs holding the first build, then filled up
    keep = out.with_name("keep")
    shutil.copytree(out, keep)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(out)], check=True)
    shutil.copytree(keep, out, dirs_exist_ok=True)
    fd = os.open(out / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, bytes(65536))
    except OSError:
        pass
    os.close(fd)
    os.truncate(out / "filler", max(0, os.path.getsize(out / "filler") - 48 * 1024))
runs = {"build": fazhi("build", str(inputs), "-o", str(out)),
        "query": fazhi("query", "--store", str(out), "--name", "reports", "--format", "csv"),
        "extract": fazhi("extract", str(inputs), "--format", "json", "-o", str(out / "records.json"))}
(out / "filler").unlink(missing_ok=True) if mode == "full" else None
files = {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
         for p in sorted(out.rglob("*")) if p.is_file() and p.name != "LOCK" and p.parent.name != "cache"
         and not p.name.startswith("LOG") and p.name != "filler"}
result.write_text(json.dumps({"runs": runs, "files": files}), encoding="utf-8")
'''


def _fault_scenario(tmp_path: Path, mode: str) -> tuple[dict, dict, dict]:
    import json

    inputs = _copy_examples(tmp_path / "reports")
    out = tmp_path / "out"
    first = _fazhi("build", str(inputs), "-o", str(out))
    assert first.returncode == 0, first.stderr[-2000:]
    before = _fingerprint(out)
    (inputs / "000_changed.txt").write_text(  # more work: a changed and a new report
        next(EXAMPLES.glob("000_*.txt")).read_text(encoding="utf-8") + "\n特此报告。\n", encoding="utf-8")
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO, encoding="utf-8")
    result = tmp_path / "result.json"
    subprocess.run(["unshare", "-rm", sys.executable, str(script), str(out), str(inputs), mode, str(result)],
                   check=True, timeout=600, cwd=ROOT)
    data = json.loads(result.read_text(encoding="utf-8"))
    return data["runs"], before, data["files"]


@needs_namespaces
def test_a_read_only_build_folder_gives_one_line_and_keeps_the_outputs(tmp_path: Path) -> None:
    runs, before, after = _fault_scenario(tmp_path, "readonly")
    assert runs["build"]["code"] == 2
    line = _one_error_line(runs["build"]["err"])
    assert "Read-only file system" in line
    assert after == before
    assert runs["query"]["code"] == 0 and runs["query"]["out"].count("\n") == 6  # reads still work there
    assert runs["extract"]["code"] == 1 and "records.json: cannot write (Read-only file system)" in \
        _one_error_line(runs["extract"]["err"])


@needs_namespaces
def test_a_full_disk_gives_one_line_and_keeps_the_outputs(tmp_path: Path) -> None:
    runs, before, after = _fault_scenario(tmp_path, "full")
    assert runs["build"]["code"] == 2, runs["build"]
    line = _one_error_line(runs["build"]["err"])
    assert "No space left on device" in line
    for name in ("graph.ttl", "graph.html", "ontology.html"):
        assert after[name] == before[name], name
    assert runs["query"]["code"] == 0 and runs["query"]["out"].count("\n") == 6  # the old 5 reports
    assert runs["extract"]["code"] == 1 and "No space left on device" in _one_error_line(runs["extract"]["err"])


# ----------------------------------------------------------------- atomic swap of a changed report


def _reports_per_source(store_dir: Path) -> dict[str, int]:
    """How many report nodes, in any graph (registered or not), name each source file."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    counts: dict[str, int] = {}
    for row in store.query(f"SELECT ?g ?src WHERE {{ GRAPH ?g {{ ?r a <{FZ}Report> ; <{FZ}sourcePath> ?src }} }}"):
        name = Path(row["src"].value).name
        counts[name] = counts.get(name, 0) + 1
    return counts


def test_replace_report_is_one_transaction(tmp_path: Path) -> None:
    from fazhi.graph.store import ReportStore

    from fazhi.build import run_build

    run_build([EXAMPLES], tmp_path / "out", html=False)
    with ReportStore.open(tmp_path / "out" / "store") as store:
        known = store.report_hashes()
        old = sorted(known)[0]
        with pytest.raises(SyntaxError):  # a broken new graph: nothing of the swap happens
            store.replace_report("f" * 64, b"<urn:a> <urn:b> .\n", [old])
        assert old in store.report_hashes() and len(store.report_graphs()) == 5
        quads = store.store.dump(format=__import__("pyoxigraph").RdfFormat.N_TRIPLES,
                                 from_graph=__import__("pyoxigraph").NamedNode(
                                     "https://w3id.org/fazhi-kg/graph/report/" + old))
        renamed = quads.replace(old.encode(), b"e" * 64)
        store.replace_report("e" * 64, renamed, [old])
        hashes = store.report_hashes()
        assert old not in hashes and "e" * 64 in hashes and len(store.report_graphs()) == 5


def test_a_kill_while_changed_reports_are_swapped_never_leaves_two_versions(tmp_path: Path) -> None:
    inputs = _copy_examples(tmp_path / "reports")
    subprocess.run([sys.executable, str(SCALER), "10", str(inputs / "more"), "--seed", "5"],
                   check=True, capture_output=True, timeout=300)
    out = tmp_path / "out"
    first = _fazhi("build", str(inputs), "-o", str(out), "--no-html")
    assert first.returncode == 0, first.stderr[-2000:]
    files = sorted(p for p in inputs.rglob("*.txt"))
    assert _reports_per_source(out / "store") == {p.name: 1 for p in files}
    for path in files:  # every report changes: the next build replaces all 15
        path.write_text(path.read_text(encoding="utf-8") + "\n特此报告。\n", encoding="utf-8")

    v1 = tmp_path / "out-v1"
    shutil.copytree(out, v1)
    cmd = [sys.executable, "-m", "fazhi", "build", str(inputs), "-o", str(out), "--no-html"]

    def store_size() -> int:
        size = 0
        for p in (out / "store").iterdir():
            try:
                size += p.stat().st_size
            except FileNotFoundError:
                pass
        return size

    def after_growth(delay: float):
        baseline, grew = store_size(), []

        def ready() -> bool:
            if not grew and store_size() > baseline + 20_000:
                grew.append(time.monotonic())
            return bool(grew) and time.monotonic() - grew[0] >= delay
        return ready

    def after_a_bulk_load():  # a loaded spill is removed: new graphs are in, the old not yet dropped
        seen = []

        def ready() -> bool:
            spills = list(out.glob(".load-*.nq"))
            if spills:
                seen.append(1)
            return bool(seen) and not spills
        return ready

    moments = {"store grows": after_growth(0.0), "store grew 0.1 s ago": after_growth(0.1),
               "a bulk load just ended": after_a_bulk_load()}
    killed = []
    for moment, ready in moments.items():
        shutil.rmtree(out)
        shutil.copytree(v1, out)  # every kill interrupts the same swap of all 15 reports
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + 300
        while child.poll() is None and time.monotonic() < deadline:
            if ready():
                os.kill(child.pid, signal.SIGKILL)
                killed.append(moment)
                break
            time.sleep(0.001)
        child.wait(timeout=60)
        counts = _reports_per_source(out / "store")
        assert counts == {p.name: 1 for p in files}, (moment, counts)  # old or new, never both
    assert "store grows" in killed, killed
    final = _fazhi("build", str(inputs), "-o", str(out), "--no-html")
    assert final.returncode == 0
    assert _reports_per_source(out / "store") == {p.name: 1 for p in files}
    assert "15 reports in the graph" in final.stdout
