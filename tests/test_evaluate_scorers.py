"""The scorers on hand-made predictions, where the right answer is known by construction."""

import datetime as dt

import pytest

from dateline.evaluate import claims, events, geo, seed, time
from dateline.evaluate.metrics import haversine_km, match_one_to_one
from dateline.schema import Actor, Article, Claim, Count, Event, Evidence, Place, Record, Time


def test_match_one_to_one_uses_each_item_once():
    pairs = match_one_to_one([1, 2], [1, 1, 2], lambda g, p: float(g == p))
    assert pairs == [(0, 0), (1, 2)]


def test_haversine_known_distance():
    assert haversine_km(50.45, 30.52, 49.84, 24.03) == pytest.approx(468, abs=5)  # Kyiv-Lviv


def test_time_score():
    gold = [[(0, 6, "DATE", "2023-05-12"), (10, 18, "DURATION", "P1W"), (30, 40, "DATE", "2023-05")]]
    pred = [[(0, 6, "DATE", "2023-05-12"), (12, 18, "DURATION", "P2W"), (50, 55, "DATE", "2024")]]
    result = time.score(gold, pred)
    assert result["span_f1_strict"] == pytest.approx(1 / 3)
    assert result["span_f1_relaxed"] == pytest.approx(2 / 3)
    assert result["type_acc"] == 1.0 and result["value_acc"] == 0.5
    assert result["value_f1"] == pytest.approx(1 / 3)
    assert (result["n_gold"], result["n_pred"]) == (3, 3)


def test_geo_score():
    located = [[(0, 4, 50.45, 30.52), (10, 14, 49.84, 24.03), (20, 24, 46.48, 30.72)]]
    toponyms = [[*located[0], (30, 34, None, None)]]
    pred = [[(0, 4, 50.40, 30.50), (10, 14, 50.45, 30.52), (40, 44, 1.0, 1.0)]]
    result = geo.score(located, toponyms, pred)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["acc_161"] == 0.5 and result["acc_161_all"] == pytest.approx(1 / 3)
    assert result["acc_25"] == 0.5 and result["acc_25_all"] == pytest.approx(1 / 3)  # Lviv put in Kyiv is 468 km out
    assert result["median_km"] == pytest.approx(
        (haversine_km(50.45, 30.52, 50.40, 30.50) + haversine_km(49.84, 24.03, 50.45, 30.52)) / 2
    )
    assert result["ner_p"] == pytest.approx(2 / 3) and result["ner_r"] == 0.5


def test_claims_score_exact_and_partial():
    gold = [
        [
            {"source": [(0, 5)], "cue": [(6, 10)], "content": [(11, 30), (40, 50)]},
            {"source": None, "cue": [(60, 65)], "content": [(66, 80)]},
        ]
    ]
    pred = [
        [
            {"source": [(0, 5)], "cue": [(6, 10)], "content": [(11, 50)]},
            {"source": [(55, 59)], "cue": [(60, 64)], "content": [(70, 75)]},
        ]
    ]
    result = claims.score(gold, pred)
    assert result["source_p_exact"] == 0.5 and result["source_r_exact"] == 1.0
    assert result["cue_f1_exact"] == 0.5 and result["cue_f1_partial"] == 1.0
    assert result["content_f1_exact"] == 0.5 and result["content_f1_partial"] == 1.0
    assert result["n_gold"] == 2


def test_events_score_acled():
    gold = [
        {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Russia (2000-)",
            "actor2": "Military Forces of Ukraine (2019-)",
            "latitude": 48.59,
            "longitude": 37.99,
            "geo_precision": 1,
            "fatalities": 3,
            "event_date": "2023-05-12",
        },
        {
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (Ukraine)",
            "actor2": "",
            "latitude": 50.45,
            "longitude": 30.52,
            "geo_precision": 1,
            "fatalities": 0,
            "event_date": "2023-05-13",
        },
    ]
    pred = [
        {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Military forces of Russia",
            "actor2": "Military Forces of Ukraine",
            "lat": 48.6,
            "lon": 38.0,
            "geo_precision": 1,
            "fatalities": 3,
            "date": "2023-05-12",
        },
        None,
    ]
    result = events.score_acled(gold, pred)
    assert result["found"] == 0.5 and result["type_acc"] == 0.5 and result["actor1_acc"] == 0.5
    assert result["loc_25km"] == 0.5 and result["fatalities_exact"] == 1.0 and result["fatalities_exact_nonzero"] == 1.0
    assert result["date_exact"] == 0.5 and result["n_gold"] == 2


