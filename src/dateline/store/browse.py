"""Read-only queries over a store: what the HTTP API and the web UI show.

Every list answers `{"items": [...], "total": N}` and takes `limit` and
`offset`. Filters become bound parameters, never SQL text. Event mentions come
from the `event_index` table; fused events, once `dateline fuse` has run, from
`fused_events`.

>>> from dateline.store.browse import EventFilter
>>> EventFilter(plover="ASSAULT", include_background=True).where()
('plover IN (?)', ['ASSAULT'])
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import replace
from typing import Any

from ..schema import ITEM_PARTS
from .browse_map import with_fatality_ranges
from .event_filter import EventFilter
from .event_filter import contains as _contains
from .store import Store, mentions_view

MAX_LIMIT = 5000
SUMMARY_KEY = ("summary",)  # what a served store keeps `summary` under
EVENT_COLUMNS = (
    "article_id",
    "idx",
    "span_start",
    "span_end",
    "trigger",
    "published",
    "source",
    "day",
    "date",
    "date_precision",
    "plover",
    "cameo",
    "acled_event_type",
    "acled_sub_event_type",
    "category",
    "status",
    "confidence",
    "place_name",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "source_actor",
    "source_code",
    "target_actor",
    "target_code",
    "fatalities",
)
FUSED_COLUMNS = (
    "id",
    "plover",
    "acled_event_type",
    "acled_sub_event_type",
    "day",
    "date_precision",
    "place_name",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "source_actor",
    "target_actor",
    "n_mentions",
    "n_articles",
    "n_sources",
    "first_seen",
    "last_seen",
)


def mention_id(article_id: str, idx: int) -> str:
    """The public id of an event mention: 'm<idx>-<article id>' (article ids may hold any character)."""
    return f"m{idx}-{article_id}"


def parse_event_id(event_id: str) -> tuple[str, int] | int | None:
    """(article id, idx) for a mention id, the number for a fused id 'f<n>', None if neither."""
    head, sep, rest = event_id.partition("-")
    if event_id.startswith("m") and sep and head[1:].isdigit() and rest:
        return rest, int(head[1:])
    if event_id.startswith("f") and event_id[1:].isdigit():
        return int(event_id[1:])
    return None


def _limit(limit: int) -> int:
    return max(0, min(int(limit), MAX_LIMIT))


def _page(
    store: Store, table: str, columns: tuple[str, ...], where: str, params: list, order: str, limit: int, offset: int
) -> dict[str, Any]:
    total = store.query(f"SELECT count(*) FROM {table} WHERE {where}", params)[1][0][0]
    names = ", ".join(columns)
    _, rows = store.query(
        f"SELECT {names} FROM {table} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, _limit(limit), max(0, int(offset))],
    )
    return {"items": [_jsonable(dict(zip(columns, row))) for row in rows], "total": total}


def _page_by_day(
    store: Store, table: str, columns: tuple[str, ...], where: str, params: list, tie: str, limit: int, offset: int
) -> dict[str, Any]:
    """A page of rows ordered newest day first (undated rows last). The rows per day tell which days the page
    falls on and the total, so the sort covers only those days instead of every matching row; a served store
    keeps them (`Store.remembered`), so the next page under the same filters reads only its days."""
    sql = f"SELECT day, count(*) FROM {table} WHERE {where} GROUP BY 1 ORDER BY 1 DESC NULLS LAST"
    per_day = store.remembered(("rows per day", sql, repr(params)), lambda: tuple(store.query(sql, params)[1]))
    total = sum(n for _, n in per_day)
    days, before, skip = [], 0, 0
    for day, n in per_day:
        if not days and before + n > offset:
            skip = offset - before
        if before + n > offset:
            days.append(day)
        before += n
        if days and before >= offset + limit:
            break
    if not days or limit <= 0:
        return {"items": [], "total": total}
    dated = [day for day in days if day is not None]
    spans = ["day BETWEEN ? AND ?"] if dated else []
    if None in days:
        spans.append("day IS NULL")
    names = ", ".join(columns)
    _, rows = store.query(
        f"SELECT {names} FROM {table} WHERE ({where}) AND ({' OR '.join(spans)}) "
        f"ORDER BY day DESC NULLS LAST, {tie} LIMIT ? OFFSET ?",
        [*params, *([dated[-1], dated[0]] if dated else []), _limit(limit), skip],
    )
    return {"items": [_jsonable(dict(zip(columns, row))) for row in rows], "total": total}


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    for key, value in row.items():
        if isinstance(value, (dt.date, dt.datetime)):
            row[key] = value.isoformat()
    return row


def has_fusion(store: Store) -> bool:
    """Whether `dateline fuse` has filled the fused tables of this store (a served store asks once)."""
    return store.remembered(
        ("has fusion",),
        lambda: has_table(store, "fused_events") and store.query("SELECT count(*) FROM fused_events")[1][0][0] > 0,
    )


def list_events(
    store: Store, filters: EventFilter, *, fused: bool = False, limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    """Event mentions (or fused events), newest first."""
    where, params = filters.where(fused=fused)
    table = filters.table(fused=fused)
    if fused:
        page = _page_by_day(store, table, FUSED_COLUMNS, where, params, "id", limit, offset)
        with_fatality_ranges(store, page["items"])
        for item in page["items"]:
            item["id"] = f"f{item['id']}"
        return page
    page = _page_by_day(store, table, EVENT_COLUMNS, where, params, "article_id, idx", limit, offset)
    for item in page["items"]:
        item["id"] = mention_id(item["article_id"], item["idx"])
    return page


def event_histogram(store: Store, filters: EventFilter, *, fused: bool = False) -> list[dict[str, Any]]:
    """Events per day under the filters (the date range of the filter is ignored: it is what the brush sets)."""
    undated = replace(filters, date_from=None, date_to=None)
    where, params = undated.where(fused=fused)
    table = undated.table(fused=fused)
    _, rows = store.query(
        f"SELECT day, count(*) FROM {table} WHERE {where} AND day IS NOT NULL GROUP BY 1 ORDER BY 1", params
    )
    return [{"day": day.isoformat(), "n": n} for day, n in rows]


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event mention or fused event with its mentions, claims and contradictions."""
    parsed = parse_event_id(event_id)
    if parsed is None:
        return None
    if isinstance(parsed, int):
        columns, rows = store.query(f"SELECT {', '.join(FUSED_COLUMNS)} FROM fused_events WHERE id = ?", [parsed])
        if not rows:
            return None
        event = with_fatality_ranges(store, [_jsonable(dict(zip(columns, rows[0])))])[0]
        event["id"] = event_id
        _, members = store.query(
            "SELECT article_id, idx FROM fused_members WHERE fused_id = ? ORDER BY article_id, idx", [parsed]
        )
    else:
        article_id, idx = parsed
        columns, rows = store.query(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM event_index WHERE article_id = ? AND idx = ?", [article_id, idx]
        )
        if not rows:
            return None
        event = _jsonable(dict(zip(columns, rows[0])))
        event["id"] = event_id
        members = [(article_id, idx)]
    event["mentions"] = [_mention(store, a, i) for a, i in members]
    claim_keys = sorted({(m["article_id"], c) for m in event["mentions"] for c in m["claims"]})
    claims = _claims_by_key(store, set(claim_keys))
    event["claims"] = [claims[key] for key in claim_keys if key in claims]
    event["contradictions"] = contradictions_of(store, claim_keys)
    return event


