"""/events: event mentions or fused events, their timeline, their map, downloads, and one event in full."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ...store import Store, browse, browse_map
from ..deps import Limit, Offset, StoreDep
from ..models import ErrorDetail, EventMap, EventMentionDetail, EventPage, FusedEventDetail, Histogram
from .downloads import DOCUMENTED, download
from .event_params import event_filters

router = APIRouter()

View = Annotated[
    str,
    Query(
        pattern="^(auto|mentions|fused)$",
        description="mentions, fused events, or auto: fused once `dateline fuse` has run",
    ),
]
Format = Annotated[
    str,
    Query(
        pattern="^(json|csv|acled|geojson|gdelt)$",
        description="json: a page. csv (the list's columns and fatalities), acled, geojson or gdelt (GDELT Events "
        "2.0): every matching event as a streamed file download; `limit` and `offset` are then ignored.",
    ),
]
Cell = Annotated[float, Query(gt=0.0001, le=90, description="The grid cell's side in degrees.")]
Filters = Annotated[browse.EventFilter, Depends(event_filters)]


def _fused_view(view: str, store: Store) -> bool:
    return view == "fused" or (view == "auto" and browse.has_fusion(store))


@router.get("", response_model=EventPage, responses=DOCUMENTED)
def events(
    request: Request,
    store: StoreDep,
    filters: Filters,
    view: View = "auto",
    limit: Limit = 100,
    offset: Offset = 0,
    format: Format = "json",
) -> Any:
    """Event mentions, or fused events once fusion has run; newest first. With `format`, every one that matches
    as a file."""
    fused = _fused_view(view, store)
    name = "fused" if fused else "mentions"
    if format != "json":
        return download(request, format, filters, fused=fused, view=name)
    return {**browse.list_events(store, filters, fused=fused, limit=limit, offset=offset), "view": name}


@router.get("/histogram", response_model=Histogram)
def histogram(store: StoreDep, filters: Filters, view: View = "auto") -> dict[str, Any]:
    """Events per day under the same filters as /events, the date range left out: the UI's timeline."""
    fused = _fused_view(view, store)
    return {"items": browse.event_histogram(store, filters, fused=fused), "view": "fused" if fused else "mentions"}


@router.get("/map", response_model=EventMap)
def event_map(store: StoreDep, filters: Filters, view: View = "auto", cell: Cell = 1.0) -> dict[str, Any]:
    """Every event that matches the /events filters (with a place), counted per grid cell: the UI's map."""
    fused = _fused_view(view, store)
    return {**browse_map.map_cells(store, filters, fused=fused, cell=cell), "view": "fused" if fused else "mentions"}


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
