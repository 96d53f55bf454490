"""Killed counts and the deaths an event coder takes from them (`events/fatalities.py`), on invented sentences."""

import datetime as dt

import pytest

from dateline.events.fatalities import CLAIMED_CAP, coded_deaths
from dateline.nlp import make_docs


def _counts(nlp, text):
    doc = next(nlp.pipe(make_docs(nlp, [(text, dt.date(2024, 3, 11))])))
    return [(c.value, c.status, c.fatalities) for c in doc._.counts if c.what == "killed"]


@pytest.mark.parametrize(
    "value, places, coded", [(200, 2, 5), (140, 10, 1), (40, 3, 3), (3, 1, 3), (50, 0, CLAIMED_CAP), (12, 20, 1)]
)
def test_fatalities_a_claimed_toll_is_at_most_ten_shared_among_its_places(value, places, coded):
    assert coded_deaths(value, places) == coded


def test_fatalities_one_sides_claim_of_the_others_dead_is_claimed_and_coded_conservatively(nlp):
    text = (
        "According to Russian sources, up to 200 Ukrainian soldiers were killed near Avdiivka and Marinka on Tuesday."
    )
    assert _counts(nlp, text) == [(200, "claimed", 5)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The Ukrainian army said two Ukrainian soldiers were killed near Avdiivka on Tuesday.", 2),
        ("Russian shelling killed three civilians in Kherson on Tuesday, the regional governor said.", 3),
    ],
)
def test_fatalities_a_sides_own_losses_and_unclaimed_tolls_count_in_full(nlp, text, value):
    assert _counts(nlp, text) == [(value, None, value)]


def test_fatalities_a_toll_told_again_in_its_sentence_adds_no_deaths(nlp):
    text = (
        "According to Russian sources, 200 Ukrainian soldiers were killed near Avdiivka and Marinka on Tuesday "
        "(200 deaths)."
    )
    counts = _counts(nlp, text)
    assert counts[0] == (200, "claimed", 5)
    assert counts[1:] == [(200, "claimed", 0)]
    assert _counts(
        nlp, "Five soldiers were killed near Avdiivka and five civilians were killed in Marinka on Tuesday."
    ) == [
        (5, None, 5),
        (5, None, 5),
    ]