def _mention(store: Store, article_id: str, idx: int) -> dict[str, Any]:
    columns, rows = store.query(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM event_index WHERE article_id = ? AND idx = ?", [article_id, idx]
    )
    mention = _jsonable(dict(zip(columns, rows[0]))) if rows else {"article_id": article_id, "idx": idx}
    _, claim_rows = store.query("SELECT claims, counts FROM events WHERE article_id = ? AND idx = ?", [article_id, idx])
    claims, counts = claim_rows[0] if claim_rows else ("[]", "[]")
    mention["claims"] = json.loads(claims or "[]")
    count_ids = json.loads(counts or "[]")
    mention["counts"] = _counts(store, article_id, count_ids)
    mention["id"] = mention_id(article_id, idx)
    return mention


def _counts(store: Store, article_id: str, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    columns, rows = store.query(
        "SELECT idx, what, value, object, text, status, fatalities FROM counts "
        f"WHERE article_id = ? AND idx IN ({marks}) ORDER BY idx",
        [article_id, *ids],
    )
    return [dict(zip(columns, row)) for row in rows]


CLAIM_SELECT = """
SELECT c.article_id, c.idx, c.span_start, c.span_end, c.text, c.kind, c.verification, c.speaker, c.cue, c.channel,
       c.events, s.name AS speaker_name, s.code AS speaker_code, a.published, a.source, a.title
FROM claims c JOIN articles a ON a.id = c.article_id
LEFT JOIN actors s ON s.article_id = c.article_id AND s.idx = c.speaker_actor
"""


def _claim_row(columns: list[str], row: tuple) -> dict[str, Any]:
    claim = _jsonable(dict(zip(columns, row)))
    for key in ("speaker", "cue", "channel", "events"):
        if isinstance(claim.get(key), str):
            claim[key] = json.loads(claim[key])
    claim["id"] = f"c{claim['idx']}-{claim['article_id']}"
    return claim


def _claims_by_key(store: Store, keys: set[tuple[str, int]]) -> dict[tuple[str, int], dict[str, Any]]:
    """The claims with these (article id, idx), in one query."""
    if not keys:
        return {}
    keyed = CLAIM_SELECT + " JOIN _claim_keys k ON k.article_id = c.article_id AND k.idx = c.idx"
    with mentions_view(store, sorted(keys), "_claim_keys"):
        columns, rows = store.query(keyed)
    claims = (_claim_row(columns, row) for row in rows)
    return {(claim["article_id"], claim["idx"]): claim for claim in claims}


def has_table(store: Store, name: str) -> bool:
    _, rows = store.query("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])
    return bool(rows[0][0])


def contradictions_of(store: Store, claim_keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Stored contradictions that involve any of the given (article id, claim idx), both claims in full."""
    found, seen = [], set()
    for pairs in _contradictions_by_claim(store, claim_keys).values():
        for key, pair in pairs:
            if key not in seen:
                seen.add(key)
                found.append(pair)
    return found


def _contradictions_by_claim(
    store: Store, claim_keys: list[tuple[str, int]]
) -> dict[tuple[str, int], list[tuple[tuple, dict[str, Any]]]]:
    """For each given claim, the stored contradictions that involve it, both claims in full: two queries however
    many claims."""
    if not claim_keys or not has_table(store, "contradictions"):
        return {}
    with mentions_view(store, list(dict.fromkeys(claim_keys)), "_asked"):
        _, rows = store.query(
            "SELECT q.article_id, q.idx, x.article_a, x.claim_a, x.article_b, x.claim_b, x.reason "
            "FROM _asked q JOIN contradictions x ON (x.article_a = q.article_id AND x.claim_a = q.idx) "
            "OR (x.article_b = q.article_id AND x.claim_b = q.idx)"
        )
    claims = _claims_by_key(store, {key for row in rows for key in ((row[2], row[3]), (row[4], row[5]))})
    order = {key: i for i, key in enumerate(dict.fromkeys(claim_keys))}
    found: dict[tuple[str, int], list[tuple[tuple, dict[str, Any]]]] = {}
    for asked_article, asked_idx, a_art, a_idx, b_art, b_idx, reason in sorted(
        set(rows), key=lambda row: (order[(row[0], row[1])], row[2:6])
    ):
        pair = {"reason": reason, "a": claims.get((a_art, a_idx)), "b": claims.get((b_art, b_idx))}
        found.setdefault((asked_article, asked_idx), []).append(((a_art, a_idx, b_art, b_idx), pair))
    return found


def list_claims(
    store: Store,
    *,
    article_id: str | None = None,
    speaker: str | None = None,
    text: str | None = None,
    verification: str | None = None,
    contradicted: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Claims with their speakers, newest article first."""
    clauses, params = [], []
    if article_id:
        clauses.append("c.article_id = ?")
        params.append(article_id)
    if speaker:
        clauses.append(_contains("s.name"))
        params.append(speaker)
    if text:
        clauses.append(_contains("c.text"))
        params.append(text)
    if verification:
        clauses.append("c.verification = ?")
        params.append(verification)
    if contradicted and has_table(store, "contradictions"):
        clauses.append(
            "EXISTS (SELECT 1 FROM contradictions x WHERE (x.article_a = c.article_id AND x.claim_a = c.idx)"
            " OR (x.article_b = c.article_id AND x.claim_b = c.idx))"
        )
    elif contradicted:
        clauses.append("FALSE")
    where = " AND ".join(clauses) or "TRUE"
    base = CLAIM_SELECT + f" WHERE {where}"
    total = store.query(f"SELECT count(*) FROM ({base})", params)[1][0][0]
    columns, rows = store.query(
        base + " ORDER BY a.published DESC, c.article_id, c.idx LIMIT ? OFFSET ?",
        [*params, _limit(limit), max(0, int(offset))],
    )
    items = [_claim_row(columns, row) for row in rows]
    opposed = _contradictions_by_claim(store, [(claim["article_id"], claim["idx"]) for claim in items])
    for claim in items:
        claim["contradictions"] = [pair for _, pair in opposed.get((claim["article_id"], claim["idx"]), [])]
    return {"items": items, "total": total}


def list_articles(
    store: Store,
    *,
    text: str | None = None,
    source: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Articles without their text, newest first."""
    clauses, params = [], []
    if text:
        clauses.append(f"({_contains('title')} OR {_contains('text')})")
        params += [text, text]
    if source:
        clauses.append("source = ?")
        params.append(source)
    if date_from:
        clauses.append("published >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("published <= ?")
        params.append(date_to)
    columns = ("id", "published", "source", "url", "title", "lang", "n_words", "status", "tone_tone")
    return _page(
        store, "articles", columns, " AND ".join(clauses) or "TRUE", params, "published DESC, id", limit, offset
    )


def list_places(
    store: Store, *, name: str | None = None, country: str | None = None, limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    """Places named as locations, one row per gazetteer entry, with how many articles name them."""
    clauses, params = ["role = 'location'", "lat IS NOT NULL"], []
    if name:
        clauses.append(_contains("name"))
        params.append(name)
    if country:
        clauses.append("country = ?")
        params.append(country.upper())
    grouped = (
        f"(SELECT coalesce(CAST(geonames_id AS VARCHAR), name) AS key, any_value(geonames_id) AS geonames_id, "
        f"any_value(name) AS name, any_value(country) AS country, any_value(admin1) AS admin1, "
        f"avg(lat) AS lat, avg(lon) AS lon, min(precision) AS precision, count(DISTINCT article_id) AS n_articles "
        f"FROM places WHERE {' AND '.join(clauses)} GROUP BY 1)"
    )
    columns = ("geonames_id", "name", "country", "admin1", "lat", "lon", "precision", "n_articles")
    return _page(store, grouped, columns, "TRUE", params, "n_articles DESC, name", limit, offset)


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The stored record of one article: its text and every part with spans."""
    record = store.record(article_id)
    if record is None:
        return None
    record["article"] = _jsonable(record["article"])
    for part in ITEM_PARTS:
        for item in record[part]:
            _jsonable(item)
    return record


def summary(store: Store) -> dict[str, Any]:
    """What the store holds (the `dateline stats` figures) and whether fused events exist; a served store
    counts once (`Store.remembered`)."""
    return copy.deepcopy(store.remembered(SUMMARY_KEY, lambda: _summary(store)))


def _summary(store: Store) -> dict[str, Any]:
    stats = store.stats()
    stats["event_mentions"] = store.query("SELECT count(*) FROM event_index")[1][0][0]
    _, types = store.query("SELECT DISTINCT plover FROM event_index WHERE plover IS NOT NULL ORDER BY 1")
    stats["plover_types"] = [t for (t,) in types]
    stats["fused_events"] = store.query("SELECT count(*) FROM fused_events")[1][0][0] if has_fusion(store) else 0
    stats["contradictions"] = (
        store.query("SELECT count(*) FROM contradictions")[1][0][0] if has_table(store, "contradictions") else 0
    )
    return stats


__all__ = [
    "EventFilter",
    "article_detail",
    "event_detail",
    "event_histogram",
    "list_articles",
    "list_claims",
    "list_events",
    "list_places",
    "summary",
    "has_fusion",
    "mention_id",
    "parse_event_id",
]
