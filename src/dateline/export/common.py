"""What the layouts share: the day an event mention is dated to."""

from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def event_date(date: str | None, published: dt.date) -> str:
    """The mention's own date when it names a day ('2023-05-12', '2023-05-12T09:00'), else the article's publication
    date (ISO), as the event index does.

    >>> event_date("2023-05-12", dt.date(2023, 5, 13)), event_date("2023-05", dt.date(2023, 5, 13))
    ('2023-05-12', '2023-05-13')
    >>> event_date("2022-W05-WE", dt.date(2022, 2, 7))
    '2022-02-07'
    """
    return date if date and _DAY.match(date) else published.isoformat()
