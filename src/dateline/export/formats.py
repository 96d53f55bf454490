"""Exports in the layouts analysts' tools already read.

- `gdelt-events`: GDELT Events 2.0, 61 tab-separated columns, no header, one row per event mention;
- `gdelt-gkg`: GDELT GKG 2.1, 27 tab-separated columns, no header, one row per article;
- `acled`: ACLED's CSV columns, one row per event mention with an ACLED type;
- `geojson`: a FeatureCollection of event mentions that have a place;
- `jsonl`: one record per line, as `dateline extract` prints them;
- `parquet`: one Parquet file per table in a folder;
- `claims`: one claim per line with its speaker, cue, content and the events it reports (JSONL).

>>> len(GDELT_EVENT_COLUMNS), len(GKG_COLUMNS)
(61, 27)
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..places.precision import GDELT_GEO_TYPE
from ..store import TABLE_COLUMNS, Store

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
]
GKG_COLUMNS = [
    "GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier", "Counts", "V2Counts",
    "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons", "Organizations", "V2Organizations", "V2Tone",
    "Dates", "GCAM", "SharingImage", "RelatedImages", "SocialImageEmbeds", "SocialVideoEmbeds", "Quotations", "AllNames",
    "Amounts", "TranslationInfo", "Extras",
]
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
FORMATS = ("gdelt-events", "gdelt-gkg", "acled", "geojson", "jsonl", "parquet", "claims")
QUAD_CLASS = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2, "REQUEST": 1,
              "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations", "Riots": "Demonstrations",
            "Strategic developments": "Strategic developments"}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

EVENT_ROWS_SQL = """
SELECT e.article_id, e.idx, e.text AS trigger, e.span_start, e.span_end, e.plover, e.cameo, e.acled_event_type,
       e.acled_sub_event_type, e.date, e.date_precision, e.status, e.confidence, e.geo_precision, e.counts,
       a.published, a.url, a.source, a.tone_tone, a.ingested_at, a.text AS article_text,
       s.code AS s_code, s.name AS s_name, s.acled_name AS s_acled, s.country AS s_country, s.sector AS s_sector,
       t.code AS t_code, t.name AS t_name, t.acled_name AS t_acled, t.country AS t_country, t.sector AS t_sector,
       p.name AS p_name, p.country AS p_country, p.admin1 AS p_admin1, p.lat AS p_lat, p.lon AS p_lon,
       p.geonames_id AS p_gid, p.feature AS p_feature, p.precision AS p_precision
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.article_id = e.article_id AND s.idx = e.source_actor
LEFT JOIN actors t ON t.article_id = e.article_id AND t.idx = e.target_actor
LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place
ORDER BY e.article_id, e.idx
"""


def export(store: Store, fmt: str, out: IO[str] | Path) -> int:
    """Write the store in format `fmt` to a text stream (or, for parquet, a folder).

    RETURNS (int): rows (or records) written.
    """
    if fmt == "parquet":
        return _parquet(store, Path(out))
    writer = {"gdelt-events": _gdelt_events, "gdelt-gkg": _gkg, "acled": _acled, "geojson": _geojson,
              "jsonl": _jsonl, "claims": _claims}[fmt]
    return writer(store, out)


def _event_rows(store: Store) -> Iterator[dict]:
    columns, rows = store.query(EVENT_ROWS_SQL)
    for row in rows:
        yield dict(zip(columns, row))


def _tsv(out: IO[str], rows: Iterator[list]) -> int:
    n = 0
    for row in rows:
        out.write("\t".join("" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        n += 1
    return n


def _ymd(date: str | None, published) -> tuple[str, str, str, str]:
    value = date if date and len(date) >= 10 and date[:4].isdigit() else published.isoformat()
    y, m, d = value[:4], value[5:7], value[8:10]
    fraction = f"{int(y) + (int(m) - 1) / 12 + (int(d) - 1) / 365:.4f}"
    return f"{y}{m}{d}", f"{y}{m}", y, fraction


def _gdelt_events(store: Store, out: IO[str]) -> int:
    def rows() -> Iterator[list]:
        for n, r in enumerate(_event_rows(store), start=1):
            sqldate, month, year, fraction = _ymd(r["date"], r["published"])
            cameo = r["cameo"] or ""
            geo = [GDELT_GEO_TYPE.get(r["p_feature"] or "", ""), r["p_name"], r["p_country"], r["p_admin1"], "",
                   r["p_lat"], r["p_lon"], r["p_gid"]] if r["p_lat"] is not None else [""] * 8
            yield [
                n, sqldate, month, year, fraction,
                r["s_code"], r["s_name"], r["s_country"], "", "", "", "", r["s_sector"], "", "",
                r["t_code"], r["t_name"], r["t_country"], "", "", "", "", r["t_sector"], "", "",
                1, cameo, cameo, cameo[:2], QUAD_CLASS.get(r["plover"] or "", ""), "",
                1, 1, 1, r["tone_tone"],
                *([""] * 8), *([""] * 8), *geo,
                r["ingested_at"].strftime("%Y%m%d%H%M%S") if r["ingested_at"] else "", r["url"] or r["article_id"],
            ]
    return _tsv(out, rows())


def _gkg(store: Store, out: IO[str]) -> int:
    def rows() -> Iterator[list]:
        _, articles = store.query("SELECT id, published, source, url, tone_tone, tone_positive, tone_negative, tone_polarity, "
                                  "tone_activity_density, tone_self_group_density, tone_word_count FROM articles "
                                  "WHERE status = 'extracted' ORDER BY id")
        for n, (aid, published, source, url, *tone) in enumerate(articles, start=1):
            counts = store.query("SELECT what, value, object, span_start FROM counts WHERE article_id = ? ORDER BY idx", [aid])[1]
            places = store.query("SELECT feature, name, country, admin1, lat, lon, geonames_id, span_start FROM places "
                                 "WHERE article_id = ? AND role = 'location' ORDER BY idx", [aid])[1]
            people = store.query("SELECT name, span_start FROM actors WHERE article_id = ? AND kind = 'person' ORDER BY idx", [aid])[1]
            orgs = store.query("SELECT name, span_start FROM actors WHERE article_id = ? AND kind <> 'person' ORDER BY idx", [aid])[1]
            themes = store.query("SELECT code, span_start FROM themes WHERE article_id = ? ORDER BY idx", [aid])[1]
            times = store.query("SELECT value, span_start FROM times WHERE article_id = ? AND type = 'DATE' ORDER BY idx", [aid])[1]
            loc = lambda p: f"{GDELT_GEO_TYPE.get(p[0] or '', 4)}#{p[1]}#{p[2] or ''}#{p[3] or ''}##{p[4]}#{p[5]}#{p[6] or ''}"  # noqa: E731
            yield [
                f"{published:%Y%m%d%H%M%S}-{n}", f"{published:%Y%m%d%H%M%S}", 1, source or "", url or aid,
                ";".join(f"{c[0].upper()}#{c[1]:g}#{c[2] or ''}" for c in counts),
                ";".join(f"{c[0].upper()}#{c[1]:g}#{c[2] or ''}#####{c[3]}" for c in counts),
                ";".join(dict.fromkeys(t[0] for t in themes)), ";".join(f"{t[0]},{t[1]}" for t in themes),
                ";".join(loc(p) for p in places), ";".join(f"{loc(p)}#{p[7]}" for p in places),
                ";".join(dict.fromkeys(p[0] for p in people)), ";".join(f"{p[0]},{p[1]}" for p in people),
                ";".join(dict.fromkeys(o[0] for o in orgs)), ";".join(f"{o[0]},{o[1]}" for o in orgs),
                ",".join(f"{v:g}" for v in tone),
                ";".join(f"{t[0]}#{t[1]}" for t in times if t[0][:4].isdigit()), "", "", "", "", "", "", "", "", "", "",
            ]
    return _tsv(out, rows())


def _acled(store: Store, out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for r in _event_rows(store):
        if not r["acled_event_type"]:
            continue
        date = r["date"] if r["date"] and len(r["date"]) >= 10 and r["date"][:4].isdigit() else r["published"].isoformat()
        counts = json.loads(r["counts"] or "[]")
        killed = store.query("SELECT sum(value) FROM counts WHERE article_id = ? AND what = 'killed' AND list_contains(?, idx)",
                             [r["article_id"], counts])[1][0][0] if counts else None
        sentence = _sentence_around(r["article_text"], r["span_start"], r["span_end"])
        writer.writerow([
            f"DL-{r['article_id']}-{r['idx']}", date[:10], date[:4], TIME_PRECISION.get(r["date_precision"] or "", 3),
            DISORDER.get(r["acled_event_type"], ""), r["acled_event_type"], r["acled_sub_event_type"],
            r["s_acled"] or r["s_name"] or "", "", "", r["t_acled"] or r["t_name"] or "", "", "", "", "",
            "", "", r["p_country"] or "", r["p_admin1"] or "", "", "", r["p_name"] or "", r["p_lat"] if r["p_lat"] is not None else "",
            r["p_lon"] if r["p_lon"] is not None else "", r["geo_precision"] or r["p_precision"] or "", r["source"] or "", "",
            sentence, int(killed or 0), "", "",
        ])
        n += 1
    return n


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip()


def _geojson(store: Store, out: IO[str]) -> int:
    features = []
    for r in _event_rows(store):
        if r["p_lat"] is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["p_lon"], r["p_lat"]]},
            "properties": {
                "article_id": r["article_id"], "event": r["idx"], "trigger": r["trigger"], "span": [r["span_start"], r["span_end"]],
                "plover": r["plover"], "cameo": r["cameo"], "acled_event_type": r["acled_event_type"],
                "acled_sub_event_type": r["acled_sub_event_type"], "date": r["date"], "status": r["status"],
                "source_actor": r["s_name"], "target_actor": r["t_name"], "place": r["p_name"], "precision": r["p_precision"],
                "url": r["url"],
            },
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, default=str, ensure_ascii=False)
    out.write("\n")
    return len(features)


def _jsonl(store: Store, out: IO[str]) -> int:
    from ..store import record_rows

    n = 0
    for record in record_rows(store):
        out.write(json.dumps(record, default=str, ensure_ascii=False) + "\n")
        n += 1
    return n


def _claims(store: Store, out: IO[str]) -> int:
    columns, rows = store.query(
        "SELECT c.*, a.name AS speaker_name, a.code AS speaker_code FROM claims c "
        "LEFT JOIN actors a ON a.article_id = c.article_id AND a.idx = c.speaker_actor ORDER BY c.article_id, c.idx")
    for row in rows:
        item = dict(zip(columns, row))
        for key in ("speaker", "cue", "channel", "content", "verification_evidence", "events"):
            if isinstance(item.get(key), str):
                item[key] = json.loads(item[key])
        out.write(json.dumps(item, default=str, ensure_ascii=False) + "\n")
    return len(rows)


def _parquet(store: Store, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLE_COLUMNS:
        target = str(folder / f"{table}.parquet").replace("'", "''")
        store.query(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT PARQUET)")
    return len(TABLE_COLUMNS)


def to_text(store: Store, fmt: str) -> str:
    """The export as a string (small stores, tests)."""
    buffer = io.StringIO()
    export(store, fmt, buffer)
    return buffer.getvalue()
