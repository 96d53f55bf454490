"""Claims of one article that disagree (across articles, fusion.py compares the claims about one fused event).

Two claims contradict when different speakers say them, one asserts what the
other negates ("no breakthrough" against "successful attacks"), and they are
about the same thing: the same event, the same place or actor named in both
contents, or one content answering the other's speaker ("what Konashenkov
said is not called a regrouping"). Each pair comes with the reason.

>>> from dateline.contradictions import NEGATIONS
>>> "not" in NEGATIONS
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import Disagreement, Record

NEGATIONS = frozenset({"no", "not", "never", "none", "nobody", "nothing", "n't", "neither", "nor", "without", "denied",
                       "deny", "denies", "false", "untrue", "fake", "fabrication", "fabrications"})
WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Contradiction:
    """Two claims of one article that disagree, and why."""

    claims: tuple[int, int]
    reason: str


def contradictions(record: Record) -> list[Contradiction]:
    """Pairs of claims in the record that disagree, in text order."""
    claims = record.claims
    words = [_words(c.content.text) for c in claims]
    negated = [bool(w & NEGATIONS) for w in words]
    names = [_names(record, c.content.span) for c in claims]
    found = []
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            a, b = claims[i], claims[j]
            if a.speaker_actor is None or b.speaker_actor is None or a.speaker_actor == b.speaker_actor:
                continue
            if negated[i] == negated[j]:
                continue
            reason = _shared_subject(record, a, b, names[i], names[j])
            if reason:
                found.append(Contradiction((i, j), reason))
    return found


def link_contradictions(record: Record) -> Record:
    """Fill each claim's `contradicts` with the claims of the record that disagree with it."""
    for found in contradictions(record):
        i, j = found.claims
        record.claims[i].contradicts.append(Disagreement(claim=j, reason=found.reason))
        record.claims[j].contradicts.append(Disagreement(claim=i, reason=found.reason))
    return record


def _shared_subject(record: Record, a, b, names_a: set[str], names_b: set[str]) -> str | None:
    if set(a.events) & set(b.events):
        return "opposite claims about the same event"
    speaker_a, speaker_b = record.actors[a.speaker_actor], record.actors[b.speaker_actor]
    if _mentions(speaker_a, b.content.span) or _mentions(speaker_b, a.content.span):
        return "one answers the other's speaker"
    shared = names_a & names_b
    if shared:
        return f"opposite claims about {sorted(shared)[0]}"
    return None


def _mentions(actor, span: tuple[int, int]) -> bool:
    return any(span[0] <= m.span[0] < span[1] for m in actor.mentions)


def _names(record: Record, span: tuple[int, int]) -> set[str]:
    """The places (locations) and actors named inside a span."""
    inside = lambda items: {it.name for it in items for m in it.mentions if span[0] <= m.span[0] < span[1]}  # noqa: E731
    return inside(p for p in record.places if p.role == "location") | inside(record.actors)


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}
