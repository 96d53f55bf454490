"""Eventness of an event mention: a specific act (`event`), earlier or ongoing context (`background`), or `none`.

A trigger word is not yet an event: "the war", "support for Ukraine", "the fight for freedom", a slogan, a
document's title, a metaphor, a hypothetical or a question tell no specific act. `features` describes a
candidate mention by its trigger (lemma, part of speech, determiner, number, modifiers, the word it hangs off),
its mood (modal, conditional, question, negation, imperative, quotation, headline), the tense of its verb, its
date against the article's and its participants and place, as feature strings; `EventnessModel` scores them
with the logistic regression trained by `dateline.learn.eventness` (weights in `data/models/eventness.json`).

>>> model = EventnessModel.load()  # doctest: +SKIP
>>> model.label(["bias", "lemma=war", "det=the"])  # doctest: +SKIP
'none'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..learn import MulticlassModel
from ..schema import Event
from .base import CLAIMS, PUBLISHED, TIMES, doc_text

LABELS = ("event", "background", "none")
MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "will", "shall", "'d", "ought"})
CONDITIONS = frozenset({"if", "unless", "whether", "once", "until"})
QUOTES = frozenset('"“”«»')
YEAR_RX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def features(doc: Doc, token: Token, event: Event) -> list[str]:
    """The feature strings of a candidate event mention (its trigger token and the event coded from it)."""
    sent = token.sent
    lemma = token.lemma_.lower()
    found = [
        "bias",
        f"lemma={lemma}",
        f"lemma_tag={lemma}_{token.tag_}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"type={event.plover or event.category}",
        f"status={event.status}",
    ]
    found += _noun_features(token, lemma) if token.pos_ == "NOUN" else _verb_features(token)
    found += _mood_features(doc, sent, token)
    found += _time_features(doc, sent, event)
    found += _context_features(doc, sent, token, event)
    return found


def _noun_features(token: Token, lemma: str) -> list[str]:
    """Determiner, number, modifiers and governor of a noun trigger ("the war", "Russia's attacks on Kharkiv")."""
    children = list(token.children)
    det = next((c.lower_ for c in children if c.dep_ in ("det", "predet")), None)
    det = {"an": "a", "these": "this", "those": "that", "that": "this"}.get(det or "", det) or "none"
    poss = any(c.dep_ == "poss" for c in children)
    mods = [c for c in children if c.dep_ in ("amod", "compound", "nummod", "nmod")]
    preps = sorted({c.lower_ for c in children if c.dep_ == "prep"})
    found = [f"det={det}", f"lemma_det={lemma}_{det}", "plural" if token.tag_ == "NNS" else "singular"]
    found += ["poss"] * poss + ["modified"] * bool(mods) + [f"prep={p}" for p in preps]
    if det in ("the", "none") and not poss and not mods and not preps:
        found.append(f"bare_{det}")
    if any(c.dep_ in ("acl", "relcl") for c in children):
        found.append("clause_mod")
    found += _governor(token)
    return found


def _governor(token: Token) -> list[str]:
    """The word a noun trigger hangs off: a verb ("launched an attack"), a noun ("the fight for freedom"), "be"."""
    head, dep = token.head, token.dep_
    if dep == "pobj" and head.dep_ == "prep" and head.head is not head:
        return [f"under_prep={head.lower_}", f"under={head.head.lemma_.lower()}", f"under_pos={head.head.pos_}"]
    if head.i == token.i:
        return ["gov=root"]
    found = [f"gov={head.lemma_.lower()}", f"gov_pos={head.pos_}"]
    if head.lemma_ == "be":
        found.append(f"copula_{dep}")
    return found


def _verb_features(token: Token) -> list[str]:
    """Tense, aspect, voice, subject and the clause a verb trigger heads."""
    auxes = sorted({c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "auxpass")})
    found = [f"aux={a}" for a in auxes] or ["aux=none"]
    if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent") for c in token.children):
        found.append("no_subject")
    if token.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl", "conj"):
        found.append(f"clause_of={token.head.lemma_.lower()}")
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            role = "obj" if child.dep_ == "dobj" else "subj"
            found.append(f"{role}={_word_class(child)}")
    return found


def _word_class(token: Token) -> str:
    """A participant as a feature: its entity type, "PRON", or its lemma ("released [a statement]")."""
    if token.ent_type_:
        return token.ent_type_
    return "PRON" if token.pos_ == "PRON" else token.lemma_.lower()


# (feature, how many of the trigger and its first ancestors to look under, the child word that marks it)
CLAUSE_MOODS = (
    ("modal", 4, lambda c: c.dep_ == "aux" and c.lower_ in MODALS),
    ("conditional", 4, lambda c: c.dep_ == "mark" and c.lower_ in CONDITIONS),
    ("negated", 2, lambda c: c.dep_ == "neg" or c.lower_ in ("no", "never")),
)


def _mood_features(doc: Doc, sent: Span, token: Token) -> list[str]:
    """Whether the mention is asked, supposed, negated, ordered, quoted or part of a headline-like line."""
    chain = [token, *list(token.ancestors)[:3]]
    found = [name for name, depth, marks in CLAUSE_MOODS if any(marks(c) for t in chain[:depth] for c in t.children)]
    text = doc_text(doc)[sent.start_char : sent.end_char].strip()
    found += _sentence_mood(doc, sent, token, text)
    found += _line_features(text, token, sent)
    return found


def _sentence_mood(doc: Doc, sent: Span, token: Token, text: str) -> list[str]:
    """A question, an exclamation, an order, or a mention inside a quotation."""
    found = []
    if text.endswith("?"):
        found.append("question")
    if text.endswith("!"):
        found.append("exclaim")
    root = sent.root
    if root.tag_ == "VB" and root.i == _first_word(sent) and not any(c.dep_ == "nsubj" for c in root.children):
        found.append("imperative")
    before = doc_text(doc)[sent.start_char : token.idx]
    if sum(ch in QUOTES for ch in before) % 2 == 1:
        found.append("in_quote")
    return found


def _first_word(sent: Span) -> int:
    return next((t.i for t in sent if not t.is_punct and not t.is_space), sent.start)


def _line_features(text: str, token: Token, sent: Span) -> list[str]:
    """A headline, slogan or title: no verb, no final stop, capitalised words."""
    words = [t for t in sent if t.is_alpha]
    found = []
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        found.append("no_verb")
    if text and text[-1] not in ".!?\"'”»":
        found.append("no_final_stop")
    if words and sum(t.is_upper for t in words) / len(words) > 0.6:
        found.append("caps_line")
    elif len(words) > 2 and sum(t.is_title for t in words) / len(words) > 0.6:
        found.append("title_line")
    if token.is_title and token.i != _first_word(sent):
        found.append("capitalised")
    found.append(f"sent_len={min(len(words) // 8, 5)}")
    return found


def _time_features(doc: Doc, sent: Span, event: Event) -> list[str]:
    """How far the event's date lies from the article date, and whether the sentence names an older year."""
    published = doc._.get(PUBLISHED)
    if not isinstance(published, dt.date):
        return ["date=unknown"]
    found = [f"date_prec={event.date_precision}"]
    if event.date == published.isoformat():
        found.append("date=article")
    else:
        found.append(f"date={_date_distance(event.date, published)}")
    years = [
        int(t.value[:4])
        for t in doc._.get(TIMES)
        if sent.start_char <= t.span[0] < sent.end_char and t.value[:4].isdigit()
    ]
    if any(year < published.year - 1 for year in years):
        found.append("sent_old_year")
    if any(t.lower_ in ("since", "ago", "ongoing", "continue", "continues", "continuing") for t in sent):
        found.append("sent_since")
    return found


