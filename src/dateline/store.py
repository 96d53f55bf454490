"""The DuckDB store: one table per record part, keyed by article id.

Tables: `articles` (with the tone columns), `mentions, places, times, actors,
claims, events, counts, themes`. Every item table has `article_id`, `idx` (the
item's index in its record) and `span_start`, `span_end`; nested pieces and
lists are JSON columns. A batch of records is written in one transaction, so
a crash leaves the store as it was before the batch.

>>> from dateline.store import Store
>>> with Store(":memory:") as store:
...     store.stats()["articles"]
0
"""
from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .boilerplate import with_boilerplate
from .errors import Errors, StoreError
from .schema import ITEM_PARTS, PART_MODELS, Article, Record, Tone

DEFAULT_DB = "dateline.duckdb"
ARTICLE_COLUMNS: dict[str, str] = {
    "id": "VARCHAR PRIMARY KEY",
    "published": "DATE",
    "source": "VARCHAR",
    "url": "VARCHAR",
    "title": "VARCHAR",
    "lang": "VARCHAR",
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
    "target_actor": "VARCHAR", "target_code": "VARCHAR",
}
_EVENT_DAY = (
    "coalesce(TRY_CAST(CASE WHEN length(e.date) >= 10 THEN substr(e.date, 1, 10) "
    "WHEN length(e.date) = 7 THEN e.date || '-01' WHEN length(e.date) = 4 THEN e.date || '-01-01' END AS DATE), "
    "a.published)"
)
EVENT_INDEX_SELECT = f"""
SELECT e.article_id, e.idx, e.span_start, e.span_end, e.text, a.published, a.source, {_EVENT_DAY}, e.date,
       e.date_precision, e.plover, e.cameo, e.acled_event_type, e.acled_sub_event_type, e.category, e.status,
       e.confidence, p.name, p.geonames_id, p.country, p.lat, p.lon, e.geo_precision,
       s.name, s.code, t.name, t.code
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place
LEFT JOIN actors s ON s.article_id = e.article_id AND s.idx = e.source_actor
LEFT JOIN actors t ON t.article_id = e.article_id AND t.idx = e.target_actor
"""


