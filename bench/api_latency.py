"""Latency of /events on a store of generated event mentions (default 1M), through real HTTP.

Fills `event_index` (and a matching `articles` row per 10 events) with
synthetic but plausible rows: days over three years, points over Ukraine and
its neighbours, 16 PLOVER types, a few hundred actor names and sources. Then
serves the store with uvicorn in a child process and times a mix of /events
queries (no filter, date range, bbox, type, actor text, all combined, deep
offset), each also run directly in DuckDB in this process as the baseline.

    python bench/api_latency.py                  # 1,000,000 events, 300 requests
    python bench/api_latency.py --events 100000 --requests 100 --json
    python bench/api_latency.py --clients 50     # also: 50 clients at once, and light requests beside heavy ones
    python bench/api_latency.py --clients 50 --workers 2   # two server processes (default: `dateline serve`'s)
    python bench/api_latency.py --unclustered    # the event index in insertion order, as before `dateline fuse`
    python bench/api_latency.py --fused          # one fused event per two mentions: /events serves the fused view

With `--clients N` it then sends the same plan from N clients at once
(requests/s, p50, p99, errors, and the server's CPU time per request, which
depends less on what else the machine runs), and times `/stats` while heavy requests
(5,000-item pages deep in the list) run: how long a light request waits
behind a heavy one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from dateline.api import SERVE_WORKERS
from dateline.store import Store
from dateline.store.browse import EventFilter, list_events
from dateline.store.tables import create_fusion_tables

PLOVER = [
    "ASSAULT",
    "COERCE",
    "PROTEST",
    "RETREAT",
    "ACCUSE",
    "CONSULT",
    "AGREE",
    "AID",
    "REQUEST",
    "REJECT",
    "SUPPORT",
    "THREATEN",
    "MOBILIZE",
    "SANCTION",
    "CONCEDE",
    "COOPERATE",
]


def build_store(path: Path, n_events: int, *, clustered: bool = True, fused: bool = False) -> None:
    """Fill a store with generated events; `fused`: also one fused event per two mentions, so /events serves the
    fused view as after `dateline fuse`; `clustered`: then put the tables in day order, as `dateline fuse` does
    once a store has grown (the generated rows cycle through every day in every row group, as rows in ingest
    order would)."""
    with Store(path) as store:
        store.con.execute(f"""
            INSERT INTO articles (id, published, source, title, lang, n_words, status, text)
            SELECT 'bench-' || i, DATE '2022-01-01' + CAST(i % 1100 AS INTEGER), 'source' || (i % 300) || '.example',
                   'Generated article ' || i, 'en', 400, 'extracted', 'generated'
            FROM range({(n_events + 9) // 10}) t(i)""")
        types = "[" + ", ".join(f"'{t}'" for t in PLOVER) + "]"
        store.con.execute(f"""
            INSERT INTO event_index (article_id, idx, span_start, span_end, trigger, published, source, day,
                                     date, date_precision, plover, cameo, acled_event_type,
                                     acled_sub_event_type, status, confidence, place_name, country, lat, lon,
                                     geo_precision, source_actor, target_actor)
            SELECT 'bench-' || (i // 10), i % 10, 10, 18, 'shelling',
                   DATE '2022-01-01' + CAST((i // 10) % 1100 AS INTEGER),
                   'source' || ((i // 10) % 300) || '.example',
                   DATE '2022-01-01' + CAST((i // 10) % 1100 AS INTEGER),
                   CAST(DATE '2022-01-01' + CAST((i // 10) % 1100 AS INTEGER) AS VARCHAR), 'day',
                   {types}[1 + CAST(hash(i) % 16 AS INTEGER)], '19', 'Battles', 'Armed clash', 'reported', 0.9,
                   'Place ' || (hash(i * 7) % 5000), 'UA', 44.0 + (hash(i * 3) % 800) / 100.0,
                   22.0 + (hash(i * 5) % 1800) / 100.0, 1,
                   'Actor ' || (hash(i * 11) % 400), 'Actor ' || (hash(i * 13) % 400)
            FROM range({n_events}) t(i)""")
        create_fusion_tables(store.con)
        if fused:
            store.con.execute("""
                INSERT INTO fused_events (id, plover, acled_event_type, acled_sub_event_type, day, date_precision,
                                          place_name, country, lat, lon, geo_precision, source_actor, target_actor,
                                          statuses, n_mentions, n_articles, n_sources, first_seen, last_seen)
                SELECT CAST(substr(article_id, 7) AS BIGINT) * 5 + idx // 2, any_value(plover),
                       any_value(acled_event_type), any_value(acled_sub_event_type), any_value(day), 'day',
                       any_value(place_name), 'UA', any_value(lat), any_value(lon), 1, any_value(source_actor),
                       any_value(target_actor), 'reported', 2, 1, 1, any_value(published), any_value(published)
                FROM event_index GROUP BY article_id, idx // 2""")
            store.con.execute("""
                INSERT INTO fused_members (fused_id, article_id, idx)
                SELECT CAST(substr(article_id, 7) AS BIGINT) * 5 + idx // 2, article_id, idx FROM event_index""")
        if clustered:
            store.cluster_in_day_order()
        store.con.execute("CHECKPOINT")


QUERIES = [
    {},
    {"date_from": "2023-03-01", "date_to": "2023-03-31"},
    {"bbox": "36,47,39,49.5"},
    {"plover": "ASSAULT"},
    {"actor": "actor 17"},
    {"text": "place 42"},
    {"bbox": "30,46,40,52", "date_from": "2022-06-01", "date_to": "2022-12-31", "plover": "COERCE"},
    {"offset": 50000},
]


def filter_of(params: dict) -> EventFilter:
    bbox = tuple(float(v) for v in params["bbox"].split(",")) if "bbox" in params else None
    import datetime as dt

    dates = {k: dt.date.fromisoformat(params[k]) for k in ("date_from", "date_to") if k in params}
    rest = {k: v for k, v in params.items() if k in ("plover", "actor", "text")}
    return EventFilter(bbox=bbox, **dates, **rest)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


HEAVY = {"view": "mentions", "limit": 5000, "offset": 40000, "text": "a"}


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by process `pid` and its descendants (Linux's /proc; None elsewhere).
    On a shared machine the requests per second depend on what else runs; the server's CPU per request does not
    as much."""
    try:
        stats = {}
        for path in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = path.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(path.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    except OSError:
        return None
    if pid not in stats:
        return None
    tree, ticks = {pid}, 0
    for _ in range(4):  # the server, its workers, their children
        tree |= {child for child, (parent, _) in stats.items() if parent in tree}
    ticks = sum(stats[p][1] for p in tree)
    return ticks / os.sysconf("SC_CLK_TCK")


def concurrent_phase(base: str, plan: list[dict], clients: int, limit: int, server_pid: int | None = None) -> dict:
    """The plan sent from `clients` threads at once, each with its own connection."""
    local = threading.local()

    def one(params: dict) -> tuple[float, bool]:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=60)
        t0 = time.perf_counter()
        try:
            ok = local.client.get("/events", params={"view": "mentions", "limit": limit, **params}).status_code == 200
        except httpx.HTTPError:
            ok = False
        return (time.perf_counter() - t0) * 1000, ok

    cpu_before = cpu_seconds(server_pid) if server_pid else None
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, plan))
    wall = time.perf_counter() - start
    cpu_after = cpu_seconds(server_pid) if server_pid else None
    times = [ms for ms, _ in results]
    cpu = {}
    if cpu_before is not None and cpu_after is not None:
        cpu = {"concurrent_server_cpu_ms_per_request": round((cpu_after - cpu_before) / len(plan) * 1000, 1)}
    return {
        "clients": clients,
        "concurrent_requests_per_s": round(len(plan) / wall, 1),
        "concurrent_p50_ms": round(statistics.median(times), 1),
        "concurrent_p99_ms": round(percentile(times, 0.99), 1),
        "concurrent_errors": sum(not ok for _, ok in results),
        **cpu,
    }


def light_behind_heavy(base: str, heavy: int = 4, light: int = 20) -> dict:
    """The longest `/stats` answer while `heavy` clients keep asking for 5,000-item pages."""
    stop = threading.Event()

    def keep_heavy() -> int:
        n = 0
        with httpx.Client(base_url=base, timeout=120) as client:
            while not stop.is_set():
                client.get("/events", params=HEAVY)
                n += 1
        return n

    with ThreadPoolExecutor(heavy) as pool, httpx.Client(base_url=base, timeout=60) as client:
        heavies = [pool.submit(keep_heavy) for _ in range(heavy)]
        time.sleep(0.5)
        waits = []
        for _ in range(light):
            t0 = time.perf_counter()
            client.get("/stats").raise_for_status()
            waits.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.05)
        stop.set()
        done = sum(f.result() for f in heavies)
    return {"light_max_ms_beside_heavy": round(max(waits), 1), "heavy_requests_meanwhile": done}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--limit", type=int, default=100, help="page size of each request")
    parser.add_argument("--clients", type=int, default=0, help="also send the plan from this many clients at once")
    parser.add_argument(
        "--workers", type=int, default=SERVE_WORKERS, help="server processes (`dateline serve --workers`)"
    )
    parser.add_argument(
        "--unclustered", action="store_true", help="leave the event index in insertion order (before `dateline fuse`)"
    )
    parser.add_argument("--fused", action="store_true", help="also fused events: /events serves the fused view")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        build_store(db, args.events, clustered=not args.unclustered, fused=args.fused)
        build_s = time.perf_counter() - start

        rng = random.Random(7)
        plan = [rng.choice(QUERIES) for _ in range(args.requests)]
        with Store(db, read_only=True) as store:
            direct = []
            for params in plan:
                t0 = time.perf_counter()
                list_events(
                    store, filter_of(params), fused=args.fused, limit=args.limit, offset=params.get("offset", 0)
                )
                direct.append((time.perf_counter() - t0) * 1000)

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dateline.cli",
                "serve",
                "--db",
                str(db),
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, timeout=30) as client:
                for _ in range(200):
                    try:
                        client.get("/stats")
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                client.get("/events", params={"limit": args.limit})
                http = []
                for params in plan:
                    t0 = time.perf_counter()
                    response = client.get("/events", params={"view": "mentions", "limit": args.limit, **params})
                    http.append((time.perf_counter() - t0) * 1000)
                    response.raise_for_status()
            more = {}
            if args.clients:
                more = concurrent_phase(base, plan, args.clients, args.limit, server.pid) | light_behind_heavy(base)
        finally:
            server.terminate()
            server.wait(timeout=10)

    result = {
        "events": args.events,
        "requests": args.requests,
        "page_size": args.limit,
        "workers": args.workers,
        "clustered": not args.unclustered,
        "fused": args.fused,
        "build_s": round(build_s, 1),
        "http_p50_ms": round(statistics.median(http), 1),
        "http_p95_ms": round(percentile(http, 0.95), 1),
        "http_max_ms": round(max(http), 1),
        "direct_p50_ms": round(statistics.median(direct), 1),
        "direct_p95_ms": round(percentile(direct, 0.95), 1),
        "p95_ratio_http_to_direct": round(percentile(http, 0.95) / percentile(direct, 0.95), 2),
        **more,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:<26} {value}")


if __name__ == "__main__":
    main()
