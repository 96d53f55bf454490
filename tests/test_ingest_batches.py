import json

import pytest

from dateline.ingest import BATCH_CHARS, BATCH_GROWTH, BATCH_SIZE, IngestSummary, _fresh_batches
from dateline.read import read_paths
from dateline.store import Store

# invented one-line reports, padded to the length each test needs
LINE = "Officials in the invented town of Dovhe Pole said a bridge reopened on Monday after repairs. "


def _articles(tmp_path, n: int, chars: int) -> list:
    path = tmp_path / f"a{n}-{chars}.jsonl"
    text = (LINE * (chars // len(LINE) + 1))[:chars]
    rows = [{"id": f"a{i}", "date": "2024-03-01", "text": f"{i} {text}"} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return list(read_paths([path]))


def _sizes(tmp_path, articles, batch_size) -> list[int]:
    with Store(tmp_path / "b.duckdb") as store:
        batches = _fresh_batches(articles, store, IngestSummary(), batch_size, lambda w, r: None, None)
        return [len(b) for b in batches]


@pytest.mark.parametrize(
    ("n", "chars", "expected"),
    [
        (600, 200, [BATCH_SIZE * BATCH_GROWTH, 600 - BATCH_SIZE * BATCH_GROWTH]),  # short leads: fewer, larger
        (150, BATCH_CHARS // BATCH_SIZE + 100, [BATCH_SIZE, BATCH_SIZE, 150 - 2 * BATCH_SIZE]),  # articles
    ],
)
def test_default_batches_grow_while_their_articles_are_short(tmp_path, n, chars, expected):
    assert _sizes(tmp_path, _articles(tmp_path, n, chars), None) == expected


def test_a_batch_size_given_is_kept_whatever_the_length(tmp_path):
    assert _sizes(tmp_path, _articles(tmp_path, 25, 200), 10) == [10, 10, 5]
