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

Each query's rows have a type (a NamedTuple) whose fields are its columns:
the SELECT head is made from them, and ``Query.read`` turns the rows as they
are kept (tuples or JSON arrays of plain strings, in column order) into them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar, cast
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

Rows = dict[str, list[tuple]]  # query name → rows, each a tuple of plain strings (or None) in column order

_EVIDENCE = """
  ?m oa:hasTarget ?t . ?t oa:hasSource ?r ; oa:hasSelector ?sel .
  ?sel oa:exact ?quote ; oa:start ?start ; oa:end ?end .
  ?r fz:sourcePath ?src .
  OPTIONAL { ?r fz:year ?year }
  OPTIONAL { ?sel oa:prefix ?prefix } OPTIONAL { ?sel oa:suffix ?suffix }
"""


class Quote(NamedTuple):
    """The evidence columns _EVIDENCE binds: the words, where they stand and in which report."""

    quote: str
    prefix: str | None
    suffix: str | None
    start: str
    end: str
    src: str
    year: str | None


_QUOTE = Quote._fields  # the columns every quoting row ends with (its field ``evidence``)


class Label(NamedTuple):
    """A name of a report's unit or of the unit it is part of."""

    u: str
    l: str
    pref: str  # 'true' for a preferred label, 'false' for another


class UnitType(NamedTuple):
    u: str
    t: str


class Parent(NamedTuple):
    u: str
    p: str


class Report(NamedTuple):
    u: str
    src: str
    title: str | None
    year: str | None


class Metric(NamedTuple):
    """A number a report gives (an observation), with its quote."""

    u: str
    value: str
    uom: str | None
    measure: str | None
    phrase: str | None
    approx: str | None
    subject: str | None
    evidence: Quote


class Use(NamedTuple):
    """A mechanism use or campaign run, reported or planned (``status``)."""

    u: str
    k: str
    cls: str
    status: str
    evidence: Quote


class Problem(NamedTuple):
    u: str
    c: str
    text: str
    evidence: Quote


class Citation(NamedTuple):
    """A law a report names."""

    u: str
    law: str
    title: str
    evidence: Quote


class Division(NamedTuple):
    """An administrative division the unit lies in, at ``level`` (province, city, county)."""

    u: str
    place: str
    level: str


class SubOrg(NamedTuple):
    """The unit's parent unit, in a report of ``year``."""

    u: str
    p: str
    year: str | None


class TypeLabel(NamedTuple):
    t: str
    tl: str


class ConceptKey(NamedTuple):
    """An alias (``alt``) or key (``key``) of a kind or category of class ``cls``."""

    c: str
    cls: str
    alt: str | None
    key: str | None


class ConceptLabel(NamedTuple):
    c: str
    l: str
    lang: str


R = TypeVar("R", bound=NamedTuple)


@dataclass(frozen=True)
class Query(Generic[R]):
    """A SELECT DISTINCT whose rows are ``row``s: the row type's fields are its head, ``where`` the rest."""

    name: str
    row: type[R]
    where: str

    @property
    def quoted(self) -> bool:
        """Whether the rows end with the quote of their evidence (a last field ``evidence``, a Quote)."""
        return self.row._fields[-1] == "evidence"

    @property
    def columns(self) -> tuple[str, ...]:
        """The SELECT variables in column order: the row's fields, its ``evidence`` spread into _QUOTE's."""
        return (*self.row._fields[:-1], *_QUOTE) if self.quoted else self.row._fields

    def read(self, rows: Rows) -> list[R]:
        """This query's rows in ``rows`` (plain values in column order, no graph column) as typed rows."""
        items = rows.get(self.name, ())
        if not self.quoted:
            return [self.row._make(values) for values in items]
        own = len(self.row._fields) - 1
        return [self.row._make((*values[:own], Quote._make(values[own:]))) for values in items]


# Each joins inside ``GRAPH ?g`` (one report; its rows start with ?g). Units and laws are
# described once, in the shared graph (any graph ``?dg`` here, so a single
# rdflib graph projects too); a report's rows take from there what its unit
# and its laws are called.
LABELS = Query("labels", Label,
               "WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?c } "
               "{ BIND(?c AS ?u) } UNION { GRAPH ?pg { ?c org:subOrganizationOf ?u } } "
               "GRAPH ?dg { ?u a fz:Unit . "
               "{ ?u skos:prefLabel ?l BIND(true AS ?pref) } UNION { ?u skos:altLabel ?l BIND(false AS ?pref) } } }")
