"""One APIRouter per resource; `dateline.api.app` mounts each under its prefix."""

from . import articles, claims, events, places, stats

__all__ = ["articles", "claims", "events", "places", "stats"]
