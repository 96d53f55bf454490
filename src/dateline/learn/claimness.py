"""Training the claim filter of the claims component (`claims/claimness.py`).

`data/train/claimness.jsonl` holds short passages, each with a label for every cue word in it (`claim` or `not`;
see `data/train/README.md`). Training runs the pipeline up to the actors over the passages, finds the candidates
with the rules (`ClaimsComponent.raw_claims`), pairs each with the label of its cue word by offset and fits a
binary logistic regression (scikit-learn, lbfgs, L2; "bias" is a feature) on the candidates' feature strings.
The model keeps the features seen in at least `MIN_COUNT` candidates, the weights rounded to six decimals, and
cross-validated precision and recall of `claim` (folds by passage).

>>> model = train()  # doctest: +SKIP
>>> model["threshold"]  # doctest: +SKIP
0.5
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator

from . import binary_model, binary_rates, fit_binary, out_of_fold, read_jsonl

TRAINING_FILES = ("train/claimness.jsonl",)
MIN_COUNT = 2
C = 1.0
FOLDS = 5
THRESHOLD = 0.5


def read_passages() -> list[dict]:
    """The labelled passages of the training file."""
    return read_jsonl(TRAINING_FILES[0])


def candidates(passages: Iterable[dict]) -> Iterator[tuple[dict, tuple[int, int], list[str]]]:
    """Each candidate claim of each passage: (passage, its cue word's character span, feature strings)."""
    from ..claims.claimness import cue_head, features
    from ..components.claims import ClaimsComponent
    from ..nlp import load_pipeline, make_docs

    nlp = load_pipeline(components=("dateline_time", "dateline_geo", "dateline_actors"))
    rules = ClaimsComponent(nlp, speaker="", claimness="")
    passages = list(passages)
    texts = ((p["text"], dt.date.fromisoformat(p["published"])) for p in passages)
    for passage, doc in zip(passages, nlp.pipe(make_docs(nlp, texts), batch_size=64)):
        for source, cue, content in rules.raw_claims(doc):
            head = cue_head(cue)
            if head is not None:
                yield passage, (head.idx, head.idx + len(head)), features(source, cue, content)


def labelled_examples(passages: list[dict]) -> tuple[list[list[str]], list[bool], list[str], Counter]:
    """Feature strings, labels (claim or not) and passage ids of the candidates whose cue word has a label."""
    rows, labels, groups = [], [], []
    tally: Counter = Counter()
    for passage, (start, end), names in candidates(passages):
        label = next((m["label"] for m in passage["mentions"] if m["span"][0] < end and start < m["span"][1]), None)
        if label is None:
            tally["candidate_without_label"] += 1
            continue
        rows.append(names)
        labels.append(label == "claim")
        groups.append(passage["id"])
    tally["labelled_mentions"] = sum(len(p["mentions"]) for p in passages)
    tally["paired"] = len(rows)
    return rows, labels, groups, tally


def fit(rows: list[list[str]], labels: list[bool], seed: int):
    return fit_binary(rows, labels, seed, C, MIN_COUNT)


def cross_validate(rows: list[list[str]], labels: list[bool], groups: list[str], seed: int) -> dict:
    """Precision, recall and F1 of `claim` at the threshold, and accuracy, over folds that keep passages whole."""
    predicted = [p >= THRESHOLD for p in out_of_fold(rows, labels, groups, seed, C, MIN_COUNT, FOLDS)]
    rates = binary_rates(labels, predicted)
    return {"claim": {k: rates[k] for k in ("p", "r", "f1")}, "accuracy": rates["accuracy"]}


def train(seed: int = 0) -> dict:
    """Fit the filter on every labelled candidate of the training file; the model as JSON values."""
    rows, labels, groups, tally = labelled_examples(read_passages())
    vocab, classifier = fit(rows, labels, seed)
    return binary_model(
        vocab,
        classifier,
        threshold=THRESHOLD,
        c=C,
        data={**dict(sorted(tally.items())), "claims": sum(labels), "not_claims": len(labels) - sum(labels)},
        cross_validation={"folds": FOLDS, "by": "passage", **cross_validate(rows, labels, groups, seed)},
    )


__all__ = ["TRAINING_FILES", "candidates", "read_passages", "train"]
