import datetime as dt

import pytest

from dateline.nlp import make_docs


def _doc(nlp, text):
    return next(nlp.pipe(make_docs(nlp, [(text, dt.date(2024, 3, 2))])))


def test_claims_indirect_speech_with_channel_and_time(nlp):
    doc = _doc(nlp, "Governor Vitaliy Kim said on Telegram on Friday that two drones had been shot down over Mykolaiv.")
    (claim,) = doc._.claims
    assert (
        claim.speaker.text == "Governor Vitaliy Kim" and claim.cue.text == "said" and claim.channel.text == "Telegram"
    )
    assert claim.content.text.startswith("that two drones") and claim.kind == "indirect"
    assert doc._.times[claim.time].value == "2024-03-01"
    assert doc._.actors[claim.speaker_actor].name == "Vitaliy Kim"


def test_claims_direct_quote_after_the_verb_and_pronoun_speaker(nlp):
    doc = _doc(
        nlp, 'Army spokesman Serhiy Cherevaty spoke to reporters. "The enemy lost two tanks near the village," he said.'
    )
    claim = next(c for c in doc._.claims if c.cue and c.cue.text == "said")
    assert claim.kind == "direct" and claim.content.text == "The enemy lost two tanks near the village"
    assert doc._.actors[claim.speaker_actor].name == "Serhiy Cherevaty"


def test_claims_according_to(nlp):
    doc = _doc(nlp, "Three civilians were wounded in the strike, according to local officials.")
    (claim,) = doc._.claims
    assert claim.cue.text == "according to" and claim.speaker.text == "local officials"
    assert claim.content.text == "Three civilians were wounded in the strike"


def test_claims_two_clauses_are_two_claims(nlp):
    doc = _doc(nlp, "She said no positions had been lost and that the enemy had suffered heavy losses.")
    assert [c.content.text for c in doc._.claims] == [
        "no positions had been lost",
        "that the enemy had suffered heavy losses",
    ]


def test_claims_unverified_flag_from_the_next_sentence(nlp):
    doc = _doc(
        nlp,
        "Separatist officials accused Ukrainian forces of shelling a school."
        " The claim could not be independently verified.",
    )
    claim = next(c for c in doc._.claims if c.cue and c.cue.text == "accused")
    assert claim.verification == "unverified" and "verified" in claim.verification_evidence.text


def test_claims_quote_paragraph_continues_the_speaker(nlp):
    text = (
        '"We will not give up the city," commander Oleksandr Petrenko said.\n\n'
        '"Our soldiers have held these positions for months and will keep holding them."'
    )
    doc = _doc(nlp, text)
    last = doc._.claims[-1]
    assert last.content.text.startswith("Our soldiers") and last.cue is None
    assert doc._.actors[last.speaker_actor].name == "Oleksandr Petrenko"


def test_claims_on_the_seed(seed_result):
    prediction, result = seed_result
    assert result["claims_found"] >= 21
    unverified = [c for c in prediction.record.claims if c.verification == "unverified"]
    assert any("accused" in (c.cue.text if c.cue else "") for c in unverified)


def test_claims_split_quote_is_two_fragments_of_one_cue(nlp):
    doc = _doc(nlp, '"We will not retreat," commander Oleksandr Petrenko said, "not one step, whatever happens."')
    said = [c for c in doc._.claims if c.cue and c.cue.text == "said"]
    assert [c.content.text for c in said] == ["We will not retreat", "not one step, whatever happens"]


def test_claims_denied_by_another_party(nlp):
    doc = _doc(
        nlp, "Ukrainian officials said Russian jets had bombed the hospital. Moscow denied the accusation on Sunday."
    )
    claim = next(c for c in doc._.claims if c.cue and c.cue.text == "said")
    assert claim.verification == "denied"


def test_claims_it_speaks_for_the_organisation_not_the_person(nlp):
    doc = _doc(
        nlp,
        "The United Nations said the convoy reached the town on Monday. "
        "Marek Zielinski welcomed the trucks. It said that more aid would arrive in May.",
    )
    actors = doc._.actors
    claim = next(c for c in doc._.claims if c.speaker and c.speaker.text == "It")
    assert claim.speaker_actor is not None
    assert actors[claim.speaker_actor].kind != "person"


def test_claims_relative_pronoun_speaker_is_its_noun_phrase(nlp):
    doc = _doc(nlp, "The plan was backed by Lidia Marsh, a senator, who said the money would arrive in June.")
    speakers = [c.speaker.text for c in doc._.claims if c.speaker]
    assert speakers and all(s.lower() not in ("who", "that", "which") for s in speakers)
    assert any("Lidia Marsh" in s for s in speakers)


