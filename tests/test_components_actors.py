import datetime as dt

import pytest

from dateline.nlp import make_docs


def _doc(nlp, text):
    return next(nlp.pipe(make_docs(nlp, [(text, dt.date(2024, 3, 2))])))


def _actor(doc, mention):
    return next(a for a in doc._.actors if any(m.text == mention for m in a.mentions))


@pytest.mark.parametrize(
    "text, mention, country, sector",
    [
        (
            "Russian Defence Ministry spokesman Igor Konashenkov said the attack failed.",
            "Igor Konashenkov",
            "RUS",
            "MIL",
        ),
        ("Ukrainian Foreign Minister Dmytro Kuleba met his Polish counterpart.", "Dmytro Kuleba", "UKR", "GOV"),
        (
            "Polish police detained two men, a spokesman for the Warsaw prosecutor's office said.",
            "Polish police",
            "POL",
            "COP",
        ),
        ("Ukrainian troops pushed back Russian units near the river.", "Ukrainian troops", "UKR", "MIL"),
        ("Ukrainian troops pushed back Russian units near the river.", "Russian units", "RUS", "MIL"),
        ("The Kremlin rejected the proposal on Tuesday.", "Kremlin", "RUS", "GOV"),
    ],
)
def test_actors_are_coded_by_country_and_sector(nlp, text, mention, country, sector):
    actor = _actor(_doc(nlp, text), mention)
    assert (actor.country, actor.sector, actor.code) == (country, sector, f"{country}{sector}")


def test_actors_role_and_later_mentions(nlp):
    doc = _doc(
        nlp,
        "Regional governor Oleh Synehubov said the city was shelled. Synehubov added that he had asked for help. "
        "He said power was restored.",
    )
    actor = _actor(doc, "Oleh Synehubov")
    assert actor.kind == "person" and actor.role == "Regional governor" and actor.sector == "GOV"
    texts = [m.text for m in actor.mentions]
    assert "Synehubov" in texts and "He" in texts


def test_actors_collectives_get_acled_names(nlp):
    doc = _doc(nlp, "Ukrainian forces shelled the depot, Russian authorities said.")
    assert _actor(doc, "Ukrainian forces").name == "Military Forces of Ukraine"
    assert _actor(doc, "Russian authorities").acled_name == "Government of Russia"


def test_actors_metonyms_are_states(nlp):
    doc = _doc(nlp, "Moscow denied the report, while Kyiv said the strike hit a military target.")
    moscow = _actor(doc, "Moscow")
    assert (moscow.kind, moscow.name, moscow.code) == ("state", "Government of Russia", "RUSGOV")


def test_actors_a_leaders_government_is_the_state_and_speaks_for_it(nlp):
    doc = _doc(nlp, "Chinese leader Xi Jinping's government says it is neutral. Beijing wants talks to begin.")
    government = _actor(doc, "government")
    assert (government.kind, government.name, government.code) == ("state", "Government of China", "CHNGOV")
    assert any(m.text == "Beijing" for m in government.mentions), "one state, however it is named"
    assert _actor(doc, "Xi Jinping").kind == "person"
    (claim,) = [c for c in doc._.claims if "neutral" in c.content.text]
    assert doc._.actors[claim.speaker_actor].name == "Government of China"


def test_actors_spans_slice_the_text(nlp):
    doc = _doc(nlp, "President Emmanuel Macron and German Chancellor Olaf Scholz spoke with Ukrainian officials.")
    for actor in doc._.actors:
        for m in actor.mentions:
            assert doc.text[m.span[0] : m.span[1]] == m.text


def test_actors_on_the_seed(seed_result):
    _, result = seed_result
    assert result["actors_found"] >= 19


@pytest.mark.parametrize(
    "text, mention, country, sector",
    [
        ("Belarusian Minister of Foreign Affairs Pavel Zhuk met the delegation.", "Pavel Zhuk", "BLR", "GOV"),
        ("Italian PM Marta Ricci spoke in Rome.", "Marta Ricci", "ITA", "GOV"),
        ("Several thousand Ukrainians rallied in the square on Sunday.", "Ukrainians", "UKR", "CVL"),
        ("The authorities in Kyiv ordered an evacuation.", "authorities in Kyiv", "UKR", "GOV"),
        ("Poland has amassed reserves near the border, officials said.", "Poland", "POL", "GOV"),
        ("The Ministry of Trade and Industry said exports grew.", "Ministry of Trade and Industry", None, "GOV"),
        ("Ukraine's military intelligence said the ship was hit.", "Ukraine's military intelligence", "UKR", "SPY"),
    ],
)
def test_actors_coded_from_the_text_around_them(nlp, text, mention, country, sector):
    # invented sentences and names
    actor = _actor(_doc(nlp, text), mention)
    assert (actor.country, actor.sector) == (country, sector)


def test_actors_take_what_the_text_lacks_from_the_people_dictionary(nlp):
    # a surname alone, spelled another way than the dictionary's entry
    actor = _actor(_doc(nlp, "Zelenskiy said the talks had failed."), "Zelenskiy")
    assert (actor.name, actor.country, actor.sector) == ("Volodymyr Zelensky", "UKR", "GOV")


def test_an_actor_mention_never_crosses_a_line_break(nlp):
    # invented text, capitals as a page's furniture has them
    doc = _doc(nlp, "SENATOR OLEH MARCHUK\n\nCLICK HERE FOR MORE. The Ukrainian Armed Forces\nSaid it would hold.")
    for actor in doc._.actors:
        assert all("\n" not in m.text for m in actor.mentions), actor.mentions
        assert "\n" not in actor.name


def test_an_abbreviation_the_text_defines_names_its_organisation_later(nlp):
    doc = _doc(
        nlp,
        "The Lithuanian Ministry of Defence (MoD) published its update on Monday.\n\n"
        'The MoD notes: "The border stays calm."',
    )
    ministry = _actor(doc, "Lithuanian Ministry of Defence")
    assert [m.text for m in ministry.mentions].count("MoD") == 2
    assert not any(p.name != "Lithuania" and p.role == "metonym" for p in doc._.places)


def test_a_lower_case_ministry_with_its_country_is_an_actor(nlp):
    doc = _doc(
        nlp,
        "The minister, Andris Ozols, accused Lithuania of provoking a conflict during a call with his counterpart, "
        "Petras Valaitis, the Latvian foreign ministry said.",
    )
    ministry = _actor(doc, "Latvian foreign ministry")
    assert (ministry.country, ministry.sector) == ("LVA", "GOV")
