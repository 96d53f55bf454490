"""The DuckDB store: one table per record part, keyed by article id (the tables are defined in tables.py).

A batch of records is written in one transaction, so a crash leaves the store
as it was before the batch. Python lists reach SQL as registered Arrow views
(`registered`, `ids_view`, `mentions_view`), never as SQL text.

>>> from dateline.store import Store
>>> with Store(":memory:") as store:
...     store.stats()["articles"]
0
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from ..boilerplate import with_boilerplate
from ..errors import Errors, StoreError
from ..schema import ITEM_PARTS, Article, Record
from .tables import ARROW_TYPES, EVENT_INDEX_SELECT, TABLE_COLUMNS, create_record_tables
from .turns import WAIT_SECONDS, Locked, announced, retry_while_locked

DEFAULT_DB = "dateline.duckdb"
FETCH_ROWS = 2048
CLUSTER_MIN_ROWS = 50_000  # below this a scan of the event index costs little
CLUSTER_GROWTH = 0.5  # rewrite the index in day order when it has grown by half since the last time
DAY_ORDERED = {"event_index": "article_id, idx", "fused_events": "id"}  # the tables /events pages, and their ties
MEMO_ENTRIES = 512  # answers a read-only store keeps (`Store.remembered`)
T = TypeVar("T")
STRING, INT32, INT64 = pa.string(), pa.int32(), pa.int64()


class Store:
    """A DuckDB file holding records.

    path (str | Path): the database file, or ":memory:".
    read_only (bool): open without write access (serving a store).
    share (bool): hold the file only in `turn` blocks, so that a server can read it between them.
    wait (float): seconds to wait for a file another process holds (a shared store waits `WAIT_SECONDS`).
    """

    def __init__(
        self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, share: bool = False, wait: float = 0.0
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.share = share
        self.wait = WAIT_SECONDS if share else wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._memo = Memo(MEMO_ENTRIES)
        self._tables_made = False  # made or checked by this object: a shared store's later turns skip the check
        if share:
            with self.turn():  # a store that cannot be opened says so now, not at the first batch
                pass
        else:
            self._open()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (a shared store outside its turns opens one and keeps it)."""
        if self._con is None:
            self._open()
        return self._con

    @con.setter
    def con(self, value: duckdb.DuckDBPyConnection) -> None:
        self._con = value

    def _open(self) -> None:
        try:
            self._con = retry_while_locked(self._connect, self.wait)
        except Locked:
            raise StoreError(Errors.E302.format(path=self.path)) from None
        if not self.read_only and not self._tables_made:
            with self._sql() as con:
                create_record_tables(con)
            self._tables_made = True

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.IOException as err:
            if "lock" in str(err).lower():
                raise Locked() from None
            raise StoreError(Errors.E300.format(path=self.path, reason=str(err).splitlines()[0])) from None
        except duckdb.Error as err:
            raise StoreError(Errors.E300.format(path=self.path, reason=str(err).splitlines()[0])) from None

    @contextmanager
    def turn(self) -> Iterator[Store]:
        """For a store opened with `share=True`: hold the file for the block only, announced to the readers
        that share it (`turns.py`), and give it back after. For any other store, the block just runs.
        """
        if not self.share or self._con is not None:
            yield self
            return
        with announced(self.path):
            self._open()
            try:
                yield self
            finally:
                self.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def session(self) -> Store:
        """The same database on a connection of its own, for one thread at a time: the API gives one to each
        request, so requests read side by side (DuckDB runs many readers at once). Close it when done.

        RETURNS (Store): sharing this store's database and access mode.
        """
        session = object.__new__(Store)
        session.path, session.read_only, session.share, session.wait = self.path, self.read_only, False, 0.0
        session.con = self.con.cursor()
        session._memo = self._memo
        session._tables_made = self._tables_made
        return session

    def remembered(self, key: tuple, compute: Callable[[], T]) -> T:
        """`compute()`, kept for the next call with the same `key` while a read-only store stays open (no one
        writes a file while it is open read-only: a writer's turn closes it, `turns.py`, and the store opened
        after it starts with nothing kept). Its sessions share what it keeps. A writable store always computes.

        key (tuple): what the answer depends on, e.g. the SQL and its parameters.
        RETURNS (T): what `compute` returned, the same object to every caller: make it immutable (tuples), or
            copy it before changing it.
        """
        if not self.read_only:
            return compute()
        found = self._memo.get(key)
        if found is None:
            found = self._memo.put(key, compute())
        return found

    def kept(self, key: tuple) -> Any:
        """What `remembered` keeps under `key`, or None (nothing kept yet, or a writable store)."""
        return self._memo.get(key) if self.read_only else None

    def seal(self) -> Store:
        """Keep SQL on this connection inside the database: no files read or written (`COPY`, `read_csv`,
        `ATTACH`), no extensions installed or loaded, and no `SET` that would undo it. For SQL a user writes.

        RETURNS (Store): this store.
        """
        with self._sql() as con:
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
        return self

    def interrupt(self) -> None:
        """Stop the query running on this connection (from another thread); it raises a StoreError."""
        self.con.interrupt()

    @contextmanager
    def _sql(self) -> Iterator[duckdb.DuckDBPyConnection]:
        try:
            yield self.con
        except duckdb.Error as err:
            raise StoreError(Errors.E301.format(reason=str(err).splitlines()[0])) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one transaction: committed when it ends, rolled back when it raises."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

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

    def attach_parts(self, ids: Sequence[str], parts: dict[str, str | Path | Sequence[str | Path]]) -> int:
        """Store records that workers wrote as Parquet files (per table one file or several, `record_tables`
        layout), in one transaction, replacing earlier versions of the same articles.

        RETURNS (int): the number of articles attached.
        """
        if not ids:
            return 0
        import pyarrow.parquet as pq

        def read(paths: str | Path | Sequence[str | Path]) -> pa.Table:
            if isinstance(paths, (str, Path)):
                return pq.read_table(paths)
            return pa.concat_tables([pq.read_table(p) for p in paths])

        self._replace(list(ids), {table: read(paths) for table, paths in parts.items()})
        return len(ids)

    def _replace(self, ids: list[str], tables: dict[str, pa.Table]) -> None:
        with self._sql() as con, self.transaction(), ids_view(self, ids, "_batch_ids"):
            for table in (*TABLE_COLUMNS, "event_index"):
                key = "id" if table == "articles" else "article_id"
                con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _batch_ids)")
            for table, rows in tables.items():
                if rows.num_rows:
                    self._insert(table, rows)
            con.execute(
                f"INSERT INTO event_index {EVENT_INDEX_SELECT} WHERE e.article_id IN (SELECT id FROM _batch_ids)"
            )

    def cluster_in_day_order(self, *, min_rows: int = CLUSTER_MIN_ROWS, growth: float = CLUSTER_GROWTH) -> list[str]:
        """Rewrite the event index and the fused events in day order (newest first), each once it holds
        `min_rows` rows and has grown by `growth` since it was last written so: DuckDB's min-max index then skips
        the row groups outside the days a page asks for, where rows in the order written leave every day in every
        row group. Growth-triggered, the cost summed over a store's life stays proportional to its rows. Run by
        `fuse` inside its transaction (a kill leaves the tables as they were); needs fusion's tables.

        RETURNS (list[str]): the tables rewritten.
        """
        done = []
        for table, tie in DAY_ORDERED.items():
            if self._cluster(table, tie, min_rows, growth):
                done.append(table)
        return done

    def _cluster(self, table: str, tie: str, min_rows: int, growth: float) -> bool:
        con = self.con
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        last = con.execute("SELECT clustered_rows FROM index_state WHERE name = ?", [table]).fetchall()
        if rows < min_rows or (last and rows < last[0][0] * (1 + growth)):
            return False
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _in_day_order AS SELECT * FROM {table} ORDER BY day DESC NULLS LAST, {tie}"
        )
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT * FROM _in_day_order")
        con.execute("DROP TABLE _in_day_order")
        con.execute("INSERT OR REPLACE INTO index_state VALUES (?, ?)", [table, rows])
        return True

    def _insert(self, table: str, rows: pa.Table) -> None:
        with registered_table(self, "_batch_rows", rows):
            names = ", ".join(f'"{n}"' for n in TABLE_COLUMNS[table])
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch_rows")

    # --- reading -------------------------------------------------------------

    def versions(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Stored (content hash, pipeline version) of the given article ids."""
        ids = list(ids)
        if not ids:
            return {}
        with self._sql() as con, ids_view(self, ids):
            rows = con.execute("SELECT a.id, a.content_hash, a.pipeline_version FROM articles a JOIN _ids USING (id)")
            return {row[0]: (row[1], row[2]) for row in rows.fetchall()}

    def stale_articles(self, pipeline_version: str) -> Iterator[Article]:
        """Stored articles whose records came from another pipeline version."""
        with self._sql() as con:
            rows = con.execute(
                "SELECT id, published, published_at, source, url, title, lang, machine_translated, n_words, "
                "content_hash, text "
                "FROM articles WHERE pipeline_version IS DISTINCT FROM ? ORDER BY id",
                [pipeline_version],
            ).fetchall()
        fields = ("id", "published", "published_at", "source", "url", "title", "lang", "machine_translated", "n_words",
                  "content_hash", "text")  # fmt: skip
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
        parts = {
            p: self.query(f"SELECT * FROM {p} WHERE article_id = ? ORDER BY idx", [article_id]) for p in ITEM_PARTS
        }
        return _record(article, parts)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run SQL with bound parameters (a list for `?`, a dict for `$name`).

        RETURNS (tuple[list[str], list[tuple]]): column names and rows.
        """
        with self._sql() as con:
            cursor = con.execute(sql, params or [])
            columns = [d[0] for d in cursor.description] if cursor.description else []
            return columns, cursor.fetchall() if cursor.description else []

    def stream(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], Iterator[tuple]]:
        """Run a query with bound parameters on a cursor of its own, so that several results can be read side by
        side (each rows iterator holds its cursor until it is used up).

        RETURNS (tuple[list[str], Iterator[tuple]]): column names and the rows, fetched a few thousand at a time.
        """
        with self._sql():
            cursor = self.con.cursor()
            cursor.execute(sql, params or [])
        return [d[0] for d in cursor.description], self._fetch(cursor)

    def _fetch(self, cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple]:
        try:
            while True:
                with self._sql():
                    rows = cursor.fetchmany(FETCH_ROWS)
                if not rows:
                    return
                yield from rows
        finally:
            cursor.close()

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


