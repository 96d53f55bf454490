"""GDELT's layouts: Events 2.0 (61 columns, one row per event mention) and GKG 2.1 (27 columns, one row per article),
tab-separated, no header.

>>> len(GDELT_EVENT_COLUMNS), len(GKG_COLUMNS)
(61, 27)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from ..places.precision import GDELT_GEO_TYPE
from ..store import Store
from ..store import exports as queries
from .common import event_date

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
GKG_COLUMNS = [
    "GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier", "Counts",
    "V2Counts", "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons", "Organizations",
    "V2Organizations", "V2Tone", "Dates", "GCAM", "SharingImage", "RelatedImages", "SocialImageEmbeds",
    "SocialVideoEmbeds", "Quotations", "AllNames", "Amounts", "TranslationInfo", "Extras",
]  # fmt: skip
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2, "REQUEST": 1,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


def write_events(store: Store, out: IO[str]) -> int:
    """Write GDELT Events 2.0 rows, one per event mention. Returns the number of rows."""
    return _tsv(out, (_event_row(n, r) for n, r in enumerate(queries.event_rows(store), start=1)))


def write_gkg(store: Store, out: IO[str]) -> int:
    """Write GDELT GKG 2.1 rows, one per extracted article. Returns the number of rows."""
    return _tsv(out, (_gkg_row(n, *a) for n, a in enumerate(queries.gkg_articles(store), start=1)))


def _tsv(out: IO[str], rows: Iterable[list]) -> int:
    n = 0
    for row in rows:
        out.write("\t".join("" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        n += 1
    return n


def _ymd(date: str | None, published) -> tuple[str, str, str, str]:
    value = event_date(date, published)
    y, m, d = value[:4], value[5:7], value[8:10]
    fraction = f"{int(y) + (int(m) - 1) / 12 + (int(d) - 1) / 365:.4f}"
    return f"{y}{m}{d}", f"{y}{m}", y, fraction


def _event_row(n: int, r: dict) -> list:
    sqldate, month, year, fraction = _ymd(r["date"], r["published"])
    cameo = r["cameo"] or ""
    geo = [GDELT_GEO_TYPE.get(r["p_feature"] or "", ""), r["p_name"], r["p_country"], r["p_admin1"], "",
           r["p_lat"], r["p_lon"], r["p_gid"]] if r["p_lat"] is not None else [""] * 8  # fmt: skip
    return [
        n, sqldate, month, year, fraction,
        r["s_code"], r["s_name"], r["s_country"], "", "", "", "", r["s_sector"], "", "",
        r["t_code"], r["t_name"], r["t_country"], "", "", "", "", r["t_sector"], "", "",
        1, cameo, cameo, cameo[:2], QUAD_CLASS.get(r["plover"] or "", ""), "",
        1, 1, 1, r["tone_tone"],
        *([""] * 8), *([""] * 8), *geo,
        r["ingested_at"].strftime("%Y%m%d%H%M%S") if r["ingested_at"] else "", r["url"] or r["article_id"],
    ]  # fmt: skip


def _location(place: tuple) -> str:
    feature, name, country, admin1, lat, lon, geonames_id = place[:7]
    return (
        f"{GDELT_GEO_TYPE.get(feature or '', 4)}#{name}#{country or ''}#{admin1 or ''}##{lat}#{lon}#{geonames_id or ''}"
    )


def _gkg_row(n: int, article: tuple, parts: dict[str, list[tuple]]) -> list:
    aid, published, source, url, *tone = article
    counts, places, themes = parts["counts"], parts["places"], parts["themes"]
    people, orgs = parts["people"], parts["organisations"]
    return [
        f"{published:%Y%m%d%H%M%S}-{n}", f"{published:%Y%m%d%H%M%S}", 1, source or "", url or aid,
        ";".join(f"{c[0].upper()}#{c[1]:g}#{c[2] or ''}" for c in counts),
        ";".join(f"{c[0].upper()}#{c[1]:g}#{c[2] or ''}#####{c[3]}" for c in counts),
        ";".join(dict.fromkeys(t[0] for t in themes)), ";".join(f"{t[0]},{t[1]}" for t in themes),
        ";".join(_location(p) for p in places), ";".join(f"{_location(p)}#{p[7]}" for p in places),
        ";".join(dict.fromkeys(p[0] for p in people)), ";".join(f"{p[0]},{p[1]}" for p in people),
        ";".join(dict.fromkeys(o[0] for o in orgs)), ";".join(f"{o[0]},{o[1]}" for o in orgs),
        ",".join(f"{v:g}" for v in tone),
        ";".join(f"{t[0]}#{t[1]}" for t in parts["dates"] if t[0][:4].isdigit()),
        *([""] * 10),
    ]  # fmt: skip
