"""Package data files (ontology mappings, lexicons), read once per process.

>>> sorted(load_json("counts.json"))[:2]
['advance_verbs', 'casualty_nouns']
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load_json(name: str) -> dict:
    """A JSON file from `dateline/data/`, or from a path when `name` contains a slash."""
    if "/" in name:
        with open(name, encoding="utf-8") as handle:
            return json.load(handle)
    return json.loads(resources.files("dateline.data").joinpath(name).read_text(encoding="utf-8"))
