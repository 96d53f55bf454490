"""`dateline_time`: every time expression, normalised against the article date (TIMEX3).

Candidates come from the NER model's DATE and TIME entities and from patterns
for what it misses (reference words such as "now" and "recently", sets such as
"daily", bare month-day dates, weekday names). Each candidate is normalised by
`dateline.timex` with the tense of the verb that governs it and the last
explicit date of the text (for "the previous day"); what cannot be normalised
is dropped. Later components ask `governing_time(doc, token)` for the time
expression that dates a token.

>>> from dateline.nlp import load_pipeline
>>> doc = load_pipeline()("Troops regained ground on Friday.")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import load_json
from ..schema import Time
from ..text import governing_verb, trim_span
from ..timex import Context, Normaliser, TimexValue
from .base import PUBLISHED, TIMES, DocComponent, doc_text, ensure_extension

DOC_ATTR = TIMES
PUBLISHED_ATTR = PUBLISHED
PREPOSITIONS_KEPT = frozenset({"over", "during", "throughout", "within"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "going"})


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, [])
    ensure_extension(PUBLISHED_ATTR, None)


@Language.factory(
    "dateline_time",
    assigns=[f"doc._.{DOC_ATTR}"],
    requires=["doc.ents", "token.dep", "token.morph"],
    default_config={"labels": ["DATE", "TIME"], "patterns": True},
)
def make_time(nlp: Language, name: str, labels: list[str], patterns: bool) -> TimeComponent:
    """Build the time component.

    labels (list[str]): NER labels taken as candidates.
    patterns (bool): also look for the expressions NER misses.
    """
    return TimeComponent(nlp, name, labels=labels, patterns=patterns)


class TimeComponent(DocComponent):
    """Find and normalise time expressions."""

    attr = DOC_ATTR

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_time",
        *,
        labels: Iterable[str] = ("DATE", "TIME"),
        patterns: bool = True,
    ) -> None:
        self.name = name
        self.labels = frozenset(labels)
        self.normaliser = Normaliser()
        words = load_json("time.json")
        self.patterns = _candidate_patterns(words) if patterns else []
        install_extensions()

    def compute(self, doc: Doc) -> list[Time]:
        return share_years(list(self.find(doc)), doc_text(doc))

    def find(self, doc: Doc) -> Iterator[Time]:
        dct = doc._.get(PUBLISHED_ATTR) or dt.date.today()
        business = "quarter" in doc_text(doc).lower()
        anchor: dt.date | None = None
        spans = self.candidates(doc)
        i = 0
        while i < len(spans):
            span = spans[i]
            ctx = Context(dct=dct, tense=tense_of(span), anchor=anchor, business=business)
            merged = _adjacent(doc, span, spans[i + 1]) if i + 1 < len(spans) else None
            found = self._resolve(doc, merged, ctx, whole_only=True) if merged is not None else []
            if found and found[0][1].type in ("TIME", "DATE", "SET"):
                i += 2
            else:
                found = self._resolve(doc, _extended(doc, span), ctx)
                i += 1
            for piece, value in found:
                yield _to_time(piece, value, dct, ctx.anchor)
                if value.precision == "day" and value.start and value.relative != "anchor":
                    anchor = value.start

    def _resolve(self, doc: Doc, span: Span, ctx: Context, whole_only: bool = False) -> list[tuple[Span, TimexValue]]:
        """The span with its value; failing that, its longest normalisable pieces, left to right."""
        value = self._normalise(doc, span, ctx)
        if value is not None:
            return [(span, value)]
        if whole_only or len(span) < 2 or self.normaliser.rx["age"].search(span.text.lower()):
            return []
        found, start = [], span.start
        while start < span.end:
            for end in range(span.end, start, -1):
                piece = doc[start:end]
                if piece[0].is_stop and len(piece) == 1:
                    continue
                value = self._normalise(doc, piece, ctx)
                if value is not None:
                    found.append((_trim(piece) or piece, value))
                    start = end
                    break
            else:
                start += 1
        return found

    def _normalise(self, doc: Doc, span: Span, ctx: Context) -> TimexValue | None:
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in PREPOSITIONS_KEPT:
            value = self.normaliser.normalise(f"{before.lower_} {span.text}", ctx)
            if value is not None and value.type == "DURATION":
                return value
        return self.normaliser.normalise(span.text, ctx)

    def candidates(self, doc: Doc) -> list[Span]:
        """NER DATE/TIME entities, then pattern matches that overlap none of them or take them in, in text order."""
        spans = [_trim(ent) for ent in doc.ents if ent.label_ in self.labels]
        spans = [s for s in spans if s is not None]
        taken = [(s.start_char, s.end_char) for s in spans]
        matches = []
        for pattern in self.patterns:
            matches += [m.span(1) for m in pattern.finditer(doc_text(doc))]
        for start, end in sorted(matches, key=lambda se: (se[0], -se[1])):
            overlapped = [i for i, (s, e) in enumerate(taken) if start < e and s < end]
            if any(not (start <= taken[i][0] and taken[i][1] <= end) for i in overlapped):
                continue
            if overlapped and all(taken[i] == (start, end) for i in overlapped):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and overlapped:  # "February 24, 2022" over NER's "February 24"
                span = _trim(span)
            if span is not None and _plausible(span):
                spans = [s for i, s in enumerate(spans) if i not in overlapped]
                taken = [t for i, t in enumerate(taken) if i not in overlapped]
                spans.append(span)
                taken.append((start, end))
        return sorted(spans, key=lambda s: s.start_char)


def _candidate_patterns(words: dict) -> list[re.Pattern]:
    """Expressions the NER model tends to miss; matched in the raw text."""
    months = [m for m in words["months"] if len(m) > 3]
    abbrev = "|".join(re.escape(m) for m in words["months"] if 3 <= len(m) <= 4 and m not in ("may", "june", "july"))
    month = "|".join(sorted((re.escape(m.capitalize()) for m in months), key=len, reverse=True))
    weekday = "|".join(sorted((re.escape(d) for d in words["weekdays"] if len(d) > 4), key=len, reverse=True))
    refs = list(words["candidate_refs"])
    sets = [s for s in words["sets"] if " " not in s or s.startswith(("every", "each"))]
    sets = [s for s in sets if s not in words["sets_not_candidates"]]
    year_after = (
        r"(?<![\w-])(?:in|since|of|by|until|from|during|before|after|to|through|early|late|mid|fiscal|year|and|between|"
        r"around|about)\s"
    )
    anywhere = [
        rf"(?:{abbrev})\.? \d{{1,2}}(?:,? \d{{4}})?",
        rf"\d{{1,2}}(?:st|nd|rd|th)? (?:{month})(?: \d{{4}})?",
        rf"(?:{weekday})",
        r"(?:today|tonight|yesterday|tomorrow|overnight)",
        *(re.escape(r) for r in sorted(refs + sets, key=len, reverse=True)),
        r"(?:years|months|weeks)",
    ]
    return [
        re.compile(r"(?<![\w-])(" + "|".join(anywhere) + r")(?![\w-])", re.IGNORECASE),
        re.compile(rf"(?<![\w-])((?:{month})(?: \d{{1,2}}(?:st|nd|rd|th)?)?(?:,? \d{{4}})?)(?![\w-])"),
        re.compile(year_after + r"(1[89]\d\d|20\d\d)(?![\w-])"),
    ]


def _adjacent(doc: Doc, span: Span, following: Span) -> Span | None:
    """'9 a.m. EST' + 'Tuesday', 'Wednesday' + 'night': two candidates with only a comma, 'at' or 'on' between."""
    between = doc[span.end : following.start]
    if len(between) > 2 or any(t.text not in (",", "at", "on", "of") for t in between):
        return None
    return doc[span.start : following.end]


def _extended(doc: Doc, span: Span) -> Span:
    """Take in a following part of day ('Friday night') and a preceding 'each' or 'every' ('each July')."""
    start, end = span.start, span.end
    if (
        end < len(doc)
        and doc[end].lower_ in ("morning", "afternoon", "evening", "night")
        and span[-1].lower_ in WEEKDAY_WORDS
    ):
        end += 1
    if start > 0 and doc[start - 1].lower_ in ("each", "every"):
        start -= 1
    return doc[start:end]


WEEKDAY_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow"}
)


def _plausible(span: Span) -> bool:
    if span[0].text == "May" and len(span) == 1:
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        return before in (
            "in",
            "since",
            "of",
            "by",
            "until",
            "from",
            "during",
            "early",
            "late",
            "mid",
            "last",
            "next",
            "this",
        )
    return not (
        span.text.lower() == "now" and span.start + 1 < len(span.doc) and span.doc[span.start + 1].lower_ == "that"
    )


LEADING_DROPPED = frozenset(
    {"earlier", "later", "just", "about", "nearly", "almost", "approximately", "roughly", "right", "some"}
)


def _trim(ent: Span) -> Span | None:
    """Drop what TimeML leaves outside a timex: leading prepositions and hedges, trailing possessives, punctuation."""
    anchored = len(ent) > 0 and ent[-1].lower_ in ("ago", "earlier", "later")  # "about two weeks ago" keeps "about"

    def lead(token: Token) -> bool:
        hedge = token.lower_ in LEADING_DROPPED
        return (token.pos_ in ("ADP", "PUNCT", "SPACE") or hedge) and not (hedge and anchored and token.i + 1 < ent.end)

    span = trim_span(ent, lead, lambda t: t.pos_ in ("PUNCT", "SPACE", "PART") or t.is_space)
    units = ("days", "weeks", "months", "years", "decades")
    if span is not None and len(span) == 2 and span[0].lower_ == "the" and span[1].lower_ in units:
        return span[1:]
    return span


def tense_of(span: Span) -> str | None:
    """'past', 'present' or 'future' from the verb that governs the span; None when there is none."""
    verb = governing_verb(span.root)
    if verb is None:
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in aux) or (
        verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)
    ):
        return "future"
    if any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had") for a in aux) or verb.tag_ in ("VBD",):
        return "past"
    if verb.tag_ == "VBN" and not aux:
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    return None


def governing_time(doc: Doc, token: Token) -> int | None:
    """The index in `doc._.get(TIMES)` of the time expression that dates `token`.

    The one attached to a noun trigger itself ("Friday's attacks", "the
    strike on Monday"), else the one attached to the same verb, else the
    nearest date or time in the same sentence, else None (the caller falls back to
    the article date).
    """
    times: list[Time] = doc._.get(DOC_ATTR) or []
    if not times:
        return None
    sentence = token.sent
    in_sentence = [(i, t) for i, t in enumerate(times) if sentence.start_char <= t.span[0] < sentence.end_char]
    if not in_sentence:
        return None
    spans = [(i, doc.char_span(*t.span, alignment_mode="expand")) for i, t in in_sentence]
    if token.pos_ in ("NOUN", "PROPN"):
        for i, span in spans:
            if span is not None and token not in span and _attached_to(span.root, token):
                return i
    verb = governing_verb(token)
    for i, t in in_sentence:
        span = doc.char_span(*t.span, alignment_mode="expand")
        if span is not None and verb is not None and governing_verb(span.root) == verb:
            return i
    nearest = [(i, t) for i, t in in_sentence if t.type in ("DATE", "TIME")]  # "for two months" dates nothing
    return min(nearest, key=lambda it: abs(it[1].span[0] - token.idx))[0] if nearest else None


def _attached_to(root: Token, noun: Token) -> bool:
    """A time's root depends on the noun, directly, through a preposition ("the attacks on Friday") or through
    the noun's modifiers ("Friday's missile and drone attacks")."""
    head = root.head
    if head.dep_ == "prep":
        head = head.head
    for _ in range(3):
        if head == noun:
            return True
        if head.dep_ not in ("nmod", "compound", "conj", "amod") or head == head.head:
            return False
        head = head.head
    return head == noun


COORDINATED = re.compile(r"\s*(?:,|and|or|to|through|until|-|–)\s*", re.IGNORECASE)
CALENDAR = re.compile(r"^(\d{4})(-\d{2}(?:-\d{2})?)$")


def share_years(times: list[Time], text: str) -> list[Time]:
    """'in February and March': coordinated dates without a year of their own fall in the year of the later one."""
    for i in range(len(times) - 2, -1, -1):
        first, second = times[i], times[i + 1]
        one, two = CALENDAR.match(first.value), CALENDAR.match(second.value)
        if not (one and two) or len(first.value) != len(second.value) or re.search(r"\d{4}", first.text):
            continue
        if not COORDINATED.fullmatch(text[first.span[1] : second.span[0]]):
            continue
        year = int(two.group(1))
        if int(one.group(1)) > year and one.group(2) <= two.group(2):
            times[i] = _in_year(first, year)
    return times


def _in_year(time: Time, year: int) -> Time:
    shift = lambda d: d.replace(year=year) if d and not (d.month == 2 and d.day == 29) else d  # noqa: E731
    return time.model_copy(
        update={"value": f"{year}{time.value[4:]}", "start": shift(time.start), "end": shift(time.end)}
    )


def _to_time(span: Span, value: TimexValue, dct: dt.date, anchor: dt.date | None) -> Time:
    reference = None
    if value.relative == "dct":
        reference = dct.isoformat()
    elif value.relative == "anchor":
        reference = (anchor or dct).isoformat()
    return Time(
        span=(span.start_char, span.end_char),
        text=span.text,
        type=value.type,
        value=value.value,
        start=value.start,
        end=value.end,
        precision=value.precision,
        anchor=reference,
    )
