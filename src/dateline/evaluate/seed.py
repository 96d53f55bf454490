"""A hand-annotated article (the `dateline-gold/1` format) scored part by part.

Each gold item names an `evidence` substring of the article (its first
occurrence); the gold file's `matching` section says how a predicted item
matches it, and this module implements exactly those rules. Matching is one
to one. Keys, for each part in places, times, actors, claims, events, counts,
contradictions: `<part>_found`, `<part>_gold`, `<part>_spurious` (predicted
items that match no gold item).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError, Errors
from ..schema import Record
from .metrics import Span, haversine_km, match_one_to_one, overlaps

PARTS = ("places", "times", "actors", "claims", "events", "counts", "contradictions")


@dataclass
class SeedPrediction:
    """What the pipeline said about the article, in the form the scorer reads."""

    record: Record
    sentences: list[Span]
    contradictions: list[tuple[int, int]] = field(default_factory=list)


def load_gold(path: str) -> tuple[dict, str]:
    """The gold annotation and the article text it indexes (read from the gold's `article.file`)."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        article_file = Path(path).resolve().parent.parent / gold["article"]["file"]
    except (OSError, ValueError, KeyError) as err:
        raise EvalError(Errors.E401.format(path=path, reason=err)) from None
    from ..read import read_text

    article = next(read_text(article_file.read_bytes(), str(article_file), None))
    return gold, article.text


def predict(path: str) -> tuple[dict, str, SeedPrediction]:
    from ..nlp import load_pipeline
    from ..pipeline import extract_articles
    from ..read import make_article

    gold, text = load_gold(path)
    published = dt.date.fromisoformat(gold["article"]["published"])
    article = make_article(id=gold["article"]["id"], text=text, published=published)
    record = next(extract_articles([article]))
    nlp = load_pipeline()
    with nlp.select_pipes(enable=["tok2vec", "parser"]):  # sentence boundaries only
        sentences = [(s.start_char, s.end_char) for s in nlp(text).sents]
    pairs = [(i, d.claim) for i, claim in enumerate(record.claims) for d in claim.contradicts if i < d.claim]
    return gold, text, SeedPrediction(record, sentences, pairs)


def locate(text: str, evidence: str) -> Span | None:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def normalise_name(name: str | None) -> str:
    return " ".join(re.findall(r"\w+", (name or "").lower()))


def score(gold: dict, text: str, pred: SeedPrediction) -> dict:
    """Found, gold and spurious counts for every part."""
    record = pred.record
    places_by_name = {p["name"]: p for p in gold.get("places", [])}
    actors_by_name = {a["name"]: a for a in gold.get("actors", [])}
    span_of = lambda item: locate(text, item["evidence"])  # noqa: E731

    def place_ok(g: dict, p) -> bool:
        span = span_of(g)
        return bool(span and any(overlaps(span, s) for s in [p.span, *(m.span for m in p.mentions)]) and _within(g, p))

    def time_ok(g: dict, p) -> bool:
        span = span_of(g)
        return bool(span and overlaps(span, p.span) and p.value == g["value"])

    def actor_ok(g: dict, p) -> bool:
        span = span_of(g)
        spans = [p.span, *(m.span for m in p.mentions)]
        return bool(span and any(overlaps(span, s) for s in spans) and p.country == g.get("country") and p.sector == g.get("sector"))

    def count_ok(g: dict, p) -> bool:
        span = span_of(g)
        return bool(span and overlaps(span, p.span) and float(p.value) == float(g["value"]))

    def claim_ok(g: dict, p) -> bool:
        span = span_of(g)
        return bool(span and overlaps(span, p.content.span) and _same_speaker(g["speaker"], p, record, actors_by_name, text))

    def event_ok(g: dict, p) -> bool:
        trigger = locate(text, g["trigger"])
        sentence = next((s for s in pred.sentences if trigger and s[0] <= trigger[0] < s[1]), None)
        if sentence is None or not sentence[0] <= p.span[0] < sentence[1]:
            return False
        if g.get("plover") is not None and p.plover != g["plover"]:
            return False
        if g.get("plover") is None and p.plover is not None:
            return False
        if g.get("place") and not _event_place_ok(g, p, record, places_by_name):
            return False
        return not g.get("date") or _same_date(g["date"], g.get("date_precision"), p.date)

    claims_gold = gold.get("claims", [])
    claim_pairs = match_one_to_one(claims_gold, record.claims, _as_score(claim_ok))
    gold_id_of_pred = {pi: claims_gold[gi]["id"] for gi, pi in claim_pairs}

    def contradiction_ok(g: dict, p: tuple[int, int]) -> bool:
        return {gold_id_of_pred.get(p[0]), gold_id_of_pred.get(p[1])} == set(g["claims"])

    checks: dict[str, tuple[Sequence, Callable]] = {
        "places": (record.places, place_ok),
        "times": (record.times, time_ok),
        "actors": (record.actors, actor_ok),
        "claims": (record.claims, claim_ok),
        "events": (record.events, event_ok),
        "counts": (record.counts, count_ok),
        "contradictions": (pred.contradictions, contradiction_ok),
    }
    result: dict[str, int] = {}
    for part in PARTS:
        predicted, ok = checks[part]
        gold_items = gold.get(part, [])
        pairs = claim_pairs if part == "claims" else match_one_to_one(gold_items, predicted, _as_score(ok))
        result[f"{part}_found"] = len(pairs)
        result[f"{part}_gold"] = len(gold_items)
        result[f"{part}_spurious"] = len(predicted) - len(pairs)
    return result


def _as_score(ok: Callable[[dict, object], bool]) -> Callable[[dict, object], float]:
    return lambda g, p: 1.0 if ok(g, p) else 0.0


def _within(g: dict, p) -> bool:
    if g.get("lat") is None or p.lat is None or p.lon is None:
        return False
    return haversine_km(g["lat"], g["lon"], p.lat, p.lon) <= g.get("tol_km", 25)


def _same_speaker(name: str, claim, record: Record, actors_by_name: dict, text: str) -> bool:
    gold_actor = actors_by_name.get(name)
    gold_span = locate(text, gold_actor["evidence"]) if gold_actor else None
    spans = [claim.speaker.span] if claim.speaker else []
    names = [claim.speaker.text] if claim.speaker else []
    if claim.speaker_actor is not None and claim.speaker_actor < len(record.actors):
        actor = record.actors[claim.speaker_actor]
        spans += [actor.span, *(m.span for m in actor.mentions)]
        names += [actor.name, actor.acled_name or ""]
    if gold_span and any(overlaps(gold_span, s) for s in spans):
        return True
    return normalise_name(name) in {normalise_name(n) for n in names}


def _event_place_ok(g: dict, p, record: Record, places_by_name: dict) -> bool:
    if p.place is None or p.place >= len(record.places):
        return False
    place = record.places[p.place]
    candidates = [places_by_name.get(g["place"]), places_by_name.get(g.get("place_fallback") or "")]
    return any(c is not None and _within(c, place) for c in candidates)


def _same_date(gold: str, precision: str | None, predicted: str | None) -> bool:
    if not predicted:
        return False
    if precision == "week":
        return _iso_week(gold) is not None and _iso_week(gold) == _iso_week(predicted)
    width = {"day": 10, "month": 7, "year": 4}.get(precision or "")
    return predicted[:width] == gold[:width] if width else predicted == gold


def _iso_week(value: str) -> tuple[int, int] | None:
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        return int(week.group(1)), int(week.group(2))
    try:
        year, number, _ = dt.date.fromisoformat(value[:10]).isocalendar()
    except ValueError:
        return None
    return year, number


def evaluate(path: str, limit: int | None = None) -> dict:
    gold, text, pred = predict(path)
    return score(gold, text, pred)
