"""GDELT's GKG 2.1 layout: 27 tab-separated columns, no header, one row per extracted article, every delimited
sub-field in the order the GKG 2.1 codebook gives it.

Counts are the counts of a kind GDELT counts (KILL, WOUND, ARREST, ...; `data/gdelt/gkg.json`), each with the
location nearest to it; Amounts every number but a percentage; Quotations the article's direct and mixed claims;
AllNames every capitalised mention of an actor and every location; Dates every date or time naming a day, month or
year ('Monday night' too); TranslationInfo `srclc:und;eng:` for a machine-translated article (its input's
`machine_translated`); DATE the publication time when the input gives one (`datetime`), else its day at 000000;
Extras the article's title as `<PAGE_TITLE>`. A location GDELT has no type for (a
continent, a place without a country) is left out and counted on stderr, as is an article that cannot be coded.

>>> len(GKG_COLUMNS)
27
>>> gkg_date("2024-03-02", 10), gkg_date("2024-03", 4), gkg_date("2024", 0), gkg_date("XXXX-03-02", 7)
('3#3#2#2024#10', '2#3#0#2024#4', '1#0#0#2024#0', '4#3#2#0#7')
>>> gkg_date("2024-03-04TNI", 12), gkg_date("PRESENT_REF", 3)
('3#3#4#2024#12', None)
"""

from __future__ import annotations

import json
import re
from typing import IO
from xml.sax.saxutils import escape

from ..store import Store
from ..store import exports as queries
from .common import ITEM_ERRORS, SkipCounter, Skipped
from .gdelt_codes import clean, domain, gdelt_table, location_block

