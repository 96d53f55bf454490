"""/claims: who said what, and what contradicts it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store import browse
from ..deps import Limit, Offset, StoreDep
from ..models import ClaimPage

router = APIRouter()


@router.get("", response_model=ClaimPage)
def claims(
    store: StoreDep,
    article_id: Annotated[str | None, Query(description="Claims of this article only.")] = None,
    speaker: Annotated[str | None, Query(description="Words in the speaker's name (case-blind).")] = None,
    text: Annotated[str | None, Query(description="Words in what was claimed (case-blind).")] = None,
    verification: Annotated[str | None, Query(description="unverified, denied or confirmed")] = None,
    contradicted: Annotated[bool, Query(description="Only claims that a stored contradiction opposes.")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Who said what: claims with speaker, cue, channel, and the claims that contradict them."""
    by = {"article_id": article_id, "speaker": speaker, "text": text, "verification": verification}
    return browse.list_claims(store, contradicted=contradicted, limit=limit, offset=offset, **by)
