"""The shared graph: every unit, law and administrative division described once, and the summaries.

Report graphs say which unit wrote them, which laws they cite and what they
state, with the names as written (fz:unitName, fz:parentName, the law
quotes). What each report contributes to the shared graph is derived here
from its graph alone: the unit and its parent, the laws, the direct edges
(unit → kind, category, law), its unit's year (fz:UnitYear, fz:UnitYearMeasure)
and its share of the counts. The shared graph is the merge of all
contributions (``merge``: their union, the counts added up, then the
summaries over all of them), kept in its own named graph so that a plain
SPARQL query over the union sees each node once. A build keeps each report's
contribution (as N-Triples) beside its graph.ttl block, re-merges, and changes
in the store only the shared triples that differ.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, cast
from urllib.parse import unquote

from fazhi.graph import iris
from fazhi.graph.divisions import Division, load_tree
from fazhi.graph.linking import Identity, identify, law_title
from fazhi.graph.namespaces import (
    DCTERMS,
    FZ,
    GRAPH_SHARED,
    ID,
    OA,
    ORG,
    PROV,
    RDF,
    SCHEMA,
    SCHEME_CAMPAIGN,
    SCHEME_MECHANISM,
    SKOS,
    XSD,
    concept,
)
from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Triple,
    parse,
    serialize,
)

_A = NamedNode(RDF + "type")
_PREF = NamedNode(SKOS + "prefLabel")
_ALT = NamedNode(SKOS + "altLabel")
_SHARED = NamedNode(GRAPH_SHARED)
_LAW_PREFIX = ID + "law/"
_OTHER_NAME_PREFIX = ID + "other-name/"
_QUOTES = "《》〈〉「」『』\"'“”‘’<>"


def _p(name: str) -> NamedNode:
    return NamedNode(name)


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


_HAS_BODY, _HAS_TARGET, _HAS_SELECTOR, _EXACT = (NamedNode(OA + n) for n in ("hasBody", "hasTarget", "hasSelector", "exact"))
_REPORT = NamedNode(FZ + "Report")
_OTHER_KINDS = frozenset(NamedNode(concept(s, "other")) for s in (SCHEME_MECHANISM, SCHEME_CAMPAIGN))
# counts each report contributes a share of: merge adds the shares up instead of taking their union
_REPORT_COUNT, _QUOTE_COUNT, _PROBLEM_COUNT = (NamedNode(FZ + n) for n in ("reportCount", "quoteCount", "problemCount"))
_SUMMED = frozenset({_REPORT_COUNT, _QUOTE_COUNT, _PROBLEM_COUNT})


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))
_FACTS = frozenset(NamedNode(FZ + c) for c in ("MechanismUse", "CampaignRun", "Problem", "Observation"))
# what a report's fact says of its unit, as a direct edge: (class, status) → predicate
_SHORTCUTS = {(FZ + "MechanismUse", "reported"): "hasMechanism", (FZ + "MechanismUse", "planned"): "plansMechanism",
              (FZ + "CampaignRun", "reported"): "ranCampaign", (FZ + "CampaignRun", "planned"): "plansCampaign"}
# the same on a unit's year, under predicates of their own so that ``?u fz:hasMechanism ?k`` still finds units alone
_YEAR, _UNIT, _CITES, _REPORTS_PROBLEM, _REPORTED, _PLANNED, _UNIT_COUNT = (
    NamedNode(FZ + n) for n in ("year", "unit", "cites", "reportsProblem", "reported", "planned", "unitCount"))
_BY_YEAR = {"hasMechanism": "reported", "ranCampaign": "reported", "plansMechanism": "planned",
            "plansCampaign": "planned", "reportsProblem": "statedProblem"}


def _values(quads: Sequence[Quad]) -> dict[tuple[str, str], list]:
    """(subject, predicate) → objects for the report, its facts and the evidence of its law quotes only.

    A report graph is mostly evidence (about 1,200 quads); one pass finds the
    report, its facts and the law quotes, a few narrow passes follow those
    quotes to their exact text, so the rest is never turned into Python strings.
    """
    wanted = {q.subject for q in quads if q.predicate == _A and (q.object == _REPORT or q.object in _FACTS)}
    out: dict[tuple[str, str], list] = {}

    def keep(q: Quad) -> None:
        out.setdefault((cast(NamedNode, q.subject).value, q.predicate.value), []).append(q.object)

    subjects: set[Any] = set()
    for q in quads:
        if q.predicate == _HAS_BODY and isinstance(q.object, NamedNode) and (
                q.object.value.startswith(_LAW_PREFIX) or q.object in _OTHER_KINDS):
            keep(q)
            subjects.add(q.subject)
    for predicate in (_HAS_TARGET, _HAS_SELECTOR, _EXACT):  # mention → target → selector → quote
        found = [q for q in quads if q.predicate == predicate and q.subject in subjects]
        for q in found:
            keep(q)
        subjects = {q.object for q in found}
    for q in quads:
        if q.subject in wanted:
            keep(q)
    return out


def division_triples(division: Division) -> list[Triple]:
    """A division and the chain above it: label, code, level, org:subOrganizationOf the next one up."""
    tree = load_tree()
    chain = tree.chain(division.code) if tree is not None else [division]
    out: list[Triple] = []
    for d in chain:
        node = NamedNode(iris.division(d.code))
        out += [Triple(node, _A, _p(FZ + "Division")),
                Triple(node, _PREF, _zh(d.name)),
                Triple(node, _p(FZ + "adcode"), Literal(d.code)),
                Triple(node, _p(FZ + "divisionLevel"), Literal(d.level))]
        if d.short and d.short != d.name:
            out.append(Triple(node, _ALT, _zh(d.short)))
        if d.parent is not None:
            out.append(Triple(node, _p(ORG + "subOrganizationOf"), NamedNode(iris.division(d.parent))))
    return out


def _unit_triples(node: NamedNode, ident: Identity) -> list[Triple]:
    out = [Triple(node, _A, _p(FZ + "Unit")), Triple(node, _PREF, _zh(ident.label))]
    if ident.written and ident.written != ident.label:
        out.append(Triple(node, _ALT, _zh(ident.written)))
    if ident.division is not None:
        out.append(Triple(node, _p(FZ + "division"), NamedNode(iris.division(ident.division.code))))
        out += division_triples(ident.division)
    elif ident.candidates > 1:
        out.append(Triple(node, _p(FZ + "divisionCandidates"),
                          Literal(str(ident.candidates), datatype=_p(XSD + "integer"))))
    return out


def contributions(quads: Sequence[Quad]) -> list[Triple]:
    """What one report graph says about the units, laws and divisions it names, and its unit's year (sorted, no duplicates)."""
    values = _values(quads)
    reports = [NamedNode(s) for (s, pred), objs in values.items()
               if pred == RDF + "type" and any(o == _REPORT for o in objs)]
    out: set[Triple] = set()
    for r in reports:
        unit = _creator_triples(values, r, out)
        laws = [law for law in values.get((r.value, DCTERMS + "references"), []) if law.value.startswith(_LAW_PREFIX)]
        for law in laws:
            out.add(Triple(law, _A, _p(FZ + "LegalInstrument")))
            out.add(Triple(law, _PREF, _zh(unquote(law.value[len(_LAW_PREFIX):]))))
        if unit is not None:
            _summary_triples(values, r, unit, laws, out)
    _written_law_titles(values, out)
    return sorted(out, key=str)


