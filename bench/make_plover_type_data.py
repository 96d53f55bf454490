"""Write src/dateline/data/train/plover_type.jsonl from the PLOVER gold standard record and PETRARCH's validation set.

Each sentence of `plover_gsr/plover_gsr.jsonl` (CC BY-SA 4.0) becomes a row with its text, its PLOVER 2021 label
and the characters of its first EVT span as `trigger` (null when it has none); each sentence of
`petrarch_validation` (MIT) whose events share one PLOVER category becomes a row labelled as a whole (`trigger`
null). Run once when the sources change:

    python bench/make_plover_type_data.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "train" / "plover_type.jsonl"


def rows(shared: Path):
    with open(shared / "training" / "plover_gsr" / "plover_gsr.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            spans = [s for s in record["spans"] if s["label"] == "EVT"]
            yield {
                "id": record["id"],
                "source": "plover_gsr",
                "licence": "CC BY-SA 4.0",
                "text": record["text"],
                "trigger": [spans[0]["start"], spans[0]["end"]] if spans else None,
                "plover": record["plover_label"],
            }


def petrarch_rows(shared: Path):
    """PETRARCH validation sentences (MIT) that code exactly one PLOVER type, labelled as a whole (`trigger` null)."""
    with open(shared / "training" / "petrarch_validation" / "petrarch_validation.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            types = {e["plover_category"] for e in record["events"]}
            if record["no_events"] or len(types) != 1 or None in types:
                continue
            yield {
                "id": record["id"],
                "source": "petrarch_validation",
                "licence": "MIT",
                "text": record["text"],
                "trigger": None,
                "plover": types.pop(),
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared")
    args = parser.parse_args()
    with open(OUT, "w", encoding="utf-8") as out:
        for row in [*rows(args.shared), *petrarch_rows(args.shared)]:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
