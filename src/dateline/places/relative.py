"""Relative phrases: "about 10 kilometres north of Bakhmut" attached to the place it describes.

The phrase gives a point (the anchor's, moved by the distance and bearing when
it states them). The place it describes (a town written just before it, else
just after it) keeps its gazetteer entry when that lies near the point, else
takes the candidate that does, else stands at the point itself, at precision 2.

>>> RelativePhrases(resolver).attach(mentions, doc.text)  # doctest: +SKIP
>>> _number("twenty"), _bearing_code("north-west")
(20.0, 'NW')
"""

from __future__ import annotations

import re

from ..schema import RelativePlace
from ..text import SPOKEN_NUMBERS, parse_number
from .gazetteer import CITY, LOCALITY
from .geometry import destination, within_km
from .recognise import Mention
from .resolve import Resolver

KM_PER_MILE = 1.609344
MIN_TOLERANCE_KM = 25.0  # how far from the phrase's point a described place may lie: this, or 60% of the distance
TOLERANCE_SHARE = 0.6
BEFORE_CHARS = 12  # "Soledar, about 10 km north of": a town this close before the phrase
AFTER_CHARS = 40  # "north-west of Bakhmut, near the village of Berkhivka": or this close after it


class RelativePhrases:
    """Finds relative phrases and checks, or replaces, the point of the place each describes."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.rx = resolver.words.relative_rx
        self.bearings = resolver.words.bearings

    def attach(self, mentions: list[Mention], text: str) -> None:
        """Attach every phrase of `text` (the document's text) whose anchor is a resolved mention."""
        for match in self.rx.finditer(text):
            anchor = next((m for m in mentions if m.span.start_char == match.start("anchor")), None)
            if anchor is None or anchor.chosen is None:
                continue
            distance = _distance(match)
            bearing = match.group("bearing").lower().replace(" ", "-") if match.group("bearing") else None
            relative = RelativePlace(
                span=(match.start(), match.end()),
                text=match.group(0),
                anchor=anchor.name,
                distance_km=distance,
                bearing=_bearing_code(bearing),
            )
            target = self._described(mentions, anchor, match.start(), match.end())
            if target is None:
                continue
            target.relative = relative
            anchor_point = self.resolver.point(anchor.chosen)
            expected = (
                destination(anchor_point, distance, self.bearings.get(bearing or "")) if distance else anchor_point
            )
            self._check(target, expected, max(MIN_TOLERANCE_KM, (distance or 0) * TOLERANCE_SHARE), anchor.name)

    def _check(self, target: Mention, expected: tuple[float, float], tolerance_km: float, anchor_name: str) -> None:
        """Keep the target's entry when it lies within the tolerance of the phrase's point; else take the likeliest
        candidate that does; else put the target at the point."""
        point, prior = self.resolver.point, self.resolver.prior
        if target.chosen is not None:
            if within_km(point(target.chosen), expected, tolerance_km):
                return
            near = [int(i) for i in target.candidates if within_km(point(int(i)), expected, tolerance_km)]
            if near:
                target.chosen = max(near, key=prior)
                return
        target.chosen, target.point, target.precision = None, expected, 2
        target.fallback_name = anchor_name

    def _described(self, mentions: list[Mention], anchor: Mention, start: int, end: int) -> Mention | None:
        """The place a relative phrase describes: a town just before it ('Soledar, about 10 km north of'),
        else one just after it ('north-west of Bakhmut, near the village of Berkhivka')."""

        def local(m: Mention) -> bool:
            if m is anchor or m.demonym or m.span.sent != anchor.span.sent:
                return False
            return m.chosen is None or self.resolver.kind(m.chosen) in (CITY, LOCALITY)

        candidates = [m for m in mentions if local(m)]
        before = [m for m in candidates if m.span.end_char <= start and start - m.span.end_char <= BEFORE_CHARS]
        if before:
            return before[-1]
        after = [m for m in candidates if m.span.start_char >= end and m.span.start_char - end <= AFTER_CHARS]
        return after[0] if after else None


def _distance(match: re.Match) -> float | None:
    """The phrase's distance in km ('some 50 km', 'five miles'), or None when it states none."""
    distance = _number(match.group("distance")) if match.group("distance") else None
    if distance is not None and match.group("unit") and match.group("unit").lower().startswith("mile"):
        distance *= KM_PER_MILE
    return distance


def _number(text: str) -> float | None:
    """A distance as the phrase writes it ('10', '1.5', 'twenty', 'a hundred'), commas dropped ('10,000')."""
    return parse_number(text.lower().replace(",", ""), SPOKEN_NUMBERS)


def _bearing_code(bearing: str | None) -> str | None:
    if not bearing:
        return None
    return "".join(part[0].upper() for part in bearing.replace("-", " ").split())


__all__ = ["RelativePhrases"]
