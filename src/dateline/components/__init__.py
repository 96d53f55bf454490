"""Dateline's spaCy components. Importing this package registers their factories."""
from .counts import CountsComponent, make_counts
from .time import TimeComponent, make_time
from .tone import ToneComponent, make_tone

__all__ = ["CountsComponent", "TimeComponent", "ToneComponent", "make_counts", "make_time", "make_tone"]
