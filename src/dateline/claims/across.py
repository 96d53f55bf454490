"""Contradicting claims, one row per pair in `contradictions`.

Two kinds: those the record found within an article (each claim's
`contradicts`), and claims reporting one fused event (from one article, or
from articles that are not copies of each other) by different speakers, where
one asserts the event and the other negates or denies it. A within-article pair (`basis` 'article')
belongs to the fused event of the events its claims report; a pair found
through a fused event has `basis` 'event'. The queries are `store/claims.py`'s.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import NamedTuple

from ..store import Store
from ..store import claims as queries
from .disagree import Side, disagree
from .within import claim_denies


class _EventClaim(NamedTuple):
    """A claim reporting a fused event, as the across-article rule compares it."""

    article: str
    idx: int
    side: Side
    name: str | None  # the speaker's name
    group: str  # the article's copy group


def link_across_articles(store: Store, pending: list[str], made: set[int]) -> None:
    """Store the within-article pairs of pending articles and the cross-article pairs of the events just made."""
    queries.drop_contradictions(store, pending)
    found = [
        (article_id, idx, article_id, other["claim"], other["reason"], None, "article")
        for article_id, idx, contradicts in queries.contradicted_claims(store, pending)
        for other in json.loads(contradicts)
        if idx < other["claim"]
    ]
    found += _about_one_event(store, made)
    queries.add_contradictions(store, found)


def _about_one_event(store: Store, made: set[int]) -> list[tuple]:
    if not made:
        return []
    by_event: dict[int, dict[tuple, _EventClaim]] = defaultdict(dict)
    for row in queries.claims_of_fused_events(store, sorted(made)):
        fid, article_id, idx, start, end, text, status, cue, before, speaker, name, group = row
        held = by_event[fid].get((article_id, idx))
        # A claim's `verification` says someone else disputes it, not which way the claim itself points.
        denies = status == "denied" or claim_denies(text, cue, before or "")
        if held is None or denies:  # a claim reporting a denied mention of the event denies it
            side = Side(article_id, (start, end), speaker, denies)
            by_event[fid][article_id, idx] = _EventClaim(article_id, idx, side, name, group)
    found = []
    for fid, by_claim in by_event.items():
        claims = [by_claim[key] for key in sorted(by_claim)]
        for x, a in enumerate(claims):
            for b in claims[x + 1 :]:
                reason = _disagree(a, b)
                if reason:
                    found.append((a.article, a.idx, b.article, b.idx, reason, fid, "event"))
    return found


def _disagree(a: _EventClaim, b: _EventClaim) -> str | None:
    """Why claim a and claim b (about one fused event) disagree, or None: they take opposite sides (`disagree`),
    come from one article or from articles that are not copies of each other, and neither speaker's name holds
    the other's."""
    if not disagree(a.side, b.side) or (a.group == b.group and a.article != b.article):
        return None
    if a.name and b.name and (a.name.lower() in b.name.lower() or b.name.lower() in a.name.lower()):
        return None
    teller, denier = (b.name, a.name) if a.side.denies else (a.name, b.name)
    return f"{teller} reports the event, {denier} denies or negates it"
