"""Eventness approaches compared on whole articles: events P/R/F1 of `dateline eval articles` on each half.

Approaches (the events component's candidates are the same in all of them):
  off        every candidate the trigger rules find is an event (the pipeline before eventness)
  rules      hand-written rules over the same feature strings (`rule_label` below)
  lexical    logistic regression on the trigger's words only (lemma, part of speech, determiner)
  model      the shipped classifier (`data/models/eventness.json`): parse, mood, time and context features

    python bench/eventness.py                          # every approach, both halves
    python bench/eventness.py --approach rules --json  # last line: one JSON object
"""

from __future__ import annotations

import argparse
import json
import sys

LEXICAL = ("bias", "lemma=", "lemma_tag=", "pos=", "tag=", "det=", "lemma_det=", "plural", "singular", "type=")
NOUN_GENERIC = ("bare_the", "bare_none")


def rule_label(names: list[str]) -> str:
    """A rules-only eventness: hypotheticals, questions, headlines and bare generic nouns are no events."""
    has = set(names).__contains__
    if has("question") or has("conditional") or has("imperative") or has("modal") and not has("status=threatened"):
        return "none"
    if has("no_verb") and (has("caps_line") or has("title_line") or has("no_final_stop")):
        return "none"
    specific = has("has_source") or has("has_target") or has("has_place") or has("poss") or has("has_counts")
    if has("pos=NOUN") and any(has(g) for g in NOUN_GENERIC) and not specific and not has("prep=of"):
        return "none"
    if has("date=years_before") or has("sent_old_year"):
        return "background"
    return "event"


class Rules:
    """The `EventnessModel` interface over `rule_label`."""

    def label(self, names: list[str]) -> str:
        return rule_label(names)


def lexical_model():
    """The classifier retrained on the lexical features only (same data, same trainer)."""
    from dateline.components.eventness import EventnessModel
    from dateline.learn import eventness as task

    rows, labels, _, _ = task.labelled_examples(task.read_passages())
    rows = [[n for n in names if n.startswith(LEXICAL)] for names in rows]
    vocab = task.vocabulary(rows, task.MIN_COUNT)
    classifier = task.fit(task.matrix(rows, vocab), labels, seed=0)
    order = [list(classifier.classes_).index(task.LABELS.index(label)) for label in task.LABELS]
    model = {
        "labels": list(task.LABELS),
        "features": vocab,
        "weights": classifier.coef_[order].T.tolist(),
        "bias": classifier.intercept_[order].tolist(),
        "none_threshold": task.NONE_THRESHOLD,
    }
    return EventnessModel(model), LEXICAL


class Filtered:
    """A model that sees only the feature strings with the given prefixes."""

    def __init__(self, model, prefixes: tuple[str, ...]) -> None:
        self.model, self.prefixes = model, prefixes

    def label(self, names: list[str]) -> str:
        return self.model.label([n for n in names if n.startswith(self.prefixes)])


def approach(name: str):
    from dateline.components.eventness import EventnessModel

    if name == "off":
        return None
    if name == "rules":
        return Rules()
    if name == "lexical":
        return Filtered(*lexical_model())
    return EventnessModel.load()


def events_prf(half: str) -> dict:
    from dateline.evaluate import run_eval

    metrics = next(iter(run_eval("articles", [], half=half).values()))
    return {k.removeprefix("events_"): v for k, v in metrics.items() if k.startswith("events_")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--approach", choices=["off", "rules", "lexical", "model"], action="append")
    parser.add_argument("--json", action="store_true", help="Print one JSON object on the last line.")
    args = parser.parse_args()
    from dateline.nlp import load_pipeline

    events = load_pipeline().get_pipe("dateline_events")
    results = {}
    for name in args.approach or ["off", "rules", "lexical", "model"]:
        events.eventness = approach(name)
        results[name] = {half: events_prf(half) for half in ("read", "score")}
        print(name, json.dumps(results[name]), file=sys.stderr)
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