TYPES = Query("types", UnitType,
              "WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u } "
              "GRAPH ?dg { ?u a fz:Unit ; fz:unitType ?t } }")
PARENTS = Query("parents", Parent,
                "WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u } "
                "GRAPH ?dg { ?u a fz:Unit ; org:subOrganizationOf ?p } }")
REPORTS = Query("reports", Report,
                "WHERE { GRAPH ?g { ?r a fz:Report ; "
                "dcterms:creator ?u ; fz:sourcePath ?src . "
                "OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r fz:year ?year } } }")
METRICS = Query("metrics", Metric,
                "WHERE { GRAPH ?g { "
                "?o a fz:Observation ; fz:unit ?u ; schema:value ?value ; fz:evidence ?m . " + _EVIDENCE +
                "OPTIONAL { ?o schema:unitText ?uom } OPTIONAL { ?o fz:measure ?measure } "
                "OPTIONAL { ?o fz:measurePhrase ?phrase } OPTIONAL { ?o fz:approximate ?approx } "
                "OPTIONAL { ?o fz:subject/fz:kind ?subject } } }")
USES = Query("uses", Use,
             "WHERE { GRAPH ?g { "
             "?x a ?cls ; fz:unit ?u ; fz:kind ?k ; fz:status ?status ; fz:evidence ?m . "
             "VALUES ?cls { fz:MechanismUse fz:CampaignRun } " + _EVIDENCE + "} }")
PROBLEMS = Query("problems", Problem,
                 "WHERE { GRAPH ?g { "
                 "?x a fz:Problem ; fz:unit ?u ; fz:category ?c ; dcterms:description ?text ; "
                 "fz:evidence ?m . " + _EVIDENCE + "} }")
LAWS = Query("laws", Citation,
             "WHERE { GRAPH ?g { "
             "?m fz:mentionType 'law' ; oa:hasBody ?law . "
             "?r dcterms:creator ?u . " + _EVIDENCE + "} "
             "GRAPH ?dg { ?law a fz:LegalInstrument ; skos:prefLabel ?title } }")
DIVISIONS = Query("divisions", Division,
                  "WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u } "
                  "GRAPH ?dg { ?u fz:division ?d . ?d org:subOrganizationOf* ?a . "
                  "?a fz:divisionLevel ?level ; skos:prefLabel ?place } }")
SUBORG = Query("suborg", SubOrg,
               "WHERE { GRAPH ?g { ?r a fz:Report ; dcterms:creator ?u . "
               "OPTIONAL { ?r fz:year ?year } } GRAPH ?dg { ?u org:subOrganizationOf ?p . ?p a fz:Unit } }")
REPORT_QUERIES: dict[str, Query[Any]] = {q.name: q for q in (
    LABELS, TYPES, PARENTS, REPORTS, METRICS, USES, PROBLEMS, LAWS, DIVISIONS, SUBORG)}
# about the vocabularies, asked once per projection
TYPE_LABELS = Query("unit_types", TypeLabel,
                    "WHERE { GRAPH ?vg { ?t a fz:UnitType ; skos:prefLabel ?tl "
                    "FILTER(lang(?tl) = 'zh') } }")
CONCEPT_KEYS = Query("concepts", ConceptKey,
                     "WHERE { GRAPH ?vg { ?c a ?cls . "
                     "VALUES ?cls { fz:MechanismKind fz:CampaignKind fz:ProblemCategory } "
                     "{ ?c skos:altLabel ?alt } UNION { ?c skos:notation ?key } } }")
CONCEPT_LABELS = Query("concept_labels", ConceptLabel,
                       "WHERE { GRAPH ?vg { ?c skos:prefLabel ?l . "
                       "VALUES ?cls { fz:MechanismKind fz:CampaignKind fz:ProblemCategory } "
                       "?c a ?cls BIND(lang(?l) AS ?lang) } }")
VOCAB_QUERIES: dict[str, Query[Any]] = {q.name: q for q in (TYPE_LABELS, CONCEPT_KEYS, CONCEPT_LABELS)}


def _select(store: Store, columns: tuple[str, ...], where: str) -> list[tuple]:
    """Rows of a SELECT DISTINCT of ``columns`` as tuples of plain string values, in that order."""
    head = "SELECT DISTINCT " + " ".join(f"?{name}" for name in columns)
    return [tuple(None if (term := sol[name]) is None else term.value for name in columns)
            for sol in cast(QuerySolutions, store.query(f"{sparql_prefixes()}{head} {where}"))]


