"""What the routes share: the store, a connection of its own for each request, and the parameters' types.

The store is opened read-only once; each request reads on its own cursor
(`Store.session`), so requests run side by side and a light one never waits
behind a heavy one. A request's queries are stopped after
`QUERY_SECONDS` (DuckDB has no statement timeout: a timer interrupts the
cursor), and the client is told so with a 503.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from ..errors import Errors, StoreError
from ..store import Store
from ..store.browse import MAX_LIMIT

QUERY_SECONDS = 10.0
MAX_OFFSET = 1_000_000_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class QueryTimeout(StoreError):
    """A request's query ran longer than `QUERY_SECONDS` and was stopped."""


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


def store_session(request: Request) -> Iterator[Store]:
    """A cursor on the app's store for the length of one route function, interrupted after `QUERY_SECONDS`.

    A sync generator: FastAPI runs it in the route's worker thread, so opening the cursor never blocks the loop.
    """
    reader: StoreReader = request.app.state.reader
    seconds = getattr(request.app.state, "query_seconds", QUERY_SECONDS)
    session = reader.open().session()
    timer = threading.Timer(seconds, session.interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield session
    except StoreError:
        if not timer.is_alive():
            raise QueryTimeout(Errors.E303.format(seconds=seconds)) from None
        raise
    finally:
        timer.cancel()
        session.close()


def _iso_date(value: object) -> object:
    """Only a calendar date written YYYY-MM-DD (pydantic would also take `0` as 1970-01-01)."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD, e.g. 2023-05-13")
    return value


StoreDep = Annotated[Store, Depends(store_session, scope="function")]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

__all__ = ["IsoDate", "Limit", "MAX_OFFSET", "Offset", "QUERY_SECONDS", "QueryTimeout", "StoreDep", "StoreReader"]
