"""ACLED's CSV layout: a header, then one row per event mention with an ACLED event type."""

from __future__ import annotations

import csv
from typing import IO

from ..store import Store
from ..store import exports as queries
from ..text import sentence_bounds
from .common import event_date

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def write(store: Store, out: IO[str]) -> int:
    """Write the header and one row per event mention that has an ACLED type. Returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for r in queries.event_rows(store):
        if r["acled_event_type"]:
            writer.writerow(_row(r))
            n += 1
    return n


def _row(r: dict) -> list:
    """An ACLED row from an `event_rows` row, in `ACLED_COLUMNS` order."""
    date = event_date(r["date"], r["published"])
    event = [DISORDER.get(r["acled_event_type"], ""), r["acled_event_type"], r["acled_sub_event_type"]]
    actors = [_actor(r, "s"), "", "", _actor(r, "t"), "", "", "", ""]
    notes = _sentence_around(r["article_text"], r["span_start"], r["span_end"])
    return [
        f"DL-{r['article_id']}-{r['idx']}",
        date[:10],
        date[:4],
        TIME_PRECISION.get(r["date_precision"] or "", 3),
        *event,
        *actors,
        *_place(r),
        r["source"] or "",
        "",
        notes,
        int(r["killed"] or 0),
        "",
        "",
    ]


def _actor(r: dict, side: str) -> str:
    """The ACLED name of the source ('s') or target ('t') actor, else its name, else ''."""
    return r[f"{side}_acled"] or r[f"{side}_name"] or ""


def _place(r: dict) -> list:
    """iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision."""
    lat, lon = ("" if r[k] is None else r[k] for k in ("p_lat", "p_lon"))
    precision = r["geo_precision"] or r["p_precision"] or ""
    return ["", "", r["p_country"] or "", r["p_admin1"] or "", "", "", r["p_name"] or "", lat, lon, precision]


def _sentence_around(text: str, start: int, end: int) -> str:
    """The event's sentence with its full stop, for `notes`."""
    left, right = sentence_bounds(text, start, end)
    return text[left : right + 1].strip()
