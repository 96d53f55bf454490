"""/stats: what the store holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...store import browse
from ..deps import StoreDep
from ..models import Stats

router = APIRouter()


@router.get("", response_model=Stats)
def stats(store: StoreDep) -> dict[str, Any]:
    """Counts per table, languages, date range, pipeline versions."""
    return browse.summary(store)
