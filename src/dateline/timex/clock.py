"""Rules for clock times: '3 p.m.', '14:30 GMT', 'noon', on the day the rest of the expression names or the DCT."""

from __future__ import annotations

from collections.abc import Callable

from .grammar import Grammar
from .values import Context, TimexValue

DayOf = Callable[[str, Context], TimexValue | None]  # the normaliser, for the day a clock time falls on


def clock(g: Grammar, s: str, ctx: Context, day_of: DayOf) -> TimexValue | None:
    """A clock time; 'Friday at 3 p.m.' is read as '3 p.m. Friday'.

    day_of (DayOf): normalises the rest of the expression ('on Friday') to the day of the time.
    """
    m = g.rx["date_at"].match(s)
    if m and not g.rx["clock"].match(s) and clock(g, m.group(2), ctx, day_of) is not None:
        return clock(g, f"{m.group(2)} {m.group(1)}", ctx, day_of)
    read = _time_of_day(g, s)
    if read is None:
        return None
    hour, minute, rest = read
    if hour > 24 or minute > 59:
        return None
    day, relative = ctx.dct, "dct"
    if rest:
        base = day_of(rest, ctx)
        if base is None or base.precision != "day" or base.start is None:
            return None
        day, relative = base.start, base.relative
    return TimexValue("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", day, day, "time", relative)


def _time_of_day(g: Grammar, s: str) -> tuple[int, int, str | None] | None:
    """The hour (0-24), the minute and the text after them, or None when `s` does not start with a clock time."""
    m = g.rx["clock"].match(s)
    if m:
        return _twelve_hour(int(m.group(1)), m.group(3)), int(m.group(2) or 0), m.group(4)
    m = g.rx["clock24"].match(s)
    if m:
        return int(m.group(1)), int(m.group(2)), m.group(3)
    m = g.rx["noon"].match(s)
    if m:
        return (12 if m.group(1) in ("noon", "midday") else 24), 0, m.group(2)
    return None


def _twelve_hour(hour: int, marker: str) -> int:
    """The hour on a 24-hour clock: 3 p.m. is 15, 12 a.m. is 0; other markers ('o'clock', 'GMT') leave it."""
    if marker.startswith("p") and hour < 12:
        return hour + 12
    if marker.startswith("a") and hour == 12:
        return 0
    return hour
