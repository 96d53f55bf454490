import datetime as dt

from dateline.claims.within import contradictions
from dateline.pipeline import extract_text


def test_fuse_finds_a_denial_of_the_same_thing(nlp):
    record = extract_text(
        "Governor Oleh Syniehubov said Russian troops had shelled a school in Kupiansk on Monday. "
        "Russian Defence Ministry spokesman Igor Konashenkov said no strikes had been carried out on Kupiansk.",
        published=dt.date(2024, 3, 5),
        nlp=nlp,
    )
    found = contradictions(record)
    assert len(found) == 1
    first, second = (record.claims[i] for i in found[0].claims)
    assert "shelled a school" in first.content.text and "no strikes" in second.content.text
    assert found[0].reason.startswith("opposite claims about Kup")  # the gazetteer spells it Kupyansk


def test_fuse_same_speaker_never_contradicts_itself(nlp):
    record = extract_text(
        "Governor Oleh Syniehubov said Kupiansk was shelled on Monday. He said no one was hurt in Kupiansk.",
        published=dt.date(2024, 3, 5),
        nlp=nlp,
    )
    assert contradictions(record) == []


def test_the_city_stands_for_the_town_named_before(nlp):
    record = extract_text(
        "Russian commander Alexei Petrov said his units had taken control of Vuhledar on Monday. "
        "Ukrainian army spokesman Serhiy Cherevatyi said no positions had been abandoned in the city.",
        published=dt.date(2024, 3, 5),
        nlp=nlp,
    )
    found = contradictions(record)
    assert [f.reason for f in found] == ["opposite claims about Vuhledar (control)"]


def test_a_denial_next_to_the_claim_it_answers_contradicts_it(nlp):
    record = extract_text(
        "The US State Department said on Friday that an invasion of the country could begin at any moment. "
        "The Kremlin denied planning to invade its neighbour.",
        published=dt.date(2022, 2, 12),
        nlp=nlp,
    )
    found = contradictions(record)
    assert [f.reason for f in found] == ["a denial next to the claim it answers (fighting)"]
    first, second = (record.claims[i] for i in found[0].claims)
    assert "invasion" in first.content.text and "invade" in second.content.text


def test_a_denial_paragraphs_away_from_a_claim_answers_nothing_by_place_alone(nlp):
    record = extract_text(
        "The US State Department said on Friday that an invasion of the country could begin at any moment.\n\n"
        "Officials met in Geneva. Talks went on all day. Aid lorries waited at the border. Prices rose again.\n\n"
        "The Kremlin denied planning to invade its neighbour.",
        published=dt.date(2022, 2, 12),
        nlp=nlp,
    )
    assert contradictions(record) == []
