"""Whether a candidate the claims rules find is a claim: "Russia denied the attack", not "the US supports Kyiv
with weapons" or "Russia seeks to expand".

Many cue words are claims in one sentence and acts, goals or commitments in another (support, back, pledge,
seek, show, see, call, welcome, approve). The rules describe a candidate by feature strings: the cue's lemma and
word class, how its content hangs off it (a clause, a quotation, a "to"-infinitive, a noun phrase and what kind),
the content's first word and length, who the speaker is (a person, an organisation, a pronoun, a document, none),
tense, modality and negation. A logistic regression (`dateline train claimness`, `data/models/claimness.json`)
weighs them; a candidate under the model's threshold is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from ..components.base import ACTOR_OF_TOKEN
from ..learn import BinaryModel
from .speaker import PRONOUNS, RELATIVES

CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis"})
MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "must", "shall"})
FIRST_WORDS = frozenset({"that", "to", "the", "a", "for", "with"})
QUOTES = frozenset('"“”‘’«»')
DOCUMENT_WORDS = frozenset(
    {"report", "resolution", "statement", "document", "documents", "data", "study", "letter", "decree", "survey"}
)


def cue_head(cue: Token | Span | None) -> Token | None:
    """The word of a cue that carries its meaning: the verb of "has said", "according" of "according to"."""
    if cue is None or isinstance(cue, Token):
        return cue
    verbs = [t for t in cue if t.pos_ in ("VERB", "NOUN")]
    return (verbs or [cue.root])[-1]


def features(source: Span | None, cue: Token | Span | None, content: Span) -> list[str]:
    """The feature strings of one candidate (source, cue, content) of the claims rules."""
    head = cue_head(cue)
    lemma = head.lemma_.lower() if head is not None else "none"
    shape = _content_shape(content)
    speaker = _speaker_kind(source)
    quoted = any(t.text in QUOTES for t in content[:2]) or any(t.text in QUOTES for t in content[-2:])
    names = [
        "bias",
        f"lemma={lemma}",
        f"cue_pos={head.pos_ if head is not None else 'none'}",
        f"content={shape}",
        f"lemma_content={lemma}|{shape}",
        f"speaker={speaker}",
        f"lemma_speaker={lemma}|{speaker}",
        f"first={content[0].lower_ if content[0].lower_ in FIRST_WORDS else content[0].pos_}",
        f"length={_bucket(len(content))}",
        f"quoted={quoted}",
        f"finite_verb_in_content={any(t.morph.get('VerbForm') == ['Fin'] for t in content)}",
    ]
    if head is not None:
        names += _verb_features(head, lemma)
    return names


def _verb_features(head: Token, lemma: str) -> list[str]:
    children = list(head.children)
    names = [f"tag={head.tag_}"]
    if any(c.lower_ in MODALS for c in children if c.dep_ == "aux"):
        names += ["modal", f"lemma_modal={lemma}"]
    if any(c.dep_ == "neg" for c in children):
        names.append("negated")
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        names.append("passive")
    if head.dep_ in ("xcomp", "ccomp") and head.head.pos_ == "VERB":
        names.append(f"governed_by={head.head.lemma_.lower()}")
    if any(c.dep_ == "dobj" for c in children) and any(c.dep_ == "ccomp" for c in children):
        names.append("object_and_clause")
    return names


def _content_shape(content: Span) -> str:
    """How the content hangs off the cue: clause, quotation, infinitive, a noun phrase by its head's kind."""
    root = content.root
    if content[0].text in QUOTES:
        return "quote"
    if content[0].lower_ == "to" and content[0].tag_ == "TO":
        return "infinitive"
    if content[0].lower_ == "that" or root.dep_ in CLAUSE_DEPS or root.pos_ in ("VERB", "AUX"):
        return "clause"
    if root.ent_type_ in ("GPE", "NORP", "PERSON", "ORG"):
        return "np_name"
    if root.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
        return "np_amount"
    if root.pos_ in ("NOUN", "PROPN"):
        return "np"
    return root.pos_.lower()


def _speaker_kind(source: Span | None) -> str:
    if source is None:
        return "none"
    root = source.root
    if any(t.lower_ in RELATIVES and t.tag_ in ("WDT", "WP") for t in source):
        return "relative"
    if len(source) == 1 and root.lower_ in PRONOUNS:
        return "pronoun"
    if root.lower_ in DOCUMENT_WORDS:
        return "document"
    actors = source.doc._.get(ACTOR_OF_TOKEN) or {}
    if any(t.i in actors for t in source):
        return "actor_" + (root.ent_type_.lower() or root.pos_.lower())
    return "other_" + (root.ent_type_.lower() or root.pos_.lower())


def _bucket(n: int) -> str:
    return "1-2" if n <= 2 else "3-5" if n <= 5 else "6-12" if n <= 12 else "13+"


class ClaimnessModel(BinaryModel):
    """Whether a candidate is a claim (weights from `dateline train claimness`)."""

    task = "claimness"

    def keeps(self, names: Sequence[str]) -> bool:
        return self.reaches(names)


__all__ = ["ClaimnessModel", "cue_head", "features"]
