"""Read -> extract -> store, batch by batch, with a summary of what happened.

Ingest is idempotent: an article whose id, content hash and pipeline version
are already stored is skipped as a duplicate. Each batch is written in one
transaction, so an interrupted run leaves whole batches only, and running it
again completes the rest.

>>> from dateline.ingest import IngestSummary
>>> IngestSummary(read=3, stored=2, duplicates=1).ok
True
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .errors import ReadError, StoreError
from .pipeline import ExtractFailure, extract_batch
from .scale import map_batches
from .schema import Article, Record
from .store import Store
from .version import PIPELINE_VERSION

BATCH_SIZE = 64
BATCH_CHARS = 200_000  # a batch of the default size grows while it holds less text than this (short leads) ...
BATCH_GROWTH = 8  # ... up to this many times its size: each batch costs two store turns, whatever it holds
PIECE = 16  # articles per task when several workers share each batch: the last batches then end together
logger = logging.getLogger(__name__)
R = TypeVar("R")
Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    """What an ingest or reprocess run did."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    not_english: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "not_english": self.not_english,
            "failed": len(self.failed),
            "failures": [{"where": w, "reason": r} for w, r in self.failed],
        }


def ingest(
    items: Iterable[Article | ReadError],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int | None = None,
    on_progress: Progress | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    scheduler: str | None = None,
    parts_dir: str | Path | None = None,
) -> IngestSummary:
    """Extract and store articles; report read errors and skip what is already stored.

    items (Iterable[Article | ReadError]): what `read_paths` yields.
    store (Store): where records go.
    workers (int): extraction processes (local engine).
    batch_size (int | None): articles per transaction; None: BATCH_SIZE, growing for short articles up to
        BATCH_GROWTH times that while the batch holds under BATCH_CHARS characters.
    scheduler (str): a Dask scheduler address: extract on that cluster instead of local processes.
    parts_dir (str | Path): where the Dask workers write Parquet parts (default: next to the store file).
    on_progress (Callable[[int], None]): called with the number of items just handled.
    on_failure (Callable[[str, str], None]): called with (where, reason) for each failure as it happens.
    RETURNS (IngestSummary): counts and failures.
    """
    summary = IngestSummary()

    def fail(where: str, reason: str) -> None:
        summary.failed.append((where, reason))
        if on_failure:
            on_failure(where, reason)

    batches = _fresh_batches(items, store, summary, batch_size, fail, on_progress)

    if scheduler:
        from .scale.dask import PartResult, map_on_cluster

        parts = parts_dir or f"{store.path}.parts"
        results = in_pieces(lambda pieces: map_on_cluster(pieces, scheduler, parts), batches, PartResult.merged)
        _attach_all(results, store, summary, fail, on_progress)
    else:
        _store_all(_extracted(batches, workers), store, summary, fail, on_progress)
    return summary


def in_pieces(
    run: Callable[[Iterable[list]], Iterable[R]], batches: Iterable[list], merge: Callable[[list[R]], R]
) -> Iterator[R]:
    """`run` over pieces of at most PIECE items of each batch, the pieces' results merged back per batch.

    Workers take the pieces, so a batch's work is shared and the last batch does not run on one worker while
    the others wait; the store still writes one batch per transaction.

    >>> list(in_pieces(lambda pieces: map(len, pieces), [list(range(40)), [1]], sum))
    [40, 1]
    """
    counts: deque[int] = deque()

    def pieces() -> Iterator[list]:
        for batch in batches:
            split = [batch[i : i + PIECE] for i in range(0, len(batch), PIECE)]
            counts.append(len(split))
            yield from split

    results = iter(run(pieces()))
    for first in results:
        yield merge([first, *(next(results) for _ in range(counts.popleft() - 1))])


def _concatenated(parts: list[list]) -> list:
    return [item for part in parts for item in part]


def _extracted(batches: Iterable[list[Article]], workers: int) -> Iterator[list[Record | ExtractFailure]]:
    if workers <= 1:
        return map(extract_batch, batches)
    return in_pieces(lambda pieces: map_batches(extract_batch, pieces, workers=workers), batches, _concatenated)


def reprocess(
    store: Store, *, workers: int = 1, batch_size: int = BATCH_SIZE, on_progress: Progress | None = None
) -> IngestSummary:
    """Re-extract stored articles whose pipeline version is older than this one."""
    summary = IngestSummary()
    with store.turn():
        stale = list(store.stale_articles(PIPELINE_VERSION))
    summary.read = len(stale)
    batches = (stale[i : i + batch_size] for i in range(0, len(stale), batch_size))
    _store_all(
        _extracted(batches, workers),
        store,
        summary,
        lambda w, r: summary.failed.append((w, r)),
        on_progress,
    )
    return summary


