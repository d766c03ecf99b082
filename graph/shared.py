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
_FOUND_IN = NamedNode(FZ + "foundIn")  # a report file using an other name: merge keeps EXAMPLES of them
EXAMPLES = 5  # units and files shown for each name outside the vocabulary (all are counted)
LOAD_LINES = 200_000  # shared-graph lines bulk-loaded at a time
_FACTS = frozenset(NamedNode(FZ + c) for c in ("MechanismUse", "CampaignRun", "Problem", "Observation"))
# what a report's fact says of its unit, as a direct edge: (class, status) → predicate
_SHORTCUTS = {(FZ + "MechanismUse", "reported"): "hasMechanism", (FZ + "MechanismUse", "planned"): "plansMechanism",
              (FZ + "CampaignRun", "reported"): "ranCampaign", (FZ + "CampaignRun", "planned"): "plansCampaign"}
# the same on a unit's year, under predicates of their own so that ``?u fz:hasMechanism ?k`` still finds units alone
_UNIT = NamedNode(FZ + "unit")
_BY_YEAR = {"hasMechanism": "reported", "ranCampaign": "reported", "plansMechanism": "planned",
            "plansCampaign": "planned", "reportsProblem": "statedProblem"}


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def _bare(quote: str) -> str:
    """A quote without its quote marks and spaces: the name it gives."""
    return "".join(c for c in quote if c not in _QUOTES and not c.isspace())


def _values(quads: Sequence[Quad]) -> dict[tuple[str, str], list]:
    """(subject, predicate) → objects for the report, its facts and the quotes of its laws and other names only.

    A report graph is mostly evidence (about 1,200 quads); one pass finds the
    report, its facts and those quotes, a few narrow passes follow them
    to their exact text, so the rest is never turned into Python strings.
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
                name = _bare(exact)
                if name:
                    quotes[(bodies[0], name)] += 1
    source = values.get((r.value, FZ + "sourcePath"), [])
    for (kind, name), count in quotes.items():
        node = NamedNode(iris.other_name(kind.value, name))
        out.update([Triple(node, _A, _p(FZ + "OtherName")), Triple(node, _p(FZ + "kind"), kind),
                    Triple(node, _p(FZ + "name"), _zh(name)), Triple(node, _QUOTE_COUNT, _integer(count)),
                    Triple(node, _REPORT_COUNT, _integer(1)), Triple(node, _UNIT, unit),
                    Triple(node, _p(PROV + "wasDerivedFrom"), r)])
        out.update(Triple(node, _FOUND_IN, path) for path in source)  # merge keeps a few as examples


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
            written = _bare(exact)
            if written and written != title and law_title(written) == title:
                out.add(Triple(law, _ALT, _zh(written)))


def with_shared(*graphs: Sequence[Quad]) -> list[Quad]:
    """Report graphs' quads plus the shared graph merged from their contributions: those reports as a store would hold them."""
    shared = from_ntriples(merge(to_ntriples(contributions(quads)) for quads in graphs))
    return [*(q for quads in graphs for q in quads), *(Quad(t.subject, t.predicate, t.object, _SHARED) for t in shared)]


def _nt(iri: str) -> bytes:
    return f"<{iri}>".encode()


_NT_PREF, _NT_ALT, _NT_TYPE, _NT_UNIT_YEAR = _nt(SKOS + "prefLabel"), _nt(SKOS + "altLabel"), _nt(RDF + "type"), _nt(FZ + "UnitYear")
_NT_YEAR, _NT_UNIT, _NT_CITES, _NT_REPORTS_PROBLEM, _NT_REPORTED, _NT_PLANNED = (
    _nt(FZ + n) for n in ("year", "unit", "cites", "reportsProblem", "reported", "planned"))
_NT_SUMMED = frozenset(_nt(t.value) for t in _SUMMED)
_NT_FOUND_IN = _nt(_FOUND_IN.value)
_NT_OTHER_NAME = _nt(_OTHER_NAME_PREFIX)[:-1]


