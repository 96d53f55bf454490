"""Read-only queries for the web UI's map and the API's downloads, beside `browse.py`.

- `with_fatality_ranges`: the range of the number killed that a fused event's mentions give;
- `map_cells`: every event that matches, counted per grid cell in DuckDB (the map draws cells, not a page);
- `event_rows`: every event that matches, streamed, for a CSV download;
- `narrowed`: the store as the export layouts read it, its `events` table narrowed to the events that match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .event_filter import FUSED_WITH_FATALITIES, EventFilter, fused_fatalities_sql
from .store import INT64, Store, registered

MAX_CELLS = 5000
BATCH_ROWS = 50_000
FUSED_KILLED_SQL = fused_fatalities_sql(
    "(SELECT p.* FROM fused_members p SEMI JOIN _fused_page f ON f.id = p.fused_id)"
)


def with_fatality_ranges(store: Store, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `fatalities_min` and `fatalities_max` to fused events (their numeric `id`): the range of the event
    index's `fatalities` across their mentions, in one query. A mention carries its own `fatalities`."""
    if not items:
        return items
    ids = [int(item["id"]) for item in items]
    with registered(store, "_fused_page", {"id": (ids, INT64)}):
        _, rows = store.query(FUSED_KILLED_SQL)
    ranges = {fused_id: (low, high) for fused_id, low, high in rows}
    for item in items:
        item["fatalities_min"], item["fatalities_max"] = ranges.get(int(item["id"]), (None, None))
    return items


def map_cells(store: Store, filters: EventFilter, *, fused: bool, cell: float) -> dict[str, Any]:
    """Every matching event with a place, counted per `cell` x `cell` degrees: each cell's count, the mean point
    of its events, its most common PLOVER type, and the event's id when it holds one event only."""
    where, params = filters.where(fused=fused)
    lone = "'f' || any_value(id)" if fused else "'m' || any_value(idx) || '-' || any_value(article_id)"
    sql = f"""
        SELECT count(*) AS n, avg(lat) AS lat, avg(lon) AS lon, mode(plover) AS plover,
               CASE WHEN count(*) = 1 THEN {lone} END AS id
        FROM {filters.table(fused=fused)} WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL
        GROUP BY floor(lat / ?), floor(lon / ?) ORDER BY n DESC LIMIT ?"""
    columns, rows = store.query(sql, [*params, cell, cell, MAX_CELLS])
    cells = [dict(zip(columns, row)) for row in rows]
    return {"cells": cells, "located": sum(c["n"] for c in cells), "cell": cell}


def event_rows(
    store: Store, filters: EventFilter, columns: tuple[str, ...], *, fused: bool
) -> tuple[list[str], Iterator[tuple]]:
    """Every matching event (fatalities joined in), newest first. The rows come a few days at a time (one query per
    `BATCH_ROWS` or so), so the first arrive without sorting them all."""
    where, params = filters.where(fused=fused)
    more = ("fatalities_min", "fatalities_max") if fused else ("fatalities",)
    ident = "'f' || CAST(id AS VARCHAR)" if fused else "'m' || idx || '-' || article_id"
    tie = "id" if fused else "article_id, idx"
    names = [c for c in columns if c != "id" and c not in more]
    table = FUSED_WITH_FATALITIES if fused else "event_index"
    select = f"SELECT {ident} AS public_id, {', '.join(names)}, {', '.join(more)} FROM {table} WHERE {where}"
    _, per_day = store.query(
        f"SELECT day, count(*) FROM {filters.table(fused=fused)} WHERE {where} GROUP BY 1 ORDER BY 1 DESC NULLS LAST",
        params,
    )
    return ["id", *names, *more], _rows_by_days(store, select, params, tie, per_day)


def _day_batches(per_day: list[tuple[Any, int]]) -> Iterator[tuple[Any, Any]]:
    """(newest, oldest) day ranges of about `BATCH_ROWS` rows each, newest first; (None, None) for undated rows."""
    newest, rows = None, 0
    for day, n in per_day:
        if day is None:
            continue
        newest = day if newest is None else newest
        rows += n
        if rows >= BATCH_ROWS:
            yield newest, day
            newest, rows = None, 0
    dated = [day for day, _ in per_day if day is not None]
    if newest is not None:
        yield newest, dated[-1]
    if any(day is None for day, _ in per_day):
        yield None, None


def _rows_by_days(store: Store, select: str, params: list, tie: str, per_day: list) -> Iterator[tuple]:
    for newest, oldest in _day_batches(per_day):
        if newest is None:
            _, rows = store.stream(f"{select} AND day IS NULL ORDER BY {tie}", params)
        else:
            _, rows = store.stream(
                f"{select} AND day BETWEEN ? AND ? ORDER BY day DESC, {tie}", [*params, oldest, newest]
            )
        for row in rows:
            yield tuple(_text(v) for v in row)


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


class NarrowedStore(Store):
    """A store session in which `events` holds only some event mentions (a temporary view over the real table):
    what an export layout writes from. Its queries run on its own connection, where that view lives."""

    def stream(self, sql: str, params: Any = None) -> tuple[list[str], Iterator[tuple]]:
        with self._sql() as con:
            con.execute(sql, params or [])
            columns = [d[0] for d in con.description]
        return columns, self._fetch_here()

    def _fetch_here(self) -> Iterator[tuple]:
        while True:
            with self._sql() as con:
                rows = con.fetchmany(2048)
            if not rows:
                return
            yield from rows


@contextmanager
def narrowed(session: Store, filters: EventFilter, *, fused: bool) -> Iterator[NarrowedStore]:
    """`session` (a store session, read-only is fine: temporary objects are the connection's own) as a store whose
    `events` are the event mentions that match (for fused events, all the mentions of those that match)."""
    where, params = filters.where(fused=fused)
    table = filters.table(fused=fused)
    keys = (
        f"SELECT m.article_id, m.idx FROM fused_members m WHERE m.fused_id IN (SELECT id FROM {table} WHERE {where})"
        if fused
        else f"SELECT article_id, idx FROM {table} WHERE {where}"
    )
    store = object.__new__(NarrowedStore)
    store.path, store.read_only, store.share, store.wait = session.path, session.read_only, False, 0.0
    store.con = session.con
    database = store.query("SELECT current_database()")[1][0][0].replace('"', '""')
    store.query(f"CREATE OR REPLACE TEMP TABLE _download_keys AS {keys}", params)
    store.query(
        f'CREATE OR REPLACE TEMP VIEW events AS SELECT e.* FROM "{database}".main.events e '
        "SEMI JOIN _download_keys k ON k.article_id = e.article_id AND k.idx = e.idx"
    )
    try:
        yield store
    finally:
        store.query("DROP VIEW IF EXISTS temp.main.events")
        store.query("DROP TABLE IF EXISTS temp.main._download_keys")


__all__ = ["MAX_CELLS", "NarrowedStore", "event_rows", "map_cells", "narrowed", "with_fatality_ranges"]
