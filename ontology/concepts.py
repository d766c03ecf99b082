"""The SKOS vocabularies as plain Python data, read once without rdflib.

The extractor's gazetteer, the unit-type rules and the problem categories are
all built from ``vocab/*.ttl``: teaching the tool a new wording is editing
Turtle, not code. Parsing uses ``pyoxigraph.parse`` (fast, no rdflib) and
the files are read as package data so this works after a wheel install.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

VOCAB_BASE = "https://w3id.org/fazhi-kg/vocab/"
FZ = "https://w3id.org/fazhi-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

SCHEME_FILES = {
    "mechanism": "mechanisms.ttl",
    "campaign": "campaigns.ttl",
    "problem": "problems.ttl",
    "unit-type": "unit_types.ttl",
    "measure": "measures.ttl",
}


@dataclass(frozen=True)
class Concept:
    """One SKOS concept: its key (skos:notation), labels and match patterns."""

    iri: str
    scheme: str  # mechanism | campaign | problem | unit-type | measure
    key: str
    pref_zh: str
    pref_en: str
    alt_zh: tuple[str, ...]
    patterns: tuple[str, ...]
    definition: str
    broader: str | None = None  # key of the broader concept in the same scheme
    topics: tuple[str, ...] = ()  # fz:topicPattern: regexes naming the concept's subject (宣传, 调解)
    related: tuple[str, ...] = ()  # keys of skos:related concepts in the same scheme, both directions


class VocabularyError(ValueError):
    """A vocabulary file is missing or malformed."""


def vocab_files() -> dict[str, resources.abc.Traversable]:  # type: ignore[name-defined]
    """The Turtle file of each scheme, as package resources."""
    base = resources.files("fazhi.ontology").joinpath("vocab")
    return {scheme: base.joinpath(name) for scheme, name in SCHEME_FILES.items()}


def _parse(scheme: str, data: bytes, name: str) -> tuple[Concept, ...]:
    import pyoxigraph

    props: dict[str, dict[str, list]] = {}
    try:
        for quad in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
            props.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(quad.object)
    except SyntaxError as exc:
        raise VocabularyError(f"{name}: not valid Turtle: {exc}") from exc
    scheme_iri = VOCAB_BASE + scheme
    concepts = []
    for iri, p in props.items():
        if not any(o.value == scheme_iri for o in p.get(SKOS + "inScheme", [])):
            continue

        def label(pred: str, lang: str) -> list[str]:
            return [o.value for o in p.get(pred, []) if getattr(o, "language", None) == lang]

        notation = [o.value for o in p.get(SKOS + "notation", [])]
        pref_zh, pref_en = label(SKOS + "prefLabel", "zh"), label(SKOS + "prefLabel", "en")
        if not notation or not pref_zh:
            raise VocabularyError(f"{name}: concept {iri} lacks skos:notation or a zh skos:prefLabel")
        broader = [o.value for o in p.get(SKOS + "broader", [])]
        concepts.append(
            Concept(
                iri=iri,
                scheme=scheme,
                key=notation[0],
                pref_zh=pref_zh[0],
                pref_en=pref_en[0] if pref_en else notation[0],
                alt_zh=tuple(sorted(label(SKOS + "altLabel", "zh"))),
                patterns=tuple(sorted(o.value for o in p.get(FZ + "pattern", []))),
                definition=next(iter(label(SKOS + "definition", "en")), ""),
                broader=broader[0].rsplit("/", 1)[-1] if broader else None,
                topics=tuple(sorted(o.value for o in p.get(FZ + "topicPattern", []))),
                related=tuple(sorted(o.value.rsplit("/", 1)[-1] for o in p.get(SKOS + "related", []))),
            )
        )
    if not concepts:
        raise VocabularyError(f"{name}: no concepts in scheme {scheme_iri}")
    return tuple(sorted(_symmetric(concepts), key=lambda c: c.key))


def _symmetric(found: list[Concept]) -> list[Concept]:
    """skos:related is symmetric: a link stated on one side holds on both."""
    keys_ = {c.key for c in found}
    back: dict[str, set[str]] = {c.key: set(c.related) & keys_ for c in found}
    for c in found:
        for other in c.related:
            if other in back:
                back[other].add(c.key)
    return [replace(c, related=tuple(sorted(back[c.key]))) for c in found]


@lru_cache(maxsize=None)
def concepts(scheme: str) -> tuple[Concept, ...]:
    """All concepts of ``scheme`` (``mechanism``, ``campaign``, ``problem``, ``unit-type``), sorted by key."""
    if scheme not in SCHEME_FILES:
        raise VocabularyError(f"unknown vocabulary scheme {scheme!r}; known: {', '.join(SCHEME_FILES)}")
    res = vocab_files()[scheme]
    try:
        data = res.read_bytes()
    except FileNotFoundError as exc:
        raise VocabularyError(f"{SCHEME_FILES[scheme]}: vocabulary file missing") from exc
    return _parse(scheme, data, SCHEME_FILES[scheme])


def concept(scheme: str, key: str) -> Concept:
    """The concept of ``scheme`` whose notation is ``key``."""
    for c in concepts(scheme):
        if c.key == key:
            return c
    raise KeyError(f"{scheme}/{key}")


def keys(scheme: str) -> tuple[str, ...]:
    """The notations of ``scheme`` in sorted order."""
    return tuple(c.key for c in concepts(scheme))
