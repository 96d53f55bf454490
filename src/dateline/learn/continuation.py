"""Training the claim continuation model of the claims component (`claims/continuation.py`).

`data/train/continuation.jsonl` labels the sentences the claims component lists after each claim with a speaker
(`ClaimsComponent.continuations`) in the invented whole articles (`train/eventness_articles.jsonl`,
`train/anchor_articles.jsonl` and `train/continuation_articles.jsonl`, which was written for this task): does the
sentence go on with the speaker's claim (`continues`)? Training runs the pipeline over the articles without the
model, pairs each candidate with its label by span, and fits a binary logistic regression (scikit-learn, lbfgs,
L2; "bias" is a feature) on the feature strings; the model keeps the features seen in at least `MIN_COUNT`
candidates, the weights rounded to six decimals, and the cross-validated accuracy, precision and recall (folds by
article) next to never continuing (what the rules alone do) and to a rule (`claims.continuation.rule_keeps`).

>>> model = train()  # doctest: +SKIP
>>> model["threshold"]  # doctest: +SKIP
0.5
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from . import binary_model, binary_rates, fit_binary, out_of_fold, read_jsonl

TRAINING_FILES = (
    "train/continuation.jsonl",
    "train/eventness_articles.jsonl",
    "train/anchor_articles.jsonl",
    "train/continuation_articles.jsonl",
)
MIN_COUNT = 2
C = 1.0
FOLDS = 5
THRESHOLD = 0.8  # the lowest with cross-validated precision 0.9: a sentence given to a wrong speaker misleads


def read_articles() -> list[dict]:
    """The invented articles whose continuation candidates are labelled."""
    return [article for name in TRAINING_FILES[1:] for article in read_jsonl(name)]


def examples(articles: list[dict]) -> tuple[list[list[str]], list[bool], list[str], Counter]:
    """Feature strings, labels (the sentence goes on with the claim) and article ids of the labelled candidates."""
    from ..claims.claimness import features as claim_features
    from ..components.claims import ClaimsComponent
    from ..nlp import DEFAULT_COMPONENTS, load_pipeline, process

    labels = {
        (r["article"], tuple(r["span"]), tuple(r["claim_span"])): r["continues"] for r in read_jsonl(TRAINING_FILES[0])
    }
    upto = DEFAULT_COMPONENTS[: DEFAULT_COMPONENTS.index("dateline_claims")]
    nlp = load_pipeline(components=upto)
    claims = ClaimsComponent(nlp, claimness="claimness")
    rows, right, groups = [], [], []
    tally: Counter = Counter()
    texts = ((a["text"], dt.date.fromisoformat(a["published"])) for a in articles)
    for article, doc in zip(articles, process(nlp, texts)):
        raw = claims.raw_claims(doc)
        kept = [c for c in raw if claims.claimness_model.keeps(claim_features(*c))]
        for candidate in claims.continuations(doc, raw, kept):
            content = kept[candidate.claim][2]
            sentence = (candidate.sentence.start_char, candidate.sentence.end_char)
            key = (article["id"], sentence, (content.start_char, content.end_char))
            if key not in labels:
                tally["candidate_without_label"] += 1
                continue
            rows.append(candidate.features)
            right.append(bool(labels.pop(key)))
            groups.append(article["id"])
    tally["label_without_candidate"] = len(labels)
    return rows, right, groups, tally


def fit(rows: list[list[str]], labels: list[bool], seed: int):
    return fit_binary(rows, labels, seed, C, MIN_COUNT)


def cross_validate(rows: list[list[str]], labels: list[bool], groups: list[str], seed: int) -> dict:
    """Accuracy, precision and recall of the continuations over folds that keep articles whole, next to never
    continuing and to the rule."""
    from ..claims.continuation import Continuation, rule_keeps

    predicted = [p >= THRESHOLD for p in out_of_fold(rows, labels, groups, seed, C, MIN_COUNT, FOLDS)]
    rule = [rule_keeps(Continuation(0, None, 0, names)) for names in rows]
    return {
        **_rates(labels, predicted),
        "never": round(1 - sum(labels) / max(len(labels), 1), 4),
        "rule": _rates(labels, rule),
    }


def _rates(labels: list[bool], predicted: list[bool]) -> dict:
    rates = binary_rates(labels, predicted)
    return {"accuracy": rates["accuracy"], "precision": rates["p"], "recall": rates["r"]}


def train(seed: int = 0) -> dict:
    """Fit the model on every labelled candidate; the model as JSON values."""
    rows, labels, groups, tally = examples(read_articles())
    vocab, classifier = fit(rows, labels, seed)
    return binary_model(
        vocab,
        classifier,
        threshold=THRESHOLD,
        c=C,
        data={**dict(sorted(tally.items())), "continues": sum(labels), "stops": len(labels) - sum(labels)},
        cross_validation={"folds": FOLDS, "by": "article", **cross_validate(rows, labels, groups, seed)},
    )


__all__ = ["TRAINING_FILES", "examples", "read_articles", "train"]
