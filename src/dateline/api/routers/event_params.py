"""The /events filters as query parameters: several comma-separated values where a field takes them, each checked
against its vocabulary, so that an unknown value answers 422 (FastAPI's validation error) instead of an empty list.

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
    """A pattern (JSON Schema's, so no flags) for comma-separated values of `name`, each as written, in lower
    case or in upper case."""
    spellings = sorted({s for v in vocabularies()[name] for s in (v, v.lower(), v.upper())}, key=lambda s: (-len(s), s))
    one = "(" + "|".join(re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", s) for s in spellings) + ")"
    return rf"^\s*{one}\s*(,\s*{one}\s*)*$"


def _several(name: str, value: str | None) -> tuple[str, ...] | None:
    """The comma-separated values of `name`, each known to its vocabulary (else a 422 naming the first unknown)."""
    if value is None or not value.strip():
        return None
    values = tuple(v.strip() for v in value.split(",") if v.strip())
    known = {v.lower() for v in vocabularies()[name]}
    unknown = [v for v in values if v.lower() not in known]
    if unknown:
        message = f"unknown {name} {unknown[0]!r}; one or more of: {', '.join(sorted(known))}"
        raise RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": message, "input": value}])
    return values


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    west, south, east, north = (float(v) for v in value.split(","))
    return west, south, east, north


SEVERAL = (
    "One or more, comma-separated (any of them), each as written, in lower or upper case; an unknown value answers 422."
)


def event_filters(
    bbox: BBox = None,
    date_from: Annotated[IsoDate | None, Query(description="Events on or after this day.")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Events on or before this day.")] = None,
    plover: Annotated[
        str | None, Query(pattern=several_pattern("plover"), description=f"PLOVER types: ASSAULT,COERCE. {SEVERAL}")
    ] = None,
    acled_type: Annotated[
        str | None,
        Query(pattern=several_pattern("acled_type"), description=f"ACLED event or sub-event types. {SEVERAL}"),
    ] = None,
    status: Annotated[
        str | None, Query(pattern=several_pattern("status"), description=f"reported, claimed, ... {SEVERAL}")
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
    return browse.EventFilter(
        bbox=_bbox(bbox),
        date_from=date_from,
        date_to=date_to,
        plover=_several("plover", plover),
        acled_type=_several("acled_type", acled_type),
        status=_several("status", status),
        min_fatalities=min_fatalities,
        include_background=include_background,
        actor=actor,
        source=source,
        text=text,
        article_id=article_id,
    )


__all__ = ["BBox", "event_filters", "vocabularies"]