def _creator_triples(values: dict[tuple[str, str], list], r: NamedNode, out: set[Triple]) -> NamedNode | None:
    """The report's unit and its parent as the shared graph describes them; returns the unit node."""
    def one(pred: str) -> str | None:
        found = values.get((r.value, pred))
        return found[0].value if found else None

    creator = one(DCTERMS + "creator")
    places = sorted(p.value for p in values.get((r.value, FZ + "placeNamed"), []))
    me, parent = identify(one(FZ + "unitName"), one(FZ + "parentName"),
                          (one(DCTERMS + "title"), one(FZ + "authorName"), one(FZ + "addressee"), *places))
    if creator is None or me is None:
        return None
    unit = NamedNode(creator)
    out.update(_unit_triples(unit, me))
    for t in values.get((r.value, FZ + "statedUnitType"), []):
        out.add(Triple(unit, _p(FZ + "unitType"), t))
    if parent is not None:
        p_node = NamedNode(iris.unit(parent.key))
        out.update(_unit_triples(p_node, parent))
        out.add(Triple(unit, _p(ORG + "subOrganizationOf"), p_node))
    return unit


def _summary_triples(values: dict[tuple[str, str], list], r: NamedNode, unit: NamedNode,
                     laws: list[NamedNode], out: set[Triple]) -> None:
    """The direct edges the briefing questions follow, derived from the report's facts.

    On the unit: the kinds it runs or plans, the problem categories it
    reports, the laws it cites. On its year (fz:UnitYear, prov:wasDerivedFrom
    the report): the same kinds and categories. On each measure it states
    that year (fz:UnitYearMeasure, prov:wasDerivedFrom the observations): the
    values. Summaries of many reports are the union of these.
    """
    facts: dict[str, list[str]] = {}  # fact IRI -> its classes
    for (s, pred), objs in values.items():
        if pred == RDF + "type" and s != r.value:
            facts[s] = [o.value for o in objs]
    year = values.get((r.value, FZ + "year"), [])
    year_node = NamedNode(iris.unit_year(unit.value, int(year[0].value))) if year else None
    edges: set[tuple[str, Any]] = {("cites", law) for law in laws}
    measures: dict[Any, list[str]] = {}  # measure concept -> observation IRIs
    for fact, classes in facts.items():
        if values.get((fact, PROV + "wasDerivedFrom"), [None])[0] != r:
            continue
        for cls in classes:
            if cls in (FZ + "MechanismUse", FZ + "CampaignRun"):
                status = values.get((fact, FZ + "status"), [Literal("reported")])[0].value
                for kind in values.get((fact, FZ + "kind"), []):
                    edges.add((_SHORTCUTS[(cls, status)], kind))
            elif cls == FZ + "Problem":
                edges.update(("reportsProblem", c) for c in values.get((fact, FZ + "category"), []))
            elif cls == FZ + "Observation":
                for measure in values.get((fact, FZ + "measure"), []):
                    measures.setdefault(measure, []).append(fact)
    for pred, obj in edges:
        out.add(Triple(unit, _p(FZ + pred), obj))
        if year_node is not None and pred in _BY_YEAR:
            out.add(Triple(year_node, _p(FZ + _BY_YEAR[pred]), obj))
    _counts(values, unit, laws, facts, out)
    _other_names(values, r, unit, out)
    if year_node is None:
        return
    out.update([Triple(year_node, _A, _p(FZ + "UnitYear")), Triple(year_node, _p(FZ + "unit"), unit),
                Triple(year_node, _p(FZ + "year"), year[0]), Triple(year_node, _p(PROV + "wasDerivedFrom"), r)])
    for measure, observations in measures.items():
        node = NamedNode(iris.unit_year_measure(unit.value, int(year[0].value), measure.value.rsplit("/", 1)[-1]))
        out.update([Triple(node, _A, _p(FZ + "UnitYearMeasure")), Triple(node, _p(FZ + "unit"), unit),
                    Triple(node, _p(FZ + "year"), year[0]), Triple(node, _p(FZ + "measure"), measure),
                    Triple(year_node, _p(FZ + "statedMeasure"), measure)])
        for obs in observations:
            out.add(Triple(node, _p(PROV + "wasDerivedFrom"), NamedNode(obs)))
            out.update(Triple(node, _p(FZ + "statedValue"), v) for v in values.get((obs, SCHEMA + "value"), []))


