"""What the API answers: one pydantic model per response, separate from the record schema and the store.

The store gives rows back as `dateline.store.browse` shapes them; these models
describe and check them (FastAPI validates every answer against its route's
`response_model`, and `/openapi.json` documents them). Columns are nullable as
in the store. An article's record reuses the schema's part models through
`as_stored`: the same fields, each nullable, because a column added in a later
version is NULL in the rows written before it.

>>> Page[DayCount](items=[DayCount(day="2024-03-01", n=2)], total=1).model_dump(mode="json")
{'items': [{'day': '2024-03-01', 'n': 2}], 'total': 1}
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, Field, create_model

from .. import schema
from ..schema import Evidence

# Every status the record schema gives an event, as the list's and the detail's `status` say them
EVENT_STATUSES = ", ".join(get_args(schema.Event.model_fields["status"].annotation))

T = TypeVar("T")
View = Literal["mentions", "fused"]


class Page(BaseModel, Generic[T]):
    """One page of a list: `limit` items from `offset` on, and how many match in all."""

    items: list[T]
    total: int = Field(description="Items matching the filters, on every page.")


class ErrorDetail(BaseModel):
    """What a failed request answers (404 for an unknown id)."""

    detail: str


class ArticleSummary(BaseModel):
    """A stored article without its text."""

    id: str
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    n_words: int | None = None
    status: str | None = Field(None, description="extracted, or not_english (stored, not extracted)")
    tone_tone: float | None = Field(None, description="GDELT tone: (positive - negative) words per 100 words")


class ArticlePage(Page[ArticleSummary]):
    """Articles, newest first."""


class _ArticleItem(BaseModel):
    """An item of an article's record, with where it stands in the text."""

    article_id: str
    idx: int = Field(description="The item's index in its record's list (`events`, `claims`).")
    span_start: int | None = None
    span_end: int | None = None


class _EventMentionFields(_ArticleItem):
    """An event mention with its article, place and actors joined in (a row of `event_index`)."""

    trigger: str | None = Field(None, description="The trigger text, `text[span_start:span_end]` of the article.")
    published: dt.date | None = None
    source: str | None = None
    day: dt.date | None = Field(None, description="The event's date (its start), else the article's.")
    date: str | None = Field(None, description="ISO 8601 as the text states it: 2024-03-01, 2024-W09, 2024-03")
    date_precision: str | None = None
    plover: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    category: str | None = None
    status: str | None = Field(None, description=EVENT_STATUSES)
    confidence: float | None = None
    place_name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = Field(None, description="ACLED's: 1 the named place, 2 near it, 3 a region")
    source_actor: str | None = None
    source_code: str | None = None
    target_actor: str | None = None
    target_code: str | None = None
    fatalities: float | None = Field(None, description="The number killed its counts give; null when none.")


class EventMention(_EventMentionFields):
    """An event as one article reports it."""

    id: str = Field(description="m<idx>-<article id>")


