"""Plain records that extraction produces and the graph consumes.

Records are the seam between text and RDF: they hold nothing but data and
character offsets into ``Document.text``, and serialise to the JSON contract
of ``fazhi extract --format jsonl`` (see README, "Extraction records").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One report as read from disk: cleaned text plus where it came from.

    ``text`` is the text all offsets point into; it is what
    ``fazhi extract --format text`` prints.
    """

    text: str
    source: str
    format: str
    sha256: str


@dataclass
class ReportMeta:
    title: str | None = None
    unit: str | None = None
    unit_type: str | None = None
    parent: str | None = None
    year: int | None = None
    issued: str | None = None  # YYYY-MM-DD
    author: str | None = None
    addressee: str | None = None


@dataclass
class Mention:
    """A gazetteer hit: a mechanism, campaign, sub-unit, law or honour."""

    type: str  # mechanism | campaign | unit | law | honor
    kind: str
    text: str
    start: int
    end: int
    section: str
    prefix: str = ""  # the sentence before the quote (Web Annotation oa:prefix)
    suffix: str = ""  # the sentence after it (oa:suffix)


@dataclass
class Problem:
    text: str
    start: int
    end: int
    category: str


@dataclass
class Plan:
    text: str
    start: int
    end: int
    category: str
    addresses: list[str] = field(default_factory=list)


@dataclass
class Metric:
    """One stated number.

    ``measure`` is the key of what it counts (a concept of
    ``ontology/vocab/measures.ttl``: ``hotline_received``, ``trainings`` …) or
    None when the clause does not say; ``phrase`` is the counted thing as
    written (法律咨询, 机关领导干部). ``subject`` is the mechanism or campaign
    mention the clause names or continues, with its mention ``subject_type``
    and ``subject_kind``.
    """

    text: str
    start: int
    end: int
    value: float | int
    unit: str
    approximate: bool = False
    measure: str | None = None
    phrase: str | None = None
    subject: str | None = None
    subject_type: str | None = None  # mechanism | campaign
    subject_kind: str | None = None
    prefix: str = ""
    suffix: str = ""


@dataclass
class ReportRecord:
    """Everything extracted from one report."""

    source: str
    sha256: str
    report: ReportMeta = field(default_factory=ReportMeta)
    mentions: list[Mention] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportRecord:
        return cls(
            source=data["source"],
            sha256=data["sha256"],
            report=ReportMeta(**data.get("report", {})),
            mentions=[Mention(**m) for m in data.get("mentions", [])],
            problems=[Problem(**p) for p in data.get("problems", [])],
            plans=[Plan(**p) for p in data.get("plans", [])],
            metrics=[Metric(**m) for m in data.get("metrics", [])],
        )

    def spans(self) -> list[tuple[str, int, int]]:
        """Every (text, start, end) the record reports, for offset checks."""
        items: list[Any] = [*self.mentions, *self.problems, *self.plans, *self.metrics]
        return [(i.text, i.start, i.end) for i in items]
