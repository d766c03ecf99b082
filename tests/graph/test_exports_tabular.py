"""What analysts carry out of a build: the overview workbook, Neo4j import files, formula-safe CSV."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from fazhi.graph.export import FORMATS, ExportError, export
from typer.testing import CliRunner

from fazhi.cli import app

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '=HYPERLINK("http:__evil.example","x").txt'  # a file name Excel would run as a formula


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real sample report saved under a formula-shaped file name, built from inside its folder."""
    from fazhi.build import run_build

    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    shutil.copy(sorted((ROOT / "examples" / "reports").glob("000_*.txt"))[0], root / "in" / HOSTILE)
    here = Path.cwd()
    try:
        import os

        os.chdir(root / "in")
        report = run_build([Path(".")], root / "out", html=False)
    finally:
        os.chdir(here)
    assert not report.failures
    return root / "out"


def test_csv_export_quotes_a_formula_shaped_file_name(hostile_build: Path, tmp_path: Path) -> None:
    export(hostile_build, FORMATS["csv"], tmp_path / "t")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "t" / "reports.csv").read_text("utf-8-sig"))))
    assert [r["source"] for r in rows] == ["'" + HOSTILE]
    assert rows[0]["year"] == "2021"  # numbers stay numbers


# ---------------------------------------------------------------- the workbook


