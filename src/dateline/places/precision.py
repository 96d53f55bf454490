"""How precisely a place is known: by its kind, by the words before it, and in GDELT's terms.

A place's `feature` is its gazetteer kind ("city", "admin1", ...; see
`gazetteer.KINDS`), or "unresolved" for a point the text supports but the
gazetteer lacks. Precision follows ACLED: 1 the named place, 2 near it or
part of it, 3 an admin area or wider.

>>> precision_of_kind(CITY), precision_of_kind(ADMIN1)
(1, 3)
>>> event_precision(1, "Shelling was reported near ", 27)
2
"""

from __future__ import annotations

import re

from .gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, LOCALITY, REGION, WATER

PRECISION = {CITY: 1, LOCALITY: 1, ADMIN2: 2, ADMIN1: 3, COUNTRY: 3, CONTINENT: 3, WATER: 3, REGION: 3}
UNRESOLVED = "unresolved"
# most specific first: an event's place is the most specific of those its sentence names
SPECIFICITY = {
    "city": 0,
    "locality": 0,
    UNRESOLVED: 1,
    "admin2": 2,
    "admin1": 3,
    "region": 3,
    "water": 4,
    "country": 5,
    "continent": 6,
}
LEAST_SPECIFIC = 7
# GDELT's geo type (ActionGeo_Type) by feature; GDELT's codes: 1 country, 2 US state, 3 US city, 4 world city,
# 5 world state
GDELT_GEO_TYPE = {
    "country": 1,
    "admin1": 2,
    "region": 2,
    "water": 2,
    "continent": 1,
    "admin2": 3,
    "city": 4,
    "locality": 4,
    UNRESOLVED: 4,
}
NEAR_WINDOW = 40  # characters before a place searched for a 'near' phrase
NEAR_RX = re.compile(
    r"\b(?:near|outside|around|outskirts of|vicinity of|direction of|(?:north|south|east|west)(?:-?(?:east|west))?"
    r"(?:ern)? of|close to|approaches to)\s+(?:the\s+)?(?:\w+\s+of\s+)?$",
    re.IGNORECASE,
)


def precision_of_kind(kind: int) -> int:
    """The precision of a gazetteer entry of this kind: 1 a town, 2 a county or district, 3 wider."""
    return PRECISION[kind]


def specificity(feature: str | None) -> int:
    """A rank of features, most specific (0: a town) first; unknown features last.

    >>> specificity("city") < specificity("admin1") < specificity("country") < specificity(None)
    True
    """
    return SPECIFICITY.get(feature or "", LEAST_SPECIFIC)


def event_precision(place_precision: int | None, text: str, start: int, floor: int = 0) -> int:
    """An event's geo-precision at the place mentioned at `text[start:]`: 2 when the words just before it say
    'near', 'outside', 'north of' ... a named place, else the place's own precision (1 when it has none).

    floor (int): where the search window may begin at the earliest (the sentence's start).
    """
    precision = place_precision or 1
    if precision == 1 and NEAR_RX.search(text[max(floor, start - NEAR_WINDOW) : start]):
        return 2
    return precision


__all__ = [
    "GDELT_GEO_TYPE",
    "NEAR_RX",
    "PRECISION",
    "UNRESOLVED",
    "event_precision",
    "precision_of_kind",
    "specificity",
]
