"""Run the per-batch extraction on every core: in this process, or in a pool of worker processes; and read the
input in a process of its own (`iterate_in_process`) while this one extracts.

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
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from ..errors import DatelineError

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5
CHUNK = 16  # items a producer process sends at once, at most ...
CHUNK_CHARS = 100_000  # ... or fewer when their texts (an article's `text`) are this long
CHUNKS_QUEUED = 64  # chunks it may send ahead of the consumer: more than an ingest batch of short articles


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


def iterate_in_process(fn: Callable[..., Iterable[T]], *args: Any, **kwargs: Any) -> Iterator[T]:
    """The items of `fn(*args, **kwargs)`, produced in a process of its own while this one goes on with them.

    Reading and cleaning an article costs a few milliseconds of Python that a
    thread would only take from the extraction (the GIL); a process runs them on
    another core. At most CHUNKS_QUEUED chunks of CHUNK items or CHUNK_CHARS characters of text wait, so memory
    stays flat.
    The producer dies with this process, and a producer that dies or fails is an
    error here, never a silent end of the input.

    fn (Callable): a module-level generator function; it and its arguments are pickled, so are the items.
    RETURNS (Iterator): the items, in order.
    """
    context = multiprocessing.get_context("spawn")
    channel = context.Queue(CHUNKS_QUEUED)
    init_args = (os.getpid(), threading.current_thread() is threading.main_thread())
    producer = context.Process(
        target=_produce, args=(channel, fn, args, kwargs, *init_args), name="dateline-reader", daemon=True
    )
    producer.start()
    try:
        while True:
            kind, payload = _next_message(channel, producer)
            if kind == "items":
                yield from payload
            elif kind == "failed":
                raise DatelineError(f"reading failed: {payload}")
            else:
                return
    finally:
        if producer.is_alive():
            producer.terminate()
        producer.join(timeout=5)
        channel.close()


def _next_message(channel, producer) -> tuple[str, Any]:
    """The producer's next message; an error once it has ended without one (what it sent before it ended is
    read first)."""
    while True:
        alive = producer.is_alive()
        try:
            return channel.get(timeout=WATCH_SECONDS)
        except queue.Empty:
            if not alive:
                raise DatelineError(f"the reading process ended unexpectedly (exit code {producer.exitcode})") from None


def _produce(channel, fn: Callable, args: tuple, kwargs: dict, parent: int, pdeathsig: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; this process dies with it
    _die_with_parent(parent, pdeathsig)
    chunk: list = []
    chars = 0
    try:
        for item in fn(*args, **kwargs):
            chunk.append(item)
            chars += len(getattr(item, "text", None) or "")
            if len(chunk) >= CHUNK or chars >= CHUNK_CHARS:
                channel.put(("items", chunk))
                chunk, chars = [], 0
        channel.put(("items", chunk))
        channel.put(("done", None))
    except Exception as err:  # noqa: BLE001  handed to the consumer, which reports it after the items before it
        channel.put(("items", chunk))
        channel.put(("failed", f"{type(err).__name__}: {err}"))
    channel.close()
    channel.join_thread()
