"""Training the eventness classifier of the events component (`components/eventness.py`).

`data/train/eventness.jsonl` holds short passages, each with its publication date and a label for every
candidate mention the events rules find in it (`event`, `background` or `none`; see `data/train/README.md`).
Training runs the pipeline without the classifier over the passages, pairs each candidate with its label by the
trigger's offset, turns it into feature strings and fits a multinomial logistic regression (scikit-learn,
lbfgs, L2). The model keeps the features seen in at least `MIN_COUNT` mentions, the weights rounded to six
decimals, and cross-validated figures (folds by passage) for the record.

>>> model = train()  # doctest: +SKIP
>>> model["labels"]  # doctest: +SKIP
['event', 'background', 'none']
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator

import numpy as np

from ..components.eventness import LABELS, features
from . import matrix, multiclass_model, read_jsonl, vocabulary

TRAINING_FILES = (
    "train/eventness.jsonl",
    "train/eventness_articles.jsonl",
    "train/eventness_articles2.jsonl",
    "train/anchor_articles.jsonl",
)
MIN_COUNT = 2
C = 1.0
FOLDS = 5
NONE_THRESHOLD = 0.7


def read_passages() -> list[dict]:
    """The labelled passages of the training files (sentences and short notes, then whole articles)."""
    return [passage for name in TRAINING_FILES for passage in read_jsonl(name)]


def candidate_mentions(passages: Iterable[dict]) -> Iterator[tuple[dict, tuple[int, int], str, list[str]]]:
    """Each candidate mention of each passage: (passage, trigger span, trigger text, feature strings)."""
    from ..components.events import EventsComponent
    from ..nlp import DEFAULT_COMPONENTS, load_pipeline, make_docs

    nlp = load_pipeline(components=tuple(c for c in DEFAULT_COMPONENTS if c != "dateline_events"))
    raw = EventsComponent(nlp, eventness="", plover_type="")
    passages = list(passages)
    texts = ((p["text"], dt.date.fromisoformat(p["published"])) for p in passages)
    for passage, doc in zip(passages, nlp.pipe(make_docs(nlp, texts), batch_size=64)):
        for token, event, _ in raw.candidates(doc):
            yield passage, event.span, event.text, features(doc, token, event)


def labelled_examples(passages: list[dict]) -> tuple[list[list[str]], list[str], list[str], Counter]:
    """Feature strings, labels and passage ids of every candidate that has a label, and what did not pair up."""
    rows, labels, groups = [], [], []
    tally: Counter = Counter()
    for passage, span, _, names in candidate_mentions(passages):
        label = {tuple(m["span"]): m["label"] for m in passage["mentions"]}.get(tuple(span))
        if label is None:
            tally["candidate_without_label"] += 1
            continue
        rows.append(names)
        labels.append(label)
        groups.append(passage["id"])
    tally["labelled_mentions"] = sum(len(p["mentions"]) for p in passages)
    tally["paired"] = len(rows)
    return rows, labels, groups, tally


def fit(x: np.ndarray, y: list[str], seed: int):
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=C, max_iter=2000, random_state=seed)
    return classifier.fit(x, [LABELS.index(label) for label in y])


def cross_validate(rows: list[list[str]], labels: list[str], groups: list[str], seed: int) -> dict:
    """Per-label precision, recall and F1 over folds that keep each passage's mentions together."""
    from sklearn.model_selection import GroupKFold

    predicted = [""] * len(labels)
    splitter = GroupKFold(n_splits=FOLDS)
    for train_idx, test_idx in splitter.split(rows, labels, groups):
        vocab = vocabulary([rows[i] for i in train_idx], MIN_COUNT)
        classifier = fit(matrix([rows[i] for i in train_idx], vocab), [labels[i] for i in train_idx], seed)
        for i, probs in zip(test_idx, classifier.predict_proba(matrix([rows[i] for i in test_idx], vocab))):
            predicted[i] = decide(dict(zip([LABELS[c] for c in classifier.classes_], probs)))
    return score(labels, predicted)


def decide(probs: dict[str, float]) -> str:
    """The component's rule: `none` at or over the threshold, else the likelier of the other two."""
    if probs.get("none", 0.0) >= NONE_THRESHOLD:
        return "none"
    return "background" if probs.get("background", 0.0) > probs.get("event", 0.0) else "event"


def score(gold: list[str], predicted: list[str]) -> dict:
    result: dict = {"accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / max(len(gold), 1), 4)}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        precision, recall = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "n": n_gold}
    return result


def train(seed: int = 0) -> dict:
    """Fit the classifier on every labelled candidate of the training file; the model as JSON values."""
    rows, labels, groups, tally = labelled_examples(read_passages())
    vocab = vocabulary(rows, MIN_COUNT)
    classifier = fit(matrix(rows, vocab), labels, seed)
    return multiclass_model(
        LABELS,
        vocab,
        classifier,
        none_threshold=NONE_THRESHOLD,
        trainer={"algorithm": "LogisticRegression(lbfgs, L2)", "C": C, "min_count": MIN_COUNT},
        data={**dict(sorted(tally.items())), "label_counts": dict(sorted(Counter(labels).items()))},
        cross_validation={"folds": FOLDS, "by": "passage", **cross_validate(rows, labels, groups, seed)},
    )


__all__ = ["TRAINING_FILES", "candidate_mentions", "read_passages", "train"]