class FusedEvent(BaseModel):
    """Event mentions of several articles taken for one event (`dateline fuse`)."""

    id: str = Field(description="f<n>")
    plover: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    day: dt.date | None = Field(None, description="The day its mentions agree on.")
    date_precision: str | None = None
    place_name: str | None = Field(None, description="The place its mentions agree on.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = Field(None, description="ACLED's: 1 the named place, 2 near it, 3 a region")
    source_actor: str | None = Field(None, description="Who acted, as ACLED names actors.")
    target_actor: str | None = Field(None, description="Who was acted on.")
    n_mentions: int
    n_articles: int = Field(description="Articles that report it (GDELT's NumArticles).")
    n_sources: int = Field(description="Distinct sources among them (GDELT's NumSources).")
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    fatalities_min: float | None = Field(None, description="The fewest killed one of its mentions gives.")
    fatalities_max: float | None = Field(None, description="The most killed one of its mentions gives.")


class MapCell(BaseModel):
    """The events of one grid cell: how many, their mean point, their most common type, the id of a lone one."""

    n: int
    lat: float
    lon: float
    plover: str | None = None
    id: str | None = Field(None, description="The event's id when the cell holds one event.")


class EventMap(BaseModel):
    """Every matching event with a place, counted per grid cell (the most populous cells first)."""

    cells: list[MapCell]
    located: int = Field(description="Events in the cells returned.")
    cell: float = Field(description="The cell's side in degrees.")
    view: View


class MentionPage(Page[EventMention]):
    """Event mentions, newest first."""

    view: Literal["mentions"]


class FusedPage(Page[FusedEvent]):
    """Fused events (once `dateline fuse` has run), newest first."""

    view: Literal["fused"]


# What /events answers: `view` says which of the two pages it is.
EventPage = Annotated[MentionPage | FusedPage, Field(discriminator="view")]


class DayCount(BaseModel):
    """How many events fall on a day."""

    day: dt.date
    n: int


class Histogram(BaseModel):
    """Events per day, oldest first."""

    items: list[DayCount]
    view: View


class CountSummary(BaseModel):
    """A count an event mention carries: 'two men were detained' -> detained 2 men."""

    idx: int
    what: str | None = None
    value: float | None = None
    object: str | None = None
    text: str | None = None
    status: str | None = Field(None, description="claimed: one side's report of the other side's losses")
    fatalities: int | None = Field(None, description="of a killed count: the deaths the event is coded with")


class MentionDetail(_EventMentionFields):
    """A mention of the event, with the claims (indices in its record) and counts that go with it."""

    claims: list[int] = Field(default_factory=list, description="Indices into the article's claims.")
    counts: list[CountSummary] = Field(default_factory=list)
    id: str


class ClaimSummary(_ArticleItem):
    """A claim with its speaker's name and its article."""

    text: str | None = Field(None, description="The content of the claim.")
    kind: str | None = Field(None, description="direct, indirect, mixed")
    verification: str | None = Field(None, description="unverified, denied, confirmed")
    speaker: Evidence | None = None
    cue: Evidence | None = None
    channel: Evidence | None = None
    events: list[int] | None = Field(None, description="Indices into the article's events.")
    speaker_name: str | None = None
    speaker_code: str | None = None
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None
    id: str = Field(description="c<idx>-<article id>")


class Contradiction(BaseModel):
    """Two claims that cannot both hold, side by side."""

    reason: str | None = None
    a: ClaimSummary | None = None
    b: ClaimSummary | None = None


class ListedClaim(ClaimSummary):
    """A claim and the stored contradictions it is part of."""

    contradictions: list[Contradiction] = Field(default_factory=list)


class ClaimPage(Page[ListedClaim]):
    """Claims, newest article first."""


class EventMentionDetail(EventMention):
    """One event mention with the claims that report it and their contradictions."""

    mentions: list[MentionDetail]
    claims: list[ClaimSummary]
    contradictions: list[Contradiction]


class FusedEventDetail(FusedEvent):
    """One fused event with all its mentions, the claims that report it and their contradictions."""

    mentions: list[MentionDetail]
    claims: list[ClaimSummary]
    contradictions: list[Contradiction]


class PlaceSummary(BaseModel):
    """A place named as a location, one per gazetteer entry."""

    geonames_id: int | None = Field(None, description="Its GeoNames id; null for a point only the text gives.")
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = Field(None, description="Its first-level administrative area.")
    lat: float | None = Field(None, description="The mean of the points its mentions were placed at.")
    lon: float | None = None
    precision: int | None = Field(None, description="The finest of its mentions: 1 the named place, 2 near it, 3 wider")
    n_articles: int = Field(description="Articles that name it.")


class PlacePage(Page[PlaceSummary]):
    """Places, most often named first."""


class Stats(BaseModel):
    """What the store holds. A NULL status, language or version counts under the key "None"."""

    articles: int
    mentions: int
    places: int
    times: int
    actors: int
    claims: int
    events: int
    counts: int
    themes: int
    by_status: dict[str | None, int]
    by_lang: dict[str | None, int]
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    pipeline_versions: dict[str | None, int]
    event_mentions: int
    plover_types: list[str]
    fused_events: int = Field(description="0 until `dateline fuse` has run.")
    contradictions: int


def as_stored(model: type[BaseModel], **more: Any) -> type[BaseModel]:
    """The schema `model` as the store gives it back: the same fields and descriptions, each nullable.

    model (type[BaseModel]): a part of `dateline.schema`.
    more: further fields, as `create_model` takes them.
    RETURNS (type[BaseModel]): a model named `Stored<Model>`.
    """
    fields: dict[str, Any] = {
        name: (field.annotation | None, Field(None, description=field.description))
        for name, field in model.model_fields.items()
    }
    return create_model(f"Stored{model.__name__}", __doc__=model.__doc__, **fields, **more)


StoredArticle = as_stored(schema.Article, ingested_at=(dt.datetime | None, None))
StoredTone = create_model(
    "StoredTone",
    __doc__="GDELT V2Tone's seven values, as stored (every one a DOUBLE column).",
    **{
        name: (float | None, Field(None, description=field.description))
        for name, field in schema.Tone.model_fields.items()
    },
)
StoredMention = as_stored(schema.Mention)
StoredPlace = as_stored(schema.Place)
StoredTime = as_stored(schema.Time)
StoredActor = as_stored(schema.Actor)
StoredClaim = as_stored(schema.Claim)
StoredEvent = as_stored(schema.Event)
StoredCount = as_stored(schema.Count)
StoredTheme = as_stored(schema.Theme)


class ArticleDetail(BaseModel):
    """One article: its text and its record, every item with its character span into that text."""

    article: StoredArticle  # type: ignore[valid-type]
    tone: StoredTone  # type: ignore[valid-type]
    pipeline_version: str | None = None
    status: str | None = None
    mentions: list[StoredMention] = Field(default_factory=list)  # type: ignore[valid-type]
    places: list[StoredPlace] = Field(default_factory=list)  # type: ignore[valid-type]
    times: list[StoredTime] = Field(default_factory=list)  # type: ignore[valid-type]
    actors: list[StoredActor] = Field(default_factory=list)  # type: ignore[valid-type]
    claims: list[StoredClaim] = Field(default_factory=list)  # type: ignore[valid-type]
    events: list[StoredEvent] = Field(default_factory=list)  # type: ignore[valid-type]
    counts: list[StoredCount] = Field(default_factory=list)  # type: ignore[valid-type]
    themes: list[StoredTheme] = Field(default_factory=list)  # type: ignore[valid-type]


__all__ = [
    "ArticleDetail",
    "ArticlePage",
    "ArticleSummary",
    "ClaimPage",
    "ClaimSummary",
    "Contradiction",
    "DayCount",
    "ErrorDetail",
    "EventMention",
    "EventMentionDetail",
    "EventPage",
    "FusedEvent",
    "FusedEventDetail",
    "FusedPage",
    "Histogram",
    "ListedClaim",
    "MentionDetail",
    "MentionPage",
    "Page",
    "PlacePage",
    "PlaceSummary",
    "Stats",
    "as_stored",
]
