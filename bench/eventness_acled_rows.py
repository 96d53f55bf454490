"""ACLED rows (event mentions with an ACLED type) on corpus articles, with and without the eventness classifier.

python bench/eventness_acled_rows.py --limit 150
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

SHARED = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "data/corpus/ukraine_war_fulltext_gdelt.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args()
    from dateline.components.eventness import EventnessModel
    from dateline.errors import ReadError
    from dateline.nlp import load_pipeline
    from dateline.pipeline import extract_articles
    from dateline.read import read_paths

    articles = [a for a in read_paths([CORPUS]) if not isinstance(a, ReadError) and a.lang == "en"][: args.limit]
    nlp = load_pipeline()
    events = nlp.get_pipe("dateline_events")
    result = {}
    for name, model in (("off", None), ("model", EventnessModel.load())):
        events.eventness = model
        rows = [e for r in extract_articles(articles, nlp=nlp) for e in r.events if e.acled_event_type]
        sub = Counter(e.acled_sub_event_type for e in rows)
        result[name] = {
            "acled_rows": len(rows),
            "armed_clash": sub["Armed clash"],
            "background": sum(e.status == "background" for e in rows),
            "top": sub.most_common(5),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
