"""Every dev set in two halves: one developers read errors on, one they only score.

An item goes to a half by a stable hash of its id, so the split needs no list
and never changes: the SHA-1 of the id (UTF-8), read as a number, even ->
`read`, odd -> `score`. Items are what each scorer iterates over: the
documents of a JSONL gold file (its `id` field), and, for `dateline-gold/1`
files, the article (`article.id`).

>>> half_of("gdeltua-20220204T123000Z_UA_en_1d3757904e")
'read'
>>> half_of("2023-05-13-afp-bakhmut")
'score'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ..errors import Errors, EvalError

HALVES = ("read", "score")
T = TypeVar("T")


def half_of(item_id: str) -> str:
    """The half an item belongs to.

    item_id (str): the item's id.
    RETURNS (str): "read" or "score".
    """
    digest = hashlib.sha1(item_id.encode("utf-8")).hexdigest()
    return HALVES[int(digest, 16) % 2]


def check_half(half: str | None) -> None:
    """Refuse a half that is neither None, "read" nor "score"."""
    if half is not None and half not in HALVES:
        raise EvalError(Errors.E402.format(half=half, choices=", ".join(HALVES)))


def in_half(items: Iterable[T], half: str | None, key: Callable[[T], str]) -> Iterator[T]:
    """The items of `half` (all of them when `half` is None), in their order.

    items (Iterable[T]): anything with an id.
    half (str | None): "read", "score" or None.
    key (Callable[[T], str]): the id of an item.
    RETURNS (Iterator[T]): the items in that half.
    """
    check_half(half)
    return iter(items) if half is None else (item for item in items if half_of(key(item)) == half)
