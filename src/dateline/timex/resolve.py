"""Which date a name written without its year or week means: by the tense, a direction and nearness to the DCT."""

from __future__ import annotations

import calendar
import datetime as dt

from .values import Tense


def resolve_weekday(weekday: int, dct: dt.date, tense: Tense, direction: int | None = None) -> dt.date:
    """The date of a named weekday: the last one (on or before the DCT) in past narration, the next in future.

    >>> resolve_weekday(5, dt.date(2023, 5, 13), "past")
    datetime.date(2023, 5, 12)
    """
    today = dct.isoweekday()
    if direction == -1:
        return dct - dt.timedelta(days=(today - weekday) % 7 or 7)
    if direction == 1:
        return dct + dt.timedelta(days=(weekday - today) % 7 or 7)
    if tense == "future":
        return dct + dt.timedelta(days=(weekday - today) % 7)
    if tense == "past":
        return dct - dt.timedelta(days=(today - weekday) % 7)
    back, ahead = (today - weekday) % 7, (weekday - today) % 7
    return dct + dt.timedelta(days=ahead) if ahead < back else dct - dt.timedelta(days=back)


def resolve_year_of_month(month: int, dct: dt.date, tense: Tense, direction: int | None = None) -> int:
    """The year of a month named without one."""
    if direction == -1:
        return dct.year if month < dct.month else dct.year - 1
    if direction == 1:
        return dct.year if month > dct.month else dct.year + 1
    if direction == 0:
        return dct.year
    if tense == "future":
        return dct.year if month >= dct.month else dct.year + 1
    if tense == "past":
        return dct.year if month <= dct.month else dct.year - 1
    return dct.year if abs(month - dct.month) <= 6 else (dct.year - 1 if month > dct.month else dct.year + 1)


def resolve_year_of_day(month: int, day: int, dct: dt.date, tense: Tense) -> int:
    """The year of a day named without one ("May 12"): the nearest, unless the tense points the other way."""
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(dt.date(year, month, min(day, calendar.monthrange(year, month)[1])))
        except ValueError:
            continue
    if tense == "past":
        past = [c for c in candidates if c <= dct + dt.timedelta(days=1)]
        if past and (dct - max(past)).days < 300:
            return max(past).year
    if tense == "future":
        future = [c for c in candidates if c >= dct]
        if future and (min(future) - dct).days < 300:
            return min(future).year
    return min(candidates, key=lambda c: abs((c - dct).days)).year
