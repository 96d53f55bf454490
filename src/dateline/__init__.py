"""Dateline: dated news reports in, structured and traceable event data out.

>>> import dateline
>>> record = dateline.extract_text("Two soldiers were killed on Friday.", published="2024-03-02")
>>> record.counts[0].what, record.counts[0].value
('killed', 2)
"""

import logging

from .errors import DatelineError, ReadError, StoreError
from .pipeline import extract_articles, extract_text
from .read import read_paths
from .schema import Article, Record
from .version import PIPELINE_VERSION, __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "DatelineError",
    "PIPELINE_VERSION",
    "ReadError",
    "Record",
    "StoreError",
    "__version__",
    "extract_articles",
    "extract_text",
    "read_paths",
]
