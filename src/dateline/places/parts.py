"""The part of a country a compass word names: "eastern Ukraine", "southern Lebanon", "north-western Syria".

The gazetteer has no polygons, so a part is read from the country's towns: their longitudes (for east and west)
or latitudes (for north and south) between the 5th and 95th percentile are cut in thirds, and the part is the
median point of the towns in its third ("central" is the middle third both ways). A country's towns follow its
people, so the point sits where its news usually happens in that part.

>>> Parts(gazetteer).point("UA", "eastern")  # doctest: +SKIP
(48.46, 36.38)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .gazetteer import CITY, Gazetteer

MIN_TOWNS = 30  # fewer towns than this: too small a country to have named parts
MIN_POPULATION = 1000
DIRECTIONS = {  # compass word -> (latitude third, longitude third): 0 low, 1 middle, 2 high, None any
    "northern": (2, None),
    "southern": (0, None),
    "eastern": (None, 2),
    "western": (None, 0),
    "central": (1, 1),
    "north-eastern": (2, 2),
    "northeastern": (2, 2),
    "north-western": (2, 0),
    "northwestern": (2, 0),
    "south-eastern": (0, 2),
    "southeastern": (0, 2),
    "south-western": (0, 0),
    "southwestern": (0, 0),
}


class Parts:
    """Points for the compass parts of countries, computed once per country from the gazetteer's towns."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._towns = lru_cache(maxsize=256)(self._country_towns)

    def point(self, iso2: str, direction: str) -> tuple[float, float] | None:
        """The point of `direction` ("eastern") in the country `iso2`, None for a word that is no compass part
        or a country with too few towns."""
        thirds = DIRECTIONS.get(direction.lower())
        towns = self._towns(iso2) if thirds else None
        if towns is None:
            return None
        lat, lon = towns
        keep = _third(lat, thirds[0]) & _third(lon, thirds[1])
        if not keep.any():
            return None
        return round(float(np.median(lat[keep])), 5), round(float(np.median(lon[keep])), 5)

    def _country_towns(self, iso2: str) -> tuple[np.ndarray, np.ndarray] | None:
        entries = self.gazetteer.entries
        rows = entries[
            (entries["cc"] == iso2.encode()) & (entries["kind"] == CITY) & (entries["pop"] >= MIN_POPULATION)
        ]
        if len(rows) < MIN_TOWNS:
            return None
        return rows["lat"].astype(np.float64), rows["lon"].astype(np.float64)


def _third(values: np.ndarray, which: int | None) -> np.ndarray:
    if which is None:
        return np.ones(len(values), dtype=bool)
    low, high = np.percentile(values, [5, 95])
    cuts = low + (high - low) * np.array([1 / 3, 2 / 3])
    band = np.digitize(values, cuts)
    return band == which


__all__ = ["DIRECTIONS", "Parts"]
