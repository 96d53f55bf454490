from dateline.events.place import Candidate, EventPlaceModel, rule_choice


def _candidate(index, kind, features, rule=False):
    return Candidate(index, 1, kind, ["bias", *features], rule=rule)


def test_event_place_model_takes_the_most_probable_candidate_above_its_threshold():
    model = EventPlaceModel({"bias": -1.0, "kind=previous": 1.5, "kind=main": 0.5}, threshold=0.5)
    previous, main = _candidate(0, "previous", ["kind=previous"]), _candidate(1, "main", ["kind=main"])
    assert model.choose([main, previous]) is previous
    assert model.choose([main]) is None  # probability 0.38: below the threshold
    assert model.choose([]) is None


def test_event_place_rule_takes_the_sentence_pick_else_the_previous_place():
    pick = _candidate(2, "mention", [], rule=True)
    previous = _candidate(0, "previous", [], rule=True)
    assert rule_choice([_candidate(1, "mention", []), previous, pick]) is pick
    assert rule_choice([_candidate(3, "source_state", []), previous]) is previous
    assert rule_choice([_candidate(3, "source_state", [])]) is None


def test_event_place_model_falls_back_to_the_previous_place_then_the_acting_state_when_unsure():
    model = EventPlaceModel({"bias": -2.0}, threshold=0.4)
    previous, source = _candidate(0, "previous", []), _candidate(1, "source_state", [])
    main = _candidate(2, "main", [])
    assert model.choose([main, source, previous]) is previous
    assert model.choose([main, source]) is source
    assert model.choose([main]) is None
