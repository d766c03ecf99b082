"""The extraction pipeline: a blank spaCy ``zh`` pipeline plus rule components.

The pipeline is data: components are registered factories added by name, in
the order normalise → sections → metadata → gazetteer → metrics → problems.
Each component is a class whose instance is called on a Doc (as spaCy's own
``SpanRuler``), made by its factory function. They talk through Doc
extensions with an ``fz_`` prefix, registered once here (``doc._.fz_norm``,
``doc._.fz_sections``, ``doc._.fz_meta``, ``doc._.fz_mentions``,
``doc._.fz_metrics``, ``doc._.fz_problems``, ``doc._.fz_plans``). The
tokenizer is the character segmenter, so nothing is downloaded. The rules
themselves are plain functions in their own modules (metadata, gazetteer,
numbers, problems, plans) that know nothing of spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict

from fazhi.extract.context import add_context
from fazhi.extract.gazetteer import anchor_finder, find_mentions
from fazhi.extract.metadata import extract_metadata
from fazhi.extract.normalize import normalize_text
from fazhi.extract.numbers import find_metrics
from fazhi.extract.plans import find_plans
from fazhi.extract.problems import category_rules, find_problems
from fazhi.extract.records import Document, ReportMeta, ReportRecord
from fazhi.extract.sections import find_sections
from spacy.language import Language
from spacy.tokens import Doc

COMPONENTS: tuple[str, ...] = (
    "fazhi_normalize",
    "fazhi_sections",
    "fazhi_metadata",
    "fazhi_gazetteer",
    "fazhi_metrics",
    "fazhi_problems",
)
# what the components set on a Doc (without the fz_ prefix); fz_record is fazhi_plain's packed results
RESULTS = ("meta", "mentions", "metrics", "problems", "plans")
EXTENSIONS = ("text", "norm", "sections", *RESULTS, "record")


def register_extensions() -> None:
    """Register the ``fz_`` Doc extensions (once per process; later calls do nothing)."""
    for name in EXTENSIONS:
        if not Doc.has_extension("fz_" + name):
            Doc.set_extension("fz_" + name, default=None)


register_extensions()


def doc_text(doc: Doc) -> str:
    """The Doc's text, computed once.

    ``Doc.text`` rebuilds the string from every token (one per character
    here), which costs about as much as tokenising; the extract functions
    store the original string in ``doc._.fz_text`` and components read it here.
    """
    if doc._.fz_text is None:
        doc._.fz_text = doc.text
    return doc._.fz_text


def doc_inputs(doc: Doc) -> tuple[str, str, list]:
    """(text, norm, sections) of a Doc, computing what an earlier component did not set.

    The metrics and problems components read all three; run on their own
    (without fazhi_normalize / fazhi_sections before them) they still work.
    """
    text = doc_text(doc)
    norm = doc._.fz_norm if doc._.fz_norm is not None else normalize_text(text)
    sections = doc._.fz_sections if doc._.fz_sections is not None else find_sections(text, norm)
    return text, norm, sections


class TextKeepingTokenizer:
    """Wraps a tokenizer so every Doc it makes remembers its text in ``doc._.fz_text``.

    Language.make_doc goes through the tokenizer, so ``nlp(text)`` and
    ``nlp.pipe(texts)`` get the kept text too and no component rebuilds it.
    Everything else (serialisation, settings) is the wrapped tokenizer's.
    """

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc._.fz_text = text
        return doc

    def __getattr__(self, name: str):
        if name == "tokenizer":  # not set yet (while unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def make_doc(nlp: Language, text: str) -> Doc:
    """A tokenised Doc that remembers its text (see ``doc_text``), whatever the pipeline's tokenizer."""
    doc = nlp.make_doc(text)
    if doc._.fz_text is None:
        doc._.fz_text = text
    return doc


class Normalizer:
    """Sets ``doc._.fz_norm``: the same text with one normal character per character."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.fz_norm = normalize_text(doc_text(doc))
        return doc


class SectionFinder:
    """Sets ``doc._.fz_sections``: the heading hierarchy and each part's role."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.fz_sections = find_sections(doc_text(doc), doc._.fz_norm)
        return doc


