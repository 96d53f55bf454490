import pytest

from dateline.components.counts import CountsComponent


@pytest.mark.parametrize(
    "text, what, value, obj",
    [
        ("Three civilians were killed in the attack.", "killed", 3, "civilians"),
        ("The strike killed 14 soldiers overnight.", "killed", 14, "soldiers"),
        ("At least 1,200 people were displaced by the floods.", "displaced", 1200, "people"),
        ("Police arrested twenty-five protesters on Sunday.", "detained", 25, "protesters"),
        ("Five fighters were wounded near the border.", "wounded", 5, "fighters"),
        ("The troops advanced 4 kilometres towards the river.", "advance_km", 4, None),
        ("The village lies 12 miles east of the city.", "distance_km", 19.312, None),
        ("Rebels hold about 30% of the province.", "province_percent", 30, None),
        ("The town had a population of 45,000 before the war.", "population", 45000, None),
        ("Officials counted 2.5 million refugees.", "displaced", 2500000, "refugees"),
        ("The blast left 12 dead and 30 injured.", "wounded", 30, None),
        ("Gunmen broke into the house and killed a resident.", "killed", 1, "resident"),
        ("After the blast, the young boy died in hospital.", "killed", 1, "boy"),
    ],
)
def test_counts_finds_number_and_what_it_counts(nlp, text, what, value, obj):
    counts = nlp(text)._.counts
    assert any(c.what == what and c.value == pytest.approx(value) and c.object == obj for c in counts), counts


@pytest.mark.parametrize(
    "text",
    [
        "The talks began on 12 May 2023.",
        "The driver killed the engine and waited.",
        "He paid $300 for the ticket.",
        "It was the first attack this year.",
        "At 3 pm the siren sounded.",
    ],
)
def test_counts_ignores_dates_money_ordinals_and_times(nlp, text):
    assert nlp(text)._.counts == []


def test_counts_spans_slice_the_text(nlp):
    doc = nlp("Two pilots were killed and 40 residents were evacuated, about 10 kilometres north of the town.")
    for count in doc._.counts:
        assert doc.text[count.span[0] : count.span[1]] == count.text
    assert {c.what for c in doc._.counts} == {"killed", "evacuated", "distance_km"}


def test_counts_component_is_a_registered_factory():
    import spacy

    nlp = spacy.blank("en")
    component = nlp.add_pipe("dateline_counts")
    assert isinstance(component, CountsComponent)


def test_counts_on_the_seed_report(seed_result):
    _, result = seed_result
    assert result["counts_found"] >= result["counts_gold"] - 1
    assert result["counts_spurious"] <= 2
