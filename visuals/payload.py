"""The data the page's script reads: node details, edge evidence, filter values.

The vis-network DataSets hold only what drawing needs; everything shown in
the side panel (years, reports, numbers, evidence quotes) lives here, keyed
by the same numeric node id.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from fazhi.visuals.measures import figure_text, measure_label
from fazhi.visuals.order import graph_order
from fazhi.visuals.style import NODE_TYPES, UNIT_TYPES, UNKNOWN_UNIT

MAX_EVIDENCE = 12  # quotes kept per edge; the panel says how many more there are
MAX_EVIDENCE_LARGE = 3  # on large graphs: thousands of edges × 12 sentences would make the page slow to open


class Sources:
    """Report paths stored once in the page; items refer to them by number."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, item: dict) -> dict:
        """A copy of ``item`` whose ``source`` is an index into ``paths``."""
        src = item.get("source")
        if not isinstance(src, str):
            return dict(item)
        if src not in self._index:
            self._index[src] = len(self.paths)
            self.paths.append(src)
        return {**item, "source": self._index[src]}


def _str_list(value: Any) -> list[str]:
    return [str(x) for x in value or [] if x is not None and str(x)]


def _int_years(value: Any) -> list[int]:
    years = []
    for y in value or []:
        try:
            years.append(int(y))
        except (TypeError, ValueError):
            continue
    return sorted(set(years))


def _metric(m: dict) -> dict:
    """A metric for the panel: its measure's label and the figure as shown (2,000余件), beside the quote."""
    out = {k: v for k, v in m.items() if k not in ("phrase", "subject")}
    out["figure"] = figure_text(m)
    label = measure_label(m.get("measure") or "")
    if label:
        out["measure_label"] = label
    return out


def node_detail(iri: str, d: dict, sources: Sources | None = None) -> dict[str, Any]:
    """What the side panel shows for one node."""
    label = d.get("label") or iri
    out: dict[str, Any] = {"iri": iri, "type": d.get("type", ""), "label": label,
                           "years": _int_years(d.get("years")), "count": d.get("count", 0)}
    aliases = sorted(set(_str_list(d.get("labels"))) - {label})
    ref = (sources or Sources()).ref
    optional = {"label_en": d.get("label_en") or "", "aliases": aliases, "key": d.get("key") or "",
                "parent": d.get("parent") or "", "reports": [ref(r) for r in d.get("reports") or []],
                "metrics": [ref(_metric(m)) for m in d.get("metrics") or []],
                "problems": [ref(p) for p in d.get("problems") or []]}
    if out["type"] == "unit" and d.get("unit_type"):
        optional["unit_type"] = d["unit_type"]
        optional["unit_type_en"] = UNIT_TYPES.get(d["unit_type"], UNKNOWN_UNIT).en
    out.update({k: v for k, v in optional.items() if v})  # empty fields are left out: 5,000 nodes add up
    return out


def _distinct_quotes(evidence: list[dict]) -> list[dict]:
    """One item per (sentence, report): the same sentence cited five times shows once, with ``n`` = 5."""
    seen: dict[tuple[str, ...], dict] = {}
    for e in evidence:
        key = tuple(str(e.get(k, "")) for k in ("prefix", "quote", "suffix", "source"))
        if key in seen:
            seen[key]["n"] = seen[key].get("n", 1) + 1
        else:
            seen[key] = dict(e)
    return list(seen.values())


def edge_detail(d: dict, sources: Sources | None = None, max_evidence: int = MAX_EVIDENCE) -> dict[str, Any]:
    """One edge's weight, years and (up to ``max_evidence``) quotes with their report.

    Source, target, relation and label are in the vis edge with the same index.
    """
    ref = (sources or Sources()).ref
    evidence = _distinct_quotes(list(d.get("evidence") or []))
    out: dict[str, Any] = {"weight": d.get("weight", 1), "years": _int_years(d.get("years")),
                           "evidence": [ref(e) for e in evidence[:max_evidence]]}
    if len(evidence) > max_evidence:
        out["more"] = len(evidence) - max_evidence
    return out


def build_payload(G: nx.MultiDiGraph, meta: dict[str, Any], *, large: bool = False) -> dict[str, Any]:
    """Everything the page script needs besides the vis DataSets, ids matching build_network."""
    order, ordered_edges = graph_order(G)
    sources = Sources()
    nodes = [node_detail(n, G.nodes[n], sources) for n in order]
    cap = MAX_EVIDENCE_LARGE if large else MAX_EVIDENCE
    edges = [edge_detail(d, sources, cap) for _u, _v, d in ordered_edges]
    units = sorted({nd["label"] for nd in nodes if nd["type"] == "unit"})
    years = sorted({y for nd in nodes for y in nd["years"]})
    types = [{"key": k, "zh": v.zh, "en": v.en} for k, v in NODE_TYPES.items()
             if any(nd["type"] == k for nd in nodes)]
    return {"meta": meta, "nodes": nodes, "edges": edges, "units": units, "years": years, "types": types,
            "sources": sources.paths}
