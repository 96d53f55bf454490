"""The queries the export layouts (`dateline.export`) are written from: a fixed number per export, whatever the size
of the store, each read a few thousand rows at a time.

- `event_rows`: one row per event mention with its article, actors, place and the number killed (one query);
- `gkg_articles`: each extracted article with its counts, places, people, organisations, themes and dates
  (eight queries, read side by side in article order);
- `mapped_event_rows`: `event_rows` with the actors' kinds and, once fused, the sources and articles that tell the
  same event (one query; the ACLED and GeoJSON layouts);
- `gdelt_event_rows`: `event_rows` with the actors' offsets and each mention's fused event, in fused event order
  (one query; the GDELT Events and Mentions layouts), `has_fused_events` and `country_points`;
- `claim_rows`: one row per claim with its speaker (one query);
- `write_parquet`: one Parquet file per record table (one query per table).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .store import ByArticle, Store
from .tables import DEATHS, TABLE_COLUMNS

# `killed` sums the deaths of the "killed" counts the event refers to (its `counts` list of count indices).
EVENT_ROWS_SQL = f"""
SELECT e.article_id, e.idx, e.text AS trigger, e.span_start, e.span_end, e.plover, e.cameo, e.acled_event_type,
       e.acled_sub_event_type, e.date, e.date_precision, e.status, e.confidence, e.geo_precision, e.counts,
       a.published, a.url, a.source, a.machine_translated, a.tone_tone, a.ingested_at, a.text AS article_text,
       s.code AS s_code, s.name AS s_name, s.acled_name AS s_acled, s.country AS s_country, s.sector AS s_sector,
       t.code AS t_code, t.name AS t_name, t.acled_name AS t_acled, t.country AS t_country, t.sector AS t_sector,
       p.name AS p_name, p.country AS p_country, p.admin1 AS p_admin1, p.lat AS p_lat, p.lon AS p_lon,
       p.geonames_id AS p_gid, p.feature AS p_feature, p.precision AS p_precision,
       (SELECT sum({DEATHS}) FROM counts c WHERE c.article_id = e.article_id AND c.what = 'killed'
           AND list_contains(CAST(e.counts AS INTEGER[]), c.idx)) AS killed
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.article_id = e.article_id AND s.idx = e.source_actor
LEFT JOIN actors t ON t.article_id = e.article_id AND t.idx = e.target_actor
LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place
ORDER BY e.article_id, e.idx
"""
# `event_rows`' columns, the actors' kinds, the largest number of people the event refers to (a crowd), and how many
# sources and articles tell the mention's fused event (1 and 1 before `dateline fuse`; {fused} is the join to the
# fused tables, or none).
MAPPED_EVENT_ROWS_SQL = """
SELECT r.*, s.kind AS s_kind, t.kind AS t_kind, {fused_columns},
       (SELECT max(c.value) FROM counts c WHERE c.article_id = e.article_id AND c.what = 'people'
           AND list_contains(CAST(e.counts AS INTEGER[]), c.idx)) AS crowd
FROM ({events}) r
JOIN events e ON e.article_id = r.article_id AND e.idx = r.idx
LEFT JOIN actors s ON s.article_id = e.article_id AND s.idx = e.source_actor
LEFT JOIN actors t ON t.article_id = e.article_id AND t.idx = e.target_actor
{fused}
ORDER BY r.article_id, r.idx
"""
_FUSED_JOIN = """LEFT JOIN fused_members m ON m.article_id = r.article_id AND m.idx = r.idx
LEFT JOIN fused_events f ON f.id = m.fused_id"""
_FUSED_COLUMNS = "f.id AS fused_id, coalesce(f.n_sources, 1) AS n_sources, coalesce(f.n_articles, 1) AS n_articles"
_UNFUSED_COLUMNS = "NULL AS fused_id, 1 AS n_sources, 1 AS n_articles"
GKG_ARTICLES_SQL = """
SELECT id, published, published_at, machine_translated, source, url, title, tone_tone, tone_positive, tone_negative,
       tone_polarity, tone_activity_density, tone_self_group_density, tone_word_count
