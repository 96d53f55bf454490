"""`dateline eval`: score each extractor on gold data with its field's standard metric.

>>> from dateline.evaluate import TASKS
>>> sorted(TASKS)
['claims', 'events', 'geo', 'seed', 'time']
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import EvalError, Errors
from . import claims, events, geo, seed, time

TASKS: dict[str, Callable[..., dict]] = {
    "time": time.evaluate,
    "geo": geo.evaluate,
    "claims": claims.evaluate,
    "events": events.evaluate,
    "seed": seed.evaluate,
}
DEFAULT_GOLD = {
    "time": ["data/tempeval3/dev.jsonl"],
    "geo": ["data/lgl/dev.jsonl", "data/geowebnews/dev.jsonl", "data/trnews/dev.jsonl"],
    "claims": ["data/polnear/dev.jsonl"],
    "events": ["data/acled_ukraine_sample/dev.jsonl", "data/case2021_task2/dev.jsonl"],
    "seed": ["gold/2023-05-13-afp-bakhmut.gold.json"],
}


def shared_dir() -> Path:
    """Where the shared data lives: $DATELINE_SHARED, else ../shared from the working directory."""
    return Path(os.environ.get("DATELINE_SHARED", "../shared"))


def run_eval(task: str, gold_files: list[str], limit: int | None = None) -> dict[str, dict]:
    """Score `task` on each gold file (the task's default dev files when none are given).

    RETURNS (dict[str, dict]): gold file -> metrics.
    """
    if task not in TASKS:
        raise EvalError(Errors.E400.format(task=task, choices=", ".join(TASKS)))
    files = gold_files or [str(shared_dir() / f) for f in DEFAULT_GOLD[task]]
    results = {}
    for path in files:
        if not Path(path).is_file():
            raise EvalError(Errors.E401.format(path=path, reason="no such file"))
        results[path] = TASKS[task](path, limit=limit)
    return results
