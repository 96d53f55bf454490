"""`dateline_counts`: numbers with what they count, as GDELT's GKG counts.

"two pilots were killed" -> killed 2 pilots; "about 10 kilometres north" ->
distance_km 10; "around 20% of Ukrainian territory" -> territory_percent 20;
"a pre-war population of 70,000" -> population 70000. Numbers in dates,
times, money and ordinals are not counts. A killed count carries the deaths an
event coder takes from it (`events/fatalities.py`: one side's claim of the
other's losses is `claimed` and coded conservatively).

>>> import spacy
>>> from dateline.nlp import load_pipeline
>>> doc = load_pipeline()("Two soldiers were killed.")  # doctest: +SKIP
>>> [(c.what, c.value, c.object) for c in doc._.get(COUNTS)]  # doctest: +SKIP
[('killed', 2, 'soldiers')]
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..events.fatalities import code_fatalities
from ..lexicon import load_json
from ..schema import Count
from ..text import NUMBER_WORDS, governing_verb, parse_number
from .base import CLAIMS, COUNTS, PLACES, DocComponent, ensure_extension

DOC_ATTR = COUNTS
SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "ORDINAL"})
COUNT_WORDS = {"zero": 0, **NUMBER_WORDS}  # "hundred" and larger are the lexicon's multipliers


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, [])


@Language.factory(
    "dateline_counts",
    assigns=[f"doc._.{DOC_ATTR}"],
    requires=["token.dep", "token.lemma", "doc.ents"],
    default_config={"lexicon": "counts.json", "max_gap": 4},
)
def make_counts(nlp: Language, name: str, lexicon: str, max_gap: int) -> CountsComponent:
    """Build the counts component.

    lexicon (str): package data file with multipliers, units and casualty verbs (number words: `text.NUMBER_WORDS`).
    max_gap (int): how many tokens may stand between a number and its noun.
    """
    return CountsComponent(nlp, name, lexicon=lexicon, max_gap=max_gap)


class CountsComponent(DocComponent):
    """Find numbers and the thing each one counts."""

    attr = DOC_ATTR

    def __init__(
        self, nlp: Language, name: str = "dateline_counts", *, lexicon: str = "counts.json", max_gap: int = 4
    ) -> None:
        self.name = name
        self.max_gap = max_gap
        data = load_json(lexicon)
        self.number_words: dict[str, int] = COUNT_WORDS
        self.multipliers: dict[str, int] = data["multipliers"]
        self.units: dict[str, list] = data["units"]
        self.casualty_verbs: dict[str, str] = data["casualty_verbs"]
        self.casualty_nouns: dict[str, str] = data["casualty_nouns"]
        self.advance_verbs: frozenset[str] = frozenset(data["advance_verbs"])
        self.percent_words: frozenset[str] = frozenset(data["percent_words"])
        self.person_nouns: frozenset[str] = frozenset(data["person_nouns"])
        install_extensions()

    def compute(self, doc: Doc) -> list[Count]:
        counts = list(self.find(doc))
        if any(c.what == "killed" for c in counts):
            claims = doc._.get(CLAIMS) if Doc.has_extension(CLAIMS) else None
            places = doc._.get(PLACES) if Doc.has_extension(PLACES) else None
            code_fatalities(counts, claims or [], places or [], [(s.start_char, s.end_char) for s in doc.sents])
        return counts

    def find(self, doc: Doc) -> Iterator[Count]:
        skipped = {t.i for ent in doc.ents if ent.label_ in SKIP_ENTS for t in ent}
        i = 0
        while i < len(doc):
            token = doc[i]
            if token.lower_ in ("a", "an", "the") and token.dep_ == "det":  # "a civilian was killed": one casualty
                casualty = self._single_casualty(doc, token)
                if casualty is not None:
                    yield casualty
            if token.i in skipped or self.number_value(token) is None:
                i += 1
                continue
            end = self._number_end(doc, i)
            value = self.phrase_value(doc[i:end])
            if value is not None:
                count = self._count(doc, doc[i:end], value)
                if count is not None:
                    yield count
            i = end

    def _single_casualty(self, doc: Doc, article: Token) -> Count | None:
        """One person hurt: 'a civilian was killed', 'the boy died', 'killed a resident', 'killed the deputy head'."""
        noun = article.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.tag_ in ("NNS", "NNPS"):
            return None
        if article.lower_ == "the" and noun.lemma_.lower() not in self.person_nouns:
            return None
        verb = governing_verb(noun, reach=4, of_noun=True)
        what = self.casualty_verbs.get(verb.lemma_.lower()) if verb is not None else None
        if what is None:
            return None
        passive_or_died = noun.dep_ == "nsubjpass" or noun.dep_ == "nsubj" and verb.lemma_.lower() == "die"
        if passive_or_died and 0 < verb.i - noun.i <= 4:  # "the driver killed ..." is the killer
            return _make(doc[article.i : verb.i + 1], what, 1, noun.text)
        if noun.dep_ == "dobj" and noun.head.i == verb.i and 0 < noun.i - verb.i <= 4:
            return _make(doc[verb.i : noun.i + 1], what, 1, noun.text)
        return None

    def number_value(self, token: Token) -> float | None:
        """The value of a number token: '1,200', 'twelve', 'twenty-five'."""
        return parse_number(token.lower_, self.number_words, joined_by="-", fillers=frozenset())

    def _number_end(self, doc: Doc, start: int) -> int:
        end = start + 1
        while end < len(doc):
            token = doc[end]
            if token.text == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in self.number_words:
                end += 2
            elif token.lower_ in self.multipliers or (
                token.lower_ in self.number_words and doc[end - 1].lower_ not in self.multipliers
            ):
                end += 1
            else:
                break
        return end

    def phrase_value(self, phrase: Span) -> float | None:
        total = 0.0
        for token in phrase:
            if token.text == "-":
                continue
            if token.lower_ in self.multipliers:
                total = (total or 1.0) * self.multipliers[token.lower_]
            else:
                value = self.number_value(token)
                if value is None:
                    return None
                total += value
        return total

    def _count(self, doc: Doc, number: Span, value: float) -> Count | None:
        after = doc[number.end] if number.end < len(doc) else None
        if after is not None and (after.text == "%" or after.lower_ in self.percent_words):
            return self._percent(doc, number, after, value)
        if after is not None and after.lower_ in self.units:
            return self._measure(doc, number, after, value)
        if after is not None and after.pos_ in ("VERB", "ADJ", "NOUN") and self._casualty(after):
            return _make(doc[number.start : after.i + 1], self._casualty(after), value, None)
        noun = self._counted_noun(number)
        if noun is not None:
            return self._counted(doc, number, noun, value)
        owner = self._of_owner(number)
        if owner is not None:
            what = self.casualty_nouns.get(owner.lemma_.lower(), owner.lower_)
            span = doc[owner.i : number.end]
            return _make(span, what, value, None)
        return None

    def _percent(self, doc: Doc, number: Span, sign: Token, value: float) -> Count:
        end = sign.i + 1
        what = "percent"
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            obj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
            if obj is not None:
                what = f"{obj.lemma_.lower()}_percent"
                end = obj.i + 1
        return _make(doc[number.start : end], what, value, None)

    def _measure(self, doc: Doc, number: Span, unit: Token, value: float) -> Count:
        kind, factor = self.units[unit.lower_]
        verb = governing_verb(unit, reach=4, of_noun=True)
        if kind == "distance_km" and verb is not None and verb.lemma_.lower() in self.advance_verbs:
            kind = "advance_km"
        return _make(doc[number.start : unit.i + 1], kind, value * factor, None)

    def _casualty(self, token: Token) -> str | None:
        """'wounded', 'dead', 'injured' standing for the people they describe: '12 dead, 30 injured'."""
        return self.casualty_nouns.get(token.lower_) or (
            self.casualty_verbs.get(token.lemma_.lower()) if token.tag_ == "VBN" else None
        )

    def _counted_noun(self, number: Span) -> Token | None:
        last = number[-1]
        head = last.head
        if (
            last.dep_ in ("nummod", "quantmod", "compound")
            and head.pos_ in ("NOUN", "PROPN")
            and 0 < head.i - last.i <= self.max_gap
        ):
            return head
        return None

    def _counted(self, doc: Doc, number: Span, noun: Token, value: float) -> Count:
        verb = governing_verb(noun, reach=4, of_noun=True)
        what = self.casualty_verbs.get(verb.lemma_.lower()) if verb is not None else None
        end = noun.i + 1
        if what is not None and verb.i > noun.i and verb.i - noun.i <= 3:
            end = verb.i + 1
        what = what or self.casualty_nouns.get(noun.lemma_.lower())
        return _make(doc[number.start : end], what or noun.lower_, value, noun.text)

    @staticmethod
    def _of_owner(number: Span) -> Token | None:
        last = number[-1]
        prep = last.head
        if last.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN":
            return prep.head
        return None


def _make(span: Span, what: str, value: float, obj: str | None) -> Count:
    number = int(value) if float(value).is_integer() else round(value, 3)
    return Count(span=(span.start_char, span.end_char), text=span.text, what=what, value=number, object=obj)
