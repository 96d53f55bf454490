"""Time to fuse generated event mentions (default 100,000), from scratch and incrementally.

Generates reports of made-up events: each event has a type, a day, a place
(one of 400 points over Ukraine) and a few words of its own, and is reported
by 1 to 6 articles (one mention per article sentence, three sentences per
article). Then times `fuse(store)` over all of it (every step: copy
signatures, linking, clustering, contradictions), and again after adding 1% more
articles (the incremental case). The baseline in the same process is a plain
DuckDB GROUP BY over the same mentions (what any fusion must at least read).

    python bench/fusion.py --json
    python bench/fusion.py --mentions 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from dateline.fuse import fuse
from dateline.store import Store

TYPES = ["ASSAULT", "COERCE", "PROTEST", "RETREAT", "CONSULT", "AID", "ACCUSE", "THREATEN"]
SUBTYPES = {
    "ASSAULT": "Shelling/artillery/missile attack",
    "COERCE": "Arrests",
    "PROTEST": "Peaceful protest",
    "RETREAT": "Other",
    "CONSULT": None,
    "AID": None,
    "ACCUSE": None,
    "THREATEN": None,
}


def generate(n_mentions: int, seed: int = 3) -> tuple[dict[str, list], dict[str, list]]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    places = [(f"Place{i}", 46 + rng.random() * 5, 30 + rng.random() * 8) for i in range(400)]
    articles = {k: [] for k in ("id", "published", "source", "text", "status", "content_hash", "pipeline_version")}
    mentions = {
        k: []
        for k in (
            "article_id",
            "idx",
            "span_start",
            "span_end",
            "trigger",
            "published",
            "source",
            "day",
            "date",
            "date_precision",
            "plover",
            "acled_sub_event_type",
            "status",
            "place_name",
            "lat",
            "lon",
            "geo_precision",
        )
    }
    start = dt.date(2022, 1, 1)
    pending: list[tuple] = []
    article = 0
    while len(mentions["article_id"]) < n_mentions:
        kind = rng.choice(TYPES)
        day = start + dt.timedelta(days=rng.randrange(900))
        place = rng.choice(places)
        words = rng.sample(vocabulary, 6)
        for _ in range(rng.randint(1, 6)):
            pending.append((kind, day, place, words))
            if len(pending) == 3:
                article += 1
                article_id = f"gen-{article}"
                sentences, offset = [], 0
                for idx, (k, d, (name, lat, lon), w) in enumerate(pending):
                    sentence = f"Officials said the {k.lower()} near {name} involved {' '.join(rng.sample(w, 4))}"
                    sentences.append(sentence)
                    trigger_at = offset + sentence.index(k.lower())
                    for key, value in (
                        ("article_id", article_id),
                        ("idx", idx),
                        ("span_start", trigger_at),
                        ("span_end", trigger_at + len(k)),
                        ("trigger", k.lower()),
                        ("published", d + dt.timedelta(days=1)),
                        ("source", f"source{article % 50}"),
                        ("day", d),
                        ("date", d.isoformat()),
                        ("date_precision", "day"),
                        ("plover", k),
                        ("acled_sub_event_type", SUBTYPES[k]),
                        ("status", "reported"),
                        ("place_name", name),
                        ("lat", lat + rng.random() * 0.01),
                        ("lon", lon + rng.random() * 0.01),
                        ("geo_precision", 1),
                    ):
                        mentions[key].append(value)
                    offset += len(sentence) + 2
                text = ". ".join(sentences) + "."
                for key, value in (
                    ("id", article_id),
                    ("published", pending[-1][1] + dt.timedelta(days=1)),
                    ("source", f"source{article % 50}"),
                    ("text", text),
                    ("status", "extracted"),
                    ("content_hash", str(hash(text))),
                    ("pipeline_version", "bench"),
                ):
                    articles[key].append(value)
                pending = []
    return articles, mentions


def load(store: Store, articles: dict, mentions: dict, rows: slice) -> None:
    ids = set(articles["id"][rows])
    arts = {k: v[rows] for k, v in articles.items()}
    keep = [i for i, a in enumerate(mentions["article_id"]) if a in ids]
    ments = {k: [v[i] for i in keep] for k, v in mentions.items()}
    for table, columns in (("articles", arts), ("event_index", ments)):
        store.con.register("_gen", pa.table(columns))
        names = ", ".join(columns)
        store.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _gen")
        store.con.unregister("_gen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    articles, mentions = generate(args.mentions)
    n_articles = len(articles["id"])
    head = slice(0, n_articles - n_articles // 100)
    tail = slice(n_articles - n_articles // 100, n_articles)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "fuse.duckdb") as store:
        load(store, articles, mentions, head)
        start = time.perf_counter()
        store.query("SELECT plover, day, place_name, count(*) FROM event_index GROUP BY ALL")
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        full = fuse(store)
        first = time.perf_counter() - start
        load(store, articles, mentions, tail)
        start = time.perf_counter()
        more = fuse(store)
        incremental = time.perf_counter() - start
    result = {
        "mentions": len(mentions["article_id"]),
        "articles": n_articles,
        "fuse_s": round(first, 2),
        "fuse_steps_s": full.seconds,
        "fused_events": full.fused_events,
        "incremental_articles": more.articles,
        "incremental_s": round(incremental, 2),
        "baseline_group_by_s": round(baseline, 3),
        "ratio_to_baseline": round(first / max(baseline, 1e-6), 1),
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k:<24} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
