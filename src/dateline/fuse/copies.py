"""Syndicated copies in the store: signatures of new articles, then copy groups from all stored band keys.

A copy group is a connected component of "signatures agree on at least
minhash.THRESHOLD of their rows", so it does not depend on arrival order; its
id is its earliest article (then the smallest id). Fused events count a group
once.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from ..store import Store
from ..store import fusion as queries
from . import minhash
from .common import UnionFind


def sign_articles(store: Store, pending: list[str]) -> None:
    """Store the signature and band keys of each pending article (replacing what an earlier version left)."""
    signatures, bands = {}, []
    for article_id, text in queries.texts_to_sign(store, pending):
        signature = minhash.signature(text)
        signatures[article_id] = signature.tobytes()
        bands += [(article_id, key) for key in minhash.bands(signature)]
    queries.add_signatures(store, signatures, bands)


def group_copies(store: Store) -> int:
    """Recompute `article_groups` from the stored band keys (no text is read). Returns the number of copies."""
    groups = UnionFind()
    closest: dict[str, float] = defaultdict(float)
    for a, b, signature_a, signature_b in queries.band_pairs(store):
        similar = minhash.similarity(np.frombuffer(signature_a, np.uint64), np.frombuffer(signature_b, np.uint64))
        if similar >= minhash.THRESHOLD:
            groups.union(a, b)
            closest[a] = max(closest[a], similar)
            closest[b] = max(closest[b], similar)
    published = queries.published_dates(store)
    members: dict[str, list[str]] = defaultdict(list)
    for article_id in published:
        members[groups.find(article_id)].append(article_id)
    rows = []
    for group in members.values():
        head = min(group, key=lambda m: (published[m], m))
        rows += [(article_id, head, closest.get(article_id)) for article_id in group]
    queries.replace_groups(store, rows)
    return len(rows) - len(members)
