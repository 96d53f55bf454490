"""What the routes share: the store, handed to one request at a time, and the paging parameters.

A DuckDB connection is not for concurrent use, so `StoreDep` admits one
request at a time (`max_concurrency=1`, held until the route function
returns). The others wait for it on the event loop, not in a worker thread,
so a burst of requests cannot take every thread while the one holding the
store waits for a thread to run in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request

from ..store import Store
from ..store.browse import MAX_LIMIT


class StoreReader:
    """The store at `path`, opened read-only once: at start-up by the app's lifespan, or at first use when the
    server runs no lifespan (a mounted sub-application, a TestClient outside `with`).

    path (str | Path): the DuckDB file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.store: Store | None = None

    def open(self) -> Store:
        """The open store (opening it the first time).

        RETURNS (Store): opened read-only.
        """
        if self.store is None:
            self.store = Store(self.path, read_only=True)
        return self.store

    def close(self) -> None:
        """Close the store if it is open."""
        if self.store is not None:
            self.store.close()
            self.store = None


async def store_session(request: Request) -> AsyncIterator[Store]:
    """The app's store, for the length of one route function."""
    reader: StoreReader = request.app.state.reader
    yield reader.open()


StoreDep = Annotated[Store, Depends(store_session, scope="function", max_concurrency=1)]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]

__all__ = ["Limit", "Offset", "StoreDep", "StoreReader", "store_session"]
