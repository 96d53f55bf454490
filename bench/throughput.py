"""End-to-end throughput against bare spaCy, in one process, on the same texts.

Runs bare `nlp.pipe` (the same en_core_web_sm model, no Dateline components)
and the full Dateline extraction over the same articles, alternating the two
`--repeat` times, and reports the best run of each, their ratio and peak RSS.
The ratio is what to compare between machines and commits; absolute rates
vary with the load on the machine.

    python bench/throughput.py                       # 542 full articles of ../shared/data/corpus
    python bench/throughput.py --limit 100 --json    # last line: one JSON object
    python bench/throughput.py --limit 150 --per-component   # what each component adds
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = (
    Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    / "data/corpus/ukraine_war_fulltext_gdelt.jsonl"
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def gazetteer_memory(articles) -> dict:
    """Resident memory the gazetteer adds once loaded and used for every capitalised word of the texts."""
    import re

    from dateline.places.gazetteer import Gazetteer

    before = current_rss_mb()
    start = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - start
    words = {w for a in articles for w in re.findall(r"\b[A-Z][a-z]+\b", a.text)}
    start = time.perf_counter()
    hits = sum(len(gaz.lookup(w)) > 0 for w in words)
    per_lookup_us = (time.perf_counter() - start) / max(len(words), 1) * 1e6
    return {
        "gazetteer_load_s": round(load_s, 3),
        "gazetteer_rss_mb": round(current_rss_mb() - before, 1),
        "gazetteer_lookup_us": round(per_lookup_us, 1),
        "gazetteer_lookups": len(words),
        "gazetteer_hits": hits,
    }


def load_articles(path: Path, limit: int | None):
    from dateline.errors import ReadError
    from dateline.read import read_paths

    articles = [a for a in read_paths([path]) if not isinstance(a, ReadError) and a.lang == "en"]
    return articles[:limit] if limit else articles


def time_bare(nlp, articles, batch_size: int) -> float:
    names = [n for n in nlp.pipe_names if n.startswith("dateline_")]
    start = time.perf_counter()
    with nlp.select_pipes(disable=names):
        for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
            pass
    return time.perf_counter() - start


def time_full(nlp, articles, batch_size: int, only: str | None = None) -> float:
    """The full extraction; with `only`, every other Dateline component is switched off."""
    from dateline.pipeline import extract_articles

    names = [n for n in nlp.pipe_names if n.startswith("dateline_") and only is not None and n != only]
    with nlp.select_pipes(disable=names):
        start = time.perf_counter()
        for _ in extract_articles(articles, nlp=nlp, batch_size=batch_size):
            pass
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL articles (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs of each (best is kept)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--per-component",
        action="store_true",
        help="also time each Dateline component alone on top of spaCy: its cost as a share of bare spaCy",
    )
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object on the last line")
    args = parser.parse_args(argv)

    from dateline.nlp import load_pipeline

    articles = load_articles(args.corpus, args.limit)
    memory = gazetteer_memory(articles)
    nlp = load_pipeline()
    n_words = sum(a.n_words for a in articles)
    time_full(nlp, articles[:8], args.batch_size)  # warm-up: lexicon loads, first-call costs
    bare, full = [], []
    for _ in range(args.repeat):
        bare.append(time_bare(nlp, articles, args.batch_size))
        full.append(time_full(nlp, articles, args.batch_size))
    best_bare, best_full = min(bare), min(full)
    result = {
        "articles": len(articles),
        "words": n_words,
        "articles_per_s": round(len(articles) / best_full, 2),
        "words_per_s": round(n_words / best_full, 1),
        "bare_articles_per_s": round(len(articles) / best_bare, 2),
        "bare_words_per_s": round(n_words / best_bare, 1),
        "ratio": round(best_bare / best_full, 4),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "components": [n for n in nlp.pipe_names if n.startswith("dateline_")],
        **memory,
    }
    if args.per_component:
        result["component_overhead"] = {
            name: round(
                min(time_full(nlp, articles, args.batch_size, only=name) for _ in range(args.repeat)) / best_bare - 1, 4
            )
            for name in result["components"]
        }
    for key, value in result.items():
        print(f"{key:<22} {value}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
