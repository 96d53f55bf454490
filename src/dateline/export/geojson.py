"""GeoJSON: a FeatureCollection of the event mentions that have a place, one Point feature each.

Each feature has an `id` (the mention's, `<article id>:<idx>`); `date` is an ISO day or null (never a raw TIMEX value
such as PRESENT_REF or PXD) with its `date_precision`; `fatalities`, `sources` and `articles` are counts (the
sources and articles that tell the mention's fused event, 1 each before `dateline fuse`); `fused_event` is that
event's id as a string (it exceeds what a JSON reader's doubles hold exactly).
"""

from __future__ import annotations

import json
from typing import IO

from ..store import Store
from ..store import exports as queries
from .common import ITEM_ERRORS, SkipCounter, iso_day


def write(store: Store, out: IO[str]) -> int:
    """Write the FeatureCollection on one line. Returns the number of features; those that cannot be made are
    counted on stderr."""
    skipped = SkipCounter("geojson")
    features = []
    for r in queries.mapped_event_rows(store):
        if r["p_lat"] is None:
            continue
        try:
            features.append(feature(r))
        except ITEM_ERRORS as error:
            skipped.add(error)
    skipped.report()
    json.dump({"type": "FeatureCollection", "features": features}, out, default=str, ensure_ascii=False)
    out.write("\n")
    return len(features)


def feature_id(r: dict) -> str:
    """The mention's id, unique in the store: '<article id>:<idx>'."""
    return f"{r['article_id']}:{r['idx']}"


def feature(r: dict) -> dict:
    """The Point feature of an event mention with a place (a `mapped_event_rows` row)."""
    date, precision = iso_day(r["date"])
    return {
        "type": "Feature",
        "id": feature_id(r),
        "geometry": {"type": "Point", "coordinates": [r["p_lon"], r["p_lat"]]},
        "properties": {
            "article_id": r["article_id"],
            "event": r["idx"],
            "trigger": r["trigger"],
            "span": [r["span_start"], r["span_end"]],
            "plover": r["plover"],
            "cameo": r["cameo"],
            "acled_event_type": r["acled_event_type"],
            "acled_sub_event_type": r["acled_sub_event_type"],
            "date": date,
            "date_precision": precision,
            "status": r["status"],
            "source_actor": r["s_name"],
            "target_actor": r["t_name"],
            "place": r["p_name"],
            "precision": r["p_precision"],
            "fatalities": int(r["killed"] or 0),
            "sources": int(r["n_sources"]),
            "articles": int(r["n_articles"]),
            "fused_event": None if r["fused_id"] is None else str(r["fused_id"]),
            "url": r["url"],
        },
    }
