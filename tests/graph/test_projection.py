"""The networkx projection follows docs/projection.md, from every kind of source."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from fazhi.graph.projection import EDGE_LABELS, to_networkx
from fazhi.graph.source import SourceError
from fazhi.graph.store import ReportStore

_spec = importlib.util.spec_from_file_location("c1_records", Path(__file__).with_name("c1_records.py"))
recs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recs)

HOTLINE = "https://w3id.org/fazhi-kg/vocab/mechanism/hotline_12345"
GRID = "https://w3id.org/fazhi-kg/vocab/mechanism/grid"


@pytest.fixture(scope="module")
def hand_graph() -> nx.MultiDiGraph:
    store = ReportStore.in_memory()
    store.sync([recs.sidaohezi(), recs.tangyi()])
    return to_networkx(store)


def _unit(G: nx.MultiDiGraph, label: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d["type"] == "unit" and d["label"] == label)


def test_unit_node_attributes(hand_graph):
    G = hand_graph
    data = G.nodes[_unit(G, "四道河子镇")]
    assert data["unit_type"] == "镇"
    assert data["parent"] == "沙湾市"  # the report writes 沙湾; placed, the parent is the division 沙湾市
    assert data["years"] == [2023]
    assert data["count"] == 1
    assert data["reports"][0]["title"] == "四道河子镇2023年法治建设工作汇报"
    metric = next(m for m in data["metrics"] if m["value"] == 94.5)
    assert metric == {"measure": "mediation_rate", "phrase": "", "value": 94.5, "unit": "%",
                      "approximate": False, "subject": "", "quote": "调解成功率达94.5%", "prefix": "", "suffix": "", "year": 2023,
                      "source": recs.sidaohezi().source}


def test_kind_nodes_and_edges_carry_evidence(hand_graph):
    G = hand_graph
    u = _unit(G, "四道河子镇")
    kind = G.nodes[HOTLINE]
    assert (kind["type"], kind["key"], kind["label"], kind["count"]) == ("mechanism", "hotline_12345", "12345热线", 1)
    assert kind["label_en"]
    edge = G.get_edge_data(u, HOTLINE)["hasMechanism"]
    assert edge["label"] == "运行" and edge["weight"] == 1 and edge["years"] == [2023]
    text = Path(recs.sidaohezi().source).read_text(encoding="utf-8")
    for ev in edge["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["quote"]
    assert list(G.get_edge_data(u, GRID)) == ["plansMechanism"]


def test_problem_categories_list_their_problems(hand_graph):
    G = hand_graph
    cat = G.nodes["https://w3id.org/fazhi-kg/vocab/problem/legal_adviser"]
    assert cat["type"] == "problem"
    assert [p["text"] for p in cat["problems"]] == ["法律顾问力度不够"]
    assert cat["problems"][0]["unit"] == "五十一团"


def test_parent_and_law_edges(hand_graph):
    G = hand_graph
    u = _unit(G, "五十一团")
    parent = _unit(G, "第三师")
    assert "subOrganizationOf" in G.get_edge_data(u, parent)
    laws = {G.nodes[v]["label"] for _, v, k in G.out_edges(u, keys=True) if k == "cites"}
    assert laws == {"宪法", "民法典"}


def test_attribute_values_are_plain_data(hand_graph):
    def plain(v):
        return isinstance(v, (str, int, float, bool)) or (
            isinstance(v, list) and all(plain(x) for x in v)) or (
            isinstance(v, dict) and all(isinstance(k, str) and plain(x) for k, x in v.items())) or v is None

    for _, d in hand_graph.nodes(data=True):
        assert all(plain(v) for v in d.values())
    for *_, d in hand_graph.edges(keys=True, data=True):
        assert d["type"] in EDGE_LABELS and d["weight"] >= 1
        assert all(plain(v) for v in d.values())


def _signature(G: nx.MultiDiGraph) -> str:
    return json.dumps([sorted(G.nodes(data=True)), sorted((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True))],
                      ensure_ascii=False, sort_keys=True, default=str)


def test_same_projection_from_build_dir_store_and_rdflib_dataset(sample_build):
    from_dir = to_networkx(sample_build)
    with ReportStore.open(sample_build / "store", read_only=True) as store:
        from_store = to_networkx(store)
        ds = rdflib.Dataset()
        from pyoxigraph import RdfFormat

        ds.parse(data=store.dump(RdfFormat.N_QUADS), format="nquads")
    from_rdflib = to_networkx(ds)
    assert _signature(from_dir) == _signature(from_store) == _signature(from_rdflib)
    units = {d["label"] for _, d in from_dir.nodes(data=True) if d["type"] == "unit" and d["reports"]}
    assert units == {"五团", "四道河子镇", "106团", "华家街道", "五十一团"}
    sidaohezi = next(n for n, d in from_dir.nodes(data=True) if d["label"] == "四道河子镇")
    assert "hasMechanism" in from_dir.get_edge_data(sidaohezi, HOTLINE)


def test_unknown_source_is_refused(tmp_path):
    with pytest.raises(SourceError, match="no graph store"):
        to_networkx(tmp_path)
    with pytest.raises(SourceError, match="cannot read a graph from a int"):
        to_networkx(42)


def test_plain_rdflib_graph_of_graph_ttl_projects_the_same_units(sample_build):
    g = rdflib.Graph()
    g.parse(sample_build / "graph.ttl", format="turtle")
    from_ttl = to_networkx(g)
    from_dir = to_networkx(sample_build)
    assert sorted(from_ttl.nodes) == sorted(from_dir.nodes)
    assert sorted(from_ttl.edges(keys=True)) == sorted(from_dir.edges(keys=True))


def test_evidence_carries_the_sentence_around_each_quote(sample_build):
    from fazhi.extract.ingest import read_document

    G = to_networkx(sample_build)
    evidence = [e for _, _, d in G.edges(data=True) for e in d["evidence"]]
    with_context = [e for e in evidence if e["prefix"] or e["suffix"]]
    assert len(with_context) > len(evidence) // 2
    texts = {}
    for e in with_context[:40]:
        text = texts.setdefault(e["source"], read_document(Path(e["source"])).text)
        assert text[e["start"]: e["end"]] == e["quote"]
        assert text[: e["start"]].endswith(e["prefix"])
        assert text[e["end"]:].startswith(e["suffix"])
