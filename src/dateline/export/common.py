"""What the layouts share: the day an event mention is dated to."""

from __future__ import annotations

import datetime as dt


def event_date(date: str | None, published: dt.date) -> str:
    """The mention's own date when it names a day ('2023-05-12...'), else the article's publication date (ISO).

    >>> event_date("2023-05-12", dt.date(2023, 5, 13)), event_date("2023-05", dt.date(2023, 5, 13))
    ('2023-05-12', '2023-05-13')
    """
    return date if date and len(date) >= 10 and date[:4].isdigit() else published.isoformat()