def _counts(values: dict[tuple[str, str], list], unit: NamedNode, laws: list[NamedNode],
            facts: dict[str, list[str]], out: set[Triple]) -> None:
    """This report's share of the counts ``merge`` adds up: one report of its unit and of each law it
    cites, its quotes of each law, its problems of each category."""
    one = _integer(1)
    out.add(Triple(unit, _REPORT_COUNT, one))
    quotes = Counter(objs[0] for (_m, pred), objs in values.items() if pred == OA + "hasBody")
    for law in laws:
        out.update([Triple(law, _REPORT_COUNT, one), Triple(law, _QUOTE_COUNT, _integer(quotes[law]))])
    problems = Counter(c for fact, classes in facts.items() if FZ + "Problem" in classes
                       for c in values.get((fact, FZ + "category"), []))
    for category, count in problems.items():
        node = NamedNode(iris.category_summary(category.value.rsplit("/", 1)[-1]))
        out.update([Triple(node, _A, _p(FZ + "CategorySummary")), Triple(node, _p(FZ + "category"), category),
                    Triple(node, _PROBLEM_COUNT, _integer(count))])


def _other_names(values: dict[tuple[str, str], list], r: NamedNode, unit: NamedNode, out: set[Triple]) -> None:
    """The report's share of each fz:OtherName: the mechanism and campaign names no vocabulary concept covers."""
    quotes: Counter = Counter()
    for (m, pred), bodies in values.items():
        if pred == OA + "hasBody" and bodies[0] in _OTHER_KINDS:
            for exact in _exacts(values, m):
                name = "".join(c for c in exact if c not in _QUOTES and not c.isspace())
                if name:
                    quotes[(bodies[0], name)] += 1
    for (kind, name), count in quotes.items():
        node = NamedNode(iris.other_name(kind.value, name))
        out.update([Triple(node, _A, _p(FZ + "OtherName")), Triple(node, _p(FZ + "kind"), kind),
                    Triple(node, _p(FZ + "name"), _zh(name)), Triple(node, _QUOTE_COUNT, _integer(count)),
                    Triple(node, _REPORT_COUNT, _integer(1)), Triple(node, _UNIT, unit),
                    Triple(node, _p(PROV + "wasDerivedFrom"), r)])


