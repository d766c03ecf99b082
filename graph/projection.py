"""The briefing graph: units and what they link to, projected onto networkx.

docs/projection.md is the contract: nodes are units, mechanism and campaign
kinds, problem categories and laws; edges go from a unit to what it runs,
plans, reports or cites, and to its parent unit, each with a weight, the
years and the evidence quotes. Everything is read from the RDF by SPARQL,
never re-extracted, in two steps: ``report_rows`` asks the per-report
questions (each joins inside one report graph, so the rows of a store are
the rows of its report graphs put together) and ``assemble`` turns rows into
the graph. A build computes the rows of each new report in its workers and
keeps them, so the briefing of a big build never reads the store back.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, cast
from urllib.parse import quote as _enc
from urllib.parse import unquote

import networkx as nx
from fazhi.extract.normalize import normalize_text
from fazhi.graph.namespaces import (
    FZ,
    SCHEME_CAMPAIGN,
    SCHEME_MECHANISM,
    concept,
    sparql_prefixes,
)
from fazhi.graph.source import open_build
from pyoxigraph import QuerySolutions, Store

EDGE_LABELS = {
    "hasMechanism": "运行",
    "plansMechanism": "计划",
    "ranCampaign": "开展",
    "plansCampaign": "计划",
    "reportsProblem": "问题",
    "cites": "引用",
    "subOrganizationOf": "隶属",
}
_KIND_TYPES = {FZ + "MechanismKind": "mechanism", FZ + "CampaignKind": "campaign",
               FZ + "ProblemCategory": "problem"}

# the catch-all kinds: a mechanism or campaign of kind ``other`` is a node of its own name
OTHER_KINDS = {concept(SCHEME_MECHANISM, "other"): "mechanism", concept(SCHEME_CAMPAIGN, "other"): "campaign"}

Rows = dict[str, list[tuple]]  # query name → rows, each a tuple of plain strings (or None) in SELECT order

_EVIDENCE = """
  ?m oa:hasTarget ?t . ?t oa:hasSource ?r ; oa:hasSelector ?qs , ?ps .
  ?qs oa:exact ?quote . ?ps oa:start ?start ; oa:end ?end .
  ?r fz:sourcePath ?src .
  OPTIONAL { ?r fz:year ?year }
  OPTIONAL { ?qs oa:prefix ?prefix } OPTIONAL { ?qs oa:suffix ?suffix }
