"""Per-word time of one very long article against the corpus's, in the same process, with peak memory.

The long article is corpus articles joined with blank lines up to `--chars` characters (1,000,000 by
default: spaCy's limit and Dateline's default --max-chars). The goal is a ratio of at most 3.

    python bench/long_article.py --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path

SHARED = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "data/corpus/ukraine_war_fulltext_gdelt.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=100, help="corpus articles timed as the baseline")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"error: {CORPUS} not found (set DATELINE_SHARED)", file=sys.stderr)
        return 2
    from dateline.nlp import load_pipeline
    from dateline.pipeline import extract_articles
    from dateline.read import make_article

    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    nlp = load_pipeline()
    day = dt.date(2023, 1, 1)
    corpus = [make_article(id=str(i), text=r["text"], published=day) for i, r in enumerate(rows[: args.baseline])]
    started = time.perf_counter()
    for _ in extract_articles(corpus, nlp=nlp):
        pass
    corpus_per_word = (time.perf_counter() - started) / sum(a.n_words for a in corpus)
    text, i = "", 0
    while len(text) < args.chars:
        text += rows[i % len(rows)]["text"] + "\n\n"
        i += 1
    long = make_article(id="long", text=text[: args.chars], published=day)
    started = time.perf_counter()
    record = next(extract_articles([long], nlp=nlp))
    long_seconds = time.perf_counter() - started
    result = {
        "chars": len(long.text),
        "words": long.n_words,
        "seconds": round(long_seconds, 1),
        "corpus_seconds_per_1k_words": round(corpus_per_word * 1000, 3),
        "long_seconds_per_1k_words": round(long_seconds / long.n_words * 1000, 3),
        "ratio": round(long_seconds / long.n_words / corpus_per_word, 2),
        "events": len(record.events),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k:<30} {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
