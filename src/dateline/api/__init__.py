"""The HTTP API and the web UI over a store (needs the `serve` extra: fastapi, uvicorn)."""

# Server processes `dateline serve` runs unless told otherwise (`--workers`)
SERVE_WORKERS = 2
