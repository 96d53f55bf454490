"""The HTTP API and the web UI over a store (needs the `serve` extra: fastapi, uvicorn)."""

# Server processes `dateline serve` runs unless told otherwise (`--workers`). One: DuckDB already spreads one
# process's queries over every core, and on 2 cores a second process cost more CPU per request than it saved
# (bench/api_latency.py --workers 1 / 2)
SERVE_WORKERS = 1