@pytest.mark.parametrize(
    "text, claims",
    [
        ("The minister said the bridge was destroyed overnight.", 1),
        ("Washington supports Kyiv with air defence systems and shells.", 0),
        ("The ministry seeks to expand the training programme next year.", 0),
    ],
)
def test_the_claim_filter_drops_acts_and_goals_the_cues_also_name(nlp, text, claims):
    # invented sentences
    doc = next(nlp.pipe(make_docs(nlp, [(text, dt.date(2024, 3, 2))])))
    assert len(doc._.claims) == claims


def test_claims_this_was_stated_by_gives_the_sentence_before_to_the_agent(nlp):
    doc = _doc(
        nlp,
        "Two ferries will resume crossings to the island next week.\n\n"
        "This was stated by Transport Minister Olena Marchuk at a briefing on Friday.",
    )
    claim = next(c for c in doc._.claims if c.cue.text == "was stated")
    assert claim.speaker.text == "Transport Minister Olena Marchuk"
    assert claim.content.text.startswith("Two ferries will resume crossings")


def test_claims_the_subject_nearest_the_cue_is_the_speaker(nlp):
    text = (  # invented; the parse also hangs "Maria Hoffmann" on "said" as a subject
        "The Serbian president, Milan Jovic, warned Kosovo against raising tensions during talks with his EU "
        "counterpart, Maria Hoffmann, the Serbian presidency said."
    )
    doc = next(nlp.pipe(make_docs(nlp, [(text, dt.date(2024, 3, 2))])))
    said = next(c for c in doc._.claims if c.cue.text == "said")
    assert said.speaker.text == "the Serbian presidency"


def test_claims_a_document_speaks_for_whoever_issued_it(nlp):
    text = (  # invented
        "NATO issued a statement after the meeting in Brussels. Russia called the alliance a threat. "
        "The statement said the allies would raise defence spending."
    )
    doc = next(nlp.pipe(make_docs(nlp, [(text, dt.date(2024, 3, 11))])))
    claim = next(c for c in doc._.claims if c.speaker is not None and c.speaker.text == "The statement")
    assert doc._.actors[claim.speaker_actor].name == "NATO"  # not Russia, the actor named last


@pytest.fixture(scope="module")
def nlp_continuing():
    from dateline.components.claims import ClaimsComponent
    from dateline.nlp import DEFAULT_COMPONENTS, load_pipeline

    upto = DEFAULT_COMPONENTS[: DEFAULT_COMPONENTS.index("dateline_claims")]
    pipeline = load_pipeline(components=upto)
    return pipeline, ClaimsComponent(pipeline, claimness="claimness", continuation="continuation")


def test_claims_a_resolutions_next_uncued_sentence_goes_on_with_its_claim(nlp_continuing):
    nlp, claims = nlp_continuing
    text = (  # invented
        "Lawmakers in Vilnius adopted a resolution on the crisis on Tuesday.\n\n"
        "According to the resolution, the security of the Baltic states depends on a free Ukraine. "
        "Europe must not accept new borders drawn by force.\n\nThe vote was 98 to 4."
    )
    found = claims.compute(_doc(nlp, text))
    contents = {c.content.text: c for c in found}
    following = contents["Europe must not accept new borders drawn by force"]
    assert following.speaker.text == "the resolution" and following.cue is None
    assert not any(c.content.text.startswith("The vote") for c in found)


def test_claims_the_reporters_background_after_a_quote_is_no_claim(nlp_continuing):
    nlp, claims = nlp_continuing
    doc = _doc(nlp, '"We will hold the line," the commander said on Monday. The town has been shelled since March.')
    assert [c.content.text for c in claims.compute(doc)] == ["We will hold the line"]


def test_claims_continuation_chain_stops_at_the_first_sentence_that_does_not_go_on():
    from dateline.claims.continuation import Continuation, chained

    found = [Continuation(0, None, gap, [str(gap)]) for gap in (1, 2, 3)] + [Continuation(1, None, 1, ["1"])]
    kept = chained(found, lambda c: c.features != ["2"])
    assert [(c.claim, c.gap) for c in kept] == [(0, 1), (1, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday, Lavrov reiterated that the west had ignored the key demands, the Russian foreign ministry said.",
        "It was stressed that the talks would go on, the ministry added.",
    ],
)
def test_claims_a_nested_attribution_never_makes_the_outer_frame_a_content(nlp, text):
    doc = _doc(nlp, text)
    frames = {f"{c.speaker.text} {c.cue.text}" for c in doc._.claims if c.speaker and c.cue}
    assert len(doc._.claims) == 2
    assert not any(c.content.text in frames for c in doc._.claims)


def test_claims_a_document_reads_what_it_says(nlp):
    doc = _doc(nlp, '"The border must stay open," the joint statement reads.')  # invented
    (claim,) = doc._.claims
    assert claim.cue.text == "reads" and claim.speaker.text == "the joint statement"
    assert claim.content.text == "The border must stay open"
