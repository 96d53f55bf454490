"""Training the PLOVER type decision of the events component (`events/plover_type.py`).

Each training sentence names one act and its PLOVER type: `trigger` gives the act's characters, or is null when
the sentence is labelled as a whole (then the sentence's only trigger word the lexicon knows is labelled, and a
sentence with several is left out). A trigger word the lexicon knows inside the act's characters is an example
with the lexicon's type as a feature; when the lexicon knows none, the act's head word is one with no lexicon
type, so the model also learns from acts the lexicon misses. A multinomial logistic regression (scikit-learn,
lbfgs, L2) is fitted on all of them; `MARGINS` are tried on folds by sentence and the one with the best
cross-validated accuracy is kept: the model's type replaces the lexicon's only when it is likelier by that much.

>>> model = train()  # doctest: +SKIP
>>> model["margin"]  # doctest: +SKIP
0.1
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..events.plover_type import PLOVER_TYPES, features
from . import matrix, multiclass_model, read_jsonl, vocabulary

TRAINING_FILES = ("train/plover_type.jsonl", "train/plover_invented.jsonl")
MIN_COUNT = 2
C = 1.0
FOLDS = 5
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


def read_sentences() -> list[dict]:
    return [row for name in TRAINING_FILES for row in read_jsonl(name)]


def examples(sentences: list[dict]) -> Iterator[tuple[dict, list[str], str | None]]:
    """(sentence, feature strings, lexicon type) of each trigger the sentence labels."""
    from ..components.events import EventsComponent
    from ..nlp import load_pipeline

    nlp = load_pipeline(components=())
    lexicon = EventsComponent(nlp, eventness="", anchor="", place="", plover_type="")
    for row, doc in zip(sentences, nlp.pipe((r["text"] for r in sentences), batch_size=64)):
        keyed = [(t, key) for t in doc if (key := lexicon.trigger_key(t)) is not None]
        if row.get("trigger") is None:
            if len(keyed) == 1:
                token, key = keyed[0]
                yield row, features(token, key, lexicon.triggers[key]["plover"]), lexicon.triggers[key]["plover"]
            continue
        start, end = row["trigger"]
        inside = [(t, key) for t, key in keyed if start <= t.idx < end]
        for token, key in inside:
            yield row, features(token, key, lexicon.triggers[key]["plover"]), lexicon.triggers[key]["plover"]
        span = doc.char_span(start, end, alignment_mode="expand")
        if not inside and span is not None:
            yield row, features(span.root, span.root.lemma_.lower(), None), None


def fit(rows: list[list[str]], labels: list[str], seed: int):
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(rows, MIN_COUNT)
    classifier = LogisticRegression(C=C, max_iter=3000, random_state=seed)
    return vocab, classifier.fit(matrix(rows, vocab), [PLOVER_TYPES.index(label) for label in labels])


def out_of_fold(rows: list[list[str]], labels: list[str], groups: list[str], seed: int) -> list[dict[str, float]]:
    """Each example's type probabilities from the model trained on the folds that leave its sentence out."""
    from sklearn.model_selection import GroupKFold

    probabilities: list[dict[str, float]] = [{} for _ in rows]
    for train_idx, test_idx in GroupKFold(n_splits=FOLDS).split(rows, labels, groups):
        vocab, classifier = fit([rows[i] for i in train_idx], [labels[i] for i in train_idx], seed)
        names = [PLOVER_TYPES[c] for c in classifier.classes_]
        for i, probs in zip(test_idx, classifier.predict_proba(matrix([rows[i] for i in test_idx], vocab))):
            probabilities[i] = dict(zip(names, probs.tolist()))
    return probabilities


def choose(probs: dict[str, float], rule: str | None, margin: float) -> str:
    """`PloverTypeModel.choose`, for an example that may have no lexicon type (then the likeliest)."""
    best = max(probs, key=probs.__getitem__)
    if rule is None:
        return best
    return best if best != rule and probs[best] - probs.get(rule, 0.0) >= margin else rule


def accuracy(labels: list[str], predicted: list[str]) -> float:
    return round(sum(g == p for g, p in zip(labels, predicted)) / max(len(labels), 1), 4)


def train(seed: int = 0) -> dict:
    """Fit the type model on every labelled trigger; the margin by cross-validation; the model as JSON values."""
    sentences = read_sentences()
    found = list(examples(sentences))
    rows = [names for _, names, _ in found]
    labels = [row["plover"] for row, _, _ in found]
    rules = [rule for _, _, rule in found]
    groups = [row["id"] for row, _, _ in found]
    probabilities = out_of_fold(rows, labels, groups, seed)
    known = [i for i, rule in enumerate(rules) if rule is not None]
    by_margin = {
        margin: accuracy([labels[i] for i in known], [choose(probabilities[i], rules[i], margin) for i in known])
        for margin in MARGINS
    }
    margin = max(MARGINS, key=lambda m: (by_margin[m], m))
    vocab, classifier = fit(rows, labels, seed)
    return multiclass_model(
        PLOVER_TYPES,
        vocab,
        classifier,
        margin=margin,
        trainer={"algorithm": "LogisticRegression(lbfgs, L2, multinomial)", "C": C, "min_count": MIN_COUNT},
        data={
            "sentences": len(sentences),
            "examples": len(rows),
            "without_lexicon_type": len(rows) - len(known),
            "lexicon_type_right": sum(labels[i] == rules[i] for i in known),
            "label_counts": dict(sorted(Counter(labels).items())),
        },
        cross_validation={
            "folds": FOLDS,
            "by": "sentence",
            "lexicon_accuracy": accuracy([labels[i] for i in known], [rules[i] for i in known]),
            "accuracy_by_margin": {str(m): a for m, a in by_margin.items()},
        },
    )


__all__ = ["TRAINING_FILES", "examples", "read_sentences", "train"]
