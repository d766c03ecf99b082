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

import zlib
from collections.abc import Mapping

import numpy as np

from fazhi.extract.normalize import normalize_text

SHINGLE = 5  # characters: a Chinese word or two, so reordered phrases still differ
PERMUTATIONS = 64  # signature length: estimate error about ±0.04 at Jaccard 0.9
BANDS = 8  # locality-sensitive hashing: 8 bands of 8 rows propose 99% of pairs at 0.9, 3% at 0.5
THRESHOLD = 0.9  # estimated Jaccard at which two texts are one report
_PRIME = (1 << 61) - 1
_MAX = np.uint64(0xFFFFFFFF)
_rng = np.random.RandomState(20240613)  # fixed: signatures must compare across builds and machines
_A = _rng.randint(1, 1 << 31, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64)
_B = _rng.randint(0, 1 << 31, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64)


def comparable_text(text: str) -> str:
    """``text`` reduced to what every format keeps: simplified letters and digits, nothing else."""
    return "".join(c for c in normalize_text(text) if c.isalnum())


def minhash(text: str) -> str:
    """The MinHash signature of ``text`` as 512 hex digits (64 × 32 bits); deterministic everywhere."""
    core = comparable_text(text)
    if len(core) < SHINGLE:
        shingles = [core] if core else [""]
    else:
        shingles = {core[i: i + SHINGLE] for i in range(len(core) - SHINGLE + 1)}
    values = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64)
    # (a·x + b) mod 2^32 per permutation, kept to 32 bits so the signature is compact and exact
    hashed = (values[:, None] * _A[None, :] + _B[None, :]) & _MAX
    return "".join(f"{int(v):08x}" for v in hashed.min(axis=0))


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
