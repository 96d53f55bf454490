"""Downloads of an /events query (every event that matches, not one page), streamed as they are written.

`csv` is the event list's own columns with fatalities; `acled`, `geojson` and `gdelt` (GDELT Events 2.0) are the
export layouts of `dateline export`, written from the store narrowed to the events that match
(`browse_map.narrowed`). A writer thread holds the request's store session and hands the text over in chunks;
the route waits for the first one, so a query that fails or runs longer than the query limit still answers its
error code. Only the query is timed: once the rows flow, a long download is not cut off.
"""

from __future__ import annotations

import contextlib
import csv
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from fastapi import Request
from fastapi.responses import StreamingResponse

from ...errors import Errors, StoreError
from ...export import acled, gdelt, geojson
from ...store import Store, browse, browse_map
from ..deps import QUERY_SECONDS, QueryTimeout, StoreReader

CHUNK_CHARS = 64 * 1024
WAIT_SECONDS = 60.0  # how long the writer waits for a client that stopped reading
DONE = object()


@dataclass(frozen=True)
class Layout:
    media_type: str
    suffix: str
    uses_export: bool  # written by an export layout from the narrowed store


LAYOUTS = {
    "csv": Layout("text/csv; charset=utf-8", "csv", False),
    "acled": Layout("text/csv; charset=utf-8", "acled.csv", True),
    "geojson": Layout("application/geo+json", "geojson", True),
    "gdelt": Layout("text/tab-separated-values; charset=utf-8", "gdelt.tsv", True),
}
EXPORTS: dict[str, Callable[[Store, IO[str]], int]] = {
    "acled": acled.write,
    "geojson": geojson.write,
    "gdelt": gdelt.write_events,
}
DOCUMENTED = {
    200: {
        "description": "A page of events, or with `format` every matching event as a file.",
        "content": {"text/csv": {}, "application/geo+json": {}, "text/tab-separated-values": {}},
    }
}


class Cancelled(Exception):
    """The client stopped reading the download."""


class ChunkWriter:
    """A text stream whose writes reach a queue in chunks (the first at once, so the first byte leaves early)."""

    def __init__(self, chunks: queue.Queue, cancelled: threading.Event) -> None:
        self.chunks, self.cancelled = chunks, cancelled
        self.parts: list[str] = []
        self.size = 0
        self.sent = False

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= CHUNK_CHARS or not self.sent:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if not self.parts:
            return
        chunk, self.parts, self.size, self.sent = "".join(self.parts), [], 0, True
        self.put(chunk)

    def put(self, item: Any) -> None:
        for _ in range(int(WAIT_SECONDS)):
            if self.cancelled.is_set():
                raise Cancelled
            try:
                self.chunks.put(item, timeout=1.0)
                return
            except queue.Full:
                continue
        raise Cancelled


def write_csv(session: Store, filters: browse.EventFilter, fused: bool, out: IO[str]) -> int:
    columns = browse.FUSED_COLUMNS if fused else browse.EVENT_COLUMNS
    names, rows = browse_map.event_rows(session, filters, columns, fused=fused)
    writer = csv.writer(out)
    writer.writerow(names)
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _write(session: Store, fmt: str, filters: browse.EventFilter, fused: bool, out: ChunkWriter) -> None:
    if not LAYOUTS[fmt].uses_export:
        write_csv(session, filters, fused, out)
        return
    with browse_map.narrowed(session, filters, fused=fused) as narrowed:
        EXPORTS[fmt](narrowed, out)


def _produce(reader: StoreReader, session: Store, job: tuple, out: ChunkWriter) -> None:
    """The writer thread: the whole download, then DONE (or the error), then the session given back."""
    try:
        _write(session, *job, out)
        out.flush()
        out.put(DONE)
    except Cancelled:
        pass
    except Exception as error:  # handed to the route or the stream, which raise it
        with contextlib.suppress(Cancelled):
            out.put(error)
    finally:
        session.close()
        reader.release()


def download(request: Request, fmt: str, filters: browse.EventFilter, *, fused: bool, view: str) -> StreamingResponse:
    """Every event that matches, in `fmt`, streamed with a Content-Disposition filename."""
    reader: StoreReader = request.app.state.reader
    seconds = getattr(request.app.state, "query_seconds", QUERY_SECONDS)
    session = reader.acquire().session()
    chunks: queue.Queue = queue.Queue(maxsize=16)
    cancelled = threading.Event()
    out = ChunkWriter(chunks, cancelled)
    fired = threading.Event()

    def stop_the_query() -> None:
        fired.set()
        session.interrupt()

    timer = threading.Timer(seconds, stop_the_query)
    timer.daemon = True
    timer.start()
    threading.Thread(
        target=_produce, args=(reader, session, (fmt, filters, fused), out), name="download", daemon=True
    ).start()
    first = chunks.get()
    timer.cancel()
    if isinstance(first, StoreError) and fired.is_set():
        raise QueryTimeout(Errors.E303.format(seconds=seconds)) from None
    if isinstance(first, Exception):
        raise first
    layout = LAYOUTS[fmt]
    headers = {"Content-Disposition": f'attachment; filename="dateline-events-{view}.{layout.suffix}"'}
    return StreamingResponse(_stream(first, chunks, cancelled), media_type=layout.media_type, headers=headers)


def _stream(first: Any, chunks: queue.Queue, cancelled: threading.Event) -> Iterator[bytes]:
    try:
        item = first
        while item is not DONE:
            if isinstance(item, Exception):
                raise item
            yield item.encode("utf-8")
            item = chunks.get()
    finally:
        cancelled.set()


__all__ = ["DOCUMENTED", "LAYOUTS", "download", "write_csv"]
