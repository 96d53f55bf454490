"""/events: event mentions or fused events, their timeline, and one event in full."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from ...store import Store, browse
from ..deps import IsoDate, Limit, Offset, StoreDep
from ..models import ErrorDetail, EventMentionDetail, EventPage, FusedEventDetail, Histogram

router = APIRouter()

NUMBER = r"\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*"
BBox = Annotated[
    str | None,
    Query(pattern=f"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$", description="west,south,east,north in degrees"),
]
View = Annotated[
    str,
    Query(
        pattern="^(auto|mentions|fused)$",
        description="mentions, fused events, or auto: fused once `dateline fuse` has run",
    ),
]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    west, south, east, north = (float(v) for v in value.split(","))
    return west, south, east, north


def event_filters(
    bbox: BBox = None,
    date_from: Annotated[IsoDate | None, Query(description="Events on or after this day.")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Events on or before this day.")] = None,
    plover: str | None = None,
    acled_type: str | None = None,
    actor: str | None = None,
    source: str | None = None,
    text: str | None = None,
    article_id: str | None = None,
) -> browse.EventFilter:
    """The /events filters, shared by the routes that list or count events."""
    by = {"date_from": date_from, "date_to": date_to, "plover": plover, "acled_type": acled_type, "actor": actor}
    return browse.EventFilter(bbox=_bbox(bbox), source=source, text=text, article_id=article_id, **by)


Filters = Annotated[browse.EventFilter, Depends(event_filters)]


def _fused_view(view: str, store: Store) -> bool:
    return view == "fused" or (view == "auto" and browse.has_fusion(store))


@router.get("", response_model=EventPage)
def events(
    store: StoreDep, filters: Filters, view: View = "auto", limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    """Event mentions, or fused events once fusion has run; newest first."""
    fused = _fused_view(view, store)
    page = browse.list_events(store, filters, fused=fused, limit=limit, offset=offset)
    return {**page, "view": "fused" if fused else "mentions"}


@router.get("/histogram", response_model=Histogram)
def histogram(store: StoreDep, filters: Filters, view: View = "auto") -> dict[str, Any]:
    """Events per day under the same filters as /events, the date range left out: the UI's timeline."""
    fused = _fused_view(view, store)
    return {"items": browse.event_histogram(store, filters, fused=fused), "view": "fused" if fused else "mentions"}


@router.get(
    "/{event_id:path}",
    response_model=EventMentionDetail | FusedEventDetail,
    response_model_exclude_unset=True,
    responses={404: {"model": ErrorDetail, "description": "No event with this id."}},
)
def event(store: StoreDep, event_id: str) -> dict[str, Any]:
    """One event (`m<idx>-<article id>` a mention, `f<n>` a fused event) with its mentions, claims and
    contradictions."""
    found = browse.event_detail(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found
