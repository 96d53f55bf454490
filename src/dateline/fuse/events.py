"""Event mentions from many articles fused into events.

Two mentions are *linked* when all of these hold:
- the same PLOVER type (or, without one, the same category), and neither is background;
- compatible statuses: threatened only with threatened; reported, claimed and denied
  together (a denial is about the same event);
- dates precise to a day or a week (`LINKED_PRECISIONS`) whose intervals overlap, and the same part of the
  day where both give one ("this morning" and "in the evening" are two events);
- the same ACLED sub-event type where both have one;
- sentences that share at least `MIN_SHARED_WORDS` content words besides the place names;
- places that are specific (geo-precision 1 or 2, or a country or region when both
  mentions also name the same source and target actors) and lie within
  `MAX_KM[coarser precision]` of each other;
- where both name a source actor, their codes (or names) agree; likewise the target.

Links are then joined into events in a fixed order (closest first) under one
more rule, so that a mention with no actor cannot bridge two that disagree: an
event never holds two different source actors, two different target actors or
two different exact days. Each cluster is computed from the whole linked
region around the new mentions, so an incremental run and a rebuild give the
same events, with the same ids (a hash of the first member).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from ..store import Store
from ..store import fusion as queries
from ..text import sentence_around
from .common import UnionFind

MAX_KM = {1: 5.0, 2: 25.0, 3: 50.0}
MIN_SHARED_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")
_COMMON = frozenset({"russia", "russian", "russians", "ukraine", "ukrainian", "ukrainians", "said", "says", "city",
                     "region", "according"})  # fmt: skip
LINKED_PRECISIONS = ("day", "part_of_day", "time", "week", "weekend")


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
    """The sentence around each mention, as a set of content words, to tell two reports of one event from two
    events of a kind at one place on one day: they must share `MIN_SHARED_WORDS` words besides the place names,
    stop words and the names of the two warring countries."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.words: dict[tuple[str, int], frozenset[str]] = {}

    def load(self, mentions: set[tuple[str, int]]) -> None:
        missing = sorted(mentions - self.words.keys())
        if not missing:
            return
        for article_id, idx, start, end, place, text in queries.mention_contexts(self.store, missing):
            words = _content_words(sentence_around(text, start, end))
            self.words[article_id, idx] = words - _content_words(place or "")

    def similar(self, a: tuple[str, int], b: tuple[str, int]) -> bool:
        return len(self.words.get(a, frozenset()) & self.words.get(b, frozenset())) >= MIN_SHARED_WORDS


def _content_words(text: str) -> frozenset[str]:
    return frozenset(
        w
        for w in (m.lower() for m in _WORD.findall(text))
        if len(w) > 2 and w not in STOP_WORDS and w not in _COMMON and not w.isdigit()
    )


def _cluster(region: set[tuple[str, int]], links: list[tuple]) -> list[list[tuple[str, int]]]:
    """Join linked mentions, closest first, unless the joined event would hold two different values of
    source actor, target actor or exact day."""
    sets = UnionFind()
    values: dict = {mention: (set(), set(), set()) for mention in region}
    for _, first, second, keys_a, keys_b in links:
        for mention, keys in ((first, keys_a), (second, keys_b)):
            if mention in values:
                values[mention] = tuple({key} if key is not None else set() for key in keys)
    for _, first, second, _, _ in sorted(links, key=lambda link: link[:3]):
        if first not in values or second not in values:
            continue
        root_a, root_b = sets.find(first), sets.find(second)
        if root_a == root_b:
            continue
        joined = tuple(a | b for a, b in zip(values[root_a], values[root_b]))
        if any(len(held) > 1 for held in joined):
            continue
        root = sets.union(first, second)
        values[root] = joined
    clusters: dict = {}
    for mention in region:
        clusters.setdefault(sets.find(mention), []).append(mention)
    return [sorted(c) for c in clusters.values()]
