"""/articles: stored articles and the record of one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from ...store import browse
from ..deps import IsoDate, Limit, Offset, StoreDep
from ..models import ArticleDetail, ArticlePage, ErrorDetail

router = APIRouter()


@router.get("", response_model=ArticlePage)
def articles(
    store: StoreDep,
    text: Annotated[str | None, Query(description="Words in the title or text (case-blind).")] = None,
    source: Annotated[str | None, Query(description="The source, exactly.")] = None,
    date_from: Annotated[IsoDate | None, Query(description="Published on or after.")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Published on or before.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored articles (without text), newest first."""
    return browse.list_articles(
        store, text=text, source=source, date_from=date_from, date_to=date_to, limit=limit, offset=offset
    )


@router.get(
    "/{article_id:path}",
    response_model=ArticleDetail,
    response_model_exclude_unset=True,
    responses={404: {"model": ErrorDetail, "description": "No article with this id."}},
)
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """One article: its text and its record, every item with its character span."""
    found = browse.article_detail(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found
