"""The command line as a user meets it: help, version, exit codes, the main build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi import __version__
from fazhi.cli import app

runner = CliRunner()

COMMANDS = ["build", "extract", "evaluate", "query", "export", "validate", "view", "serve", "push"]


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from fazhi.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'rdflib', 'pyoxigraph', 'pyvis', 'pyshacl') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


def test_python_dash_m_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "fazhi", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert __version__ in proc.stdout


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "missing"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["build", "--no-such-option"])
    assert result.exit_code == 2


def test_extract_text_prints_cleaned_report(sample_reports: list[Path]) -> None:
    report = sample_reports[4]  # carries a Word bookmark marker and a page-number line
    result = runner.invoke(app, ["extract", str(report), "--format", "text"])
    assert result.exit_code == 0
    assert "[bookmark:" not in result.stdout
    assert "第三师五十一团唐驿镇法治政府建设工作报告" in result.stdout


def test_build_sample_reports_names_all_five_units(tmp_path: Path) -> None:
    import rdflib

    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "examples/reports", "-o", str(out)])
    assert result.exit_code == 0, result.output
    for unit in ("五团", "四道河子镇", "106团", "华家街道", "五十一团唐驿镇"):
        assert unit in result.output
    graph = rdflib.Dataset()
    graph.parse(out / "graph.ttl", format="turtle")
    labels = {str(o) for o in graph.objects()}
    for unit in ("五团", "四道河子镇", "106团", "华家街道", "五十一团唐驿镇"):
        assert unit in labels
    assert (out / "graph.html").stat().st_size > 0


def test_build_with_a_bad_file_exits_1_and_keeps_the_good_ones(
    tmp_path: Path, sample_reports: list[Path]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(sample_reports[1].read_bytes())
    (inputs / "broken.txt").write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert "broken.txt" in result.output
    assert "四道河子镇" in result.output
    assert "四道河子镇" in (out / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.server
def test_build_refuses_a_directory_being_served(sample_build: Path, tmp_path: Path) -> None:
    import shutil
    import socket
    import time

    from fazhi.graph.serve import active_server

    build = tmp_path / "served"
    shutil.copytree(sample_build, build)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--store", str(build), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while active_server(build) is None:
            assert server.poll() is None and time.monotonic() < deadline, "fazhi serve did not start"
            time.sleep(0.2)
        result = runner.invoke(app, ["build", "examples/reports", "-o", str(build)])
        assert result.exit_code == 2
        assert "being served" in result.output
    finally:
        server.terminate()
        server.wait(timeout=30)
