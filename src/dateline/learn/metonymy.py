"""Training the metonymy decision of the geo component (`places/metonymy.py`).

`data/train/metonymy.jsonl` and `metonymy_objects.jsonl` hold short passages, each with a label for every country
and city name in it (`actor`: the name stands for the state; `location`: the place; see `data/train/README.md`).
Training runs the pipeline's recognition and resolution of places over the passages, takes every resolved country
or city mention, pairs it with a labelled name by offset and fits a binary logistic regression (scikit-learn,
lbfgs, L2; "bias" is a feature) on its feature strings. The model keeps the features seen in at least `MIN_COUNT`
mentions, the weights rounded to six decimals, and cross-validated precision and recall of `actor` (folds by
passage).

>>> model = train()  # doctest: +SKIP
>>> model["threshold"]  # doctest: +SKIP
0.5
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator

from . import binary_model, binary_rates, fit_binary, out_of_fold, read_jsonl

TRAINING_FILES = ("train/metonymy.jsonl", "train/metonymy_objects.jsonl")
PUBLISHED = dt.date(2023, 6, 1)  # the labels do not depend on the date
MIN_COUNT = 2
C = 1.0
FOLDS = 5
THRESHOLD = 0.5


def read_passages() -> list[dict]:
    """The labelled passages of the training files."""
    return [passage for name in TRAINING_FILES for passage in read_jsonl(name)]


def candidates(passages: Iterable[dict]) -> Iterator[tuple[dict, tuple[int, int], list[str]]]:
    """Each country or city mention of each passage: (passage, character span, feature strings)."""
    from ..nlp import load_pipeline, make_docs
    from ..places.resolve import Resolver

    nlp = load_pipeline(components=("dateline_geo",))
    geo = nlp.get_pipe("dateline_geo")  # the rules decide there: its `metonymy` is ""
    passages = list(passages)
    texts = ((p["text"], PUBLISHED) for p in passages)
    for passage, doc in zip(passages, nlp.pipe(make_docs(nlp, texts), batch_size=64)):
        mentions = geo.mentions(doc)
        resolver = Resolver(geo.gazetteer, geo.words, geo.min_score)
        resolver.choose(mentions)
        resolver.fall_back(mentions)
        for mention in mentions:
            if mention.role_hint is None and resolver.may_be_metonym(mention):
                start, end = mention.chars or (mention.span.start_char, mention.span.end_char)
                yield passage, (start, end), resolver.metonymy_features(mention)


def labelled_examples(passages: list[dict]) -> tuple[list[list[str]], list[bool], list[str], Counter]:
    """Feature strings, labels (actor or not) and passage ids of the mentions that pair with a labelled name."""
    rows, labels, groups = [], [], []
    tally: Counter = Counter()
    for passage, (start, end), names in candidates(passages):
        label = next((m["label"] for m in passage["mentions"] if m["start"] < end and start < m["end"]), None)
        if label is None:
            tally["mention_without_label"] += 1
            continue
        rows.append(names)
        labels.append(label == "actor")
        groups.append(passage["id"])
    tally["labelled_names"] = sum(len(p["mentions"]) for p in passages)
    tally["paired"] = len(rows)
    return rows, labels, groups, tally


def fit(rows: list[list[str]], labels: list[bool], seed: int):
    return fit_binary(rows, labels, seed, C, MIN_COUNT)


def cross_validate(rows: list[list[str]], labels: list[bool], groups: list[str], seed: int) -> dict:
    """Precision, recall and F1 of `actor` at the threshold, and accuracy, over folds that keep passages whole."""
    predicted = [p >= THRESHOLD for p in out_of_fold(rows, labels, groups, seed, C, MIN_COUNT, FOLDS)]
    rates = binary_rates(labels, predicted)
    return {"actor": {k: rates[k] for k in ("p", "r", "f1")}, "accuracy": rates["accuracy"]}


def train(seed: int = 0) -> dict:
    """Fit the decision on every paired mention of the training file; the model as JSON values."""
    rows, labels, groups, tally = labelled_examples(read_passages())
    vocab, classifier = fit(rows, labels, seed)
    return binary_model(
        vocab,
        classifier,
        threshold=THRESHOLD,
        c=C,
        data={**dict(sorted(tally.items())), "actors": sum(labels), "locations": len(labels) - sum(labels)},
        cross_validation={"folds": FOLDS, "by": "passage", **cross_validate(rows, labels, groups, seed)},
    )


__all__ = ["TRAINING_FILES", "candidates", "read_passages", "train"]
