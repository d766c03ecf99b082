"""Extraction records → RDF quads: one named graph per report.

A report graph holds what the report says; the units and laws it names are
described once for all reports in the shared graph (see shared.py), from the
names this graph records as written.

Every fact node points to its report (prov:wasDerivedFrom) and to the
fz:Mention that quotes it (fz:evidence); each Mention is a Web Annotation
whose target selects the exact quote and its offsets in the report text.
Quads are built as pyoxigraph terms so a store can bulk-load them directly.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import cast

from fazhi.extract.records import Mention, Metric, Plan, Problem, ReportRecord
from fazhi.graph import iris
from fazhi.graph.divisions import opening_place
from fazhi.graph.linking import identify, law_title
from fazhi.graph.namespaces import (
    DCTERMS,
    FZ,
    OA,
    PROV,
    RDF,
    SCHEMA,
    SCHEME_CAMPAIGN,
    SCHEME_MEASURE,
    SCHEME_MECHANISM,
    SCHEME_PROBLEM,
    XSD,
    concept,
    report_graph,
)
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

PLANNED_SECTIONS = frozenset({"plans"})
_USE_SCHEMES = {"mechanism": SCHEME_MECHANISM, "campaign": SCHEME_CAMPAIGN}  # mention type → scheme
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

@lru_cache(maxsize=4096)
def n(iri: str) -> NamedNode:
    """A cached NamedNode: the same few predicate and class IRIs recur millions of times.

    Bounded, because every report's node IRIs pass through here too: an
    unbounded cache grew a build worker by ~60 MB per 1,000 reports.
    """
    return NamedNode(iri)


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=n(XSD + "integer"))


def decimal(value: float | int) -> Literal:
    """An xsd:decimal in plain notation (never 1e-05)."""
    text = format(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "f")
    return Literal(text, datatype=n(XSD + "decimal"))


def string(text: str) -> Literal:
    return Literal(text)


A = RDF + "type"


@lru_cache(maxsize=1)
def _unit_types() -> dict[str, str]:
    """Unit-type concept IRIs by key (``town``) and by label (``镇``, ``团场``)."""
    from fazhi.ontology.concepts import concepts

    index: dict[str, str] = {}
    for c in concepts("unit-type"):
        for name in (c.key, c.pref_zh, c.pref_en):
            if name:
                index.setdefault(name, c.iri)
    return index


@lru_cache(maxsize=1)
def measure_keys() -> frozenset[str]:
    """The keys of the measure vocabulary (ontology/vocab/measures.ttl)."""
    from fazhi.ontology.concepts import concepts

    return frozenset(c.key for c in concepts("measure"))


def unit_type_concept(value: str) -> str | None:
    """The unit-type concept for a record's ``unit_type`` (key or Chinese label), None if unknown."""
    return _unit_types().get(value.strip())


