"""The queries that store contradicting claims (`claims/across.py`) in `contradictions`."""

from __future__ import annotations

from .store import INT32, INT64, STRING, Store, ids_view, registered

COLUMNS = {
    "article_a": STRING,
    "claim_a": INT32,
    "article_b": STRING,
    "claim_b": INT32,
    "reason": STRING,
    "fused_id": INT64,
    "basis": STRING,
}


def drop_contradictions(store: Store, article_ids: list[str]) -> None:
    """Delete the stored pairs that hold a claim of these articles."""
    with ids_view(store, article_ids):
        store.con.execute(
            "DELETE FROM contradictions WHERE article_a IN (SELECT id FROM _ids) OR article_b IN (SELECT id FROM _ids)"
        )


def contradicted_claims(store: Store, article_ids: list[str]) -> list[tuple]:
    """(article id, claim idx, `contradicts` as JSON) of each claim of these articles that its record found
    contradicted."""
    with ids_view(store, article_ids):
        _, rows = store.query(
            "SELECT article_id, idx, contradicts FROM claims "
            "WHERE article_id IN (SELECT id FROM _ids) AND CAST(contradicts AS VARCHAR) <> '[]'"
        )
    return rows


def add_contradictions(store: Store, pairs: list[tuple]) -> None:
    """Store these pairs (rows in `COLUMNS` order), then give each within-article pair (`basis` 'article') the fused
    event of the events its claims report."""
    columns = {c: ([row[k] for row in pairs], kind) for k, (c, kind) in enumerate(COLUMNS.items())}
    with registered(store, "_pairs", columns):
        store.con.execute("INSERT INTO contradictions SELECT * FROM _pairs")
    store.con.execute("""
        UPDATE contradictions x SET fused_id = (
            SELECT min(f.fused_id) FROM claims c JOIN fused_members f ON f.article_id = c.article_id
            WHERE c.article_id = x.article_a AND c.idx IN (x.claim_a, x.claim_b)
              AND list_contains(CAST(c.events AS INTEGER[]), f.idx))
        WHERE x.basis = 'article'""")


def claims_of_fused_events(store: Store, fused_ids: list[int]) -> list[tuple]:
    """Each claim reporting a member of these fused events, once per member.

    RETURNS (list[tuple]): fused id, article id, claim idx, content start and end, content text, the mention's
    status, the cue's text, the 40 characters before the content, the speaker's key (code, else lower-cased name or
    text) and name, and the article's copy group (else its id).
    """
    with registered(store, "_made", {"id": (fused_ids, INT64)}):
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
    return rows
