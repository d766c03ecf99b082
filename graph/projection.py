"""The briefing graph: units and what they link to, projected onto networkx.

docs/projection.md is the contract: nodes are units, mechanism and campaign
kinds, problem categories and laws; edges go from a unit to what it runs,
plans, reports or cites, and to its parent unit, each with a weight, the
years and the evidence quotes. Everything is read from the RDF by SPARQL
over the union of the report graphs, so the projection never re-extracts.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
from pyoxigraph import NamedNode, RdfFormat, Store

from fazhi.graph.namespaces import FZ, sparql_prefixes

EDGE_LABELS = {
    "hasMechanism": "运行",
    "plansMechanism": "计划",
    "ranCampaign": "开展",
    "plansCampaign": "计划",
    "reportsProblem": "问题",
    "cites": "引用",
    "subOrganizationOf": "隶属",
}
SINGLE_GRAPH = "urn:x-fazhi:single-graph"  # where a plain rdflib Graph's triples are projected from
_KIND_TYPES = {FZ + "MechanismKind": "mechanism", FZ + "CampaignKind": "campaign",
               FZ + "ProblemCategory": "problem"}


def open_source(source: Any) -> Store:
    """A pyoxigraph Store for a ReportStore, Store, build/store directory or rdflib graph."""
    if isinstance(source, Store):
        return source
    inner = getattr(source, "store", None)
    if isinstance(inner, Store):
        return inner
    if isinstance(source, (str, Path)):
        path = Path(source)
        for candidate in (path / "store", path):
            if (candidate / "CURRENT").is_file():
                return Store.read_only(str(candidate))
        raise FileNotFoundError(f"{path}: no graph store here (run `fazhi build -o {path}` first)")
    try:
        import rdflib
    except ImportError:  # pragma: no cover
        rdflib = None
    if rdflib is not None and isinstance(source, rdflib.Graph):
        store = Store()
        if isinstance(source, rdflib.Dataset) or type(source).__name__ == "ConjunctiveGraph":
            store.load(source.serialize(format="nquads", encoding="utf-8"), format=RdfFormat.N_QUADS)
        else:
            store.load(source.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES,
                       to_graph=NamedNode(SINGLE_GRAPH))
        return store
    raise TypeError(f"cannot project a {type(source).__name__} (give a build directory, "
                    "a ReportStore, a pyoxigraph Store or an rdflib Dataset/Graph)")


def _rows(store: Store, body: str) -> list[dict[str, Any]]:
    """Rows of a SELECT as dicts of plain string values.

    Queries join inside ``GRAPH ?g`` (one report) and use DISTINCT: a unit or
    law is described in every report graph that names it, and a join over the
    union would multiply those copies (quadratic on big builds).
    """
    names = _vars(body)
    return [
        {name: (None if sol[name] is None else sol[name].value) for name in names}
        for sol in store.query(sparql_prefixes() + body)
    ]


def _vars(body: str) -> list[str]:
    head = body.split("WHERE", 1)[0]
    return sorted({tok[1:].rstrip(")") for tok in head.split() if tok.startswith("?")})


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _shortest(labels: set[str]) -> str:
    return min(labels, key=lambda s: (len(s), s)) if labels else ""


_EVIDENCE = """
  ?m oa:hasTarget ?t . ?t oa:hasSource ?r ; oa:hasSelector ?qs , ?ps .
  ?qs oa:exact ?quote . ?ps oa:start ?start ; oa:end ?end .
  ?r fz:sourcePath ?src .
  OPTIONAL { ?r fz:year ?year }
  OPTIONAL { ?qs oa:prefix ?prefix } OPTIONAL { ?qs oa:suffix ?suffix }
