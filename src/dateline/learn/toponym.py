"""Training the toponym decision of recognition (`places/toponym.py`).

`data/train/toponym.jsonl` holds sentences of licence-clean NER corpora with their location names marked (see
`data/train/README.md`). Training runs the geo component's recognition over them without the model, takes every
gazetteer-known name that no other source took (`Recogniser.known_name_candidates`), labels it a place when it
overlaps a marked location, and fits a binary logistic regression (scikit-learn, lbfgs, L2; "bias" is a feature)
on its feature strings. The model keeps the features seen in at least `MIN_COUNT` candidates, the weights rounded
to six decimals, and cross-validated precision and recall of `place` (folds by sentence).

>>> model = train()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from . import binary_model, binary_rates, fit_binary, out_of_fold, read_jsonl

TRAINING_FILES = ("train/toponym.jsonl", "train/toponym_invented.jsonl")
PUBLISHED = dt.date(2023, 6, 1)  # the labels do not depend on the date
MIN_COUNT = 3
C = 0.5
FOLDS = 5
THRESHOLD = 0.35


def candidates(sentences: list[dict]) -> Iterator[tuple[dict, tuple[int, int], list[str]]]:
    """Each leftover gazetteer-known name of each sentence: (sentence, character span, feature strings)."""
    from ..components.base import gazetteer_loader
    from ..components.geo import GeoComponent
    from ..nlp import load_pipeline, make_docs
    from ..places.recognise import Recogniser

    nlp = load_pipeline(components=())  # spaCy's own pipeline: the candidates must not depend on the shipped model
    geo = GeoComponent(nlp, toponym="", gazetteer=gazetteer_loader()())
    geo.initialize(nlp=nlp)
    recogniser = Recogniser(geo.gazetteer, geo.words, geo.max_candidates, word_classes=geo.word_classes)
    texts = ((s["text"], PUBLISHED) for s in sentences)
    for sentence, doc in zip(sentences, nlp.pipe(make_docs(nlp, texts), batch_size=64)):
        for span, _entries, names in recogniser.known_name_candidates(recogniser.found_by_rules(doc)):
            yield sentence, (span.start_char, span.end_char), names


def labelled_examples(sentences: list[dict]) -> tuple[list[list[str]], list[bool], list[str], Counter]:
    rows, labels, groups = [], [], []
    tally: Counter = Counter()
    for sentence, (start, end), names in candidates(sentences):
        rows.append(names)
        labels.append(any(s < end and start < e for s, e in sentence["locations"]))
        groups.append(sentence["id"])
        tally[sentence["source"].split("/")[0]] += 1
    tally["sentences"] = len(sentences)
    return rows, labels, groups, tally


def cross_validate(rows: list[list[str]], labels: list[bool], groups: list[str], seed: int) -> dict:
    """Precision, recall and F1 of `place` at the threshold, and accuracy, over folds that keep sentences whole."""
    predicted = [p >= THRESHOLD for p in out_of_fold(rows, labels, groups, seed, C, MIN_COUNT, FOLDS)]
    rates = binary_rates(labels, predicted)
    return {"place": {k: rates[k] for k in ("p", "r", "f1")}, "accuracy": rates["accuracy"]}


def train(seed: int = 0) -> dict:
    """Fit the decision on every leftover candidate of the training file; the model as JSON values."""
    rows, labels, groups, tally = labelled_examples([r for name in TRAINING_FILES for r in read_jsonl(name)])
    vocab, classifier = fit_binary(rows, labels, seed, C, MIN_COUNT)
    return binary_model(
        vocab,
        classifier,
        threshold=THRESHOLD,
        c=C,
        data={**dict(sorted(tally.items())), "places": sum(labels), "not_places": len(labels) - sum(labels)},
        cross_validation={"folds": FOLDS, "by": "sentence", **cross_validate(rows, labels, groups, seed)},
    )


__all__ = ["TRAINING_FILES", "candidates", "train"]
