"""Every table Dateline keeps, as column name -> SQL type: the record's tables, the event index and fusion's tables.

Record tables: `articles` (with the tone columns), `mentions, places, times,
actors, claims, events, counts, themes`. Every item table has `article_id`,
`idx` (the item's index in its record) and `span_start`, `span_end`; nested
pieces and lists are JSON columns. `event_index` is derived from them (one row
per event mention with its place, actors and article joined in). Fusion's
tables (`FUSION_TABLES`) are made when `dateline fuse` first runs.

>>> TABLE_COLUMNS["counts"]["value"], FUSION_TABLES["fused_members"]["fused_id"]
('DOUBLE', 'BIGINT')
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

import duckdb
import pyarrow as pa

from ..schema import ITEM_PARTS, PART_MODELS, Tone

ARTICLE_COLUMNS: dict[str, str] = {
    "id": "VARCHAR PRIMARY KEY",
    "published": "DATE",
    "published_at": "TIMESTAMP",
    "source": "VARCHAR",
    "url": "VARCHAR",
    "title": "VARCHAR",
    "lang": "VARCHAR",
    "machine_translated": "BOOLEAN",
    "n_words": "INTEGER",
    "content_hash": "VARCHAR",
    "text": "VARCHAR",
    "boilerplate": "JSON",
    "status": "VARCHAR",
    "pipeline_version": "VARCHAR",
    "ingested_at": "TIMESTAMP",
    **{f"tone_{name}": "DOUBLE" for name in Tone.model_fields},
}
ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


def _sql_type(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        if set(args) == {int, float}:
            return "DOUBLE"
        return _sql_type(args[0]) if len(args) == 1 else "JSON"
    if origin is typing.Literal or annotation is str:
        return "VARCHAR"
    return {int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE"}.get(annotation, "JSON")


def part_columns(part: str) -> dict[str, str]:
    """Column name -> SQL type of an item table, derived from its schema model."""
    columns = {"article_id": "VARCHAR", "idx": "INTEGER", "span_start": "INTEGER", "span_end": "INTEGER"}
    for name, field in PART_MODELS[part].model_fields.items():
        if name != "span":
            columns[name] = _sql_type(field.annotation)
    return columns


TABLE_COLUMNS: dict[str, dict[str, str]] = {"articles": ARTICLE_COLUMNS, **{p: part_columns(p) for p in ITEM_PARTS}}

# One row per event mention with its place, actors and article joined in: what
# the API filters and fusion compares, derived in SQL from the tables above.
EVENT_INDEX_COLUMNS: dict[str, str] = {
    "article_id": "VARCHAR", "idx": "INTEGER", "span_start": "INTEGER", "span_end": "INTEGER", "trigger": "VARCHAR",
    "published": "DATE", "source": "VARCHAR", "day": "DATE", "date": "VARCHAR", "date_precision": "VARCHAR",
    "plover": "VARCHAR", "cameo": "VARCHAR", "acled_event_type": "VARCHAR", "acled_sub_event_type": "VARCHAR",
    "category": "VARCHAR", "status": "VARCHAR", "confidence": "DOUBLE",
    "place_name": "VARCHAR", "geonames_id": "BIGINT", "country": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE",
    "geo_precision": "INTEGER", "source_actor": "VARCHAR", "source_code": "VARCHAR",
    "target_actor": "VARCHAR", "target_code": "VARCHAR", "fatalities": "DOUBLE",
}  # fmt: skip
# The deaths a killed count `c` is coded with (`events/fatalities.py`; its value in stores written before).
DEATHS = "coalesce(c.fatalities, c.value)"
_EVENT_DAY = (
    "coalesce(TRY_CAST(CASE WHEN length(e.date) >= 10 THEN substr(e.date, 1, 10) "
    "WHEN length(e.date) = 7 THEN e.date || '-01' WHEN length(e.date) = 4 THEN e.date || '-01-01' END AS DATE), "
    "a.published)"
)
EVENT_INDEX_SELECT = f"""
SELECT e.article_id, e.idx, e.span_start, e.span_end, e.text, a.published, a.source, {_EVENT_DAY}, e.date,
       e.date_precision, e.plover, e.cameo, e.acled_event_type, e.acled_sub_event_type, e.category, e.status,
       e.confidence, p.name, p.geonames_id, p.country, p.lat, p.lon, e.geo_precision,
       s.name, s.code, t.name, t.code,
       (SELECT sum({DEATHS}) FROM counts c WHERE c.article_id = e.article_id AND c.what = 'killed'
           AND list_contains(CAST(e.counts AS INTEGER[]), c.idx))
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place
LEFT JOIN actors s ON s.article_id = e.article_id AND s.idx = e.source_actor
LEFT JOIN actors t ON t.article_id = e.article_id AND t.idx = e.target_actor
"""

# Fusion's tables: copies (signatures, band keys, groups), fused events and their members, contradicting claims,
# and what was fused at which content hash and pipeline version.
FUSION_TABLES: dict[str, dict[str, str]] = {
    "index_state": {"name": "VARCHAR PRIMARY KEY", "clustered_rows": "BIGINT"},
    "fusion_state": {"article_id": "VARCHAR PRIMARY KEY", "content_hash": "VARCHAR", "pipeline_version": "VARCHAR"},
    "article_signatures": {"article_id": "VARCHAR PRIMARY KEY", "signature": "BLOB"},
    "article_bands": {"article_id": "VARCHAR", "band": "UBIGINT"},
    "article_groups": {"article_id": "VARCHAR PRIMARY KEY", "group_id": "VARCHAR", "similarity": "DOUBLE"},
    "fused_members": {"fused_id": "BIGINT", "article_id": "VARCHAR", "idx": "INTEGER"},
    "fused_events": {
        "id": "BIGINT PRIMARY KEY",
        "plover": "VARCHAR",
        "category": "VARCHAR",
        "acled_event_type": "VARCHAR",
        "acled_sub_event_type": "VARCHAR",
        "day": "DATE",
        "date_precision": "VARCHAR",
        "place_name": "VARCHAR",
        "country": "VARCHAR",
        "lat": "DOUBLE",
        "lon": "DOUBLE",
        "geo_precision": "INTEGER",
        "source_actor": "VARCHAR",
        "target_actor": "VARCHAR",
        "statuses": "VARCHAR",
        "n_mentions": "INTEGER",
        "n_articles": "INTEGER",
        "n_sources": "INTEGER",
        "first_seen": "DATE",
        "last_seen": "DATE",
    },  # fmt: skip
    "contradictions": {
        "article_a": "VARCHAR",
        "claim_a": "INTEGER",
        "article_b": "VARCHAR",
        "claim_b": "INTEGER",
        "reason": "VARCHAR",
        "fused_id": "BIGINT",
        "basis": "VARCHAR",
    },  # fmt: skip
}


def create_record_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Make the record tables and the event index where missing; fill an empty event index, and refill one that
    a version before its `fatalities` column wrote."""
    query = "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_index'"
    had = {row[0] for row in con.execute(query).fetchall()}
    _create(con, {**TABLE_COLUMNS, "event_index": EVENT_INDEX_COLUMNS})
    if had and "fatalities" not in had:
        con.execute("DELETE FROM event_index")
    if con.execute("SELECT count(*) FROM event_index").fetchall()[0][0] == 0:
        con.execute(f"INSERT INTO event_index {EVENT_INDEX_SELECT}")


def create_fusion_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Make fusion's tables where missing."""
    _create(con, FUSION_TABLES)


def _create(con: duckdb.DuckDBPyConnection, tables: dict[str, dict[str, str]]) -> None:
    for table, columns in tables.items():
        body = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns.items())
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
        _add_missing_columns(con, table, columns)


def _add_missing_columns(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, str]) -> None:
    """A store written by an older version gains the columns added since, empty."""
    query = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
    have = {row[0] for row in con.execute(query, [table]).fetchall()}
    for name, sql_type in columns.items():
        if name not in have:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')


__all__ = [
    "ARROW_TYPES",
    "DEATHS",
    "EVENT_INDEX_COLUMNS",
    "EVENT_INDEX_SELECT",
    "FUSION_TABLES",
    "TABLE_COLUMNS",
    "create_fusion_tables",
    "create_record_tables",
    "part_columns",
]
