"""ACLED event and sub-event types of an event mention, from its trigger, its sentence and its participants.

The trigger gives a key ("shell", "attack", "withdraw"); ordered cues over the
sentence (`acled_cues` in the events lexicon, written from ACLED's sub-event
definitions) refine it: the weapon named, disasters, crime, looting, bases set
up. Then the participants settle it: whom an attack hit (civilians: Attack;
positions: Armed clash), who is violent around a protest, who took ground.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..events.acled_vocabulary import AcledCue, check_lexicon
from .base import ACTORS, doc_text

MEANS = frozenset({AcledCue.SHELL, AcledCue.AIR, AcledCue.IED, AcledCue.GRENADE, AcledCue.SUICIDE, AcledCue.CHEM})
VIOLENT = frozenset({AcledCue.ATTACK, AcledCue.CLASH, AcledCue.CIV})  # violence that may be around a protest
TERRITORY = frozenset({AcledCue.REGAIN, AcledCue.OVERTAKE})  # ground taken: by whom settles which
TAKEN_BY_NON_STATE = frozenset({"REB", "PMC"})  # rebels and private military companies: they overtake
ATTEMPT_DEPS = frozenset({"xcomp", "acl", "relcl"})


class AcledCoder:
    """Codes event mentions in ACLED's types; built from the events lexicon, whose keys must be `AcledCue`s."""

    def __init__(self, data: dict) -> None:
        check_lexicon(data)
        self.types: dict[str, list[str] | None] = data["acled"]
        self.cues = [
            (
                frozenset(map(AcledCue, rule["from"])),
                re.compile(rule["pattern"], re.IGNORECASE),
                AcledCue(rule["key"]),
                rule.get("category"),
                re.compile(rule["unless"], re.IGNORECASE) if rule.get("unless") else None,
            )
            for rule in data["acled_cues"]["rules"]
        ]
        self.civilian_rx = _words_rx(data["civilian_words"])
        self.military_target_rx = _words_rx(data["military_target_words"])
        self.armed_group_rx = _words_rx(data["armed_group_words"])
        self.protest_rx = _words_rx(data["protest_words"])
        self.security_sectors = frozenset(data["security_sectors"])
        self.security_nouns = frozenset(data["security_nouns"])
        self.riot_rx = next((rx for _, rx, key, *_ in self.cues if key == AcledCue.RIOT), None)
        self.force_rx = next((rx for _, rx, key, *_ in self.cues if key == AcledCue.FORCE_PROTEST), None)
        self.attempt_words = frozenset(data["attempt_words"])

    def code(
        self, doc: Doc, sent: Span, token: Token, trigger: dict, source: int | None
    ) -> tuple[list[str] | str | None, str | None, bool, bool]:
        """ACLED (event type, sub-event type) or "discard", the event's category, whether a cue of its sentence
        decided them, and whether the mention names its means."""
        text = doc_text(doc)[sent.start_char : sent.end_char]
        key, category, cued = self._cue(trigger["acled"], trigger.get("category"), text)
        means = trigger["acled"] in MEANS or cued and key in MEANS
        if key == AcledCue.DISCARD:
            return key, category, cued, means
        return self.types.get(self._settle(doc, token, key, cued, text, source)), category, cued, means

    def _cue(self, key: str, category: str | None, text: str) -> tuple[str, str | None, bool]:
        """The first cue of the lexicon that applies to this key and matches the sentence."""
        for keys, pattern, cue_key, cue_category, unless in self.cues:
            if (key in keys or AcledCue.ANY in keys) and pattern.search(text) and not (unless and unless.search(text)):
                return cue_key, cue_category or category, True
        return key, category, False

    def _settle(self, doc: Doc, token: Token, key: str, cued: bool, text: str, source: int | None) -> str:
        """The ACLED key once the participants are weighed: who is hurt, who acts, whether ground changed hands."""
        if key == AcledCue.WITHDRAW:  # nobody took the ground over: the withdrawing side changed what it does
            return AcledCue.CHANGE
        if (key in VIOLENT or key == AcledCue.SHELL and not cued) and self.protest_rx.search(text):
            return self._protest_violence(doc, token, source, text)  # protesters clash; police fire on them
        if key == AcledCue.ATTACK:  # no weapon named: an attack on civilians, else a fight between armed groups
            return AcledCue.CIV if self._on_civilians(token, text) else AcledCue.CLASH
        if key == AcledCue.EXPLOSION:
            return AcledCue.IED
        if key == AcledCue.CIV and not self.civilian_rx.search(text):
            return AcledCue.CLASH
        if key in TERRITORY:
            return self._who_took_ground(doc, token, key, source)
        return key

    def _who_took_ground(self, doc: Doc, token: Token, key: str, source: int | None) -> str:
        """Territory taken: by the government (regain) or a non-state actor (overtake), as the trigger's source or
        subject says; an attempt to take it ("an attack to capture the positions was repelled") is a clash."""
        if token.dep_ in ATTEMPT_DEPS and token.head.lemma_.lower() in self.attempt_words:
            return AcledCue.CLASH
        if source is not None and doc._.get(ACTORS)[source].sector:
            return AcledCue.OVERTAKE if doc._.get(ACTORS)[source].sector in TAKEN_BY_NON_STATE else AcledCue.REGAIN
        subject = " ".join(t.text for c in token.children if c.dep_ == "nsubj" for t in c.subtree)
        if self.armed_group_rx.search(subject):
            return AcledCue.OVERTAKE
        if any(w in subject.lower().split() for w in self.security_nouns):
            return AcledCue.REGAIN
        return key

    def _on_civilians(self, token: Token, text: str) -> bool:
        """Whether an attack hit civilians: not when its object names soldiers or positions ("attacked the army's
        positions near the village"), else when the sentence names civilians."""
        target = " ".join(t.text for c in token.children if c.dep_ in ("dobj", "prep") for t in c.subtree)
        if target and self.military_target_rx.search(target):
            return False
        return bool(self.civilian_rx.search(text))

    def _protest_violence(self, doc: Doc, token: Token, source: int | None, text: str) -> str:
        """Violence around a protest: the protesters' own (Violent demonstration), police or troops using force on
        them (Excessive force), or others attacking them (Mob violence)."""
        if self.riot_rx is not None and self.riot_rx.search(text):
            return AcledCue.RIOT
        if self._by_security_forces(doc, token, source, text):
            return AcledCue.FORCE_PROTEST
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        objects = [c for c in token.children if c.dep_ in ("dobj", "prep")]
        protest_in = lambda tokens: any(self.protest_rx.search(t.text) for c in tokens for t in c.subtree)  # noqa: E731
        return AcledCue.MOB if subjects and not protest_in(subjects) and protest_in(objects) else AcledCue.RIOT

    def _by_security_forces(self, doc: Doc, token: Token, source: int | None, text: str) -> bool:
        """Whether the violence around a protest is done by police or troops: the trigger's subject says so, else
        the sentence names them and how they used force ("security forces opened fire on protesters")."""
        if source is not None:
            return doc._.get(ACTORS)[source].sector in self.security_sectors
        while token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
            token = token.head
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
        if subjects:
            return any(t.lower_ in self.security_nouns for s in subjects for t in s.subtree)
        return bool(
            self.force_rx and self.force_rx.search(text) and any(w in text.lower().split() for w in self.security_nouns)
        )


def _words_rx(words: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


__all__ = ["MEANS", "AcledCoder"]