def _exacts(values: dict[tuple[str, str], list], mention: str) -> list[str]:
    """The quoted text of a mention: mention → target → selector → oa:exact."""
    return [exact.value for t in values.get((mention, OA + "hasTarget"), [])
            for sel in values.get((t.value, OA + "hasSelector"), [])
            for exact in values.get((sel.value, OA + "exact"), [])]


def _written_law_titles(values: dict[tuple[str, str], list], out: set[Triple]) -> None:
    """The law titles as the report wrote them (traditional script, 中华人民共和国 …), kept as altLabels."""
    bodies = {m: laws[0] for (m, pred), laws in values.items()
              if pred == OA + "hasBody" and laws[0].value.startswith(_LAW_PREFIX)}
    for m, law in bodies.items():
        title = unquote(law.value[len(_LAW_PREFIX):])
        for exact in _exacts(values, m):
            written = "".join(c for c in exact if c not in _QUOTES and not c.isspace())
            if written and written != title and law_title(written) == title:
                out.add(Triple(law, _ALT, _zh(written)))


def with_shared(*graphs: Sequence[Quad]) -> list[Quad]:
    """Report graphs' quads plus the shared graph merged from their contributions: those reports as a store would hold them."""
    shared = merge(contributions(quads) for quads in graphs)
    return [*(q for quads in graphs for q in quads), *(Quad(t.subject, t.predicate, t.object, _SHARED) for t in shared)]


def merge(parts: Iterable[Iterable[Triple]]) -> list[Triple]:
    """The shared graph from every report's contribution: their union, one prefLabel per node.

    Reports may label one node differently (一〇六团 / 106团); the label most
    reports use wins (ties: the shortest, then the first in code order) and
    the others become altLabels, so the result does not depend on the order
    reports came in.
    """
    triples: set[Triple] = set()
    votes: dict[Any, Counter] = {}
    sums: Counter = Counter()
    for part in parts:
        for t in part:
            if t.predicate == _PREF:
                votes.setdefault(t.subject, Counter())[t.object] += 1
            elif t.predicate in _SUMMED:
                sums[(t.subject, t.predicate)] += int(cast(Literal, t.object).value)
            else:
                triples.add(t)
    triples.update(Triple(s, p, _integer(total)) for (s, p), total in sums.items())
    triples.update(summaries(triples))
    for node, counter in votes.items():
        best = min(counter, key=lambda lit: (-counter[lit], len(lit.value), lit.value))
        triples.add(Triple(node, _PREF, best))
        for other in counter:
            if other != best:
                triples.add(Triple(node, _ALT, other))
    triples -= {Triple(t.subject, _ALT, t.object) for t in triples if t.predicate == _PREF}
    return sorted(triples, key=str)


