"""ACLED's CSV layout: a header, then one row per event mention with an ACLED event type.

Codes follow the ACLED Codebook through the tables in `data/acled/` (`common.acled_codes`, `common.acled_countries`):
actors are collectives (a person is replaced by the collective of their sector, else left out; an intergovernmental
organisation is named as ACLED names it, 'UN: United Nations', with inter code 8, External/Other forces),
`inter1`/`inter2` come from the actor's sector or kind, `event_date` is always a real day with its `time_precision`.
`country`, `iso` and `region` are those of the event's place, as ACLED's are the event location's (an actor's
country never stands in): a mention without a place in a country, or without an actor where ACLED names one, cannot
be coded and is skipped and counted on stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import IO

from ..store import Store
from ..store import exports as queries
from ..text import sentence_bounds
from .common import ITEM_ERRORS, SkipCounter, Skipped, acled_codes, acled_countries, alpha2_of_alpha3, event_day

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
CIVILIANS = 7

ACLED_STATUSES = frozenset({"reported", "claimed"})  # events that took place, as a source tells them


def write(store: Store, out: IO[str]) -> int:
    """Write the header and one row per event mention that has an ACLED type, took place as told (status reported
    or claimed: ACLED codes no background, denied, threatened or expected events) and can be coded. Returns the
    number of rows; the mentions skipped are counted on stderr."""
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    skipped = SkipCounter("acled")
    n = 0
    for r in queries.mapped_event_rows(store):
        if not r["acled_event_type"] or r["status"] not in ACLED_STATUSES:
            continue
        try:
            writer.writerow(_row(r))
        except ITEM_ERRORS as error:
            skipped.add(error)
            continue
        n += 1
    skipped.report()
    return n


def _row(r: dict) -> list:
    """An ACLED row from an `event_rows` row, in `ACLED_COLUMNS` order; raises `Skipped` when it cannot be coded."""
    iso2 = _country_of(r)
    iso, country, region = acled_countries()[iso2][:3]
    day, precision = event_day(r["date"], r["published"])
    kind = r["acled_event_type"]
    (actor1, inter1), (actor2, inter2) = _actors(r, country)
    return [
        f"DL-{r['article_id']}-{r['idx']}", day, day[:4], precision,
        DISORDER.get(kind, ""), kind, r["acled_sub_event_type"] or "",
        actor1, "", inter1, actor2, "", inter2, interaction(inter1, inter2),
        acled_codes()["civilian_targeting"] if CIVILIANS in (inter2, _target_inter(kind)) else "",
        iso, region, country, admin1(iso2, r["p_admin1"]), "", "", *_location(r),
        r["source"] or "", source_scale(r["source"], r["url"], iso2),
        sentence_notes(r["article_text"], r["span_start"], r["span_end"]),
        int(r["killed"] or 0), tags(kind, r["crowd"]), _timestamp(r["ingested_at"]),
    ]  # fmt: skip


def _country_of(r: dict) -> str:
    """The ISO alpha-2 code of the event's country: its place's. ACLED's `country` is where the event took place,
    and every ACLED event has a location with coordinates, so an event without a place in a country ACLED codes is
    skipped; its actors' countries (Russian forces shelling Kharkiv) never stand in for it."""
    if r["p_country"] in acled_countries():
        return r["p_country"]
    raise Skipped("no place in a country" if r["p_lat"] is not None else "no place")


def _actors(r: dict, country: str) -> tuple[tuple[str, int], tuple[str, int]]:
    """(actor1, inter1), (actor2, inter2): the source and target as collectives; an absent actor2 is ('', 0). An event
    without a source actor takes the unnamed actor ACLED codes for its type ('Unidentified Armed Group (Ukraine)'),
    else (a strategic development) its target as actor1; raises `Skipped` when it has neither."""
    source, target = collective(r, "s"), collective(r, "t")
    if source is None:
        unnamed = _unnamed_actor(r["acled_event_type"], country)
        source, target = (unnamed, target) if unnamed else (target, None)
    if source is None:
        raise Skipped(f"no actor for {r['acled_event_type']}")
    return source, target or ("", 0)


def collective(r: dict, side: str) -> tuple[str, int] | None:
    """The source ('s') or target ('t') actor as an ACLED collective and its inter code, or None: a person becomes the
    collective of their sector and country ('Military Forces of Ukraine'), or is left out when there is none; an
    intergovernmental organisation takes ACLED's name for it ('NATO: North Atlantic Treaty Organization', inter 8)."""
    kind, sector, name = r.get(f"{side}_kind"), r[f"{side}_sector"], r[f"{side}_acled"]
    if not (name or r[f"{side}_name"]):
        return None
    if sector == "IGO" and kind != "person" and (igo := igo_name(r[f"{side}_name"])):
        return igo, inter_code(kind, sector)
    if kind == "person" or not name:
        name = _collective_of(sector, r[f"{side}_country"])
    if not name:
        return None
    return name, inter_code(kind, sector)


