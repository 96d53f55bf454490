"""Fusion across articles on the invented examples: copies, fused events, contradictions, incremental = rebuild."""

from __future__ import annotations

import pytest

from dateline.fuse import fuse, fused_state, minhash
from dateline.store import Store

KHERSON_REPORTS = {"invented-followup-001", "invented-followup-002", "invented-followup-003"}


@pytest.fixture()
def store(example_records):
    with Store(":memory:") as store:
        store.write(example_records)
        fuse(store)
        yield store


def _event_of(store: Store, article_id: str, trigger: str) -> int:
    _, rows = store.query(
        "SELECT f.fused_id FROM fused_members f JOIN event_index e USING (article_id, idx) "
        "WHERE e.article_id = ? AND e.trigger = ? AND e.place_name IS NOT NULL",
        [article_id, trigger],
    )
    assert rows, f"no placed event '{trigger}' in {article_id}"
    return rows[0][0]


def test_minhash_tells_copies_from_rewrites():
    text = (
        "A drone struck the port on Friday, killing two soldiers and wounding five, the command said. "
        "The ministry denied that its forces had attacked the port at all."
    )
    copy = text + " (Syndicated.)"
    rewrite = "Two soldiers died on Friday in a drone attack on the port; the ministry called the report false."
    assert minhash.similarity(minhash.signature(text), minhash.signature(copy)) >= minhash.THRESHOLD
    assert minhash.similarity(minhash.signature(text), minhash.signature(rewrite)) < 0.3


def test_syndicated_copy_is_grouped_and_counted_once(store):
    _, groups = store.query(
        "SELECT article_id, group_id FROM article_groups WHERE article_id LIKE 'invented-followup%'"
    )
    group = dict(groups)
    assert group["invented-followup-002"] == group["invented-followup-001"] == "invented-followup-001"
    assert group["invented-followup-003"] == "invented-followup-003"
    event = _event_of(store, "invented-followup-003", "struck")
    assert event == _event_of(store, "invented-followup-001", "struck")
    _, rows = store.query("SELECT n_articles, n_sources, first_seen, last_seen FROM fused_events WHERE id = ?", [event])
    n_articles, n_sources, first, last = rows[0]
    _, members = store.query("SELECT DISTINCT article_id FROM fused_members WHERE fused_id = ?", [event])
    # the harbour-strike example tells the same strike (Kherson's harbour, Friday, two soldiers killed)
    assert {m for (m,) in members} == KHERSON_REPORTS | {"2024-03-02-invented-harbour-strike"}
    assert n_articles == 3 and n_sources == 4
    assert (first.isoformat(), last.isoformat()) == ("2024-03-02", "2024-03-03")


def test_other_place_same_day_stays_apart(store):
    assert _event_of(store, "invented-followup-004", "shelled") != _event_of(store, "invented-followup-001", "struck")


def test_denial_about_the_fused_event_is_a_contradiction(store):
    event = _event_of(store, "invented-followup-001", "struck")
    _, rows = store.query("SELECT article_a, article_b, reason FROM contradictions WHERE fused_id = ?", [event])
    assert rows, "the ministry's denial and the command's report are set side by side"
    assert all("denies" in reason for _, _, reason in rows)
    assert not [r for r in rows if {r[0], r[1]} == {"invented-followup-001", "invented-followup-002"}], (
        "a syndicated copy does not contradict its original"
    )


def test_incremental_equals_rebuild(example_records):
    records = sorted(example_records, key=lambda r: r.article.id)
    with Store(":memory:") as store:
        store.write(records[1::2])
        fuse(store)
        store.write(records[0::2])
        second = fuse(store)
        assert second.articles == len(records[0::2])
        changed = records[3].model_copy(deep=True)
        changed.article.content_hash = "changed"
        changed.events = changed.events[:1]
        store.write([changed])
        assert fuse(store).articles == 1
        incremental = fused_state(store)
        fuse(store, rebuild=True)
        assert fused_state(store) == incremental
        assert incremental["fused_members"], "something was fused"


def test_api_serves_fused_events_once_fused(store, tmp_path, example_records):
    from fastapi.testclient import TestClient

    from dateline.api.app import create_app

    path = tmp_path / "fused.duckdb"
    with Store(path) as on_disk:
        on_disk.write(example_records)
        fuse(on_disk)
    client = TestClient(create_app(path))
    page = client.get("/events", params={"limit": 1000}).json()
    assert page["view"] == "fused"
    kherson = max(page["items"], key=lambda e: e["n_articles"])
    assert kherson["place_name"] == "Kherson" and kherson["n_articles"] == 3
    detail = client.get(f"/events/{kherson['id']}").json()
    assert {m["article_id"] for m in detail["mentions"]} >= KHERSON_REPORTS
    assert detail["contradictions"] and detail["contradictions"][0]["a"]["text"]
    mentions = client.get("/events", params={"view": "mentions", "limit": 0}).json()
    assert mentions["total"] == sum(e["n_mentions"] for e in page["items"])


def test_precision_counts_only_pairs_the_store_still_produces(store):
    from dateline.evaluate.fusion import contradiction_precision, merge_precision

    _, members = store.query(
        "SELECT article_id, idx FROM fused_members WHERE fused_id = ? ORDER BY 1, 2",
        [_event_of(store, "invented-followup-003", "struck")],
    )
    (a, i), (b, j) = members[0], members[-1]
    labels = [
        {"article_a": a, "idx_a": i, "article_b": b, "idx_b": j, "label": True},
        {"article_a": a, "idx_a": i, "article_b": "invented-followup-004", "idx_b": 0, "label": True},
        {"article_a": b, "idx_a": j, "article_b": a, "idx_b": i, "label": False},
    ]
    assert merge_precision(store, labels) == {"merge_precision": 0.5, "kept": 2, "labelled": 3}
    span = {(r[0], r[1]): r[2] for r in store.query("SELECT article_id, idx, span_start FROM events")[1]}
    by_span = [
        {
            **label,
            "idx_a": -1,
            "idx_b": -1,
            "span_a": span[(label["article_a"], label["idx_a"])],
            "span_b": span[(label["article_b"], label["idx_b"])],
        }
        for label in (labels[0], labels[2])
    ]
    assert merge_precision(store, by_span) == {"merge_precision": 0.5, "kept": 2, "labelled": 2}  # offsets, not indexes
    ((x, ci, y, cj),) = store.query("SELECT article_a, claim_a, article_b, claim_b FROM contradictions LIMIT 1")[1]
    result = contradiction_precision(
        store, [{"article_a": y, "claim_a": cj, "article_b": x, "claim_b": ci, "label": True}]
    )
    assert result == {"contradiction_precision": 1.0, "kept": 1, "labelled": 1}


def test_hand_labels_are_keys_without_text():
    from dateline.evaluate.fusion import read_labels

    from .conftest import ROOT

    for name, keys in (
        ("merge_labels.jsonl", {"article_a", "idx_a", "span_a", "article_b", "idx_b", "span_b"}),
        ("contradiction_labels.jsonl", {"article_a", "claim_a", "article_b", "claim_b"}),
    ):
        labels = read_labels(ROOT / "tests" / "data" / "fusion" / name)
        assert len(labels) >= 100
        assert all(keys | {"label", "corpus", "sample"} == set(row) for row in labels)
