import copy

import pytest

from dateline.components.acled import AcledCoder
from dateline.errors import ConfigError
from dateline.events.acled_vocabulary import AcledCue, check_lexicon
from dateline.lexicon import load_json


def test_every_acled_key_of_the_shipped_lexicon_is_a_cue():
    data = load_json("events.json")
    keys = set(data["acled"]) | {t["acled"] for t in data["triggers"].values()}
    for rule in data["acled_cues"]["rules"]:
        keys |= {rule["key"], *rule["from"]}
    assert keys <= set(AcledCue)
    check_lexicon(data)


@pytest.mark.parametrize(
    "where",
    ["table", "trigger", "cue_key", "cue_from"],
)
def test_an_unknown_acled_key_is_refused(where):
    data = copy.deepcopy(load_json("events.json"))
    if where == "table":
        data["acled"]["shelling"] = data["acled"]["shell"]
    elif where == "trigger":
        next(iter(data["triggers"].values()))["acled"] = "shelling"
    elif where == "cue_key":
        data["acled_cues"]["rules"][0]["key"] = "shelling"
    else:
        data["acled_cues"]["rules"][0]["from"].append("shelling")
    with pytest.raises(ConfigError, match=r"\[E204\].*'shelling'"):
        AcledCoder(data)


def test_a_cue_equals_its_key():
    assert AcledCue.SHELL == "shell" and {"shell": 1}[AcledCue.SHELL] == 1
