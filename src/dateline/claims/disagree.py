"""When two claims take opposite sides: the decision the within-article and the across-article rules share.

Two claims disagree when different speakers, both known, make them, one denies
or negates what the other asserts, and they are not one statement read twice
(overlapping content in one article). Each rule then asks more: within an
article, that the two are about one thing (`within.py`); across articles, that
they come from articles that are not copies of each other and from speakers
whose names are not one another's (`across.py`).
"""

from __future__ import annotations

from typing import NamedTuple


class Side(NamedTuple):
    """What the shared decision needs of a claim."""

    article: str | None
    span: tuple[int, int]  # the content's characters
    speaker: object  # a key saying who speaks, None when nobody known does
    denies: bool


def disagree(a: Side, b: Side) -> bool:
    """Whether two claims take opposite sides: different known speakers, one denying what the other asserts, and
    not one statement read twice."""
    if a.speaker is None or b.speaker is None or a.speaker == b.speaker or a.denies == b.denies:
        return False
    return not (a.article == b.article and a.span[0] < b.span[1] and b.span[0] < a.span[1])
