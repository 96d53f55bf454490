"""Page furniture in an article's text: link titles, sign-up prompts, adverts, captions, credits, bylines, datelines.

Found at read time, line by line, by the classifier of `dateline.learn.boilerplate`; a dateline that opens one of
the first lines ("KYIV, Ukraine (AP) — ") and a furniture tail after a line's last sentence ("... Advertisement")
are found as parts of a line. The pipeline extracts from `content_text(article)`: the text with furniture
blanked to spaces (newlines kept), so every offset still indexes `article.text` and nothing is extracted from
furniture. Datelines are recorded but not blanked: they state where and when the report was filed, which the
gold articles annotate as places and times ("MINSK, 16 February (BelTA) –").

>>> from dateline.boilerplate import find_boilerplate
>>> [f.kind for f in find_boilerplate("Two soldiers were killed on Friday, the army said.\\n\\nAdvertisement")]
['advert']
"""

from __future__ import annotations

import re

import numpy as np

from .learn.boilerplate import CONTENT, base_features, cue_matches, dateline_prefix, decide, features, probabilities
from .schema import Article, Furniture

KIND_DATELINE = "dateline"
KEPT_KINDS = frozenset({KIND_DATELINE})  # recorded, still extracted from
DATELINE_LINES = 3
TAIL_MAX_CHARS = 90
TAIL_MIN_FURNITURE = 0.85
LINE = re.compile(r"[^\n]+")
SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?”\"])\s*(?=[A-Z“\"])")


def find_boilerplate(text: str) -> list[Furniture]:
    """The page furniture of an article's text, in text order.

    text (str): the article text as read.
    RETURNS (list[Furniture]): spans into `text` with their kind (link, signup, advert, caption, credit, ...).
    """
    spans = lines(text)
    if not spans:
        return []
    base = np.array([base_features(text[s:e]) for s, e in spans], dtype=float)
    labels, _ = decide(probabilities(features(base)))
    found: list[tuple[int, int, str]] = []
    for i, ((start, end), label) in enumerate(zip(spans, labels)):
        if label != CONTENT:
            found.append((start, end, label))
            continue
        if i < DATELINE_LINES:
            found += _dateline(text, start, end)
        found += _tail(text, start, end, base, i)
    return [Furniture(span=(s, e), text=text[s:e], kind=kind) for s, e, kind in found]


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, surrounding spaces left out."""
    spans = []
    for match in LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def _dateline(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The dateline that opens a content line, without the spaces after it."""
    size = dateline_prefix(text[start:end])
    if not size or start + size >= end:
        return []
    return [(start, start + len(text[start : start + size].rstrip()), KIND_DATELINE)]


def _tail(text: str, start: int, end: int, base: np.ndarray, i: int) -> list[tuple[int, int, str]]:
    """The furniture after a content line's last sentence ("... said. Advertisement"), scored as that line."""
    line = text[start:end]
    cut = _last_boundary(line)
    if cut <= 0 or len(line) - cut > TAIL_MAX_CHARS:
        return []
    tail = line[cut:]
    if not cue_matches(tail):
        return []
    swapped = base.copy()
    swapped[i] = base_features(tail)
    flags = np.zeros(len(base), dtype=bool)
    flags[i] = True
    probs = probabilities(features(swapped, flags)[i : i + 1])
    labels, p_content = decide(probs)
    if labels[0] == CONTENT or p_content[0] > 1 - TAIL_MIN_FURNITURE:
        return []
    return [(start + cut, end, labels[0])]


def _last_boundary(line: str) -> int:
    last = 0
    for match in SENTENCE_BOUNDARY.finditer(line):
        if match.end() < len(line):
            last = match.end()
    return last


def mask(text: str, furniture: list[Furniture]) -> str:
    """`text` with every furniture character but newlines replaced by a space (datelines kept): same length, same
    offsets."""
    blanked = [f for f in furniture if f.kind not in KEPT_KINDS]
    if not blanked:
        return text
    parts, at = [], 0
    for item in sorted(blanked, key=lambda f: f.span[0]):
        start, end = max(item.span[0], at), item.span[1]
        if end <= start:
            continue
        parts += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def content_text(article: Article) -> str:
    """The text the pipeline extracts from: the article's text with its furniture blanked."""
    return mask(article.text, article.boilerplate)


def with_boilerplate(article: Article) -> Article:
    """The article with its furniture found afresh (a stored article re-extracted by a newer pipeline)."""
    return article.model_copy(update={"boilerplate": find_boilerplate(article.text)})