def test_events_score_case():
    result = events.score_case(["AIR_STRIKE", "AIR_STRIKE", "ARREST"], ["AIR_STRIKE", "ARREST", "ARREST"])
    assert result["subtype_acc"] == pytest.approx(2 / 3)
    assert result["subtype_macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert events.case_label({"sub_event_type": "Air/drone strike"}) == "AIR_STRIKE"
    assert events.case_label(None) == events.NO_LABEL


TEXT = "Kyiv said on Friday that two soldiers were killed near Bakhmut. Officials in Moscow denied it."


def _ev(piece, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(piece, start + 1)
    return {"span": (start, start + len(piece)), "text": piece}


def test_seed_score_matches_by_the_gold_rules():
    gold = {
        "places": [{"evidence": "near Bakhmut", "name": "Bakhmut", "lat": 48.59, "lon": 37.99, "tol_km": 10}],
        "times": [{"evidence": "on Friday", "value": "2023-05-12", "type": "DATE"}],
        "actors": [
            {"evidence": "Officials in Moscow", "name": "Government of Russia", "country": "RUS", "sector": "GOV"},
            {"evidence": "Kyiv said", "name": "Government of Ukraine", "country": "UKR", "sector": "GOV"},
        ],
        "claims": [
            {"id": "C1", "speaker": "Government of Ukraine", "evidence": "two soldiers were killed"},
            {"id": "C2", "speaker": "Government of Russia", "evidence": "denied it"},
        ],
        "events": [
            {
                "id": "E1",
                "trigger": "killed",
                "plover": "ASSAULT",
                "place": "Bakhmut",
                "date": "2023-05-12",
                "date_precision": "week",
            }
        ],
        "counts": [{"what": "killed", "value": 2, "evidence": "two soldiers were killed"}],
        "contradictions": [{"claims": ["C1", "C2"]}],
    }
    record = Record(
        article=Article(id="t", published=dt.date(2023, 5, 13), text=TEXT),
        places=[Place(**_ev("Bakhmut"), lat=48.6, lon=38.0), Place(**_ev("Moscow"), lat=55.75, lon=37.6)],
        times=[Time(**_ev("Friday"), type="DATE", value="2023-05-12")],
        actors=[
            Actor(**_ev("Kyiv"), name="Government of Ukraine", kind="state", country="UKR", sector="GOV"),
            Actor(**_ev("Moscow"), name="Government of Russia", kind="state", country="RUS", sector="MIL"),
        ],
        claims=[
            Claim(
                **_ev("two soldiers were killed near Bakhmut"),
                speaker=Evidence(**_ev("Kyiv")),
                speaker_actor=0,
                content=Evidence(**_ev("two soldiers were killed near Bakhmut")),
            ),
            Claim(**_ev("denied it"), speaker=Evidence(**_ev("Kyiv")), content=Evidence(**_ev("denied it"))),
        ],
        events=[Event(**_ev("killed"), plover="ASSAULT", place=0, date="2023-05-10")],
        counts=[
            Count(**_ev("two soldiers"), what="killed", value=2),
            Count(**_ev("two soldiers"), what="people", value=3),
        ],
        pipeline_version="test",
    )
    prediction = seed.SeedPrediction(record, sentences=[(0, 63), (64, len(TEXT))], contradictions=[(0, 1)])
    result = seed.score(gold, TEXT, prediction)
    assert (result["places_found"], result["places_spurious"]) == (1, 1)
    assert result["times_found"] == 1
    assert (result["actors_found"], result["actors_spurious"]) == (1, 1)  # Moscow's sector is wrong
    assert (result["claims_found"], result["claims_spurious"]) == (1, 1)  # C2 is given the wrong speaker
    assert result["events_found"] == 1  # 2023-05-10 is in the same ISO week as 2023-05-12
    assert (result["counts_found"], result["counts_spurious"]) == (1, 1)
    assert (result["contradictions_found"], result["contradictions_gold"]) == (0, 1)  # C2 unmatched
    record.claims[1].speaker = Evidence(**_ev("Officials"))
    assert seed.score(gold, TEXT, prediction)["contradictions_found"] == 1
