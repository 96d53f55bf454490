"""Matching and scoring helpers shared by every evaluation task.

Spans are (start, end) character offsets, end exclusive.

>>> prf(3, 4, 3, 6)
{'p': 0.75, 'r': 0.5, 'f1': 0.6}
>>> round(haversine_km(48.59, 37.99, 48.69, 38.07), 1)
12.5
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..places.geometry import haversine_km  # noqa: F401  (scorers import it from here)

Span = tuple[int, int]
G = TypeVar("G")
P = TypeVar("P")


def overlap(a: Span, b: Span) -> int:
    """Characters two spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Span, b: Span) -> bool:
    return overlap(a, b) > 0


def any_overlap(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return any(overlaps(x, y) for x in a for y in b)


def envelope(spans: Sequence[Span]) -> Span:
    return (min(s[0] for s in spans), max(s[1] for s in spans))


def safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    """Precision over predictions, recall over gold, and their F1."""
    p, r = safe_div(tp_pred, n_pred), safe_div(tp_gold, n_gold)
    return {"p": p, "r": r, "f1": safe_div(2 * p * r, p + r)}


def match_one_to_one(gold: Sequence[G], pred: Sequence[P], score: Callable[[G, P], float]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of gold and predicted items, best pairs first.

    score (Callable): > 0 for a possible pair, higher is better; <= 0 means no match.
    RETURNS (list[tuple[int, int]]): (gold index, pred index) pairs.
    """
    candidates = [(score(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)]
    candidates = sorted((c for c in candidates if c[0] > 0), key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def gold_date(value: object, default: dt.date = dt.date(2000, 1, 1)) -> dt.date:
    """A gold document's date; `default` when it has none or none that parses (TR-News has clock times)."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return default
