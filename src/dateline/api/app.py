"""The HTTP API and the web UI over a store: `dateline serve` runs `create_app`.

Read-only: the store is opened read-only and every route is a GET. The UI's
front-end packages (Leaflet, its cluster plug-in, world-atlas, topojson-client,
Swagger UI) come from npm at set-up (`make install` runs `npm ci` in
`dateline/web`); they are served from there, never from a CDN.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from ..store import browse
from ..store import Store
from ..version import PIPELINE_VERSION, __version__

WEB_DIR = Path(__file__).parent.parent / "web"
VENDOR_DIR = Path(os.environ.get("DATELINE_WEB_MODULES", WEB_DIR / "node_modules"))
MISSING_ASSETS = ("<!doctype html><meta charset=utf-8><title>Dateline</title><p>The web UI's front-end packages are "
                  "not installed. Run <code>make install</code> (or <code>npm ci --prefix {path}</code>). The API "
                  "works without them: see <a href=/openapi.json>/openapi.json</a>.")

# The UI renders every field with textContent; this policy stops inline script too.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
}


Limit = Annotated[int, Query(ge=0, le=browse.MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
BBox = Annotated[str | None, Query(description="west,south,east,north in degrees")]
View = Annotated[str, Query(pattern="^(auto|mentions|fused)$",
                            description="mentions, fused events, or auto: fused once `dateline fuse` has run")]


class StoreReader:
    """One read-only DuckDB connection shared by the request threads, one query at a time."""

    def __init__(self, path: str | Path) -> None:
        self.store = Store(path, read_only=True)
        self._lock = threading.Lock()

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        with self._lock:
            yield self.store


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox is west,south,east,north in degrees, e.g. 36,47,39,50") from None
    return west, south, east, north


def event_filters(bbox: BBox = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
                  plover: str | None = None, acled_type: str | None = None, actor: str | None = None,
                  source: str | None = None, text: str | None = None,
                  article_id: str | None = None) -> browse.EventFilter:
    """The /events filters, shared by the routes that list or count events."""
    return browse.EventFilter(bbox=_bbox(bbox), date_from=date_from, date_to=date_to, plover=plover,
                              acled_type=acled_type, actor=actor, source=source, text=text, article_id=article_id)


Filters = Annotated[browse.EventFilter, Depends(event_filters)]


def create_app(db: str | Path) -> FastAPI:
    """The API and UI over the store at `db`, opened read-only."""
    reader = StoreReader(db)
    app = FastAPI(
        title="Dateline",
        version=__version__,
        summary="Events, places, dates, actors and claims extracted from dated news reports, each with its source span.",
        description=f"Pipeline {PIPELINE_VERSION}. Lists answer `{{items, total}}` and take `limit` and `offset`.",
        docs_url=None,
        redoc_url=None,
    )

    def fused_view(view: str, store: Store) -> bool:
        return view == "fused" or (view == "auto" and browse.has_fusion(store))

    @app.get("/articles", tags=["articles"])
    def articles(text: str | None = None, source: str | None = None, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Stored articles (without text), newest first."""
        with reader() as store:
            return browse.list_articles(store, text=text, source=source, date_from=date_from, date_to=date_to,
                                        limit=limit, offset=offset)

    @app.get("/articles/{article_id:path}", tags=["articles"])
    def article(article_id: str) -> dict[str, Any]:
        """One article: its text and its record, every item with its character span."""
        with reader() as store:
            found = browse.article_detail(store, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return found

    @app.get("/events", tags=["events"])
    def events(filters: Filters, view: View = "auto", limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Event mentions, or fused events once fusion has run; newest first."""
        with reader() as store:
            fused = fused_view(view, store)
            page = browse.list_events(store, filters, fused=fused, limit=limit, offset=offset)
        return {**page, "view": "fused" if fused else "mentions"}

    @app.get("/events/histogram", tags=["events"])
    def histogram(filters: Filters, view: View = "auto") -> dict[str, Any]:
        """Events per day under the same filters as /events, the date range left out: the UI's timeline."""
        with reader() as store:
            fused = fused_view(view, store)
            return {"items": browse.event_histogram(store, filters, fused=fused), "view": "fused" if fused else "mentions"}

    @app.get("/events/{event_id:path}", tags=["events"])
    def event(event_id: str) -> dict[str, Any]:
        """One event (`m<idx>-<article id>` a mention, `f<n>` a fused event) with its mentions, claims and
        contradictions."""
        with reader() as store:
            found = browse.event_detail(store, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    @app.get("/claims", tags=["claims"])
    def claims(article_id: str | None = None, speaker: str | None = None, text: str | None = None,
               verification: str | None = None, contradicted: bool = False, limit: Limit = 100,
               offset: Offset = 0) -> dict[str, Any]:
        """Who said what: claims with speaker, cue, channel, and the claims that contradict them."""
        with reader() as store:
            return browse.list_claims(store, article_id=article_id, speaker=speaker, text=text,
                                      verification=verification, contradicted=contradicted, limit=limit, offset=offset)

    @app.get("/places", tags=["places"])
    def places(name: str | None = None, country: str | None = None, limit: Limit = 100,
               offset: Offset = 0) -> dict[str, Any]:
        """Resolved places, most often named first."""
        with reader() as store:
            return browse.list_places(store, name=name, country=country, limit=limit, offset=offset)

    @app.get("/stats", tags=["store"])
    def stats() -> dict[str, Any]:
        """Counts per table, languages, date range, pipeline versions."""
        with reader() as store:
            return browse.summary(store)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="Dateline API",
            swagger_js_url="/vendor/swagger-ui-dist/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui-dist/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui-dist/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        if not VENDOR_DIR.is_dir():
            return HTMLResponse(MISSING_ASSETS.format(path=WEB_DIR), status_code=503)
        return FileResponse(WEB_DIR / "app" / "index.html", headers=SECURITY_HEADERS)

    app.mount("/ui", StaticFiles(directory=WEB_DIR / "app", check_dir=False), name="ui")
    app.mount("/vendor", StaticFiles(directory=VENDOR_DIR, check_dir=False), name="vendor")
    app.state.reader = reader
    return app


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and UI with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


__all__ = ["create_app", "serve"]
