"""The queries fusion (`dateline.fuse`) runs on its tables (defined in tables.py), and those that score it.

Fusion's rules (which mentions may be linked, how far apart) live in
`dateline.fuse`; they reach these queries as bound parameters.

- the run: `clear`, `pending_articles`, `mark_fused`, `totals`, `fused_state`;
- copies: `texts_to_sign`, `add_signatures`, `band_pairs`, `published_dates`, `replace_groups`;
- fused events: `mentions_around`, `link_candidates`, `mention_contexts`, `existing_mentions`, `drop_events_of`,
  `add_fused_events`;
- scoring against labels: `in_one_fused_event`, `event_retellings`, `contradiction_stored`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import pyarrow as pa

from ..places.geometry import haversine_sql
from .store import INT32, INT64, STRING, Store, ids_view, mentions_view, registered
from .tables import FUSION_TABLES

Mention = tuple[str, int]

# --- the run -----------------------------------------------------------------


def clear(store: Store) -> None:
    """Empty every fusion table (a rebuild)."""
    for table in FUSION_TABLES:
        store.con.execute(f"DELETE FROM {table}")


def pending_articles(store: Store) -> list[str]:
    """Articles stored or re-extracted since they were last fused, and those fused but since removed."""
    _, rows = store.query("""
        SELECT a.id FROM articles a LEFT JOIN fusion_state s ON s.article_id = a.id
        WHERE s.article_id IS NULL OR s.content_hash IS DISTINCT FROM a.content_hash
           OR s.pipeline_version IS DISTINCT FROM a.pipeline_version
        UNION SELECT s.article_id FROM fusion_state s ANTI JOIN articles a ON a.id = s.article_id
        ORDER BY 1""")
    return [r[0] for r in rows]


def mark_fused(store: Store, pending: list[str]) -> None:
    """Record the content hash and pipeline version the pending articles were fused at."""
    with ids_view(store, pending):
        store.con.execute("DELETE FROM fusion_state WHERE article_id IN (SELECT id FROM _ids)")
        store.con.execute(
            "INSERT INTO fusion_state SELECT id, content_hash, pipeline_version FROM articles "
            "WHERE id IN (SELECT id FROM _ids)"
        )


class Totals(NamedTuple):
    """What the fused tables hold."""

    mentions: int
    fused_events: int
    multi_article_events: int
    contradictions: int


def totals(store: Store) -> Totals:
    """Mentions in fused events, fused events, those in more than one article, and contradictions."""
    _, rows = store.query(
        "SELECT coalesce(sum(n_mentions), 0), count(*), count(*) FILTER (WHERE n_articles > 1), "
        "(SELECT count(*) FROM contradictions) FROM fused_events"
    )
    return Totals(*rows[0])


def fused_state(store: Store) -> dict[str, list]:
    """Everything fusion stored, in a canonical order (to compare an incremental run with a rebuild)."""
    order = {
        "article_groups": "article_id",
        "fused_members": "fused_id, article_id, idx",
        "fused_events": "id",
        "contradictions": "article_a, claim_a, article_b, claim_b",
    }
    return {table: store.query(f"SELECT * FROM {table} ORDER BY {key}")[1] for table, key in order.items()}


# --- copies ------------------------------------------------------------------


def texts_to_sign(store: Store, pending: list[str]) -> list[tuple[str, str]]:
    """Drop the signatures and band keys of the pending articles, and give (id, title and text) of those extracted."""
    with ids_view(store, pending):
        for table in ("article_bands", "article_signatures"):
            store.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _ids)")
        _, rows = store.query(
            "SELECT id, coalesce(title, '') || ' ' || text FROM articles "
            "WHERE id IN (SELECT id FROM _ids) AND status = 'extracted'"
        )
    return rows


def add_signatures(store: Store, signatures: dict[str, bytes], bands: list[tuple[str, int]]) -> None:
    """Store each article's signature and its (article id, band key) pairs."""
    columns = {"article_id": (list(signatures), STRING), "signature": (list(signatures.values()), pa.binary())}
    with registered(store, "_signatures", columns):
        store.con.execute("INSERT INTO article_signatures SELECT * FROM _signatures")
    columns = {"article_id": ([a for a, _ in bands], STRING), "band": ([k for _, k in bands], pa.uint64())}
    with registered(store, "_bands", columns):
        store.con.execute("INSERT INTO article_bands SELECT * FROM _bands")


def band_pairs(store: Store) -> list[tuple[str, str, bytes, bytes]]:
    """Each pair of articles that share a band key (first id < second), with both signatures."""
    _, pairs = store.query("""
        SELECT DISTINCT a.article_id, b.article_id, sa.signature, sb.signature
        FROM article_bands a JOIN article_bands b ON a.band = b.band AND a.article_id < b.article_id
        JOIN article_signatures sa ON sa.article_id = a.article_id
        JOIN article_signatures sb ON sb.article_id = b.article_id""")
    return pairs


