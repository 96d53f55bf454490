"""What the fusion steps share: union-find. (The Arrow-view helpers and their column types are the store's,
re-exported here for claims/across.py.)"""

from __future__ import annotations

from ..store.store import INT32, INT64, STRING, ids_view, mentions_view, registered

__all__ = ["INT32", "INT64", "STRING", "UnionFind", "ids_view", "mentions_view", "registered"]


class UnionFind:
    """Disjoint sets over hashable items; the smaller item is the root, so results do not depend on order."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a, b):
        """Join the sets of a and b; returns the root of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return ra
