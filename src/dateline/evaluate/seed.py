"""A hand-annotated article (the `dateline-gold/1` format) scored part by part.

Each gold item names an `evidence` substring of the article (its first
occurrence); the gold file's `matching` section says how a predicted item
matches it, and this module implements exactly those rules (`match`; the
`articles` task uses it for every gold file). Matching is one
to one. Keys, for each part in places, times, actors, claims, events, counts,
contradictions: `<part>_found`, `<part>_gold`, `<part>_spurious` (predicted
items that match no gold item).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, EvalError, ReadError
from ..schema import Record
from .metrics import Span, haversine_km, match_one_to_one, overlaps

PARTS = ("places", "times", "actors", "claims", "events", "counts", "contradictions")
REQUIRED = {  # what the matching rules read of each gold item
    "places": ("evidence",),
    "times": ("evidence", "value"),
    "actors": ("evidence",),
    "claims": ("id", "speaker", "evidence"),
    "events": ("trigger",),
    "counts": ("evidence", "value"),
    "contradictions": ("claims",),
}


@dataclass
class SeedPrediction:
    """What the pipeline said about the article, in the form the scorer reads."""

    record: Record
    sentences: list[Span]
    contradictions: list[tuple[int, int]] = field(default_factory=list)


def load_gold(path: str) -> tuple[dict, str]:
    """The gold annotation and the article text it indexes.

    path (str): a `dateline-gold/1` file. Its `article.file` is relative to the shared folder (the nearest
        folder above the gold file that holds it, else `shared_dir()`): a text file with a dateline header (the
        seed), or a JSONL corpus whose line with the gold's `article.id` holds the text.
    RETURNS (tuple[dict, str]): the gold and the text its evidence strings index.
    """
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        check_gold(gold)
        return gold, article_text(Path(path), gold["article"]["file"], gold["article"]["id"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ReadError) as err:
        raise EvalError(Errors.E401.format(path=path, reason=err)) from None


def check_gold(gold: dict) -> None:
    """Raise ValueError (TypeError) when a gold annotation lacks what the matching rules read (is no object)."""
    if not isinstance(gold, dict) or not isinstance(gold.get("article"), dict):
        raise TypeError("not a dateline-gold/1 object: it has no 'article' object")
    dt.date.fromisoformat(gold["article"]["published"])
    for part, keys in REQUIRED.items():
        for number, item in enumerate(gold.get(part, [])):
            missing = [k for k in keys if item.get(k) is None]
            if missing:
                raise ValueError(f"{part}[{number}] has no {', '.join(missing)}")


def article_text(gold_path: Path, name: str, article_id: str) -> str:
    """The text of `article_id` in the file `name`, looked up from the gold file's folder upwards, then in the
    shared folder ($DATELINE_SHARED, else ../shared)."""
    from . import shared_dir

    folder = next((f for f in [*gold_path.resolve().parents, shared_dir()] if (f / name).is_file()), None)
    if folder is None:
        raise ValueError(f"its article file {name!r} is in no folder above it, nor in the shared folder {shared_dir()}")
    source = folder / name
    if source.suffix == ".jsonl":
        texts = _corpus_texts(str(source))
        if article_id not in texts:
            raise ValueError(f"article {article_id!r} is not in {source}")
        return texts[article_id]
    from ..read import read_text

    return next(read_text(source.read_bytes(), str(source), None)).text


@functools.lru_cache(maxsize=4)
def _corpus_texts(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as handle:
        rows = (json.loads(line) for line in handle if line.strip())
        return {str(row["id"]): row["text"] for row in rows}


def predict(path: str) -> tuple[dict, str, SeedPrediction]:
    """Gold, text and the pipeline's prediction for one gold file."""
    gold, text = load_gold(path)
    return gold, text, predict_all([(gold, text)])[0]


def predict_all(golds: Sequence[tuple[dict, str]]) -> list[SeedPrediction]:
    """The pipeline's prediction for each (gold, text), all articles in one `nlp.pipe` run.

    golds (Sequence[tuple[dict, str]]): as `load_gold` returns them.
    RETURNS (list[SeedPrediction]): in the same order.
    """
    from ..nlp import load_pipeline
    from .corpus import extract

    records = list(extract((g["article"]["id"], t, dt.date.fromisoformat(g["article"]["published"])) for g, t in golds))
    nlp = load_pipeline()
    with nlp.select_pipes(enable=["tok2vec", "parser"]):  # sentence boundaries only
        docs = nlp.pipe(t for _, t in golds)
        sentences = [[(s.start_char, s.end_char) for s in doc.sents] for doc in docs]
    return [SeedPrediction(r, s, contradiction_pairs(r)) for r, s in zip(records, sentences)]


def contradiction_pairs(record: Record) -> list[tuple[int, int]]:
    """The record's contradicting claims as (lower, higher) claim index pairs."""
    return [(i, d.claim) for i, claim in enumerate(record.claims) for d in claim.contradicts if i < d.claim]


def locate(text: str, evidence: str) -> Span | None:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def normalise_name(name: str | None) -> str:
    return " ".join(re.findall(r"\w+", (name or "").lower()))


def score(gold: dict, text: str, pred: SeedPrediction, place_roles: Collection[str] | None = None) -> dict:
    """Found, gold and spurious counts for every part.

    place_roles (Collection[str] | None): when given, only predicted places with one of these roles are scored.
    RETURNS (dict): `<part>_found`, `<part>_gold`, `<part>_spurious` for each part in PARTS.
    """
    result: dict[str, int] = {}
    for part, (gold_items, predicted, pairs) in match(gold, text, pred, place_roles).items():
        result[f"{part}_found"] = len(pairs)
        result[f"{part}_gold"] = len(gold_items)
        result[f"{part}_spurious"] = len(predicted) - len(pairs)
    return result


