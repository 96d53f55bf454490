"""Precision of fusion against pairs labelled by hand (tests/data/fusion/).

A merge label says whether two event mentions report the same event; a
contradiction label whether two claims disagree. Labels were drawn from what an
earlier version of the fusion produced (bench/fusion_sample.py), so the score
is precision: among the labelled pairs the store still merges (or still links
as contradicting), the share labelled true. `kept` says how many labelled
pairs the store still produces.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..store import Store
from ..store import fusion as queries


def read_labels(path: str | Path, corpus: str | None = None, sample: str | None = None) -> list[dict]:
    """Labelled pairs from a JSONL file, optionally only those of one corpus and sample (dev1, dev2, test)."""
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [
        r
        for r in rows
        if (corpus is None or r.get("corpus") == corpus) and (sample is None or r.get("sample") == sample)
    ]


def merge_precision(store: Store, labels: Iterable[dict]) -> dict[str, float | int]:
    """Share of labelled mention pairs that the store puts in one fused event and that are truly one event.

    A label names each mention by its article and trigger offset (`span_a`, `span_b`), which survive changes to the
    extractor that renumber events; a mention retold inside a longer event is found among that event's mentions.
    Labels with only `idx_a`/`idx_b` are taken as they are.
    """
    kept = true = total = 0
    for label in labels:
        total += 1
        a = _event_idx(store, label["article_a"], label.get("span_a"), label["idx_a"])
        b = _event_idx(store, label["article_b"], label.get("span_b"), label["idx_b"])
        if a is None or b is None:
            continue
        if queries.in_one_fused_event(store, (label["article_a"], a), (label["article_b"], b)):
            kept += 1
            true += bool(label["label"])
    return {"merge_precision": true / kept if kept else 0.0, "kept": kept, "labelled": total}


def _event_idx(store: Store, article_id: str, span_start: int | None, idx: int) -> int | None:
    """The index of the event whose trigger, or one of whose retellings, starts at `span_start`."""
    if span_start is None:
        return idx
    for event_idx, start, mentions in queries.event_retellings(store, article_id):
        retold = json.loads(mentions) if isinstance(mentions, str) else (mentions or [])
        if start == span_start or any(m["span"][0] == span_start for m in retold):
            return event_idx
    return None


def contradiction_precision(store: Store, labels: Iterable[dict]) -> dict[str, float | int]:
    """Share of labelled claim pairs that the store links as contradicting and that truly disagree."""
    kept = true = total = 0
    for label in labels:
        total += 1
        a, b = (label["article_a"], label["claim_a"]), (label["article_b"], label["claim_b"])
        if queries.contradiction_stored(store, a, b):
            kept += 1
            true += bool(label["label"])
    return {"contradiction_precision": true / kept if kept else 0.0, "kept": kept, "labelled": total}
