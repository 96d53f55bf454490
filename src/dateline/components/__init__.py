"""Dateline's spaCy components. Importing this package registers their factories."""

from .actors import ActorsComponent, make_actors
from .claims import ClaimsComponent, make_claims
from .counts import CountsComponent, make_counts
from .events import EventsComponent, make_events
from .geo import GeoComponent, make_geo
from .themes import ThemesComponent, make_themes
from .time import TimeComponent, make_time
from .tone import ToneComponent, make_tone

__all__ = [
    "ActorsComponent",
    "ClaimsComponent",
    "CountsComponent",
    "EventsComponent",
    "GeoComponent",
    "ThemesComponent",
    "TimeComponent",
    "ToneComponent",
    "make_actors",
    "make_claims",
    "make_counts",
    "make_events",
    "make_geo",
    "make_themes",
    "make_time",
    "make_tone",
]