class Memo:
    """The last `entries` answers by key, for several threads."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._kept: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        return None

    def put(self, key: tuple, value: T) -> T:
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)
        return value


@contextmanager
def registered_table(store: Store, name: str, table: pa.Table) -> Iterator[None]:
    """Make an Arrow table a DuckDB view called `name` for the duration of the block."""
    store.con.register(name, table)
    try:
        yield
    finally:
        store.con.unregister(name)


def registered(store: Store, name: str, columns: dict[str, tuple[list, pa.DataType]]):
    """Make Python lists (column -> (values, Arrow type)) a DuckDB view called `name` for the duration of the block."""
    return registered_table(store, name, pa.table({c: pa.array(values, kind) for c, (values, kind) in columns.items()}))


def ids_view(store: Store, ids: list[str], name: str = "_ids"):
    """A view with one `id` column holding the given article ids."""
    return registered(store, name, {"id": (ids, STRING)})


def mentions_view(store: Store, mentions: list[tuple[str, int]], name: str):
    """A view of (article_id, idx) event mentions."""
    columns = {"article_id": ([a for a, _ in mentions], STRING), "idx": ([i for _, i in mentions], INT32)}
    return registered(store, name, columns)


class ByArticle:
    """The rows of a result ordered by article id, handed out one article at a time.

    Read beside another result in the same article order whose article ids include all of these, `take` gives
    each article its rows in one pass over both.
    """

    def __init__(self, columns: list[str], rows: Iterator[tuple], key: str = "article_id") -> None:
        self.columns = columns
        index = columns.index(key)
        self._groups = itertools.groupby(rows, key=lambda row: row[index])
        self._head = next(self._groups, None)

    def take(self, article_id: str) -> list[tuple]:
        """The rows of `article_id` (none when the next rows are another article's)."""
        if self._head is None or self._head[0] != article_id:
            return []
        rows = list(self._head[1])
        self._head = next(self._groups, None)
        return rows


def record_rows(store: Store) -> Iterator[dict]:
    """Every stored record, in article id order, as `Store.record` gives it (one query per table)."""
    columns, articles = store.stream("SELECT * FROM articles ORDER BY id")
    of_stored = "article_id IN (SELECT id FROM articles)"
    parts = {
        p: ByArticle(*store.stream(f"SELECT * FROM {p} WHERE {of_stored} ORDER BY article_id, idx")) for p in ITEM_PARTS
    }
    for row in articles:
        article = dict(zip(columns, row))
        yield _record(article, {part: (rows.columns, rows.take(article["id"])) for part, rows in parts.items()})


def _record(article: dict, parts: dict[str, tuple[list[str], list[tuple]]]) -> dict:
    """A record dict from its article row and each part's rows (the article dict becomes the record's article)."""
    tone = {k[len("tone_") :]: article.pop(k) for k in list(article) if k.startswith("tone_")}
    article["boilerplate"] = json.loads(article.get("boilerplate") or "[]")
    record = {
        "article": article,
        "tone": tone,
        "pipeline_version": article.pop("pipeline_version"),
        "status": article.pop("status"),
    }
    for part, (columns, rows) in parts.items():
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


def record_tables(records: Sequence[Record]) -> dict[str, pa.Table]:
    """The rows of each store table for these records, as Arrow tables with the store's column types."""
    rows = {"articles": [_article_row(r) for r in records]}
    for part in ITEM_PARTS:
        rows[part] = [row for r in records for row in _item_rows(r, part)]
    return {
        table: pa.table(
            {
                name: pa.array([row.get(name) for row in rows[table]], ARROW_TYPES[sql_type.split()[0]])
                for name, sql_type in TABLE_COLUMNS[table].items()
            }
        )
        for table in TABLE_COLUMNS
    }


def _article_row(record: Record) -> dict:
    row = record.article.model_dump()
    row["boilerplate"] = json.dumps(row["boilerplate"], ensure_ascii=False)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    row.update(status=record.status, pipeline_version=record.pipeline_version, ingested_at=now)
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


__all__ = [
    "DEFAULT_DB",
    "INT32",
    "INT64",
    "STRING",
    "ByArticle",
    "Store",
    "ids_view",
    "mentions_view",
    "record_rows",
    "record_tables",
    "registered",
    "registered_table",
]