def igo_name(name: str | None) -> str | None:
    """ACLED's name of an intergovernmental organisation ('ACRONYM: Full Name', `igo_names` in data/acled/codes.json),
    or None for one the table lacks.

    >>> igo_name("Nato"), igo_name("the United Nations"), igo_name("G7")
    ('NATO: North Atlantic Treaty Organization', 'UN: United Nations', None)
    """
    key = " ".join((name or "").lower().split()).removeprefix("the ")
    return acled_codes()["igo_names"].get(key)


def _collective_of(sector: str | None, iso3: str | None) -> str | None:
    template = acled_codes()["collective_of_person_by_sector"].get(sector or "")
    iso2 = alpha2_of_alpha3().get(iso3 or "")
    return template.format(country=acled_countries()[iso2][1]) if template and iso2 else None


def inter_code(kind: str | None, sector: str | None) -> int:
    """ACLED's inter code (1-8) of an actor from its sector, else its kind; 8 (external/other) when neither tells.

    >>> inter_code("collective", "MIL"), inter_code("state", None), inter_code("collective", "CVL")
    (1, 1, 7)
    """
    codes = acled_codes()
    return codes["inter_by_sector"].get(sector or "") or codes["inter_by_kind"].get(kind or "") or 8


def _unnamed_actor(event_type: str, country: str) -> tuple[str, int] | None:
    unnamed = acled_codes()["unnamed_actor_by_event_type"].get(event_type)
    if unnamed is None:
        return None
    name, code = unnamed
    return name.format(country=country), code


def _target_inter(event_type: str) -> int | None:
    """The inter code ACLED's event type implies for the target: civilians for violence against civilians."""
    return CIVILIANS if event_type == "Violence against civilians" else None


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two inter codes, lower first (17, 12), or the sole actor's followed by 0 (10).

    >>> interaction(7, 1), interaction(1, 1), interaction(3, 0)
    (17, 11, 30)
    """
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def admin1(iso2: str, name: str | None) -> str:
    """The admin1 name as ACLED writes it: a country's table (Ukraine: 'Donetska' -> 'Donetsk', 'Kyiv' -> 'Kyiv
    City'), else the gazetteer's name without a suffix such as ' Oblast' or ' Province'.

    >>> admin1("UA", "Donetska"), admin1("RU", "Belgorod Oblast"), admin1("CH", "Geneva"), admin1("UA", None)
    ('Donetsk', 'Belgorod', 'Geneva', '')
    """
    if not name:
        return ""
    codes = acled_codes()
    table = codes["admin1"].get(iso2, {})
    if name in table:
        return table[name]
    for suffix in codes["admin1_suffixes"]:
        name = name.removesuffix(suffix)
    return name


def _location(r: dict) -> list:
    """location, latitude, longitude, geo_precision."""
    lat, lon = ("" if r[k] is None else r[k] for k in ("p_lat", "p_lon"))
    return [r["p_name"] or "", lat, lon, r["geo_precision"] or r["p_precision"] or ""]


def source_scale(source: str | None, url: str | None, iso2: str) -> str:
    """ACLED's source scale: 'International' for a wire or international outlet, 'National' for a site under the
    event country's domain, else 'Other'.

    >>> source_scale("Reuters", None, "UA"), source_scale(None, "https://news.example.ua/a", "UA")
    ('International', 'National')
    """
    scale = acled_codes()["source_scale"]
    said = f"{source or ''} {url or ''}".lower()
    if any(word in said for word in scale["international"]):
        return "International"
    host = (url or "").split("//")[-1].split("/")[0]
    if host.rsplit(".", 1)[-1] == iso2.lower():
        return "National"
    return scale["default"]


def sentence_notes(text: str, start: int, end: int) -> str:
    """The event's whole sentence with its full stop, for `notes`."""
    left, right = sentence_bounds(text, start, end)
    return text[left : right + 1].strip()


def tags(event_type: str, crowd: float | None) -> str:
    """ACLED's tags: the crowd size of a demonstration ('crowd size=around 300', else 'crowd size=no report').

    >>> tags("Protests", 300.0), tags("Riots", None), tags("Battles", 12)
    ('crowd size=around 300', 'crowd size=no report', '')
    """
    tag = acled_codes()["tags_by_event_type"].get(event_type, "")
    if tag and crowd:
        return f"crowd size=around {crowd:g}"
    return tag


def _timestamp(ingested_at: dt.datetime | None) -> int:
    """Unix time the mention was stored (ingest), else now."""
    moment = ingested_at or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())
