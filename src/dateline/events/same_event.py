"""When two event mentions are the same event: within one article, and across articles.

Both steps ask the same questions of two mentions: the same kind of act, the
same standing, and `agree` - where both give a value (a place, a source, a
day, a sub-event type), it is the same one; a mention that gives none agrees
with any. What they compare differs with what each step knows.

Within an article (`components/events.py` keeps a report's retellings of one
event once; it also asks that the retelling come within the next two
sentences), two mentions are one event when (`same_event_in_article`):
- they have the same PLOVER type and category, and the same ACLED sub-event
  type when both name their means;
- the same standing (`STANDING`: reported and claimed are one; denied,
  threatened, background and expected are each their own);
- they agree on the place, on the day where both are precise to a day
  (`day_of`), and on the country of the source actor.

Across articles (`fuse/events.py`), two mentions are *linked* when all of these hold:
- the same PLOVER type (or, without one, the same category), and neither is background or expected;
- compatible statuses: threatened only with threatened; reported, claimed and denied
  together (a denial is about the same event);
- dates precise to a day or a week (`LINKED_PRECISIONS`) whose intervals overlap, and the same part of the
  day where both give one ("this morning" and "in the evening" are two events);
- they agree on the ACLED sub-event type, on the source actor's code (or name) and on the target's;
- places that are specific (geo-precision 1 or 2, or a country or region when both
  mentions also name the same source and target actors) and lie within
  `MAX_KM[coarser precision]` of each other;
- sentences that share at least `MIN_SHARED_WORDS` content words besides the place names (`share_wording`).
The store's link query (`store/fusion.py` `link_candidates`) checks all but the last, with the bounds given here.
Links are then joined into events, closest first, only while every member agrees on the source actor, the
target actor and the exact day (`can_join`): a mention with no actor cannot bridge two that disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from ..schema import Event

STANDING = {"reported": "real", "claimed": "real"}  # any other status stands for itself
MAX_KM = {1: 5.0, 2: 25.0, 3: 50.0}
LINKED_PRECISIONS = ("day", "part_of_day", "time", "week", "weekend")
MIN_SHARED_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")
_COMMON = frozenset({"russia", "russian", "russians", "ukraine", "ukrainian", "ukrainians", "said", "says", "city",
                     "region", "according"})  # fmt: skip


def agree(x, y, key: Callable | None = None) -> bool:
    """Whether two values agree: one is missing (None), or they are equal (compared by `key` when given)."""
    if x is None or y is None:
        return True
    return key(x) == key(y) if key is not None else x == y


# --- within an article -------------------------------------------------------


def same_act(a: Event, b: Event, both_name_means: bool) -> bool:
    """The same PLOVER type and category, and the same ACLED sub-event type when both name their means."""
    if a.plover is None or a.plover != b.plover or a.category != b.category:
        return False
    return not both_name_means or a.acled_sub_event_type == b.acled_sub_event_type


def same_standing(a: Event, b: Event) -> bool:
    """The same standing: reported and claimed are one (`STANDING`), any other status only itself."""
    return STANDING.get(a.status, a.status) == STANDING.get(b.status, b.status)


def day_of(event: Event) -> str | None:
    """The event's date when it is precise to a day, else None."""
    return event.date if event.date_precision == "day" else None


def same_event_in_article(a: Event, b: Event, country_of: Callable[[int], str | None], both_name_means: bool) -> bool:
    """Whether two mentions of one article may tell the same event (the caller also bounds how far apart).

    country_of (Callable[[int], str | None]): the country of an actor, by its index in the record's actors.
    both_name_means (bool): both mentions name their means ("shelled", "a drone hit").
    """
    return (
        same_act(a, b, both_name_means)
        and same_standing(a, b)
        and agree(a.place, b.place)
        and agree(day_of(a), day_of(b))
        and agree(a.source_actor, b.source_actor, key=country_of)
    )


# --- across articles ---------------------------------------------------------


def content_words(text: str) -> frozenset[str]:
    """The words of a text that can tell one event from another: no stop words, numbers, short words, or the names
    of the two warring countries."""
    return frozenset(
        w
        for w in (m.lower() for m in _WORD.findall(text))
        if len(w) > 2 and w not in STOP_WORDS and w not in _COMMON and not w.isdigit()
    )


def share_wording(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Whether two mentions' sentences (as `content_words`, place names left out) share `MIN_SHARED_WORDS`."""
    return len(words_a & words_b) >= MIN_SHARED_WORDS


def can_join(held_a: Sequence, held_b: Sequence) -> bool:
    """Whether two linked events may become one: they agree on each value they hold (source actor, target actor,
    exact day)."""
    return all(agree(x, y) for x, y in zip(held_a, held_b))


def joined(held_a: Sequence, held_b: Sequence) -> tuple:
    """The values an event joined from two that `can_join` holds: each one's value where it has one."""
    return tuple(x if x is not None else y for x, y in zip(held_a, held_b))
