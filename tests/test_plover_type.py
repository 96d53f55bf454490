"""The learned PLOVER type decision (`events/plover_type.py`) on invented sentences, not in its training data."""

import datetime as dt

import pytest

from dateline.components.events import EventsComponent
from dateline.events.plover_type import PLOVER_TYPES, PloverTypeModel, features
from dateline.nlp import make_docs

PUBLISHED = dt.date(2024, 3, 11)


def _doc(nlp, text):
    return next(nlp.pipe(make_docs(nlp, [(text, PUBLISHED)])))


def _types(nlp, text):
    return {e.text: (e.plover, e.cameo) for e in _doc(nlp, text)._.events}


def test_plover_type_a_pledge_of_money_is_aid_and_a_pledge_to_act_stays_agree(nlp):
    assert _types(nlp, "The Dutch government pledged 300 million euros in military aid to Ukraine on Tuesday.") == {
        "pledged": ("AID", "07")
    }
    assert _types(nlp, "Both sides pledged to respect the truce along the river, the mediators said.") == {
        "pledged": ("AGREE", "03")
    }


def test_plover_type_without_the_model_the_lexicon_type_stays(nlp):
    doc = _doc(nlp, "The Dutch government pledged 300 million euros in military aid to Ukraine on Tuesday.")
    lexicon = EventsComponent(nlp, plover_type="")
    token = next(t for t in doc if t.text == "pledged")
    assert lexicon.triggers[lexicon.trigger_key(token)]["plover"] == "AGREE"
    assert [e.plover for e in lexicon.mentions(doc)[0] if e.text == "pledged"] == ["AGREE"]


def test_plover_type_features_name_the_object_and_the_lexicon_type(nlp):
    doc = _doc(nlp, "The Dutch government pledged 300 million euros in military aid to Ukraine on Tuesday.")
    token = next(t for t in doc if t.text == "pledged")
    names = features(token, "pledge", "AGREE")
    assert {"bias", "rule=AGREE", "lemma=pledge", "obj_money"} <= set(names)
    assert {"obj=euro", "obj_w=aid", "gov=root"} <= set(names)


def test_plover_type_model_keeps_the_lexicon_type_unless_another_wins_by_the_margin():
    model = PloverTypeModel.load()
    assert model.labels == PLOVER_TYPES
    assert 0.0 <= model.margin < 1.0
    assert model.choose(["bias", "rule=AGREE", "lemma=agree"], "AGREE") == "AGREE"


@pytest.mark.parametrize(
    "text, trigger, plover",
    [
        ("Russian forces shelled the town of Kupiansk overnight, the governor said.", "shelled", "ASSAULT"),
        ("Police arrested twelve protesters in the capital on Saturday.", "arrested", "COERCE"),
    ],
)
def test_plover_type_conflict_types_stay_with_the_lexicon(nlp, text, trigger, plover):
    assert _types(nlp, text)[trigger][0] == plover
