"""A mechanism or campaign of kind ``other`` keeps its own name in the briefing graph: no 其他机制 hub.

Records are hand-made over the real sample texts (tests/graph/c1_records.py):
each quote is located in its report, so the evidence is the report's words.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import networkx as nx

from fazhi.extract.records import ReportMeta
from fazhi.graph.projection import named_node, to_networkx
from fazhi.graph.store import ReportStore

_spec = importlib.util.spec_from_file_location("c1_records", Path(__file__).with_name("c1_records.py"))
recs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recs)

OTHER_MECH = "https://w3id.org/fazhi-kg/vocab/mechanism/other"
OTHER_CAMP = "https://w3id.org/fazhi-kg/vocab/campaign/other"
R001 = recs.EXAMPLES / "001_d6dfd4b6b2f767cd.txt"
R002 = recs.EXAMPLES / "002_2f10a698eab78274.txt"


def graph() -> nx.MultiDiGraph:
    store = ReportStore.in_memory()
    store.sync([
        recs.record_for(R001, ReportMeta(unit="甲镇", year=2022),
                        mechanisms=[("other", "“法治窗口”"), ("other", "政务公开"), ("hotline_12345", "12345")]),
        recs.record_for(R002, ReportMeta(unit="乙团", year=2022),
                        mechanisms=[("other", "权责清单"), ("other", "政务公开")]),
    ])
    return to_networkx(store)


def _unit(G: nx.MultiDiGraph, label: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d["type"] == "unit" and d["label"] == label)


def test_each_name_is_its_own_node_and_no_hub_links_every_unit() -> None:
    G = graph()
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


def test_names_are_one_node_whatever_the_quote_marks_and_the_iri_is_deterministic() -> None:
    assert named_node(OTHER_MECH, "“法治窗口”") == named_node(OTHER_MECH, "法治窗口") \
        == named_node(OTHER_MECH, '"法治窗口"')
    assert named_node(OTHER_MECH, "法治窗口").startswith(OTHER_MECH + "/")
    assert named_node(OTHER_MECH, "法治窗口") != named_node(OTHER_CAMP, "法治窗口")
    assert sorted(graph().nodes) == sorted(graph().nodes)
