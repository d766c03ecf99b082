"""The ontology, its SKOS vocabularies and SHACL shapes, shipped as package data.

Everything here is Turtle read at run time from the installed package, so
teaching the tool a new concept is editing a file, not code.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _root() -> Path:
    try:
        return Path(str(resources.files("fazhi.ontology")))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - source checkout without install
        return _HERE


def ontology_path() -> Path:
    """fazhi.ttl: the classes and properties."""
    return _root() / "fazhi.ttl"


def shapes_path() -> Path:
    """shapes.ttl: SHACL shapes for every node the builder emits."""
    return _root() / "shapes.ttl"


def vocab_paths() -> list[Path]:
    """The SKOS vocabularies (mechanism, campaign, problem, unit-type …) in name order, then the user's.

    The user's Turtle files (``--vocab`` / ``$FAZHI_VOCAB``) come from the
    same reader as the extractor's concepts, so the graph describes every
    kind the extractor can give.
    """
    from fazhi.ontology.concepts import vocabulary_files

    folder = _root() / "vocab"
    return [*(sorted(folder.glob("*.ttl")) if folder.is_dir() else []), *vocabulary_files()]
