"""Whether a country or capital named in the text stands for its state: "Russia has amassed troops", "sanctions
against Moscow", "Kyiv's request" — or is the place: "fighting in Ukraine", "fled to Poland", "Kyiv's streets".

The rules describe a mention by feature strings: its grammatical role and the word it hangs off (the verb it is
the subject or object of, the preposition and what the preposition attaches to, the noun it owns), whether that
word is a verb of saying, of being or lying, or an institution (`data/geo.json`), the words either side, and
whether the name is a country or a city. A logistic regression (`dateline train metonymy`,
`data/models/metonymy.json`) weighs them; a mention at or over the model's threshold is a `metonym`.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from ..learn import BinaryModel
from .recognise import PlaceWords

CLIMB = frozenset({"conj", "appos", "compound"})  # "Britain and Russia pledged": Russia takes Britain's role


def features(span: Span, words: PlaceWords, kind: str) -> list[str]:
    """The feature strings of a country or city mention (`kind` "country" or "city")."""
    root = span.root
    while root.dep_ in CLIMB and root.head is not root and root.head.ent_type_ in ("GPE", "LOC", "NORP", ""):
        if root.dep_ == "compound" and root.head.pos_ != "PROPN":
            break
        root = root.head
    head = root.head
    dep, lemma = root.dep_, head.lemma_.lower()
    names = ["bias", f"kind={kind}", f"dep={dep}", f"dep_head={dep}|{lemma}", f"head_pos={dep}|{head.pos_}"]
    if dep in ("nsubj", "nsubjpass"):
        names.append(f"subject_of={_verb_class(lemma, words)}")
        names += [f"subject_aux={c.lower_}" for c in head.children if c.dep_ == "aux" and c.lower_ in AUX_WORDS]
    if dep in ("poss", "compound", "amod", "nmod"):
        names.append(f"owns={'institution' if lemma in words.institution_nouns else head.pos_}")
    if dep == "pobj":
        governor = head.head
        names += [
            f"prep={lemma}",
            f"prep_attaches={lemma}|{governor.pos_}",
            f"prep_governor={lemma}|{governor.lemma_.lower()}",
        ]
        if governor.lemma_.lower() in words.institution_nouns:
            names.append("prep_of_institution")
    if dep == "dobj":
        names.append(f"object_of={_verb_class(lemma, words)}")
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else "<s>"
    after = doc[span.end].lower_ if span.end < len(doc) else "</s>"
    names += [f"before={before}", f"after={after}"]
    if after in ("'s", "’s"):
        names.append("possessive")
    if span.start == span.sent.start:
        names.append("sentence_start")
    return names


AUX_WORDS = frozenset({"has", "have", "had", "will", "would", "is", "was", "are", "were", "could", "may"})


def _verb_class(lemma: str, words: PlaceWords) -> str:
    if lemma in words.saying_verbs:
        return "saying"
    if lemma in words.place_verbs:
        return "place_verb"
    return lemma


class MetonymyModel(BinaryModel):
    """Whether a mention stands for its state (weights from `dateline train metonymy`)."""

    task = "metonymy"

    def is_metonym(self, names: Sequence[str]) -> bool:
        return self.reaches(names)


__all__ = ["MetonymyModel", "features"]