def _date_distance(value: str | None, published: dt.date) -> str:
    match = YEAR_RX.match(value or "")
    if match is None:
        return "present" if (value or "").endswith("_REF") else "other"
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < published.year - 1:
        return "years_before"
    if day is None:
        return "year_before" if year < published.year else ("later" if year > published.year else "this_year")
    try:
        days = (published - dt.date(year, month or 1, day)).days
    except ValueError:  # "2023-02-30"
        return "other"
    if days < 0:
        return "later"
    return "week" if days <= 7 else "month" if days <= 31 else "year" if days <= 366 else "years_before"


def _context_features(doc: Doc, sent: Span, token: Token, event: Event) -> list[str]:
    """Participants, place, counts and the ACLED coding of the mention."""
    found = []
    if event.source_actor is not None:
        found.append("has_source")
    if event.target_actor is not None:
        found.append("has_target")
    if event.place is not None:
        found.append("has_place")
    if event.counts:
        found.append("has_counts")
    if event.acled_sub_event_type:
        found.append(f"acled={event.acled_sub_event_type}")
    if any(c.content.span[0] <= token.idx < c.content.span[1] for c in doc._.get(CLAIMS)):
        found.append("in_claim")
    return found


class EventnessModel(MulticlassModel):
    """A multinomial logistic regression over feature strings (weights from `dateline train eventness`)."""

    task = "eventness"

    def __init__(self, model: dict) -> None:
        super().__init__(model)
        self.threshold: float = model.get("none_threshold", 0.5)

    def label(self, names: Sequence[str]) -> str:
        """`none` when its probability reaches the threshold, else the likelier of `event` and `background`."""
        probs = self.probabilities(names)
        if probs["none"] >= self.threshold:
            return "none"
        return "background" if probs["background"] > probs["event"] else "event"


__all__ = ["LABELS", "EventnessModel", "features"]
