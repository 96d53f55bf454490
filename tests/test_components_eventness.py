import datetime as dt

import pytest

from dateline.components.eventness import LABELS, EventnessModel, features
from dateline.nlp import make_docs

PUBLISHED = dt.date(2024, 3, 11)


def _events(nlp, text, published=PUBLISHED):
    return next(nlp.pipe(make_docs(nlp, [(text, published)])))._.events


def _triggers(nlp, text, published=PUBLISHED):
    return {m.text: e for e in _events(nlp, text, published) for m in e.mentions}


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("The war has changed the lives of everyone in the village.", "war"),
        ("Support for Ukraine is strong in Poland.", "Support"),
        ("If Russia attacks again, the alliance will respond.", "attacks"),
        ("Will the army launch a new offensive?", "offensive"),
        ("The fight for independence goes on.", "fight"),
        ("The senator pushed his agenda in the committee.", "pushed"),
    ],
)
def test_eventness_generic_hypothetical_and_figurative_mentions_are_no_events(nlp, text, trigger):
    assert trigger not in _triggers(nlp, text)


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("Russian forces shelled the town on Friday, the governor said.", "shelled"),
        ("Police arrested twelve protesters in the capital on Saturday.", "arrested"),
        ("A drone hit a fuel depot near the border overnight.", "hit"),
    ],
)
def test_eventness_specific_acts_are_kept(nlp, text, trigger):
    assert _triggers(nlp, text)[trigger].status in ("reported", "claimed")


def test_eventness_an_attack_years_before_the_article_is_background(nlp):
    event = _triggers(nlp, "Separatists attacked the airport in 2014, the report said.")["attacked"]
    assert event.status == "background"


def test_eventness_ongoing_context_the_date_rule_misses_is_background(nlp):
    event = _triggers(nlp, "The town has been shelled almost every day since the invasion began in 2022.")["shelled"]
    assert event.status == "background"


def test_eventness_features_describe_the_mention(nlp):
    doc = next(nlp.pipe(make_docs(nlp, [("Is the war over?", PUBLISHED)])))
    component = nlp.get_pipe("dateline_events")
    names = {n for token, event, _ in component.candidates(doc) for n in features(doc, token, event)}
    assert {"lemma=war", "det=the", "question", "date=article"} <= names


def test_eventness_model_threshold_and_background():
    model = EventnessModel(
        {
            "labels": list(LABELS),
            "features": ["generic", "old"],
            "bias": [0.0, 0.0, 0.0],
            "weights": [[0.0, 0.0, 2.0], [0.0, 3.0, 0.0]],
            "none_threshold": 0.5,
        }
    )
    assert model.label(["generic"]) == "none"
    assert model.label(["old"]) == "background"
    assert model.label(["unknown feature"]) == "event"  # equal scores: none is a third, under the threshold
    assert abs(sum(model.probabilities(["generic", "old"]).values()) - 1.0) < 1e-9
