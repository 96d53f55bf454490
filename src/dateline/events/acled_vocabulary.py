"""The keys of ACLED coding, named once: a trigger's key, a cue's key and `from`, a key of the type table.

`data/events.json` writes these keys as strings: each trigger's `acled`, each
rule of `acled_cues` (`key`, `from`) and the `acled` table, which maps a key to
its ACLED (event type, sub-event type). `AcledCue` names every key; `check`
refuses a lexicon that uses a key it does not name.
"""

from __future__ import annotations

from enum import StrEnum

from ..errors import ConfigError, Errors


class AcledCue(StrEnum):
    """A key of ACLED coding; the comment gives its ACLED event and sub-event type or how it is settled."""

    # Explosions/Remote violence
    SHELL = "shell"  # Shelling/artillery/missile attack
    AIR = "air"  # Air/drone strike
    IED = "ied"  # Remote explosive/landmine/IED
    GRENADE = "grenade"  # Grenade
    SUICIDE = "suicide"  # Suicide bomb
    CHEM = "chem"  # Chemical weapon
    # Battles
    CLASH = "clash"  # Armed clash
    REGAIN = "regain"  # Government regains territory
    OVERTAKE = "overtake"  # Non-state actor overtakes territory
    # Violence against civilians
    CIV = "civ"  # Attack (on civilians)
    ABDUCT = "abduct"  # Abduction/forced disappearance
    SEXUAL = "sexual"  # Sexual violence
    # Protests
    PROTEST = "protest"  # Peaceful protest
    INTERVENTION = "intervention"  # Protest with intervention
    FORCE_PROTEST = "force_protest"  # Excessive force against protesters
    # Riots
    RIOT = "riot"  # Violent demonstration
    MOB = "mob"  # Mob violence
    # Strategic developments
    AGREE = "agree"  # Agreement
    ARREST = "arrest"  # Arrests
    DISRUPT = "disrupt"  # Disrupted weapons use
    LOOT = "loot"  # Looting/property destruction
    TRANSFER = "transfer"  # Non-violent transfer of territory
    HQ = "hq"  # Headquarters or base established
    CHANGE = "change"  # Change to group/activity
    OTHER = "other"  # Other
    NONE = "none"  # no ACLED type (the table maps it to null): a threat, an accusation, a crime, an accident
    # Trigger keys the sentence or the participants settle into one of the keys above
    ATTACK = "attack"  # an attack naming no weapon: on civilians (civ), else an armed clash
    EXPLOSION = "explosion"  # an explosion naming no weapon: a remote explosive (ied)
    WITHDRAW = "withdraw"  # a withdrawal: a transfer when another side takes the ground, else a change
    FIRE_NOUN = "fire_noun"  # "fire" the noun: gunfire (attack) or a blaze, as the sentence's cues say
    BURN = "burn"  # burning: looting/property destruction when property burns
    CLAIM = "claim"  # claiming: a claim of responsibility (no ACLED type) when the sentence says so
    ENTER = "enter"  # entering a place: a non-violent transfer when no fighting met it
    ESTABLISH = "establish"  # setting up: territory overtaken, a base (hq) or a new group (change)
    EXCHANGE = "exchange"  # an exchange: an agreement when prisoners or bodies change hands
    RECOVER = "recover"  # recovering: government regains territory when a place is named
    SEND = "send"  # sending: a change to activity when troops or equipment are sent
    # Cue-only keys
    DISCARD = "discard"  # no event at all: a natural disaster ("the storm struck the town")
    ANY = "*"  # in a cue's `from`: whatever the trigger's key


def check(key: str, where: str) -> AcledCue:
    """The member named by a key of the lexicon, or a ConfigError naming the unknown key.

    key (str): the key as the lexicon writes it.
    where (str): where the lexicon writes it, for the message ("acled_cues rule 3, from").
    """
    try:
        return AcledCue(key)
    except ValueError:
        raise ConfigError(Errors.E204.format(key=key, where=where, known=", ".join(AcledCue))) from None


def check_lexicon(data: dict) -> None:
    """Refuse an events lexicon that writes an ACLED key `AcledCue` does not name.

    data (dict): the events lexicon (`data/events.json` or one of the same shape).
    """
    for key in data["acled"]:
        check(key, "the acled table")
    for lemma, trigger in data["triggers"].items():
        check(trigger["acled"], f"trigger {lemma!r}")
    for n, rule in enumerate(data["acled_cues"]["rules"]):
        check(rule["key"], f"acled_cues rule {n}, key")
        for key in rule["from"]:
            check(key, f"acled_cues rule {n}, from")


__all__ = ["AcledCue", "check", "check_lexicon"]
