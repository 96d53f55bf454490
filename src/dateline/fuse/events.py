"""Event mentions from many articles fused into events.

Two mentions are *linked* when the same-event rule across articles holds (`events/same_event.py`: the same kind
and compatible statuses, overlapping dates, agreeing sub-event types and actors, specific places near each other,
shared wording). Links are then joined into events in a fixed order (closest first) under one more rule, so that a
mention with no actor cannot bridge two that disagree: an event never holds two different source actors, two
different target actors or two different exact days (`can_join`). Each cluster is computed from the whole linked
region around the new mentions, so an incremental run and a rebuild give the same events, with the same ids (a
hash of the first member).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..events.same_event import LINKED_PRECISIONS, MAX_KM, can_join, content_words, joined, share_wording
from ..store import Store
from ..store import fusion as queries
from ..text import sentence_around
from .common import UnionFind


def fused_id(members: Iterable[tuple[str, int]]) -> int:
    """A fused event's id: a 63-bit hash of its first member, so a rebuild gives the same ids."""
    article_id, idx = min(members)
    digest = hashlib.blake2b(f"{article_id}\x00{idx}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def fuse_events(store: Store, pending: list[str]) -> set[int]:
    """Re-cluster the linked region around the pending articles' mentions. Returns the ids of the events made."""
    region, links = _linked_region(store, queries.mentions_around(store, pending))
    region.update(queries.drop_events_of(store, sorted(region)))
    alive = queries.existing_mentions(store, sorted(region))
    members = [(fused_id(cluster), *mention) for cluster in _cluster(alive, links) for mention in cluster]
    return queries.add_fused_events(store, members)


def _linked_region(store: Store, start: set[tuple[str, int]]) -> tuple[set[tuple[str, int]], list[tuple]]:
    """The mentions reachable from the starting ones through links, and those links (breadth first, one SQL join
    per step)."""
    region, frontier, links = set(start), sorted(start), {}
    contexts = _Contexts(store)
    while frontier:
        rows = queries.link_candidates(store, frontier, max_km=MAX_KM, precisions=LINKED_PRECISIONS)
        contexts.load({(a, i) for a, i, *_ in rows} | {(b, j) for _, _, b, j, *_ in rows})
        reached = set()
        for a, i, b, j, km, *keys in rows:
            if not contexts.similar((a, i), (b, j)):
                continue
            key = ((a, i), (b, j)) if (a, i) < (b, j) else ((b, j), (a, i))
            if key not in links:
                first_keys, second_keys = (keys[:3], keys[3:]) if (a, i) < (b, j) else (keys[3:], keys[:3])
                links[key] = (round(km, 6), first_keys, second_keys)
            if (b, j) not in region:
                reached.add((b, j))
        region |= reached
        frontier = sorted(reached)
    return region, [(km, first, second, keys_a, keys_b) for (first, second), (km, keys_a, keys_b) in links.items()]


class _Contexts:
    """The sentence around each mention, as a set of content words besides the place names, to tell two reports of
    one event from two events of a kind at one place on one day (`share_wording`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.words: dict[tuple[str, int], frozenset[str]] = {}

    def load(self, mentions: set[tuple[str, int]]) -> None:
        missing = sorted(mentions - self.words.keys())
        if not missing:
            return
        for article_id, idx, start, end, place, text in queries.mention_contexts(self.store, missing):
            words = content_words(sentence_around(text, start, end))
            self.words[article_id, idx] = words - content_words(place or "")

    def similar(self, a: tuple[str, int], b: tuple[str, int]) -> bool:
        return share_wording(self.words.get(a, frozenset()), self.words.get(b, frozenset()))


def _cluster(region: set[tuple[str, int]], links: list[tuple]) -> list[list[tuple[str, int]]]:
    """Join linked mentions, closest first, while the joined event holds one value at most of source actor,
    target actor and exact day (`can_join`)."""
    sets = UnionFind()
    held: dict = dict.fromkeys(region, (None, None, None))  # by root: source, target, exact day
    for _, first, second, keys_a, keys_b in links:
        for mention, keys in ((first, keys_a), (second, keys_b)):
            if mention in held:
                held[mention] = tuple(keys)
    for _, first, second, _, _ in sorted(links, key=lambda link: link[:3]):
        if first not in held or second not in held:
            continue
        root_a, root_b = sets.find(first), sets.find(second)
        if root_a == root_b or not can_join(held[root_a], held[root_b]):
            continue
        held[sets.union(first, second)] = joined(held[root_a], held[root_b])
    clusters: dict = {}
    for mention in region:
        clusters.setdefault(sets.find(mention), []).append(mention)
    return [sorted(c) for c in clusters.values()]