def _split(line: bytes) -> list[bytes]:
    """Subject, predicate and object of one N-Triples line as pyoxigraph writes them (IRIs, one space apart)."""
    return line[:-3].split(b" ", 2)  # without the closing " .\n"


def _line(s: bytes, p: bytes, o: bytes) -> bytes:
    return s + b" " + p + b" " + o + b" .\n"


def _nt_integer(value: int) -> bytes:
    return f'"{value}"^^<{XSD}integer>'.encode()


def _literal_value(term: bytes) -> str:
    """The text of an N-Triples literal (escapes undone)."""
    return cast(Literal, from_ntriples(b"<x:s> <x:p> " + term + b" .\n")[0].object).value


def merge(parts: Iterable[bytes]) -> bytes:
    """The shared graph (sorted N-Triples) from every report's contribution (N-Triples blocks).

    Their union, with the counts each report holds a share of added up and
    the summaries over all of them (``summaries``), and one prefLabel per
    node: reports may label one node differently (一〇六团 / 106团); the label
    most reports use wins (ties: the shortest, then the first in code order)
    and the others become altLabels, so the result does not depend on the
    order reports came in. Lines stay bytes: at 10,000 reports the graph has
    a million triples, which as Python term objects took gigabytes.
    """
    lines: set[bytes] = set()
    votes: dict[bytes, Counter] = {}
    sums: Counter = Counter()
    found_in: dict[bytes, set[bytes]] = {}
    for part in parts:
        for line in part.splitlines(keepends=True):
            if not line.startswith(b"<"):  # a block's "# report" header
                continue
            s, p, o = _split(line)
            if p == _NT_PREF:
                votes.setdefault(s, Counter())[o] += 1
            elif p in _NT_SUMMED:
                sums[(s, p)] += int(o[1:o.index(b'"', 1)])
            elif p == _NT_FOUND_IN:
                found_in.setdefault(s, set()).add(o)
            else:
                lines.add(line)
    lines.update(_line(s, p, _nt_integer(total)) for (s, p), total in sums.items())
    chosen: dict[bytes, bytes] = {}
    for node, counter in votes.items():
        text = {o: _literal_value(o) for o in counter}
        chosen[node] = min(counter, key=lambda o: (-counter[o], len(text[o]), text[o]))
        lines.update(_line(node, _NT_PREF if o == chosen[node] else _NT_ALT, o) for o in counter)
    lines -= {_line(node, _NT_ALT, best) for node, best in chosen.items()}
    lines.update(summaries(lines, chosen))
    lines.update(_line(node, _nt(FZ + "exampleSource"), path)
                 for node, paths in found_in.items() for path in sorted(paths)[:EXAMPLES])
    return b"".join(sorted(lines))


