"""What the layouts share: the day an event mention is dated to, the ACLED code tables, skipping an item with a count,
and writing a file or folder atomically."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)")
_YEAR = re.compile(r"(\d{4})$")
# The middle month of each season and quarter
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "AU": 10, "WI": 1}
# ISO weekday a week-precise date takes: its middle day (Thursday), or Saturday for a weekend
_MIDWEEK, _WEEKEND = 4, 6


def event_date(date: str | None, published: dt.date) -> str:
    """The mention's own date when it names a day ('2023-05-12', '2023-05-12T09:00'), else the article's publication
    date (ISO), as the event index does.

    >>> event_date("2023-05-12", dt.date(2023, 5, 13)), event_date("2023-05", dt.date(2023, 5, 13))
    ('2023-05-12', '2023-05-13')
    >>> event_date("2022-W05-WE", dt.date(2022, 2, 7))
    '2022-02-07'
    """
    return date if date and _DAY.match(date) else published.isoformat()


def event_day(date: str | None, published: dt.date) -> tuple[str, int]:
    """A real day (ISO) for the mention's TIMEX date and its ACLED time precision (1 day, 2 week, 3 month or coarser).

    A week takes its middle day (a weekend its Saturday), a month its 15th, a quarter or season the 15th of its middle
    month, a year 1 July. A value naming no period (PRESENT_REF, a duration, none) takes the publication date with
    precision 2: the report tells of it within days.

    >>> event_day("2024-03-02TNI", dt.date(2024, 3, 4)), event_day("2024-W08", dt.date(2024, 3, 4))
    (('2024-03-02', 1), ('2024-02-22', 2))
    >>> event_day("2022-W07-WE", dt.date(2022, 3, 1)), event_day("2022-02", dt.date(2022, 3, 1))
    (('2022-02-19', 2), ('2022-02-15', 3))
    >>> event_day("PRESENT_REF", dt.date(2022, 3, 1)), event_day("PXD", dt.date(2022, 3, 1))
    (('2022-03-01', 2), ('2022-03-01', 2))
    """
    day, period = iso_day(date)
    if day is None:
        return published.isoformat(), acled_codes()["time_precision_of_publication_date"]
    return day, acled_codes()["time_precision"][period]


def iso_day(date: str | None) -> tuple[str | None, str | None]:
    """The mention's TIMEX date as an ISO day inside it and the period it names ('day', 'week', 'weekend', 'month',
    'quarter', 'season', 'year'), or (None, None) when it names none (PRESENT_REF, PXD, a calendar it lacks, none).

    >>> iso_day("2024-W08"), iso_day("2024-03-02TNI"), iso_day("PRESENT_REF"), iso_day("2023-W53")
    (('2024-02-22', 'week'), ('2024-03-02', 'day'), (None, None), (None, None))
    """
    try:
        return _period_day(date or "") or (None, None)
    except ValueError:  # a week 53 or month 13 that the calendar lacks
        return None, None


def _period_day(value: str) -> tuple[str, str] | None:
    if _DAY.match(value):
        return dt.date.fromisoformat(value[:10]).isoformat(), "day"
    if m := _WEEK.match(value):
        weekday, period = (_WEEKEND, "weekend") if m[3] else (_MIDWEEK, "week")
        return dt.date.fromisocalendar(int(m[1]), int(m[2]), weekday).isoformat(), period
    if m := _MONTH.match(value):
        return dt.date(int(m[1]), int(m[2]), 15).isoformat(), "month"
    if m := _QUARTER.match(value):
        return dt.date(int(m[1]), 3 * int(m[2]) - 1, 15).isoformat(), "quarter"
    if m := _SEASON.match(value):
        return dt.date(int(m[1]), _SEASON_MONTH[m[2]], 15).isoformat(), "season"
    if m := _YEAR.match(value):
        return dt.date(int(m[1]), 7, 1).isoformat(), "year"
    return None


def _acled_data(name: str) -> dict:
    return json.loads(resources.files("dateline.data").joinpath("acled", name).read_text(encoding="utf-8"))


@cache
def acled_codes() -> dict:
    """The ACLED code tables (data/acled/codes.json)."""
    return _acled_data("codes.json")


@cache
def acled_countries() -> dict[str, list]:
    """ISO alpha-2 -> [ISO numeric, ACLED country name, ACLED region, alpha-3] (data/acled/countries.json)."""
    return _acled_data("countries.json")["countries"]


@cache
def alpha2_of_alpha3() -> dict[str, str]:
    """ISO alpha-3 -> alpha-2."""
    return {row[3]: iso2 for iso2, row in acled_countries().items()}


class Skipped(Exception):
    """An item the layout cannot code; its message says why."""


# What coding one item may raise on a value the layout cannot take: the item is skipped and counted, not the export.
ITEM_ERRORS = (Skipped, ValueError, TypeError, KeyError)


class SkipCounter:
    """Counts the items an export skips, by reason, and reports them on stderr once."""

    def __init__(self, layout: str) -> None:
        self.layout = layout
        self.reasons: Counter[str] = Counter()

    def add(self, error: Exception) -> None:
        """Count a skipped item under its reason (a `Skipped` message, else the error's type)."""
        self.reasons[str(error) if isinstance(error, Skipped) else type(error).__name__] += 1

    def report(self) -> None:
        """One warning line on stderr when anything was skipped."""
        if self.reasons:
            parts = ", ".join(f"{n} {reason}" for reason, n in self.reasons.most_common())
            print(f"warning: {self.layout}: skipped {sum(self.reasons.values())} items ({parts})", file=sys.stderr)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[str]]:
    """A text stream to a temporary file beside `path`, renamed to `path` when the block ends without an error and
    removed when it raises: `path` is either the whole export or left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o666 & ~_umask())  # mkstemp makes it 0600; give it the mode `open` would
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """A temporary folder beside `path`, put in its place when the block ends without an error (the old folder, if
    any, removed) and removed when it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part"))
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    old = path.with_name(f"{work.name}.old")
    if path.exists():
        path.rename(old)
    work.rename(path)
    shutil.rmtree(old, ignore_errors=True)
