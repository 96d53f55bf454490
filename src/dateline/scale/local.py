"""Run the per-batch extraction on every core: in this process, or in a pool of worker processes.

Each worker loads the spaCy pipeline once (in its initializer). Results come
back in input order, with a bounded number of batches in flight so memory
stays flat however long the input is. Workers die with this process, however
it dies (SIGKILL included): see `_die_with_parent`.

>>> list(map_batches(len, [[1, 2], [3]], workers=1))
[2, 1]
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def _warm_up() -> None:
    from ..nlp import load_pipeline

    load_pipeline()


def _orphaned(parent: int) -> None:
    """Poll the parent pid; when this process has been handed to another parent, end it at once."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _die_with_parent(parent: int, pdeathsig: bool) -> None:
    """Make this worker end when the process that started it ends.

    The watchdog thread works on every system; a worker whose interpreter is
    busy in C code sees it late, so on Linux the kernel also sends SIGKILL
    when the parent dies. That signal follows the parent *thread* that
    started the worker, so it is asked for only when that is the main thread.
    parent (int): the pid of the process that started this worker.
    pdeathsig (bool): also ask the Linux kernel for SIGKILL on the parent's death.
    """
    if pdeathsig and sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_orphaned, args=(parent,), name="die-with-parent", daemon=True).start()


def _start_worker(parent: int, pdeathsig: bool) -> None:
    _die_with_parent(parent, pdeathsig)
    _warm_up()


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
    # The pool starts its workers from the thread that submits, i.e. the one iterating here.
    init_args = (os.getpid(), threading.current_thread() is threading.main_thread())
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=init_args) as pool:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(fn, batch))
            if len(pending) >= workers * in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
