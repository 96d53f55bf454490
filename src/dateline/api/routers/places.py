"""/places: the places the articles name as locations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store import browse
from ..deps import Limit, Offset, StoreDep
from ..models import PlacePage

router = APIRouter()


@router.get("", response_model=PlacePage)
def places(
    store: StoreDep,
    name: Annotated[str | None, Query(description="Words in the place's name (case-blind).")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code, e.g. UA.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Resolved places, most often named first."""
    return browse.list_places(store, name=name, country=country, limit=limit, offset=offset)
