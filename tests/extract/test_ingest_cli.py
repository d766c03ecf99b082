"""`fazhi extract --format text` as a user runs it: cleaned text out, one error line per bad file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _fazhi(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def test_extract_text_prints_the_cleaned_report(sample_reports: list[Path]) -> None:
    path = next(p for p in sample_reports if p.name.startswith("004"))
    result = _fazhi("extract", str(path), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("第三师五十一团唐驿镇法治政府建设工作报告\n（2023年度）\n")
    assert "[bookmark:" not in result.stdout
    assert "— 1 —" not in result.stdout


def test_bad_file_beside_good_one_exit_1_and_one_error_line(sample_reports: list[Path], tmp_path: Path) -> None:
    good = next(p for p in sample_reports if p.name.startswith("003"))
    bad = tmp_path / "损坏 文件.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    result = _fazhi("extract", str(good), str(bad), "--format", "text")
    assert result.returncode == 1
    assert "华家街道在新区党工委、管委会的正确领导下" in result.stdout
    assert result.stderr.strip().splitlines() == [f"error: {bad}: not text: binary data (NUL bytes)"]


def test_gbk_file_prints_as_utf8(tmp_path: Path) -> None:
    text = "2022年,华家街道在新区党工委、管委会的正确领导下,扎实推进法治政府建设。\n"
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    result = _fazhi("extract", str(path), "--format", "text")
    assert result.returncode == 0 and result.stdout == text
