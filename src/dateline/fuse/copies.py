"""Syndicated copies in the store: signatures of new articles, then copy groups from all stored band keys.

A copy group is a connected component of "signatures agree on at least
minhash.THRESHOLD of their rows", so it does not depend on arrival order; its
id is its earliest article (then the smallest id). Fused events count a group
once.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa

from ..store import Store
from . import minhash
from .common import STRING, UnionFind, ids_view, registered


def sign_articles(store: Store, pending: list[str]) -> None:
    """Store the signature and band keys of each pending article (replacing what an earlier version left)."""
    with ids_view(store, pending):
        for table in ("article_bands", "article_signatures"):
            store.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _ids)")
        _, rows = store.query("SELECT id, coalesce(title, '') || ' ' || text FROM articles "
                              "WHERE id IN (SELECT id FROM _ids) AND status = 'extracted'")
    ids, signatures, band_ids, band_keys = [], [], [], []
    for article_id, text in rows:
        signature = minhash.signature(text)
        ids.append(article_id)
        signatures.append(signature.tobytes())
        for key in minhash.bands(signature):
            band_ids.append(article_id)
            band_keys.append(key)
    with registered(store, "_signatures", {"article_id": (ids, STRING), "signature": (signatures, pa.binary())}):
        store.con.execute("INSERT INTO article_signatures SELECT * FROM _signatures")
    with registered(store, "_bands", {"article_id": (band_ids, STRING), "band": (band_keys, pa.uint64())}):
        store.con.execute("INSERT INTO article_bands SELECT * FROM _bands")


def group_copies(store: Store) -> int:
    """Recompute `article_groups` from the stored band keys (no text is read). Returns the number of copies."""
    _, pairs = store.query("""
        SELECT DISTINCT a.article_id, b.article_id, sa.signature, sb.signature
        FROM article_bands a JOIN article_bands b ON a.band = b.band AND a.article_id < b.article_id
        JOIN article_signatures sa ON sa.article_id = a.article_id
        JOIN article_signatures sb ON sb.article_id = b.article_id""")
    groups = UnionFind()
    closest: dict[str, float] = defaultdict(float)
    for a, b, signature_a, signature_b in pairs:
        similar = minhash.similarity(np.frombuffer(signature_a, np.uint64), np.frombuffer(signature_b, np.uint64))
        if similar >= minhash.THRESHOLD:
            groups.union(a, b)
            closest[a] = max(closest[a], similar)
            closest[b] = max(closest[b], similar)
    _, rows = store.query("SELECT id, published FROM articles WHERE status = 'extracted'")
    published = dict(rows)
    members: dict[str, list[str]] = defaultdict(list)
    for article_id in published:
        members[groups.find(article_id)].append(article_id)
    ids, heads, similarities = [], [], []
    for group in members.values():
        head = min(group, key=lambda m: (published[m], m))
        for article_id in group:
            ids.append(article_id)
            heads.append(head)
            similarities.append(closest.get(article_id))
    store.con.execute("DELETE FROM article_groups")
    with registered(store, "_groups", {"article_id": (ids, STRING), "group_id": (heads, STRING),
                                       "similarity": (similarities, pa.float64())}):
        store.con.execute("INSERT INTO article_groups SELECT * FROM _groups")
    return len(ids) - len(members)
