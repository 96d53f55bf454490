"""Rules for calendar periods: 'this week', 'the previous month', quarters, halves, seasons, the year-earlier period."""

from __future__ import annotations

import datetime as dt
import re

from .grammar import Grammar
from .resolve import resolve_year_of_month
from .values import (
    PERIODS,
    Context,
    TimexValue,
    day_value,
    duration_value,
    last_completed_quarter,
    quarter_value,
    shifted,
    weekend,
)


def calendar_period(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A period named relative to the DCT or anchor: 'this week', 'last month', 'the following year', 'that day'."""
    m = g.rx["calendar"].match(s)
    if not m:
        return None
    the, which, period = m.group(1), m.group(2), m.group(3)
    unit = PERIODS[period]
    if unit == "WE":
        direction = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
        return weekend(ctx, direction)
    if which in ("past", "last", "prior") and the:
        return duration_value(1, unit)
    if which in ("next", "coming", "upcoming") and the and unit in ("D", "W", "M", "Y"):
        return duration_value(1, unit)
    if unit == "D":
        offsets = {
            "previous": -1,
            "preceding": -1,
            "prior": -1,
            "next": 1,
            "following": 1,
            "subsequent": 1,
            "same": 0,
            "that": 0,
        }
        if which not in offsets:
            return None
        day = ctx.ref + dt.timedelta(days=offsets[which])
        return day_value(day, "anchor")
    if which in ("this", "current", "present", "new", "full", "fiscal", "current fiscal", "calendar", "whole"):
        offset, base, relative = 0, ctx.dct, "dct"
    elif which in ("last", "past", "previous", "prior", "year-earlier", "year-ago", "preceding"):
        offset, base, relative = (
            -1,
            (ctx.ref if the and which in ("previous", "preceding", "prior") else ctx.dct),
            "dct",
        )
    elif which in ("next", "coming", "upcoming", "following", "subsequent", "succeeding"):
        offset, base, relative = (
            1,
            (ctx.ref if which in ("following", "subsequent", "succeeding") else ctx.dct),
            "dct",
        )
    else:  # that, same
        offset, base, relative = 0, ctx.ref, "anchor"
    if base is ctx.ref and ctx.anchor is not None:
        relative = "anchor"
    if unit == "Q" and which in ("year-earlier", "year-ago"):
        q = last_completed_quarter(ctx.dct)
        return quarter_value(q[0] - 1, q[1], "dct")
    return shifted(base, unit, offset, relative)


def financial_period(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """'the year-earlier period': the same quarter a year before the last completed one, as business news uses it."""
    if not g.rx["financial"].match(s):
        return None
    year, quarter = last_completed_quarter(ctx.dct)
    return quarter_value(year - 1, quarter, "dct")


_Q_WORD = re.compile(r"\bq[1-4]\b")
_Q_NUMBER = re.compile(r"\bq([1-4])\b|\b([1-4])(?:st|nd|rd|th)?[ -]quarter")
_YEAR_WRITTEN = re.compile(r"\b(\d{4})\b")
_YEAR_BEFORE = re.compile(r"\b(last|previous|year-earlier|year-ago)\b")
_YEAR_AFTER = re.compile(r"\b(next|coming)\b")


def quarter(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A quarter: 'the first quarter of 2023', 'Q2', 'last quarter', 'the year-ago quarter'."""
    if "quarter" not in s and not _Q_WORD.search(s):
        return None
    m = g.rx["quarter"].match(s)
    if not m:
        return None
    if s.endswith("quarters") and not m.group(1):
        return None
    number = _quarter_number(g, s)
    if number is not None and number > 4:
        return None
    if number is None:
        return _unnumbered_quarter(s, ctx)
    return _numbered_quarter(s, number, ctx)


def _quarter_number(g: Grammar, s: str) -> int | None:
    """The quarter's number, from an ordinal word ('second') or digits ('q2', '2nd quarter'); None when unwritten."""
    number = next((g.ordinals.get(w) for w in re.split(r"[ -]", s) if w in g.ordinals and g.ordinals[w] > 0), None)
    if number is None:
        q = _Q_NUMBER.search(s)
        number = int(q.group(1) or q.group(2)) if q else None
    return number


def _unnumbered_quarter(s: str, ctx: Context) -> TimexValue:
    """'the quarter', 'last quarter', 'this quarter': the last completed quarter, or the one before, current or next."""
    current_year, current_q = last_completed_quarter(ctx.dct)
    year, number = current_year, current_q
    next_year = _YEAR_AFTER.search(s)
    if _YEAR_BEFORE.search(s):
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
        if "year-" in s:
            year, number = current_year - 1, current_q
    elif next_year or "this" in s.split() or "current" in s:
        year, number = ctx.dct.year, (ctx.dct.month - 1) // 3 + 1
        if next_year:
            year, number = (year, number + 1) if number < 4 else (year + 1, 1)
    return quarter_value(year, number, "dct")


def _numbered_quarter(s: str, number: int, ctx: Context) -> TimexValue:
    """'the second quarter (of 2022)': in the year written, else the DCT's, moved by 'last', 'next' or the tense."""
    year_in = _YEAR_WRITTEN.search(s)
    if year_in:
        return quarter_value(int(year_in.group(1)), number, None)
    year = ctx.dct.year
    if _YEAR_BEFORE.search(s):
        year -= 1
    elif _YEAR_AFTER.search(s):
        year += 1
    elif ctx.tense == "past" and number > (ctx.dct.month - 1) // 3 + 1:
        year -= 1
    return quarter_value(year, number, "dct")


def half_year(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A half of a year: 'the first half', 'the second half of 2022'."""
    m = g.rx["half"].match(s)
    if not m or not m.group(1):
        return None
    half = 1 if m.group(1) == "first" else 2
    year = int(m.group(2)) if m.group(2) else ctx.dct.year
    if not m.group(2) and ctx.tense == "past" and half == 2 and ctx.dct.month <= 6:
        year -= 1
    start = dt.date(year, 1 if half == 1 else 7, 1)
    end = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
    return TimexValue("DATE", f"{year}-H{half}", start, end, "half", None if m.group(2) else "dct")


def season(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A season, in the year written or the one the tense points to: 'last summer', 'winter 2021'."""
    m = g.rx["season"].match(s)
    if not m:
        return None
    which, code, year = m.group(1), g.seasons[m.group(2)], m.group(3)
    if year:
        y = int(year)
    else:
        start_month = g.season_months[code]
        direction = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}.get(which or "")
        y = resolve_year_of_month(start_month, ctx.dct, ctx.tense, direction)
        if code == "WI" and direction == -1 and ctx.dct.month <= 2:
            y = ctx.dct.year - 1
    month = g.season_months[code]
    start = dt.date(y, month, 1)
    end = (dt.date(y + 1, 3, 1) if code == "WI" else dt.date(y, month + 3, 1)) - dt.timedelta(days=1)
    return TimexValue("DATE", f"{y}-{code}", start, end, "season", None if year else "dct")
