"""Reading gold files and running the pipeline over their texts, for every evaluation task."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Iterator

from ..schema import Record
from .halves import in_half


def gold_rows(path: str, limit: int | None = None, half: str | None = None) -> Iterator[dict]:
    """The JSON objects of a JSONL gold file, the first `limit` of them when given.

    half (str | None): only the rows of this half ("read" or "score", by the row's `id`; see `halves`).
    """
    with open(path, encoding="utf-8") as handle:
        rows = in_half((json.loads(line) for line in handle), half, key=lambda row: str(row["id"]))
        yield from itertools.islice(rows, limit or None)


def extract(texts: Iterable[tuple[str, str, dt.date]]) -> Iterator[Record]:
    """Records for (id, text, date) triples; gold texts are English, so language detection is not asked."""
    from ..pipeline import extract_articles
    from ..read import make_article

    articles = [make_article(id=i, text=t, published=d).model_copy(update={"lang": "en"}) for i, t, d in texts]
    return extract_articles(articles)
