"""Contradicting claims, one row per pair in `contradictions`.

Two kinds: those the record found within an article (each claim's
`contradicts`), and claims reporting one fused event (from one article, or
from articles that are not copies of each other) by different speakers, where
one asserts the event and the other negates or denies it. A within-article pair (`basis` 'article')
belongs to the fused event of the events its claims report; a pair found
through a fused event has `basis` 'event'.
"""

from __future__ import annotations

import json
from collections import defaultdict

from ..store import Store
from ..store.store import INT32, INT64, STRING, ids_view, registered
from .within import claim_denies

COLUMNS = {
    "article_a": STRING,
    "claim_a": INT32,
    "article_b": STRING,
    "claim_b": INT32,
    "reason": STRING,
    "fused_id": INT64,
    "basis": STRING,
}


def link_contradictions(store: Store, pending: list[str], made: set[int]) -> None:
    """Store the within-article pairs of pending articles and the cross-article pairs of the events just made."""
    with ids_view(store, pending):
        store.con.execute(
            "DELETE FROM contradictions WHERE article_a IN (SELECT id FROM _ids) OR article_b IN (SELECT id FROM _ids)"
        )
        _, rows = store.query(
            "SELECT article_id, idx, contradicts FROM claims "
            "WHERE article_id IN (SELECT id FROM _ids) AND CAST(contradicts AS VARCHAR) <> '[]'"
        )
    found = [
        (article_id, idx, article_id, other["claim"], other["reason"], None, "article")
        for article_id, idx, contradicts in rows
        for other in json.loads(contradicts)
        if idx < other["claim"]
    ]
    found += _about_one_event(store, made)
    with registered(
        store, "_pairs", {c: ([row[k] for row in found], kind) for k, (c, kind) in enumerate(COLUMNS.items())}
    ):
        store.con.execute("INSERT INTO contradictions SELECT * FROM _pairs")
    store.con.execute("""
        UPDATE contradictions x SET fused_id = (
            SELECT min(f.fused_id) FROM claims c JOIN fused_members f ON f.article_id = c.article_id
            WHERE c.article_id = x.article_a AND c.idx IN (x.claim_a, x.claim_b)
              AND list_contains(CAST(c.events AS INTEGER[]), f.idx))
        WHERE x.basis = 'article'""")


def _about_one_event(store: Store, made: set[int]) -> list[tuple]:
    if not made:
        return []
    with registered(store, "_made", {"id": (sorted(made), INT64)}):
        _, rows = store.query("""
            SELECT f.fused_id, c.article_id, c.idx, c.span_start, c.span_end, c.text, e.status,
                   json_extract_string(c.cue, '$.text'),
                   substr(a.text, greatest(1, c.span_start - 39), least(40, c.span_start)),
                   coalesce(s.code, lower(s.name), lower(json_extract_string(c.speaker, '$.text'))),
                   coalesce(s.name, json_extract_string(c.speaker, '$.text')), coalesce(g.group_id, c.article_id)
            FROM fused_members f
            JOIN events e ON e.article_id = f.article_id AND e.idx = f.idx
            JOIN claims c ON c.article_id = e.article_id AND list_contains(CAST(c.events AS INTEGER[]), e.idx)
            LEFT JOIN actors s ON s.article_id = c.article_id AND s.idx = c.speaker_actor
            LEFT JOIN article_groups g ON g.article_id = c.article_id
            JOIN articles a ON a.id = c.article_id
            WHERE f.fused_id IN (SELECT id FROM _made)""")
    by_event: dict[int, dict[tuple, tuple]] = defaultdict(dict)
    for fid, article_id, idx, start, end, text, status, cue, before, speaker, name, group in rows:
        held = by_event[fid].get((article_id, idx))
        denies = status == "denied" or claim_denies(text, cue, before or "")
        if held is None or denies:  # a claim reporting a denied mention of the event denies it
            by_event[fid][article_id, idx] = (article_id, idx, start, end, text, denies, speaker, name, group)
    found = []
    for fid, by_claim in by_event.items():
        claims = [by_claim[key] for key in sorted(by_claim)]
        for x, a in enumerate(claims):
            for b in claims[x + 1 :]:
                reason = _disagree(a, b)
                if reason:
                    found.append((a[0], a[1], b[0], b[1], reason, fid, "event"))
    return found


def _disagree(a: tuple, b: tuple) -> str | None:
    """Why claim a and claim b (from different articles about one event) disagree, or None."""
    article_a, _, start_a, end_a, _, denies_a, speaker_a, name_a, group_a = a
    article_b, _, start_b, end_b, _, denies_b, speaker_b, name_b, group_b = b
    if article_a == article_b and start_a < end_b and start_b < end_a:
        return None  # one claim nested in the other: the same statement read twice
    if (
        (group_a == group_b and article_a != article_b)
        or speaker_a is None
        or speaker_b is None
        or speaker_a == speaker_b
    ):
        return None
    if name_a and name_b and (name_a.lower() in name_b.lower() or name_b.lower() in name_a.lower()):
        return None
    # A claim's `verification` says someone else disputes it, not which way the claim itself points.
    if denies_a == denies_b:
        return None
    teller, denier = (name_b, name_a) if denies_a else (name_a, name_b)
    return f"{teller} reports the event, {denier} denies or negates it"