def published_dates(store: Store) -> dict[str, dt.date]:
    """Article id -> publication date of every extracted article."""
    _, rows = store.query("SELECT id, published FROM articles WHERE status = 'extracted'")
    return dict(rows)


def replace_groups(store: Store, groups: list[tuple[str, str, float | None]]) -> None:
    """Replace `article_groups` with these (article id, group id, similarity to its closest copy) rows."""
    store.con.execute("DELETE FROM article_groups")
    columns = {
        "article_id": ([g[0] for g in groups], STRING),
        "group_id": ([g[1] for g in groups], STRING),
        "similarity": ([g[2] for g in groups], pa.float64()),
    }
    with registered(store, "_groups", columns):
        store.con.execute("INSERT INTO article_groups SELECT * FROM _groups")


# --- fused events ------------------------------------------------------------

_MENTIONS = """
SELECT article_id, idx, coalesce(plover, category) AS kind,
       CASE WHEN status = 'threatened' THEN status ELSE 'event' END AS status_group,
       day AS day_start,
       CASE WHEN date_precision IN ('week', 'weekend') THEN CAST(day + INTERVAL 6 DAY AS DATE) ELSE day END AS day_end,
       CASE WHEN date_precision IN ('day', 'part_of_day', 'time') THEN day END AS exact_day,
       CASE WHEN date_precision IN ('part_of_day', 'time') THEN date END AS moment,
       acled_sub_event_type AS subtype, lat, lon, coalesce(geo_precision, 3) AS geo_precision,
       coalesce(source_code, lower(source_actor)) AS source_key,
       coalesce(target_code, lower(target_actor)) AS target_key
FROM event_index
WHERE lat IS NOT NULL AND coalesce(plover, category) IS NOT NULL AND status NOT IN ('background', 'expected')
  AND list_contains($precisions, date_precision)
"""
_DISTANCE_KM = haversine_sql("a.lat", "a.lon", "b.lat", "b.lon")
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
       OR (a.source_key IS NOT NULL AND b.source_key IS NOT NULL
           AND a.target_key IS NOT NULL AND b.target_key IS NOT NULL))
  AND {_DISTANCE_KM} <= CASE greatest(a.geo_precision, b.geo_precision)
                          WHEN 1 THEN $km_1 WHEN 2 THEN $km_2 ELSE $km_3 END
"""
# Ties are broken by value so that the result does not depend on row order.
_DATE_RANK = "(CASE WHEN e.date_precision IN ('day', 'part_of_day', 'time') THEN 0 ELSE 1 END, e.day, e.date_precision)"
_PLACE_RANK = "(coalesce(e.geo_precision, 9), e.place_name, e.lat, e.lon, e.country)"
_MODES = ", ".join(
    f"mode() WITHIN GROUP (ORDER BY e.{c})" for c in ("plover", "category", "acled_event_type", "acled_sub_event_type")
)
_PLACE = ", ".join(f"arg_min(e.{c}, {_PLACE_RANK})" for c in ("place_name", "country", "lat", "lon"))
_AGGREGATE = f"""
SELECT f.fused_id, {_MODES},
       arg_min(e.day, {_DATE_RANK}), arg_min(e.date_precision, {_DATE_RANK}),
       {_PLACE},
       min(e.geo_precision),
       mode() WITHIN GROUP (ORDER BY e.source_actor), mode() WITHIN GROUP (ORDER BY e.target_actor),
       string_agg(DISTINCT e.status, ',' ORDER BY e.status),
       count(*), count(DISTINCT coalesce(g.group_id, e.article_id)),
       count(DISTINCT coalesce(e.source, coalesce(g.group_id, e.article_id))),
       min(e.published), max(e.published)
