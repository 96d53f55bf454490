"""How far from their true point the gazetteer puts the Ukrainian villages it places by their hromada.

The truth is GeoNames' postal points in ../shared/data/gazetteer (coordinates of the place itself,
accuracy 4, not flagged suspect), used here only to measure. A village is compared when its name
occurs once in its oblast both in the gazetteer's placed villages and in the postal list.

    python bench/village_points.py --json
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from dateline.places.gazetteer import Gazetteer
from dateline.places.geometry import haversine_km
from dateline.places.katottg import GID_BASE, transliterate

POSTAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteer" / "ukraine_gazetteer.jsonl"


def postal_points(path: Path) -> dict[tuple[str, str], tuple[float, float]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [
        r
        for r in rows
        if r["source"] == "geonames-postal-UA" and r.get("coord_accuracy") == 4 and not r.get("coord_suspect")
    ]
    keys = Counter((transliterate(r["name"]), r["admin1"]) for r in rows)
    return {
        (transliterate(r["name"]), r["admin1"]): (r["lat"], r["lon"])
        for r in rows
        if keys[(transliterate(r["name"]), r["admin1"])] == 1
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postal", type=Path, default=POSTAL)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    gaz = Gazetteer.load()
    placed = np.flatnonzero(gaz.entries["gid"] <= GID_BASE)
    entries = [gaz.entry(int(i)) for i in placed]
    ours = Counter((e["name"], e["admin1"]) for e in entries)
    truth = postal_points(args.postal)
    km = np.array(
        [
            haversine_km(e["lat"], e["lon"], *truth[(e["name"], e["admin1"])])
            for e in entries
            if ours[(e["name"], e["admin1"])] == 1 and (e["name"], e["admin1"]) in truth
        ]
    )
    result = {
        "villages_placed": len(entries),
        "compared": len(km),
        "median_km": round(float(np.median(km)), 1),
        "within_10km": round(float((km <= 10).mean()), 3),
        "within_25km": round(float((km <= 25).mean()), 3),
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k:>14}  {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
