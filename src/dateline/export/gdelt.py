"""GDELT 2.0's event layouts, tab-separated without a header: Events (61 columns, one row per fused event) and
Mentions (16 columns, one row per event mention), as the GDELT Event Codebook 2.0 describes them.

An event is a fused event of the store (`dateline fuse`, run by ingest); its GLOBALEVENTID is the fused event's id,
a 63-bit hash of its first member, so two exports of one store agree and Mentions rows join Events rows on it. A
store without fused events exports one event per mention (with the id fusion would give it) and says so on stderr.
Codes come from `gdelt_codes`; an event that cannot be coded (no CAMEO root) is skipped with its mentions and
counted on stderr.

>>> len(GDELT_EVENT_COLUMNS), len(GDELT_MENTION_COLUMNS)
(61, 16)
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from statistics import fmean
from typing import IO

from ..fuse import fused_id
from ..store import Store
from ..store import exports as queries
from .common import ITEM_ERRORS, SkipCounter, alpha2_of_alpha3, event_date
from .gdelt_codes import (
    base_code,
    cameo_code,
    clean,
    domain,
    fraction_date,
    geo_fields,
    goldstein,
    quad_class,
    root_code,
)
from .gkg import GKG_COLUMNS, translation_info, write_gkg

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]  # fmt: skip
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]  # fmt: skip
WEB, CITATION_ONLY = 1, 2  # MentionType: a URL, or a textual citation
_SENTENCE_BREAK = re.compile(r"\. |\n+")
_DAY_PRECISIONS = frozenset({"day", "part_of_day", "time"})


def write_events(store: Store, out: IO[str]) -> int:
    """Write one GDELT Events 2.0 row per fused event that can be coded. Returns the number of rows."""
    skipped = SkipCounter("gdelt-events")
    points = queries.country_points(store)
    events = ((event, points) for event in _coded_events(store, skipped, "gdelt-events"))
    n = _tsv(out, _coded(events, _event_row, skipped))
    skipped.report()
    return n


def write_mentions(store: Store, out: IO[str]) -> int:
    """Write one GDELT Mentions row per mention of an exported event. Returns the number of rows."""
    skipped = SkipCounter("gdelt-mentions")
    mentions = ((event, m) for event in _coded_events(store, skipped, "gdelt-mentions") for m in event.members)
    n = _tsv(out, _coded(mentions, _mention_row, skipped))
    skipped.report()
    return n


def _coded(items: Iterable[tuple], row_of: Callable[..., list], skipped: SkipCounter) -> Iterator[list]:
    """The rows of the items that can be coded (`row_of(*item)`); the others are counted."""
    for item in items:
        try:
            yield row_of(*item)
        except ITEM_ERRORS as error:
            skipped.add(error)


class _Event:
    """A fused event: its id, its members' rows, the one it is coded from, its CAMEO code and when it was added."""

    def __init__(self, event_id: int, members: list[dict]) -> None:
        self.id = event_id
        self.members = members
        self.coded = min(members, key=_coding_rank)
        r = self.coded
        self.code = cameo_code(r["cameo"], r["plover_mode"], r["acled_sub_event_type"], r["trigger"])
        self.first = min(members, key=lambda m: (m["published"], m["article_id"], m["idx"]))
        self.added = min((m["ingested_at"] for m in members if m["ingested_at"]), default=None)


def _coding_rank(m: dict) -> tuple:
    """The member an event is coded from: one with a CAMEO root, then with a place, the most precise, the first."""
    return m["cameo"] is None, m["p_lat"] is None, m["geo_precision"] or 9, m["article_id"], m["idx"]


def _coded_events(store: Store, skipped: SkipCounter, layout: str) -> Iterator[_Event]:
    """The store's fused events (one per mention when there are none), skipping those that cannot be coded."""
    fused = queries.has_fused_events(store)
    for n, (key, members) in enumerate(groupby(queries.gdelt_event_rows(store), key=_event_key)):
        if n == 0 and not fused:
            print(f"warning: {layout}: the store has no fused events (run `dateline fuse`): one event per mention",
                  file=sys.stderr)  # fmt: skip
        try:
            yield _Event(key if isinstance(key, int) else fused_id([key]), list(members))
        except ITEM_ERRORS as error:
            skipped.add(error)


def _event_key(row: dict) -> int | tuple[str, int]:
    """The mention's fused event id, else the mention itself (an event of its own)."""
    return row["fused_id"] if row["fused_id"] is not None else (row["article_id"], row["idx"])


