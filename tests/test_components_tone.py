import pytest

from dateline.components.tone import tone_of_words, vader_lexicon


def test_tone_of_words_follows_gdelt_definitions():
    tone = tone_of_words(
        ["peace", "deal", "hope", "war", "killed", "the", "a", "on"],
        {"peace": 2.5, "hope": 1.9, "war": -2.9, "killed": -3.5},
    )
    assert tone.positive == pytest.approx(25.0)
    assert tone.negative == pytest.approx(25.0)
    assert tone.tone == pytest.approx(0.0)
    assert tone.polarity == pytest.approx(50.0)
    assert tone.word_count == 8


def test_tone_lexicon_is_vaders():
    lexicon = vader_lexicon()
    assert len(lexicon) > 5000
    assert lexicon["killed"] < 0 < lexicon["peace"]


def test_tone_component_scores_documents(nlp):
    grim = nlp("Shelling killed civilians and destroyed homes; the attack was a horrific tragedy.")._.tone
    calm = nlp("The ministers agreed a peaceful plan and praised the successful, friendly talks.")._.tone
    assert grim.tone < 0 < calm.tone
    assert 0 < grim.activity_density <= 100
    assert grim.word_count == 12
