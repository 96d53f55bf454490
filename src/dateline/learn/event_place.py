"""Training the event place chooser of the events component (`events/place.py`).

`data/train/event_place.jsonl` labels the events the pipeline finds in the invented whole articles (those of
`train/eventness_articles.jsonl` and `train/anchor_articles.jsonl`) with the place where each happened, as
written in the article (`place`, or null when the text does not say), and how the text gives it (`where`:
sentence, earlier, acting_state, target_state, none). Training runs the pipeline over the articles with the
rules (no place model), lists every event's candidate places (`EventsComponent.place_candidates`), pairs the
event with its label by span and marks each candidate right when it is the labelled place (by a mention's text
or the place's name). A binary logistic regression (scikit-learn, lbfgs, L2; "bias" is a feature) is fitted on
the candidates' feature strings; the model keeps the features seen in at least `MIN_COUNT` candidates, the
weights rounded to six decimals, and the cross-validated accuracy of the events' places (folds by article) next
to the rule's.

>>> model = train()  # doctest: +SKIP
>>> model["threshold"]  # doctest: +SKIP
0.5
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from . import binary_model, fit_binary, out_of_fold, read_jsonl

TRAINING_FILES = ("train/event_place.jsonl", "train/eventness_articles.jsonl", "train/anchor_articles.jsonl")
MIN_COUNT = 2
C = 1.0
FOLDS = 5
THRESHOLD = 0.4


def read_articles() -> list[dict]:
    """The invented articles whose events are labelled: id, published, text."""
    return read_jsonl(TRAINING_FILES[1]) + read_jsonl(TRAINING_FILES[2])


def labelled_events(articles: list[dict]) -> Iterator[tuple[dict, list, list[bool] | None, int | None]]:
    """Each event with its candidates: (article, candidates, (which candidates are the labelled place, whether the
    label has no place), "unknown" when the labelled place is none the pipeline found, or None when the event
    has no label or is no event; and the rule's pick's position or None)."""
    from ..components.base import PLACES
    from ..components.events import EventsComponent
    from ..events.place import rule_choice
    from ..nlp import DEFAULT_COMPONENTS, load_pipeline, process

    labels = {(r["article"], tuple(r["span"])): r for r in read_jsonl(TRAINING_FILES[0])}
    nlp = load_pipeline(components=tuple(c for c in DEFAULT_COMPONENTS if c != "dateline_events"))
    rules = EventsComponent(nlp, place="")
    texts = ((a["text"], dt.date.fromisoformat(a["published"])) for a in articles)
    for article, doc in zip(articles, process(nlp, texts)):
        events, tokens = rules.mentions(doc)
        places = doc._.get(PLACES)
        for event, candidates in rules.place_candidates(doc, events, tokens):
            label = labels.get((article["id"], tuple(event.span)))
            rule = rule_choice(candidates)
            pick = next((i for i, c in enumerate(candidates) if c is rule), None)
            if label is None or label.get("not_event"):
                yield article, candidates, None, pick
                continue
            if label["place"] and not any(_is_place(place, label["place"]) for place in places):
                yield article, candidates, "unknown", pick  # a town the gazetteer lacks: no choice can be right
                continue
            marks = [_is_place(places[c.index], label["place"]) for c in candidates]
            yield article, candidates, (marks, not label["place"]), pick


def _is_place(place, name: str | None) -> bool:
    if not name:
        return False
    name = name.casefold()
    return (place.name or "").casefold() == name or any(m.text.casefold() == name for m in place.mentions)


def examples(articles: list[dict]) -> tuple[list[list[str]], list[bool], list[str], list[dict], Counter]:
    """Candidate feature strings and labels, their article ids, the labelled events (for scoring choices)."""
    from ..events.place import fallback_choice

    rows, right, groups, events = [], [], [], []
    tally: Counter = Counter()
    for article, candidates, labelled, pick in labelled_events(articles):
        if labelled is None or labelled == "unknown":
            tally["events_without_label" if labelled is None else "place_not_found_in_text"] += 1
            continue
        marks, unplaced = labelled
        tally["events"] += 1
        tally["no_place" if unplaced else "place_among_candidates" if any(marks) else "place_not_among_candidates"] += 1
        first = len(rows)
        for candidate, mark in zip(candidates, marks):
            rows.append(candidate.features)
            right.append(mark)
            groups.append(article["id"])
        named = any(c.kind == "mention" for c in candidates)
        fallback = fallback_choice(candidates)
        events.append(
            {
                "rows": range(first, len(rows)),
                "marks": marks,
                "unplaced": unplaced,
                "rule": pick,
                "named": named,
                "fallback": next((i for i, c in enumerate(candidates) if c is fallback), None),
            }
        )
    return rows, right, groups, events, tally


def fit(rows: list[list[str]], labels: list[bool], seed: int):
    return fit_binary(rows, labels, seed, C, MIN_COUNT)


def choice_accuracy(events: list[dict], probability: list[float], threshold: float) -> float:
    """The share of events whose chosen candidate (the model's when sure enough, else the fallback's) is the
    labelled place (or none is chosen when none is)."""
    good = 0
    for event in events:
        scores = [probability[i] for i in event["rows"]]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i)) if scores else None
        chosen = best if best is not None and scores[best] >= threshold else event["fallback"]
        good += event["marks"][chosen] if chosen is not None else event["unplaced"]
    return round(good / max(len(events), 1), 4)


def rule_accuracy(events: list[dict]) -> float:
    """The same share for the rule: the sentence's location, else the place of the event just before."""
    good = sum(e["marks"][e["rule"]] if e["rule"] is not None else e["unplaced"] for e in events)
    return round(good / max(len(events), 1), 4)


def cross_validate(rows, labels, groups, events, seed: int) -> dict:
    """Accuracy of the events' places over folds that keep articles whole, the model's and the rule's: over all
    events, and over those whose sentence names no location (where the component asks the model), there also of
    the fallback alone."""
    probability = out_of_fold(rows, labels, groups, seed, C, MIN_COUNT, FOLDS)
    unnamed = [e for e in events if not e["named"]]
    return {
        "accuracy": choice_accuracy(events, probability, THRESHOLD),
        "rule": rule_accuracy(events),
        "unnamed_events": len(unnamed),
        "unnamed_accuracy": choice_accuracy(unnamed, probability, THRESHOLD),
        "unnamed_rule": rule_accuracy(unnamed),
        "unnamed_fallback": choice_accuracy(unnamed, [0.0] * len(rows), 1.0),
    }


def train(seed: int = 0) -> dict:
    """Fit the chooser on every candidate of every labelled event; the model as JSON values."""
    rows, labels, groups, events, tally = examples(read_articles())
    vocab, classifier = fit(rows, labels, seed)
    return binary_model(
        vocab,
        classifier,
        threshold=THRESHOLD,
        c=C,
        data={**dict(sorted(tally.items())), "candidates": len(rows), "right": sum(labels)},
        cross_validation={"folds": FOLDS, "by": "article", **cross_validate(rows, labels, groups, events, seed)},
    )


__all__ = ["TRAINING_FILES", "labelled_events", "read_articles", "train"]
