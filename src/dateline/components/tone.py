"""`dateline_tone`: GDELT V2Tone's seven values from an open lexicon.

The lexicon is VADER's (vaderSentiment on PyPI, MIT licence): a word with a
positive mean valence counts as positive, a negative one as negative.

- tone = positive - negative
- positive, negative: percentage of words in each list
- polarity: positive + negative (how emotionally charged the text is)
- activity_density: percentage of words that are main verbs (GDELT uses an
  activity dictionary; the parser's verb tags stand in for it here)
- self_group_density: percentage of words that are pronouns
- word_count: alphabetic words

>>> from dateline.components.tone import tone_of_words
>>> tone_of_words(["good", "bad", "terrible", "table"], {"good": 1.9, "bad": -2.5, "terrible": -2.1}).tone
-25.0
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from ..schema import Tone
from .base import TONE, DocComponent, ensure_extension

DOC_ATTR = TONE


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, None)


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's word -> mean valence table, read from the installed vaderSentiment package."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            table[parts[0]] = float(parts[1])
    return table


@Language.factory("dateline_tone", assigns=[f"doc._.{DOC_ATTR}"], requires=["token.pos"], default_config={})
def make_tone(nlp: Language, name: str) -> ToneComponent:
    """Build the tone component."""
    return ToneComponent(nlp, name)


class ToneComponent(DocComponent):
    """Score the document's tone as GDELT's GKG does."""

    attr = DOC_ATTR

    def __init__(self, nlp: Language, name: str = "dateline_tone") -> None:
        self.name = name
        self.lexicon = vader_lexicon()
        install_extensions()

    def compute(self, doc: Doc) -> Tone:
        words = [t for t in doc if t.is_alpha]
        tone = tone_of_words([t.lower_ for t in words], self.lexicon)
        if words:
            n = len(words)
            tone.activity_density = round(100 * sum(t.pos_ == "VERB" for t in words) / n, 4)
            tone.self_group_density = round(100 * sum(t.pos_ == "PRON" for t in words) / n, 4)
        return tone


def tone_of_words(words: list[str], lexicon: Mapping[str, float]) -> Tone:
    """Positive, negative, tone and polarity of a list of lower-cased words."""
    if not words:
        return Tone()
    valences = [lexicon.get(w, 0.0) for w in words]
    positive = 100 * sum(v > 0 for v in valences) / len(words)
    negative = 100 * sum(v < 0 for v in valences) / len(words)
    return Tone(
        tone=round(positive - negative, 4),
        positive=round(positive, 4),
        negative=round(negative, 4),
        polarity=round(positive + negative, 4),
        word_count=len(words),
    )
