"""`dateline eval`: score each extractor on gold data with its field's standard metric.

>>> from dateline.evaluate import TASKS
>>> sorted(TASKS)
['articles', 'claims', 'events', 'geo', 'seed', 'time']
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import Errors, EvalError
from . import articles, claims, events, geo, seed, time
from .halves import check_half

TASKS: dict[str, Callable[..., dict]] = {
    "time": time.evaluate,
    "geo": geo.evaluate,
    "claims": claims.evaluate,
    "events": events.evaluate,
    "seed": seed.evaluate,
    "articles": articles.evaluate,  # all gold files at once: one micro-averaged result
}
DEFAULT_GOLD = {
    "time": ["data/tempeval3/dev.jsonl"],
    "geo": ["data/lgl/dev.jsonl", "data/geowebnews/dev.jsonl", "data/trnews/dev.jsonl"],
    "claims": ["data/polnear/dev.jsonl"],
    "events": ["data/acled_ukraine_sample/dev.jsonl", "data/case2021_task2/dev.jsonl"],
    "seed": ["gold/2023-05-13-afp-bakhmut.gold.json"],
    "articles": ["gold/articles/*.gold.json", "gold/2023-05-13-afp-bakhmut.gold.json"],
}


def shared_dir() -> Path:
    """Where the shared data lives: $DATELINE_SHARED, else ../shared from the working directory."""
    return Path(os.environ.get("DATELINE_SHARED", "../shared"))


def default_gold(task: str) -> list[str]:
    """The task's default dev files in the shared folder (glob patterns expanded, in sorted order)."""
    shared, files = shared_dir(), []
    for pattern in DEFAULT_GOLD[task]:
        files += [str(p) for p in (sorted(shared.glob(pattern)) if "*" in pattern else [shared / pattern])]
    return files


def run_eval(task: str, gold_files: list[str], limit: int | None = None, half: str | None = None) -> dict[str, dict]:
    """Score `task` on each gold file (the task's default dev files when none are given).

    half (str | None): score only the "read" or the "score" half of each dev set (see `halves`).
    RETURNS (dict[str, dict]): gold file -> metrics; for `articles`, one entry for all the files.
    """
    if task not in TASKS:
        raise EvalError(Errors.E400.format(task=task, choices=", ".join(TASKS)))
    check_half(half)
    files = gold_files or default_gold(task)
    for path in files:
        if not Path(path).is_file():
            raise EvalError(Errors.E401.format(path=path, reason="no such file"))
    if task == "articles":
        return {f"{len(files)} gold files": articles.evaluate(files, limit=limit, half=half)}
    return {path: TASKS[task](path, limit=limit, half=half) for path in files}
