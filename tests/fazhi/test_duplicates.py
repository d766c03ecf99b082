"""The same report in two formats counts once; a draft and a final of one unit and year are both kept.

The docx and pdf copies are written here from the real sample texts (001, 003),
as an office receives one report by mail and from the web site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fazhi.graph.query import run_query, saved_queries

from fazhi.build import run_build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"

S001 = EXAMPLES / "001_d6dfd4b6b2f767cd.txt"
S003 = EXAMPLES / "003_271afd8a14d7d079.txt"


def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for paragraph in text.splitlines():
        document.add_paragraph(paragraph)
    document.save(path)
    return path


def write_pdf(text: str, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = getSampleStyleSheet()["Normal"]
    style.fontName = "STSong-Light"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(p, style) for p in text.splitlines() if p.strip()])
    return path


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """The five samples as .txt, plus 001 as .docx and 003 as .pdf."""
    folder = shutil.copytree(EXAMPLES, tmp_path / "in", ignore=shutil.ignore_patterns("*.md"))
    write_docx(S001.read_text(encoding="utf-8"), folder / "001-from-mail.docx")
    write_pdf(S003.read_text(encoding="utf-8"), folder / "003-from-site.pdf")
    return folder


def _rows(outdir: Path, name: str) -> list[dict]:
    names, rows = run_query(outdir, saved_queries()[name].text)
    return [dict(zip(names, row)) for row in rows]


def test_a_report_as_txt_and_docx_or_pdf_counts_once(mixed, tmp_path):
    out = tmp_path / "out"
    report = run_build([mixed], out, n_process=1, html=False)
    assert not report.failures
    assert len(report.summaries) == 5
    assert report.copies == sorted([
        (str(mixed / "001_d6dfd4b6b2f767cd.txt"), str(mixed / "001-from-mail.docx")),  # docx kept: the author's format
        (str(mixed / "003-from-site.pdf"), str(mixed / "003_271afd8a14d7d079.txt")),
    ])
    hotline = _rows(out, "hotline_cases")
    assert [(r["unit"], r["received"], r["closed"]) for r in hotline] == [("四道河子镇", 38, 34)]
    huajia = [r for r in _rows(out, "unit_hierarchy") if r["unit"] == "华家街道"]
    assert [(r["reports"], r["first_year"]) for r in huajia] == [(1, 2022)]


def test_copies_survive_rebuilds_and_prune_gives_the_report_to_a_remaining_copy(mixed, tmp_path):
    out = tmp_path / "out"
    run_build([mixed], out, n_process=1, html=False)
    again = run_build([mixed], out, n_process=1, html=False)
    assert (again.extracted, again.unchanged, len(again.summaries)) == (0, 7, 5)
    assert len(again.copies) == 2

    (mixed / "001-from-mail.docx").unlink()  # the kept file goes; its .txt copy must become the report
    pruned = run_build([mixed], out, prune=True, n_process=1, html=False)
    assert pruned.extracted == 1 and len(pruned.summaries) == 5
    assert [r["source"] for r in pruned.summaries if r["unit"] == "四道河子镇"] == [str(mixed / S001.name)]
    assert len(_rows(out, "hotline_cases")) == 1

    fresh = run_build([mixed], tmp_path / "fresh", n_process=1, html=False)
    assert fresh.copies == pruned.copies
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()


def test_a_draft_and_a_final_of_one_unit_and_year_are_both_kept(tmp_path, capsys):
    from fazhi.cli.summary import print_build_report

    folder = tmp_path / "in"
    folder.mkdir()
    final = S001.read_text(encoding="utf-8")
    paragraphs = final.splitlines()
    # invented for this behaviour: a draft that lacks the second half of the final's sections
    draft = "\n".join(paragraphs[: max(3, len(paragraphs) // 2)])
    (folder / "001-final.txt").write_text(final, encoding="utf-8")
    (folder / "001-draft.txt").write_text(draft, encoding="utf-8")
    report = run_build([folder], tmp_path / "out", n_process=1, html=False)
    assert report.copies == []
    assert len(report.summaries) == 2
    assert report.same_unit_year == [("四道河子镇", 2023, [str(folder / "001-draft.txt"), str(folder / "001-final.txt")])]
    print_build_report(report)
    assert "several different reports" in capsys.readouterr().out
