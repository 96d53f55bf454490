"""The date of an event its sentence does not date: the article's, or the last day named before it.

"Russia denied the report" two paragraphs after "the White House warned on Friday" may be Friday's reply or
today's. When no time expression governs a trigger (`components.time.governing_time`) and no claim dates it,
the candidates are the article date and the last day-precise date named earlier in the text (`earlier_time`).
`features` describes that choice (how far back the date is, in sentences, paragraphs and days; the trigger's
tense and aspect; quotes, headlines, "also", "later"); `AnchorModel` scores it with the logistic regression
trained by `dateline.learn.anchor` (`data/models/anchor.json`): the earlier date when its probability reaches
the threshold, else the article date. A date after the article's never dates a past-tense trigger
(`later_for_past`).

>>> model = AnchorModel.load()  # doctest: +SKIP
>>> model.earlier(["bias", "sents=1", "ago=1", "tag=VBD"])  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from ..learn import BinaryModel
from ..schema import Time

QUOTES = frozenset('"“”«»')
PAST_TAGS = frozenset({"VBD", "VBN"})
SEQUENCE_WORDS = frozenset({"also", "later", "earlier", "then", "meanwhile", "separately", "since", "previously"})


def earlier_time(times: list[Time], token: Token) -> int | None:
    """The index of the last day-precise date that ends before `token`, None when there is none."""
    earlier = [i for i, t in enumerate(times) if t.span[1] <= token.idx and t.type == "DATE" and t.precision == "day"]
    return earlier[-1] if earlier else None


def features(doc: Doc, text: str, token: Token, time: Time, published: dt.date) -> list[str]:
    """The feature strings of the choice between `time` (named earlier) and the article date for `token`."""
    between = text[time.span[1] : token.idx]
    sentences = sum(1 for s in doc.sents if time.span[1] <= s.start_char <= token.idx)
    paragraphs = between.count("\n\n")
    days = (time.start - published).days if time.start is not None else None
    sent = token.sent
    found = [
        "bias",
        f"sents={_bucket(sentences, (1, 2, 3, 5))}",
        f"paras={_bucket(paragraphs, (0, 1, 2))}",
        f"ago={_days(days)}",
        f"tag={token.tag_}",
        f"pos={token.pos_}",
    ]
    aux = {c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "auxpass")}
    found += ["perfect"] * ("have" in aux) + ["future"] * bool(aux & {"will", "shall"})
    found += ["progressive"] * (token.tag_ == "VBG" and "be" in aux)
    if any(ch in QUOTES for ch in text[sent.start_char : token.idx]):
        found.append("quoted")
    if text[: sent.start_char].count("\n\n") <= 1:
        found.append("trigger_in_lead")  # the headline or the first paragraph
    if text[: time.span[0]].count("\n\n") <= 1:
        found.append("date_in_lead")
    words = {t.lower_ for t in sent}
    found += [f"word={w}" for w in sorted(words & SEQUENCE_WORDS)]
    return found


def later_for_past(token: Token, time: Time, published: dt.date) -> bool:
    """A day after the article's for a trigger in the past tense: it cannot be the trigger's date."""
    return time.start is not None and time.start > published and token.tag_ in PAST_TAGS


def _bucket(n: int, cuts: tuple[int, ...]) -> str:
    for cut in cuts:
        if n <= cut:
            return str(cut)
    return f"{cuts[-1]}+"


def _days(days: int | None) -> str:
    if days is None:
        return "unknown"
    if days > 0:
        return "ahead"
    return _bucket(-days, (0, 1, 2, 6, 31))


class AnchorModel(BinaryModel):
    """A logistic regression over `features`: does the earlier date date the event?"""

    task = "anchor"

    def earlier(self, names: list[str]) -> bool:
        """Whether the earlier date is the event's."""
        return self.reaches(names)


__all__ = ["AnchorModel", "earlier_time", "features", "later_for_past"]
