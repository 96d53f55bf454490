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
from .common import INT32, INT64, STRING, UnionFind, ids_view, mentions_view, registered

MAX_KM = {1: 5.0, 2: 25.0, 3: 50.0}
MIN_SHARED_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")
_COMMON = frozenset({"russia", "russian", "russians", "ukraine", "ukrainian", "ukrainians", "said", "says", "city",
                     "region", "according"})
LINKED_PRECISIONS = ("day", "part_of_day", "time", "week", "weekend")

_MENTIONS = f"""
SELECT article_id, idx, coalesce(plover, category) AS kind,
       CASE WHEN status = 'threatened' THEN status ELSE 'event' END AS status_group,
       day AS day_start,
       CASE WHEN date_precision IN ('week', 'weekend') THEN CAST(day + INTERVAL 6 DAY AS DATE) ELSE day END AS day_end,
       CASE WHEN date_precision IN ('day', 'part_of_day', 'time') THEN day END AS exact_day,
       CASE WHEN date_precision IN ('part_of_day', 'time') THEN date END AS moment,
       acled_sub_event_type AS subtype, lat, lon, coalesce(geo_precision, 3) AS geo_precision,
       coalesce(source_code, lower(source_actor)) AS source_key, coalesce(target_code, lower(target_actor)) AS target_key
FROM event_index
WHERE lat IS NOT NULL AND coalesce(plover, category) IS NOT NULL AND status <> 'background'
  AND date_precision IN {LINKED_PRECISIONS}
"""
_DISTANCE_KM = ("sqrt(pow((a.lat - b.lat) * 110.57, 2) + "
                "pow((a.lon - b.lon) * 111.32 * cos(radians((a.lat + b.lat) / 2)), 2))")
_LINKS = f"""
WITH m AS ({_MENTIONS}),
days AS (SELECT m.*, CAST(unnest(generate_series(day_start, day_end, INTERVAL 1 DAY)) AS DATE) AS d FROM m),
frontier AS (SELECT days.* FROM days JOIN _frontier f USING (article_id, idx))
SELECT DISTINCT a.article_id, a.idx, b.article_id, b.idx, {_DISTANCE_KM} AS km,
       a.source_key, a.target_key, a.exact_day, b.source_key, b.target_key, b.exact_day
FROM frontier a JOIN days b ON a.kind = b.kind AND a.status_group = b.status_group AND a.d = b.d
WHERE (a.article_id, a.idx) <> (b.article_id, b.idx)
  AND (a.subtype IS NULL OR b.subtype IS NULL OR a.subtype = b.subtype)
  AND (a.moment IS NULL OR b.moment IS NULL OR a.moment = b.moment)
  AND (a.source_key IS NULL OR b.source_key IS NULL OR a.source_key = b.source_key)
  AND (a.target_key IS NULL OR b.target_key IS NULL OR a.target_key = b.target_key)
  AND (greatest(a.geo_precision, b.geo_precision) <= 2
       OR (a.source_key IS NOT NULL AND b.source_key IS NOT NULL AND a.target_key IS NOT NULL AND b.target_key IS NOT NULL))
  AND {_DISTANCE_KM} <= CASE greatest(a.geo_precision, b.geo_precision)
                          WHEN 1 THEN {MAX_KM[1]} WHEN 2 THEN {MAX_KM[2]} ELSE {MAX_KM[3]} END
"""
# Ties are broken by value so that the result does not depend on row order.
_DATE_RANK = "(CASE WHEN e.date_precision IN ('day', 'part_of_day', 'time') THEN 0 ELSE 1 END, e.day, e.date_precision)"
_PLACE_RANK = "(coalesce(e.geo_precision, 9), e.place_name, e.lat, e.lon, e.country)"
AGGREGATE = f"""
SELECT f.fused_id, {', '.join(f"mode() WITHIN GROUP (ORDER BY e.{c})" for c in ("plover", "category", "acled_event_type", "acled_sub_event_type"))},
       arg_min(e.day, {_DATE_RANK}), arg_min(e.date_precision, {_DATE_RANK}),
       {', '.join(f"arg_min(e.{c}, {_PLACE_RANK})" for c in ("place_name", "country", "lat", "lon"))},
       min(e.geo_precision), mode() WITHIN GROUP (ORDER BY e.source_actor), mode() WITHIN GROUP (ORDER BY e.target_actor),
       string_agg(DISTINCT e.status, ',' ORDER BY e.status),
       count(*), count(DISTINCT coalesce(g.group_id, e.article_id)),
       count(DISTINCT coalesce(e.source, coalesce(g.group_id, e.article_id))),
       min(e.published), max(e.published)
FROM fused_members f JOIN event_index e USING (article_id, idx)
LEFT JOIN article_groups g ON g.article_id = e.article_id
"""


