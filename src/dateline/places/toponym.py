"""Names the gazetteer knows that no other source of recognition took, and whether each is a place.

Every run of one to three capitalised words (the longest first) that the gazetteer knows by its exact name is a
candidate, whatever the tagger labelled it: "Missile hits Ukraine's Mykolaiv", "after the shelling of Kupiansk",
"KHARKIV (Reuters)". The candidate is described by feature strings (the tagger's label, the words and word classes
either side, whether a place preposition or an attack verb comes before it, the size and kind of the places of that
name, whether the sentence is set like a headline, whether the same name is a person's or a place elsewhere in the
text) and a logistic regression (`dateline train toponym`, `data/models/toponym.json`) decides place or not.

>>> model = ToponymModel.load()  # doctest: +SKIP
>>> model.is_place(candidate_features(span, gazetteer, words, context))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..learn import BinaryModel
from .gazetteer import KINDS, Gazetteer
from .names import fold

MAX_WORDS = 3
POPULATION_STEPS = (1_000, 10_000, 100_000, 1_000_000)
HEADLINE_SHARE = 0.6  # a sentence of this share of capitalised words or more is set like a headline


@dataclass
class TextContext:
    """What the candidates of one document share: its person names and the names already taken as places."""

    person_names: dict[str, set[int]] = field(default_factory=dict)  # folded word -> starts of the PERSON entities
    place_names: set[str] = field(default_factory=set)
    word_classes: Mapping[str, frozenset[str]] = field(default_factory=dict)  # English words (`lemmas.word_classes`)
    headline_sentences: dict[int, bool] = field(default_factory=dict)

    @classmethod
    def of(
        cls, doc: Doc, place_names: Sequence[str], word_classes: Mapping[str, frozenset[str]] | None = None
    ) -> TextContext:
        persons: dict[str, set[int]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                for token in ent:
                    persons.setdefault(fold(token.text), set()).add(ent.start)
        return cls(persons, {fold(n) for n in place_names}, word_classes or {})

    def english(self, token: Token) -> frozenset[str]:
        """The classes of the word as an English common word ("western": adj, noun), none for "Kupiansk"."""
        return self.word_classes.get(token.lower_, frozenset())

    def person_elsewhere(self, span: Span) -> bool:
        """Whether a word of the span is part of a person's name other than the entity the span is in."""
        own = span[0].i if span[0].ent_iob_ == "B" else None
        if own is None and span[0].ent_type_:
            own = next((e.start for e in span.doc.ents if e.start <= span.start < e.end), None)
        return any(self.person_names.get(fold(t.text), set()) - {own} for t in span)

    def headline(self, sent: Span) -> bool:
        if sent.start not in self.headline_sentences:
            self.headline_sentences[sent.start] = set_like_a_headline(sent)
        return self.headline_sentences[sent.start]


