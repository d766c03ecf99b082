"""The shared graph: every unit, law and administrative division described once.

Report graphs say which unit wrote them and which laws they cite, with the
names as written (fz:unitName, fz:parentName, the law quotes). What each
report contributes to the description of those shared things is derived
here from its graph alone; the shared graph is the merge of all
contributions, kept in its own named graph so that a plain SPARQL query
over the union sees each unit and law once. A build keeps each report's
contribution (as N-Triples) beside its graph.ttl block, re-merges, and
changes in the store only the shared triples that differ.
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
    RDF,
    SKOS,
    XSD,
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
_QUOTES = "《》〈〉「」『』\"'“”‘’<>"


def _p(name: str) -> NamedNode:
    return NamedNode(name)


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


_HAS_BODY, _HAS_TARGET, _HAS_SELECTOR, _EXACT = (NamedNode(OA + n) for n in ("hasBody", "hasTarget", "hasSelector", "exact"))
_REPORT = NamedNode(FZ + "Report")


def _values(quads: Sequence[Quad]) -> dict[tuple[str, str], list]:
    """(subject, predicate) → objects for the report nodes and the evidence of their law quotes only.

    A report graph is mostly evidence (about 2,000 quads); one pass finds the
    reports and the law quotes, a few narrow passes follow those quotes to
    their exact text, so the rest is never turned into Python strings.
    """
    reports = {q.subject for q in quads if q.predicate == _A and q.object == _REPORT}
    wanted = set(reports)
    out: dict[tuple[str, str], list] = {}

    def keep(q: Quad) -> None:
        out.setdefault((cast(NamedNode, q.subject).value, q.predicate.value), []).append(q.object)

    subjects: set[Any] = set()
    for q in quads:
        if q.predicate == _HAS_BODY and isinstance(q.object, NamedNode) and q.object.value.startswith(_LAW_PREFIX):
            keep(q)
            subjects.add(q.subject)
    for predicate in (_HAS_TARGET, _HAS_SELECTOR, _EXACT):  # mention → target → selectors → quote
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
    """What one report graph says about the units, laws and divisions it names (sorted, no duplicates)."""
    values = _values(quads)
    reports = [NamedNode(s) for (s, pred), objs in values.items()
               if pred == RDF + "type" and any(o == _REPORT for o in objs)]
    out: set[Triple] = set()
    for r in reports:
        def one(pred: str) -> str | None:
            found = values.get((r.value, pred))
            return found[0].value if found else None

        creator = one(DCTERMS + "creator")
        places = sorted(p.value for p in values.get((r.value, FZ + "placeNamed"), []))
        me, parent = identify(one(FZ + "unitName"), one(FZ + "parentName"),
                              (one(DCTERMS + "title"), one(FZ + "authorName"), one(FZ + "addressee"), *places))
        if creator is not None and me is not None:
            unit = NamedNode(creator)
            out.update(_unit_triples(unit, me))
            for t in values.get((r.value, FZ + "statedUnitType"), []):
                out.add(Triple(unit, _p(FZ + "unitType"), t))
            if parent is not None:
                p_node = NamedNode(iris.unit(parent.key))
                out.update(_unit_triples(p_node, parent))
                out.add(Triple(unit, _p(ORG + "subOrganizationOf"), p_node))
        for law in values.get((r.value, DCTERMS + "references"), []):
            if law.value.startswith(_LAW_PREFIX):
                out.add(Triple(law, _A, _p(FZ + "LegalInstrument")))
                out.add(Triple(law, _PREF, _zh(unquote(law.value[len(_LAW_PREFIX):]))))
    # the law titles as the report wrote them (traditional script, 中华人民共和国 …) stay as altLabels
    bodies = {m: laws[0] for (m, pred), laws in values.items() if pred == OA + "hasBody"}
    for m, law in bodies.items():
        target = values.get((m, OA + "hasTarget"), [])
        for t in target:
            for sel in values.get((t.value, OA + "hasSelector"), []):
                for exact in values.get((sel.value, OA + "exact"), []):
                    written = "".join(c for c in exact.value if c not in _QUOTES and not c.isspace())
                    if written and written != unquote(law.value[len(_LAW_PREFIX):]) \
                            and law_title(written) == unquote(law.value[len(_LAW_PREFIX):]):
                        out.add(Triple(law, _ALT, _zh(written)))
    return sorted(out, key=str)


def with_shared(quads: Sequence[Quad]) -> list[Quad]:
    """A report graph's quads plus its contribution in the shared graph: one report as a store would hold it."""
    return [*quads, *(Quad(t.subject, t.predicate, t.object, _SHARED) for t in contributions(quads))]


def merge(parts: Iterable[Iterable[Triple]]) -> list[Triple]:
    """The shared graph from every report's contribution: their union, one prefLabel per node.

    Reports may label one node differently (一〇六团 / 106团); the label most
    reports use wins (ties: the shortest, then the first in code order) and
    the others become altLabels, so the result does not depend on the order
    reports came in.
    """
    triples: set[Triple] = set()
    votes: dict[Any, Counter] = {}
    for part in parts:
        for t in part:
            if t.predicate == _PREF:
                votes.setdefault(t.subject, Counter())[t.object] += 1
            else:
                triples.add(t)
    for node, counter in votes.items():
        best = min(counter, key=lambda lit: (-counter[lit], len(lit.value), lit.value))
        triples.add(Triple(node, _PREF, best))
        for other in counter:
            if other != best:
                triples.add(Triple(node, _ALT, other))
    triples -= {Triple(t.subject, _ALT, t.object) for t in triples if t.predicate == _PREF}
    return sorted(triples, key=str)


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
