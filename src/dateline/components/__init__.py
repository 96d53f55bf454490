"""Dateline's spaCy components. Importing this package registers their factories."""
from .counts import CountsComponent, make_counts
from .tone import ToneComponent, make_tone

__all__ = ["CountsComponent", "ToneComponent", "make_counts", "make_tone"]