class _Builder:
    """Collects the quads of one report graph without duplicates."""

    def __init__(self, record: ReportRecord) -> None:
        self.record = record
        self.sha = record.sha256
        self.graph = n(report_graph(record.sha256))
        self.report = n(iris.report(record.sha256))
        self.unit: NamedNode | None = None  # the unit that wrote the report, once identified
        self.quads: dict[Quad, None] = {}

    def add(self, s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        self.quads[Quad(s, n(p), o, self.graph)] = None

    def fact(self, node: NamedNode, cls: str) -> None:
        """A fact node: its class, its report and, when known, the unit and year it is about."""
        self.add(node, A, n(FZ + cls))
        self.add(node, PROV + "wasDerivedFrom", self.report)
        if self.unit is not None:
            self.add(node, FZ + "unit", self.unit)
        if self.record.report.year is not None:
            self.add(node, FZ + "year", integer(self.record.report.year))

    def mention(self, text: str, start: int, end: int, mtype: str, section: str | None,
                body: NamedNode | None, prefix: str = "", suffix: str = "") -> NamedNode:
        """The Web Annotation quoting ``text`` at ``start``–``end`` of this report.

        Annotation → target (the report) → one selector that carries the quote,
        its sentence around it and its offsets: 7 to 12 quads, where a typed
        quote selector and a typed position selector took 13 to 17.
        """
        m_iri = iris.mention(self.sha, start, end)
        m, target, selector = n(m_iri), n(m_iri + "#target"), n(m_iri + "#selector")
        self.add(m, A, n(FZ + "Mention"))
        self.add(m, FZ + "mentionType", string(mtype))
        if section:
            self.add(m, FZ + "section", string(section))
        if body is not None:
            self.add(m, OA + "hasBody", body)
        self.add(m, OA + "hasTarget", target)
        self.add(target, OA + "hasSource", self.report)
        self.add(target, OA + "hasSelector", selector)
        self.add(selector, OA + "exact", string(text))
        if prefix:  # the quote's sentence around it, for readers of the evidence
            self.add(selector, OA + "prefix", string(prefix))
        if suffix:
            self.add(selector, OA + "suffix", string(suffix))
        self.add(selector, OA + "start", integer(start))
        self.add(selector, OA + "end", integer(end))
        return m


def record_quads(record: ReportRecord, minhash: str | None = None, text: str | None = None) -> list[Quad]:
    """All quads of ``record``'s named graph (no duplicates, deterministic order).

    ``minhash`` is the text's near-duplicate signature (extract.fingerprint),
    kept so later builds can tell a copy of this report in another format.
    ``text`` is the report's text: the first division its opening names is
    recorded (fz:placeNamed) as evidence of where the unit lies. What the
    report says about its unit, its laws and its year as a whole is derived
    from this graph into the shared graph (shared.py), never repeated here.
    """
    b = _Builder(record)
    _report_node(b, minhash)
    _creator(b, opening_place(text) if text else [])
    uses = _uses(b)
    _other_mentions(b)
    _plans(b, _problems(b))
    for metric in record.metrics:
        _observation(b, metric, uses)
    return list(b.quads)  # insertion order: deterministic for a given record


def _report_node(b: _Builder, minhash: str | None) -> None:
    """The fz:Report: hash, source file, fingerprint, title, year, dates and names as written."""
    meta, r = b.record.report, b.report
    b.add(r, A, n(FZ + "Report"))
    b.add(r, FZ + "sha256", string(b.sha))
    b.add(r, FZ + "sourcePath", string(b.record.source))
    if minhash:
        b.add(r, FZ + "textMinHash", string(minhash))
    if meta.title:
        b.add(r, DCTERMS + "title", zh(meta.title))
    if meta.year is not None:
        b.add(r, FZ + "year", integer(meta.year))
    if meta.issued and _DATE.match(meta.issued):
        b.add(r, DCTERMS + "issued", Literal(meta.issued, datatype=n(XSD + "date")))
    if meta.author:
        b.add(r, FZ + "authorName", zh(meta.author))
    if meta.addressee:
        b.add(r, FZ + "addressee", zh(meta.addressee))


def _creator(b: _Builder, places: list[str]) -> None:
    """The unit that wrote the report (dcterms:creator), with its name, type and parent as stated.

    The unit itself is described once, in the shared graph (shared.py derives
    it from these statements: the names as written, the title, signature,
    addressee and the places the opening names).
    """
    meta, r = b.record.report, b.report
    me, _parent = identify(meta.unit, meta.parent, (meta.title, meta.author, meta.addressee, *places))
    if me is not None:
        b.unit = n(iris.unit(me.key))
        b.add(r, DCTERMS + "creator", b.unit)
        b.add(r, FZ + "unitName", zh(meta.unit or me.written))
        type_iri = unit_type_concept(meta.unit_type) if meta.unit_type else None
        if type_iri:
            b.add(r, FZ + "statedUnitType", n(type_iri))
    if meta.parent and meta.parent.strip():
        b.add(r, FZ + "parentName", zh(meta.parent))
    for place in places:
        b.add(r, FZ + "placeNamed", zh(place))


def _uses(b: _Builder) -> dict[tuple[str, str], NamedNode]:
    """One fz:MechanismUse / fz:CampaignRun per kind the report names, planned when only its plans name it."""
    grouped: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in b.record.mentions:
        scheme = _USE_SCHEMES.get(m.type)
        if scheme:
            grouped[(scheme, m.kind)].append(m)
    uses: dict[tuple[str, str], NamedNode] = {}  # by (scheme, kind): the subjects of observations
    for (scheme, kind), items in sorted(grouped.items()):
        kind_node = n(concept(scheme, kind))
        planned = all(m.section in PLANNED_SECTIONS for m in items)
        if scheme == SCHEME_MECHANISM:
            node, cls = n(iris.mechanism_use(b.sha, kind)), "MechanismUse"
        else:
            node, cls = n(iris.campaign_run(b.sha, kind)), "CampaignRun"
        b.fact(node, cls)
        uses[(scheme, kind)] = node
        b.add(node, FZ + "kind", kind_node)
        b.add(node, FZ + "status", string("planned" if planned else "reported"))
        b.add(node, FZ + "mentionCount", integer(len(items)))
        for m in items:
            b.add(node, FZ + "evidence", b.mention(m.text, m.start, m.end, scheme, m.section, kind_node,
                                                   m.prefix, m.suffix))
    return uses


def _other_mentions(b: _Builder) -> None:
    """Laws (dcterms:references, each quote's body the law), sub-units and anything else: quoted evidence."""
    for m in b.record.mentions:
        if m.type in _USE_SCHEMES:
            continue
        body: NamedNode | None = None
        if m.type == "law":
            title = law_title(m.text)
            if not title:
                continue
            body = n(iris.law(title))
            b.add(b.report, DCTERMS + "references", body)
        elif m.type == "unit":  # a sub-unit (司法所, 连队 …): evidence annotated with its type
            type_iri = unit_type_concept(m.kind) if m.kind else None
            body = n(type_iri) if type_iri else None
        b.mention(m.text, m.start, m.end, m.type, m.section, body, m.prefix, m.suffix)


def _statement(b: _Builder, node: NamedNode, cls: str, item: Problem | Plan, mtype: str, section: str) -> NamedNode:
    """A stated problem or plan: its class, wording, quote and problem category."""
    b.fact(node, cls)
    b.add(node, DCTERMS + "description", zh(item.text))
    b.add(node, FZ + "evidence", b.mention(item.text, item.start, item.end, mtype, section, node))
    if item.category:
        b.add(node, FZ + "category", n(concept(SCHEME_PROBLEM, item.category)))
    return node


def _problems(b: _Builder) -> tuple[dict[str, list[NamedNode]], dict[str, NamedNode]]:
    """One fz:Problem per stated shortcoming; returns them by category and by text, for the plans."""
    by_category: dict[str, list[NamedNode]] = defaultdict(list)
    by_text: dict[str, NamedNode] = {}
    for p in b.record.problems:
        node = _statement(b, n(iris.problem(b.sha, p.start, p.end)), "Problem", p, "problem", "problems")
        by_category[p.category].append(node)
        by_text[p.text] = node
    return by_category, by_text


def _plans(b: _Builder, problems: tuple[dict[str, list[NamedNode]], dict[str, NamedNode]]) -> None:
    """One fz:Plan per planned measure; it fz:addresses the problems of its category and those it names."""
    by_category, by_text = problems
    for plan in b.record.plans:
        node = _statement(b, n(iris.plan(b.sha, plan.start, plan.end)), "Plan", plan, "plan", "plans")
        if plan.category:
            for target in by_category.get(plan.category, []):
                b.add(node, FZ + "addresses", target)
        for wanted in plan.addresses:  # explicit links by problem text or category key
            for addressed in [by_text.get(wanted), *by_category.get(wanted, [])]:
                if addressed is not None:
                    b.add(node, FZ + "addresses", addressed)


def _observation(b: _Builder, m: Metric, uses: dict[tuple[str, str], NamedNode]) -> None:
    """One fz:Observation: value, unit of measure, measure concept, the use or run it counts, evidence."""
    if not math.isfinite(m.value):  # no decimal for it; the quote stays in the text
        return
    node = n(iris.observation(b.sha, m.start, m.end))
    b.fact(node, "Observation")
    b.add(node, SCHEMA + "value", decimal(m.value))
    if m.unit:
        b.add(node, SCHEMA + "unitText", string(m.unit))
    if m.measure and m.measure in measure_keys():
        b.add(node, FZ + "measure", n(concept(SCHEME_MEASURE, m.measure)))
    if m.phrase:
        b.add(node, FZ + "measurePhrase", zh(m.phrase))
    scheme = _USE_SCHEMES.get(m.subject_type or "")
    subject = uses.get((scheme, m.subject_kind)) if scheme and m.subject_kind else None
    if subject is not None:
        b.add(node, FZ + "subject", subject)
    b.add(node, FZ + "approximate", Literal("true" if m.approximate else "false",
                                            datatype=n(XSD + "boolean")))
    b.add(node, FZ + "evidence", b.mention(m.text, m.start, m.end, "metric", None, node,
                                           m.prefix, m.suffix))


def records_quads(records: Iterable[ReportRecord]) -> list[Quad]:
    """The quads of many reports (each report in its own named graph)."""
    out: list[Quad] = []
    for record in records:
        out.extend(record_quads(record))
    return out


def to_nquads(quads: Iterable[Quad]) -> str:
    """Sorted N-Quads text: the byte-comparable form of a set of quads."""
    text = cast(bytes, serialize(list(quads), format=RdfFormat.N_QUADS)).decode("utf-8")
    return "".join(sorted(set(text.splitlines(keepends=True))))


__all__ = ["record_quads", "records_quads", "to_nquads"]