Matched = tuple[list, Sequence, list[tuple[int, int]]]


def match(
    gold: dict, text: str, pred: SeedPrediction, place_roles: Collection[str] | None = None
) -> dict[str, Matched]:
    """Match every part one to one by the gold file's rules (the one implementation `seed` and `articles` share).

    place_roles (Collection[str] | None): when given, only predicted places with one of these roles are matched.

    RETURNS (dict[str, Matched]): part -> (gold items, predicted items, (gold index, predicted index) pairs).
    """
    checks = _checks(gold, text, pred)
    if place_roles is not None:
        checks["places"] = ([p for p in pred.record.places if p.role in place_roles], checks["places"][1])
    claims_gold = gold.get("claims", [])
    claim_pairs = match_one_to_one(claims_gold, pred.record.claims, _as_score(checks["claims"][1]))
    gold_id_of_pred = {pi: claims_gold[gi]["id"] for gi, pi in claim_pairs}

    def contradiction_ok(g: dict, p: tuple[int, int]) -> bool:
        return {gold_id_of_pred.get(p[0]), gold_id_of_pred.get(p[1])} == set(g["claims"])

    checks["contradictions"] = (pred.contradictions, contradiction_ok)
    result: dict[str, Matched] = {}
    for part in PARTS:
        predicted, ok = checks[part]
        gold_items = gold.get(part, [])
        pairs = claim_pairs if part == "claims" else match_one_to_one(gold_items, predicted, _as_score(ok))
        result[part] = (gold_items, predicted, pairs)
    return result


def _checks(gold: dict, text: str, pred: SeedPrediction) -> dict[str, tuple[Sequence, Callable]]:
    """Part -> (predicted items, the rule saying whether a gold item and a predicted one match)."""
    record = pred.record
    places_by_name = {p["name"]: p for p in gold.get("places", [])}
    actors_by_name: dict[str, list[dict]] = {}
    for actor in gold.get("actors", []):  # a gold file may list one actor once per mention
        actors_by_name.setdefault(actor["name"], []).append(actor)
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
        return bool(
            span
            and any(overlaps(span, s) for s in spans)
            and _same(p.country, g.get("country"))
            and _same(p.sector, g.get("sector"))
        )

    def count_ok(g: dict, p) -> bool:
        span = span_of(g)
        return bool(span and overlaps(span, p.span) and float(p.value) == float(g["value"]))

    def claim_ok(g: dict, p) -> bool:
        span = span_of(g)
        return bool(
            span and overlaps(span, p.content.span) and _same_speaker(g["speaker"], p, record, actors_by_name, text)
        )

    def event_ok(g: dict, p) -> bool:
        return _event_ok(g, p, text, pred.sentences, record, places_by_name)

    return {
        "places": (record.places, place_ok),
        "times": (record.times, time_ok),
        "actors": (record.actors, actor_ok),
        "claims": (record.claims, claim_ok),
        "events": (record.events, event_ok),
        "counts": (record.counts, count_ok),
    }


def _event_ok(g: dict, p, text: str, sentences: list[Span], record: Record, places_by_name: dict) -> bool:
    trigger = locate(text, g["trigger"])
    sentence = next((s for s in sentences if trigger and s[0] <= trigger[0] < s[1]), None)
    if sentence is None or not sentence[0] <= p.span[0] < sentence[1]:
        return False
    if g.get("plover") is not None and p.plover != g["plover"]:
        return False
    if g.get("plover") is None and p.plover is not None:
        return False
    if g.get("place") and not _event_place_ok(g, p, record, places_by_name):
        return False
    return not g.get("date") or _same_date(g["date"], g.get("date_precision"), p.date)


def _as_score(ok: Callable[[dict, object], bool]) -> Callable[[dict, object], float]:
    return lambda g, p: 1.0 if ok(g, p) else 0.0


def _within(g: dict, p) -> bool:
    if g.get("lat") is None or p.lat is None or p.lon is None:
        return False
    return haversine_km(g["lat"], g["lon"], p.lat, p.lon) <= g.get("tol_km", 25)


def _same(predicted: str | None, gold: str | None) -> bool:
    """Equal codes; an empty gold code ("") is no code, as None is."""
    return (predicted or None) == (gold or None)


def _same_speaker(name: str, claim, record: Record, actors_by_name: dict[str, list[dict]], text: str) -> bool:
    gold_spans = [s for s in (locate(text, a["evidence"]) for a in actors_by_name.get(name, [])) if s]
    spans = [claim.speaker.span] if claim.speaker else []
    names = [claim.speaker.text] if claim.speaker else []
    if claim.speaker_actor is not None and claim.speaker_actor < len(record.actors):
        actor = record.actors[claim.speaker_actor]
        spans += [actor.span, *(m.span for m in actor.mentions)]
        names += [actor.name, actor.acled_name or ""]
    if any(overlaps(g, s) for g in gold_spans for s in spans):
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


def evaluate(path: str, limit: int | None = None, half: str | None = None) -> dict:
    """Score the pipeline on one gold file; with `half`, refuse a file whose article is not in it (E403)."""
    from .articles import load

    gold, text = load([path], half)[0]
    return score(gold, text, predict_all([(gold, text)])[0])