class MetadataFinder:
    """Sets ``doc._.fz_meta``: title, unit, unit type, parent, year, date, author, addressee."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.fz_meta = extract_metadata(doc_text(doc), doc._.fz_norm)
        return doc


class Gazetteer:
    """Sets ``doc._.fz_mentions``: mechanisms and campaigns from the vocabularies, plus laws, honours, sub-units."""

    def __init__(self, laws: bool = True, honors: bool = True, subunits: bool = True) -> None:
        self.laws, self.honors, self.subunits = laws, honors, subunits
        anchor_finder()  # compile the rules and their anchor scan once, at start-up

    def __call__(self, doc: Doc) -> Doc:
        doc._.fz_mentions = find_mentions(doc_text(doc), doc._.fz_norm, doc._.fz_sections,
                                          laws=self.laws, honors=self.honors, subunits=self.subunits)
        return doc


class MetricsFinder:
    """Sets ``doc._.fz_metrics``: every stated quantity with its phrase, measure key and subject."""

    def __call__(self, doc: Doc) -> Doc:
        text, norm, sections = doc_inputs(doc)
        roles = [(s.start, s.end, s.role) for s in sections]
        doc._.fz_metrics = find_metrics(text, norm, roles, list(doc._.fz_mentions or []))
        return doc


class ProblemFinder:
    """Sets ``doc._.fz_problems`` and ``doc._.fz_plans``: stated shortcomings and planned measures."""

    def __init__(self) -> None:
        category_rules()  # compile at start-up, not on the first report

    def __call__(self, doc: Doc) -> Doc:
        text, norm, sections = doc_inputs(doc)
        problems = find_problems(text, norm, sections)
        doc._.fz_problems = problems
        doc._.fz_plans = find_plans(text, norm, sections, problems)
        return doc


class PlainResults:
    """Sets ``doc._.fz_record``: the results as plain dicts, so a Doc can cross a process boundary.

    spaCy's multiprocessing (``nlp.pipe(n_process=N)``, ``fazhi extract
    --jobs N``) serialises Docs with msgpack, which knows no dataclasses;
    this last component packs the results and clears the rest.
    """

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.fz_meta or ReportMeta()
        doc._.fz_record = {"report": asdict(meta)} | {
            name: [asdict(x) for x in doc._.get("fz_" + name) or []] for name in RESULTS if name != "meta"
        }
        for name in EXTENSIONS:
            if name != "record":
                doc._.set("fz_" + name, None)
        return doc


@Language.factory("fazhi_normalize", assigns=["doc._.fz_norm"])
def make_normalize(nlp: Language, name: str) -> Normalizer:
    return Normalizer()


@Language.factory("fazhi_sections", assigns=["doc._.fz_sections"], requires=["doc._.fz_norm"])
def make_sections(nlp: Language, name: str) -> SectionFinder:
    return SectionFinder()


@Language.factory("fazhi_metadata", assigns=["doc._.fz_meta"], requires=["doc._.fz_norm"])
def make_metadata(nlp: Language, name: str) -> MetadataFinder:
    return MetadataFinder()


@Language.factory(
    "fazhi_gazetteer",
    assigns=["doc._.fz_mentions"],
    requires=["doc._.fz_norm", "doc._.fz_sections"],
    default_config={"laws": True, "honors": True, "subunits": True},
)
def make_gazetteer(nlp: Language, name: str, laws: bool, honors: bool, subunits: bool) -> Gazetteer:
    return Gazetteer(laws=laws, honors=honors, subunits=subunits)


@Language.factory(
    "fazhi_metrics",
    assigns=["doc._.fz_metrics"],
    requires=["doc._.fz_norm", "doc._.fz_sections", "doc._.fz_mentions"],
)
def make_metrics(nlp: Language, name: str) -> MetricsFinder:
    return MetricsFinder()


@Language.factory(
    "fazhi_problems",
    assigns=["doc._.fz_problems", "doc._.fz_plans"],
    requires=["doc._.fz_norm", "doc._.fz_sections"],
)
def make_problems(nlp: Language, name: str) -> ProblemFinder:
    return ProblemFinder()


@Language.factory("fazhi_plain", assigns=["doc._.fz_record"])
def make_plain(nlp: Language, name: str) -> PlainResults:
    return PlainResults()


def load_pipeline(components: Iterable[str] = COMPONENTS, config: dict[str, dict] | None = None) -> Language:
    """A blank ``zh`` pipeline (character segmentation, no downloads) with our components.

    ``config`` maps a component name to its settings, e.g.
    ``{"fazhi_gazetteer": {"subunits": False}}``.
    """
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for name in components:
        nlp.add_pipe(name, config=(config or {}).get(name, {}))
    return nlp


_NLP: Language | None = None
_NLP_PLAIN: Language | None = None


def _default_nlp() -> Language:
    global _NLP
    if _NLP is None:
        _NLP = load_pipeline()
    return _NLP


def _plain_nlp() -> Language:
    """The default pipeline plus ``fazhi_plain``, for worker processes."""
    global _NLP_PLAIN
    if _NLP_PLAIN is None:
        _NLP_PLAIN = load_pipeline((*COMPONENTS, "fazhi_plain"))
    return _NLP_PLAIN


def record_from_doc(doc: Doc, document: Document) -> ReportRecord:
    """The plain, picklable record of a processed Doc, with each quote's sentence context."""
    if doc._.fz_record is not None:
        record = ReportRecord.from_dict({"source": document.source, "sha256": document.sha256, **doc._.fz_record})
    else:
        record = _record_of(doc, document)
    return add_context(record, document.text)


def _record_of(doc: Doc, document: Document) -> ReportRecord:
    return ReportRecord(
        source=document.source,
        sha256=document.sha256,
        report=doc._.fz_meta or ReportMeta(),
        mentions=list(doc._.fz_mentions or []),
        problems=list(doc._.fz_problems or []),
        plans=list(doc._.fz_plans or []),
        metrics=list(doc._.fz_metrics or []),
    )


def extract_document(doc: Document, nlp: Language | None = None) -> ReportRecord:
    """Extract one report."""
    nlp = nlp or _default_nlp()
    return record_from_doc(nlp(make_doc(nlp, doc.text)), doc)


def extract_documents(
    docs: Iterable[Document], n_process: int = 1, batch_size: int = 8, nlp: Language | None = None
) -> Iterator[ReportRecord]:
    """Extract many reports, in input order; ``n_process`` > 1 forks worker processes.

    With ``n_process`` > 1 and no ``nlp`` given, the pipeline ends with
    ``fazhi_plain`` so results survive spaCy's msgpack transfer.
    """
    if nlp is None:
        nlp = _plain_nlp() if n_process > 1 else _default_nlp()
    pairs = ((make_doc(nlp, d.text), d) for d in docs)
    for spacy_doc, document in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield record_from_doc(spacy_doc, document)
