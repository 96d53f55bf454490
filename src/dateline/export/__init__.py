"""Exports in the layouts analysts' tools already read."""

from .formats import ACLED_COLUMNS, FORMATS, GDELT_EVENT_COLUMNS, GKG_COLUMNS, export, to_text

__all__ = ["ACLED_COLUMNS", "FORMATS", "GDELT_EVENT_COLUMNS", "GKG_COLUMNS", "export", "to_text"]
