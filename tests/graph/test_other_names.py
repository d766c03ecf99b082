"""Mechanisms and campaigns of kind ``other`` keep their own names: in the briefing graph and in ``other_names``.

No single 其他机制 / 其他活动 hub node links every unit; ``fazhi query -n
other_names`` lists the names with their counts and reports. The hand-made
records quote the real sample texts (tests/graph/c1_records.py); the sample
build is the real extraction of examples/reports.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from fazhi.extract.records import ReportMeta
from fazhi.graph.projection import named_node, to_networkx
from fazhi.graph.query import run_query, saved_queries
from fazhi.graph.store import ReportStore

_spec = importlib.util.spec_from_file_location("c1_records", Path(__file__).with_name("c1_records.py"))
recs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recs)

OTHER_MECH = "https://w3id.org/fazhi-kg/vocab/mechanism/other"
OTHER_CAMP = "https://w3id.org/fazhi-kg/vocab/campaign/other"
QUERY = saved_queries()["other_names"].text
R001 = recs.EXAMPLES / "001_d6dfd4b6b2f767cd.txt"
R002 = recs.EXAMPLES / "002_2f10a698eab78274.txt"


@pytest.fixture(scope="module")
def store() -> ReportStore:
    """Two units naming 政务公开, and each one name of its own."""
    store = ReportStore.in_memory()
    store.sync([
        recs.record_for(R001, ReportMeta(unit="甲镇", year=2022),
                        mechanisms=[("other", "“法治窗口”"), ("other", "政务公开"), ("hotline_12345", "12345")]),
        recs.record_for(R002, ReportMeta(unit="乙团", year=2022),
                        mechanisms=[("other", "权责清单"), ("other", "政务公开")]),
    ])
    return store


def _unit(G: nx.MultiDiGraph, label: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d["type"] == "unit" and d["label"] == label)


def rows(source) -> list[dict]:
    names, found = run_query(source, QUERY)
    return [dict(zip(names, row)) for row in found]


def test_each_name_is_its_own_node_and_no_hub_links_every_unit(store: ReportStore) -> None:
    G = to_networkx(store)
    assert OTHER_MECH not in G and OTHER_CAMP not in G
    assert not any(d["label"] in ("其他机制", "其他活动") for _, d in G.nodes(data=True))
    named = {d["label"]: (n, d) for n, d in G.nodes(data=True) if d.get("key") == "other"}
    assert {"“法治窗口”", "政务公开", "权责清单"} <= set(named)
    a, b = _unit(G, "甲镇"), _unit(G, "乙团")
    node, data = named["政务公开"]
    assert (data["type"], data["count"]) == ("mechanism", 2)  # both units name it: one node, two links
    assert G.has_edge(a, node) and G.has_edge(b, node)
    window, _ = named["“法治窗口”"]
    assert G.has_edge(a, window) and not G.has_edge(b, window)
    edge = G.get_edge_data(a, window)["hasMechanism"]
    assert [ev["quote"] for ev in edge["evidence"]] == ["“法治窗口”"]
    assert "其他机制" in data["labels"]  # still found by searching for the kind


def test_names_are_one_node_whatever_the_quote_marks_and_the_iri_is_deterministic(store: ReportStore) -> None:
    assert named_node(OTHER_MECH, "“法治窗口”") == named_node(OTHER_MECH, "法治窗口") \
        == named_node(OTHER_MECH, '"法治窗口"')
    assert named_node(OTHER_MECH, "法治窗口").startswith(OTHER_MECH + "/")
    assert named_node(OTHER_MECH, "法治窗口") != named_node(OTHER_CAMP, "法治窗口")
    assert list(to_networkx(store).nodes) == list(to_networkx(store).nodes)


def test_other_names_counts_reports_and_units_per_name(store: ReportStore) -> None:
    found = rows(store)
    assert [r["name"] for r in found] == ["政务公开", "权责清单", "法治窗口"]  # widest first, quotes dropped
    first = found[0]
    assert (first["type"], first["mentions"], first["reports"], first["units"]) == ("mechanism", 2, 2, 2)
    assert set(first["unit_names"].split("、")) == {"甲镇", "乙团"}
    assert set(first["sources"].split()) == {str(R001), str(R002)}
    assert not any(r["name"] == "12345" for r in found)  # named kinds are not listed


def test_the_listing_names_what_the_briefing_shows_as_named_nodes(sample_build: Path) -> None:
    found = rows(sample_build)
    assert found, "the samples name mechanisms outside the vocabulary"
    for r in found:
        assert r["type"] in ("mechanism", "campaign") and r["mentions"] >= r["reports"] >= 1
        assert all(Path(src).is_file() for src in r["sources"].split())
    G = to_networkx(sample_build)
    named = {("".join(ch for ch in d["label"] if ch not in "“”\"' "), d["type"])
             for _, d in G.nodes(data=True) if d.get("key") == "other"}
    assert {(r["name"], r["type"]) for r in found} == named


def test_cli_prints_the_listing(sample_build: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "fazhi", "query", "-n", "other_names", "--store", str(sample_build),
                           "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "\ufefftype,name,mentions,reports,units,unit_names,sources"  # BOM for Excel
