"""Rows, wall time and the fill rate of every column (share of rows non-empty) of each `dateline export` format.

Each format is exported with the library's `export` into a temporary folder and read back: GDELT files as
tab-separated without a header under the exporter's own column lists, ACLED as CSV, GeoJSON by feature property,
JSONL and claims by top-level key, Parquet per table. An export that raises is reported with its error.

    python bench/export_fill.py --db news.duckdb
    python bench/export_fill.py --db news.duckdb --format acled --format gdelt-events --json
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import tempfile
import time
from pathlib import Path

import pandas as pd

from dateline.export import ACLED_COLUMNS, FORMATS, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, GKG_COLUMNS, export
from dateline.store import Store

EMPTY_JSON = frozenset({"[]", "{}", "null"})
TSV_COLUMNS = {"gdelt-events": GDELT_EVENT_COLUMNS, "gdelt-mentions": GDELT_MENTION_COLUMNS, "gdelt-gkg": GKG_COLUMNS}


def filled(value: object) -> bool:
    """Whether a value is there: not None/NaN, not '', not an empty list or object (nor one as JSON text)."""
    if isinstance(value, str) and value in EMPTY_JSON:
        return False
    if isinstance(value, str | list | dict | tuple) or hasattr(value, "__len__"):
        return len(value) > 0
    return not pd.isna(value)


def rates(frame: pd.DataFrame) -> dict[str, float]:
    """Column -> share of rows with a value (0 for every column of an empty frame)."""
    n = len(frame)
    return {c: round(sum(map(filled, frame[c])) / n, 4) if n else 0.0 for c in frame.columns}


def read_back(fmt: str, path: Path) -> dict[str, pd.DataFrame]:
    """The export as frames: one (named '') for a file, one per table for Parquet."""
    if fmt in TSV_COLUMNS:
        frame = pd.read_csv(path, sep="\t", header=None, names=TSV_COLUMNS[fmt], dtype=str, keep_default_na=False,
                            quoting=csv.QUOTE_NONE)  # fmt: skip
        return {"": frame}
    if fmt == "acled":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(frame.columns) == ACLED_COLUMNS
        return {"": frame}
    if fmt == "geojson":
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        return {"": pd.DataFrame([{"geometry": f["geometry"], **f["properties"]} for f in features])}
    if fmt == "parquet":
        return {p.stem: pd.read_parquet(p) for p in sorted(path.glob("*.parquet"))}
    with path.open(encoding="utf-8") as lines:
        return {"": pd.DataFrame([json.loads(line) for line in lines])}


def measure(store: Store, fmt: str, folder: Path) -> dict:
    """Export one format, read it back: rows, seconds, stderr warnings and fill rates (or the error)."""
    path, stderr = folder / fmt, io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stderr(stderr):
            n = export(store, fmt, path)
    except Exception as error:  # noqa: BLE001 - a failing export is a result here
        return {"format": fmt, "error": f"{type(error).__name__}: {error}", "stderr": stderr.getvalue().strip()}
    seconds = round(time.perf_counter() - start, 2)
    tables = read_back(fmt, path)
    return {
        "format": fmt,
        "written": n,
        "seconds": seconds,
        "stderr": stderr.getvalue().strip(),
        "tables": {name: {"rows": len(frame), "fill": rates(frame)} for name, frame in tables.items()},
    }


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="DuckDB store file (read only)")
    parser.add_argument("--format", action="append", choices=list(FORMATS), help="a format (default: every one)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per format")
    args = parser.parse_args(argv)
    results = []
    with Store(args.db, read_only=True) as store, tempfile.TemporaryDirectory() as tmp:
        for fmt in args.format or list(FORMATS):
            result = measure(store, fmt, Path(tmp))
            results.append(result)
            if args.json:
                print(json.dumps(result), flush=True)
                continue
            if "error" in result:
                print(f"{fmt}: ERROR {result['error']}")
                continue
            print(f"{fmt}: {result['written']} written in {result['seconds']} s {result['stderr']}".rstrip())
            for name, table in result["tables"].items():
                cells = ", ".join(f"{c} {r:.0%}" for c, r in table["fill"].items())
                print(f"  {name + ': ' if name else ''}{table['rows']} rows; {cells}")
    return results


if __name__ == "__main__":
    main()
