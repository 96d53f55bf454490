"""How soon a download of /events starts: `/events?format=csv` on a store of generated event mentions (default 1M,
made as bench/api_latency.py makes them), through real HTTP.

For each query (no filter; two PLOVER types; a date range) it times, over `--repeat` requests, the first byte of
the body, the first data row (the line after the header) and the whole download, and counts the rows. The
baseline, run in this process on the same store, is DuckDB giving the first row of the same query
(`browse_map.event_rows`); the report gives each figure and its ratio to that baseline.

    python bench/api_stream.py                      # 1,000,000 events, 3 requests per query
    python bench/api_stream.py --events 100000 --repeat 5 --json
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from api_latency import build_store, filter_of  # bench/ is on the path when this runs as a script
from dateline.store import Store, browse, browse_map

QUERIES = [
    {},
    {"plover": "ASSAULT,COERCE"},
    {"date_from": "2023-03-01", "date_to": "2023-03-31"},
]


def baseline_first_row_ms(db: Path, params: dict) -> float:
    """DuckDB's first row of the download's query, in this process."""
    filters = filter_of({k: v for k, v in params.items() if k != "plover"})
    if "plover" in params:
        filters.plover = tuple(params["plover"].split(","))
    with Store(db, read_only=True) as store:
        t0 = time.perf_counter()
        _, rows = browse_map.event_rows(store, filters, browse.EVENT_COLUMNS, fused=False)
        next(rows, None)
        ms = (time.perf_counter() - t0) * 1000
        rows.close()
    return ms


def download(base: str, params: dict) -> dict:
    """One streamed download: ms to the first byte, to the first data row, to the end; rows and bytes."""
    t0 = time.perf_counter()
    first_byte = first_row = None
    size = newlines = 0
    query = {"view": "mentions", "format": "csv", **params}
    with httpx.Client(base_url=base, timeout=600) as client, client.stream("GET", "/events", params=query) as response:
        response.raise_for_status()
        for chunk in response.iter_raw():
            now = (time.perf_counter() - t0) * 1000
            first_byte = now if first_byte is None else first_byte
            size += len(chunk)
            newlines += chunk.count(b"\n")
            if first_row is None and newlines >= 2:
                first_row = now
    total = (time.perf_counter() - t0) * 1000
    return {
        "first_byte_ms": first_byte,
        "first_row_ms": first_row,
        "total_ms": total,
        "rows": newlines - 1,
        "bytes": size,
    }


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def measure(db: Path, base: str, params: dict, repeat: int) -> dict:
    runs = [download(base, params) for _ in range(repeat)]
    baseline = statistics.median(baseline_first_row_ms(db, params) for _ in range(repeat))
    median = {key: statistics.median(r[key] for r in runs) for key in ("first_byte_ms", "first_row_ms", "total_ms")}
    return {
        "query": params or "everything",
        "rows": runs[0]["rows"],
        "megabytes": round(runs[0]["bytes"] / 1e6, 1),
        **{key: round(value, 1) for key, value in median.items()},
        "baseline_first_row_ms": round(baseline, 1),
        "first_byte_vs_baseline": round(median["first_byte_ms"] / baseline, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="requests per query (the median is reported)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        build_store(db, args.events)
        server, base = serve(db)
        try:
            httpx.get(base + "/stats", timeout=60).raise_for_status()
            results = [measure(db, base, params, args.repeat) for params in QUERIES]
        finally:
            server.terminate()
            server.wait(timeout=30)
    report = {"events": args.events, "repeat": args.repeat, "queries": results}
    if args.json:
        print(json.dumps(report))
        return
    for r in results:
        timings = (
            f"first byte {r['first_byte_ms']:>7} ms  first row {r['first_row_ms']:>7} ms  all {r['total_ms']:>8} ms"
        )
        baseline = f"DuckDB's first row {r['baseline_first_row_ms']} ms, x{r['first_byte_vs_baseline']}"
        print(f"{json.dumps(r['query']):45} {r['rows']:>9} rows {r['megabytes']:>6} MB  {timings}  ({baseline})")


if __name__ == "__main__":
    main()
