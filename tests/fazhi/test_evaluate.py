"""The scorer follows the gold guide's matching rules; ``fazhi evaluate`` prints and fails clearly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fazhi.extract.records import Mention, Metric, Problem, ReportMeta, ReportRecord

from fazhi.evaluate import GoldError, evaluate, gold_key, load_gold, score_report

ROOT = Path(__file__).resolve().parents[2]
TEXT = "一、主要举措\n受理“12345”平台反馈问题38件,调解成功率达100%。\n二、存在的问题\n一是干部法治观念还不够强。理论学习不够积极。\n"


def record(mentions=(), problems=(), metrics=(), **meta) -> ReportRecord:
    return ReportRecord("reports/007_abc.txt", "0" * 64, ReportMeta(**meta), list(mentions), list(problems), [],
                        list(metrics))


def mention(kind: str, text: str, typ: str = "mechanism") -> Mention:
    start = TEXT.find(text)
    return Mention(typ, kind, text, start, start + len(text), "work")


GOLD = {
    "unit": "华家街道", "unit_type": "街道", "parent": None, "year": 2022,
    "mechanisms": [{"kind": "hotline_12345", "text": "12345”平台"}, {"kind": "legal_aid", "text": "法律援助"}],
    "campaigns": [],
    "problems": [{"text": "干部法治观念还不够强"}],
    "metrics": [{"text": "调解成功率达100%", "value": 100, "unit": "%"}],
}


def test_mentions_match_by_kind_and_containment_in_either_direction() -> None:
    rec = record([mention("hotline_12345", "“12345”平台反馈"), mention("hotline_12345", "12345")])
    rs = score_report(rec, GOLD, TEXT)
    c = rs.fields["mechanisms"]
    assert (c.matched_pred, c.pred, c.matched_gold, c.gold) == (2, 2, 1, 2)
    assert rs.missed["mechanisms"] == ["legal_aid:法律援助"]


def test_same_wording_twice_counts_once_and_wrong_kind_does_not_match() -> None:
    rec = record([mention("hotline_12345", "12345”平台"), mention("hotline_12345", "12345”平台"),
                  mention("legal_hotline", "12345”平台")])
    c = score_report(rec, GOLD, TEXT).fields["mechanisms"]
    assert (c.matched_pred, c.pred) == (1, 2)
    kinds = score_report(rec, GOLD, TEXT).fields["mechanism_kinds"]
    assert (kinds.matched_pred, kinds.pred, kinds.matched_gold, kinds.gold) == (1, 2, 1, 2)


def test_problems_match_when_spans_overlap_in_the_report() -> None:
    start = TEXT.find("干部法治观念")
    longer = Problem("干部法治观念还不够强。理论学习不够积极", start, start + 19, "awareness")
    elsewhere_start = TEXT.find("理论学习")
    elsewhere = Problem("理论学习不够积极", elsewhere_start, elsewhere_start + 8, "awareness")
    c = score_report(record(problems=[longer, elsewhere]), GOLD, TEXT).fields["problems"]
    assert (c.matched_pred, c.pred, c.matched_gold, c.gold) == (1, 2, 1, 1)


def test_metrics_need_equal_values_and_overlapping_text() -> None:
    start = TEXT.find("100%")
    right = Metric("100%", start, start + 4, 100, "%")
    wrong_value = Metric("100%", start, start + 4, 10, "%")
    other_place = Metric("38件", TEXT.find("38件"), TEXT.find("38件") + 3, 100, "件")
    c = score_report(record(metrics=[right, wrong_value, other_place]), GOLD, TEXT).fields["metrics"]
    assert (c.matched_pred, c.pred, c.matched_gold, c.gold) == (1, 3, 1, 1)


def test_metadata_comparison_and_micro_totals(tmp_path: Path) -> None:
    (tmp_path / "007.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    recs = [record([mention("hotline_12345", "12345”平台")], unit="华家街道", unit_type="街道", year=2021),
            ReportRecord("reports/999_x.txt", "1" * 64)]
    scores = evaluate(recs, tmp_path, texts={"reports/007_abc.txt": TEXT})
    assert scores.n == 1 and scores.unmatched == ["reports/999_x.txt"]
    assert scores.meta_correct == {"unit": 1, "unit_type": 1, "parent": 1, "year": 0}
    assert scores.fields["mechanisms"].recall == 0.5
    assert scores.fields["campaigns"].f1 == 1.0  # nothing expected, nothing predicted


def test_gold_key_and_bad_gold_files(tmp_path: Path) -> None:
    assert gold_key("examples/reports/003_271afd8a14d7d079.txt") == "003"
    with pytest.raises(GoldError, match="gold folder not found"):
        load_gold(tmp_path / "missing")
    (tmp_path / "001.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="001.json"):
        load_gold(tmp_path)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi", "evaluate", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_cli_prints_the_table_for_the_samples() -> None:
    proc = run_cli("examples/reports/003_271afd8a14d7d079.txt", "--gold", "examples/gold", "--details")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:4] == ["field", "P", "R", "F1"]
    row = next(line for line in lines if line.startswith("mechanism_kinds"))
    assert float(row.split()[3]) >= 0.9
    assert "unit             accuracy 1.000 (1/1)" in proc.stdout


def test_cli_bad_gold_folder_is_one_clear_line(tmp_path: Path) -> None:
    proc = run_cli("examples/reports", "--gold", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"error: {tmp_path / 'nope'}: gold folder not found"]


def test_cli_without_arguments_scores_real_text_first_then_samples_then_invented() -> None:
    from fazhi.evaluate import default_sets

    proc = run_cli()
    assert proc.returncode == 0, proc.stderr
    heads = [line.split(":")[0] for line in proc.stdout.splitlines() if line.startswith("== ")]
    assert heads == ["== realdev", "== samples", "== invented"]
    realdev = default_sets()[0]
    if realdev.reports.is_dir():
        assert proc.stdout.startswith("== realdev: real report openings") and "60 reports" in proc.stdout.splitlines()[0]
    else:
        assert proc.stdout.startswith(f"== realdev: skipped, {realdev.reports} not found")
    assert "tests/data/invented" in proc.stdout and "holdout" not in proc.stdout
