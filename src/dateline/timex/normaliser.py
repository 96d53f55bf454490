"""The TIMEX3 normaliser: cleans an expression, then tries the rules in turn until one reads it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from . import clock, dates, durations, periods
from .grammar import Grammar, clean, variants
from .values import PERIODS, PRECISION, Context, TimexValue, iso_duration, shifted

Rule = Callable[[Grammar, str, Context], TimexValue | None]

# The order matters: the first rule that reads an expression gives its value.
RULES: tuple[Rule, ...] = (
    durations.every,
    dates.dayword,
    dates.narrative_day,
    durations.counted_units,
    periods.financial_period,
    periods.calendar_period,
    durations.bare_units,
    dates.named_weekday,
    dates.month_day,
    dates.numeric_date,
    dates.named_month,
    dates.month_this_year,
    dates.year_number,
    dates.decade,
    dates.nth_century,
    periods.quarter,
    periods.half_year,
    periods.season,
    clock.clock,
    dates.holiday,
    dates.word_year,
)


class Normaliser:
    """Turn time expressions into TIMEX3 values. Stateless; one instance serves every document."""

    def __init__(self) -> None:
        self.grammar = Grammar()
        day_of = self.normalise
        self.rules: tuple[Rule, ...] = tuple(
            partial(clock.clock, day_of=day_of) if rule is clock.clock else rule for rule in RULES
        )

    @property
    def rx(self) -> dict[str, re.Pattern]:
        """The grammar's compiled patterns, by name."""
        return self.grammar.rx

    def normalise(self, expr: str, ctx: Context) -> TimexValue | None:
        """The TIMEX3 type and value of `expr`, or None when it is not a time expression Dateline can resolve."""
        raw = clean(expr)
        if not raw or self.rx["age"].search(raw):
            return None
        if re.search(r"\bMay\b", expr) and not ctx.may_is_month:
            ctx = replace(ctx, may_is_month=True)
        for text in variants(raw):
            result = self._normalise(text, ctx)
            if result is not None:
                return result
        return None

    def _normalise(self, s: str, ctx: Context) -> TimexValue | None:
        """The value of one variant: a reference word, a whole period, a set word, or the first rule that reads it."""
        g = self.grammar
        if s in g.refs:
            return TimexValue("DATE", g.refs[s], relative="dct")
        whole = self._whole_period(s, ctx)
        if whole is not None:
            return whole
        if s in g.sets:
            return TimexValue("SET", g.sets[s])
        for rule in self.rules:
            result = rule(g, s, ctx)
            if result is not None:
                return result
        return None

    def _whole_period(self, s: str, ctx: Context) -> TimexValue | None:
        """'over the past year' (a duration), 'the last decade', 'later in the month', 'the week of May 2'."""
        m = self.rx["over_the"].match(s)
        if m:
            unit = PERIODS[m.group(1)]
            return TimexValue(
                "DURATION", "P2D" if unit == "WE" else iso_duration(1, unit), precision=PRECISION.get(unit)
            )
        m = self.rx["last_decade"].match(s)
        if m:
            return shifted(ctx.dct, PERIODS[m.group(1)], -1, "dct")
        m = self.rx["this_period"].match(s)
        if m:
            return shifted(ctx.dct, PERIODS[m.group(1) or m.group(2)], 0, "dct")
        m = self.rx["week_of"].match(s)
        if m:
            day = self.normalise(m.group(1), ctx)
            if day is not None and day.precision == "day":
                return shifted(day.start, "W", 0, day.relative)
        return None
