"""Across articles: syndicated copies, fused events and contradicting claims, kept up to date in the store.

`fuse(store)` handles the articles stored or re-extracted since its last run;
`fuse(store, rebuild=True)` clears the fused tables and handles every article.
Both give the same tables (`tests/test_fusion.py` checks it): copy groups are
connected components of the similarity graph and fused events are clusters of
the linked region around each mention, neither of which depends on the order
articles arrive in. One run is one transaction.

Tables: `article_signatures`, `article_bands` and `article_groups` (copies,
copies.py), `fused_members` and `fused_events` (events.py), `contradictions`
(claims/across.py), `fusion_state` (what was fused at which content hash and
version); they are defined in store/tables.py and queried through
store/fusion.py (contradictions: store/claims.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..claims.across import link_across_articles
from ..store import Store
from ..store import fusion as queries
from ..store.fusion import fused_state, pending_articles
from ..store.tables import FUSION_TABLES as TABLES
from ..store.tables import create_fusion_tables
from .copies import group_copies, sign_articles
from .events import fuse_events, fused_id


@dataclass
class FuseSummary:
    """What one `fuse` run did, and what the store holds after it."""

    articles: int
    copies: int
    mentions: int
    fused_events: int
    multi_article_events: int
    contradictions: int
    events_made: int
    seconds: dict[str, float]


def create_tables(store: Store) -> None:
    """Make fusion's tables where missing."""
    create_fusion_tables(store.con)


def fuse(store: Store, *, rebuild: bool = False, on_step: Callable[[str], None] | None = None) -> FuseSummary:
    """Bring the fused tables up to date with the stored articles (every article again when `rebuild`)."""
    create_tables(store)
    seconds: dict[str, float] = {}
    with store.transaction():
        if rebuild:
            queries.clear(store)
        pending = pending_articles(store)
        if on_step:
            on_step(f"fusing {len(pending)} new or changed articles")
        clock = time.perf_counter()
        sign_articles(store, pending)
        copies = group_copies(store)
        seconds["copies"] = _lap(clock)
        clock = time.perf_counter()
        made = fuse_events(store, pending)
        seconds["events"] = _lap(clock)
        clock = time.perf_counter()
        link_across_articles(store, pending, made)
        seconds["contradictions"] = _lap(clock)
        queries.mark_fused(store, pending)
        clock = time.perf_counter()
        if store.cluster_in_day_order():
            seconds["day_order"] = _lap(clock)
    totals = queries.totals(store)._asdict()
    return FuseSummary(articles=len(pending), copies=copies, events_made=len(made), seconds=seconds, **totals)


def fuse_if_pending(store: Store) -> FuseSummary | None:
    """Fuse when some stored article is not fused yet: the batches an ingest just stored, or those a killed run
    stored and never fused. A store shared with a server is held for this turn only.

    RETURNS (FuseSummary | None): what fusion did, or None when nothing was pending.
    """
    with store.turn():
        create_tables(store)
        if not pending_articles(store):
            return None
        return fuse(store)


def _lap(start: float) -> float:
    return round(time.perf_counter() - start, 3)


__all__ = [
    "TABLES",
    "FuseSummary",
    "create_tables",
    "fuse",
    "fuse_if_pending",
    "fused_id",
    "fused_state",
    "pending_articles",
]