"""
_QUOTE = "?quote ?prefix ?suffix ?start ?end ?src ?year"

# Each joins inside ``GRAPH ?g`` (one report) and is DISTINCT. Units and laws are
# described once, in the shared graph (any graph ``?dg`` here, so a single
# rdflib graph projects too); a report's rows take from there what its unit
# and its laws are called.
REPORT_QUERIES = {
    "labels": "SELECT DISTINCT ?g ?u ?l ?pref WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?c } "
              "{ BIND(?c AS ?u) } UNION { GRAPH ?pg { ?c org:subOrganizationOf ?u } } "
              "GRAPH ?dg { ?u a fz:Unit . "
              "{ ?u skos:prefLabel ?l BIND(true AS ?pref) } UNION { ?u skos:altLabel ?l BIND(false AS ?pref) } } }",
    "types": "SELECT DISTINCT ?g ?u ?t WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u } "
             "GRAPH ?dg { ?u a fz:Unit ; fz:unitType ?t } }",
    "parents": "SELECT DISTINCT ?g ?u ?p WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u } "
               "GRAPH ?dg { ?u a fz:Unit ; org:subOrganizationOf ?p } }",
    "reports": "SELECT DISTINCT ?g ?u ?src ?title ?year WHERE { GRAPH ?g { ?r a fz:Report ; "
               "dcterms:creator ?u ; fz:sourcePath ?src . "
               "OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r fz:year ?year } } }",
    "metrics": f"SELECT DISTINCT ?g ?u ?value ?uom ?measure ?phrase ?approx ?subject {_QUOTE} WHERE {{ GRAPH ?g {{ "
               "?o a fz:Observation ; fz:unit ?u ; schema:value ?value ; fz:evidence ?m . " + _EVIDENCE +
               "OPTIONAL { ?o schema:unitText ?uom } OPTIONAL { ?o fz:measure ?measure } "
               "OPTIONAL { ?o fz:measurePhrase ?phrase } OPTIONAL { ?o fz:approximate ?approx } "
               "OPTIONAL { ?o fz:subject/fz:kind ?subject } } }",
    "uses": f"SELECT DISTINCT ?g ?u ?k ?cls ?status {_QUOTE} WHERE {{ GRAPH ?g {{ "
            "?x a ?cls ; fz:unit ?u ; fz:kind ?k ; fz:status ?status ; fz:evidence ?m . "
            "VALUES ?cls { fz:MechanismUse fz:CampaignRun } " + _EVIDENCE + "} }",
    "problems": f"SELECT DISTINCT ?g ?u ?c ?text {_QUOTE} WHERE {{ GRAPH ?g {{ "
                "?x a fz:Problem ; fz:unit ?u ; fz:category ?c ; dcterms:description ?text ; "
                "fz:evidence ?m . " + _EVIDENCE + "} }",
    "laws": f"SELECT DISTINCT ?g ?u ?law ?title {_QUOTE} WHERE {{ GRAPH ?g {{ "
            "?m fz:mentionType 'law' ; oa:hasBody ?law . "
            "?r dcterms:creator ?u . " + _EVIDENCE + "} "
            "GRAPH ?dg { ?law a fz:LegalInstrument ; skos:prefLabel ?title } }",
    "divisions": "SELECT DISTINCT ?g ?u ?place ?level WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u } "
                 "GRAPH ?dg { ?u fz:division ?d . ?d org:subOrganizationOf* ?a . "
                 "?a fz:divisionLevel ?level ; skos:prefLabel ?place } }",
    "suborg": "SELECT DISTINCT ?g ?u ?p ?year WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u . "
              "OPTIONAL { ?r fz:year ?year } } GRAPH ?dg { ?u org:subOrganizationOf ?p . ?p a fz:Unit } }",
}
# about the vocabularies, asked once per projection
VOCAB_QUERIES = {
    "unit_types": "SELECT DISTINCT ?t ?tl WHERE { GRAPH ?vg { ?t a fz:UnitType ; skos:prefLabel ?tl "
                  "FILTER(lang(?tl) = 'zh') } }",
    "concepts": "SELECT DISTINCT ?c ?cls ?alt ?key WHERE { GRAPH ?vg { ?c a ?cls . "
                "VALUES ?cls { fz:MechanismKind fz:CampaignKind fz:ProblemCategory } "
                "{ ?c skos:altLabel ?alt } UNION { ?c skos:notation ?key } } }",
    "concept_labels": "SELECT DISTINCT ?c ?l ?lang WHERE { GRAPH ?vg { ?c skos:prefLabel ?l . "
                      "VALUES ?cls { fz:MechanismKind fz:CampaignKind fz:ProblemCategory } "
                      "?c a ?cls BIND(lang(?l) AS ?lang) } }",
}


def _select(store: Store, body: str) -> list[tuple]:
    """Rows of a SELECT as tuples of plain string values, in the order the SELECT names them."""
    names = _vars(body)
    return [tuple(None if (term := sol[name]) is None else term.value for name in names)
            for sol in cast(QuerySolutions, store.query(sparql_prefixes() + body))]


def _vars(body: str) -> list[str]:
    head = body.split("WHERE", 1)[0]
    return list(dict.fromkeys(tok[1:].rstrip(")") for tok in head.split() if tok.startswith("?")))


DIVISION_LEVELS = ("province", "city", "county")


def report_rows(store: Store, described_in_report: bool = False) -> Rows:
    """The answers to REPORT_QUERIES over every report graph of ``store`` (each row starts with its graph).

    With ``described_in_report`` the units and laws are described in each
    report's own graph (a scratch store of a few reports, each with its own
    contribution to the shared graph), so no report's rows see another's.
    """
    def body(text: str) -> str:
        return text.replace("GRAPH ?dg", "GRAPH ?g") if described_in_report else text

    return {name: _select(store, body(text)) for name, text in REPORT_QUERIES.items()}


def no_rows() -> Rows:
    """The rows of a report graph that answers none of REPORT_QUERIES."""
    return {name: [] for name in REPORT_QUERIES}


def split_rows(rows: Rows) -> dict[str, Rows]:
    """``rows`` grouped by graph IRI, the graph dropped from each row."""
    out: dict[str, Rows] = defaultdict(no_rows)
    for name, items in rows.items():
        for row in items:
            out[row[0]][name].append(row[1:])
    return dict(out)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _key(concept: str | None) -> str:
    """A vocabulary concept's key (the last part of its IRI), '' for none."""
    return unquote(concept.rsplit("/", 1)[-1]) if concept else ""


def _shortest(labels: set[str]) -> str:
    return min(labels, key=lambda s: (len(s), s)) if labels else ""


def _usual(forms: Counter) -> str:
    """The written form used most often; on a tie the shortest, then the first in code-point order."""
    return min(forms, key=lambda f: (-forms[f], len(f), f))


