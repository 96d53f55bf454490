"""Near-duplicate articles: syndicated copies, re-posts, lightly edited wire stories.

Each article gets a MinHash signature of its word 5-gram shingles (64 hash
functions of the form (a*x + b) mod p over 32-bit shingle hashes). Articles
that share a band of 4 signature rows are candidates; a candidate pair whose
signatures agree on at least `THRESHOLD` of the rows (the estimated Jaccard
similarity of their shingle sets) are copies of one another. Groups are the
connected components, so the result does not depend on the order articles
arrive in; the group's representative is its earliest article (then smallest id).

>>> sig = signature("The same words in the same order make the same signature, whatever else happens.")
>>> float(similarity(sig, sig))
1.0
"""

from __future__ import annotations

import re
import zlib

import numpy as np

SHINGLE = 5
N_HASHES = 64
BAND_ROWS = 4
THRESHOLD = 0.8
PRIME = np.uint64(4294967311)  # the first prime above 2**32: (a * x + b) stays below 2**64
_rng = np.random.default_rng(20230513)
_A = _rng.integers(1, 4294967311, N_HASHES, dtype=np.uint64)
_B = _rng.integers(0, 4294967311, N_HASHES, dtype=np.uint64)
WORD = re.compile(r"\w+")


def shingles(text: str) -> np.ndarray:
    """32-bit hashes of the lower-cased word 5-grams (the words themselves for shorter texts)."""
    words = WORD.findall(text.lower())
    size = min(SHINGLE, len(words)) or 1
    grams = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
    return np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))


def signature(text: str) -> np.ndarray:
    """The MinHash signature (N_HASHES unsigned integers) of a text."""
    hashes = shingles(text)
    if hashes.size == 0:
        return np.full(N_HASHES, PRIME, dtype=np.uint64)
    return ((_A[:, None] * hashes[None, :] + _B[:, None]) % PRIME).min(axis=1)


def bands(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band of BAND_ROWS rows: articles sharing a key are candidate copies."""
    return [
        zlib.crc32(sig[i : i + BAND_ROWS].tobytes()) | (i // BAND_ROWS) << 32 for i in range(0, N_HASHES, BAND_ROWS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two articles' shingle sets."""
    return float(np.mean(a == b))


__all__ = ["THRESHOLD", "bands", "shingles", "signature", "similarity"]
