"""Precision of merges and contradictions on the hand-labelled pairs in tests/data/fusion, for a fused store.

dateline ingest ../shared/data/corpus/ruwa_titles_leads.jsonl --db ruwa.duckdb && dateline fuse --db ruwa.duckdb
python bench/fusion_precision.py --db ruwa.duckdb --corpus ruwa_titles_leads --sample test --json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.evaluate.fusion import contradiction_precision, merge_precision, read_labels
from dateline.store import Store

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--corpus", help="only the labels drawn from this corpus (the store must hold it)")
    parser.add_argument(
        "--sample",
        choices=["dev1", "dev2", "test", "candidates"],
        help="dev1 and dev2 labels guided the rules (in that order); test labels did not; "
        "candidates: claim pairs about one fused event drawn without regard to the rules",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with Store(args.db, read_only=True) as store:
        result = {
            **merge_precision(store, read_labels(LABELS / "merge_labels.jsonl", args.corpus, args.sample)),
            **{
                f"contradiction_{k}" if k in ("kept", "labelled") else k: v
                for k, v in contradiction_precision(
                    store, read_labels(LABELS / "contradiction_labels.jsonl", args.corpus, args.sample)
                ).items()
            },
        }
    print(json.dumps(result) if args.json else "\n".join(f"{k:<28} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