def _evidence(quote: str, prefix: str | None, suffix: str | None, start: str, end: str,
              src: str, year: str | None) -> dict[str, Any]:
    return {"quote": quote, "prefix": prefix or "", "suffix": suffix or "", "start": int(start),
            "end": int(end), "source": src, "year": _int(year)}


def named_node(kind: str, name: str) -> str:
    """The node of a mechanism or campaign of kind ``other`` named ``name``: one per name, never one hub.

    Names are compared in normal form without quote marks or spaces, so
    “和大姐”工作室 and 和大姐工作室 are one node; the IRI is the kind's plus the name.
    """
    return f"{kind}/{_enc(_name_key(name), safe='')}"


def _name_key(name: str) -> str:
    return "".join(ch for ch in normalize_text(name) if ch not in '" \u3000')


def to_networkx(source: Any) -> nx.MultiDiGraph:
    """The briefing graph of ``source`` (see docs/projection.md)."""
    store = open_build(source)
    rows = report_rows(store)
    return assemble([{name: [row[1:] for row in items] for name, items in rows.items()}], vocab_rows(store))


def vocab_rows(store: Store) -> Rows:
    """The answers to VOCAB_QUERIES (labels and keys of unit types, kinds and categories)."""
    return {name: _select(store, body) for name, body in VOCAB_QUERIES.items()}


