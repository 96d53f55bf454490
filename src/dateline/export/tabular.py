"""The store as it is: records as JSON lines, claims as JSON lines, and each table as a Parquet file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from ..store import Store, record_rows
from ..store import exports as queries
from ..store.tables import TABLE_COLUMNS
from .common import ITEM_ERRORS, SkipCounter

# The claim columns stored as JSON (speaker, cue, content, events, contradicts, ...): written as JSON values, never as
# JSON inside a string.
CLAIM_JSON_COLUMNS = tuple(c for c, kind in TABLE_COLUMNS["claims"].items() if kind == "JSON")


def write_jsonl(store: Store, out: IO[str]) -> int:
    """Write one record per line, in article id order. Returns the number of records."""
    n = 0
    for record in record_rows(store):
        out.write(json.dumps(record, default=str, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_claims(store: Store, out: IO[str]) -> int:
    """Write one claim per line with its speaker's name and code, its JSON columns (`contradicts` among them) as JSON
    values. Returns the number of claims; a claim whose JSON cannot be read is skipped and counted on stderr."""
    columns, rows = queries.claim_rows(store)
    skipped = SkipCounter("claims")
    n = 0
    for row in rows:
        try:
            line = json.dumps(claim_item(dict(zip(columns, row))), default=str, ensure_ascii=False)
        except ITEM_ERRORS as error:
            skipped.add(error)
            continue
        out.write(line + "\n")
        n += 1
    skipped.report()
    return n


def claim_item(item: dict) -> dict:
    """A `claim_rows` row with its JSON columns decoded.

    >>> claim_item({"idx": 0, "contradicts": '[{"claim": 2, "reason": "negation"}]'})["contradicts"]
    [{'claim': 2, 'reason': 'negation'}]
    """
    for key in CLAIM_JSON_COLUMNS:
        if isinstance(item.get(key), str):
            item[key] = json.loads(item[key])
    return item


def write_parquet(store: Store, folder: Path) -> int:
    """Write one Parquet file per table into `folder`. Returns the number of tables."""
    return queries.write_parquet(store, folder)
