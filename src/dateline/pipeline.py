"""Articles in, Records out: the per-batch function the CLI, the API and Dask all call.

>>> from dateline.pipeline import extract_text
>>> record = extract_text("Two soldiers were killed.", published="2024-03-02")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from . import windows
from .boilerplate import content_text
from .errors import Errors
from .nlp import load_pipeline, process
from .read import make_article
from .record import doc_to_record, not_extracted_record
from .schema import Article, Record

BATCH_SIZE = 32


def extract_articles(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Record]:
    """Extract a record from each article, in input order.

    articles (Iterable[Article]): articles as read.
    nlp (Language | None): a pipeline from `load_pipeline`; loaded (once per process) when None.
    batch_size (int): documents per `nlp.pipe` batch.
    RETURNS (Iterator[Record]): one record per article; non-English articles, and articles that are all page
        furniture (status `no_content`), are not extracted. Nothing is extracted from furniture.
    """
    nlp = nlp or load_pipeline()
    pending: list[Article] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _extract_batch(nlp, pending, batch_size)
            pending = []
    if pending:
        yield from _extract_batch(nlp, pending, batch_size)


def _extract_batch(nlp: Language, articles: list[Article], batch_size: int) -> Iterator[Record]:
    texts = [content_text(a) if a.lang == "en" else "" for a in articles]  # furniture blanked, offsets kept
    windows_of = [list(windows.cut(text)) if text.strip() else [] for text in texts]
    todo = ((text[start:end], a.published) for a, text, cuts in zip(articles, texts, windows_of) for start, end in cuts)
    docs = iter(process(nlp, todo, batch_size=batch_size))
    for article, cuts in zip(articles, windows_of):
        if article.lang != "en":
            yield not_extracted_record(article)
        elif not cuts:
            yield not_extracted_record(article, status="no_content")
        elif len(cuts) == 1:
            yield doc_to_record(next(docs), article)
        else:  # a long article: each window its own document, the records joined
            pieces = [
                (start, doc_to_record(next(docs), windows.window_article(article, start, end))) for start, end in cuts
            ]
            yield windows.join(article, pieces)


def extract_text(text: str, published: str | dt.date, id: str = "text", nlp: Language | None = None) -> Record:
    """Extract a record from one text dated `published` (ISO string or date)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = make_article(id=id, text=text, published=published)
    if article.lang != "en":
        article = article.model_copy(update={"lang": "en"})
    return next(extract_articles([article], nlp=nlp))


@dataclass(frozen=True)
class ExtractFailure:
    """An article whose extraction raised, and why."""

    article_id: str
    reason: str


def extract_batch(articles: list[Article]) -> list[Record | ExtractFailure]:
    """Extract one batch in this process; an article that fails is reported, never the batch.

    The function every engine runs (in-process, process pool, Dask).
    """
    nlp = load_pipeline()
    try:
        return list(extract_articles(articles, nlp=nlp, batch_size=len(articles) or 1))
    except Exception:  # one bad article must not lose the batch: retry one by one
        results: list[Record | ExtractFailure] = []
        for article in articles:
            try:
                results.append(next(extract_articles([article], nlp=nlp)))
            except Exception as err:  # reported per article with its reason
                reason = f"{type(err).__name__}: {(str(err).splitlines() or [''])[0][:200]}"
                results.append(ExtractFailure(article.id, Errors.E201.format(reason=reason)))
        return results