def fused_id(members: Iterable[tuple[str, int]]) -> int:
    """A fused event's id: a 63-bit hash of its first member, so a rebuild gives the same ids."""
    article_id, idx = min(members)
    digest = hashlib.blake2b(f"{article_id}\x00{idx}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def fuse_events(store: Store, pending: list[str]) -> set[int]:
    """Re-cluster the linked region around the pending articles' mentions. Returns the ids of the events made."""
    con = store.con
    with ids_view(store, pending):
        _, rows = store.query("""
            SELECT article_id, idx FROM event_index WHERE article_id IN (SELECT id FROM _ids)
            UNION SELECT article_id, idx FROM fused_members WHERE fused_id IN
                (SELECT fused_id FROM fused_members WHERE article_id IN (SELECT id FROM _ids))""")
    region, links = _linked_region(store, set(rows))
    _drop_events_of(store, region)
    with mentions_view(store, sorted(region), "_region"):
        _, alive = store.query("SELECT article_id, idx FROM event_index JOIN _region USING (article_id, idx)")
    fused_ids, articles, idxs = [], [], []
    for cluster in _cluster(set(alive), links):
        fid = fused_id(cluster)
        for article_id, idx in cluster:
            fused_ids.append(fid)
            articles.append(article_id)
            idxs.append(idx)
    with registered(store, "_members", {"fused_id": (fused_ids, INT64), "article_id": (articles, STRING),
                                        "idx": (idxs, INT32)}):
        con.execute("INSERT INTO fused_members SELECT * FROM _members")
    made = set(fused_ids)
    with registered(store, "_made", {"id": (sorted(made), INT64)}):
        con.execute(f"INSERT INTO fused_events {AGGREGATE} WHERE f.fused_id IN (SELECT id FROM _made) GROUP BY 1")
    return made


def _linked_region(store: Store, start: set[tuple[str, int]]) -> tuple[set[tuple[str, int]], list[tuple]]:
    """The mentions reachable from the starting ones through links, and those links (breadth first, one SQL join
    per step)."""
    region, frontier, links = set(start), sorted(start), {}
    contexts = _Contexts(store)
    while frontier:
        with mentions_view(store, frontier, "_frontier"):
            _, rows = store.query(_LINKS)
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
        with mentions_view(self.store, missing, "_context"):
            _, rows = self.store.query(
                "SELECT e.article_id, e.idx, e.span_start, e.span_end, e.place_name, a.text FROM event_index e "
                "JOIN _context USING (article_id, idx) JOIN articles a ON a.id = e.article_id")
        for article_id, idx, start, end, place, text in rows:
            self.words[article_id, idx] = _content_words(_sentence(text, start, end)) - _content_words(place or "")

    def similar(self, a: tuple[str, int], b: tuple[str, int]) -> bool:
        return len(self.words.get(a, frozenset()) & self.words.get(b, frozenset())) >= MIN_SHARED_WORDS


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x >= 0)
    return text[left:right]


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.lower() for m in _WORD.findall(text))
                     if len(w) > 2 and w not in STOP_WORDS and w not in _COMMON and not w.isdigit())


def _drop_events_of(store: Store, region: set[tuple[str, int]]) -> None:
    con = store.con
    with mentions_view(store, sorted(region), "_region"):
        _, old = store.query("SELECT DISTINCT fused_id FROM fused_members JOIN _region USING (article_id, idx)")
    with registered(store, "_old", {"id": ([f for (f,) in old], INT64)}):
        _, members = store.query("SELECT article_id, idx FROM fused_members WHERE fused_id IN (SELECT id FROM _old)")
        region.update(members)
        con.execute("DELETE FROM fused_members WHERE fused_id IN (SELECT id FROM _old)")
        con.execute("DELETE FROM fused_events WHERE id IN (SELECT id FROM _old)")
        con.execute("DELETE FROM contradictions WHERE fused_id IN (SELECT id FROM _old) AND basis = 'event'")
        con.execute("UPDATE contradictions SET fused_id = NULL WHERE fused_id IN (SELECT id FROM _old)")


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
