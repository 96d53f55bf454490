"""What the routes share: the store, a connection of its own for each request, and the parameters' types.

The store is opened read-only and shared by the requests (`StoreReader`,
which lets a writer take turns on the file); each request reads on its own
cursor (`Store.session`), so requests run side by side and a light one never
waits behind a heavy one. A request's queries are stopped after
`QUERY_SECONDS` (DuckDB has no statement timeout: one watchdog thread interrupts
the cursor), and the client is told so with a 503.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from ..errors import Errors, StoreError
from ..store import Store
from ..store.browse import MAX_LIMIT
from ..store.turns import POLL_SECONDS, writer_waiting

TURN_SECONDS = 30.0  # how long a request waits for a writer's turn to end
WATCH_SECONDS = 0.2  # how often an idle server looks for a writer's turn
QUERY_SECONDS = 10.0
MAX_OFFSET = 1_000_000_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class QueryTimeout(StoreError):
    """A request's query ran longer than `QUERY_SECONDS` and was stopped."""


class StoreBusy(StoreError):
    """A writer's turn on the store lasted longer than a request waits (`TURN_SECONDS`)."""


class StoreReader:
    """The store at `path`, opened read-only and shared by the requests, taking turns with a writer.

    Opened at start-up by the app's lifespan, or at first use when the server runs no lifespan (a mounted
    sub-application, a TestClient outside `with`). When a writer announces a turn (`store/turns.py`), new
    requests wait while those in flight finish; the store is then closed, and opened again, with the
    writer's batch in it, once the turn is over.

    path (str | Path): the DuckDB file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.store: Store | None = None
        self.users = 0
        self._changed = threading.Condition()
        self._stop: threading.Event | None = None

    def open(self) -> Store:
        """The open store (opening it the first time).

        RETURNS (Store): opened read-only.
        """
        with self._changed:
            return self._open()

    def open_once(self) -> None:
        """Open the store and close it again: that it can be opened, said with Dateline's own error if not."""
        Store(self.path, read_only=True, wait=TURN_SECONDS).close()

    def _open(self) -> Store:
        if self.store is None:
            self.store = Store(self.path, read_only=True, wait=TURN_SECONDS)
        if self._stop is None:  # an idle server must step aside too: a watcher looks for turns between requests
            self._stop = threading.Event()
            threading.Thread(target=self._watch, args=(self._stop,), name="store-turns", daemon=True).start()
        return self.store

    def _watch(self, stop: threading.Event) -> None:
        while not stop.wait(WATCH_SECONDS):
            with self._changed:
                if self.store is not None and self.users == 0 and writer_waiting(self.path):
                    self.store.close()
                    self.store = None

    def acquire(self) -> Store:
        """The store for one request, after any writer's turn; give it back with `release`.

        RETURNS (Store): opened read-only.
        """
        deadline = time.monotonic() + TURN_SECONDS
        with self._changed:
            while writer_waiting(self.path):
                if self.store is not None and self.users == 0:
                    self.store.close()
                    self.store = None
                if time.monotonic() > deadline:
                    raise StoreBusy(Errors.E304.format(path=self.path, seconds=TURN_SECONDS))
                self._changed.wait(POLL_SECONDS)
            store = self._open()
            self.users += 1
            return store

    def release(self) -> None:
        """A request is done with the store; the last one out closes it if a writer waits."""
        with self._changed:
            self.users -= 1
            if self.users == 0 and self.store is not None and writer_waiting(self.path):
                self.store.close()
                self.store = None
            self._changed.notify_all()

    def kept(self, key: tuple) -> object | None:
        """What the open store keeps under `key` (`Store.remembered`), or None: nothing kept, or the store closed
        for a writer's turn (what was kept went with it)."""
        with self._changed:
            return None if self.store is None else self.store.kept(key)

    def close(self) -> None:
        """Close the store if it is open, and stop watching for turns."""
        with self._changed:
            if self._stop is not None:
                self._stop.set()
                self._stop = None
            if self.store is not None:
                self.store.close()
                self.store = None


class Alarm:
    """A call `Watchdog` makes at `deadline` unless cancelled first."""

    def __init__(self, deadline: float, call: Callable[[], object], lock: threading.Condition) -> None:
        self.deadline, self.call, self._lock = deadline, call, lock
        self.fired = self.cancelled = False

    def __lt__(self, other: Alarm) -> bool:
        return self.deadline < other.deadline

    def cancel(self) -> None:
        """Once this returns, the call has been made or never will be (it is made under the same lock)."""
        with self._lock:
            self.cancelled = True


class Watchdog:
    """One thread that makes the calls whose time has come (a request's interrupt), instead of a timer thread
    started for every request."""

    def __init__(self) -> None:
        self._alarms: list[Alarm] = []
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, seconds: float, call: Callable[[], object]) -> Alarm:
        """`call()` in `seconds`, unless the returned alarm is cancelled first.

        RETURNS (Alarm): its `fired` tells whether the call was made.
        """
        alarm = Alarm(time.monotonic() + seconds, call, self._changed)
        with self._changed:
            heapq.heappush(self._alarms, alarm)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="query-watchdog", daemon=True)
                self._thread.start()
            if self._alarms[0] is alarm:
                self._changed.notify()
        return alarm

    def _run(self) -> None:
        while True:
            with self._changed:
                while self._alarms and self._alarms[0].cancelled:
                    heapq.heappop(self._alarms)
                if not self._alarms:
                    self._changed.wait()
                    continue
                wait = self._alarms[0].deadline - time.monotonic()
                if wait > 0:
                    self._changed.wait(wait)
                    continue
                alarm = heapq.heappop(self._alarms)
                alarm.fired = True
                # quick (an interrupt), and under the lock: never after `cancel` returned; a failed one must not
                # stop the other alarms
                with contextlib.suppress(Exception):
                    alarm.call()


WATCHDOG = Watchdog()


def store_session(request: Request) -> Iterator[Store]:
    """A cursor on the app's store for the length of one route function, interrupted after `QUERY_SECONDS`.

    A sync generator: FastAPI runs it in the route's worker thread, so opening the cursor never blocks the loop.
    """
    reader: StoreReader = request.app.state.reader
    seconds = getattr(request.app.state, "query_seconds", QUERY_SECONDS)
    session = reader.acquire().session()
    alarm = WATCHDOG.watch(seconds, session.interrupt)
    try:
        yield session
    except StoreError:
        if alarm.fired:
            raise QueryTimeout(Errors.E303.format(seconds=seconds)) from None
        raise
    finally:
        alarm.cancel()
        session.close()
        reader.release()


def _iso_date(value: object) -> object:
    """Only a calendar date written YYYY-MM-DD (pydantic would also take `0` as 1970-01-01)."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD, e.g. 2023-05-13")
    return value


StoreDep = Annotated[Store, Depends(store_session, scope="function")]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

__all__ = [
    "IsoDate",
    "Limit",
    "MAX_OFFSET",
    "Offset",
    "QUERY_SECONDS",
    "QueryTimeout",
    "StoreBusy",
    "StoreDep",
    "StoreReader",
]