def assemble(parts: Iterable[Rows], vocab: Rows) -> nx.MultiDiGraph:
    """The briefing graph from report rows without their graph column (several parts are simply pooled)."""
    G = nx.MultiDiGraph()
    labels: dict[str, set[str]] = defaultdict(set)
    pref: dict[str, set[str]] = defaultdict(set)
    unit_types: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    places: dict[str, dict[str, str]] = defaultdict(dict)  # unit -> division level -> name
    reports: dict[str, dict[tuple, dict]] = defaultdict(dict)
    report_years: dict[str, set[int]] = defaultdict(set)
    metrics: dict[str, dict[tuple, dict]] = defaultdict(dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    planned: list[tuple[str, str, str, dict[str, Any]]] = []
    reported: set[tuple[str, str]] = set()
    problems: dict[str, dict[tuple, tuple]] = defaultdict(dict)
    law_labels: dict[str, set[str]] = defaultdict(set)
    named: dict[str, tuple[str, Counter]] = {}  # named node → (its kind, written forms and how often)

    def edge(u: str, target: str, etype: str, evidence: dict | None, year: int | None) -> None:
        e = edges.setdefault((u, target, etype), {"evidence": {}, "years": set()})
        if evidence is not None:
            e["evidence"].setdefault((evidence["source"], evidence["start"], evidence["end"]), evidence)
        if year is not None:
            e["years"].add(year)

    for rows in parts:
        for u, label, is_pref in rows["labels"]:
            labels[u].add(label)
            if is_pref == "true":
                pref[u].add(label)
        for u, t in rows["types"]:
            unit_types[u].add(t)
        for u, p in rows["parents"]:
            parents[u].add(p)
        for u, place, level in rows.get("divisions", ()):
            places[u][level] = place
        for u, src, title, year in rows["reports"]:
            year = _int(year)
            reports[u][(src, title, year)] = {"title": title or "", "source": src, "year": year}
            if year is not None:
                report_years[u].add(year)
        for u, value, uom, measure, phrase, approx, subject, quote, prefix, suffix, start, end, src, year \
                in rows["metrics"]:
            number = float(value)
            metrics[u][(src, start, end, value, uom, measure, subject)] = {
                "measure": _key(measure), "phrase": phrase or "",
                "value": int(number) if number.is_integer() else number, "unit": uom or "",
                "approximate": approx == "true", "subject": _key(subject), "quote": quote,
                "prefix": prefix or "", "suffix": suffix or "",
                "year": _int(year), "source": src, "_start": int(start),
            }
        for u, k, cls, status, *quote in rows["uses"]:
            ev = _evidence(*quote)
            if k in OTHER_KINDS and _name_key(ev["quote"]):  # a named local mechanism or campaign
                name = named_node(k, ev["quote"])
                named.setdefault(name, (k, Counter()))[1][ev["quote"]] += 1
                k = name
            mech = cls == FZ + "MechanismUse"
            if status == "reported":
                reported.add((u, k))
                edge(u, k, "hasMechanism" if mech else "ranCampaign", ev, ev["year"])
            else:  # decided below: a kind the unit runs in some report gets no plans edge
                planned.append((u, k, "plansMechanism" if mech else "plansCampaign", ev))
        for u, c, text, *quote in rows["problems"]:
            ev = _evidence(*quote)
            edge(u, c, "reportsProblem", ev, ev["year"])
            problems[c][(ev["source"], ev["start"], ev["end"], text)] = (u, text, ev)
        for u, law, title, *quote in rows["laws"]:
            ev = _evidence(*quote)
            law_labels[law].add(title)
            edge(u, law, "cites", ev, ev["year"])
        for u, p, year in rows["suborg"]:
            edge(u, p, "subOrganizationOf", None, _int(year))
    for u, k, etype, ev in planned:
        if (u, k) not in reported:
            edge(u, k, etype, ev, ev["year"])

    def unit_label(u: str) -> str:
        return _shortest(pref[u]) or _shortest(labels[u])

    type_labels: dict[str, set[str]] = defaultdict(set)
    for t, tl in vocab["unit_types"]:
        type_labels[t].add(tl)
    for u in sorted(labels):
        unit_reports = list(reports[u].values())
        G.add_node(
            u, type="unit", label=unit_label(u), labels=sorted(labels[u]),
            unit_type=_shortest({tl for t in unit_types[u] for tl in type_labels[t]}),
            parent=", ".join(sorted(unit_label(p) for p in parents[u])),
            places=[places[u][lv] for lv in DIVISION_LEVELS if lv in places[u]],  # province … county
            years=sorted(report_years[u]),
            reports=sorted(unit_reports, key=lambda r: (r["year"] or 0, r["source"], r["title"])),
            count=len({r["source"] for r in unit_reports}),
            metrics=[{k: v for k, v in m.items() if not k.startswith("_")}
                     for m in sorted(metrics[u].values(), key=lambda m: (m["year"] or 0, m["source"], m["_start"]))],
        )

    # ------------------------------------------------------------ kinds, categories, laws
    info: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"zh": set(), "en": set(), "alt": set(),
                                                                "key": set(), "cls": set()})
    for c, cls, alt, key in vocab["concepts"]:
        d = info[c]
        d["cls"].add(cls)
        if key:
            d["key"].add(key)
        if alt:
            d["alt"].add(alt)
    for c, label, lang in vocab["concept_labels"]:
        info[c]["zh" if lang == "zh" else "en"].add(label)

    linking_units: dict[str, set[str]] = defaultdict(set)
    target_years: dict[str, set[int]] = defaultdict(set)
    for (u, t, etype), e in edges.items():
        linking_units[t].add(u)
        target_years[t] |= e["years"]

    for t in sorted({t for (_, t, etype) in edges if etype != "subOrganizationOf"}):
        if t in law_labels:
            G.add_node(t, type="law", label=_shortest(law_labels[t]), labels=sorted(law_labels[t]),
                       years=sorted(target_years[t]), count=len(linking_units[t]))
            continue
        if t in named:
            kind, forms = named[t]
            kind_info = info.get(kind)
            G.add_node(t, type=OTHER_KINDS[kind], label=_usual(forms),
                       label_en="", labels=sorted(set(forms) | (kind_info["zh"] if kind_info else set())), key="other",
                       years=sorted(target_years[t]), count=len(linking_units[t]))
            continue
        kind_info = info.get(t)
        cls = next(iter(kind_info["cls"])) if kind_info and kind_info["cls"] else ""
        ntype = _KIND_TYPES.get(cls, "mechanism")
        key = _shortest(kind_info["key"]) if kind_info and kind_info["key"] else t.rsplit("/", 1)[-1]
        attrs: dict[str, Any] = dict(
            type=ntype, label=_shortest(kind_info["zh"]) if kind_info and kind_info["zh"] else key,
            label_en=_shortest(kind_info["en"]) if kind_info and kind_info["en"] else "",
            labels=sorted((kind_info["zh"] | kind_info["en"] | kind_info["alt"]) if kind_info else {key}), key=key,
            years=sorted(target_years[t]), count=len(linking_units[t]),
        )
        if ntype == "problem":
            attrs["problems"] = [
                {"unit": unit_label(u), "text": text, "year": ev["year"], "source": ev["source"]}
                for u, text, ev in sorted(problems[t].values(),
                                          key=lambda p: (p[2]["year"] or 0, p[2]["source"], p[2]["start"]))
            ]
        G.add_node(t, **attrs)

    for (u, t, etype) in sorted(edges):
        if t not in G:  # a parent unit known only by its IRI
            continue
        e = edges[(u, t, etype)]
        evidence = sorted(e["evidence"].values(), key=lambda v: (v["year"] or 0, v["source"], v["start"]))
        G.add_edge(u, t, key=etype, type=etype, label=EDGE_LABELS[etype],
                   weight=max(1, len(evidence)), years=sorted(e["years"]), evidence=evidence)
    return G
