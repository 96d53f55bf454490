"""The deaths an event coder takes from a killed count: its value, unless one side claims the other side's losses.

"According to Russian sources, up to 200 Ukrainian soldiers were killed near Avdiivka and Marinka" is a
claim, not a toll: the speaker's side ("Russian") is not the side of the dead ("Ukrainian"). ACLED codes such a
claim conservatively, at most `CLAIMED_CAP` deaths shared evenly among the places the claim names (at least one
each), and the count keeps `status: claimed`. A toll its sentence tells again ("200 ... were killed near A and B
[the ministry reported 200 fatalities]") adds no deaths the second time. Sides are the countries of the places the
geo component found in the speaker's words and in the count's (demonyms such as "Russian" are places with the role
`demonym`).

>>> coded_deaths(200, places_named=2)
5
"""

from __future__ import annotations

from collections.abc import Sequence

from ..schema import Claim, Count, Place

CLAIMED_CAP = 10
TOLL_NOUNS = frozenset({"fatalities", "fatality", "deaths", "death", "dead", "casualties", "lives"})


def coded_deaths(value: int, places_named: int) -> int:
    """What a claimed toll of `value` deaths over `places_named` places is coded as."""
    return max(1, min(value, CLAIMED_CAP) // max(1, places_named))


def code_fatalities(counts: Sequence[Count], claims: Sequence[Claim], places: Sequence[Place], sentences) -> None:
    """Set `fatalities` (and `status` of claimed ones) on every killed count, in place.

    sentences: (start, end) characters of each sentence, in order.
    """
    told: dict[tuple[tuple[int, int], int], Count] = {}  # (sentence, value) -> the first killed count telling it
    for count in counts:
        if count.what != "killed":
            continue
        value = int(count.value)
        sentence = next(((a, b) for a, b in sentences if a <= count.span[0] < b), count.span)
        first = told.setdefault((sentence, value), count)
        if first is not count and (count.object or "").lower() in TOLL_NOUNS:
            count.status, count.fatalities = first.status, 0  # "200 soldiers were killed [... 200 fatalities]"
            continue
        claim = next((c for c in claims if c.content.span[0] <= count.span[0] < c.content.span[1]), None)
        if claim is None or claim.speaker is None or not _other_side(claim.speaker.span, count.span, places):
            count.fatalities = value
            continue
        count.status = "claimed"
        count.fatalities = coded_deaths(value, _locations_in(sentence, places))


def _countries(span: tuple[int, int], places: Sequence[Place]) -> set[str]:
    return {
        p.country for p in places if p.country and any(m.span[0] < span[1] and span[0] < m.span[1] for m in p.mentions)
    }


def _other_side(speaker: tuple[int, int], dead: tuple[int, int], places: Sequence[Place]) -> bool:
    said_by, killed = _countries(speaker, places), _countries(dead, places)
    return bool(said_by and killed and not said_by & killed)


def _locations_in(sentence: tuple[int, int], places: Sequence[Place]) -> int:
    return sum(
        1 for p in places if p.role == "location" and any(sentence[0] <= m.span[0] < sentence[1] for m in p.mentions)
    )


__all__ = ["CLAIMED_CAP", "code_fatalities", "coded_deaths"]
