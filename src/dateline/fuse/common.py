"""What the fusion steps share: Python columns registered as DuckDB views, and union-find."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow as pa

from ..store import Store

STRING, INT32, INT64 = pa.string(), pa.int32(), pa.int64()


@contextmanager
def registered(store: Store, name: str, columns: dict[str, tuple[list, pa.DataType]]) -> Iterator[None]:
    """Make Python lists a DuckDB view called `name` for the duration of the block."""
    table = pa.table({column: pa.array(values, kind) for column, (values, kind) in columns.items()})
    store.con.register(name, table)
    try:
        yield
    finally:
        store.con.unregister(name)


def ids_view(store: Store, ids: list[str], name: str = "_ids"):
    """A view with one `id` column holding the given article ids."""
    return registered(store, name, {"id": (ids, STRING)})


def mentions_view(store: Store, mentions: list[tuple[str, int]], name: str):
    """A view of (article_id, idx) event mentions."""
    return registered(store, name, {"article_id": ([a for a, _ in mentions], STRING),
                                    "idx": ([i for _, i in mentions], INT32)})


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