DIVISION_LEVELS = ("province", "city", "county")


def report_rows(store: Store, described_in_report: bool = False) -> Rows:
    """The answers to REPORT_QUERIES over every report graph of ``store`` (each row starts with its graph).

    With ``described_in_report`` the units and laws are described in each
    report's own graph (a scratch store of a few reports, each with its own
    contribution to the shared graph), so no report's rows see another's.
    """
    def where(query: Query[Any]) -> str:
        return query.where.replace("GRAPH ?dg", "GRAPH ?g") if described_in_report else query.where

    return {name: _select(store, ("g", *query.columns), where(query)) for name, query in REPORT_QUERIES.items()}


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


def _evidence(q: Quote) -> dict[str, Any]:
    return {"quote": q.quote, "prefix": q.prefix or "", "suffix": q.suffix or "", "start": int(q.start),
            "end": int(q.end), "source": q.src, "year": _int(q.year)}


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
    return {name: _select(store, query.columns, query.where) for name, query in VOCAB_QUERIES.items()}


def assemble(parts: Iterable[Rows], vocab: Rows) -> nx.MultiDiGraph:
    """The briefing graph from report rows without their graph column (several parts are simply pooled)."""
    units, links = _Units(), _Links()
    for rows in parts:
        units.add(rows)
        links.add(rows)
    links.add_plans()
    G = nx.MultiDiGraph()
    _add_unit_nodes(G, units, _type_labels(TYPE_LABELS.read(vocab)))
    _add_target_nodes(G, links, units, _concepts(CONCEPT_KEYS.read(vocab), CONCEPT_LABELS.read(vocab)))
    _add_edges(G, links.edges)
    return G


def _sets() -> defaultdict[str, set[str]]:
    return defaultdict(set)


