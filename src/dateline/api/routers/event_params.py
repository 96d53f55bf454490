"""The /events filters as query parameters: several comma-separated values where a field takes them, each checked
against its vocabulary in any case, so that an unknown value answers 422 (FastAPI's validation error, its message
naming the value and the known ones) instead of an empty list.

The vocabularies: PLOVER types and ACLED event and sub-event types as Dateline's event lexicon
(`data/events.json`) assigns them, and the statuses of the record schema.
"""

from __future__ import annotations

import json
import re
import typing
from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from ... import schema
from ...store import browse
from ..deps import IsoDate

NUMBER = r"\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*"
BBox = Annotated[
    str | None,
    Query(pattern=f"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$", description="west,south,east,north in degrees"),
]


@cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    """Field -> the values it may take, as Dateline writes them."""
    lexicon = json.loads((resources.files("dateline.data") / "events.json").read_text(encoding="utf-8"))
    plover = {t["plover"] for t in lexicon["triggers"].values() if t.get("plover")}
    acled = {name for pair in lexicon["acled"].values() if pair for name in pair}
    statuses = typing.get_args(schema.Event.model_fields["status"].annotation)
    return {"plover": tuple(sorted(plover)), "acled_type": tuple(sorted(acled)), "status": tuple(statuses)}


def several_pattern(name: str) -> str:
    """The pattern the OpenAPI schema documents for comma-separated values of `name` in any case (JSON Schema's
    patterns have no flags, so each letter is a class: [Aa]). Documentation only: a value is checked by `_several`,
    whose message names what is wrong, not by this pattern."""

    def spelled(value: str) -> str:
        return "".join(f"[{c.upper()}{c.lower()}]" if c.lower() != c.upper() else re.escape(c) for c in value)

    one = "(" + "|".join(spelled(v) for v in sorted(vocabularies()[name], key=lambda v: (-len(v), v))) + ")"
    return rf"^\s*{one}\s*(,\s*{one}\s*)*$"


def _several(name: str, value: str | None, problems: list[dict]) -> tuple[str, ...] | None:
    """The comma-separated values of `name` in any case, each as its vocabulary writes it. A value it does not know
    adds a problem to `problems` naming every such value and the values it knows (no pattern of every spelling: the
    message is read), for one 422 that says what is wrong with each filter."""
    if value is None or not value.strip():
        return None
    values = tuple(v.strip() for v in value.split(",") if v.strip())
    known = {v.lower(): v for v in vocabularies()[name]}
    unknown = [v for v in values if v.lower() not in known]
    if unknown:
        named = ", ".join(repr(v) for v in dict.fromkeys(unknown))
        message = f"unknown {name} {named}; one or more of: {', '.join(vocabularies()[name])}"
        problems.append({"type": "value_error", "loc": ("query", name), "msg": message, "input": value})
        return None
    return tuple(dict.fromkeys(known[v.lower()] for v in values))


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    west, south, east, north = (float(v) for v in value.split(","))
    return west, south, east, north


SEVERAL = "One or more, comma-separated (any of them), in any case; an unknown value answers 422 naming it."


def event_filters(
    bbox: BBox = None,
    date_from: Annotated[IsoDate | None, Query(description="Events on or after this day.")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Events on or before this day.")] = None,
    plover: Annotated[
        str | None,
        Query(
            description=f"PLOVER types ({', '.join(vocabularies()['plover'])}). {SEVERAL}",
            json_schema_extra={"pattern": several_pattern("plover")},
        ),
    ] = None,
    acled_type: Annotated[
        str | None,
        Query(
            description=f"ACLED event or sub-event types ({', '.join(vocabularies()['acled_type'])}). {SEVERAL}",
            json_schema_extra={"pattern": several_pattern("acled_type")},
        ),
    ] = None,
    status: Annotated[
        str | None,
        Query(
            description=f"Statuses ({', '.join(vocabularies()['status'])}). {SEVERAL}",
            json_schema_extra={"pattern": several_pattern("status")},
        ),
    ] = None,
    min_fatalities: Annotated[
        float | None, Query(ge=0, le=1e9, description="At least this many killed (a fused event: its largest count).")
    ] = None,
    include_background: Annotated[
        bool, Query(description="Also background events (told as context: 'annexed in 2014'); left out by default.")
    ] = False,
    actor: str | None = None,
    source: str | None = None,
    text: Annotated[
        str | None, Query(description="Sought in the trigger, the place, the actors, the article's title and text.")
    ] = None,
    article_id: str | None = None,
) -> browse.EventFilter:
    """The /events filters, shared by the routes that list, count, map or download events."""
    problems: list[dict] = []
    listed = {name: _several(name, value, problems) for name, value in
              (("plover", plover), ("acled_type", acled_type), ("status", status))}  # fmt: skip
    if problems:
        raise RequestValidationError(problems)
    return browse.EventFilter(
        bbox=_bbox(bbox),
        date_from=date_from,
        date_to=date_to,
        **listed,
        min_fatalities=min_fatalities,
        include_background=include_background,
        actor=actor,
        source=source,
        text=text,
        article_id=article_id,
    )


__all__ = ["BBox", "event_filters", "vocabularies"]
