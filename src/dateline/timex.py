"""TIMEX3 normalisation: a time expression, its reference date and tense -> type and value.

Rules in the manner of HeidelTime, written for Dateline: relative expressions
resolve against the article date ("on Friday" in a report dated Saturday
2023-05-13 is 2023-05-12) or, for narrative ones ("the previous day", "a week
later"), against the last explicit date; the verb's tense decides between the
last and the next Friday. Values follow TimeML: 2023-05-12, 2023-W19, 2023-05,
2023-Q2, 2023-SU, 2014, 201X, P3D, PXM, PRESENT_REF, XXXX-WXX-1.

>>> import datetime as dt
>>> n = Normaliser()
>>> ctx = Context(dct=dt.date(2023, 5, 13), tense="past")
>>> n.normalise("on Friday", ctx).value, n.normalise("earlier this month", ctx).value, n.normalise("for months", ctx).value
('2023-05-12', '2023-05', 'PXM')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import load_json
from .text import SPOKEN_NUMBERS as NUMBER_WORDS
from .text import parse_number

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


_LEADING = [
    "on",
    "in",
    "at",
    "by",
    "since",
    "until",
    "till",
    "from",
    "during",
    "for",
    "over",
    "within",
    "throughout",
    "through",
    "before",
    "after",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "at least",
    "at most",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "only",
    "just",
    "as early as",
    "as late as",
    "as of",
    "of",
    "to",
    "into",
    "the whole of",
    "all of",
    "all",
    "much of",
    "most of",
    "earlier",
    "later",
    "early",
    "late",
    "mid",
    "the end of",
    "the beginning of",
    "the start of",
    "the middle of",
    "the rest of",
    "end of",
    "beginning of",
    "start of",
    "middle of",
    "the latter part of",
    "the first part of",
    "a mere",
    "a full",
    "a further",
    "another",
]
LEADING_WORDS = re.compile(r"^(?:(?:" + "|".join(sorted(map(re.escape, _LEADING), key=len, reverse=True)) + r")\s+)+")
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


@lru_cache(maxsize=1)
def _words() -> dict:
    return load_json("time.json")


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class Normaliser:
    """Turn time expressions into TIMEX3 values. Stateless; one instance serves every document."""

    def __init__(self) -> None:
        w = _words()
        self.months: dict[str, int] = w["months"]
        self.weekdays: dict[str, int] = w["weekdays"]
        self.seasons: dict[str, str] = w["seasons"]
        self.season_months: dict[str, int] = w["season_months"]
        self.parts_of_day: dict[str, str] = w["parts_of_day"]
        self.units: dict[str, str] = w["units"]
        self.ordinals: dict[str, int] = w["ordinals"]
        self.vague = set(w["vague_numbers"])
        self.refs = {
            **dict.fromkeys(w["present_ref"], "PRESENT_REF"),
            **dict.fromkeys(w["past_ref"], "PAST_REF"),
            **dict.fromkeys(w["future_ref"], "FUTURE_REF"),
        }
        self.sets: dict[str, str] = w["sets"]
        self.holidays: dict[str, list[int]] = w["holidays"]
        month, weekday, unit = _alt(self.months), _alt(self.weekdays), _alt(self.units)
        number = (
            r"(?:\d+(?:\.\d+)?|\d+\s?1/2|"
            + _alt([*NUMBER_WORDS, *self.vague])
            + r")(?:[ -](?:"
            + _alt(NUMBER_WORDS)
            + r"))*"
        )
        part = _alt(self.parts_of_day)
        self.rx = {
            "age": re.compile(r"\b(?:year|month|week|day)s?[- ]old\b|^(?!1\d{3}$|2[01]\d{2}$)\d+$"),
            "n_units": re.compile(
                rf"^(?:the )?(?:(past|last|next|previous|first|coming|following|final|recent|another|further|remaining|additional|latest|same) )?"
                rf"(?:(?:more than|less than|about|nearly|almost|at least|over|some) )?({number})[ -]({unit})(?:[ -](?:long|plus))?"
                rf"(?: (ago|earlier|before|later|after|from now|hence|back|previously|before that|after that|on|since))?$"
            ),
            "bare_units": re.compile(
                rf"^(?:(?:the )?(?:past|last|next|coming|recent|following|previous) )?({unit})(?:[ -]long)?( ago)?$"
            ),
            "calendar": re.compile(
                r"^(the )?(this|last|next|past|previous|coming|current|following|that|same|present|upcoming|prior|"
                r"year-earlier|year-ago|preceding|subsequent|succeeding|new|full|fiscal|current fiscal|calendar|whole)[ -](week|month|year|quarter|weekend|decade|century|day)$"
            ),
            "dayword": re.compile(
                rf"^(today|tonight|overnight|yesterday|tomorrow|the day before yesterday|the day after tomorrow|last night|this ({part}))(?:'s)?(?: ({part}))?$"
            ),
            "narrative_day": re.compile(
                r"^(?:the )?(previous|next|following|same|preceding|subsequent) (day|night|morning|evening)$|^(?:that|the) (?:same )?day$|^the day (before|after)$"
            ),
            "weekday": re.compile(
                rf"^(?:(last|next|this|past|coming|previous) )?({weekday})\.?(?:'s)?(?: ({part}))?$|^({part}) (?:of )?({weekday})$"
            ),
            "month_day": re.compile(
                rf"^(?:(?:{weekday}),? )?({month})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?$"
            ),
            "day_month": re.compile(
                rf"^(?:(?:{weekday}),? )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({month})\.?(?:,? (\d{{4}}))?$"
            ),
            "iso_date": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
            "slash_date": re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$"),
            "month": re.compile(
                rf"^(?:(last|next|this|past|coming|previous|that) )?({month})\.?(?:,? (?:of )?(\d{{4}}))?$"
            ),
            "month_rel_year": re.compile(rf"^({month})\.?,? (?:of )?(this|last|next) year$"),
            "over_the": re.compile(
                r"^(?:over|during|for|throughout|in|within) the (?:past |last |previous |whole |entire )?(day|week|month|year|decade)$"
            ),
            "last_decade": re.compile(r"^the (?:last|past|previous) (decade|century)$"),
            "this_period": re.compile(
                r"^(?:(?:earlier|later|early|late) in|the end of|the beginning of|the start of|the middle of|around|by) the (week|month|year|quarter)$|^(?:around |by )?(year|month)[- ]end$"
            ),
            "week_of": re.compile(r"^(?:the )?week of (.+)$"),
            "financial": re.compile(
                r"^(?:the )?(?:year-earlier|year-ago|year earlier|year ago|comparable|prior-year|previous-year)(?: (?:period|quarter|three months))?$"
            ),
            "year": re.compile(
                r"^(?:(?:the )?(?:fiscal|calendar|year|model|financial|the year|fy) )?(\d{4})(?:[- ]\d{2,4})?$"
            ),
            "decade": re.compile(
                r"^(?:the )?(?:early |late |mid-?)?(\d{3})0'?s$|^(?:the )?(?:early |late |mid-?)?'(\d)0s$"
            ),
            "century": re.compile(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th) century$"),
            "quarter": re.compile(
                r"^(?:(?:the|a|this|last|next|latest|current|previous|fiscal|year-earlier|year-ago|flat|same|recent|just-ended|just ended|past|coming|the latest|the current|\d{4}|first|second|third|fourth|1st|2nd|3rd|4th|1|2|3|4|q1|q2|q3|q4)[ -])*"
                r"(?:quarters?|q[1-4])(?: of (?:fiscal |the year )?(\d{4}))?$"
            ),
            "half": re.compile(
                r"^(?:the )?(?:(first|second|last|latter) )?half(?: of (?:the year |fiscal )?(\d{4})?)?(?: of the year)?$"
            ),
            "season": re.compile(
                rf"^(?:(this|last|next|past|coming|that) )?({_alt(self.seasons)})(?: (?:of )?(\d{{4}}))?$"
            ),
            "clock": re.compile(
                r"^(\d{1,2})(?:[:.](\d{2}))? ?(a\.?m\.?|p\.?m\.?|am|pm|o'clock|gmt|utc|hours|h)(?: \(?[a-z]{2,4}\)?)?(?:,? (?:on )?(.+))?$"
            ),
            "clock24": re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?(?: (?:gmt|utc|[a-z]{3}))?(?:,? (?:on )?(.+))?$"),
            "noon": re.compile(r"^(noon|midday|midnight)(?:,? (?:on )?(.+))?$"),
            "date_at": re.compile(r"^(.+?),? at (.+)$"),
            "every": re.compile(
                rf"^(?:(?:every|each) ({weekday}|{month}|{_alt(self.seasons)})s?|on ({weekday})s)(?: ({part}))?$"
            ),
            "word_year": re.compile(r"^nineteen (?:hundred and )?([a-z -]+)$|^two thousand(?: and)?(?: ([a-z -]+))?$"),
            "holiday": re.compile(rf"^(?:(last|next|this) )?({_alt(self.holidays)})(?: (\d{{4}}))?$"),
        }

    # --- entry point ---------------------------------------------------------

    def normalise(self, expr: str, ctx: Context) -> TimexValue | None:
        """The TIMEX3 type and value of `expr`, or None when it is not a time expression Dateline can resolve."""
        raw = _clean(expr)
        if not raw or self.rx["age"].search(raw):
            return None
        if re.search(r"\bMay\b", expr) and not ctx.may_is_month:
            ctx = replace(ctx, may_is_month=True)
        for text in _variants(raw):
            result = self._normalise(text, ctx)
            if result is not None:
                return result
        return None

    def _normalise(self, s: str, ctx: Context) -> TimexValue | None:
        if s in self.refs:
            return TimexValue("DATE", self.refs[s], relative="dct")
        m = self.rx["over_the"].match(s)
        if m:
            unit = PERIODS[m.group(1)]
            return TimexValue("DURATION", "P2D" if unit == "WE" else _duration(1, unit), precision=_PRECISION.get(unit))
        m = self.rx["last_decade"].match(s)
        if m:
            return self._shift(ctx.dct, PERIODS[m.group(1)], -1, "dct")
        m = self.rx["this_period"].match(s)
        if m:
            return self._shift(ctx.dct, PERIODS[m.group(1) or m.group(2)], 0, "dct")
        m = self.rx["week_of"].match(s)
        if m:
            day = self.normalise(m.group(1), ctx)
            if day is not None and day.precision == "day":
                return self._shift(day.start, "W", 0, day.relative)
        if s in self.sets:
            return TimexValue("SET", self.sets[s])
        for rule in (
            self._every,
            self._dayword,
            self._narrative_day,
            self._n_units,
            self._financial,
            self._calendar,
            self._bare_units,
            self._weekday,
            self._month_day,
            self._numeric_date,
            self._month,
            self._month_rel_year,
            self._year,
            self._decade,
            self._century,
            self._quarter,
            self._half,
            self._season,
            self._clock,
            self._holiday,
            self._word_year,
        ):
            result = rule(s, ctx)
            if result is not None:
                return result
        return None

    # --- rules ---------------------------------------------------------------

    def _every(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["every"].match(s)
        if not m:
            return None
        word = m.group(1) or m.group(2)
        if word in self.weekdays:
            suffix = f"T{self.parts_of_day[m.group(3)]}" if m.group(3) else ""
            return TimexValue("SET", f"XXXX-WXX-{self.weekdays[word]}{suffix}")
        if word in self.months:
            return TimexValue("SET", f"XXXX-{self.months[word]:02d}")
        return TimexValue("SET", f"XXXX-{self.seasons[word]}")

    def _n_units(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["n_units"].match(s)
        if not m:
            return None
        modifier, number, unit, relation = m.group(1), m.group(2), self.units[m.group(3)], m.group(4)
        amount = self._number(number)
        if unit == "WE":
            return None
        if relation in ("ago", "back", "earlier", "before", "previously", "later", "after", "from now", "hence"):
            if amount is None:
                value = "PAST_REF" if relation in ("ago", "back", "earlier", "before", "previously") else "FUTURE_REF"
                return TimexValue("DATE", value, relative="dct")
            sign = -1 if relation in ("ago", "back", "earlier", "before", "previously") else 1
            if ctx.business and unit == "Y" and amount == 1 and sign == -1 and modifier is None:
                year, quarter = _last_completed_quarter(ctx.dct)
                return _quarter(year - 1, quarter, "dct")
            base = ctx.dct if relation in ("ago", "back", "from now", "hence") else ctx.ref
            return self._shift(base, unit, sign * amount, "dct" if base is ctx.dct else "anchor")
        return TimexValue("DURATION", _duration(amount, unit), precision=_PRECISION.get(unit))

    def _bare_units(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["bare_units"].match(s)
        if not m:
            return None
        unit = self.units[m.group(1)]
        plural = m.group(1).endswith("s") or m.group(1) == "centuries"
        if m.group(2):
            return TimexValue("DATE", "PAST_REF", relative="dct")
        if unit == "WE":
            return self._weekend(ctx) if not plural else TimexValue("SET", "XXXX-WXX-WE")
        if not plural:
            if re.match(r"^(the )?(past|last|next|coming|following|previous) ", s):
                return TimexValue("DURATION", _duration(1, unit), precision=_PRECISION.get(unit))
            return None
        return TimexValue("DURATION", _duration(None, unit), precision=_PRECISION.get(unit))

    def _calendar(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["calendar"].match(s)
        if not m:
            return None
        the, which, period = m.group(1), m.group(2), m.group(3)
        unit = PERIODS[period]
        if unit == "WE":
            direction = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
            return self._weekend(ctx, direction)
        if which in ("past", "last", "prior") and the:
            return TimexValue("DURATION", _duration(1, unit), precision=_PRECISION.get(unit))
        if which in ("next", "coming", "upcoming") and the and unit in ("D", "W", "M", "Y"):
            return TimexValue("DURATION", _duration(1, unit), precision=_PRECISION.get(unit))
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
            return _day(day, "anchor")
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
            q = _last_completed_quarter(ctx.dct)
            return _quarter(q[0] - 1, q[1], "dct")
        return self._shift(base, unit, offset, relative)

    def _dayword(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["dayword"].match(s)
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
            return TimexValue("TIME", f"{day.isoformat()}T{self.parts_of_day[part]}", day, day, "part_of_day", "dct")
        return _day(day, "dct")

    def _narrative_day(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["narrative_day"].match(s)
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
        return _day(ctx.ref + dt.timedelta(days=offset), "anchor")

    def _weekday(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["weekday"].match(s)
        if not m:
            return None
        which, name, part = m.group(1), m.group(2) or m.group(5), m.group(3) or m.group(4)
        direction = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which or "")
        day = resolve_weekday(self.weekdays[name], ctx.dct, ctx.tense, direction)
        if part:
            return TimexValue("TIME", f"{day.isoformat()}T{self.parts_of_day[part]}", day, day, "part_of_day", "dct")
        return _day(day, "dct")

    def _month_day(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["month_day"].match(s)
        if m:
            month, day, year = self.months[m.group(1)], int(m.group(2)), m.group(3)
        else:
            m = self.rx["day_month"].match(s)
            if not m:
                return None
            day, month, year = int(m.group(1)), self.months[m.group(2)], m.group(3)
        if year:
            return _safe_day(int(year), month, day, None)
        return _safe_day(resolve_year_of_day(month, day, ctx.dct, ctx.tense), month, day, "dct")

    def _numeric_date(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["iso_date"].match(s)
        if m:
            return _safe_day(int(m.group(1)), int(m.group(2)), int(m.group(3)), None)
        m = self.rx["slash_date"].match(s)
        if m:
            a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = year + (2000 if year < 50 else 1900) if year < 100 else year
            month, day = (a, b) if a <= 12 else (b, a)
            return _safe_day(year, month, day, None)
        return None

    def _month(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["month"].match(s)
        if not m:
            return None
        which, name, year = m.group(1), m.group(2), m.group(3)
        if name == "may" and not year and not which and not ctx.may_is_month:
            return None  # the modal verb, unless the text wrote "May"
        month = self.months[name]
        if year:
            return _month(int(year), month, None)
        direction = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}.get(which or "")
        if which == "that":
            return _month(ctx.ref.year, month, "anchor")
        return _month(resolve_year_of_month(month, ctx.dct, ctx.tense, direction), month, "dct")

    def _month_rel_year(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["month_rel_year"].match(s)
        if not m:
            return None
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        return _month(year, self.months[m.group(1)], "dct")

    def _financial(self, s: str, ctx: Context) -> TimexValue | None:
        """'the year-earlier period': the same quarter a year before the last completed one, as business news uses it."""
        if not self.rx["financial"].match(s):
            return None
        year, quarter = _last_completed_quarter(ctx.dct)
        return _quarter(year - 1, quarter, "dct")

    def _century(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["century"].match(s)
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

    def _year(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["year"].match(s)
        if not m:
            return None
        year = int(m.group(1))
        if not 1000 <= year <= 2199:
            return None
        return TimexValue("DATE", f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    def _decade(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["decade"].match(s)
        if not m:
            return None
        if m.group(1):
            prefix = m.group(1)
        else:
            prefix = ("19" if int(m.group(2)) > (ctx.dct.year % 100) // 10 else "20") + m.group(2)
        start = int(prefix) * 10
        return TimexValue("DATE", f"{prefix}X", dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade")

    def _quarter(self, s: str, ctx: Context) -> TimexValue | None:
        if "quarter" not in s and not re.search(r"\bq[1-4]\b", s):
            return None
        m = self.rx["quarter"].match(s)
        if not m:
            return None
        if s.endswith("quarters") and not m.group(1):
            return None
        number = next(
            (self.ordinals.get(w) for w in re.split(r"[ -]", s) if w in self.ordinals and self.ordinals[w] > 0), None
        )
        if number is None:
            q = re.search(r"\bq([1-4])\b|\b([1-4])(?:st|nd|rd|th)?[ -]quarter", s)
            number = int(q.group(1) or q.group(2)) if q else None
        if number is not None and number > 4:
            return None
        year_in = re.search(r"\b(\d{4})\b", s)
        last_year = re.search(r"\b(last|previous|year-earlier|year-ago)\b", s)
        next_year = re.search(r"\b(next|coming)\b", s)
        current_year, current_q = _last_completed_quarter(ctx.dct)
        if number is None:
            year, number = current_year, current_q
            if last_year:
                year, number = (year, number - 1) if number > 1 else (year - 1, 4)
                if "year-" in s:
                    year, number = current_year - 1, current_q
            elif next_year or "this" in s.split() or "current" in s:
                year, number = ctx.dct.year, (ctx.dct.month - 1) // 3 + 1
                if next_year:
                    year, number = (year, number + 1) if number < 4 else (year + 1, 1)
            return _quarter(year, number, "dct")
        if year_in:
            return _quarter(int(year_in.group(1)), number, None)
        year = ctx.dct.year
        if last_year:
            year -= 1
        elif next_year:
            year += 1
        elif ctx.tense == "past" and number > (ctx.dct.month - 1) // 3 + 1:
            year -= 1
        return _quarter(year, number, "dct")

    def _half(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["half"].match(s)
        if not m or not m.group(1):
            return None
        half = 1 if m.group(1) == "first" else 2
        year = int(m.group(2)) if m.group(2) else ctx.dct.year
        if not m.group(2) and ctx.tense == "past" and half == 2 and ctx.dct.month <= 6:
            year -= 1
        start = dt.date(year, 1 if half == 1 else 7, 1)
        end = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
        return TimexValue("DATE", f"{year}-H{half}", start, end, "half", None if m.group(2) else "dct")

    def _season(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["season"].match(s)
        if not m:
            return None
        which, code, year = m.group(1), self.seasons[m.group(2)], m.group(3)
        if year:
            y = int(year)
        else:
            start_month = self.season_months[code]
            direction = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}.get(which or "")
            y = resolve_year_of_month(start_month, ctx.dct, ctx.tense, direction)
            if code == "WI" and direction == -1 and ctx.dct.month <= 2:
                y = ctx.dct.year - 1
        month = self.season_months[code]
        start = dt.date(y, month, 1)
        end = (dt.date(y + 1, 3, 1) if code == "WI" else dt.date(y, month + 3, 1)) - dt.timedelta(days=1)
        return TimexValue("DATE", f"{y}-{code}", start, end, "season", None if year else "dct")

    def _clock(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["date_at"].match(s)
        if m and not self.rx["clock"].match(s):
            first, second = m.group(1), m.group(2)
            clock = self._clock(second, ctx)
            if clock is not None:
                return self._clock(f"{second} {first}", ctx)
        m = self.rx["clock"].match(s) or self.rx["clock24"].match(s)
        hour = minute = None
        rest = None
        if m and m.re is self.rx["clock"]:
            hour, minute, marker, rest = int(m.group(1)), int(m.group(2) or 0), m.group(3), m.group(4)
            if marker.startswith("p") and hour < 12:
                hour += 12
            elif marker.startswith("a") and hour == 12:
                hour = 0
        elif m:
            hour, minute, rest = int(m.group(1)), int(m.group(2)), m.group(3)
        else:
            m = self.rx["noon"].match(s)
            if not m:
                return None
            hour, minute, rest = (12 if m.group(1) in ("noon", "midday") else 24), 0, m.group(2)
        if hour > 24 or minute > 59:
            return None
        day, relative = ctx.dct, "dct"
        if rest:
            base = self.normalise(rest, ctx)
            if base is None or base.precision != "day" or base.start is None:
                return None
            day, relative = base.start, base.relative
        return TimexValue("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", day, day, "time", relative)

    def _holiday(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["holiday"].match(s)
        if not m:
            return None
        month, day, *nth_weekday = self.holidays[m.group(2)]
        direction = {"last": -1, "next": 1, "this": 0}.get(m.group(1) or "")
        tense = ctx.tense if direction is None else ("past" if direction < 0 else "future")
        year = int(m.group(3)) if m.group(3) else resolve_year_of_day(month, day, ctx.dct, tense)
        if nth_weekday:  # e.g. Thanksgiving, the fourth Thursday of November
            first = dt.date(year, month, 1)
            day = 1 + (nth_weekday[0] - first.isoweekday()) % 7 + 7 * (day - 1)
        return _safe_day(year, month, day, None if m.group(3) else "dct")

    def _word_year(self, s: str, ctx: Context) -> TimexValue | None:
        m = self.rx["word_year"].match(s)
        if not m:
            return None
        if m.group(1) is not None:
            rest = self._number(m.group(1).strip())
            if rest is None or not 0 <= rest < 100:
                return None
            return self._year(str(1900 + int(rest)), ctx)
        rest = self._number(m.group(2).strip()) if m.group(2) else 0
        return None if rest is None else self._year(str(2000 + int(rest)), ctx)

    # --- helpers -------------------------------------------------------------

    def _number(self, text: str) -> float | None:
        text = text.strip()
        if re.match(r"^an? \S", text) and not text.startswith("a couple"):
            text = text.split(" ", 1)[1]
        if text in self.vague or text.split(" ")[0] in self.vague:
            return None
        half = re.fullmatch(r"(\d+)\s?1/2", text)
        if half:
            return int(half.group(1)) + 0.5
        return parse_number(text, NUMBER_WORDS)

    def _weekend(self, ctx: Context, direction: int = 0) -> TimexValue:
        if direction == 0 and ctx.tense == "future":
            direction = 1 if ctx.dct.isoweekday() < 6 else 0
        elif direction == 0 and ctx.dct.isoweekday() < 6 and ctx.tense == "past":
            direction = -1
        saturday = ctx.dct + dt.timedelta(days=(6 - ctx.dct.isoweekday()))
        saturday += dt.timedelta(weeks=direction)
        year, week, _ = saturday.isocalendar()
        return TimexValue("DATE", f"{year}-W{week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "weekend", "dct")

    def _shift(self, base: dt.date, unit: str, amount: float, relative: str) -> TimexValue | None:
        """The calendar period `amount` units away from `base`, at that unit's granularity."""
        n = int(amount)
        if n != amount:
            return None
        if unit == "D":
            return _day(base + dt.timedelta(days=n), relative)
        if unit in ("2W", "W"):
            day = base + dt.timedelta(weeks=n * (2 if unit == "2W" else 1))
            year, week, _ = day.isocalendar()
            monday = day - dt.timedelta(days=day.isoweekday() - 1)
            return TimexValue("DATE", f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6), "week", relative)
        if unit == "M":
            total = base.year * 12 + base.month - 1 + n
            return _month(total // 12, total % 12 + 1, relative)
        if unit == "Q":
            q = (base.month - 1) // 3 + n
            return _quarter(base.year + q // 4, q % 4 + 1, relative)
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


_PRECISION = {
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


def _duration(amount: float | None, unit: str) -> str:
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
        whole, frac = int(amount), amount - int(amount)
        if unit == "Y":
            return f"P{whole}Y{int(round(frac * 12))}M" if whole else f"P{int(round(frac * 12))}M"
        if unit == "D":
            return f"P{whole}DT{int(round(frac * 24))}H" if whole else f"PT{int(round(frac * 24))}H"
        if unit == "H":
            return f"PT{whole}H{int(round(frac * 60))}M" if whole else f"PT{int(round(frac * 60))}M"
        return f"P{amount:g}{unit}"
    return f"PT{int(amount)}{unit}" if clock else f"P{int(amount)}{unit}"


def _clean(expr: str) -> str:
    s = expr.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\bmid-(?=[a-z0-9])", "mid ", s)
    s = re.sub(r"^[\"'(\[]+|[\"')\],;:!?]+$", "", s).strip()
    if s.endswith(".") and not re.search(r"(a\.m|p\.m|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))\.$", s):
        s = s[:-1]
    if s.endswith("'s"):
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    return s.strip()


def _variants(s: str) -> list[str]:
    """The expression, then without its leading prepositions and modifiers ("earlier on Friday" -> "friday")."""
    out = [s]
    current = s
    for _ in range(3):
        stripped = LEADING_WORDS.sub("", current).strip()
        if stripped.startswith("the ") and stripped[4:] not in ("past", "future", "present"):
            stripped = stripped[4:]
        if not stripped or stripped == current:
            break
        out.append(stripped)
        current = stripped
    trailing = re.sub(
        r"\s+(ago|or so|and beyond|onwards|onward)$", lambda m: " ago" if m.group(1) == "ago" else "", out[-1]
    )
    if trailing != out[-1]:
        out.append(trailing)
    return out


def _day(day: dt.date, relative: str | None) -> TimexValue:
    return TimexValue("DATE", day.isoformat(), day, day, "day", relative)


def _safe_day(year: int, month: int, day: int, relative: str | None) -> TimexValue | None:
    try:
        return _day(dt.date(year, month, day), relative)
    except ValueError:
        return None


def _month(year: int, month: int, relative: str | None) -> TimexValue:
    last = calendar.monthrange(year, month)[1]
    return TimexValue(
        "DATE", f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last), "month", relative
    )


def _quarter(year: int, quarter: int, relative: str | None) -> TimexValue:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
    return TimexValue("DATE", f"{year:04d}-Q{quarter}", start, end, "quarter", relative)


def _last_completed_quarter(dct: dt.date) -> tuple[int, int]:
    q = (dct.month - 1) // 3 + 1
    return (dct.year, q - 1) if q > 1 else (dct.year - 1, 4)


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