def summaries(lines: set[bytes], labels: dict[bytes, bytes]) -> set[bytes]:
    """What the union of all contributions says in sum, as precomputed nodes the briefing questions read.

    A unit's first and last year; how many units cite each law, report each
    problem category and use each name outside the vocabulary; and for each
    mechanism or campaign kind and year (fz:KindYear) how many units report
    it run or only planned, derived from those units' fz:UnitYear nodes
    (prov:wasDerivedFrom). ``labels`` (node → its prefLabel) names a few
    example units of each name outside the vocabulary.
    """
    wanted = (_NT_TYPE + b" " + _NT_UNIT_YEAR, _NT_YEAR, _NT_UNIT, _NT_CITES, _NT_REPORTS_PROBLEM, _NT_REPORTED,
              _NT_PLANNED)
    triples = [_split(line) for line in lines if any(w in line for w in wanted)]  # a third of a big graph
    unit_years = {s for s, p, o in triples if p == _NT_TYPE and o == _NT_UNIT_YEAR}
    years: dict[bytes, bytes] = {}  # unit-year node -> its year literal
    unit_of: dict[bytes, bytes] = {}
    counted: dict[bytes, set] = {}  # law, problem category or other name -> the units counted
    categories: set[bytes] = set()
    for s, p, o in triples:
        if s in unit_years:
            if p == _NT_YEAR:
                years[s] = o
            elif p == _NT_UNIT:
                unit_of[s] = o
        elif p in (_NT_CITES, _NT_REPORTS_PROBLEM):
            counted.setdefault(o, set()).add(s)
            if p == _NT_REPORTS_PROBLEM:
                categories.add(o)
        elif p == _NT_UNIT and s.startswith(_NT_OTHER_NAME):
            counted.setdefault(s, set()).add(o)
    kind_years: dict[tuple[bytes, bytes, bytes], list[bytes]] = {}
    for s, p, o in triples:
        if s in unit_years and p in (_NT_REPORTED, _NT_PLANNED):
            kind_years.setdefault((o, years[s], p), []).append(s)
    out: set[bytes] = set()
    span: dict[bytes, list[int]] = {}
    for node, unit in unit_of.items():
        span.setdefault(unit, []).append(int(years[node][1:years[node].index(b'"', 1)]))
    for unit, found in span.items():
        out.update([_line(unit, _nt(FZ + "firstYear"), _nt_integer(min(found))),
                    _line(unit, _nt(FZ + "lastYear"), _nt_integer(max(found)))])
    for node, units in counted.items():
        if node in categories:  # a category's count sits on its summary node, beside its problem count
            category = node
            node = _nt(iris.category_summary(category[1:-1].decode().rsplit("/", 1)[-1]))
            out.update([_line(node, _NT_TYPE, _nt(FZ + "CategorySummary")), _line(node, _nt(FZ + "category"), category)])
        out.add(_line(node, _nt(FZ + "unitCount"), _nt_integer(len(units))))
        if node.startswith(_NT_OTHER_NAME):
            out.update(_line(node, _nt(FZ + "exampleUnit"), name)
                       for name in sorted({labels[u] for u in units if u in labels})[:EXAMPLES])
    for (kind, year, how), nodes in kind_years.items():
        node = _nt(iris.kind_year(kind[1:-1].decode(), int(year[1:year.index(b'"', 1)])))
        count = _nt(FZ + ("unitCount" if how == _NT_REPORTED else "plannedUnitCount"))
        out.update([_line(node, _NT_TYPE, _nt(FZ + "KindYear")), _line(node, _nt(FZ + "kind"), kind),
                    _line(node, _NT_YEAR, year), _line(node, count, _nt_integer(len(nodes)))])
        out.update(_line(node, _nt(PROV + "wasDerivedFrom"), uy) for uy in nodes)
    return out


def to_ntriples(triples: Iterable[Triple]) -> bytes:
    """Sorted N-Triples of ``triples`` (a report's contribution block)."""
    text = serialize(list(triples), format=RdfFormat.N_TRIPLES) or b""
    return b"".join(sorted(set(text.splitlines(keepends=True))))


def from_ntriples(data: bytes) -> list[Triple]:
    """The triples of an N-Triples block."""
    return [q.triple if isinstance(q, Quad) else q for q in parse(data, format=RdfFormat.N_TRIPLES)] if data else []


def replace(store: Store, data: bytes) -> tuple[int, int]:
    """Make the store's shared graph the N-Triples ``data``, changing only the lines that differ; returns (added, removed)."""
    new = set(data.splitlines(keepends=True))
    old = set(cast(bytes, store.dump(format=RdfFormat.N_TRIPLES, from_graph=_SHARED) or b"").splitlines(keepends=True))
    gone, added = old - new, new - old
    for t in from_ntriples(b"".join(gone)):
        store.remove(Quad(t.subject, t.predicate, t.object, _SHARED))
    lines = sorted(added)
    for i in range(0, len(lines), LOAD_LINES):  # in slices: one load of a million lines took 2 GB more
        store.bulk_load(b"".join(lines[i: i + LOAD_LINES]), format=RdfFormat.N_TRIPLES, to_graph=_SHARED)
    return len(added), len(gone)


__all__ = ["with_shared", "contributions", "division_triples", "from_ntriples", "merge", "replace", "to_ntriples"]