FROM articles WHERE status = 'extracted' ORDER BY id
"""
_OF_GKG_ARTICLES = "article_id IN (SELECT id FROM articles WHERE status = 'extracted')"
# Each part's rows per article, in the articles' order: (article_id, the columns the GKG fields are made of).
GKG_PARTS_SQL = {
    "counts": "SELECT article_id, what, value, object, span_start FROM counts WHERE {of}",
    "places": (
        "SELECT article_id, feature, name, country, admin1, lat, lon, geonames_id, span_start FROM places "
        "WHERE {of} AND role = 'location'"
    ),
    "people": "SELECT article_id, name, span_start, mentions FROM actors WHERE {of} AND kind = 'person'",
    "organisations": "SELECT article_id, name, span_start, mentions FROM actors WHERE {of} AND kind <> 'person'",
    "themes": "SELECT article_id, code, span_start FROM themes WHERE {of}",
    # a TIME ('2024-05-06TNI', Monday night) names its day as a DATE does
    "dates": "SELECT article_id, value, span_start FROM times WHERE {of} AND type IN ('DATE', 'TIME')",
    "claims": "SELECT article_id, kind, content, cue FROM claims WHERE {of}",
}
# `event_rows`' columns with the trigger's PLOVER mode, the actors' first offsets and the mention's fused event (its
# id, mentions, sources, articles, day and its precision), in fused event order; mentions of no fused event last, in
# article order.
GDELT_EVENT_ROWS_SQL = """
SELECT r.*, e.plover_mode, s.span_start AS s_start, t.span_start AS t_start, {fused_columns}
FROM ({events}) r
JOIN events e ON e.article_id = r.article_id AND e.idx = r.idx
LEFT JOIN actors s ON s.article_id = e.article_id AND s.idx = e.source_actor
LEFT JOIN actors t ON t.article_id = e.article_id AND t.idx = e.target_actor
{fused}
ORDER BY fused_id NULLS LAST, r.article_id, r.idx
"""
_GDELT_FUSED_COLUMNS = (
    "f.id AS fused_id, f.n_mentions, f.n_sources, f.n_articles, f.day AS fused_day, f.date_precision AS fused_precision"
)
_GDELT_UNFUSED_COLUMNS = (
    "NULL AS fused_id, 1 AS n_mentions, 1 AS n_sources, 1 AS n_articles, NULL AS fused_day, NULL AS fused_precision"
)
# The first place of each country named as a country (article id, idx order): the point an actor of that country
# is placed at.
COUNTRY_POINTS_SQL = """
SELECT country, name, lat, lon, geonames_id FROM places
WHERE feature = 'country' AND lat IS NOT NULL AND country IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY country ORDER BY article_id, idx) = 1
"""
CLAIM_ROWS_SQL = """
SELECT c.*, a.name AS speaker_name, a.code AS speaker_code
FROM claims c LEFT JOIN actors a ON a.article_id = c.article_id AND a.idx = c.speaker_actor
ORDER BY c.article_id, c.idx
"""


def event_rows(store: Store) -> Iterator[dict]:
    """Every event mention, in (article id, idx) order, as a dict of `EVENT_ROWS_SQL`'s columns."""
    columns, rows = store.stream(EVENT_ROWS_SQL)
    for row in rows:
        yield dict(zip(columns, row))


def mapped_event_rows(store: Store) -> Iterator[dict]:
    """Every event mention as `event_rows` gives it, with `s_kind`, `t_kind`, `crowd`, `fused_id`, `n_sources` and
    `n_articles`."""
    fused = _has_tables(store, "fused_members", "fused_events")
    sql = MAPPED_EVENT_ROWS_SQL.format(
        fused_columns=_FUSED_COLUMNS if fused else _UNFUSED_COLUMNS,
        events=EVENT_ROWS_SQL.strip().rsplit("ORDER BY", 1)[0],
        fused=_FUSED_JOIN if fused else "",
    )
    columns, rows = store.stream(sql)
    for row in rows:
        yield dict(zip(columns, row))


def gdelt_event_rows(store: Store) -> Iterator[dict]:
    """Every event mention as `event_rows` gives it, with `plover_mode`, `s_start`, `t_start`, `fused_id`,
    `n_mentions`, `n_sources`, `n_articles`, `fused_day` and `fused_precision`, the members of each fused event
    together."""
    fused = _has_tables(store, "fused_members", "fused_events")
    sql = GDELT_EVENT_ROWS_SQL.format(
        fused_columns=_GDELT_FUSED_COLUMNS if fused else _GDELT_UNFUSED_COLUMNS,
        events=EVENT_ROWS_SQL.strip().rsplit("ORDER BY", 1)[0],
        fused=_FUSED_JOIN if fused else "",
    )
    columns, rows = store.stream(sql)
    for row in rows:
        yield dict(zip(columns, row))


def has_fused_events(store: Store) -> bool:
    """Whether `dateline fuse` has made fused events in the store."""
    if not _has_tables(store, "fused_members", "fused_events"):
        return False
    return store.query("SELECT count(*) > 0 FROM fused_events")[1][0][0]


def country_points(store: Store) -> dict[str, dict]:
    """ISO alpha-2 -> the point (name, lat, lon, geonames_id) of the first place naming that country."""
    columns, rows = store.query(COUNTRY_POINTS_SQL)
    return {row[0]: dict(zip(columns, row)) for row in rows}


def _has_tables(store: Store, *names: str) -> bool:
    _, rows = store.query(
        "SELECT count(DISTINCT table_name) FROM information_schema.tables WHERE list_contains(?, table_name)",
        [list(names)],
    )
    return rows[0][0] == len(names)


def gkg_articles(store: Store) -> Iterator[tuple[tuple, dict[str, list[tuple]]]]:
    """Every extracted article in id order: its `GKG_ARTICLES_SQL` row and, for each part of `GKG_PARTS_SQL`, its rows
    in item order without the article id."""
    _, articles = store.stream(GKG_ARTICLES_SQL)
    parts = {
        part: ByArticle(*store.stream(sql.format(of=_OF_GKG_ARTICLES) + " ORDER BY article_id, idx"))
        for part, sql in GKG_PARTS_SQL.items()
    }
    for article in articles:
        yield article, {part: [row[1:] for row in rows.take(article[0])] for part, rows in parts.items()}


def claim_rows(store: Store) -> tuple[list[str], Iterator[tuple]]:
    """Every claim with its speaker's name and code, in (article id, idx) order: column names and rows."""
    return store.stream(CLAIM_ROWS_SQL)


def write_parquet(store: Store, folder: Path) -> int:
    """Write each record table to `folder/<table>.parquet`. Returns the number of tables."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLE_COLUMNS:
        target = str(folder / f"{table}.parquet").replace("'", "''")
        store.query(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT PARQUET)")
    return len(TABLE_COLUMNS)


__all__ = [
    "claim_rows",
    "country_points",
    "event_rows",
    "gdelt_event_rows",
    "gkg_articles",
    "has_fused_events",
    "mapped_event_rows",
    "write_parquet",
]
