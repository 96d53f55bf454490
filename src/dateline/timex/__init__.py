"""TIMEX3 normalisation: a time expression, its reference date and tense -> type and value.

Rules in the manner of HeidelTime, written for Dateline: relative expressions
resolve against the article date ("on Friday" in a report dated Saturday
2023-05-13 is 2023-05-12) or, for narrative ones ("the previous day", "a week
later"), against the last explicit date; the verb's tense decides between the
last and the next Friday. Values follow TimeML: 2023-05-12, 2023-W19, 2023-05,
2023-Q2, 2023-SU, 2014, 201X, P3D, PXM, PRESENT_REF, XXXX-WXX-1.

Modules: `values` (Context, TimexValue, calendar periods), `grammar` (words and
patterns), `resolve` (the year or day of a name without one), the rules in
`dates`, `periods`, `durations` and `clock`, and `normaliser` (Normaliser).

>>> import datetime as dt
>>> n, ctx = Normaliser(), Context(dct=dt.date(2023, 5, 13), tense="past")
>>> [n.normalise(e, ctx).value for e in ("on Friday", "earlier this month", "for months")]
['2023-05-12', '2023-05', 'PXM']
"""

from .normaliser import Normaliser
from .resolve import resolve_weekday, resolve_year_of_day, resolve_year_of_month
from .values import Context, Tense, TimexValue

__all__ = [
    "Context",
    "Normaliser",
    "Tense",
    "TimexValue",
    "resolve_weekday",
    "resolve_year_of_day",
    "resolve_year_of_month",
]
