"""Training the speaker choice of the claims component (`claims/speaker.py`).

`data/train/speaker.jsonl` holds short passages, each with the speakers that name no actor ("he", "it", "the
minister") and the words of the actor each refers to (`refers_to`; see `data/train/README.md`). Training runs
the pipeline up to the actors over the passages, finds the claims with the rules (`ClaimsComponent.raw_claims`),
pairs each labelled speaker with its claim by the end of the speaker's span, lists its candidates and marks as
right the candidate whose actor has a mention containing `refers_to`. A binary logistic regression (scikit-learn,
lbfgs, L2) is fitted on the candidates' feature strings; the model keeps the features seen in at least
`MIN_COUNT` candidates, the weights rounded to six decimals, and the cross-validated top-1 accuracy (folds by
passage) for the record.

>>> model = train()  # doctest: +SKIP
>>> model["threshold"]  # doctest: +SKIP
0.3
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import numpy as np

from . import binary_model, fit_binary, matrix, read_jsonl

TRAINING_FILES = ("train/speaker.jsonl",)
PUBLISHED = dt.date(2023, 6, 1)  # the passages name no dates; any date reads them the same
MIN_COUNT = 2
C = 1.0
FOLDS = 5
THRESHOLD = 0.3


def read_passages() -> list[dict]:
    """The labelled passages of the training file."""
    return read_jsonl(TRAINING_FILES[0])


def choices(passages: list[dict], tally: Counter) -> Iterator[tuple[str, list[list[str]], list[bool]]]:
    """Each labelled speaker: (passage id, feature strings of each candidate, which candidate is right)."""
    from ..components.claims import ClaimsComponent
    from ..nlp import load_pipeline, make_docs

    nlp = load_pipeline(components=("dateline_time", "dateline_geo", "dateline_actors"))
    rules = ClaimsComponent(nlp, speaker="")
    texts = ((p["text"], PUBLISHED) for p in passages)
    for passage, doc in zip(passages, nlp.pipe(make_docs(nlp, texts), batch_size=32)):
        labels = {s["span"][1]: s["refers_to"] for s in passage["speakers"]}
        yield from _passage_choices(rules, doc, passage["id"], labels, tally)
        tally["label_without_claim"] += len(labels)


def _passage_choices(rules, doc, pid: str, labels: dict, tally: Counter) -> Iterator:
    """The labelled speakers of one passage (each taken out of `labels`), the earlier speakers as resolved."""
    from ..claims.speaker import agrees, candidate_features, candidates, speaker_kind
    from ..components.claims import _actor_of

    earlier: list[int | None] = []
    for source, _, content in rules.raw_claims(doc):
        actor = _actor_of(doc, source)
        if source is None or not rules._refers(source, actor):
            earlier.append(actor)
            continue
        ctx = rules.speaker_context(doc, source, content, list(earlier))
        kind = speaker_kind(source, rules.speaker_nouns)
        refers_to = labels.pop(source.end_char, None)
        found = [c for c in candidates(ctx) if kind is not None and agrees(ctx, kind, c)]
        if kind is None or refers_to is None or not found:
            tally["speaker_without_label" if kind is not None and refers_to is None else "skipped"] += 1
            earlier.append(None)
            continue
        right = [_refers(doc, c.actor, refers_to) for c in found]
        tally["labelled_with_right_candidate" if any(right) else "labelled_without_right_candidate"] += 1
        earlier.append(next((c.actor for c, r in zip(found, right) if r), None))
        yield pid, [candidate_features(ctx, kind, c) for c in found], right


def _refers(doc, actor: int, words: str) -> bool:
    from ..components.base import ACTORS

    found = (doc._.get(ACTORS) or [])[actor]
    texts = [found.name, *(m.text for m in found.mentions)]
    return any(words.lower() in t.lower() or (len(t) > 3 and t.lower() in words.lower()) for t in texts)


def fit(rows: list[list[str]], labels: list[bool], seed: int):
    return fit_binary(rows, labels, seed, C, MIN_COUNT)


def flatten(examples: list[tuple[str, list[list[str]], list[bool]]]) -> tuple[list[list[str]], list[bool]]:
    return [f for _, fs, _ in examples for f in fs], [r for _, _, rs in examples for r in rs]


def cross_validate(examples: list[tuple[str, list[list[str]], list[bool]]], seed: int) -> dict:
    """Top-1 accuracy of the choice (the right candidate ranked first and over the threshold), folds by passage."""
    from sklearn.model_selection import GroupKFold

    groups = [e[0] for e in examples]
    right = answered = 0
    for train_idx, test_idx in GroupKFold(n_splits=FOLDS).split(examples, groups=groups):
        vocab, classifier = fit(*flatten([examples[i] for i in train_idx]), seed)
        for i in test_idx:
            probs = classifier.predict_proba(matrix(examples[i][1], vocab))[:, 1]
            best = int(np.argmax(probs))
            answered += probs[best] >= THRESHOLD
            right += probs[best] >= THRESHOLD and examples[i][2][best]
    n = sum(any(e[2]) for e in examples)
    return {"speakers": len(examples), "answered": int(answered), "right": int(right), "accuracy": round(right / n, 4)}


def train(seed: int = 0) -> dict:
    """Fit the candidate scorer on every labelled speaker of the training file; the model as JSON values."""
    tally: Counter = Counter()
    examples = [e for e in choices(read_passages(), tally) if any(e[2])]
    vocab, classifier = fit(*flatten(examples), seed)
    rows, labels = flatten(examples)
    model = binary_model(
        vocab,
        classifier,
        threshold=THRESHOLD,
        c=C,
        data={**dict(sorted(tally.items())), "candidates": len(rows), "right": sum(labels)},
        cross_validation={"folds": FOLDS, "by": "passage", **cross_validate(examples, seed)},
    )
    return {**model, "bias": 0.0}


__all__ = ["TRAINING_FILES", "choices", "read_passages", "train"]
