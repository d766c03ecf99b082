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
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import cast

from fazhi.extract.records import Metric, ReportRecord
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
        self.quads: dict[Quad, None] = {}

    def add(self, s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        self.quads[Quad(s, n(p), o, self.graph)] = None

    def mention(self, text: str, start: int, end: int, mtype: str, section: str | None,
                body: NamedNode | None, prefix: str = "", suffix: str = "") -> NamedNode:
        """The Web Annotation quoting ``text`` at ``start``–``end`` of this report."""
        m_iri = iris.mention(self.sha, start, end)
        m = n(m_iri)
        target, quote, pos = n(m_iri + "#target"), n(m_iri + "#quote"), n(m_iri + "#position")
        self.add(m, A, n(FZ + "Mention"))
        self.add(m, OA + "hasTarget", target)
        self.add(m, OA + "motivatedBy", n(OA + "identifying"))
        self.add(m, FZ + "mentionType", string(mtype))
        if section:
            self.add(m, FZ + "section", string(section))
        if body is not None:
            self.add(m, OA + "hasBody", body)
        self.add(target, A, n(OA + "SpecificResource"))
        self.add(target, OA + "hasSource", self.report)
        self.add(target, OA + "hasSelector", quote)
        self.add(target, OA + "hasSelector", pos)
        self.add(quote, A, n(OA + "TextQuoteSelector"))
        self.add(quote, OA + "exact", string(text))
        if prefix:  # the quote's sentence around it, for readers of the evidence
            self.add(quote, OA + "prefix", string(prefix))
        if suffix:
            self.add(quote, OA + "suffix", string(suffix))
        self.add(pos, A, n(OA + "TextPositionSelector"))
        self.add(pos, OA + "start", integer(start))
        self.add(pos, OA + "end", integer(end))
        return m


def record_quads(record: ReportRecord, minhash: str | None = None, text: str | None = None) -> list[Quad]:
    """All quads of ``record``'s named graph (no duplicates, deterministic order).

    ``minhash`` is the text's near-duplicate signature (extract.fingerprint),
    kept so later builds can tell a copy of this report in another format.
    ``text`` is the report's text: the first division its opening names is
    recorded (fz:placeNamed) as evidence of where the unit lies.
    """
    b = _Builder(record)
    meta = record.report
    year = meta.year
    r = b.report

    b.add(r, A, n(FZ + "Report"))
    b.add(r, FZ + "sha256", string(record.sha256))
    b.add(r, FZ + "sourcePath", string(record.source))
    if minhash:
        b.add(r, FZ + "textMinHash", string(minhash))
    if meta.title:
        b.add(r, DCTERMS + "title", zh(meta.title))
    if year is not None:
        b.add(r, FZ + "year", integer(year))
    if meta.issued and _DATE.match(meta.issued):
        b.add(r, DCTERMS + "issued", Literal(meta.issued, datatype=n(XSD + "date")))
    if meta.author:
        b.add(r, FZ + "authorName", zh(meta.author))
    if meta.addressee:
        b.add(r, FZ + "addressee", zh(meta.addressee))

    # the unit and the laws are described once, in the shared graph (shared.py derives it from
    # what the report states here: the names as written, the title, signature and addressee)
    unit: NamedNode | None = None
    places = opening_place(text) if text else []
    me, _parent = identify(meta.unit, meta.parent, (meta.title, meta.author, meta.addressee, *places))
    if me is not None:
        unit = n(iris.unit(me.key))
        b.add(r, DCTERMS + "creator", unit)
        b.add(r, FZ + "unitName", zh(meta.unit or me.written))
        type_iri = unit_type_concept(meta.unit_type) if meta.unit_type else None
        if type_iri:
            b.add(r, FZ + "statedUnitType", n(type_iri))
    if meta.parent and meta.parent.strip():
        b.add(r, FZ + "parentName", zh(meta.parent))
    for place in places:
        b.add(r, FZ + "placeNamed", zh(place))

    def fact(node: NamedNode, cls: str) -> None:
        b.add(node, A, n(FZ + cls))
        b.add(node, PROV + "wasDerivedFrom", r)
        if unit is not None:
            b.add(node, FZ + "unit", unit)
        if year is not None:
            b.add(node, FZ + "year", integer(year))

    # mechanisms and campaigns: one use/run node per kind, status from the sections
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for m in record.mentions:
        if m.type == "mechanism":
            grouped[(SCHEME_MECHANISM, m.kind)].append(m)
        elif m.type == "campaign":
            grouped[(SCHEME_CAMPAIGN, m.kind)].append(m)
        elif m.type == "law":
            title = law_title(m.text)
            if not title:
                continue
            law = n(iris.law(title))
            b.mention(m.text, m.start, m.end, "law", m.section, law, m.prefix, m.suffix)
            b.add(r, DCTERMS + "references", law)
            if unit is not None:
                b.add(unit, FZ + "cites", law)
        elif m.type == "unit":  # a sub-unit (司法所, 连队 …): evidence annotated with its type
            type_iri = unit_type_concept(m.kind) if m.kind else None
            b.mention(m.text, m.start, m.end, "unit", m.section, n(type_iri) if type_iri else None,
                      m.prefix, m.suffix)
        else:  # honours and anything new: kept as quoted evidence
            b.mention(m.text, m.start, m.end, m.type, m.section, None, m.prefix, m.suffix)

    uses: dict[tuple[str, str], NamedNode] = {}  # the use/run node of each kind, for observations' subjects
    for (scheme, kind), items in sorted(grouped.items()):
        kind_node = n(concept(scheme, kind))
        planned = all(m.section in PLANNED_SECTIONS for m in items)
        if scheme == SCHEME_MECHANISM:
            node, cls = n(iris.mechanism_use(b.sha, kind)), "MechanismUse"
            shortcut = "plansMechanism" if planned else "hasMechanism"
        else:
            node, cls = n(iris.campaign_run(b.sha, kind)), "CampaignRun"
            shortcut = "plansCampaign" if planned else "ranCampaign"
        fact(node, cls)
        uses[(scheme, kind)] = node
        b.add(node, FZ + "kind", kind_node)
        b.add(node, FZ + "status", string("planned" if planned else "reported"))
        b.add(node, FZ + "mentionCount", integer(len(items)))
        for m in items:
            b.add(node, FZ + "evidence", b.mention(m.text, m.start, m.end, scheme, m.section, kind_node,
                                                   m.prefix, m.suffix))
        if unit is not None:
            b.add(unit, FZ + shortcut, kind_node)

    problems_by_category: dict[str, list[NamedNode]] = defaultdict(list)
    problems_by_text: dict[str, NamedNode] = {}
    for p in record.problems:
        node = n(iris.problem(b.sha, p.start, p.end))
        fact(node, "Problem")
        b.add(node, DCTERMS + "description", zh(p.text))
        b.add(node, FZ + "evidence", b.mention(p.text, p.start, p.end, "problem", "problems", node))
        if p.category:
            cat = n(concept(SCHEME_PROBLEM, p.category))
            b.add(node, FZ + "category", cat)
            if unit is not None:
                b.add(unit, FZ + "reportsProblem", cat)
        problems_by_category[p.category].append(node)
        problems_by_text[p.text] = node

    for plan in record.plans:
        node = n(iris.plan(b.sha, plan.start, plan.end))
        fact(node, "Plan")
        b.add(node, DCTERMS + "description", zh(plan.text))
        b.add(node, FZ + "evidence", b.mention(plan.text, plan.start, plan.end, "plan", "plans", node))
        if plan.category:
            b.add(node, FZ + "category", n(concept(SCHEME_PROBLEM, plan.category)))
            for target in problems_by_category.get(plan.category, []):
                b.add(node, FZ + "addresses", target)
        for wanted in plan.addresses:  # explicit links by problem text or category key
            for addressed in [problems_by_text.get(wanted), *problems_by_category.get(wanted, [])]:
                if addressed is not None:
                    b.add(node, FZ + "addresses", addressed)

    for metric in record.metrics:
        observation(b, fact, metric, uses)

    return list(b.quads)  # insertion order: deterministic for a given record


def observation(b: _Builder, fact: Callable[[NamedNode, str], None], m: Metric,
                uses: dict[tuple[str, str], NamedNode]) -> None:
    """One fz:Observation: value, unit of measure, measure concept, the use or run it counts, evidence."""
    if not math.isfinite(m.value):  # no decimal for it; the quote stays in the text
        return
    node = n(iris.observation(b.sha, m.start, m.end))
    fact(node, "Observation")
    b.add(node, SCHEMA + "value", decimal(m.value))
    if m.unit:
        b.add(node, SCHEMA + "unitText", string(m.unit))
    if m.measure and m.measure in measure_keys():
        b.add(node, FZ + "measure", n(concept(SCHEME_MEASURE, m.measure)))
    if m.phrase:
        b.add(node, FZ + "measurePhrase", zh(m.phrase))
    scheme = {"mechanism": SCHEME_MECHANISM, "campaign": SCHEME_CAMPAIGN}.get(m.subject_type or "")
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
