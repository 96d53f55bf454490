"""The store as it is: records as JSON lines, claims as JSON lines, and each table as a Parquet file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from ..store import Store, record_rows
from ..store import exports as queries

CLAIM_JSON_COLUMNS = ("speaker", "cue", "channel", "content", "verification_evidence", "events")


def write_jsonl(store: Store, out: IO[str]) -> int:
    """Write one record per line, in article id order. Returns the number of records."""
    n = 0
    for record in record_rows(store):
        out.write(json.dumps(record, default=str, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_claims(store: Store, out: IO[str]) -> int:
    """Write one claim per line with its speaker's name and code. Returns the number of claims."""
    columns, rows = queries.claim_rows(store)
    n = 0
    for row in rows:
        item = dict(zip(columns, row))
        for key in CLAIM_JSON_COLUMNS:
            if isinstance(item.get(key), str):
                item[key] = json.loads(item[key])
        out.write(json.dumps(item, default=str, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_parquet(store: Store, folder: Path) -> int:
    """Write one Parquet file per table into `folder`. Returns the number of tables."""
    return queries.write_parquet(store, folder)
