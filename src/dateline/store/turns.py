"""Taking turns on one store file: a server reading it while `dateline ingest` writes it.

DuckDB lets one process write a file and then no other process open it, or
many processes read it. So a writer that shares the file (`Store(share=True)`)
holds it only for its turns (`Store.turn`): it announces the turn with a
marker file beside the store (`<db>.turn`, holding its pid), opens the store
once the readers have let go, writes, closes, and removes the marker. A server
(`api.deps.StoreReader`) sees the marker before each request, lets the
requests in flight finish, closes the store, and opens it again, with the new
batch in it, once the turn is over. A marker left by a killed writer names a
dead pid and is ignored.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WAIT_SECONDS = 60.0
POLL_SECONDS = 0.05


def marker(db: str | Path) -> Path:
    """The file that announces a writer's turn on the store `db`."""
    return Path(f"{db}.turn")


def writer_waiting(db: str | Path) -> bool:
    """Whether a live writer has announced a turn on `db` (a marker of a dead process does not count)."""
    path = marker(db)
    try:
        pid = int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    return pid != os.getpid() and _alive(pid)


@contextmanager
def announced(db: str | Path) -> Iterator[None]:
    """Announce a writer's turn on `db` for the length of the block."""
    path = marker(db)
    path.write_text(str(os.getpid()))
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def retry_while_locked(open_once, wait: float):
    """`open_once()`, tried again while another process holds the file, for at most `wait` seconds.

    open_once (Callable[[], T]): raises `Locked` while the file is held.
    RETURNS (T): what `open_once` returns once it succeeds; the last `Locked` is raised after `wait`.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            return open_once()
        except Locked:
            if time.monotonic() >= deadline:
                raise
            time.sleep(POLL_SECONDS)


class Locked(Exception):
    """The store file is held by another process."""


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
