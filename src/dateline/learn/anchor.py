"""Training the date anchor of the events component (`events/anchor.py`).

`data/train/anchor.jsonl` labels event triggers of invented whole articles (those of
`train/eventness_articles.jsonl` and `train/anchor_articles.jsonl`) with the day an analyst would code for the
event (`date`, or null when neither candidate is it). Training runs the pipeline over the articles with the
rules (the earlier date always, no eventness model: that model trains on the dates this one gives), takes every
trigger that no time expression or claim dates and for which an earlier day differs from the article date
(`choices`), pairs it with its label by span, and marks it right when the label is the earlier day and wrong
when it is the article date (other labels are left out). A binary logistic regression (scikit-learn, lbfgs,
L2; "bias" is a feature) is fitted on the feature strings; the model keeps the features seen in at least
`MIN_COUNT` choices, the weights rounded to six decimals, and the cross-validated accuracy (folds by article)
next to the accuracy of always taking the earlier day.

>>> model = train()  # doctest: +SKIP
>>> model["threshold"]  # doctest: +SKIP
0.5
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from . import binary_model, binary_rates, fit_binary, out_of_fold, read_jsonl

TRAINING_FILES = ("train/anchor.jsonl", "train/eventness_articles.jsonl", "train/anchor_articles.jsonl")
MIN_COUNT = 2
C = 1.0
FOLDS = 5
THRESHOLD = 0.5


def read_articles() -> list[dict]:
    """The invented articles whose triggers are labelled: id, published, text."""
    return read_jsonl(TRAINING_FILES[1]) + read_jsonl(TRAINING_FILES[2])


def choices(articles: list[dict]) -> Iterator[tuple[dict, tuple[int, int], str, str, list[str]]]:
    """Each trigger with a choice: (article, trigger span, earlier day, article day, feature strings)."""
    from ..components.base import PUBLISHED, TIMES, doc_text
    from ..components.events import EventsComponent
    from ..events.anchor import features, later_for_past
    from ..nlp import DEFAULT_COMPONENTS, load_pipeline, process

    nlp = load_pipeline(components=tuple(c for c in DEFAULT_COMPONENTS if c != "dateline_events"))
    rules = EventsComponent(nlp, eventness="", anchor="")  # no other model: eventness trains on the anchor's dates
    texts = ((a["text"], dt.date.fromisoformat(a["published"])) for a in articles)
    for article, doc in zip(articles, process(nlp, texts)):
        times, published, text = doc._.get(TIMES), doc._.get(PUBLISHED), doc_text(doc)
        seen = set()
        for token, event, _ in rules.candidates(doc):
            index = rules.anchor_choice(doc, token)
            if index is None or event.span in seen:
                continue
            seen.add(event.span)
            if later_for_past(token, times[index], published):  # never the trigger's date: no choice
                continue
            names = features(doc, text, token, times[index], published)
            yield article, tuple(event.span), times[index].value, published.isoformat(), names


def labelled_examples(articles: list[dict]) -> tuple[list[list[str]], list[bool], list[str], Counter]:
    """Feature strings, labels (the earlier day is right) and article ids of the labelled choices."""
    labels = {(r["article"], tuple(r["span"])): r["date"] for r in read_jsonl(TRAINING_FILES[0])}
    rows, right, groups = [], [], []
    tally: Counter = Counter()
    for article, span, earlier, published, names in choices(articles):
        key = (article["id"], span)
        if key not in labels:
            tally["choice_without_label"] += 1
            continue
        date = labels.pop(key)
        if date not in (earlier, published):
            tally["label_neither"] += 1
            continue
        rows.append(names)
        right.append(date == earlier)
        groups.append(article["id"])
    tally["label_without_choice"] = len(labels)
    return rows, right, groups, tally


def fit(rows: list[list[str]], labels: list[bool], seed: int):
    return fit_binary(rows, labels, seed, C, MIN_COUNT)


def cross_validate(rows: list[list[str]], labels: list[bool], groups: list[str], seed: int) -> dict:
    """Accuracy of the choice over folds that keep articles whole, and of always taking the earlier day."""
    predicted = [p >= THRESHOLD for p in out_of_fold(rows, labels, groups, seed, C, MIN_COUNT, FOLDS)]
    accuracy = binary_rates(labels, predicted)["accuracy"]
    return {"accuracy": accuracy, "always_earlier": round(sum(labels) / max(len(labels), 1), 4)}


def train(seed: int = 0) -> dict:
    """Fit the anchor on every labelled choice; the model as JSON values."""
    rows, labels, groups, tally = labelled_examples(read_articles())
    vocab, classifier = fit(rows, labels, seed)
    return binary_model(
        vocab,
        classifier,
        threshold=THRESHOLD,
        c=C,
        data={**dict(sorted(tally.items())), "earlier": sum(labels), "article": len(labels) - sum(labels)},
        cross_validation={"folds": FOLDS, "by": "article", **cross_validate(rows, labels, groups, seed)},
    )


__all__ = ["TRAINING_FILES", "choices", "read_articles", "train"]
