"""Extraction speed: characters per second of the full pipeline vs a tokenise-only blank zh pipeline.

Both run in this process on one core over the same texts (the sample
reports, repeated), so the ratio is what the rule components cost on top of
spaCy's character segmentation. Target: at least one third of the tokeniser.

Usage: python benchmarks/extract_speed.py [REPEAT] (default 20)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy
from fazhi.extract.ingest import read_document
from fazhi.extract.pipeline import extract_documents, load_pipeline, make_doc, record_from_doc

ROOT = Path(__file__).resolve().parent.parent


def best_rate(run, chars: int, rounds: int = 3) -> float:
    """Characters per CPU second of the fastest of ``rounds`` runs.

    CPU time of this one process is what "one core" means, and it is far less
    disturbed than wall time when other processes share the machine.
    """
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return chars / best


def main(argv: list[str]) -> int:
    repeat = int(argv[0]) if argv else 20
    docs = [read_document(p) for p in sorted((ROOT / "examples" / "reports").glob("*.txt"))] * repeat
    texts = [d.text for d in docs]
    chars = sum(map(len, texts))

    tokenizer = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp = load_pipeline()
    list(extract_documents(docs[:5], nlp=nlp))  # warm caches (vocabulary, character map)

    tok = best_rate(lambda: [tokenizer(t) for t in texts], chars)
    full = best_rate(lambda: list(extract_documents(docs, nlp=nlp, n_process=1)), chars)
    print(f"{len(docs)} reports, {chars:,} characters, one process, CPU time")
    print(f"blank zh tokeniser only : {tok:12,.0f} chars/s")
    print(f"full fazhi pipeline     : {full:12,.0f} chars/s")
    print(f"ratio full/tokeniser    : {full / tok:.2f} (target >= 0.33)")

    # where the time goes: CPU seconds per million characters, component by component
    made = [make_doc(nlp, t) for t in texts]
    costs = {"tokeniser (make_doc)": chars / tok}
    for name, proc in nlp.pipeline:
        costs[name] = chars / best_rate(lambda: [proc(d) for d in made], chars)
    costs["record + quote context"] = chars / best_rate(lambda: [record_from_doc(d, doc) for d, doc in zip(made, docs)], chars)
    # not part of the pipeline's cost: the tokenizer keeps each text in doc._.fz_text
    costs["(Doc.text rebuilt once)"] = chars / best_rate(lambda: [d.text for d in made], chars)
    print("\nCPU seconds per million characters:")
    for name, seconds in costs.items():
        print(f"  {name:<24}{seconds * 1e6 / chars:8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
