"""Scaling: speed-up from 1 to 2 workers (local processes and a Dask cluster), peak RSS per worker, and whether
memory stays flat over a long run. Not a test: machines are shared, so compare ratios from one run.

- local: `ingest(..., workers=k)` of the full-text corpus into a fresh store, k = 1 and 2 (pool start and model
  loading included, as a user sees it);
- dask: a LocalCluster of k single-threaded worker processes, models warmed up first, the same ingest through
  `--engine dask` (Parquet parts attached to the store);
- memory: one process ingests the RUWA titles/leads; resident memory after 1,000 and after 10,000 articles.

    python bench/scale.py --json                  # everything (several minutes)
    python bench/scale.py --skip-memory --limit 200
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import current_rss_mb  # noqa: E402

SHARED = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data" / "corpus"


def articles_of(path: Path, limit: int | None) -> list:
    from dateline.read import read_paths

    items = [a for a in read_paths([path]) if not isinstance(a, Exception)]
    return items[:limit] if limit else items


def timed_ingest(articles: list, **kwargs) -> float:
    from dateline.ingest import ingest
    from dateline.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        summary = ingest(iter(articles), store, parts_dir=Path(tmp) / "parts", **kwargs)
        elapsed = time.perf_counter() - start
        assert summary.stored == len(articles), summary.as_dict()
    return elapsed


def local_scaling(articles: list) -> dict:
    one = timed_ingest(articles, workers=1)
    two = timed_ingest(articles, workers=2)
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "local_1_worker_s": round(one, 1),
        "local_2_workers_s": round(two, 1),
        "local_speedup": round(one / two, 2),
        "local_articles_per_s_2_workers": round(len(articles) / two, 2),
        "local_peak_rss_per_worker_mb": round(children_peak, 1),
    }


def _warm() -> float:
    from dateline.nlp import load_pipeline

    load_pipeline()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_scaling(articles: list) -> dict:
    from distributed import Client, LocalCluster

    result = {}
    for n in (1, 2):
        with (
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
            Client(cluster) as client,
        ):
            client.run(_warm)
            result[n] = timed_ingest(articles, scheduler=cluster.scheduler_address)
            peaks = client.run(_peak)
        result[f"rss_{n}"] = max(peaks.values())
    return {
        "dask_1_worker_s": round(result[1], 1),
        "dask_2_workers_s": round(result[2], 1),
        "dask_speedup": round(result[1] / result[2], 2),
        "dask_peak_rss_per_worker_mb": round(result["rss_2"], 1),
    }


def memory_over_time(path: Path, total: int) -> dict:
    from dateline.ingest import ingest
    from dateline.store import Store

    marks = {}
    seen = 0

    def tick(n: int) -> None:
        nonlocal seen
        seen += n
        for mark in (1000, total):
            if seen >= mark and mark not in marks:
                marks[mark] = current_rss_mb()

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "long.duckdb") as store:
        ingest(iter(articles_of(path, total)), store, workers=1, on_progress=tick)
    return {
        "rss_after_1k_mb": round(marks.get(1000, 0), 1),
        f"rss_after_{total // 1000}k_mb": round(marks.get(total, 0), 1),
        "rss_growth_1k_to_end": round(marks.get(total, 0) / marks.get(1000, 1), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "ukraine_war_fulltext_gdelt.jsonl")
    parser.add_argument("--long", type=Path, default=SHARED / "ruwa_titles_leads.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="articles of --corpus for the speed-ups")
    parser.add_argument("--long-total", type=int, default=10_000)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    articles = articles_of(args.corpus, args.limit)
    result = {"articles": len(articles), "words": sum(a.n_words for a in articles), "cpus": os.cpu_count()}
    result.update(local_scaling(articles))
    if not args.skip_dask:
        result.update(dask_scaling(articles))
    if not args.skip_memory:
        result.update(memory_over_time(args.long, args.long_total))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:<32} {value}")


if __name__ == "__main__":
    main()
