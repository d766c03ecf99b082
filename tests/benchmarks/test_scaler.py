"""The corpus scaler writes the same readable reports for the same seed."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fazhi.extract.ingest import collect_inputs, read_document

SCALER = Path(__file__).resolve().parents[2] / "benchmarks" / "scaler.py"


@pytest.fixture(scope="module")
def scaler():
    spec = importlib.util.spec_from_file_location("fazhi_scaler", SCALER)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fazhi_scaler"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _corpus(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def test_same_seed_same_bytes_other_seed_other_reports(tmp_path: Path) -> None:
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        subprocess.run([sys.executable, str(SCALER), "12", str(tmp_path / name), "--seed", seed],
                       check=True, capture_output=True, timeout=120)
    a, b, c = (_corpus(tmp_path / n) for n in "abc")
    assert len(a) == 12
    assert a == b
    assert set(a.values()).isdisjoint(c.values())


def test_a_small_corpus_is_the_start_of_a_larger_one(scaler) -> None:
    genre = scaler.load_genre()
    small = [scaler.make_report(genre, i, seed=9) for i in range(5)]
    large = [scaler.make_report(genre, i, seed=9) for i in range(12)]
    assert large[:5] == small


def test_reports_read_as_reports(scaler, tmp_path: Path) -> None:
    paths = scaler.write_corpus(30, tmp_path, seed=1)
    assert collect_inputs([tmp_path]).files == sorted(paths, key=str)
    styles = set()
    for path in paths:
        text = read_document(path).text
        title = text.split("\n", 1)[0]
        year = int(re.search(r"(20\d\d)年", title).group(1))
        assert 2019 <= year <= 2025
        assert re.search(r"法治", title)
        assert len(text) > 800
        assert re.search(r"存在的问题|工作打算", text)
        lines = text.split("\n")
        styles.update(m.group(0) for ln in lines for m in [re.match(r"^(?:[一二三]、|（[一二三]）|[123]\.|（[123]）|[一二三]是)", ln)] if m)
        unit = path.stem.split("_")[1]
        assert unit in title
    kinds = {re.sub(r"[一二三123]", "N", s) for s in styles}
    assert {"N、", "（N）", "N.", "N是"} <= kinds  # several heading styles in one corpus


def test_unit_types_and_parents_vary(scaler) -> None:
    import random

    units = [scaler.make_unit(random.Random(i)) for i in range(300)]
    assert {u.type for u in units} == {"镇", "乡", "街道", "团场", "县", "区", "局"}
    assert len({u.parent for u in units}) > 50
    assert all(u.name.endswith(("镇", "乡", "街道", "团", "县", "区", "局")) for u in units)


def test_mixed_formats_read_back_as_the_same_report(scaler, tmp_path: Path) -> None:
    paths = scaler.write_corpus(8, tmp_path, seed=2, formats=("txt", "docx", "html", "pdf"))
    assert [p.suffix for p in paths] == [".txt", ".docx", ".html", ".pdf"] * 2
    genre = scaler.load_genre()
    for i, path in enumerate(paths):
        expected = scaler.make_report(genre, i, seed=2)[1]
        text = read_document(path).text
        if path.suffix == ".pdf":  # printed lines are re-joined; compare the characters
            assert "".join(text.split()) == "".join(expected.split()), path.name
        else:
            assert [ln.strip() for ln in text.split("\n") if ln.strip()] == expected.rstrip("\n").split("\n"), path.name


def test_unknown_format_is_refused_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCALER), "2", str(tmp_path / "x"), "--formats", "txt,doc"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--formats: unknown doc; choose from txt, docx, html, pdf" in result.stderr
    assert not (tmp_path / "x").exists()
