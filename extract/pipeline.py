"""The extraction pipeline: a blank spaCy ``zh`` pipeline plus rule components.

The pipeline is data: components are registered factories added by name, in
the order normalise → sections → metadata → gazetteer → metrics → problems,
and they talk through Doc extensions (``doc._.norm``, ``doc._.sections``,
``doc._.meta``, ``doc._.mentions``, ``doc._.metrics``, ``doc._.problems``,
``doc._.plans``). The tokenizer is the character segmenter, so nothing is
downloaded. The metrics and problems components live in
``extract/numbers.py`` and ``extract/problems.py``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from fazhi.extract.context import add_context
from fazhi.extract.records import Document, ReportMeta, ReportRecord

COMPONENTS: tuple[str, ...] = (
    "fazhi_normalize",
    "fazhi_sections",
    "fazhi_metadata",
    "fazhi_gazetteer",
    "fazhi_metrics",
    "fazhi_problems",
)
# modules that register the factories not defined here
_FACTORY_MODULES = {"fazhi_metrics": "fazhi.extract.numbers", "fazhi_problems": "fazhi.extract.problems"}

for _name in ("text", "norm", "sections", "meta", "mentions", "metrics", "problems", "plans", "record"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def doc_text(doc: Doc) -> str:
    """The Doc's text, computed once.

    ``Doc.text`` rebuilds the string from every token (one per character
    here), which costs about as much as tokenising; the extract functions
    store the original string in ``doc._.text`` and components read it here.
    """
    if doc._.text is None:
        doc._.text = doc.text
    return doc._.text


def doc_inputs(doc: Doc) -> tuple[str, str, list]:
    """(text, norm, sections) of a Doc, computing what an earlier component did not set.

    The metrics and problems components read all three; run on their own
    (without fazhi_normalize / fazhi_sections before them) they still work.
    """
    from fazhi.extract.normalize import normalize_text
    from fazhi.extract.sections import find_sections

    text = doc_text(doc)
    norm = doc._.norm if doc._.norm is not None else normalize_text(text)
    sections = doc._.sections if doc._.sections is not None else find_sections(text, norm)
    return text, norm, sections


class TextKeepingTokenizer:
    """Wraps a tokenizer so every Doc it makes remembers its text in ``doc._.text``.

    Language.make_doc goes through the tokenizer, so ``nlp(text)`` and
    ``nlp.pipe(texts)`` get the kept text too and no component rebuilds it.
    Everything else (serialisation, settings) is the wrapped tokenizer's.
    """

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc._.text = text
        return doc

    def __getattr__(self, name: str):
        if name == "tokenizer":  # not set yet (while unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def make_doc(nlp: Language, text: str) -> Doc:
    """A tokenised Doc that remembers its text (see ``doc_text``), whatever the pipeline's tokenizer."""
    doc = nlp.make_doc(text)
    if doc._.text is None:
        doc._.text = text
    return doc


@Language.factory("fazhi_normalize", assigns=["doc._.norm"])
def make_normalize(nlp: Language, name: str):
    """doc._.norm: the same text with one normal character per character."""
    from fazhi.extract.normalize import normalize_text

    def normalize(doc: Doc) -> Doc:
        doc._.norm = normalize_text(doc_text(doc))
        return doc

    return normalize


@Language.factory("fazhi_sections", assigns=["doc._.sections"], requires=["doc._.norm"])
def make_sections(nlp: Language, name: str):
    """doc._.sections: the heading hierarchy and each part's role."""
    from fazhi.extract.sections import find_sections

    def sections(doc: Doc) -> Doc:
        doc._.sections = find_sections(doc_text(doc), doc._.norm)
        return doc

    return sections


@Language.factory("fazhi_metadata", assigns=["doc._.meta"], requires=["doc._.norm"])
def make_metadata(nlp: Language, name: str):
    """doc._.meta: title, unit, unit type, parent, year, date, author, addressee."""
    from fazhi.extract.metadata import extract_metadata

    def metadata(doc: Doc) -> Doc:
        doc._.meta = extract_metadata(doc_text(doc), doc._.norm)
        return doc

    return metadata


@Language.factory(
    "fazhi_gazetteer",
    assigns=["doc._.mentions"],
    requires=["doc._.norm", "doc._.sections"],
    default_config={"laws": True, "honors": True, "subunits": True},
)
def make_gazetteer(nlp: Language, name: str, laws: bool, honors: bool, subunits: bool):
    """doc._.mentions: mechanisms and campaigns from the vocabularies, plus (as configured) laws, honours, sub-units."""
    from fazhi.extract.gazetteer import anchor_finder, find_mentions

    anchor_finder()  # compile the rules and their anchor scan once, at start-up

    def gazetteer(doc: Doc) -> Doc:
        doc._.mentions = find_mentions(doc_text(doc), doc._.norm, doc._.sections,
                                       laws=laws, honors=honors, subunits=subunits)
        return doc

    return gazetteer


@Language.factory("fazhi_plain", assigns=["doc._.record"])
def make_plain(nlp: Language, name: str):
    """doc._.record: the results as plain dicts, so a Doc can cross a process boundary.

    spaCy's multiprocessing serialises Docs with msgpack, which knows no
    dataclasses; this last component packs the results and clears the rest.
    """
    from dataclasses import asdict

    def plain(doc: Doc) -> Doc:
        meta = doc._.meta or ReportMeta()
        doc._.record = {
            "report": asdict(meta),
            "mentions": [asdict(m) for m in doc._.mentions or []],
            "problems": [asdict(p) for p in doc._.problems or []],
            "plans": [asdict(p) for p in doc._.plans or []],
            "metrics": [asdict(m) for m in doc._.metrics or []],
        }
        for ext in ("text", "norm", "sections", "meta", "mentions", "metrics", "problems", "plans"):
            doc._.set(ext, None)
        return doc

    return plain


def _register(name: str) -> None:
    """Import the module that registers factory ``name``; a broken module is an error, not a skip."""
    module = _FACTORY_MODULES.get(name)
    if module is None:
        return
    try:
        importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - re-raised with the cause named
        raise RuntimeError(f"pipeline component {name}: cannot import {module}: {exc}") from exc
    if not Language.has_factory(name):
        raise RuntimeError(f"pipeline component {name}: {module} does not register that factory")


def load_pipeline(components: Iterable[str] = COMPONENTS, config: dict[str, dict] | None = None) -> Language:
    """A blank ``zh`` pipeline (character segmentation, no downloads) with our components.

    ``config`` maps a component name to its settings, e.g.
    ``{"fazhi_gazetteer": {"subunits": False}}``.
    """
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for name in components:
        _register(name)
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
    if doc._.record is not None:
        record = ReportRecord.from_dict({"source": document.source, "sha256": document.sha256, **doc._.record})
    else:
        record = _record_of(doc, document)
    return add_context(record, document.text)


def _record_of(doc: Doc, document: Document) -> ReportRecord:
    return ReportRecord(
        source=document.source,
        sha256=document.sha256,
        report=doc._.meta or ReportMeta(),
        mentions=list(doc._.mentions or []),
        problems=list(doc._.problems or []),
        plans=list(doc._.plans or []),
        metrics=list(doc._.metrics or []),
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