def set_like_a_headline(sent: Span) -> bool:
    """Whether most words of a sentence longer than three letters are capitalised ("Russia Shells Nikopol
    Overnight", "KRAMATORSK UNDER FIRE")."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    share = sum(t.is_title or t.is_upper for t in words) / len(words) if words else 0.0
    return len(words) >= 2 and share >= HEADLINE_SHARE


def candidate_spans(
    doc: Doc, taken: set[int], gazetteer: Gazetteer, context: TextContext
) -> Iterator[tuple[Span, np.ndarray]]:
    """Runs of one to three capitalised words outside `taken` that the gazetteer knows, with their entries. In
    running text only a whole run is a candidate ("Eastern Front" is not a place, nor is "Front"); in a sentence set
    like a headline, where every word is capitalised, the longest known run at each word ("Russia Shells Nikopol
    Overnight"). A run does not start with a demonym ("Chechen"), which recognition reads as its country already
    where it is one, nor with a word tagged and known as an English adjective ("Western media")."""
    i = 0
    while i < len(doc):
        if not _may_start(doc[i], taken, gazetteer) or (doc[i].pos_ == "ADJ" and "adj" in context.english(doc[i])):
            i += 1
            continue
        end = i
        while end < len(doc) and end - i <= MAX_WORDS and _capitalised(doc[end]) and end not in taken:
            end += 1
        if context.headline(doc[i].sent):
            found = next(
                (
                    (n, e)
                    for n in range(min(end - i, MAX_WORDS), 0, -1)
                    if (e := _known(doc[i : i + n], gazetteer)).size
                ),
                None,
            )
            if found is not None:
                yield doc[i : i + found[0]], found[1]
                i += found[0]
            else:
                i += 1
            continue
        inside_a_name = i > 0 and _capitalised(doc[i - 1]) and not doc[i].is_sent_start
        if end - i <= MAX_WORDS and not inside_a_name and (entries := _known(doc[i:end], gazetteer)).size:
            yield doc[i:end], entries
        i = end


def _may_start(token: Token, taken: set[int], gazetteer: Gazetteer) -> bool:
    return _capitalised(token) and token.i not in taken and fold(token.text) not in gazetteer.demonyms


def _known(span: Span, gazetteer: Gazetteer) -> np.ndarray:
    return gazetteer.lookup(_as_written(span))


def candidate_features(
    span: Span, entries: np.ndarray, gazetteer: Gazetteer, cue_words: frozenset[str], context: TextContext
) -> list[str]:
    """The feature strings of one candidate."""
    doc = span.doc
    first = span[0]
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    rows = gazetteer.entries[entries]
    largest = rows[int(np.argmax(rows["pop"]))]
    ent = first.ent_type_ or "none"
    whole = first.ent_iob_ == "B" and (after is None or after.ent_iob_ != "I") and all(t.ent_type_ for t in span)
    names = [
        "bias",
        f"ent={ent}",
        f"ent_whole={ent}|{whole}",
        f"pos={first.pos_}",
        f"words={len(span)}",
        f"kind={KINDS[int(largest['kind'])]}",
        f"population={_step(int(largest['pop']))}",
        f"namesakes={min(len(entries), 3)}",
        f"before={before.lower_ if before is not None else '<s>'}",
        f"before_pos={before.pos_ if before is not None else '<s>'}",
        f"after={after.lower_ if after is not None else '</s>'}",
        f"after_pos={after.pos_ if after is not None else '</s>'}",
    ]
    if before is not None and before.lower_ in cue_words:
        names.append("cue_before")
    if before is not None and before.lower_ == "of" and span.start > 1:
        names.append(f"of_after={doc[span.start - 2].lower_}")
    if before is not None and before.pos_ == "VERB":
        names.append(f"object_of={before.lemma_.lower()}")
    if after is not None and after.tag_ == "POS":
        names.append("possessive")
    if before is not None and _capitalised(before):
        names.append("capitalised_before")
    if after is not None and _capitalised(after):
        names.append("capitalised_after")
    if first.is_sent_start:
        names.append("sentence_start")
    if context.headline(first.sent):
        names.append("headline")
    if all(t.is_upper for t in span):
        names.append("upper")
    key = fold(span.text)
    if len(span) == 1:
        names += [f"english={word_class}" for word_class in sorted(context.english(first))]
    if context.person_elsewhere(span):
        names.append("person_elsewhere")
    if key in context.place_names:
        names.append("place_elsewhere")
    return names


class ToponymModel(BinaryModel):
    """Whether a gazetteer-known name that no other source took is a place (weights from `dateline train toponym`)."""

    task = "toponym"

    def is_place(self, names: Sequence[str]) -> bool:
        return self.reaches(names)


def _capitalised(token: Token) -> bool:
    return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 1))


def _as_written(span: Span) -> str:
    """The span's text, title-cased when it is in capitals ("KHARKIV" -> "Kharkiv")."""
    return span.text.title() if span.text.isupper() else span.text


def _step(population: int) -> str:
    return str(sum(population >= step for step in POPULATION_STEPS))


__all__ = ["TextContext", "ToponymModel", "candidate_features", "candidate_spans", "set_like_a_headline"]
