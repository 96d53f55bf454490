"""The PLOVER type of an event mention: the trigger word's type, unless its object and context say another.

The lexicon (`data/events.json`) gives each trigger word one type, but a verb's type often lies in what it takes:
"pledged 2 billion euros" is AID where "pledged to respect the border" is AGREE; "pulled out of the market" is
SANCTION where "pulled its troops out" is RETREAT; "pushed back against the claims" is ACCUSE where "pushed back
the assault" is ASSAULT. `features` describes a trigger by the lexicon's type (as a feature, not the answer), its
lemma and particle, the words of its object, complement and prepositional phrases, its subject's kind and the
word it hangs off; `PloverTypeModel` scores the 16 types with the multinomial logistic regression trained by
`dateline.learn.plover_type` (`data/models/plover_type.json`) and keeps the lexicon's type unless another is
likelier by the model's margin.

>>> model = PloverTypeModel.load()  # doctest: +SKIP
>>> model.choose(["bias", "rule=AGREE", "lemma=pledge", "obj_money"], "AGREE")  # doctest: +SKIP
'AID'
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..learn import MulticlassModel

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
# The types the model re-decides among: where the object tells them apart ("pledged aid" / "pledged to respect"),
# its cross-validated accuracy is .70 against the lexicon's .58; on the conflict types it gains little (.78 / .77),
# and their ACLED coding stays with the lexicon's words and cues.
COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
WORDS_PER_PHRASE = 6
CURRENCY_SIGNS = frozenset("$€£¥₴₽")
CURRENCIES = frozenset(
    {"dollar", "euro", "pound", "hryvnia", "rouble", "ruble", "yen", "yuan", "franc", "krona", "kronor", "zloty"}
)


def features(token: Token, key: str, rule: str | None) -> list[str]:
    """The feature strings of a trigger token whose lexicon entry is `key` with type `rule` (None: no entry)."""
    lemma = token.lemma_.lower()
    rule = rule or "none"
    found = ["bias", f"rule={rule}", f"lemma={lemma}", f"rule_pos={rule}_{token.pos_}"]
    if key != lemma:
        found.append(f"key={key}")
    if any(c.dep_ == "neg" for c in token.children):
        found.append("negated")
    for child in token.children:
        found += _child_features(child, lemma)
    found += _governor(token)
    return found


def _child_features(child: Token, lemma: str) -> list[str]:
    dep = child.dep_
    if dep == "prt":
        return [f"prt={child.lower_}", f"lemma_prt={lemma}_{child.lower_}"]
    if dep == "prep":
        found = [f"prep={child.lower_}", f"lemma_prep={lemma}_{child.lower_}"]
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            found += _phrase(pobj, f"{child.lower_}_obj")
        return found
    if dep in OBJECT_DEPS:
        return _phrase(child, "obj")
    if dep in ("xcomp", "ccomp"):
        return [f"{dep}={child.lemma_.lower()}", *_phrase_objects(child)]
    if dep in SUBJECT_DEPS:
        return [f"subj={child.ent_type_ or ('PRON' if child.pos_ == 'PRON' else child.lemma_.lower())}"]
    if dep in ("compound", "amod") and child.pos_ in CONTENT_POS:
        return [f"mod={child.lemma_.lower()}"]
    return []


def _phrase(head: Token, role: str) -> list[str]:
    """A noun phrase as features: its head word, entity type, content words, whether it is a sum of money."""
    found = [f"{role}={head.lemma_.lower()}", f"{role}_ent={head.ent_type_ or 'none'}"]
    words = [t for t in head.subtree if t.pos_ in CONTENT_POS and t.i != head.i][:WORDS_PER_PHRASE]
    found += [f"{role}_w={t.lemma_.lower()}" for t in words]
    found += [f"w={t.lemma_.lower()}" for t in [head, *words]]
    if any(t.ent_type_ == "MONEY" or t.text in CURRENCY_SIGNS or t.lemma_.lower() in CURRENCIES for t in head.subtree):
        found.append(f"{role}_money")
    return found


def _phrase_objects(verb: Token) -> list[str]:
    """The object of a complement verb ("agreed to send tanks"): its head word and content words."""
    found = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            found += _phrase(child, "comp_obj")
    return found


def _governor(token: Token) -> list[str]:
    head = token.head
    if token.dep_ == "ROOT":
        return ["gov=root"]
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head is not head:
        return [f"gov={head.head.lemma_.lower()}_{head.lower_}"]
    return [f"gov={head.lemma_.lower()}", f"gov_dep={token.dep_}"]


class PloverTypeModel(MulticlassModel):
    """Which PLOVER type a trigger names (weights from `dateline train plover_type`)."""

    task = "plover_type"

    def __init__(self, model: dict) -> None:
        super().__init__(model)
        self.margin: float = model.get("margin", 0.0)

    def choose(self, names: Iterable[str], rule: str) -> str:
        """The likeliest type when it beats the lexicon's type `rule` by the margin, else `rule`."""
        probs = self.probabilities(names)
        best = max(probs, key=probs.__getitem__)
        return best if best != rule and probs[best] - probs.get(rule, 0.0) >= self.margin else rule


__all__ = ["COOPERATION", "PLOVER_TYPES", "PloverTypeModel", "features"]