FROM fused_members f JOIN event_index e USING (article_id, idx)
LEFT JOIN article_groups g ON g.article_id = e.article_id
WHERE f.fused_id IN (SELECT id FROM _made)
GROUP BY 1
"""


def mentions_around(store: Store, pending: list[str]) -> set[Mention]:
    """The event mentions of the pending articles and the other members of the fused events they belong to."""
    with ids_view(store, pending):
        _, rows = store.query("""
            SELECT article_id, idx FROM event_index WHERE article_id IN (SELECT id FROM _ids)
            UNION SELECT article_id, idx FROM fused_members WHERE fused_id IN
                (SELECT fused_id FROM fused_members WHERE article_id IN (SELECT id FROM _ids))""")
    return set(rows)


def link_candidates(
    store: Store, frontier: list[Mention], *, max_km: Mapping[int, float], precisions: Sequence[str]
) -> list[tuple]:
    """Pairs of mentions that may be one event, the first from `frontier`: same kind and status group, a shared
    day, no disagreeing sub-event type, moment or actor, and places within `max_km[coarser geo-precision]`
    (precision 3 only when both name both actors), among mentions dated to one of `precisions`.

    RETURNS (list[tuple]): (article a, idx a, article b, idx b, km, then source key, target key and exact day of a,
    then of b).
    """
    params = {"precisions": list(precisions), "km_1": max_km[1], "km_2": max_km[2], "km_3": max_km[3]}
    with mentions_view(store, frontier, "_frontier"):
        return store.query(_LINKS, params)[1]


def mention_contexts(store: Store, mentions: list[Mention]) -> list[tuple]:
    """(article id, idx, trigger start, trigger end, place name, article text) of each mention."""
    with mentions_view(store, mentions, "_context"):
        _, rows = store.query(
            "SELECT e.article_id, e.idx, e.span_start, e.span_end, e.place_name, a.text FROM event_index e "
            "JOIN _context USING (article_id, idx) JOIN articles a ON a.id = e.article_id"
        )
    return rows


def existing_mentions(store: Store, mentions: list[Mention]) -> set[Mention]:
    """Those of the mentions that are still stored."""
    with mentions_view(store, mentions, "_region"):
        _, rows = store.query("SELECT article_id, idx FROM event_index JOIN _region USING (article_id, idx)")
    return set(rows)


def drop_events_of(store: Store, mentions: list[Mention]) -> list[Mention]:
    """Delete the fused events that hold any of the mentions, and the contradictions found through them (those
    within an article lose their event). RETURNS (list[Mention]): every member of the deleted events."""
    con = store.con
    with mentions_view(store, mentions, "_region"):
        _, old = store.query("SELECT DISTINCT fused_id FROM fused_members JOIN _region USING (article_id, idx)")
    with registered(store, "_old", {"id": ([f for (f,) in old], INT64)}):
        _, members = store.query("SELECT article_id, idx FROM fused_members WHERE fused_id IN (SELECT id FROM _old)")
        con.execute("DELETE FROM fused_members WHERE fused_id IN (SELECT id FROM _old)")
        con.execute("DELETE FROM fused_events WHERE id IN (SELECT id FROM _old)")
        con.execute("DELETE FROM contradictions WHERE fused_id IN (SELECT id FROM _old) AND basis = 'event'")
        con.execute("UPDATE contradictions SET fused_id = NULL WHERE fused_id IN (SELECT id FROM _old)")
    return members


def add_fused_events(store: Store, members: list[tuple[int, str, int]]) -> set[int]:
    """Store these (fused id, article id, idx) members and their events, aggregated from the mentions (the most
    common type, the most precise date and place, counts of articles and sources). RETURNS (set[int]): the ids."""
    columns = {
        "fused_id": ([m[0] for m in members], INT64),
        "article_id": ([m[1] for m in members], STRING),
        "idx": ([m[2] for m in members], INT32),
    }
    with registered(store, "_members", columns):
        store.con.execute("INSERT INTO fused_members SELECT * FROM _members")
    made = {m[0] for m in members}
    with registered(store, "_made", {"id": (sorted(made), INT64)}):
        store.con.execute(f"INSERT INTO fused_events {_AGGREGATE}")
    return made


# --- scoring -----------------------------------------------------------------


def in_one_fused_event(store: Store, a: Mention, b: Mention) -> bool:
    """Whether both mentions are members of one fused event."""
    _, rows = store.query(
        "SELECT count(DISTINCT fused_id) = 1 AND count(*) = 2 FROM fused_members "
        "WHERE (article_id = ? AND idx = ?) OR (article_id = ? AND idx = ?)",
        [*a, *b],
    )
    return bool(rows[0][0])


def event_retellings(store: Store, article_id: str) -> list[tuple[int, int, str | None]]:
    """(idx, trigger start, retold mentions as JSON) of each event of an article."""
    return store.query("SELECT idx, span_start, mentions FROM events WHERE article_id = ?", [article_id])[1]


def contradiction_stored(store: Store, a: tuple[str, int], b: tuple[str, int]) -> bool:
    """Whether the claims a and b ((article id, claim idx) each) are stored as contradicting, in either order."""
    _, rows = store.query(
        "SELECT count(*) FROM contradictions WHERE (article_a = ? AND claim_a = ? AND article_b = ? AND claim_b = ?) "
        "OR (article_b = ? AND claim_b = ? AND article_a = ? AND claim_a = ?)",
        [*a, *b, *a, *b],
    )
    return bool(rows[0][0])