@dataclass
class _Units:
    """What the rows say about each unit (by IRI), pooled over the reports."""

    labels: defaultdict[str, set[str]] = field(default_factory=_sets)
    pref: defaultdict[str, set[str]] = field(default_factory=_sets)
    types: defaultdict[str, set[str]] = field(default_factory=_sets)
    parents: defaultdict[str, set[str]] = field(default_factory=_sets)
    places: defaultdict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))  # level → name
    reports: defaultdict[str, dict[tuple, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    years: defaultdict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    metrics: defaultdict[str, dict[tuple, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, rows: Rows) -> None:
        """Pool one part's rows about units."""
        self.add_labels(LABELS.read(rows))
        self.add_types(TYPES.read(rows))
        self.add_parents(PARENTS.read(rows))
        self.add_divisions(DIVISIONS.read(rows))
        self.add_reports(REPORTS.read(rows))
        self.add_metrics(METRICS.read(rows))

    def add_labels(self, rows: Iterable[Label]) -> None:
        for row in rows:
            self.labels[row.u].add(row.l)
            if row.pref == "true":
                self.pref[row.u].add(row.l)

    def add_types(self, rows: Iterable[UnitType]) -> None:
        for row in rows:
            self.types[row.u].add(row.t)

    def add_parents(self, rows: Iterable[Parent]) -> None:
        for row in rows:
            self.parents[row.u].add(row.p)

    def add_divisions(self, rows: Iterable[Division]) -> None:
        for row in rows:
            self.places[row.u][row.level] = row.place

    def add_reports(self, rows: Iterable[Report]) -> None:
        for row in rows:
            year = _int(row.year)
            self.reports[row.u][(row.src, row.title, year)] = {"title": row.title or "", "source": row.src,
                                                               "year": year}
            if year is not None:
                self.years[row.u].add(year)

    def add_metrics(self, rows: Iterable[Metric]) -> None:
        """One metric per number and quote (``_start`` only orders them)."""
        for row in rows:
            q, number = row.evidence, float(row.value)
            self.metrics[row.u][(q.src, q.start, q.end, row.value, row.uom, row.measure, row.subject)] = {
                "measure": _key(row.measure), "phrase": row.phrase or "",
                "value": int(number) if number.is_integer() else number, "unit": row.uom or "",
                "approximate": row.approx == "true", "subject": _key(row.subject), "quote": q.quote,
                "prefix": q.prefix or "", "suffix": q.suffix or "",
                "year": _int(q.year), "source": q.src, "_start": int(q.start),
            }

    def label(self, u: str) -> str:
        """The unit's shortest preferred name, else its shortest name."""
        return _shortest(self.pref[u]) or _shortest(self.labels[u])

    def node(self, u: str, type_labels: defaultdict[str, set[str]]) -> dict[str, Any]:
        """The attributes of unit ``u``'s node."""
        reports = list(self.reports[u].values())
        return dict(
            type="unit", label=self.label(u), labels=sorted(self.labels[u]),
            unit_type=_shortest({tl for t in self.types[u] for tl in type_labels[t]}),
            parent=", ".join(sorted(self.label(p) for p in self.parents[u])),
            places=[self.places[u][lv] for lv in DIVISION_LEVELS if lv in self.places[u]],  # province … county
            years=sorted(self.years[u]),
            reports=sorted(reports, key=lambda r: (r["year"] or 0, r["source"], r["title"])),
            count=len({r["source"] for r in reports}),
            metrics=[{k: v for k, v in m.items() if not k.startswith("_")}
                     for m in sorted(self.metrics[u].values(), key=lambda m: (m["year"] or 0, m["source"], m["_start"]))],
        )


@dataclass
class _Edge:
    """One edge's evidence (by source, start, end) and years, pooled over the reports."""

    evidence: dict[tuple[str, int, int], dict[str, Any]] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)


@dataclass
class _Links:
    """What the rows say units link to: edges, and what their targets are called."""

    edges: dict[tuple[str, str, str], _Edge] = field(default_factory=dict)  # (unit, target, type) → edge
    planned: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    reported: set[tuple[str, str]] = field(default_factory=set)  # (unit, kind) of uses reported
    problems: defaultdict[str, dict[tuple, tuple[str, str, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(dict))  # category → (unit, text, evidence) by quote
    law_labels: defaultdict[str, set[str]] = field(default_factory=_sets)
    named: dict[str, tuple[str, Counter]] = field(default_factory=dict)  # named node → (its kind, written forms)

    def edge(self, u: str, target: str, etype: str, evidence: dict[str, Any] | None, year: int | None) -> None:
        e = self.edges.setdefault((u, target, etype), _Edge())
        if evidence is not None:
            e.evidence.setdefault((evidence["source"], evidence["start"], evidence["end"]), evidence)
        if year is not None:
            e.years.add(year)

    def add(self, rows: Rows) -> None:
        """Pool one part's rows about what units link to."""
        self.add_uses(USES.read(rows))
        self.add_problems(PROBLEMS.read(rows))
        self.add_laws(LAWS.read(rows))
        self.add_suborgs(SUBORG.read(rows))

    def add_uses(self, rows: Iterable[Use]) -> None:
        """Reported uses become edges now; planned ones wait for ``add_plans``."""
        for row in rows:
            ev, k = _evidence(row.evidence), row.k
            if k in OTHER_KINDS and _name_key(ev["quote"]):  # a named local mechanism or campaign
                name = named_node(k, ev["quote"])
                self.named.setdefault(name, (k, Counter()))[1][ev["quote"]] += 1
                k = name
            mech = row.cls == FZ + "MechanismUse"
            if row.status == "reported":
                self.reported.add((row.u, k))
                self.edge(row.u, k, "hasMechanism" if mech else "ranCampaign", ev, ev["year"])
            else:
                self.planned.append((row.u, k, "plansMechanism" if mech else "plansCampaign", ev))

    def add_problems(self, rows: Iterable[Problem]) -> None:
        for row in rows:
            ev = _evidence(row.evidence)
            self.edge(row.u, row.c, "reportsProblem", ev, ev["year"])
            self.problems[row.c][(ev["source"], ev["start"], ev["end"], row.text)] = (row.u, row.text, ev)

    def add_laws(self, rows: Iterable[Citation]) -> None:
        for row in rows:
            ev = _evidence(row.evidence)
            self.law_labels[row.law].add(row.title)
            self.edge(row.u, row.law, "cites", ev, ev["year"])

    def add_suborgs(self, rows: Iterable[SubOrg]) -> None:
        for row in rows:
            self.edge(row.u, row.p, "subOrganizationOf", None, _int(row.year))

    def add_plans(self) -> None:
        """Plans edges, once every part is pooled: a kind the unit runs in some report gets none."""
        for u, k, etype, ev in self.planned:
            if (u, k) not in self.reported:
                self.edge(u, k, etype, ev, ev["year"])


def _type_labels(rows: Iterable[TypeLabel]) -> defaultdict[str, set[str]]:
    """The Chinese labels of each unit type."""
    labels = _sets()
    for row in rows:
        labels[row.t].add(row.tl)
    return labels


@dataclass
class _Concept:
    """A kind's or category's labels (Chinese, English), aliases, keys and classes."""

    zh: set[str] = field(default_factory=set)
    en: set[str] = field(default_factory=set)
    alt: set[str] = field(default_factory=set)
    key: set[str] = field(default_factory=set)
    cls: set[str] = field(default_factory=set)


def _concepts(keys: Iterable[ConceptKey], labels: Iterable[ConceptLabel]) -> dict[str, _Concept]:
    """Every kind and category of the vocabularies, by IRI."""
    info: defaultdict[str, _Concept] = defaultdict(_Concept)
    for row in keys:
        c = info[row.c]
        c.cls.add(row.cls)
        if row.key:
            c.key.add(row.key)
        if row.alt:
            c.alt.add(row.alt)
    for label in labels:
        (info[label.c].zh if label.lang == "zh" else info[label.c].en).add(label.l)
    return dict(info)


def _add_unit_nodes(G: nx.MultiDiGraph, units: _Units, type_labels: defaultdict[str, set[str]]) -> None:
    for u in sorted(units.labels):
        G.add_node(u, **units.node(u, type_labels))


def _add_target_nodes(G: nx.MultiDiGraph, links: _Links, units: _Units, info: dict[str, _Concept]) -> None:
    """A node for each kind, category and law some unit links to (parent units are unit nodes already)."""
    linking_units: defaultdict[str, set[str]] = _sets()
    target_years: defaultdict[str, set[int]] = defaultdict(set)
    for (u, t, _), e in links.edges.items():
        linking_units[t].add(u)
        target_years[t] |= e.years
    for t in sorted({t for (_, t, etype) in links.edges if etype != "subOrganizationOf"}):
        reach = {"years": sorted(target_years[t]), "count": len(linking_units[t])}
        if t in links.law_labels:
            G.add_node(t, type="law", label=_shortest(links.law_labels[t]), labels=sorted(links.law_labels[t]),
                       **reach)
        elif t in links.named:
            G.add_node(t, **_named_attrs(*links.named[t], info), **reach)
        else:
            attrs = _kind_attrs(t, info.get(t)) | reach
            if attrs["type"] == "problem":
                attrs["problems"] = _problem_list(links.problems[t], units)
            G.add_node(t, **attrs)


def _named_attrs(kind: str, forms: Counter, info: dict[str, _Concept]) -> dict[str, Any]:
    """A named mechanism or campaign: called as the reports write it most often."""
    kind_info = info.get(kind)
    return dict(type=OTHER_KINDS[kind], label=_usual(forms), label_en="",
                labels=sorted(set(forms) | (kind_info.zh if kind_info else set())), key="other")


def _kind_attrs(t: str, kind_info: _Concept | None) -> dict[str, Any]:
    """A kind or category, called as the vocabulary calls it (by the end of its IRI if it does not)."""
    cls = next(iter(kind_info.cls)) if kind_info and kind_info.cls else ""
    key = _shortest(kind_info.key) if kind_info and kind_info.key else t.rsplit("/", 1)[-1]
    return dict(
        type=_KIND_TYPES.get(cls, "mechanism"), label=_shortest(kind_info.zh) if kind_info and kind_info.zh else key,
        label_en=_shortest(kind_info.en) if kind_info and kind_info.en else "",
        labels=sorted((kind_info.zh | kind_info.en | kind_info.alt) if kind_info else {key}), key=key,
    )


def _problem_list(found: dict[tuple, tuple[str, str, dict[str, Any]]], units: _Units) -> list[dict[str, Any]]:
    """A category's problems as the reports word them, by year, source and place."""
    return [{"unit": units.label(u), "text": text, "year": ev["year"], "source": ev["source"]}
            for u, text, ev in sorted(found.values(), key=lambda p: (p[2]["year"] or 0, p[2]["source"], p[2]["start"]))]


def _add_edges(G: nx.MultiDiGraph, edges: dict[tuple[str, str, str], _Edge]) -> None:
    """One edge per (unit, target, type), weighted by its quotes; none to a parent unit known only by its IRI."""
    for (u, t, etype) in sorted(edges):
        if t not in G:
            continue
        e = edges[(u, t, etype)]
        evidence = sorted(e.evidence.values(), key=lambda v: (v["year"] or 0, v["source"], v["start"]))
        G.add_edge(u, t, key=etype, type=etype, label=EDGE_LABELS[etype],
                   weight=max(1, len(evidence)), years=sorted(e.years), evidence=evidence)
