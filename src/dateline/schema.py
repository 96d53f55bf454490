"""The record: one per article, every extracted item tied to its source span.

Offsets are character offsets into `Article.text`, end exclusive, written as
`span: [start, end]` beside `text`, the exact slice. Items of one record refer
to each other by their index in the record's lists (an event's `place` is an
index into `places`).

>>> from dateline.schema import Record
>>> sorted(Record.model_json_schema()["properties"])[:3]
['actors', 'article', 'claims']
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]

PARTS = ("article", "mentions", "places", "times", "actors", "claims", "events", "counts", "themes", "tone")
ITEM_PARTS = ("mentions", "places", "times", "actors", "claims", "events", "counts", "themes")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Part):
    """A piece of the source text: where it is and what it says."""

    span: Span
    text: str


class Furniture(Evidence):
    """A stretch of page furniture in the article text ("Read also: ...", a photo credit, a dateline), not extracted."""

    kind: str


class Article(_Part):
    """One news report as read, before any extraction. `boilerplate` lists its page furniture."""

    id: str
    published: dt.date
    published_at: dt.datetime | None = Field(None, description="publication time (UTC) when the source gives one")
    source: str | None = None
    url: str | None = None
    title: str | None = None
    lang: str = "en"
    machine_translated: bool | None = Field(
        None, description="the text is a machine translation into English (true), written in it (false), unknown"
    )
    n_words: int = 0
    content_hash: str = ""
    text: str
    boilerplate: list[Furniture] = Field(default_factory=list)


class Mention(Evidence):
    """A named entity as the NER model tagged it (PERSON, ORG, GPE, ...)."""

    label: str


class RelativePlace(Evidence):
    """'about 10 kilometres north of Bakhmut': a place stated relative to another."""

    anchor: str
    distance_km: float | None = None
    bearing: str | None = None


class Place(Evidence):
    """A place of the article, resolved to a gazetteer entry or a point the text supports.

    One item per place and role; `span` is its first mention and `mentions` all of them.
    """

    mentions: list[Evidence] = Field(default_factory=list)
    geonames_id: int | None = None
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    precision: int | None = Field(None, description="1 the named place, 2 near or part of it, 3 admin area or wider")
    namesakes: int | None = Field(
        None,
        description="how many places of the name lie in the admin area the text gives, none of which the text, "
        "the article's other places or the war's lines tell apart ('Novoselivka, Kharkiv oblast'): the place is then "
        "that admin area, at precision 3",
    )
    score: float | None = None
    relative: RelativePlace | None = None
    role: Literal["location", "metonym", "demonym", "embedded"] = Field(
        "location",
        description="location; metonym (a government: 'Moscow said'); demonym ('Ukrainian'); "
        "embedded (part of a name: 'Ohio State University', 'US-led'). An event's place is a location, or, when its "
        "sentence names none, the metonym or demonym of the state acting or acted on.",
    )


class Time(Evidence):
    """A TIMEX3 time expression normalised against the article date."""

    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    anchor: str | None = None


class Actor(Evidence):
    """A person, organisation, collective or state, with every mention of it."""

    mentions: list[Evidence] = Field(default_factory=list)
    name: str
    kind: Literal["person", "organisation", "collective", "state"]
    role: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    sector: str | None = None
    code: str | None = None
    acled_name: str | None = None


class Disagreement(_Part):
    """Another claim of the same article that says the opposite, and why they are about the same thing."""

    claim: int
    reason: str


class Claim(Evidence):
    """Who said what, how and when. `span` covers the content."""

    speaker: Evidence | None = None
    speaker_actor: int | None = None
    cue: Evidence | None = None
    channel: Evidence | None = None
    time: int | None = None
    content: Evidence
    kind: Literal["direct", "indirect", "mixed"] = "indirect"
    verification: Literal["unverified", "denied", "confirmed"] | None = None
    verification_evidence: Evidence | None = None
    events: list[int] = Field(default_factory=list)
    contradicts: list[Disagreement] = Field(default_factory=list)


class Event(Evidence):
    """An event mention coded in PLOVER, CAMEO and ACLED. `span` is the trigger of its first mention and `mentions`
    every trigger the article tells it with ("regained ground ... pushed back")."""

    plover: str | None = None
    plover_mode: str | None = None
    category: str | None = Field(
        None, description="what PLOVER does not code: accident, natural_disaster, background, ..."
    )
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    source_actor: int | None = None
    target_actor: int | None = None
    place: int | None = None
    geo_precision: int | None = Field(
        None, description="ACLED's: 1 at the named place, 2 near it or part of it, 3 a region"
    )
    date: str | None = None
    date_precision: str | None = None
    counts: list[int] = Field(default_factory=list)
    status: Literal["reported", "claimed", "denied", "threatened", "background", "expected"] = Field(
        "reported", description="expected: dated more than a year after the article, so told as coming, not done"
    )
    claims: list[int] = Field(default_factory=list)
    confidence: float = 0.0
    mentions: list[Evidence] = Field(default_factory=list)


class Count(Evidence):
    """A number with what it counts: 'two pilots were killed' -> killed 2 pilots."""

    what: str
    value: float | int
    object: str | None = None
    status: Literal["claimed"] | None = Field(
        None, description="claimed: one side's report of the other side's losses ('according to Russian sources')"
    )
    fatalities: int | None = Field(
        None,
        description="of a killed count, the deaths an event coder takes from it: its value, or for a claimed count "
        "at most 10 shared among the places its sentence names, as ACLED codes one side's claims",
    )


class Theme(Evidence):
    """A GKG-style theme code and the words that evoke it."""

    code: str


class Tone(_Part):
    """GDELT V2Tone's seven values for the article."""

    tone: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0
    activity_density: float = 0.0
    self_group_density: float = 0.0
    word_count: int = 0


class Record(_Part):
    """Everything Dateline extracted from one article."""

    article: Article
    mentions: list[Mention] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    tone: Tone = Field(default_factory=Tone)
    pipeline_version: str
    status: Literal["extracted", "not_english", "no_content"] = "extracted"


PART_MODELS: dict[str, type[_Part]] = {
    "mentions": Mention,
    "places": Place,
    "times": Time,
    "actors": Actor,
    "claims": Claim,
    "events": Event,
    "counts": Count,
    "themes": Theme,
}


def record_json_schema() -> dict:
    """The JSON Schema of a record, as `dateline schema` prints it.

    RETURNS (dict): a JSON Schema (draft 2020-12) document.
    """
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dateline.invalid/schema/record.json"
    return schema
