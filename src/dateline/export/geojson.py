"""GeoJSON: a FeatureCollection of the event mentions that have a place, one Point feature each."""

from __future__ import annotations

import json
from typing import IO

from ..store import Store
from ..store import exports as queries


def write(store: Store, out: IO[str]) -> int:
    """Write the FeatureCollection on one line. Returns the number of features."""
    features = [_feature(r) for r in queries.event_rows(store) if r["p_lat"] is not None]
    json.dump({"type": "FeatureCollection", "features": features}, out, default=str, ensure_ascii=False)
    out.write("\n")
    return len(features)


def _feature(r: dict) -> dict:
    return {
        "type": "Feature",
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
            "date": r["date"],
            "status": r["status"],
            "source_actor": r["s_name"],
            "target_actor": r["t_name"],
            "place": r["p_name"],
            "precision": r["p_precision"],
            "url": r["url"],
        },
    }
