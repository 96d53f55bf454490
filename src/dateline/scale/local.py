"""Run the per-batch extraction on every core: in this process, or in a pool of worker processes.

Each worker loads the spaCy pipeline once (in its initializer). Results come
back in input order, with a bounded number of batches in flight so memory
stays flat however long the input is.

>>> list(map_batches(len, [[1, 2], [3]], workers=1))
[2, 1]
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _warm_up() -> None:
    from ..nlp import load_pipeline

    load_pipeline()


def map_batches(fn: Callable[[T], R], batches: Iterable[T], workers: int = 1, in_flight: int = 2) -> Iterator[R]:
    """Apply `fn` to each batch, using `workers` processes when more than one.

    fn (Callable): a module-level function (it is pickled to the workers).
    batches (Iterable): consumed lazily, in this thread.
    workers (int): processes; 1 runs in this process.
    in_flight (int): batches queued per worker.
    RETURNS (Iterator): fn(batch) for each batch, in input order.
    """
    if workers <= 1:
        yield from map(fn, batches)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up) as pool:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(fn, batch))
            if len(pending) >= workers * in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