GKG_COLUMNS = [
    "GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier", "Counts",
    "V2Counts", "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons", "Organizations",
    "V2Organizations", "V2Tone", "Dates", "GCAM", "SharingImage", "RelatedImages", "SocialImageEmbeds",
    "SocialVideoEmbeds", "Quotations", "AllNames", "Amounts", "TranslationInfo", "Extras",
]  # fmt: skip
WEB, CITATION_ONLY = 1, 2
_EMPTY_LOCATION = "#" * 6  # a count's 7 location fields, none known
_DAY = re.compile(r"(\d{4}|XXXX)-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_QUOTED_KINDS = frozenset({"direct", "mixed"})


def write_gkg(store: Store, out: IO[str]) -> int:
    """Write one GKG 2.1 row per extracted article. Returns the number of rows."""
    skipped = SkipCounter("gdelt-gkg")
    n = 0
    for article, parts in queries.gkg_articles(store):
        try:
            row = _gkg_row(n + 1, article, parts, skipped)
        except ITEM_ERRORS as error:
            skipped.add(error)
            continue
        out.write("\t".join(clean(v, "") for v in row) + "\n")
        n += 1
    skipped.report()
    return n


def _gkg_row(n: int, article: tuple, parts: dict[str, list[tuple]], skipped: SkipCounter) -> list:
    aid, published, published_at, translated, source, url, title, *tone = article
    date = f"{published_at:%Y%m%d%H%M%S}" if published_at else f"{published:%Y%m%d}000000"
    places = _places(parts["places"], skipped)
    people, orgs = parts["people"], parts["organisations"]
    return [
        f"{date}-{n}", date, WEB if url else CITATION_ONLY, domain(url) or source or "", url or aid,
        ";".join(_count(c, places) for c in _counted(parts["counts"])),
        ";".join(f"{_count(c, places)}#{c[3]}" for c in _counted(parts["counts"])),
        ";".join(dict.fromkeys(t[0] for t in parts["themes"])), ";".join(f"{t[0]},{t[1]}" for t in parts["themes"]),
        ";".join(dict.fromkeys(v1 for _, v1, _ in places)), ";".join(v2 for _, _, v2 in places),
        ";".join(dict.fromkeys(_name(p[0]) for p in people)), ";".join(_name_mentions(people)),
        ";".join(dict.fromkeys(_name(o[0]) for o in orgs)), ";".join(_name_mentions(orgs)),
        _tone(tone), ";".join(d for d in (gkg_date(v, offset) for v, offset in parts["dates"]) if d),
        f"wc:{int(tone[-1])}" if tone[-1] is not None else "", "", "", "", "",
        "#".join(q for q in map(_quotation, parts["claims"]) if q),
        ";".join(_all_names(people + orgs, parts["places"])),
        ";".join(_amount(c) for c in parts["counts"] if not _is_percent(c[0])), translation_info(translated),
        extras(title),
    ]  # fmt: skip


def translation_info(machine_translated: bool | None) -> str:
    """TranslationInfo, `srclc:<ISO 639-2 source language>;eng:<translation engine>`, for a machine-translated text;
    '' for one written in English or not known to be translated. Dateline's inputs say that a text was translated,
    not from what or by which engine, so the language is ISO 639-2's `und` (undetermined) and the engine empty.

    >>> translation_info(True), translation_info(False), translation_info(None)
    ('srclc:und;eng:', '', '')
    """
    return "srclc:und;eng:" if machine_translated else ""


def extras(title: str | None) -> str:
    """The Extras XML: the article's title as GDELT gives it, `<PAGE_TITLE>`, XML-escaped on one line; '' without one.

    >>> extras("Strikes on Kharkiv & Odesa"), extras(None)
    ('<PAGE_TITLE>Strikes on Kharkiv &amp; Odesa</PAGE_TITLE>', '')
    """
    title = " ".join((title or "").split())
    return f"<PAGE_TITLE>{escape(title)}</PAGE_TITLE>" if title else ""


def _places(rows: list[tuple], skipped: SkipCounter) -> list[tuple[int, str, str]]:
    """(offset, V1 block, V2 block) of each location GDELT can code; the others are counted."""
    coded = []
    for feature, name, country, admin1, lat, lon, gid, offset in rows:
        place = {"feature": feature, "name": name, "country": country, "admin1": admin1, "lat": lat, "lon": lon,
                 "geonames_id": gid}  # fmt: skip
        v1 = location_block(place)
        if v1 is None:
            skipped.add(Skipped("locations without a GDELT geo type (a continent, or no country)"))
            continue
        coded.append((offset, v1, location_block(place, offset)))
    return coded


def _counted(counts: list[tuple]) -> list[tuple]:
    """The counts of a kind GDELT counts, with their count type first: (type, value, object, offset)."""
    types = gdelt_table("gkg")["count_types"]
    return [(types[what], value, obj, offset) for what, value, obj, offset in counts if what in types]


def _count(count: tuple, places: list[tuple[int, str, str]]) -> str:
    """COUNTTYPE#NUMBER#OBJECTTYPE and the 7 location fields of the location nearest to the count."""
    kind, value, obj, offset = count
    nearest = min(places, key=lambda p: abs(p[0] - offset), default=None)
    return f"{kind}#{value:g}#{clean(obj)}#{nearest[1] if nearest else _EMPTY_LOCATION}"


def _is_percent(what: str) -> bool:
    return what == "percent" or what.endswith("_percent")


def _amount(count: tuple) -> str:
    what, value, obj, offset = count
    return f"{value:g},{clean(obj or what, ',;')},{offset}"


def _name(name: str) -> str:
    return clean(name, ",;")


def _name_mentions(actors: list[tuple]) -> list[str]:
    """'name,offset' for every mention of each actor that names it (not a pronoun), else its first mention."""
    out = []
    for name, offset, mentions in actors:
        named = [m["span"][0] for m in json.loads(mentions or "[]") if m.get("text", "")[:1].isupper()]
        out += [f"{_name(name)},{start}" for start in named or [offset]]
    return out


def _all_names(actors: list[tuple], places: list[tuple]) -> list[str]:
    """Every capitalised actor mention as written and every location, 'name,offset', in text order."""
    names = []
    for _, offset, mentions in actors:
        for m in json.loads(mentions or "[]") or [{"text": "", "span": [offset]}]:
            if m.get("text", "")[:1].isupper():
                names.append((m["span"][0], m["text"]))
    names += [(p[7], p[1]) for p in places if p[1]]
    return [f"{_name(text)},{offset}" for offset, text in sorted(set(names))]


def _tone(tone: list) -> str:
    """V2Tone: tone, positive, negative, polarity, activity density, self/group density, word count."""
    if any(v is None for v in tone):
        return ""
    return ",".join([*(f"{v:g}" for v in tone[:-1]), str(int(tone[-1]))])


def gkg_date(value: str | None, offset: int) -> str | None:
    """A TIMEX date as a GKG 2.1 date block res#month#day#year#offset (3 a day, 2 a month, 1 a year, 4 a month and
    day without a year), None for a value naming none of these (a week, PRESENT_REF)."""
    value = value or ""
    if m := _DAY.match(value):
        year = 0 if m[1] == "XXXX" else int(m[1])
        return f"{3 if year else 4}#{int(m[2])}#{int(m[3])}#{year}#{offset}"
    if m := _MONTH.fullmatch(value):
        return f"2#{int(m[2])}#0#{m[1]}#{offset}"
    if _YEAR.fullmatch(value):
        return f"1#0#0#{value}#{offset}"
    return None


def _quotation(claim: tuple) -> str | None:
    """offset|length|verb|quote of a direct or mixed claim (a quotation), else None."""
    kind, content, cue = claim
    if kind not in _QUOTED_KINDS or not content:
        return None
    content = json.loads(content)
    verb = (json.loads(cue).get("text") or "").split()[-1:] if cue else []
    start, end = content["span"]
    return f"{start}|{end - start}|{clean(''.join(verb), '#|')}|{clean(content['text'], '#|')}"
