"""Rules for durations and sets: 'three days', 'for months', 'two days ago' (the date they reach), 'every Monday'."""

from __future__ import annotations

import re

from .grammar import Grammar
from .values import (
    Context,
    TimexValue,
    duration_value,
    last_completed_quarter,
    quarter_value,
    shifted,
    weekend,
)


def every(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """A set of weekdays, months or seasons: 'every Monday', 'each July', 'on Sundays'."""
    m = g.rx["every"].match(s)
    if not m:
        return None
    word = m.group(1) or m.group(2)
    if word in g.weekdays:
        suffix = f"T{g.parts_of_day[m.group(3)]}" if m.group(3) else ""
        return TimexValue("SET", f"XXXX-WXX-{g.weekdays[word]}{suffix}")
    if word in g.months:
        return TimexValue("SET", f"XXXX-{g.months[word]:02d}")
    return TimexValue("SET", f"XXXX-{g.seasons[word]}")


def counted_units(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """'three days' (a duration), or with 'ago', 'later' and the like the period that far from the DCT or anchor."""
    m = g.rx["n_units"].match(s)
    if not m:
        return None
    modifier, number, unit, relation = m.group(1), m.group(2), g.units[m.group(3)], m.group(4)
    amount = g.number(number)
    if unit == "WE":
        return None
    if relation in ("ago", "back", "earlier", "before", "previously", "later", "after", "from now", "hence"):
        if amount is None:
            value = "PAST_REF" if relation in ("ago", "back", "earlier", "before", "previously") else "FUTURE_REF"
            return TimexValue("DATE", value, relative="dct")
        sign = -1 if relation in ("ago", "back", "earlier", "before", "previously") else 1
        if ctx.business and unit == "Y" and amount == 1 and sign == -1 and modifier is None:
            year, quarter = last_completed_quarter(ctx.dct)
            return quarter_value(year - 1, quarter, "dct")
        base = ctx.dct if relation in ("ago", "back", "from now", "hence") else ctx.ref
        return shifted(base, unit, sign * amount, "dct" if base is ctx.dct else "anchor")
    return duration_value(amount, unit)


def bare_units(g: Grammar, s: str, ctx: Context) -> TimexValue | None:
    """Units without a number: 'for months' (PXM), 'the past week' (P1W), 'weekends' (a set), 'years ago'."""
    m = g.rx["bare_units"].match(s)
    if not m:
        return None
    unit = g.units[m.group(1)]
    plural = m.group(1).endswith("s") or m.group(1) == "centuries"
    if m.group(2):
        return TimexValue("DATE", "PAST_REF", relative="dct")
    if unit == "WE":
        return weekend(ctx) if not plural else TimexValue("SET", "XXXX-WXX-WE")
    if not plural:
        if re.match(r"^(the )?(past|last|next|coming|following|previous) ", s):
            return duration_value(1, unit)
        return None
    return duration_value(None, unit)
