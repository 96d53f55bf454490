"""The Dask engine: the same per-batch extraction on a Dask cluster, writing Parquet parts the store attaches.

Each task runs `extract_to_parts` on one batch of articles in a worker process:
the spaCy pipeline is loaded once per worker (`nlp.load_pipeline` is cached),
the records become one Parquet file per store table under
`<parts>/<table>/part-<batch key>.parquet`, and only the file names and counts
travel back. The client then attaches each batch's files to the DuckDB store in
one transaction (`ingest` sends its batches in pieces and attaches a batch's
pieces together, `PartResult.merged`). The parts stay on disk as a partitioned Parquet copy of the
store (query them with DuckDB's `read_parquet('<parts>/events/*.parquet')`).
Workers and client must see the same `parts` folder (a shared filesystem on a
multi-node cluster).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..schema import Article, Record


@dataclass
class PartResult:
    """What one batch produced on a worker: the article ids written, the part files, and the failures."""

    ids: list[str] = field(default_factory=list)
    parts: dict[str, str | list[str]] = field(default_factory=dict)
    not_english: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    size: int = 0

    @classmethod
    def merged(cls, results: Iterable[PartResult]) -> PartResult:
        """Several batches' results as one (each table's files in a list), for the store to attach at once."""
        merged = cls(parts={})
        for result in results:
            merged.ids += result.ids
            for table, path in result.parts.items():
                merged.parts.setdefault(table, []).append(path)
            merged.not_english += result.not_english
            merged.failures += result.failures
            merged.size += result.size
        return merged


def batch_key(batch: list[Article]) -> str:
    """A name for a batch that depends only on its articles and their content."""
    digest = hashlib.blake2b(digest_size=10)
    for article in batch:
        digest.update(f"{article.id}\x00{article.content_hash}\x01".encode())
    return digest.hexdigest()


def extract_to_parts(batch: list[Article], parts_dir: str) -> PartResult:
    """Extract a batch and write its records as Parquet files, one per store table (runs on a worker)."""
    import pyarrow.parquet as pq

    from ..pipeline import extract_batch
    from ..store import record_tables

    results = extract_batch(batch)
    records = [r for r in results if isinstance(r, Record)]
    outcome = PartResult(size=len(batch), not_english=sum(r.status == "not_english" for r in records))
    outcome.failures = [(r.article_id, r.reason) for r in results if not isinstance(r, Record)]
    outcome.ids = [r.article.id for r in records]
    if not records:
        return outcome
    key = batch_key(batch)
    for table, rows in record_tables(records).items():
        path = Path(parts_dir) / table / f"part-{key}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(rows, path)
        outcome.parts[table] = str(path)
    return outcome


def map_on_cluster(
    batches: Iterable[list[Article]], scheduler: str, parts_dir: str | Path, in_flight: int = 2
) -> Iterator[PartResult]:
    """Run `extract_to_parts` on each batch on the Dask cluster at `scheduler`; results in input order,
    with at most `in_flight` batches per worker queued so memory stays flat."""
    from distributed import Client

    parts = str(Path(parts_dir).resolve())
    with Client(scheduler, set_as_default=False) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(extract_to_parts, batch, parts, pure=False))
            if len(pending) >= workers * in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
