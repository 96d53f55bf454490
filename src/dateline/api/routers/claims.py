"""/claims: who said what, and what contradicts it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...store import browse
from ..deps import Limit, Offset, StoreDep
from ..models import ClaimPage

router = APIRouter()


@router.get("", response_model=ClaimPage)
def claims(
    store: StoreDep,
    article_id: str | None = None,
    speaker: str | None = None,
    text: str | None = None,
    verification: str | None = None,
    contradicted: bool = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Who said what: claims with speaker, cue, channel, and the claims that contradict them."""
    return browse.list_claims(
        store,
        article_id=article_id,
        speaker=speaker,
        text=text,
        verification=verification,
        contradicted=contradicted,
        limit=limit,
        offset=offset,
    )
