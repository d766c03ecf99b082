"""Every example in README.md and docs/*.md runs as written.

The examples are read out of the Markdown at test time, so a doc that changes
is tested as it now reads:

- ``sh`` blocks: each command runs in a folder holding the sample reports and a
  build of them in ``out``; a command written as ``$ cmd`` must print the lines
  that follow it. Installing (pip), the test command itself, and commands that
  start a server or push to one (the serve and push tests run those against a
  real Oxigraph server) are skipped.
- An example that talks to ``http://127.0.0.1:7878`` runs against a real
  ``fazhi serve --store out`` started for it.
- ``python`` blocks run in the same folder; ``# name == value`` comments are
  checked against the variables the block left.
- ``sparql`` blocks that are whole queries run with ``fazhi query`` and must
  return rows.
- ``turtle`` blocks parse, unless they are sketches (with … in them).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
# installing, the test command itself, and commands that start or need a store
# server of their own (tests/graph/test_serve.py and test_push.py run those)
NOT_RUN = ("python3 -m pip install", "python3 -m pytest", "bash .ci/run", "fazhi serve", "fazhi push", "oxigraph serve")
SERVED = "127.0.0.1:7878"  # examples that talk to `fazhi serve --store out` on its default address


@dataclass(frozen=True)
class Example:
    doc: str
    line: int
    lang: str
    body: str

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def examples(lang: str) -> list[Example]:
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m.group(1) == lang:
                line = text.count("\n", 0, m.start()) + 1
                found.append(Example(str(path.relative_to(ROOT)), line, lang, m.group(2)))
    return found


def shell_steps(body: str) -> list[tuple[str, list[str] | None]]:
    """(command, expected output lines or None) for each command of an sh block."""
    lines = logical_lines(body)
    steps: list[tuple[str, list[str] | None]] = []
    for line in lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps and steps[-1][1] is not None and line.strip():
            steps[-1][1].append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            steps.append((line, None))
    return [(strip_comment(cmd), out) for cmd, out in steps]


def logical_lines(body: str) -> list[str]:
    """The block's lines, joining a backslash continuation and a quote left open."""
    lines: list[str] = []
    pending: str | None = None
    for line in body.splitlines():
        pending = line if pending is None else pending + line
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
        elif pending.count("'") % 2 or pending.count('"') % 2:
            pending += "\n"
        else:
            lines.append(pending)
            pending = None
    return lines + ([pending] if pending is not None else [])


def strip_comment(command: str) -> str:
    """The command without a trailing `` # comment`` outside quotes."""
    quote = ""
    for i, ch in enumerate(command):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and command[i - 1:i] in (" ", "\t"):
            return command[:i].rstrip()
    return command


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder with the sample reports and their build in ``out``, as after the README's first command."""
    work = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "examples", work / "examples")
    done = run("fazhi build examples/reports -o out", work)
    assert done.returncode == 0, done.stderr
    return work


@pytest.fixture(scope="module")
def served(workdir: Path):
    """``fazhi serve --store out`` on its default address, as the serving docs start it."""
    server = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--store", "out"], cwd=workdir,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://{SERVED}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "fazhi serve did not start"
                time.sleep(0.3)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def needs_server(example: Example, request: pytest.FixtureRequest) -> None:
    if SERVED in example.body:
        request.getfixturevalue("served")


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=300)


@pytest.mark.parametrize("example", examples("sh"), ids=lambda e: e.id)
def test_shell_example_runs(example: Example, workdir: Path, request: pytest.FixtureRequest) -> None:
    needs_server(example, request)
    for command, expected in shell_steps(example.body):
        if "&&" in command and command.startswith("python3 -m pip install"):
            command = command.split("&&", 1)[1].strip()
        if command.startswith(NOT_RUN):
            continue
        done = run(command, workdir)
        assert done.returncode == 0, f"{example.id}: `{command}` failed:\n{done.stderr[-1500:]}"
        if expected:
            assert done.stdout.lstrip("\ufeff").splitlines() == expected, f"{example.id}: `{command}`"


@pytest.mark.parametrize("example", examples("python"), ids=lambda e: e.id)
def test_python_example_runs(example: Example, workdir: Path, monkeypatch, request: pytest.FixtureRequest) -> None:
    """The block runs; each ``# name == value`` comment holds where it stands."""
    needs_server(example, request)
    monkeypatch.chdir(workdir)
    names: dict = {}
    code: list[str] = []
    for line in [*example.body.splitlines(), None]:
        check = re.match(r"^# (\w+)\s*==\s*(.+)$", line or "")
        if check or line is None:
            exec(compile("\n".join(code), example.id, "exec"), names)  # noqa: S102 - the doc's own example
            code = []
        if check:
            assert names[check.group(1)] == ast.literal_eval(check.group(2)), f"{example.id}: {line}"
        elif line is not None:
            code.append(line)


@pytest.mark.parametrize("example", [e for e in examples("sparql") if re.search(r"\b(SELECT|ASK|CONSTRUCT)\b",
                                                                               e.body)], ids=lambda e: e.id)
def test_sparql_example_returns_rows(example: Example, workdir: Path) -> None:
    (workdir / "example.rq").write_text(example.body, encoding="utf-8")
    done = run("fazhi query -f example.rq --format csv", workdir)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) > 1, f"{example.id} returned no rows"


@pytest.mark.parametrize("example", [e for e in examples("turtle") if "…" not in e.body], ids=lambda e: e.id)
def test_turtle_example_parses(example: Example) -> None:
    """Turtle a reader can copy (not a sketch with … in it) is valid Turtle."""
    import rdflib

    assert len(rdflib.Graph().parse(data=example.body, format="turtle")) > 0
