"""Reading gold files and running the pipeline over their texts, for every evaluation task."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from ..schema import Record


def gold_rows(path: str, limit: int | None = None) -> Iterator[dict]:
    """The JSON objects of a JSONL gold file, the first `limit` of them when given."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit and number >= limit:
                return
            yield json.loads(line)


def extract(texts: Iterable[tuple[str, str, dt.date]]) -> Iterator[Record]:
    """Records for (id, text, date) triples; gold texts are English, so language detection is not asked."""
    from ..pipeline import extract_articles
    from ..read import make_article

    articles = [make_article(id=i, text=t, published=d).model_copy(update={"lang": "en"}) for i, t, d in texts]
    return extract_articles(articles)
