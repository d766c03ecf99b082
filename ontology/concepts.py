"""The SKOS vocabularies as plain Python data, read once without rdflib.

The extractor's gazetteer, the unit-type rules and the problem categories are
all built from ``vocab/*.ttl``: teaching the tool a new wording is editing
Turtle, not code. Parsing uses ``pyoxigraph.parse`` (fast, no rdflib) and
the files are read as package data so this works after a wheel install.

Users add their own Turtle without touching the package: the files or
folders named by ``$FAZHI_VOCAB`` (``os.pathsep``-separated; the ``--vocab``
option sets it) add concepts, ``skos:altLabel``s and ``fz:pattern``s. This
module is their one reader: the extractor and the graph (``vocab_paths``)
see the same vocabulary, and worker processes inherit it with the
environment. A process reads its vocabulary once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

VOCAB_BASE = "https://w3id.org/fazhi-kg/vocab/"
FZ = "https://w3id.org/fazhi-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VOCAB_ENV = "FAZHI_VOCAB"

SCHEME_FILES = {
    "mechanism": "mechanisms.ttl",
    "campaign": "campaigns.ttl",
    "problem": "problems.ttl",
    "unit-type": "unit_types.ttl",
    "measure": "measures.ttl",
}
# the class every concept of a scheme carries (the SHACL shapes check fz:kind against it)
SCHEME_CLASSES = {
    "mechanism": FZ + "MechanismKind",
    "campaign": FZ + "CampaignKind",
    "problem": FZ + "ProblemCategory",
    "unit-type": FZ + "UnitType",
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


def user_vocab_files(spec: str | None = None) -> tuple[Path, ...]:
    """The user's Turtle files named by ``spec`` (default ``$FAZHI_VOCAB``): files, or every ``*.ttl`` in a folder.

    Raises VocabularyError for a path that is not there or a folder without Turtle.
    """
    spec = os.environ.get(VOCAB_ENV, "") if spec is None else spec
    files: list[Path] = []
    for part in spec.split(os.pathsep):
        if not part.strip():
            continue
        path = Path(part.strip())
        if path.is_dir():
            found = sorted(f for f in path.glob("*.ttl") if f.is_file())
            if not found:
                raise VocabularyError(f"{path}: no *.ttl vocabulary files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise VocabularyError(f"{path}: no such vocabulary file or folder")
    return tuple(dict.fromkeys(files))


def use_vocab(paths: Iterable[Path | str]) -> tuple[Path, ...]:
    """Add the Turtle files or folders ``paths`` to this process's vocabulary (and its workers').

    Sets ``$FAZHI_VOCAB`` (joined to what it already names) and reads the
    whole vocabulary at once, so bad Turtle is reported before any work
    starts. Raises VocabularyError if the vocabulary was already read with
    other files: a process extracts with one vocabulary.
    """
    given = [str(Path(p).resolve()) for p in paths]
    if not given:
        return user_vocab_files()
    spec = os.pathsep.join(dict.fromkeys([p for p in os.environ.get(VOCAB_ENV, "").split(os.pathsep) if p]
                                         + given))
    files = user_vocab_files(spec)
    loaded = _vocabulary.cache_info().currsize
    if loaded and _loaded_files != files:
        raise VocabularyError("the vocabulary was already read in this process; give --vocab "
                              f"(or ${VOCAB_ENV}) before anything is extracted")
    before = os.environ.get(VOCAB_ENV)
    os.environ[VOCAB_ENV] = spec
    try:
        _vocabulary()
    except VocabularyError:
        if before is None:
            del os.environ[VOCAB_ENV]
        else:
            os.environ[VOCAB_ENV] = before
        raise
    return files


_loaded_files: tuple[Path, ...] = ()


def _line_of(text: str, iri: str) -> int:
    """The first line of ``text`` naming ``iri`` (in full or by its local name), 1 if none does."""
    local = re.split(r"[/#:]", iri)[-1]
    for needle in (f"<{iri}>", f":{local}"):
        at = text.find(needle)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return 1


def _triples(data: bytes, name: str) -> dict[str, dict[str, list]]:
    """Subject → predicate → objects of one Turtle file; a syntax error names the file and line."""
    import pyoxigraph

    props: dict[str, dict[str, list]] = {}
    try:
        for quad in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
            props.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(quad.object)
    except SyntaxError as exc:
        line = exc.args[1][1] if len(exc.args) > 1 and exc.args[1] and exc.args[1][1] else None
        where = f"{name}:{line}" if line else name
        cause = re.sub(r"^Parser error at line [^:]*: ", "", str(exc.args[0]) if exc.args else str(exc))
        raise VocabularyError(f"{where}: not valid Turtle: {cause}") from exc
    return props


def _scheme_of(p: dict[str, list]) -> str | None:
    """The scheme IRI a subject is declared in, if any."""
    return next((o.value for o in p.get(SKOS + "inScheme", [])), None)


def _check_user_file(props: dict[str, dict[str, list]], known: dict[str, str], name: str, text: str) -> None:
    """Every subject of a user file is a concept of a known scheme, complete and with patterns that compile."""
    schemes = {VOCAB_BASE + s for s in SCHEME_FILES}
    for iri, p in props.items():
        if iri in schemes:
            continue
        where = f"{name}:{_line_of(text, iri)}"
        declared = _scheme_of(p)
        if declared is not None and declared not in schemes:
            raise VocabularyError(f"{where}: unknown concept scheme <{declared}> of <{iri}>; known: "
                                  + ", ".join(f"<{VOCAB_BASE}{s}>" for s in SCHEME_FILES))
        scheme_iri = known.get(iri) or declared
        if scheme_iri is None:
            raise VocabularyError(f"{where}: unknown concept <{iri}>: not in the vocabulary; a new concept "
                                  "needs skos:inScheme, skos:notation and a zh skos:prefLabel")
        scheme = scheme_iri[len(VOCAB_BASE):]
        for pred in (SKOS + "prefLabel", SKOS + "altLabel"):
            bare = next((o.value for o in p.get(pred, []) if not getattr(o, "language", None)), None)
            if bare is not None:
                raise VocabularyError(f'{where}: the label "{bare}" of <{iri}> needs a language tag, '
                                      f'e.g. "{bare}"@zh')
        if iri not in known:  # a new concept: it must fit the graph the way the shipped ones do
            notation = [o.value for o in p.get(SKOS + "notation", [])]
            if not notation or not any(getattr(o, "language", None) == "zh" for o in p.get(SKOS + "prefLabel", [])):
                raise VocabularyError(f"{where}: new concept <{iri}> needs a skos:notation and a zh skos:prefLabel")
            if iri != f"{VOCAB_BASE}{scheme}/{notation[0]}":
                raise VocabularyError(f"{where}: concept <{iri}> must be <{VOCAB_BASE}{scheme}/{notation[0]}> "
                                      f"(its scheme followed by its skos:notation)")
            if not any(o.value == SCHEME_CLASSES[scheme] for o in p.get(RDF_TYPE, [])):
                raise VocabularyError(f"{where}: concept <{iri}> needs `a <{SCHEME_CLASSES[scheme]}>`")
        for o in p.get(FZ + "pattern", []) + p.get(FZ + "topicPattern", []):
            try:
                re.compile(o.value)
            except re.error as exc:
                raise VocabularyError(f"{where}: bad fz:pattern {o.value!r} of <{iri}>: {exc}") from exc


def _read_sources(user_files: Iterable[Path]) -> dict[str, dict[str, list]]:
    """The triples of the shipped vocabularies and then of ``user_files``, merged by subject."""
    props: dict[str, dict[str, list]] = {}
    for scheme, res in vocab_files().items():
        try:
            data = res.read_bytes()
        except FileNotFoundError as exc:
            raise VocabularyError(f"{SCHEME_FILES[scheme]}: vocabulary file missing") from exc
        _merge(props, _triples(data, SCHEME_FILES[scheme]))
    for path in user_files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise VocabularyError(f"{path}: cannot read vocabulary file ({exc.strerror})") from exc
        found = _triples(data, str(path))
        known = {iri: s for iri, p in props.items() if (s := _scheme_of(p)) is not None}
        _check_user_file(found, known, str(path), data.decode("utf-8", errors="replace"))
        _merge(props, found)
    return props


def _merge(into: dict[str, dict[str, list]], more: dict[str, dict[str, list]]) -> None:
    for iri, p in more.items():
        target = into.setdefault(iri, {})
        for pred, objects in p.items():
            have = target.setdefault(pred, [])
            have.extend(o for o in objects if o not in have)


def _parse(scheme: str, props: dict[str, dict[str, list]], name: str) -> tuple[Concept, ...]:
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
                alt_zh=tuple(sorted(set(label(SKOS + "altLabel", "zh")))),
                patterns=tuple(sorted({o.value for o in p.get(FZ + "pattern", [])})),
                definition=next(iter(label(SKOS + "definition", "en")), ""),
                broader=broader[0].rsplit("/", 1)[-1] if broader else None,
                topics=tuple(sorted({o.value for o in p.get(FZ + "topicPattern", [])})),
                related=tuple(sorted({o.value.rsplit("/", 1)[-1] for o in p.get(SKOS + "related", [])})),
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


def read_vocabulary(user_files: Iterable[Path] = ()) -> dict[str, tuple[Concept, ...]]:
    """Every scheme's concepts from the shipped Turtle plus ``user_files``, sorted by key (not cached)."""
    user_files = tuple(user_files)
    props = _read_sources(user_files)
    out: dict[str, tuple[Concept, ...]] = {}
    for scheme, file in SCHEME_FILES.items():
        out[scheme] = _parse(scheme, props, file)
        seen: dict[str, str] = {}
        for c in out[scheme]:
            if c.key in seen:
                raise VocabularyError(f"{', '.join(map(str, user_files)) or file}: two concepts of scheme "
                                      f"{scheme} share skos:notation {c.key!r}: <{seen[c.key]}>, <{c.iri}>")
            seen[c.key] = c.iri
    return out


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, tuple[Concept, ...]]:
    """This process's vocabulary: the shipped one plus the user's files (``$FAZHI_VOCAB``), read once."""
    global _loaded_files
    files = user_vocab_files()
    vocabulary = read_vocabulary(files)
    _loaded_files = files
    return vocabulary


def vocabulary_files() -> tuple[Path, ...]:
    """The user Turtle files this process's vocabulary was read with (reading it if not yet)."""
    _vocabulary()
    return _loaded_files


def concepts(scheme: str) -> tuple[Concept, ...]:
    """All concepts of ``scheme`` (``mechanism``, ``campaign``, ``problem``, ``unit-type``), sorted by key."""
    if scheme not in SCHEME_FILES:
        raise VocabularyError(f"unknown vocabulary scheme {scheme!r}; known: {', '.join(SCHEME_FILES)}")
    return _vocabulary()[scheme]


def concept(scheme: str, key: str) -> Concept:
    """The concept of ``scheme`` whose notation is ``key``."""
    for c in concepts(scheme):
        if c.key == key:
            return c
    raise KeyError(f"{scheme}/{key}")


def keys(scheme: str) -> tuple[str, ...]:
    """The notations of ``scheme`` in sorted order."""
    return tuple(c.key for c in concepts(scheme))