def _fresh_batches(
    items: Iterable[Article | ReadError],
    store: Store,
    summary: IngestSummary,
    batch_size: int | None,
    fail: Callable[[str, str], None],
    on_progress: Progress | None,
) -> Iterator[list[Article]]:
    """Batches of the articles not yet stored, read lazily from `items`; read errors and duplicates (within the
    input or already in the store) are counted in `summary` as they pass.

    One id given twice with different texts: the last occurrence wins. An earlier one still waiting in the
    batch is replaced; one already handed on is overwritten when the last one is stored, which is then stored
    even if the store holds its text already (it may hold it from an earlier run, before the earlier one
    replaced it in this one).
    """
    last_hash: dict[str, str] = {}
    again: set[str] = set()
    pending: dict[str, Article] = {}
    chars = 0
    smallest, largest = (BATCH_SIZE, BATCH_SIZE * BATCH_GROWTH) if batch_size is None else (batch_size, batch_size)
    for item in items:
        if isinstance(item, ReadError):
            where = f"{item.path}:{item.line}" if item.line is not None else item.path
            fail(where, item.message)
            _tick(on_progress, 1)
            continue
        summary.read += 1
        previous = last_hash.get(item.id)
        last_hash[item.id] = item.content_hash
        if previous is not None:
            summary.duplicates += 1
            _tick(on_progress, 1)
            if previous == item.content_hash:
                continue
            logger.warning("%s: given again with another text; the last one is kept", item.id[:80])
            if item.id not in pending:
                again.add(item.id)
        replaced = pending.get(item.id)
        chars += len(item.text) - (len(replaced.text) if replaced is not None else 0)
        pending[item.id] = item
        if len(pending) >= largest or (len(pending) >= smallest and chars >= BATCH_CHARS):
            yield from _new_only(list(pending.values()), store, summary, on_progress, again)
            pending, chars = {}, 0
    if pending:
        yield from _new_only(list(pending.values()), store, summary, on_progress, again)


def _new_only(
    pending: list[Article], store: Store, summary: IngestSummary, on_progress: Progress | None, again: set[str]
) -> Iterator[list[Article]]:
    with store.turn():
        stored = store.versions(a.id for a in pending)
    fresh = [a for a in pending if a.id in again or stored.get(a.id) != (a.content_hash, PIPELINE_VERSION)]
    summary.duplicates += len(pending) - len(fresh)
    _tick(on_progress, len(pending) - len(fresh))
    if fresh:
        yield fresh


def _store_all(
    results: Iterable[list[Record | ExtractFailure]], store: Store, summary: IngestSummary, fail, on_progress
) -> None:
    for batch in results:
        records = [r for r in batch if isinstance(r, Record)]
        for failure in (r for r in batch if isinstance(r, ExtractFailure)):
            fail(failure.article_id, failure.reason)
        written = _write_isolated(store, records, fail)
        summary.stored += len(written)
        summary.not_english += sum(r.status == "not_english" for r in written)
        _tick(on_progress, len(batch))


def _write_isolated(store: Store, records: list[Record], fail: Callable[[str, str], None]) -> list[Record]:
    """Write the batch in one transaction; if that fails, write it again article by article, so that one
    record the store refuses costs only itself (named in `fail`).

    RETURNS (list[Record]): the records stored.
    """
    with store.turn():
        try:
            store.write(records)
            return records
        except StoreError:
            pass
        written = []
        for record in records:
            try:
                store.write([record])
                written.append(record)
            except StoreError as err:
                fail(record.article.id, f"not stored: {err}")
        return written


def _attach_all(results: Iterable, store: Store, summary: IngestSummary, fail, on_progress) -> None:
    for part in results:
        for where, reason in part.failures:
            fail(where, reason)
        try:
            with store.turn():
                store.attach_parts(part.ids, part.parts)
        except StoreError as err:
            for article_id in part.ids:
                fail(article_id, f"not stored (its batch's parts were refused): {err}")
            _tick(on_progress, part.size)
            continue
        summary.stored += len(part.ids)
        summary.not_english += part.not_english
        _tick(on_progress, part.size)


def _tick(on_progress: Progress | None, n: int) -> None:
    if on_progress and n:
        on_progress(n)
