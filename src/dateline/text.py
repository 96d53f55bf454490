"""Text helpers several steps share: the sentence around a span, trimming a span, numbers in words, the governing verb.

>>> sentence_bounds("Shelling began. Two died. Talks stalled.", 16, 19)
(15, 24)
>>> parse_number("twenty-five", NUMBER_WORDS), parse_number("1,200", NUMBER_WORDS)
(25.0, 1200.0)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# --- the sentence around a span ----------------------------------------------


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding `text[start:end]` begins and ends, cut at ". " and line breaks.

    The start is just after the stop (on the space that follows it), the end on the next stop, else the text's end.
    """
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return left, min(ends, default=len(text))


def sentence_around(text: str, start: int, end: int) -> str:
    """The text of the sentence holding `text[start:end]` (`sentence_bounds`)."""
    left, right = sentence_bounds(text, start, end)
    return text[left:right]


# --- trimming a span ---------------------------------------------------------


def trim_span(
    span: Span,
    lead: Callable[[Token], bool] | None = None,
    tail: Callable[[Token], bool] | None = None,
    *,
    keep: int = 0,
) -> Span | None:
    """The span without the tokens `lead` accepts at its start and then those `tail` accepts at its end.

    lead (Callable[[Token], bool]): whether a token at the start is dropped; None drops none.
    tail (Callable[[Token], bool]): whether a token at the end is dropped; None drops none.
    keep (int): how many tokens are kept whatever the predicates say.
    Returns None when no token is left.
    """
    doc, start, end = span.doc, span.start, span.end
    while lead is not None and start < end - keep and lead(doc[start]):
        start += 1
    while tail is not None and end > start + keep and tail(doc[end - 1]):
        end -= 1
    return doc[start:end] if start < end else None


# --- numbers in words --------------------------------------------------------

# Cardinals written as one word; "hundred" and larger multiply, and each reader says how it takes them.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
# The same as spoken in a phrase: "a hundred", "an hour", "half a day".
SPOKEN_NUMBERS = {**NUMBER_WORDS, "hundred": 100, "a": 1, "an": 1, "half a": 0.5}
DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def parse_number(
    text: str, words: Mapping[str, float], *, joined_by: str = r"[ -]+", fillers: frozenset[str] = frozenset({"and"})
) -> float | None:
    """The value of a number in digits ("1,200", "2.5"), one word of `words`, or words joined ("twenty-five",
    "a hundred and five": a hundred multiplies what stands before it); None when it is none of these.

    text (str): the number, lower-cased.
    words (Mapping[str, float]): the number words this reader knows.
    joined_by (str): the pattern between the words of a compound.
    fillers (frozenset[str]): words skipped inside a compound.
    """
    if DIGITS.fullmatch(text):
        return float(text.replace(",", ""))
    if text in words:
        return float(words[text])
    total = 0.0
    for part in re.split(joined_by, text):
        if part in fillers:
            continue
        if part not in words:
            return None
        value = words[part]
        total = total * value if value == 100 and total else total + value
    return total


# --- the governing verb ------------------------------------------------------


def governing_verb(token: Token, *, reach: int = 8, of_noun: bool = False) -> Token | None:
    """The verb a token depends on: the first verb or auxiliary among the token and its heads (`reach` of them).

    reach (int): how many of the token and its heads are looked at.
    of_noun (bool): read the token as a noun a verb tells about ("two soldiers were killed", "people killed"): the
        token itself counts only as a participle clause, and after the heads a participle or relative clause
        hanging off it counts.
    """
    for head in [token, *token.ancestors][:reach]:
        if head.pos_ in ("VERB", "AUX") and not (of_noun and head is token):
            return head
        if of_noun and head.dep_ == "acl" and head.pos_ == "VERB":
            return head
    if of_noun:
        return next((c for c in token.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
    return None
