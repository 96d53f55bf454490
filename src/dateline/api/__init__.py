"""The HTTP API and the web UI over a store (needs the `serve` extra: fastapi, uvicorn)."""
