"""The HTTP API and the web UI over a store: `dateline serve` runs `create_app`.

Read-only: the store is opened read-only, once (`lifespan`), each request
reads on a cursor of its own (`deps.store_session`), and every route is a GET.
Every response carries the security headers; a store error answers
`{detail}` with its code (503 when a query ran too long). The routes live in `routers/`, one module per resource; their
answers are the models of `models.py`. The UI's front-end packages (Leaflet,
its cluster plug-in, world-atlas, topojson-client, Swagger UI) come from npm
at set-up (`make install` runs `npm ci` in `dateline/web`); they are served
from there, never from a CDN.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import StoreError
from ..version import PIPELINE_VERSION, __version__
from . import SERVE_WORKERS
from .deps import QUERY_SECONDS, QueryTimeout, StoreBusy, StoreReader
from .models import ErrorDetail
from .routers import articles, claims, events, places, stats

WEB_DIR = Path(__file__).parent.parent / "web"
VENDOR_DIR = Path(os.environ.get("DATELINE_WEB_MODULES", WEB_DIR / "node_modules"))
MISSING_ASSETS = (
    "<!doctype html><meta charset=utf-8><title>Dateline</title><p>The web UI's front-end packages are "
    "not installed. Run <code>make install</code> (or <code>npm ci --prefix {path}</code>). The API "
    "works without them: see <a href=/openapi.json>/openapi.json</a>."
)

# On every response. The UI renders every field with textContent; the policy stops inline script too, and no
# other site may frame the UI.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)
SUMMARY = "Events, places, dates, actors and claims extracted from dated news reports, each with its source span."
ROUTERS = (
    (articles, "/articles", "articles"),
    (events, "/events", "events"),
    (claims, "/claims", "claims"),
    (places, "/places", "places"),
    (stats, "/stats", "store"),
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the store when the server starts and close it when it stops."""
    reader: StoreReader = app.state.reader
    reader.open()
    try:
        yield
    finally:
        reader.close()


def create_app(db: str | Path, *, query_seconds: float = QUERY_SECONDS) -> FastAPI:
    """The API and UI over the store at `db`, opened read-only.

    db (str | Path): the DuckDB file.
    query_seconds (float): a request's queries are stopped after this long (answered 503).
    RETURNS (FastAPI): the app; its `state.reader` holds the store.

    >>> create_app("news.duckdb").title
    'Dateline'
    """
    app = FastAPI(
        title="Dateline",
        version=__version__,
        summary=SUMMARY,
        description=f"Pipeline {PIPELINE_VERSION}. Lists answer `{{items, total}}` and take `limit` and `offset`.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.reader = StoreReader(db)
    app.state.query_seconds = query_seconds
    for module, prefix, tag in ROUTERS:
        app.include_router(module.router, prefix=prefix, tags=[tag], responses=STORE_ERRORS)
    _add_ui(app)
    _add_safety(app)
    return app


STORE_ERRORS: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorDetail, "description": "The query took too long, or a batch being stored took too long."},
    500: {"model": ErrorDetail, "description": "The store could not answer."},
}


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response that does not set its own. Plain ASGI, not
    `@app.middleware("http")`, which runs each request's app in a task of its own behind memory streams."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _add_safety(app: FastAPI) -> None:
    """Security headers on every response; store errors answered as `{detail}` with their code."""

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, err: StoreError) -> JSONResponse:
        status = 503 if isinstance(err, QueryTimeout | StoreBusy) else 500
        return JSONResponse({"detail": str(err)}, status_code=status, headers=SECURITY_HEADERS)


def _add_ui(app: FastAPI) -> None:
    """The web UI at /, its files at /ui and /vendor, and the API's docs at /docs, all served from here."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Dateline API",
            swagger_js_url="/vendor/swagger-ui-dist/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui-dist/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui-dist/favicon-32x32.png",
        )
        return HTMLResponse(page.body, headers={"Content-Security-Policy": _allowing_inline_scripts(page.body)})

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        if not VENDOR_DIR.is_dir():
            return HTMLResponse(MISSING_ASSETS.format(path=WEB_DIR), status_code=503)
        return FileResponse(WEB_DIR / "app" / "index.html")

    app.mount("/ui", StaticFiles(directory=WEB_DIR / "app", check_dir=False), name="ui")
    app.mount("/vendor", StaticFiles(directory=VENDOR_DIR, check_dir=False), name="vendor")


def _allowing_inline_scripts(html: bytes) -> str:
    """The security policy with the page's own inline scripts allowed by their hashes (Swagger UI starts
    itself with one), and no other inline script."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in INLINE_SCRIPT.findall(html)
    ]
    policy = SECURITY_HEADERS["Content-Security-Policy"]
    return policy.replace("script-src 'self'", " ".join(["script-src 'self'", *hashes]))


DB_VARIABLE = "DATELINE_SERVE_DB"  # the store a worker process of `serve(workers=N)` serves
PARENT_VARIABLE = "DATELINE_SERVE_PARENT"  # and the pid of the process that supervises it
# uvicorn kills a worker that does not answer its health check in time (5 s unless told): on a busy machine a
# worker still importing, or one whose Python is held by large pages, would be killed and started again, over and
# over, and its requests lost
WORKER_HEALTHCHECK_SECONDS = 60


def app_from_environment() -> FastAPI:
    """The app over the store named by `DATELINE_SERVE_DB`: what each uvicorn worker process builds (uvicorn
    starts workers from an import string, so the store's path comes by environment variable).

    A worker ends with the `dateline serve` process that started it, even one killed with SIGKILL (which
    uvicorn's own supervision does not see), so no orphan keeps serving the port or holding the store.

    RETURNS (FastAPI): as `create_app`.
    """
    if PARENT_VARIABLE in os.environ:
        from ..scale.local import _die_with_parent

        _die_with_parent(int(os.environ[PARENT_VARIABLE]), pdeathsig=True)
    return create_app(os.environ[DB_VARIABLE])


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, workers: int = SERVE_WORKERS) -> None:
    """Run the API and UI with uvicorn until interrupted.

    The store is opened before the server starts, so a store that cannot be
    opened stops `dateline serve` with Dateline's own error (lifespan then
    finds it open). With `workers` > 1, uvicorn runs that many processes on
    one socket, each opening the store read-only (DuckDB lets many processes
    read a file) and each taking turns with a writer on its own; the parent
    only checks that the store opens and supervises them.
    """
    import uvicorn

    if workers <= 1:
        app = create_app(db)
        app.state.reader.open()
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    StoreReader(db).open_once()
    os.environ[DB_VARIABLE] = str(Path(db).resolve())
    os.environ[PARENT_VARIABLE] = str(os.getpid())
    uvicorn.run(
        f"{__name__}:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )


__all__ = ["app_from_environment", "create_app", "lifespan", "serve"]
