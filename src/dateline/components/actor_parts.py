"""The pieces of `dateline_actors` that are not the component: an actor while it is being found, and the span
helpers that cut mentions ("the Russian troops" -> "Russian troops", a mention up to its line break)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..text import trim_span

ROLE_POS = ("NOUN", "PROPN", "ADJ")  # the parts of speech of a role's words
# collective heads that name one group: "troops" and "soldiers" of one country are one actor
SAME_GROUP = {
    "troop": "force",
    "soldier": "force",
    "unit": "force",
    "serviceman": "force",
    "defender": "force",
    "military": "army",
    "official": "authority",
    "government": "authority",
}


@dataclass
class _Actor:
    name: str
    kind: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    country: str | None = None  # ISO3
    sector: str | None = None
    gender: str | None = None

    head: str | None = None

    def key(self) -> tuple:
        if self.kind in ("person", "organisation"):
            return (self.kind, self.name)
        return (self.kind, self.country, self.sector, self.head)


def _phrases_rx(phrases: Iterable[str]) -> re.Pattern:
    """One pattern for many phrases, longest first, on word boundaries."""
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, phrases), key=len, reverse=True)) + r")\b")


def _collective_span(doc: Doc, token: Token, key: str, modifiers: list[Token]) -> Span:
    """A collective noun with its modifiers, without a leading article or quantifier ("the Russian troops")."""
    start = min([token.i - (0 if key == token.lower_ else 1), *(m.left_edge.i for m in modifiers)])
    span = doc[start : token.i + 1]
    while span and span[0].lower_ in ("the", "a", "an", "some", "many", "several"):
        span = doc[span.start + 1 : span.end]
    return span


def _first_line(span: Span) -> Span:
    """The span up to its first line break: a mention never runs across lines or paragraphs."""
    for token in span[1:]:
        if "\n" in token.text:
            return span.doc[span.start : token.i]
    return span


def _run_start(doc: Doc, last: int, keep: Callable[[Token], bool]) -> int:
    """Where the run of tokens that `keep` accepts, ending at `last` and read backwards, begins."""
    i = last
    while i >= 0 and keep(doc[i]):
        i -= 1
    return i + 1


def _role_word(token: Token) -> bool:
    return token.pos_ in ROLE_POS and token.ent_type_ != "PERSON" and not token.is_punct


def _modifier_word(token: Token) -> bool:
    return token.pos_ in ROLE_POS and not token.is_punct


def _trim_possessive(span: Span) -> Span:
    """The span without a trailing possessive or punctuation ("Russia's" -> "Russia"), keeping one token."""
    return trim_span(span, tail=lambda t: t.tag_ == "POS" or t.is_punct, keep=1)


def _trim_article(span: Span) -> Span:
    """The span without leading articles and a trailing possessive, keeping one token."""
    return _trim_possessive(trim_span(span, lead=lambda t: t.lower_ in ("the", "a", "an"), keep=1))


def _organisation_name(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)


def _defined_abbreviations(doc: Doc, found: Iterable[tuple[Span, _Actor]]) -> dict[str, _Actor]:
    """Abbreviations the text defines for an organisation: "the Ministry of Defence (MoD)", "(ISW)"."""
    aliases: dict[str, _Actor] = {}
    for span, actor in found:
        end = span.end
        if actor.kind == "organisation" and end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            word = doc[end + 1].text
            if 2 <= len(word) <= 6 and word[0].isupper() and sum(c.isupper() for c in word) >= 2:
                aliases.setdefault(word, actor)
    return aliases


def _join_pronouns(doc: Doc, actors: list[_Actor], by_token: dict[int, int], pronouns: Iterable[str]) -> None:
    """'he' and 'she' as subjects join the last person named before them, within three sentences."""
    last: int | None = None
    sentences_since = 0
    for sent in doc.sents:
        sentences_since += 1
        for token in sent:
            owner = by_token.get(token.i)
            if owner is not None and actors[owner].kind == "person":
                last, sentences_since = owner, 0
            elif (
                token.lower_ in pronouns
                and token.dep_ in ("nsubj", "nsubjpass", "poss")
                and last is not None
                and sentences_since <= 3
            ):
                by_token[token.i] = last
                actors[last].spans.append((token.idx, token.idx + len(token.text)))