def _tsv(out: IO[str], rows: Iterable[list]) -> int:
    n = 0
    for row in rows:
        out.write("\t".join(clean(v, "") for v in row) + "\n")
        n += 1
    return n


def _dates(day: str) -> list:
    """SQLDATE, MonthYear, Year, FractionDate of an ISO day."""
    y, m, d = int(day[:4]), int(day[5:7]), int(day[8:10])
    return [f"{y:04d}{m:02d}{d:02d}", f"{y:04d}{m:02d}", f"{y:04d}", f"{fraction_date(y, m, d):.4f}"]


def _event_day(event: _Event) -> str:
    """The fused event's day when fusion dated it to a day, else the coded mention's day or publication date."""
    r = event.members[0]
    if r["fused_day"] and r["fused_precision"] in _DAY_PRECISIONS:
        return r["fused_day"].isoformat()
    return event_date(event.coded["date"], event.coded["published"])


def _event_row(event: _Event, points: dict[str, dict]) -> list:
    """An Events row in `GDELT_EVENT_COLUMNS` order."""
    source = next((m for m in event.members if m["s_name"]), event.coded)
    target = next((m for m in event.members if m["t_name"]), event.coded)
    r, code = event.members[0], event.code
    tones = {m["article_id"]: m["tone_tone"] for m in event.members if m["tone_tone"] is not None}
    return [
        event.id, *_dates(_event_day(event)),
        *_actor(source, "s"), *_actor(target, "t"),
        int(_in_lead(event.first)), code, base_code(code), root_code(code), quad_class(code), goldstein(code),
        r["n_mentions"], r["n_sources"], r["n_articles"], f"{fmean(tones.values()):.4f}" if tones else "",
        *_actor_geo(source, "s", points), *_actor_geo(target, "t", points), *geo_fields(_place(event.coded)),
        _timestamp(event.added), event.first["url"] or event.first["article_id"],
    ]  # fmt: skip


def _actor(r: dict, side: str) -> list:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1-3Code."""
    if not r[f"{side}_name"]:
        return [""] * 10
    return [r[f"{side}_code"], r[f"{side}_name"], r[f"{side}_country"], "", "", "", "", r[f"{side}_sector"], "", ""]


def _actor_geo(r: dict, side: str, points: dict[str, dict]) -> list:
    """The actor's place: the point of its country, as the store names that country."""
    iso2 = alpha2_of_alpha3().get(r[f"{side}_country"] or "") if r[f"{side}_name"] else None
    point = points.get(iso2 or "")
    return geo_fields({**point, "feature": "country", "admin1": None} if point else None)


def _place(r: dict) -> dict | None:
    if r["p_lat"] is None:
        return None
    keys = {"feature": "p_feature", "name": "p_name", "country": "p_country", "admin1": "p_admin1", "lat": "p_lat",
            "lon": "p_lon", "geonames_id": "p_gid"}  # fmt: skip
    return {k: r[v] for k, v in keys.items()}


def _in_lead(r: dict) -> bool:
    """Whether the mention is in the article's lead paragraph (IsRootEvent)."""
    text = r["article_text"] or ""
    end = text.find("\n", len(text) - len(text.lstrip()))
    return r["span_start"] < (end if end >= 0 else len(text))


def _timestamp(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y%m%d%H%M%S") if moment else ""


def _mention_row(event: _Event, m: dict) -> list:
    """A Mentions row in `GDELT_MENTION_COLUMNS` order."""
    text = m["article_text"] or ""
    url = m["url"]
    return [
        event.id, _timestamp(event.added), _timestamp(m["ingested_at"]), WEB if url else CITATION_ONLY,
        domain(url) or m["source"] or "", url or m["article_id"],
        sentence_id(text, m["span_start"]), _offset(m["s_start"]), _offset(m["t_start"]), m["span_start"],
        1, round(100 * (m["confidence"] or 0)), len(text), "" if m["tone_tone"] is None else f"{m['tone_tone']:.4f}",
        translation_info(m["machine_translated"]), "",
    ]  # fmt: skip


def _offset(value: int | None) -> int | str:
    return -1 if value is None else value


def sentence_id(text: str, offset: int) -> int:
    """The number of the sentence holding `offset` (the first is 1), cut at ". " and line breaks as
    `text.sentence_bounds` cuts them.

    >>> sentence_id("Shelling began. Two died. Talks stalled.", 17)
    2
    """
    return 1 + len(_SENTENCE_BREAK.findall(text[:offset]))


__all__ = ["GDELT_EVENT_COLUMNS", "GDELT_MENTION_COLUMNS", "GKG_COLUMNS", "write_events", "write_gkg", "write_mentions"]
