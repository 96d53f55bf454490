"""Across articles: syndicated copies, fused events and contradicting claims, kept up to date in the store.

`fuse(store)` handles the articles stored or re-extracted since its last run;
`fuse(store, rebuild=True)` clears the fused tables and handles every article.
Both give the same tables (`tests/test_fusion.py` checks it): copy groups are
connected components of the similarity graph and fused events are clusters of
the linked region around each mention, neither of which depends on the order
articles arrive in. One run is one transaction.

Tables: `article_signatures`, `article_bands` and `article_groups` (copies,
copies.py), `fused_members` and `fused_events` (events.py), `contradictions`
(claims.py), `fusion_state` (what was fused at which content hash and version).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..store import Store
from ..claims.across import link_contradictions
from .common import ids_view
from .copies import group_copies, sign_articles
from .events import fuse_events, fused_id

TABLES: dict[str, str] = {
    "fusion_state": "article_id VARCHAR PRIMARY KEY, content_hash VARCHAR, pipeline_version VARCHAR",
    "article_signatures": "article_id VARCHAR PRIMARY KEY, signature BLOB",
    "article_bands": "article_id VARCHAR, band UBIGINT",
    "article_groups": "article_id VARCHAR PRIMARY KEY, group_id VARCHAR, similarity DOUBLE",
    "fused_members": "fused_id BIGINT, article_id VARCHAR, idx INTEGER",
    "fused_events": ", ".join([
        "id BIGINT PRIMARY KEY", "plover VARCHAR", "category VARCHAR", "acled_event_type VARCHAR",
        "acled_sub_event_type VARCHAR", "day DATE", "date_precision VARCHAR", "place_name VARCHAR", "country VARCHAR",
        "lat DOUBLE", "lon DOUBLE", "geo_precision INTEGER", "source_actor VARCHAR", "target_actor VARCHAR",
        "statuses VARCHAR", "n_mentions INTEGER", "n_articles INTEGER", "n_sources INTEGER", "first_seen DATE",
        "last_seen DATE"]),
    "contradictions": "article_a VARCHAR, claim_a INTEGER, article_b VARCHAR, claim_b INTEGER, reason VARCHAR, "
                      "fused_id BIGINT, basis VARCHAR",
}


@dataclass
class FuseSummary:
    """What one `fuse` run did, and what the store holds after it."""

    articles: int = 0
    copies: int = 0
    mentions: int = 0
    fused_events: int = 0
    multi_article_events: int = 0
    contradictions: int = 0
    events_made: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def create_tables(store: Store) -> None:
    for table, body in TABLES.items():
        store.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")


def fuse(store: Store, *, rebuild: bool = False, on_step: Callable[[str], None] | None = None) -> FuseSummary:
    """Bring the fused tables up to date with the stored articles (every article again when `rebuild`)."""
    summary = FuseSummary()
    create_tables(store)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        if rebuild:
            for table in TABLES:
                con.execute(f"DELETE FROM {table}")
        pending = pending_articles(store)
        summary.articles = len(pending)
        if on_step:
            on_step(f"fusing {len(pending)} new or changed articles")
        clock = time.perf_counter()
        sign_articles(store, pending)
        summary.copies = group_copies(store)
        summary.seconds["copies"] = _lap(clock)
        clock = time.perf_counter()
        made = fuse_events(store, pending)
        summary.events_made = len(made)
        summary.seconds["events"] = _lap(clock)
        clock = time.perf_counter()
        link_contradictions(store, pending, made)
        summary.seconds["contradictions"] = _lap(clock)
        _mark_fused(store, pending)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    summary.mentions, summary.fused_events, summary.multi_article_events = con.execute(
        "SELECT sum(n_mentions), count(*), count(*) FILTER (WHERE n_articles > 1) FROM fused_events").fetchall()[0]
    summary.mentions = summary.mentions or 0
    summary.contradictions = con.execute("SELECT count(*) FROM contradictions").fetchall()[0][0]
    return summary


def _lap(start: float) -> float:
    return round(time.perf_counter() - start, 3)


def pending_articles(store: Store) -> list[str]:
    """Articles stored or re-extracted since they were last fused, and those fused but since removed."""
    _, rows = store.query("""
        SELECT a.id FROM articles a LEFT JOIN fusion_state s ON s.article_id = a.id
        WHERE s.article_id IS NULL OR s.content_hash IS DISTINCT FROM a.content_hash
           OR s.pipeline_version IS DISTINCT FROM a.pipeline_version
        UNION SELECT s.article_id FROM fusion_state s ANTI JOIN articles a ON a.id = s.article_id
        ORDER BY 1""")
    return [r[0] for r in rows]


def _mark_fused(store: Store, pending: list[str]) -> None:
    with ids_view(store, pending):
        store.con.execute("DELETE FROM fusion_state WHERE article_id IN (SELECT id FROM _ids)")
        store.con.execute("INSERT INTO fusion_state SELECT id, content_hash, pipeline_version FROM articles "
                          "WHERE id IN (SELECT id FROM _ids)")


def fused_state(store: Store) -> dict[str, list]:
    """Everything fusion stored, in a canonical order (to compare an incremental run with a rebuild)."""
    order = {"article_groups": "article_id", "fused_members": "fused_id, article_id, idx", "fused_events": "id",
             "contradictions": "article_a, claim_a, article_b, claim_b"}
    return {table: store.query(f"SELECT * FROM {table} ORDER BY {key}")[1] for table, key in order.items()}


__all__ = ["TABLES", "FuseSummary", "create_tables", "fuse", "fused_id", "fused_state", "pending_articles"]
