"""Near-duplicate detection of report texts: the same report read from a web page, a docx and a pdf.

Analysts receive one report by mail and from the web site; each format
cleans to slightly different text (line breaks, page numbers, full-width
punctuation, a stray banner line). A report's fingerprint is a MinHash
signature of the 5-character shingles of its text after normalisation
(traditional → simplified, full-width → half-width) with everything but
letters and digits removed. Two texts whose estimated shingle overlap
(Jaccard) reaches ``THRESHOLD`` are one report; a draft and its final
version differ in far more than that and stay two.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from fazhi.extract.normalize import normalize_text

SHINGLE = 5  # characters: a Chinese word or two, so reordered phrases still differ
PERMUTATIONS = 64  # signature length: estimate error about ±0.04 at Jaccard 0.9
BANDS = 8  # locality-sensitive hashing: 8 bands of 8 rows propose 99% of pairs at 0.9, 3% at 0.5
THRESHOLD = 0.9  # estimated Jaccard at which two texts are one report
_PRIME = (1 << 61) - 1
_MAX = np.uint64(0xFFFFFFFF)
_BASE = np.uint64(1_000_003)
_rng = np.random.RandomState(20240613)  # fixed: signatures must compare across builds and machines
_A = _rng.randint(1, 1 << 31, size=PERMUTATIONS, dtype=np.int64).astype(np.uint32)
_B = _rng.randint(0, 1 << 31, size=PERMUTATIONS, dtype=np.int64).astype(np.uint32)


def comparable_text(text: str) -> str:
    """``text`` reduced to what every format keeps: simplified letters and digits, nothing else."""
    return "".join(c for c in normalize_text(text) if c.isalnum())


def minhash(text: str) -> str:
    """The MinHash signature of ``text`` as 512 hex digits (64 × 32 bits); deterministic everywhere."""
    core = comparable_text(text)
    codes = np.frombuffer(core.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:
        codes = np.concatenate([codes, np.zeros(SHINGLE - len(codes), dtype=np.uint64)])
    # each shingle of SHINGLE code points as one 64-bit polynomial hash (wrapping arithmetic), then 32 bits
    shingles = np.zeros(len(codes) - SHINGLE + 1, dtype=np.uint64)
    for k in range(SHINGLE):
        shingles = shingles * _BASE + codes[k: len(codes) - SHINGLE + 1 + k]
    values = np.unique((shingles ^ (shingles >> np.uint64(29))) & _MAX).astype(np.uint32)
    # (a·x + b) mod 2^32 per permutation: uint32 arithmetic wraps exactly so, one row per permutation
    hashed = _A[:, None] * values[None, :] + _B[:, None]
    return "".join(f"{int(v):08x}" for v in hashed.min(axis=1))


def _values(signature: str) -> tuple[str, ...]:
    return tuple(signature[i: i + 8] for i in range(0, len(signature), 8))


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard overlap of the shingles of two texts, from their signatures."""
    va, vb = _values(a), _values(b)
    if len(va) != len(vb) or not va:
        return 0.0
    return sum(x == y for x, y in zip(va, vb)) / len(va)


def near_duplicate_groups(signatures: Mapping[str, str], threshold: float = THRESHOLD) -> list[list[str]]:
    """Groups (of two or more keys, each sorted; groups sorted) whose signatures are near-duplicates.

    Banded LSH proposes pairs, each pair is confirmed by its estimated
    similarity, and confirmed pairs are joined transitively.
    """
    parent = {k: k for k in signatures}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, tuple[str, ...]], list[str]] = {}
    for key in sorted(signatures):
        values = _values(signatures[key])
        if len(values) != PERMUTATIONS:
            continue
        for band in range(BANDS):
            buckets.setdefault((band, values[band * rows: (band + 1) * rows]), []).append(key)
    for members in buckets.values():
        for i, key in enumerate(members):
            for other in members[i + 1:]:
                if find(key) != find(other) and similarity(signatures[key], signatures[other]) >= threshold:
                    parent[find(other)] = find(key)
    groups: dict[str, list[str]] = {}
    for key in signatures:
        groups.setdefault(find(key), []).append(key)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


__all__ = ["THRESHOLD", "comparable_text", "minhash", "near_duplicate_groups", "similarity"]
