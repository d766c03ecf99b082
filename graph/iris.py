"""Deterministic IRIs for data nodes: made from content, never from counters.

Names are percent-encoded (UTF-8) so a local name never holds a raw ``/``
and the same name always gives the same IRI.
"""

from __future__ import annotations

from urllib.parse import quote

from fazhi.graph.namespaces import ID


def _enc(text: str) -> str:
    return quote(text, safe="")


def report(sha256: str) -> str:
    """The report read from the file with this SHA-256."""
    return f"{ID}report/{sha256}"


def unit(identity: str) -> str:
    """A unit, from its linking identity (``parent key~name key`` or ``name key``)."""
    return f"{ID}unit/{_enc(identity)}"


def division(code: str) -> str:
    """An administrative division, from its 6-digit code."""
    return f"{ID}division/{code}"


def law(title: str) -> str:
    """A law or regulation, from its normalised title."""
    return f"{ID}law/{_enc(title)}"


def mention(sha256: str, start: int, end: int) -> str:
    """The evidence span ``start``–``end`` of a report."""
    return f"{ID}mention/{sha256}/{start}-{end}"


def mechanism_use(sha256: str, kind: str) -> str:
    return f"{ID}mechanism-use/{sha256}/{_enc(kind)}"


def campaign_run(sha256: str, kind: str) -> str:
    return f"{ID}campaign-run/{sha256}/{_enc(kind)}"


def problem(sha256: str, start: int, end: int) -> str:
    return f"{ID}problem/{sha256}/{start}-{end}"


def plan(sha256: str, start: int, end: int) -> str:
    return f"{ID}plan/{sha256}/{start}-{end}"


def observation(sha256: str, start: int, end: int) -> str:
    return f"{ID}observation/{sha256}/{start}-{end}"


def unit_year(unit_iri: str, year: int) -> str:
    """What one unit's reports of one year state, summed up (a node of the shared graph)."""
    return f"{ID}unit-year/{unit_iri.rsplit('/', 1)[-1]}/{year}"


def unit_year_measure(unit_iri: str, year: int, measure_key: str) -> str:
    """Every value one unit states for one measure in one year (a node of the shared graph)."""
    return f"{unit_year(unit_iri, year)}/{_enc(measure_key)}"


def kind_year(kind_iri: str, year: int) -> str:
    """How many units report one mechanism or campaign kind in one year (a node of the shared graph)."""
    scheme, key = kind_iri.rstrip("/").rsplit("/", 2)[-2:]
    return f"{ID}kind-year/{scheme}/{key}/{year}"


def category_summary(key: str) -> str:
    """How many units and problems there are of one problem category (a node of the shared graph)."""
    return f"{ID}problem-category/{key}"


def other_name(kind_iri: str, name: str) -> str:
    """A name outside the vocabulary, used for a mechanism or campaign of kind ``other`` (a node of the shared graph)."""
    scheme = kind_iri.rstrip("/").rsplit("/", 2)[-2]
    return f"{ID}other-name/{scheme}/{_enc(name)}"
