"""The words and patterns time expressions are read with (lexicon `time.json`), and their cleaning before reading."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load_json
from ..text import SPOKEN_NUMBERS as NUMBER_WORDS
from ..text import parse_number

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


@lru_cache(maxsize=1)
def _words() -> dict:
    """The lexicon `time.json`, read once."""
    return load_json("time.json")


def _alt(words) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class Grammar:
    """The vocabulary of time expressions and the compiled patterns (`rx`, by name) the rules match."""

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
        month, weekday, part, season = (
            _alt(self.months),
            _alt(self.weekdays),
            _alt(self.parts_of_day),
            _alt(self.seasons),
        )
        number = (
            r"(?:\d+(?:\.\d+)?|\d+\s?1/2|"
            + _alt([*NUMBER_WORDS, *self.vague])
            + r")(?:[ -](?:"
            + _alt(NUMBER_WORDS)
            + r"))*"
        )
        self.rx: dict[str, re.Pattern] = {
            **_whole_period_patterns(),
            **_day_patterns(month, weekday, part, _alt(self.holidays)),
            **_period_patterns(season),
            **_count_patterns(number, _alt(self.units), month, weekday, part, season),
            **_clock_patterns(),
        }

    def number(self, text: str) -> float | None:
        """The amount a number written in words or digits says; None when it is vague ("several")."""
        text = text.strip()
        if re.match(r"^an? \S", text) and not text.startswith("a couple"):
            text = text.split(" ", 1)[1]
        if text in self.vague or text.split(" ")[0] in self.vague:
            return None
        half = re.fullmatch(r"(\d+)\s?1/2", text)
        if half:
            return int(half.group(1)) + 0.5
        return parse_number(text, NUMBER_WORDS)


def _whole_period_patterns() -> dict[str, re.Pattern]:
    """Ages (not times), and whole periods read before any rule: 'over the past year', 'the week of May 2'."""
    return {
        "age": re.compile(r"\b(?:year|month|week|day)s?[- ]old\b|^(?!1\d{3}$|2[01]\d{2}$)\d+$"),
        "over_the": re.compile(
            r"^(?:over|during|for|throughout|in|within) the (?:past |last |previous |whole |entire )?"
            r"(day|week|month|year|decade)$"
        ),
        "last_decade": re.compile(r"^the (?:last|past|previous) (decade|century)$"),
        "this_period": re.compile(
            r"^(?:(?:earlier|later|early|late) in|the end of|the beginning of|the start of|the middle of|around|by) "
            r"the (week|month|year|quarter)$|^(?:around |by )?(year|month)[- ]end$"
        ),
        "week_of": re.compile(r"^(?:the )?week of (.+)$"),
    }


def _day_patterns(month: str, weekday: str, part: str, holiday: str) -> dict[str, re.Pattern]:
    """Days, months, years, decades and centuries, by name or number."""
    return {
        "dayword": re.compile(
            r"^(today|tonight|overnight|yesterday|tomorrow|the day before yesterday|the day after tomorrow|"
            rf"last night|this ({part}))(?:'s)?(?: ({part}))?$"
        ),
        "narrative_day": re.compile(
            r"^(?:the )?(previous|next|following|same|preceding|subsequent) (day|night|morning|evening)$"
            r"|^(?:that|the) (?:same )?day$|^the day (before|after)$"
        ),
        "weekday": re.compile(
            rf"^(?:(last|next|this|past|coming|previous) )?({weekday})\.?(?:'s)?(?: ({part}))?$"
            rf"|^({part}) (?:of )?({weekday})$"
        ),
        "month_day": re.compile(rf"^(?:(?:{weekday}),? )?({month})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?$"),
        "day_month": re.compile(
            rf"^(?:(?:{weekday}),? )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({month})\.?(?:,? (\d{{4}}))?$"
        ),
        "iso_date": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
        "slash_date": re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$"),
        "month": re.compile(
            rf"^(?:(last|next|this|past|coming|previous|that) )?({month})\.?(?:,? (?:of )?(\d{{4}}))?$"
        ),
        "month_rel_year": re.compile(rf"^({month})\.?,? (?:of )?(this|last|next) year$"),
        "year": re.compile(
            r"^(?:(?:the )?(?:fiscal|calendar|year|model|financial|the year|fy) )?(\d{4})(?:[- ]\d{2,4})?$"
        ),
        "decade": re.compile(
            r"^(?:the )?(?:early |late |mid-?)?(\d{3})0'?s$|^(?:the )?(?:early |late |mid-?)?'(\d)0s$"
        ),
        "century": re.compile(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th) century$"),
        "word_year": re.compile(r"^nineteen (?:hundred and )?([a-z -]+)$|^two thousand(?: and)?(?: ([a-z -]+))?$"),
        "holiday": re.compile(rf"^(?:(last|next|this) )?({holiday})(?: (\d{{4}}))?$"),
    }


def _period_patterns(season: str) -> dict[str, re.Pattern]:
    """Calendar periods: this week, the year-earlier quarter, the second half, last summer."""
    return {
        "calendar": re.compile(
            r"^(the )?(this|last|next|past|previous|coming|current|following|that|same|present|upcoming|prior|"
            r"year-earlier|year-ago|preceding|subsequent|succeeding|new|full|fiscal|current fiscal|calendar|whole)"
            r"[ -](week|month|year|quarter|weekend|decade|century|day)$"
        ),
        "financial": re.compile(
            r"^(?:the )?(?:year-earlier|year-ago|year earlier|year ago|comparable|prior-year|previous-year)"
            r"(?: (?:period|quarter|three months))?$"
        ),
        "quarter": re.compile(
            r"^(?:(?:the|a|this|last|next|latest|current|previous|fiscal|year-earlier|year-ago|flat|same|recent|"
            r"just-ended|just ended|past|coming|the latest|the current|\d{4}|first|second|third|fourth|"
            r"1st|2nd|3rd|4th|1|2|3|4|q1|q2|q3|q4)[ -])*"
            r"(?:quarters?|q[1-4])(?: of (?:fiscal |the year )?(\d{4}))?$"
        ),
        "half": re.compile(
            r"^(?:the )?(?:(first|second|last|latter) )?half(?: of (?:the year |fiscal )?(\d{4})?)?(?: of the year)?$"
        ),
        "season": re.compile(rf"^(?:(this|last|next|past|coming|that) )?({season})(?: (?:of )?(\d{{4}}))?$"),
    }


def _count_patterns(number: str, unit: str, month: str, weekday: str, part: str, season: str) -> dict[str, re.Pattern]:
    """Counted units ('three days', 'two weeks ago'), bare units ('for months') and sets ('every Monday')."""
    return {
        "n_units": re.compile(
            r"^(?:the )?(?:(past|last|next|previous|first|coming|following|final|recent|another|further|remaining|"
            r"additional|latest|same) )?"
            rf"(?:(?:more than|less than|about|nearly|almost|at least|over|some) )?({number})[ -]({unit})"
            r"(?:[ -](?:long|plus))?"
            r"(?: (ago|earlier|before|later|after|from now|hence|back|previously|before that|after that|on|since))?$"
        ),
        "bare_units": re.compile(
            rf"^(?:(?:the )?(?:past|last|next|coming|recent|following|previous) )?({unit})(?:[ -]long)?( ago)?$"
        ),
        "every": re.compile(rf"^(?:(?:every|each) ({weekday}|{month}|{season})s?|on ({weekday})s)(?: ({part}))?$"),
    }


def _clock_patterns() -> dict[str, re.Pattern]:
    """Clock times: 3 p.m., 9 a.m. EST on Friday, 14:30 GMT, noon; and 'Friday at 3 p.m.'."""
    return {
        "clock": re.compile(
            r"^(\d{1,2})(?:[:.](\d{2}))? ?(a\.?m\.?|p\.?m\.?|am|pm|o'clock|gmt|utc|hours|h)"
            r"(?: \(?[a-z]{2,4}\)?)?(?:,? (?:on )?(.+))?$"
        ),
        "clock24": re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?(?: (?:gmt|utc|[a-z]{3}))?(?:,? (?:on )?(.+))?$"),
        "noon": re.compile(r"^(noon|midday|midnight)(?:,? (?:on )?(.+))?$"),
        "date_at": re.compile(r"^(.+?),? at (.+)$"),
    }


def clean(expr: str) -> str:
    """The expression in lower case, its spacing, quotes, closing punctuation and possessive 's removed."""
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


def variants(s: str) -> list[str]:
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
