"""Claims of one article that disagree (across articles, claims/across.py compares the claims about one fused event).

Two claims can disagree when different speakers make them, their contents do
not overlap, and one negates what the other does not (`disagree.py`): a negation within four
words before a frame word ("no breakthrough" against "successful attacks";
"no survivors" negates nothing the frames know). They are then linked, with the reason, when they are
about the same thing:
- the same event mention;
- the negating claim names the other's speaker ("what Konashenkov said is not
  called a regrouping"), and the two share a frame (retreat, advance, control,
  attack, casualties, talks: `data/claims.json`), or the named speaker has no
  claim in that frame and this is their closest claim before it;
- a specific place (a town, not a country) named in both, in a shared frame;
- a frame shared by speakers of two different countries, with a collective or
  place named in both, or a specific place named in one;
- a frame shared by speakers of two different countries whose claims stand in
  one sentence or in two that follow each other ("The US says an invasion could
  begin any day. Russia denies planning to invade").
Countries alone never count as a shared subject: "Russia" and "Ukraine" are in
nearly every claim of a war report.

>>> from dateline.claims.within import NEGATIONS, frames_of
>>> "not" in NEGATIONS, sorted(frames_of("they did not withdraw from the town"))
(True, ['retreat'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import load_json
from ..schema import Claim, Disagreement, Record
from ..text import sentence_bounds
from .disagree import Side, disagree

NEGATIONS = frozenset(
    {
        "no",
        "not",
        "never",
        "none",
        "nobody",
        "nothing",
        "n't",
        "neither",
        "nor",
        "without",
        "denied",
        "deny",
        "denies",
        "false",
        "untrue",
        "fake",
        "fabrication",
        "fabrications",
    }
)
WORD = re.compile(r"[\w']+")
SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+|\n+")


@dataclass(frozen=True)
class Contradiction:
    """Two claims of one article that disagree, and why."""

    claims: tuple[int, int]
    reason: str


@lru_cache(maxsize=1)
def _frames() -> dict[str, re.Pattern]:
    """Each frame as one pattern matching its word prefixes at the start of a word."""
    frames = load_json("claims.json")["frames"]
    return {
        name: re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + ")", re.IGNORECASE)
        for name, prefixes in frames.items()
        if name != "about"
    }


@lru_cache(maxsize=1)
def _frame_word() -> re.Pattern:
    """Any one-word frame prefix, for a lower-cased word."""
    prefixes = [
        p
        for name, group in load_json("claims.json")["frames"].items()
        if name != "about"
        for p in group
        if " " not in p
    ]
    return re.compile("(?:" + "|".join(map(re.escape, prefixes)) + ")")


def frames_of(text: str) -> set[str]:
    """The frames whose word prefixes occur in a text."""
    return {name for name, pattern in _frames().items() if pattern.search(text)}


NEGATION_REACH = 4
NEAR_KM = 50.0
ADJACENT_CHARS = 300  # at most this much text between a denial and the claim it answers


def negates_a_frame(text: str) -> bool:
    """Whether a negation stands within NEGATION_REACH words before a frame word: "no breakthrough",
    "had not been abandoned", "denied any withdrawal" - not "no survivors" or "not because I am here"."""
    words = [w.lower() for w in WORD.findall(text)]
    frame_word = _frame_word()
    return any(
        frame_word.match(word) and not NEGATIONS.isdisjoint(words[max(0, i - NEGATION_REACH) : i])
        for i, word in enumerate(words)
    )


@lru_cache(maxsize=1)
def _denial() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in load_json("claims.json")["denial"].items() if k != "about"}


def claim_denies(content: str, cue: str | None = None, before: str = "") -> bool:
    """Whether a claim denies rather than asserts: a denial cue ("denied"), a negation just before its content
    ("have not confirmed any strikes"), a denial in its content ("no grounds for the allegations"), or a
    negated frame word ("no breakthrough")."""
    denial = _denial()
    cue_words = {w.lower() for w in WORD.findall(cue or "")}
    before_words = [w.lower() for w in WORD.findall(before)][-NEGATION_REACH:]
    lowered = content.lower()
    return (
        bool(cue_words & set(denial["cues"]))
        or bool(set(before_words) & set(denial["before"]))
        or any(marker in lowered for marker in denial["content"])
        or negates_a_frame(content)
    )


def _claim_denies(record: Record, claim: Claim) -> bool:
    start = claim.content.span[0]
    cue_end = claim.cue.span[1] if claim.cue else start
    before = record.article.text[max(cue_end, start - 40) : start] if cue_end <= start else ""
    return claim_denies(claim.content.text, claim.cue.text if claim.cue else None, before)


def contradictions(record: Record) -> list[Contradiction]:
    """Pairs of claims in the record that disagree, in text order."""
    claims = record.claims
    negated = [_claim_denies(record, c) for c in claims]
    frames = [frames_of(c.content.text) for c in claims]
    places = [_places(record, c.content.span) for c in claims]
    actors = [_collectives(record, c.content.span) for c in claims]
    sides = [Side(record.article.id, c.content.span, c.speaker_actor, denies) for c, denies in zip(claims, negated)]
    found = []
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            if not disagree(sides[i], sides[j]):
                continue
            yes, no = (j, i) if negated[i] else (i, j)
            reason = _shared_subject(record, yes, no, frames, places, actors)
            if reason:
                found.append(Contradiction((i, j), reason))
    return found


def _shared_subject(
    record: Record, yes: int, no: int, frames: list[set[str]], places: list[set[str]], actors: list[set[str]]
) -> str | None:
    claims = record.claims
    asserting, negating = claims[yes], claims[no]
    shared_frames = _families(frames[yes]) & _families(frames[no])
    frame = sorted(shared_frames)[0] if shared_frames else None
    if set(asserting.events) & set(negating.events):
        return "opposite claims about the same event"
    if _answers(record, record.actors[asserting.speaker_actor], negating):
        return f"one answers the other's speaker ({frame})" if frame else None
    if not frame:
        return None
    shared_places = places[yes] & places[no]
    if shared_places:
        return f"opposite claims about {sorted(shared_places)[0]} ({frame})"
    shared = actors[yes] & actors[no]
    if shared and _near(
        record, _places_around(record, asserting.content.span), _places_around(record, negating.content.span)
    ):
        return f"opposite claims about {sorted(shared)[0]} ({frame})"
    if _adjacent(record, asserting, negating) and _other_countries(record, asserting, negating):
        return f"a denial next to the claim it answers ({frame})"
    return None


def _adjacent(record: Record, a: Claim, b: Claim) -> bool:
    """Whether two claims stand in one sentence or in two that follow each other ("The US says an attack could
    come any day. Russia denies planning one.")."""
    first, second = sorted((a.content.span, b.content.span))
    between = record.article.text[first[1] : second[0]]
    return len(between) <= ADJACENT_CHARS and len(SENTENCE_BREAK.findall(between)) <= 1


def _other_countries(record: Record, a: Claim, b: Claim) -> bool:
    """Whether the two speakers are of two different known countries (the sides of a dispute)."""
    countries = [record.actors[c.speaker_actor].country if c.speaker_actor is not None else None for c in (a, b)]
    return None not in countries and countries[0] != countries[1]


def _near(record: Record, names_a: set[str], names_b: set[str], km: float = NEAR_KM) -> bool:
    """Whether two claims' places allow them to be about one front: one names none, or two lie within `km`."""
    if not names_a or not names_b:
        return True
    from ..places.geometry import within_km

    points = {p.name: (p.lat, p.lon) for p in record.places if p.lat is not None}
    return any(within_km(points[a], points[b], km) for a in names_a for b in names_b if a in points and b in points)


def _families(frames: set[str]) -> set[str]:
    families = load_json("claims.json")["frame_families"]
    return {families.get(frame, frame) for frame in frames}


def link_within_article(record: Record) -> Record:
    """Fill each claim's `contradicts` with the claims of the record that disagree with it."""
    for found in contradictions(record):
        i, j = found.claims
        record.claims[i].contradicts.append(Disagreement(claim=j, reason=found.reason))
        record.claims[j].contradicts.append(Disagreement(claim=i, reason=found.reason))
    return record


# How a claim refers to what someone else said; {name} is a mention of that speaker.
ANSWER_PATTERNS = (
    r"\bwhat\s+{name}\s+(?:said|says|claimed|claims|called|calls|described)",
    r"\b{name}(?:'s|’s)\s+(?:claims?|statements?|words|assertions?|version|account|report)",
    r"\bcontrary\s+to\s+(?:what\s+)?{name}",
)


def _answers(record: Record, speaker, claim: Claim) -> bool:
    """Whether the claim refers to what the speaker said: "what Konashenkov said", "the ministry's claims"."""
    start, end = claim.content.span
    content = record.article.text[max(0, start - 5) : end]
    names = {m.text for m in speaker.mentions if start <= m.span[0] < end}
    return any(
        re.search(pattern.format(name=re.escape(name)), content, re.IGNORECASE)
        for name in names
        for pattern in ANSWER_PATTERNS
    )


DEFINITE_PLACE = re.compile(r"\bthe (?:city|town|village|settlement)\b", re.IGNORECASE)


def _places(record: Record, span: tuple[int, int]) -> set[str]:
    """The specific places (towns, villages, sites: geo-precision 1 or 2) named inside a span, leaving out those the
    article also uses for a government ("Moscow said"): they are too often the speaker, not the subject. "The city"
    in the span stands for the last such place named before it."""
    metonyms = {p.name for p in record.places if p.role == "metonym"}
    specific = [
        p for p in record.places if p.role == "location" and p.precision in (1, 2) and p.name and p.name not in metonyms
    ]
    names = {p.name for p in specific for m in p.mentions if span[0] <= m.span[0] < span[1]}
    if DEFINITE_PLACE.search(record.article.text[span[0] : span[1]]):
        before = [
            (m.span[0], p.name)
            for p in specific
            if p.feature in ("city", "locality")
            for m in p.mentions
            if m.span[0] < span[0]
        ]
        if before:
            names.add(max(before)[1])
    return names


def _places_around(record: Record, span: tuple[int, int]) -> set[str]:
    """The claim's specific places, or, when it names none, those of its sentence ("... near Soledar, and that
    there had been no breakthrough there")."""
    names = _places(record, span)
    if names:
        return names
    return _places(record, sentence_bounds(record.article.text, *span))


def _collectives(record: Record, span: tuple[int, int]) -> set[str]:
    """Armed forces, units and other collectives named inside a span (their codes: "UKRMIL" for 'Ukrainian troops')."""
    return {
        a.code or a.name
        for a in record.actors
        if a.kind == "collective"
        for m in a.mentions
        if span[0] <= m.span[0] < span[1]
    }