class Store:
    """A DuckDB file holding records.

    path (str | Path): the database file, or ":memory:".
    read_only (bool): open without write access (serving a finished store).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as err:
            if "lock" in str(err).lower():
                raise StoreError(Errors.E302.format(path=self.path)) from None
            raise StoreError(Errors.E300.format(path=self.path, reason=str(err).splitlines()[0])) from None
        except duckdb.Error as err:
            raise StoreError(Errors.E300.format(path=self.path, reason=str(err).splitlines()[0])) from None
        if not read_only:
            self._create_tables()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def _sql(self) -> Iterator[duckdb.DuckDBPyConnection]:
        try:
            yield self.con
        except duckdb.Error as err:
            raise StoreError(Errors.E301.format(reason=str(err).splitlines()[0])) from None

    def _create_tables(self) -> None:
        with self._sql() as con:
            for table, columns in {**TABLE_COLUMNS, "event_index": EVENT_INDEX_COLUMNS}.items():
                body = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns.items())
                con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
                _add_missing_columns(con, table, columns)
            if con.execute("SELECT count(*) FROM event_index").fetchall()[0][0] == 0:
                con.execute(f"INSERT INTO event_index {EVENT_INDEX_SELECT}")

    # --- writing -------------------------------------------------------------

    def write(self, records: Sequence[Record]) -> int:
        """Store a batch of records in one transaction, replacing earlier versions of the same articles.

        RETURNS (int): the number of records written.
        """
        if not records:
            return 0
        records = list({r.article.id: r for r in records}.values())
        self._replace([r.article.id for r in records], record_tables(records))
        return len(records)

    def attach_parts(self, ids: Sequence[str], parts: dict[str, str | Path]) -> int:
        """Store records that a worker wrote as Parquet files (one per table, `record_tables` layout), in one
        transaction, replacing earlier versions of the same articles.

        RETURNS (int): the number of articles attached.
        """
        if not ids:
            return 0
        import pyarrow.parquet as pq

        self._replace(list(ids), {table: pq.read_table(path) for table, path in parts.items()})
        return len(ids)

    def _replace(self, ids: list[str], tables: dict[str, pa.Table]) -> None:
        with self._sql() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                con.register("_batch_ids", pa.table({"id": pa.array(ids, pa.string())}))
                for table in (*TABLE_COLUMNS, "event_index"):
                    key = "id" if table == "articles" else "article_id"
                    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _batch_ids)")
                for table, rows in tables.items():
                    if rows.num_rows:
                        self._insert(table, rows)
                con.execute(f"INSERT INTO event_index {EVENT_INDEX_SELECT} WHERE e.article_id IN (SELECT id FROM _batch_ids)")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            finally:
                con.unregister("_batch_ids")

    def _insert(self, table: str, rows: pa.Table) -> None:
        self.con.register("_batch_rows", rows)
        try:
            names = ", ".join(f'"{n}"' for n in TABLE_COLUMNS[table])
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch_rows")
        finally:
            self.con.unregister("_batch_rows")

    # --- reading -------------------------------------------------------------

    def versions(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Stored (content hash, pipeline version) of the given article ids."""
        ids = list(ids)
        if not ids:
            return {}
        with self._sql() as con:
            con.register("_ids", pa.table({"id": pa.array(ids, pa.string())}))
            try:
                rows = con.execute(
                    "SELECT a.id, a.content_hash, a.pipeline_version FROM articles a JOIN _ids USING (id)"
                ).fetchall()
            finally:
                con.unregister("_ids")
        return {row[0]: (row[1], row[2]) for row in rows}

    def stale_articles(self, pipeline_version: str) -> Iterator[Article]:
        """Stored articles whose records came from another pipeline version, their page furniture found afresh."""
        with self._sql() as con:
            rows = con.execute(
                "SELECT id, published, source, url, title, lang, n_words, content_hash, text "
                "FROM articles WHERE pipeline_version IS DISTINCT FROM ? ORDER BY id",
                [pipeline_version],
            ).fetchall()
        fields = ("id", "published", "source", "url", "title", "lang", "n_words", "content_hash", "text")
        for row in rows:
            yield with_boilerplate(Article(**dict(zip(fields, row))))

    def article(self, article_id: str) -> dict | None:
        """One stored article row as a dict, or None."""
        columns, rows = self.query("SELECT * FROM articles WHERE id = ?", [article_id])
        return dict(zip(columns, rows[0])) if rows else None

    def record(self, article_id: str) -> dict | None:
        """One stored record as a dict: the article, each part's items (spans as [start, end]) and the tone."""
        article = self.article(article_id)
        if article is None:
            return None
        tone = {k[len("tone_"):]: article.pop(k) for k in list(article) if k.startswith("tone_")}
        article["boilerplate"] = json.loads(article.get("boilerplate") or "[]")
        record = {"article": article, "tone": tone, "pipeline_version": article.pop("pipeline_version"),
                  "status": article.pop("status")}
        for part in ITEM_PARTS:
            columns, rows = self.query(f"SELECT * FROM {part} WHERE article_id = ? ORDER BY idx", [article_id])
            items = []
            for row in rows:
                item = dict(zip(columns, row))
                item.pop("article_id")
                item.pop("idx")
                item = {"span": [item.pop("span_start"), item.pop("span_end")], **item}
                for name, sql_type in TABLE_COLUMNS[part].items():
                    if sql_type == "JSON" and isinstance(item.get(name), str):
                        item[name] = json.loads(item[name])
                items.append(item)
            record[part] = items
        return record

    def query(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run SQL with bound parameters.

        RETURNS (tuple[list[str], list[tuple]]): column names and rows.
        """
        with self._sql() as con:
            cursor = con.execute(sql, params or [])
            columns = [d[0] for d in cursor.description] if cursor.description else []
            return columns, cursor.fetchall() if cursor.description else []

    def stats(self) -> dict[str, Any]:
        """Row counts per table, articles per status and language, and the date range."""
        with self._sql() as con:
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_COLUMNS}
            by_status = dict(con.execute("SELECT status, count(*) FROM articles GROUP BY 1 ORDER BY 1").fetchall())
            by_lang = dict(con.execute("SELECT lang, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall())
            first, last = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
            versions = dict(con.execute("SELECT pipeline_version, count(*) FROM articles GROUP BY 1").fetchall())
        return {
            **counts,
            "by_status": by_status,
            "by_lang": by_lang,
            "first_published": first.isoformat() if first else None,
            "last_published": last.isoformat() if last else None,
            "pipeline_versions": versions,
        }


def record_rows(store: Store) -> Iterator[dict]:
    """Every stored record, in article id order, as `Store.record` gives it."""
    _, ids = store.query("SELECT id FROM articles ORDER BY id")
    for (article_id,) in ids:
        yield store.record(article_id)


def _add_missing_columns(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, str]) -> None:
    """A store written by an older version gains the columns added since, empty."""
    query = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
    have = {row[0] for row in con.execute(query, [table]).fetchall()}
    for name, sql_type in columns.items():
        if name not in have:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')


def record_tables(records: Sequence[Record]) -> dict[str, pa.Table]:
    """The rows of each store table for these records, as Arrow tables with the store's column types."""
    rows = {"articles": [_article_row(r) for r in records]}
    for part in ITEM_PARTS:
        rows[part] = [row for r in records for row in _item_rows(r, part)]
    return {
        table: pa.table({name: pa.array([row.get(name) for row in rows[table]], ARROW_TYPES[sql_type.split()[0]])
                         for name, sql_type in TABLE_COLUMNS[table].items()})
        for table in TABLE_COLUMNS
    }


def _article_row(record: Record) -> dict:
    row = record.article.model_dump()
    row["boilerplate"] = json.dumps(row["boilerplate"], ensure_ascii=False)
    row.update(status=record.status, pipeline_version=record.pipeline_version, ingested_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    row.update({f"tone_{k}": v for k, v in record.tone.model_dump().items()})
    return row


def _item_rows(record: Record, part: str) -> Iterator[dict]:
    columns = TABLE_COLUMNS[part]
    for idx, item in enumerate(getattr(record, part)):
        data = item.model_dump(mode="json")
        start, end = data.pop("span")
        row = {"article_id": record.article.id, "idx": idx, "span_start": start, "span_end": end}
        for name, value in data.items():
            if columns[name] == "JSON":
                row[name] = None if value is None else json.dumps(value, ensure_ascii=False)
            elif columns[name] == "DATE" and isinstance(value, str):
                row[name] = dt.date.fromisoformat(value)
            else:
                row[name] = value
        yield row


__all__ = ["DEFAULT_DB", "EVENT_INDEX_COLUMNS", "Store", "TABLE_COLUMNS", "record_rows", "record_tables"]
