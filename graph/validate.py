"""SHACL validation of built graphs against ontology/shapes.ttl (pySHACL).

The builder checks each batch of new report graphs before storing it, so a
builder bug fails the build loudly; ``fazhi validate`` checks a whole build
or an RDF file and lists each violation as focus node, path and message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from fazhi.graph.namespaces import SH
from fazhi.ontology import ontology_path, shapes_path, vocab_paths
from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, serialize

_FORMATS = {
    ".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG, ".jsonld": RdfFormat.JSON_LD, ".json": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML, ".owl": RdfFormat.RDF_XML, ".xml": RdfFormat.RDF_XML,
}


class GraphInvalid(Exception):
    """A graph breaks the shapes; ``violations`` says where."""

    def __init__(self, violations: list[Violation], context: str = "graph") -> None:
        self.violations = violations
        self.context = context
        lines = [v.line() for v in violations[:20]]
        more = f"\n  … and {len(violations) - 20} more" if len(violations) > 20 else ""
        super().__init__(f"{context}: {len(violations)} SHACL violation(s)\n  " + "\n  ".join(lines) + more)

    def __reduce__(self):  # raised in a build worker, re-raised in the parent
        return (GraphInvalid, (self.violations, self.context))


class ValidateInputError(Exception):
    """The thing to validate cannot be read; the message names it and the cause."""


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str
    value: str = ""

    def line(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


@lru_cache(maxsize=1)
def _shapes_graph():  # -> rdflib.Graph
    import rdflib

    g = rdflib.Graph()
    g.parse(shapes_path(), format="turtle")
    return g


@lru_cache(maxsize=1)
def _schema_ntriples() -> bytes:
    """The ontology and vocabularies as N-Triples (added to every data graph checked)."""
    store = Store()
    for path in [ontology_path(), *vocab_paths()]:
        store.load(path=str(path), format=RdfFormat.TURTLE)
    return cast(bytes, store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph()))


def validate_ntriples(data: bytes, with_schema: bool = True) -> list[Violation]:
    """Violations of the shapes in an N-Triples document (plus the ontology and vocab)."""
    import rdflib
    from pyshacl import validate

    g = rdflib.Graph()
    if data:
        g.parse(data=data, format="nt")
    if with_schema:
        g.parse(data=_schema_ntriples(), format="nt")
    _conforms, report, _text = validate(
        g, shacl_graph=_shapes_graph(), inference="none", advanced=False, allow_warnings=True
    )
    return _violations(report)


def _violations(report) -> list[Violation]:  # report: rdflib.Graph
    import rdflib

    shn = rdflib.Namespace(SH)
    out = []
    for r in report.subjects(rdflib.RDF.type, shn.ValidationResult):
        def one(p):
            v = report.value(r, p)
            return "" if v is None else str(v)

        severity = one(shn.resultSeverity).rsplit("#", 1)[-1]
        out.append(Violation(one(shn.focusNode), one(shn.resultPath) or "-",
                             one(shn.resultMessage) or "constraint broken",
                             severity, one(shn.value)))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message, v.value))


def _triples(quads: Iterable[Quad]) -> bytes:
    return cast(bytes, serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES))


def check_quads(quads: list[Quad], context: str = "new report graphs") -> None:
    """Raise GraphInvalid if ``quads`` (their graphs merged, with the schema) break a shape."""
    violations = [v for v in validate_ntriples(_triples(quads)) if v.severity == "Violation"]
    if violations:
        raise GraphInvalid(violations, context)


def validate_store(store: Store) -> list[Violation]:
    """Violations in the union of all graphs of a store (its own ontology/vocab graphs included)."""
    return validate_ntriples(_triples(store))


def validate_path(path: Path) -> list[Violation]:
    """Violations in a build directory, a store directory or an RDF file."""
    from fazhi.graph.source import SourceError, open_build

    path = Path(path)
    if path.is_dir():
        try:
            return validate_store(open_build(path))
        except SourceError as exc:
            raise ValidateInputError(str(exc)) from None
    if not path.is_file():
        raise ValidateInputError(f"{path}: no such file or folder")
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidateInputError(
            f"{path}: unknown RDF format (use one of {', '.join(sorted(_FORMATS))})")
    store = Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValidateInputError(f"{path}: cannot parse as {fmt.name} ({first})") from exc
    return validate_store(store)
