"""What a time expression normalises to: its context, its TIMEX3 value, and the calendar periods values name."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

Tense = str | None  # "past", "present", "future" or None


@dataclass(frozen=True)
class Context:
    """What a relative expression is resolved against."""

    dct: dt.date
    tense: Tense = None
    anchor: dt.date | None = None  # the last explicit date of the narrative; the DCT when None
    may_is_month: bool = False  # the expression wrote "May" with a capital
    business: bool = False  # a business report: "a year ago" means the same quarter last year

    @property
    def ref(self) -> dt.date:
        return self.anchor or self.dct


@dataclass(frozen=True)
class TimexValue:
    """A normalised time expression."""

    type: str
    value: str
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    relative: str | None = None  # "dct", "anchor" or None (absolute)


PERIODS = {
    "week": "W",
    "month": "M",
    "year": "Y",
    "quarter": "Q",
    "decade": "DE",
    "century": "CE",
    "day": "D",
    "weekend": "WE",
}
PRECISION = {
    "MIN": "minute",
    "D": "day",
    "W": "week",
    "M": "month",
    "Y": "year",
    "Q": "quarter",
    "DE": "decade",
    "CE": "century",
    "H": "hour",
    "S": "second",
    "2W": "week",
}


def day_value(day: dt.date, relative: str | None) -> TimexValue:
    """The DATE of one day."""
    return TimexValue("DATE", day.isoformat(), day, day, "day", relative)


def safe_day_value(year: int, month: int, day: int, relative: str | None) -> TimexValue | None:
    """The DATE of one day, or None when the calendar has no such day (February 30)."""
    try:
        return day_value(dt.date(year, month, day), relative)
    except ValueError:
        return None


def month_value(year: int, month: int, relative: str | None) -> TimexValue:
    """The DATE of one month."""
    last = calendar.monthrange(year, month)[1]
    return TimexValue(
        "DATE", f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last), "month", relative
    )


def quarter_value(year: int, quarter: int, relative: str | None) -> TimexValue:
    """The DATE of one quarter of a year."""
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
    return TimexValue("DATE", f"{year:04d}-Q{quarter}", start, end, "quarter", relative)


def last_completed_quarter(dct: dt.date) -> tuple[int, int]:
    """The year and number of the last quarter that ended before `dct`."""
    q = (dct.month - 1) // 3 + 1
    return (dct.year, q - 1) if q > 1 else (dct.year - 1, 4)


def duration_value(amount: float | None, unit: str) -> TimexValue:
    """The DURATION of `amount` units (an unknown number when None)."""
    return TimexValue("DURATION", iso_duration(amount, unit), precision=PRECISION.get(unit))


def iso_duration(amount: float | None, unit: str) -> str:
    """ISO 8601 duration: P3D, PT2H, PXM, P2Y6M."""
    clock = unit in ("H", "S", "MIN")
    if unit == "MIN":
        unit = "M"
    if unit == "DE" and amount is None:
        unit = "Y"  # TimeBank writes an unknown number of decades as PXY
    if unit == "2W":
        unit, amount = "W", (amount * 2 if amount is not None else None)
    if unit == "DE" and amount is not None:
        unit, amount = "Y", amount * 10
    if unit == "CE" and amount is not None:
        unit, amount = "Y", amount * 100
    if amount is None:
        return f"PT X{unit}".replace(" ", "") if clock else f"PX{unit}"
    if amount != int(amount):
        return _fractional_duration(amount, unit)
    return f"PT{int(amount)}{unit}" if clock else f"P{int(amount)}{unit}"


def _fractional_duration(amount: float, unit: str) -> str:
    """A duration of a fractional amount, in the next smaller unit: P2Y6M, PT12H, PT1H30M."""
    whole, frac = int(amount), amount - int(amount)
    if unit == "Y":
        return f"P{whole}Y{int(round(frac * 12))}M" if whole else f"P{int(round(frac * 12))}M"
    if unit == "D":
        return f"P{whole}DT{int(round(frac * 24))}H" if whole else f"PT{int(round(frac * 24))}H"
    if unit == "H":
        return f"PT{whole}H{int(round(frac * 60))}M" if whole else f"PT{int(round(frac * 60))}M"
    return f"P{amount:g}{unit}"


def weekend(ctx: Context, direction: int = 0) -> TimexValue:
    """The weekend `direction` weeks from the DCT's; with none, the one the tense points to."""
    if direction == 0 and ctx.tense == "future":
        direction = 1 if ctx.dct.isoweekday() < 6 else 0
    elif direction == 0 and ctx.dct.isoweekday() < 6 and ctx.tense == "past":
        direction = -1
    saturday = ctx.dct + dt.timedelta(days=(6 - ctx.dct.isoweekday()))
    saturday += dt.timedelta(weeks=direction)
    year, week, _ = saturday.isocalendar()
    return TimexValue("DATE", f"{year}-W{week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "weekend", "dct")


def shifted(base: dt.date, unit: str, amount: float, relative: str) -> TimexValue | None:
    """The calendar period `amount` units away from `base`, at that unit's granularity."""
    n = int(amount)
    if n != amount:
        return None
    if unit == "D":
        return day_value(base + dt.timedelta(days=n), relative)
    if unit in ("2W", "W"):
        day = base + dt.timedelta(weeks=n * (2 if unit == "2W" else 1))
        year, week, _ = day.isocalendar()
        monday = day - dt.timedelta(days=day.isoweekday() - 1)
        return TimexValue("DATE", f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6), "week", relative)
    if unit == "M":
        total = base.year * 12 + base.month - 1 + n
        return month_value(total // 12, total % 12 + 1, relative)
    if unit == "Q":
        q = (base.month - 1) // 3 + n
        return quarter_value(base.year + q // 4, q % 4 + 1, relative)
    if unit == "Y":
        year = base.year + n
        return TimexValue("DATE", f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year", relative)
    if unit == "DE":
        decade = (base.year // 10 + n) * 10
        return TimexValue(
            "DATE", f"{decade // 10}X", dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade", relative
        )
    if unit == "CE":
        century = base.year // 100 + n
        return TimexValue(
            "DATE",
            f"{century:02d}",
            dt.date(century * 100, 1, 1),
            dt.date(century * 100 + 99, 12, 31),
            "century",
            relative,
        )
    return None
