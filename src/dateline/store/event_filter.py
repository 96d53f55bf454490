"""What /events can be narrowed by, as an SQL condition with bound parameters (never SQL text).

A condition is written for `event_index` (event mentions) or `fused_events`. Fields that take several values
(`plover`, `acled_type`, `status`) match any of them. Background events ("annexed in 2014") are left out unless
`include_background` (or `status` names them); `min_fatalities` keeps events whose killed count (for a fused
event, the largest its mentions give) reaches it. `text` is sought in the trigger, the place, the actors, the
article's title and text (which holds the claims' text).

>>> EventFilter(plover=("ASSAULT", "COERCE"), include_background=True).where()
('plover IN (?, ?)', ['ASSAULT', 'COERCE'])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


def fused_fatalities_sql(members: str = "fused_members") -> str:
    """A fused event's fatalities: the range of its mentions' `fatalities` in the event index (mentions that tell
    none left out), for the fused events of `members` (a table or subquery of fused_members rows)."""
    return f"""
SELECT m.fused_id, min(x.fatalities) AS fatalities_min, max(x.fatalities) AS fatalities_max
FROM {members} m JOIN event_index x USING (article_id, idx)
GROUP BY m.fused_id
"""


# A mention's fatalities are a column of the event index; a fused event's are joined in.
FUSED_WITH_FATALITIES = (
    f"(SELECT f.*, k.fatalities_min, k.fatalities_max FROM fused_events f "
    f"LEFT JOIN ({fused_fatalities_sql()}) k ON k.fused_id = f.id)"
)
MEMBER_OF = "id IN (SELECT fused_id FROM fused_members m JOIN event_index x USING (article_id, idx) WHERE {})"


def _values(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def contains(column: str) -> str:
    """Case-blind substring test with the needle bound as a parameter (no LIKE wildcards to escape, and fast:
    DuckDB's ILIKE ... ESCAPE is ten times slower)."""
    return f"contains(lower({column}), lower(?))"


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" * len(values))


@dataclass
class EventFilter:
    """What /events can be narrowed by. `bbox` is (west, south, east, north) in degrees; `plover`, `acled_type`
    and `status` are one value or several (any of them)."""

    bbox: tuple[float, float, float, float] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    plover: str | tuple[str, ...] | None = None
    acled_type: str | tuple[str, ...] | None = None
    actor: str | None = None
    source: str | None = None
    text: str | None = None
    article_id: str | None = None
    status: str | tuple[str, ...] | None = None
    min_fatalities: float | None = None
    include_background: bool = False

    def table(self, *, fused: bool = False) -> str:
        """The table (or subquery) the condition reads: a fused event's fatalities joined in only when filtered on."""
        if not fused:
            return "event_index"
        return "fused_events" if self.min_fatalities is None else FUSED_WITH_FATALITIES

    def where(self, *, fused: bool = False) -> tuple[str, list[Any]]:
        """SQL condition and its parameters (for event_index, or fused_events when `fused`)."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        self._where_fields(add)
        self._where_status(add, fused)
        self._where_members(add, fused)
        if self.min_fatalities is not None:
            column = "fatalities_max" if fused else "fatalities"
            add(f"coalesce({column}, 0) >= ?", self.min_fatalities)
        return (" AND ".join(clauses) or "TRUE"), params

    def _where_fields(self, add) -> None:
        """The columns event mentions and fused events both have."""
        if self.bbox:
            west, south, east, north = self.bbox
            add("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", south, north, west, east)
        if self.date_from:
            add("day >= ?", self.date_from)
        if self.date_to:
            add("day <= ?", self.date_to)
        if plover := _values(self.plover):
            add(f"plover IN ({_marks(plover)})", *(p.upper() for p in plover))
        if kinds := [k.lower() for k in _values(self.acled_type)]:
            marks = _marks(tuple(kinds))
            add(f"(lower(acled_event_type) IN ({marks}) OR lower(acled_sub_event_type) IN ({marks}))", *kinds, *kinds)
        if self.actor:
            add(f"({contains('source_actor')} OR {contains('target_actor')})", self.actor, self.actor)

    def _where_status(self, add, fused: bool) -> None:
        statuses = [s.lower() for s in _values(self.status)]
        background = self.include_background or "background" in statuses  # asked for by name
        if fused:
            told = "string_split(coalesce(statuses, ''), ',')"
            if statuses:
                add(f"list_has_any({told}, ?)", statuses)
            if not background:
                add(f"NOT list_has_all(['background'], {told})")
            return
        if statuses:
            add(f"status IN ({_marks(tuple(statuses))})", *statuses)
        if not background:
            add("status IS DISTINCT FROM 'background'")

    def _where_members(self, add, fused: bool) -> None:
        """Conditions on the mentions' own columns: for a fused event, any of its mentions."""
        prefix = "x." if fused else ""

        def on_mentions(condition: str, *values: Any) -> None:
            add(MEMBER_OF.format(condition) if fused else condition, *values)

        if self.source:
            on_mentions(f"{prefix}source = ?", self.source)
        if self.text:
            on_mentions(self._text_condition(prefix), *[self.text] * 6)
        if self.article_id:
            on_mentions(f"{prefix}article_id = ?", self.article_id)

    @staticmethod
    def _text_condition(prefix: str) -> str:
        columns = ("trigger", "place_name", "source_actor", "target_actor")
        own = " OR ".join(contains(prefix + column) for column in columns)
        article = f"{prefix}article_id IN (SELECT id FROM articles WHERE {contains('title')} OR {contains('text')})"
        return f"({own} OR {article})"


__all__ = ["FUSED_WITH_FATALITIES", "EventFilter", "contains", "fused_fatalities_sql"]