def summaries(triples: set[Triple]) -> list[Triple]:
    """What the union of all contributions says in sum, as precomputed nodes the briefing questions read.

    A unit's first and last year; how many units cite each law and report
    each problem category; and for each mechanism or campaign kind and year
    (fz:KindYear) how many units report it run or only planned, derived from
    those units' fz:UnitYear nodes (prov:wasDerivedFrom).
    """
    years: dict[Any, Any] = {}  # unit-year node -> year literal
    unit_of: dict[Any, Any] = {}
    citing: dict[Any, set] = {}
    reporting: dict[Any, set] = {}
    kind_years: dict[tuple[Any, Any, str], list] = {}
    naming: dict[Any, set] = {}  # other name -> units using it
    unit_year = _p(FZ + "UnitYear")
    kinds = {t.subject for t in triples if t.predicate == _A and t.object == unit_year}
    for t in triples:
        if t.subject in kinds:
            if t.predicate == _YEAR:
                years[t.subject] = t.object
            elif t.predicate == _UNIT:
                unit_of[t.subject] = t.object
        elif t.predicate == _CITES:
            citing.setdefault(t.object, set()).add(t.subject)
        elif t.predicate == _REPORTS_PROBLEM:
            reporting.setdefault(t.object, set()).add(t.subject)
        elif t.predicate == _UNIT and str(t.subject).startswith("<" + _OTHER_NAME_PREFIX):
            naming.setdefault(t.subject, set()).add(t.object)
    for t in triples:
        if t.subject in kinds and t.predicate in (_REPORTED, _PLANNED):
            kind_years.setdefault((t.object, years[t.subject], t.predicate.value), []).append(t.subject)
    out: list[Triple] = []
    span: dict[Any, list] = {}
    for node, unit in unit_of.items():
        span.setdefault(unit, []).append(int(years[node].value))
    for unit, found in span.items():
        out += [Triple(unit, _p(FZ + "firstYear"), _integer(min(found))),
                Triple(unit, _p(FZ + "lastYear"), _integer(max(found)))]
    out += [Triple(node, _UNIT_COUNT, _integer(len(units))) for found in (citing, naming)
            for node, units in found.items()]
    for category, units in reporting.items():
        node = NamedNode(iris.category_summary(category.value.rsplit("/", 1)[-1]))
        out += [Triple(node, _A, _p(FZ + "CategorySummary")), Triple(node, _p(FZ + "category"), category),
                Triple(node, _UNIT_COUNT, _integer(len(units)))]
    for (kind, year, how), nodes in kind_years.items():
        node = NamedNode(iris.kind_year(kind.value, int(year.value)))
        count = _UNIT_COUNT if how == _REPORTED.value else _p(FZ + "plannedUnitCount")
        out += [Triple(node, _A, _p(FZ + "KindYear")), Triple(node, _p(FZ + "kind"), kind),
                Triple(node, _YEAR, year), Triple(node, count, _integer(len(nodes)))]
        out += [Triple(node, _p(PROV + "wasDerivedFrom"), uy) for uy in nodes]
    return out


def to_ntriples(triples: Iterable[Triple]) -> bytes:
    """Sorted N-Triples of ``triples`` (a report's contribution block)."""
    text = serialize(list(triples), format=RdfFormat.N_TRIPLES) or b""
    return b"".join(sorted(set(text.splitlines(keepends=True))))


def from_ntriples(data: bytes) -> list[Triple]:
    """The triples of an N-Triples block."""
    return [q.triple if isinstance(q, Quad) else q for q in parse(data, format=RdfFormat.N_TRIPLES)] if data else []


def stored(store: Store) -> set[Triple]:
    """The shared graph as the store holds it."""
    return {q.triple for q in store.quads_for_pattern(None, None, None, _SHARED)}


def replace(store: Store, triples: Iterable[Triple]) -> tuple[int, int]:
    """Make the store's shared graph ``triples``, changing only what differs; returns (added, removed)."""
    new = set(triples)
    old = stored(store)
    gone, added = old - new, new - old
    for t in gone:
        store.remove(Quad(t.subject, t.predicate, t.object, _SHARED))
    if added:
        store.extend([Quad(t.subject, t.predicate, t.object, _SHARED) for t in added])
    return len(added), len(gone)


__all__ = ["with_shared", "contributions", "division_triples", "from_ntriples", "merge", "replace", "stored", "to_ntriples"]