"""


def to_networkx(source: Any) -> nx.MultiDiGraph:
    """The briefing graph of ``source`` (see docs/projection.md)."""
    store = open_source(source)
    G = nx.MultiDiGraph()

    # ------------------------------------------------------------ units
    labels: dict[str, set[str]] = defaultdict(set)
    pref: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "SELECT DISTINCT ?u ?l ?pref WHERE { GRAPH ?g { ?u a fz:Unit . "
                            "{ ?u skos:prefLabel ?l BIND(true AS ?pref) } UNION "
                            "{ ?u skos:altLabel ?l BIND(false AS ?pref) } } }"):
        labels[row["u"]].add(row["l"])
        if row["pref"] == "true":
            pref[row["u"]].add(row["l"])
    types: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "SELECT DISTINCT ?u ?tl WHERE { { SELECT DISTINCT ?u ?t WHERE { GRAPH ?g { "
                            "?u a fz:Unit ; fz:unitType ?t } } } "
                            "GRAPH ?vg { ?t skos:prefLabel ?tl FILTER(lang(?tl) = 'zh') } }"):
        types[row["u"]].add(row["tl"])
    parents: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "SELECT DISTINCT ?u ?p WHERE { GRAPH ?g { ?u a fz:Unit ; org:subOrganizationOf ?p } }"):
        parents[row["u"]].add(row["p"])
    reports: dict[str, list[dict]] = defaultdict(list)
    report_years: dict[str, set[int]] = defaultdict(set)
    for row in _rows(store, "SELECT DISTINCT ?u ?r ?src ?title ?year WHERE { GRAPH ?g { ?r a fz:Report ; "
                            "dcterms:creator ?u ; fz:sourcePath ?src . "
                            "OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r fz:year ?year } } }"):
        year = _int(row["year"])
        reports[row["u"]].append({"title": row["title"] or "", "source": row["src"], "year": year})
        if year is not None:
            report_years[row["u"]].add(year)
    metrics: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(store, "SELECT DISTINCT ?u ?o ?value ?uom ?measure ?subject ?quote ?prefix ?suffix ?start ?end ?src ?year "
                            "WHERE { GRAPH ?g { ?o a fz:Observation ; fz:unit ?u ; schema:value ?value ; "
                            "fz:evidence ?m . " + _EVIDENCE +
                            "OPTIONAL { ?o schema:unitText ?uom } OPTIONAL { ?o fz:measure ?measure } "
                            "OPTIONAL { ?o fz:subject ?subject } } }"):
        value = float(row["value"])
        metrics[row["u"]].append({
            "measure": row["measure"] or "", "value": int(value) if value.is_integer() else value,
            "unit": row["uom"] or "", "subject": row["subject"] or "", "quote": row["quote"],
            "prefix": row["prefix"] or "", "suffix": row["suffix"] or "",
            "year": _int(row["year"]), "source": row["src"], "_start": int(row["start"]),
        })

    def unit_label(u: str) -> str:
        return _shortest(pref[u]) or _shortest(labels[u])

    for u in sorted(labels):
        G.add_node(
            u, type="unit", label=unit_label(u), labels=sorted(labels[u]),
            unit_type=_shortest(types[u]),
            parent=", ".join(sorted(unit_label(p) for p in parents[u])),
            years=sorted(report_years[u]),
            reports=sorted(reports[u], key=lambda r: (r["year"] or 0, r["source"])),
            count=len({r["source"] for r in reports[u]}),
            metrics=[{k: v for k, v in m.items() if not k.startswith("_")}
                     for m in sorted(metrics[u], key=lambda m: (m["year"] or 0, m["source"], m["_start"]))],
        )

    # ------------------------------------------------------------ edges with evidence
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def edge(u: str, target: str, etype: str, evidence: dict | None, year: int | None) -> None:
        e = edges.setdefault((u, target, etype), {"evidence": {}, "years": set(), "weight": 0})
        if evidence is not None:
            key = (evidence["source"], evidence["start"], evidence["end"])
            if key not in e["evidence"]:
                e["evidence"][key] = evidence
        if year is not None:
            e["years"].add(year)

    uses = _rows(store, "SELECT DISTINCT ?u ?k ?cls ?status ?quote ?prefix ?suffix ?start ?end ?src ?year WHERE { GRAPH ?g { "
                        "?x a ?cls ; fz:unit ?u ; fz:kind ?k ; fz:status ?status ; fz:evidence ?m . "
                        "VALUES ?cls { fz:MechanismUse fz:CampaignRun } " + _EVIDENCE + "} }")
    reported = {(r["u"], r["k"]) for r in uses if r["status"] == "reported"}
    for r in uses:
        mech = r["cls"] == FZ + "MechanismUse"
        if r["status"] == "reported":
            etype = "hasMechanism" if mech else "ranCampaign"
        elif (r["u"], r["k"]) in reported:
            continue  # the unit runs it (in some report): the planned mention adds no edge
        else:
            etype = "plansMechanism" if mech else "plansCampaign"
        year = _int(r["year"])
        edge(r["u"], r["k"], etype, {"quote": r["quote"], "prefix": r["prefix"] or "", "suffix": r["suffix"] or "",
                         "start": int(r["start"]),
                                     "end": int(r["end"]), "source": r["src"], "year": year}, year)

    problems: dict[str, list[dict]] = defaultdict(list)
    for r in _rows(store, "SELECT DISTINCT ?u ?c ?text ?quote ?prefix ?suffix ?start ?end ?src ?year WHERE { GRAPH ?g { "
                          "?x a fz:Problem ; fz:unit ?u ; fz:category ?c ; dcterms:description ?text ; "
                          "fz:evidence ?m . " + _EVIDENCE + "} }"):
        year = _int(r["year"])
        edge(r["u"], r["c"], "reportsProblem", {"quote": r["quote"], "prefix": r["prefix"] or "", "suffix": r["suffix"] or "",
                         "start": int(r["start"]),
                                                "end": int(r["end"]), "source": r["src"], "year": year}, year)
        problems[r["c"]].append({"unit": unit_label(r["u"]), "text": r["text"], "year": year,
                                 "source": r["src"], "_start": int(r["start"])})

    law_labels: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "SELECT DISTINCT ?u ?law ?title ?quote ?prefix ?suffix ?start ?end ?src ?year WHERE { GRAPH ?g { "
                          "?m fz:mentionType 'law' ; oa:hasBody ?law . ?law a fz:LegalInstrument ; skos:prefLabel ?title . "
                          "?r dcterms:creator ?u . " + _EVIDENCE + "} }"):
        law_labels[r["law"]].add(r["title"])
        year = _int(r["year"])
        edge(r["u"], r["law"], "cites", {"quote": r["quote"], "prefix": r["prefix"] or "", "suffix": r["suffix"] or "",
                         "start": int(r["start"]),
                                         "end": int(r["end"]), "source": r["src"], "year": year}, year)

    for r in _rows(store, "SELECT DISTINCT ?u ?p ?year WHERE { GRAPH ?g { ?u org:subOrganizationOf ?p . "
                          "OPTIONAL { ?r dcterms:creator ?u ; fz:year ?year } } }"):
        edge(r["u"], r["p"], "subOrganizationOf", None, _int(r["year"]))

    # ------------------------------------------------------------ kinds, categories, laws
    targets = sorted({t for (_, t, etype) in edges if etype != "subOrganizationOf"})
    info: dict[str, dict[str, Any]] = defaultdict(lambda: {"zh": set(), "en": set(), "alt": set(),
                                                            "key": set(), "cls": set()})
    for r in _rows(store, "SELECT DISTINCT ?c ?cls ?alt ?key WHERE { GRAPH ?vg { ?c a ?cls . "
                          "VALUES ?cls { fz:MechanismKind fz:CampaignKind fz:ProblemCategory } "
                          "{ ?c skos:altLabel ?alt } UNION { ?c skos:notation ?key } } }"):
        d = info[r["c"]]
        d["cls"].add(r["cls"])
        if r["key"]:
            d["key"].add(r["key"])
        if r["alt"]:
            d["alt"].add(r["alt"])
    for r in _rows(store, "SELECT DISTINCT ?c ?l ?lang WHERE { GRAPH ?vg { ?c skos:prefLabel ?l . "
                          "VALUES ?cls { fz:MechanismKind fz:CampaignKind fz:ProblemCategory } "
                          "?c a ?cls BIND(lang(?l) AS ?lang) } }"):
        info[r["c"]]["zh" if r["lang"] == "zh" else "en"].add(r["l"])

    linking_units: dict[str, set[str]] = defaultdict(set)
    target_years: dict[str, set[int]] = defaultdict(set)
    for (u, t, etype), e in edges.items():
        linking_units[t].add(u)
        target_years[t] |= e["years"]

    for t in targets:
        if t in law_labels:
            G.add_node(t, type="law", label=_shortest(law_labels[t]), labels=sorted(law_labels[t]),
                       years=sorted(target_years[t]), count=len(linking_units[t]))
            continue
        d = info.get(t)
        cls = next(iter(d["cls"])) if d and d["cls"] else None
        ntype = _KIND_TYPES.get(cls, "mechanism")
        key = _shortest(d["key"]) if d and d["key"] else t.rsplit("/", 1)[-1]
        zh_label = _shortest(d["zh"]) if d and d["zh"] else key
        attrs: dict[str, Any] = dict(
            type=ntype, label=zh_label, label_en=_shortest(d["en"]) if d and d["en"] else "",
            labels=sorted((d["zh"] | d["en"] | d["alt"]) if d else {key}), key=key,
            years=sorted(target_years[t]), count=len(linking_units[t]),
        )
        if ntype == "problem":
            attrs["problems"] = [{k: v for k, v in p.items() if not k.startswith("_")}
                                 for p in sorted(problems[t], key=lambda p: (p["year"] or 0, p["source"],
                                                                            p["_start"]))]
        G.add_node(t, **attrs)

    for (u, t, etype) in sorted(edges):
        e = edges[(u, t, etype)]
        evidence = sorted(e["evidence"].values(), key=lambda v: (v["year"] or 0, v["source"], v["start"]))
        if t not in G:  # a parent unit known only by its IRI
            continue
        G.add_edge(u, t, key=etype, type=etype, label=EDGE_LABELS[etype],
                   weight=max(1, len(evidence)), years=sorted(e["years"]), evidence=evidence)
    return G
