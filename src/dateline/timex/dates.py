"""Rules for days, months, years, decades and centuries: 'yesterday', 'on Friday', 'May 12', 'in 2014', 'the 1990s'."""

from __future__ import annotations

import datetime as dt

from .grammar import Grammar
from .resolve import resolve_weekday, resolve_year_of_day, resolve_year_of_month
from .values import Context, TimexValue, day_value, month_value, safe_day_value


def dayword(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A day named by a word: 'today', 'yesterday', 'tonight', 'this morning' (a part of day is a TIME)."""
    m = g.rx["dayword"].match(s)
    if not m:
        return None
    word = m.group(1)
    offsets = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "last night": -1,
    }
    day = ctx.dct + dt.timedelta(days=offsets.get(word, 0))
    part = m.group(3) or m.group(2) or ("night" if word in ("tonight", "last night", "overnight") else None)
    if part:
        return TimexValue("TIME", f"{day.isoformat()}T{g.parts_of_day[part]}", day, day, "part_of_day", "dct")
    return day_value(day, "dct")


def narrative_day(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A day counted from the last explicit date: 'the previous day', 'the next morning', 'that same day'."""
    m = g.rx["narrative_day"].match(s)
    if not m:
        return None
    which = m.group(1) or m.group(3) or "same"
    offset = {
        "previous": -1,
        "preceding": -1,
        "before": -1,
        "next": 1,
        "following": 1,
        "subsequent": 1,
        "after": 1,
    }.get(which, 0)
    return day_value(ctx.ref + dt.timedelta(days=offset), "anchor")


def named_weekday(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A weekday, the last or next one by the tense or 'last'/'next': 'on Friday', 'next Tuesday', 'Friday night'."""
    m = g.rx["weekday"].match(s)
    if not m:
        return None
    which, name, part = m.group(1), m.group(2) or m.group(5), m.group(3) or m.group(4)
    direction = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which or "")
    day = resolve_weekday(g.weekdays[name], ctx.dct, ctx.tense, direction)
    if part:
        return TimexValue("TIME", f"{day.isoformat()}T{g.parts_of_day[part]}", day, day, "part_of_day", "dct")
    return day_value(day, "dct")


def month_day(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A day of a month, in the year written or the one the tense points to: 'May 12', '24 February 2022'."""
    m = g.rx["month_day"].match(s)
    if m:
        month, day, year = g.months[m.group(1)], int(m.group(2)), m.group(3)
    else:
        m = g.rx["day_month"].match(s)
        if not m:
            return None
        day, month, year = int(m.group(1)), g.months[m.group(2)], m.group(3)
    if year:
        return safe_day_value(int(year), month, day, None)
    return safe_day_value(resolve_year_of_day(month, day, ctx.dct, ctx.tense), month, day, "dct")


def numeric_date(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A date in digits: '2023-05-12', '12/5/2023' (month first unless the first number cannot be a month)."""
    m = g.rx["iso_date"].match(s)
    if m:
        return safe_day_value(int(m.group(1)), int(m.group(2)), int(m.group(3)), None)
    m = g.rx["slash_date"].match(s)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year = year + (2000 if year < 50 else 1900) if year < 100 else year
        month, day = (a, b) if a <= 12 else (b, a)
        return safe_day_value(year, month, day, None)
    return None


def named_month(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A month, in the year written or the tense's: 'February 2022', 'last March'; a bare 'may' needs a capital."""
    m = g.rx["month"].match(s)
    if not m:
        return None
    which, name, year = m.group(1), m.group(2), m.group(3)
    if name == "may" and not year and not which and not ctx.may_is_month:
        return None  # the modal verb, unless the text wrote "May"
    month = g.months[name]
    if year:
        return month_value(int(year), month, None)
    direction = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}.get(which or "")
    if which == "that":
        return month_value(ctx.ref.year, month, "anchor")
    return month_value(resolve_year_of_month(month, ctx.dct, ctx.tense, direction), month, "dct")


def month_this_year(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A month of a year named relative to the DCT: 'March of last year'."""
    m = g.rx["month_rel_year"].match(s)
    if not m:
        return None
    year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
    return month_value(year, g.months[m.group(1)], "dct")


def year_number(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A year written in digits, 1000 to 2199: '2014', 'fiscal 2023'."""
    m = g.rx["year"].match(s)
    if not m:
        return None
    year = int(m.group(1))
    if not 1000 <= year <= 2199:
        return None
    return TimexValue("DATE", f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def decade(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A decade: 'the 1990s', "the '80s" (of the 1900s when the 2000s would put it past the DCT's decade)."""
    m = g.rx["decade"].match(s)
    if not m:
        return None
    if m.group(1):
        prefix = m.group(1)
    else:
        prefix = ("19" if int(m.group(2)) > (ctx.dct.year % 100) // 10 else "20") + m.group(2)
    start = int(prefix) * 10
    return TimexValue("DATE", f"{prefix}X", dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade")


def nth_century(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A century by its ordinal: 'the 19th century'."""
    m = g.rx["century"].match(s)
    if not m:
        return None
    century = int(m.group(1)) - 1
    return TimexValue(
        "DATE",
        f"{century:02d}",
        dt.date(max(century * 100, 1), 1, 1),
        dt.date(century * 100 + 99, 12, 31),
        "century",
    )


def holiday(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A holiday from the lexicon, on a fixed day or the nth weekday of its month: 'Christmas', 'last Thanksgiving'."""
    m = g.rx["holiday"].match(s)
    if not m:
        return None
    month, day, *nth_weekday = g.holidays[m.group(2)]
    direction = {"last": -1, "next": 1, "this": 0}.get(m.group(1) or "")
    tense = ctx.tense if direction is None else ("past" if direction < 0 else "future")
    year = int(m.group(3)) if m.group(3) else resolve_year_of_day(month, day, ctx.dct, tense)
    if nth_weekday:  # e.g. Thanksgiving, the fourth Thursday of November
        first = dt.date(year, month, 1)
        day = 1 + (nth_weekday[0] - first.isoweekday()) % 7 + 7 * (day - 1)
    return safe_day_value(year, month, day, None if m.group(3) else "dct")


def word_year(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A year written in words: 'nineteen ninety-nine', 'two thousand and five'."""
    m = g.rx["word_year"].match(s)
    if not m:
        return None
    if m.group(1) is not None:
        rest = g.number(m.group(1).strip())
        if rest is None or not 0 <= rest < 100:
            return None
        return year_number(g, str(1900 + int(rest)), ctx)
    rest = g.number(m.group(2).strip()) if m.group(2) else 0
    return None if rest is None else year_number(g, str(2000 + int(rest)), ctx)
