"""/stats: what the store holds."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from ...store import browse
from ..deps import StoreReader, store_session
from ..models import Stats

router = APIRouter()


@router.get("", response_model=Stats)
async def stats(request: Request) -> dict[str, Any]:
    """Counts per table, languages, date range, pipeline versions."""
    # Once counted, the figures of the open store are answered on the event loop: no worker thread to wait for,
    # so a /stats beside heavy pages waits for nothing but the loop.
    reader: StoreReader = request.app.state.reader
    kept = reader.kept(browse.SUMMARY_KEY)
    if kept is not None:
        return kept
    return await run_in_threadpool(_count, request)


def _count(request: Request) -> dict[str, Any]:
    with contextmanager(store_session)(request) as store:
        return browse.summary(store)