def test_workbook_has_one_sheet_per_overview_table(sample_build: Path, tmp_path: Path) -> None:
    from fazhi.graph.projection import to_networkx
    from openpyxl import load_workbook

    path = tmp_path / "overview.xlsx"
    result = CliRunner().invoke(app, ["export", "--store", str(sample_build), "--format", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(path)
    assert [ws.title.split()[0] for ws in wb] == ["counts", "by_parent", "trend", "lacking", "coverage"]
    counts = {row[0].value: row[1].value for row in wb.worksheets[0].iter_rows(min_row=2)}
    assert counts["报告 reports"] == 5 and counts["报告单位 reporting units"] == 5
    coverage = wb.worksheets[4]
    header = [c.value for c in coverage[1]]
    assert header[:4] == ["单位 unit", "类型 type", "上级 parent", "年份 years"] and "法律顾问" in header
    town = next(r for r in coverage.iter_rows(min_row=2, values_only=True) if r[0] == "四道河子镇")
    assert town[1] == "镇" and town[3] == "2023"
    G = to_networkx(sample_build)
    uid = next(n for n, d in G.nodes(data=True) if d.get("label") == "四道河子镇")
    runs = {G.nodes[v]["label"] for _, v, e in G.out_edges(uid, data=True) if e["type"] == "hasMechanism"}
    plans = {G.nodes[v]["label"] for _, v, e in G.out_edges(uid, data=True) if e["type"] == "plansMechanism"}
    assert runs and {k for k in header[4:] if town[header.index(k)] == "2023"} == runs
    assert {k for k in header[4:] if town[header.index(k)] == "计划"} == plans - runs
    trend = wb.worksheets[2]
    assert all(isinstance(c.value, int) for c in trend[2])  # year, reports, units and counts: numeric cells
    assert path.read_bytes() == export(sample_build, FORMATS["xlsx"], tmp_path / "again.xlsx").read_bytes()


def test_workbook_cells_cannot_be_formulas(tmp_path: Path) -> None:
    """An invented graph whose unit and kind names are formula payloads; a negative count stays a number."""
    import networkx as nx
    from fazhi.graph.xlsx import workbook_bytes
    from openpyxl import load_workbook

    G = nx.MultiDiGraph()
    G.add_node("u1", type="unit", label='=HYPERLINK("http://evil.example","点击")', unit_type="镇", years=[2022],
               reports=[{"title": "t", "source": "a.txt", "year": 2022}], count=1)
    G.add_node("u2", type="unit", label="@SUM(1+1)", unit_type="", years=[2023],
               reports=[{"title": "t", "source": "b.txt", "year": 2023}], count=1)
    G.add_node("k", type="mechanism", label="+cmd|' /C calc'!A0", key="grid", years=[2022], count=1)
    G.add_edge("u1", "k", type="hasMechanism", years=[2022], weight=1, evidence=[])
    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook_bytes(G))
    wb = load_workbook(path)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'=HYPERLINK(\"http://evil.example\",\"点击\")", "'@SUM(1+1)", "'+cmd|' /C calc'!A0"} <= texts


def test_workbook_and_neo4j_need_an_output(sample_build: Path) -> None:
    with pytest.raises(ExportError, match="give -o FILE.xlsx"):
        export(sample_build, FORMATS["xlsx"])
    with pytest.raises(ExportError, match="give -o FOLDER"):
        export(sample_build, FORMATS["neo4j"])


# ---------------------------------------------------------------- Neo4j import files

# neo4j-admin database import: header fields are name:type, :ID / name:ID(group), :LABEL, :START_ID, :END_ID,
# :TYPE; arrays end in [] and split on ';'; booleans are true/false.
NEO4J_TYPES = {"int": int, "long": int, "short": int, "byte": int, "float": float, "double": float,
               "boolean": lambda v: {"true": True, "false": False}[v], "string": str, "char": str}
SPECIAL = re.compile(r"^(\w*):(ID|START_ID|END_ID)(\(\w+\))?$|^:(LABEL|TYPE|IGNORE)$")


def _parse_neo4j(path: Path) -> tuple[list[str], list[dict]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # the importer would read a BOM into the first header
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
    header = next(reader)
    rows = []
    for values in reader:
        assert len(values) == len(header), (path.name, values)
        row = {}
        for field, value in zip(header, values):
            if SPECIAL.match(field):
                row[field] = value
                continue
            name, _, kind = field.partition(":")
            kind = kind or "string"
            array = kind.endswith("[]")
            convert = NEO4J_TYPES[kind.rstrip("[]")]  # KeyError: a type Neo4j does not know
            if value == "":
                continue  # an empty field sets no property
            row[name] = [convert(v) for v in value.split(";")] if array else convert(value)
        rows.append(row)
    return header, rows


def test_neo4j_files_load_the_way_neo4j_admin_reads_them(sample_build: Path, tmp_path: Path) -> None:
    from fazhi.graph.neo4j import NODE_FILES, REL_FILES

    folder = tmp_path / "neo4j"
    result = CliRunner().invoke(app, ["export", "--store", str(sample_build), "--format", "neo4j", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    ids: dict[str, str] = {}
    labels: dict[str, set[str]] = {}
    for name in NODE_FILES:
        header, rows = _parse_neo4j(folder / name)
        id_field = next(f for f in header if f.endswith(":ID"))
        assert ":LABEL" in header
        for row in rows:
            assert row[id_field] not in ids, f"duplicate id {row[id_field]} in {name} and {ids.get(row[id_field])}"
            ids[row[id_field]] = name
            labels.setdefault(row[":LABEL"], set()).add(name)
    assert {"Unit", "MechanismKind", "CampaignKind", "ProblemCategory", "LegalInstrument", "Report", "Number"} <= set(labels)
    types: set[str] = set()
    for name in REL_FILES:
        header, rows = _parse_neo4j(folder / name)
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for row in rows:
            assert row[":START_ID"] in ids and row[":END_ID"] in ids, (name, row)
            types.add(row[":TYPE"])
    assert {"HAS_MECHANISM", "RAN_CAMPAIGN", "SUB_ORGANIZATION_OF", "AUTHORED_BY", "STATES"} <= types
    _, units = _parse_neo4j(folder / "units.csv")
    town = next(u for u in units if u["name"] == "四道河子镇")
    assert town["years"] == [2023] and town["reports"] == 1 and town["unitType"] == "镇"
    _, numbers = _parse_neo4j(folder / "numbers.csv")
    assert any(n["quote"] == "调解成功率达94.5%" and n["value"] == 94.5 for n in numbers)
    assert "neo4j-admin database import full" in (folder / "IMPORT.txt").read_text(encoding="utf-8")


def test_neo4j_files_quote_formula_shaped_text_and_keep_ids_consistent(hostile_build: Path, tmp_path: Path) -> None:
    export(hostile_build, FORMATS["neo4j"], tmp_path / "n.zip")
    import zipfile

    with zipfile.ZipFile(tmp_path / "n.zip") as archive:
        archive.extractall(tmp_path / "n")
    _, reports = _parse_neo4j(tmp_path / "n" / "reports.csv")
    assert [r["source"] for r in reports] == ["'" + HOSTILE]
    _, authored = _parse_neo4j(tmp_path / "n" / "authored.csv")
    assert {a[":START_ID"] for a in authored} == {r["id:ID"] for r in reports}
