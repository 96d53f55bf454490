"""Recognition: the toponyms of a parsed article, each with its gazetteer candidates.

Sources, in the order they may claim tokens: patterns ("village of X", "X
region", "X reservoir"), a name followed by its province ("shelled
Huliaipole, Zaporizhia"), the NER model's GPE, LOC and FAC entities (split at
commas: "Dublin, Ga."), demonyms (NORP) as their country, ORG or PERSON
entities that the gazetteer knows and the context marks as places ("in
Bakhmut", "the city of Bakhmut"), toponyms inside names ("Ohio State
University"), a province written after a place, the same name used as a place
elsewhere in the article, the parts of hyphenated words ("US-led") and a
capitalised name right after a cue word ("shelled in Marhanets").

>>> mentions = Recogniser(gazetteer, PlaceWords.from_lexicon(load_json("geo.json"))).mentions(doc)  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..components.base import doc_text
from ..learn.boilerplate_features import dateline_prefix
from ..schema import RelativePlace
from .gazetteer import ADMIN1, CITY, CONTINENT, COUNTRY, REGION, WATER, Gazetteer
from .names import fold
from .toponym import TextContext, ToponymModel, candidate_features, candidate_spans

NAMES = frozenset({"PROPN", "NOUN"})  # the tagger makes unfamiliar village names nouns ("shelled Marhanets")
BROAD_KINDS = np.array([COUNTRY, ADMIN1, REGION, CONTINENT, WATER])
PLACE_LABELS = ("GPE", "LOC", "FAC")
NAME_LABELS = ("ORG", "PERSON")  # place names NER mistakes for these when the context says otherwise
WITH_EMBEDDED = ("ORG", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "NORP")  # names that may hold a toponym
MISLABELLED = ("", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")  # labels NER gives places by mistake
LONE_CITY_POPULATION = 100_000  # "a missile hit Kramatorsk", which NER tags PRODUCT
MIN_LOOSE_CHARS = 5  # shorter names are not looked up up to transliteration variants
DATELINE_CHARS = 400  # a dateline opens one of the first lines
DATELINE_PLACE = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})(?=,| *\()")
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z])")  # where a dateline may follow a byline or a summary
LINE = re.compile(r"[^\n]+")
HYPHEN = re.compile("-")
COMMA_OR_BRACKET = re.compile(r"[,(]")


@dataclass
class Mention:
    """One toponym in the text, its candidates and, once resolved, its choice."""

    span: Span
    name: str
    candidates: np.ndarray
    demonym: str | None = None
    chosen: int | None = None
    score: float = 0.0
    precision: int | None = None
    relative: RelativePlace | None = None
    point: tuple[float, float] | None = None
    role: str = "location"
    role_hint: str | None = None
    chars: tuple[int, int] | None = None
    fallback_name: str | None = None
    namesakes: int = 0


@dataclass(frozen=True)
class PlaceWords:
    """The cue words of recognition and resolution (`data/geo.json`)."""

    place_nouns: frozenset[str]
    area_suffixes: frozenset[str]
    cue_words: frozenset[str]
    locative_prepositions: frozenset[str]
    saying_verbs: frozenset[str]
    party_object_verbs: frozenset[str]
    place_verbs: frozenset[str]
    institution_nouns: frozenset[str]
    officeholder_nouns: frozenset[str]
    not_places: frozenset[str]
    bearings: dict[str, float]
    relative_rx: re.Pattern

    @classmethod
    def from_lexicon(cls, words: dict) -> PlaceWords:
        return cls(
            place_nouns=frozenset(words["place_nouns"]),
            area_suffixes=frozenset(words["area_suffixes"]),
            cue_words=frozenset(words["preceding_cues"]),
            locative_prepositions=frozenset(words["locative_prepositions"]),
            saying_verbs=frozenset(words["metonym_verbs"]),
            party_object_verbs=frozenset(words["party_object_verbs"]),
            place_verbs=frozenset(words["place_verbs"]),
            institution_nouns=frozenset(words["institution_nouns"]),
            officeholder_nouns=frozenset(words["officeholder_nouns"]),
            not_places=frozenset(fold(w) for w in words["not_places"]),
            bearings=words["bearings"],
            relative_rx=re.compile(words["relative_pattern"], re.IGNORECASE),
        )


class _Found:
    """The mentions of one document so far and the tokens they take: a token belongs to one mention."""

    def __init__(self, recogniser: Recogniser, doc: Doc) -> None:
        self.recogniser = recogniser
        self.gazetteer = recogniser.gazetteer
        self.doc = doc
        self.mentions: list[Mention] = []
        self.taken: set[int] = set()
        self._countries: set[bytes] | None = None

    def countries(self) -> set[bytes]:
        """The ISO2 codes of the countries the article names (by demonym or name), found once."""
        if self._countries is None:
            gaz = self.gazetteer
            self._countries = set()
            for ent in self.doc.ents:
                iso2 = gaz.demonyms.get(fold(ent.text))
                if iso2 is None and ent.label_ == "GPE":
                    iso2 = gaz.country_of(ent.text)
                if iso2:
                    self._countries.add(iso2.encode())
        return self._countries

    def add(
        self,
        span: Span,
        name: str,
        *,
        candidates: np.ndarray | None = None,
        lookup: str | None = None,
        keep_unknown: bool = False,
        **fields,
    ) -> None:
        """Add a mention unless its tokens are taken or it names nothing the gazetteer has (`keep_unknown` keeps it)."""
        if any(t.i in self.taken for t in span) or fold(name) in self.recogniser.words.not_places or not fold(name):
            return
        if candidates is None:
            candidates = self._lookup(lookup or name)
        bare = name.replace(".", "")
        abbreviation = len(bare) <= 4 and sum(c.isupper() for c in bare) >= 2  # "US", "MoD" are not towns
        if abbreviation and len(candidates):
            candidates = candidates[np.isin(self.gazetteer.entries[candidates]["kind"], BROAD_KINDS)]
        if len(candidates) == 0 and not keep_unknown:
            return
        self.mentions.append(
            Mention(span, name, np.asarray(candidates[: self.recogniser.max_candidates * 4]), **fields)
        )
        self.taken.update(t.i for t in span)

    def add_country(self, span: Span, iso2: str, **fields) -> None:
        country = self.gazetteer.country_entry(iso2)
        if country is not None:
            self.add(span, span.text, candidates=np.array([country]), demonym=iso2, **fields)

    def _lookup(self, name: str) -> np.ndarray:
        """Entries of this name; else, for a long name, its transliteration variants in a country the article names
        ("Huliaipole" for GeoNames' "Hulyaypole")."""
        gaz = self.gazetteer
        candidates = gaz.lookup(name)
        if not len(candidates) and len(fold(name)) >= MIN_LOOSE_CHARS:
            candidates = gaz.lookup_loose(name)
            countries = self.countries()
            if not countries:
                return candidates[:0]
            candidates = candidates[np.isin(gaz.entries[candidates]["cc"], list(countries))]
        return candidates


class Recogniser:
    """Finds the toponyms of a Doc (see the module docstring)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        words: PlaceWords,
        max_candidates: int = 50,
        toponym: ToponymModel | None = None,
        word_classes: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.words = words
        self.max_candidates = max_candidates
        self.toponym = toponym
        self.word_classes = word_classes or {}

    def mentions(self, doc: Doc) -> list[Mention]:
        """Every toponym of the document, in text order, with its gazetteer candidates."""
        found = self.found_by_rules(doc)
        if self.toponym is not None:
            self._known_names(found)
        return sorted(found.mentions, key=lambda m: m.span.start)

    def found_by_rules(self, doc: Doc) -> _Found:
        """The mentions every source but the toponym model finds, with the tokens they take."""
        found = _Found(self, doc)
        self._dateline(found)
        for span, lookup in self._pattern_spans(doc):
            found.add(span, span.text, lookup=lookup, keep_unknown=True)
        for place, within, candidates, within_candidates in self._qualified_spans(doc):
            found.add(place, place.text, candidates=candidates)
            found.add(within, within.text, candidates=within_candidates)
        for ent in doc.ents:
            self._entity(found, ent)
        self._provinces(found)
        self._same_names(found)
        self._hyphenated(found)
        self._cued(found)
        return found

    def _entity(self, found: _Found, ent: Span) -> None:
        span = _strip(ent)
        if span is None:
            return
        if ent.label_ in PLACE_LABELS:
            for part in _comma_parts(span):  # "Dublin, Ga." is two places
                part = self._known_suffix(part)
                if _joined_to_a_word(part):  # "US-led", "Kremlin-backed": part of an adjective
                    found.add(part, part.text, role_hint="embedded")
                elif not (part[-1].is_lower and not part[-1].is_title):
                    found.add(part, part.text)
        elif ent.label_ == "NORP":
            demonyms = self.gazetteer.demonyms
            iso2 = demonyms.get(fold(span.text)) or demonyms.get(fold(span.text).rstrip("s"))
            if iso2:
                found.add_country(span, iso2)
        elif ent.label_ in NAME_LABELS and self._place_context(span, ent.label_):
            found.add(span, span.text)
        if ent.label_ in WITH_EMBEDDED and len(span) >= 2:
            for part, iso2 in self._embedded(span):
                if iso2:
                    found.add_country(part, iso2, role_hint="embedded")
                else:
                    found.add(part, part.text, role_hint="embedded")

    def _provinces(self, found: _Found) -> None:
        """'Hryhorivka, Donetsk': the province after the comma, whatever NER made of it."""
        doc = found.doc
        for mention in list(found.mentions):
            after = mention.span.end
            if after + 1 < len(doc) and doc[after].text == "," and _title_name(doc[after + 1]):
                candidates = self._broad(doc[after + 1].text)
                if len(candidates):
                    found.add(doc[after + 1 : after + 2], doc[after + 1].text, candidates=candidates)

    def _same_names(self, found: _Found) -> None:
        """One sense per discourse: 'Kherson' tagged PERSON once it is a place elsewhere."""
        accepted = {fold(m.name) for m in found.mentions if m.demonym is None}
        for ent in found.doc.ents:
            span = _strip(ent)
            if span is not None and ent.label_ in NAME_LABELS and fold(span.text) in accepted:
                found.add(span, span.text)

    def _hyphenated(self, found: _Found) -> None:
        """'US-led', 'Russian-occupied': a country or broad place inside a hyphenated word."""
        gaz, doc = self.gazetteer, found.doc
        for token in _tokens_at(doc, HYPHEN.finditer(doc_text(doc))):  # not every token: Token objects cost
            if "-" not in token.text or token.i in found.taken:
                continue
            offset = token.idx
            for piece in token.text.split("-"):
                iso2 = gaz.demonyms.get(fold(piece))
                country = gaz.country_entry(iso2) if iso2 else None
                candidates = np.array([country]) if country is not None else self._broad(piece)
                if piece[:1].isupper() and len(candidates):
                    chars = (offset, offset + len(piece))
                    mention = Mention(
                        doc[token.i : token.i + 1], piece, candidates, demonym=iso2, role_hint="embedded", chars=chars
                    )
                    found.mentions.append(mention)
                    found.taken.add(token.i)
                offset += len(piece) + 1

    def _cued(self, found: _Found) -> None:
        """A lone capitalised name that names a town of 1,000+ right after a cue word ("in", "near"), or a city of
        `LONE_CITY_POPULATION` anywhere."""
        gaz, doc = self.gazetteer, found.doc
        for token in doc:
            if token.i in found.taken or not _lone_name(token):
                continue
            cued = token.i > 0 and doc[token.i - 1].lower_ in self.words.cue_words
            candidates = gaz.lookup(token.text)
            if len(candidates) and max(gaz.entries[candidates]["pop"]) >= (1000 if cued else LONE_CITY_POPULATION):
                found.add(doc[token.i : token.i + 1], token.text, candidates=candidates)

    def _known_names(self, found: _Found) -> None:
        """Names the gazetteer knows that no source above took, kept where the toponym model says place."""
        for span, entries, names in self.known_name_candidates(found):
            if self.toponym.is_place(names):
                found.add(span, span.text, candidates=entries)

    def known_name_candidates(self, found: _Found) -> Iterator[tuple[Span, np.ndarray, list[str]]]:
        """The candidates of `places.toponym` left after the other sources, with their feature strings."""
        context = TextContext.of(found.doc, [m.name for m in found.mentions], self.word_classes)
        for span, entries in candidate_spans(found.doc, found.taken, self.gazetteer, context):
            yield span, entries, candidate_features(span, entries, self.gazetteer, self.words.cue_words, context)

    def _dateline(self, found: _Found) -> None:
        """'KYIV, Ukraine (AP) —', 'MINSK, 16 February (BelTA) –': the place a report was filed from, in capitals."""
        text = doc_text(found.doc)
        for line in LINE.finditer(text[:DATELINE_CHARS]):
            starts = [line.start() + len(line.group()) - len(line.group().lstrip())]
            starts += [line.start() + m.end() for m in SENTENCE_END.finditer(line.group())]  # "By A. Writer. BOSTON"
            start = next((s for s in starts if dateline_prefix(text[s : line.end()])), None)
            if start is None:
                continue
            name = DATELINE_PLACE.match(text, start)
            span = found.doc.char_span(name.start(1), name.end(1)) if name else None
            if span is not None:
                found.add(span, name.group(1).title(), role_hint="location")
            return

    def _pattern_spans(self, doc: Doc) -> Iterator[tuple[Span, str]]:
        """'the village of Berkhivka', 'Dzhankoi region', 'Berkhivka reservoir'."""
        for token in doc:
            if token.lower_ == "of" and token.i > 0 and doc[token.i - 1].lower_ in self.words.place_nouns:
                end = token.i + 1
                while end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
                    end += 1
                if end > token.i + 1:
                    span = doc[token.i + 1 : end]
                    yield span, span.text
            if token.lower_ in self.words.area_suffixes and token.i > 0 and doc[token.i - 1].is_title:
                yield self._area_span(doc, token)
            if token.lower_ in PLURAL_AREAS:
                yield from _coordinated_areas(doc, token)

    def _area_span(self, doc: Doc, suffix: Token) -> tuple[Span, str]:
        """'Dzhankoi region': the longest span ending in the suffix that the gazetteer knows, else the title words
        before the suffix (looked up without it)."""
        start = suffix.i - 1
        while start > 0 and doc[start - 1].is_title and not doc[start].is_sent_start and doc[start - 1].pos_ == "PROPN":
            start -= 1
        spans = (doc[i : suffix.i + 1] for i in range(start, suffix.i))
        known = next((span for span in spans if len(self.gazetteer.lookup(span.text))), None)
        if known is not None:
            return known, known.text
        return doc[start : suffix.i + 1], doc[start : suffix.i].text

    def _qualified_spans(self, doc: Doc) -> Iterator[tuple[Span, Span, np.ndarray, np.ndarray]]:
        """'shelled Huliaipole, Zaporizhia' or 'Kyrylivka (Donetsk)': a name followed by its province is a place
        whatever NER made of it, when the gazetteer has that name inside that province (or country)."""
        gaz = self.gazetteer
        for comma in _tokens_at(doc, COMMA_OR_BRACKET.finditer(doc_text(doc))):
            i = comma.i
            if comma.text not in (",", "(") or i == 0 or i + 1 >= len(doc) or not _name(doc[i + 1]):
                continue
            within = doc[i + 1 : i + 2]
            broad = self._broad(within.text, min_city_population=20_000)
            if not len(broad):
                continue
            rows = gaz.entries[broad]
            admins = set(rows["admin1"][rows["kind"] != COUNTRY].tolist()) - {-1}
            countries = set(rows["cc"][rows["kind"] == COUNTRY].tolist())
            for start in range(max(0, i - 3), i):
                place = doc[start:i]
                if not all(_name(t) for t in place) or any(t.is_sent_start for t in place[1:]):
                    continue
                candidates = gaz.lookup(place.text)
                if not len(candidates) and len(fold(place.text)) >= MIN_LOOSE_CHARS:
                    candidates = gaz.lookup_loose(place.text)
                found = gaz.entries[candidates]
                inside = np.isin(found["admin1"], list(admins)) | np.isin(found["cc"], list(countries))
                if inside.any():
                    yield place, within, candidates, broad
                    break

    def _broad(self, name: str, min_city_population: int = 100_000) -> np.ndarray:
        """Candidates that can stand inside a name: countries, admin areas, regions and cities of 100,000+."""
        candidates = self.gazetteer.lookup(name)
        if not len(candidates) and len(fold(name)) >= MIN_LOOSE_CHARS:  # "Zaporizhia" for "Zaporizhzhia"
            candidates = self.gazetteer.lookup_loose(name)
        if not len(candidates):
            return candidates
        rows = self.gazetteer.entries[candidates]
        keep = np.isin(rows["kind"], BROAD_KINDS) | ((rows["kind"] == CITY) & (rows["pop"] >= min_city_population))
        return candidates[keep]

    def _embedded(self, span: Span) -> Iterator[tuple[Span, str | None]]:
        """Toponyms inside a name: 'Ohio State University', 'Central Bank of Malta', 'Russian Ministry of Defence'."""
        doc, i = span.doc, span.start
        while i < span.end:
            for n in (3, 2, 1):
                part = doc[i : i + n]
                if part.end > span.end or not all(t.is_title or t.is_upper for t in part) or part.text in ("The", "A"):
                    continue
                iso2 = self.gazetteer.demonyms.get(fold(part.text))
                if iso2 or len(self._broad(part.text)):
                    yield part, iso2
                    i += n
                    break
            else:
                i += 1

    def _known_suffix(self, span: Span) -> Span:
        """'Ukrainian Black Sea' -> 'Black Sea': the longest tail of the entity that the gazetteer knows."""
        if len(span) < 2 or len(self.gazetteer.lookup(span.text)):
            return span
        for start in range(span.start + 1, span.end):
            tail = span.doc[start : span.end]
            if len(self.gazetteer.lookup(tail.text)):
                return tail
        return span

    def _place_context(self, span: Span, label: str) -> bool:
        """Whether an ORG or PERSON entity is used as a place: a cue before it, a place noun or an area suffix
        around it, or (one word) a name the gazetteer has for a large place."""
        doc, words = span.doc, self.words
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if before in words.cue_words or after in words.area_suffixes:
            return True
        if span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in words.place_nouns:
            return True
        if len(span) == 1:
            candidates = self.gazetteer.lookup(span.text)
            threshold = 50_000 if label == "ORG" else 1_000_000
            return len(candidates) > 0 and int(max(self.gazetteer.entries[candidates]["pop"])) >= threshold
        return False


PLURAL_AREAS = {"oblasts": "oblast", "regions": "region", "provinces": "province", "districts": "district"}


def _coordinated_areas(doc: Doc, suffix: Token) -> Iterator[tuple[Span, str]]:
    """'Zaporizhzhia and Luhansk oblasts': each name before a plural area word, looked up with the singular."""
    singular, i = PLURAL_AREAS[suffix.lower_], suffix.i - 1
    while i >= 0 and doc[i].is_title and doc[i].pos_ == "PROPN":
        yield doc[i : i + 1], f"{doc[i].text} {singular}"
        if i < 2 or doc[i - 1].lower_ not in ("and", ","):
            return
        i -= 2


def _name(token: Token) -> bool:
    """A capitalised word tagged as a name (or, for unfamiliar village names, a noun)."""
    return token.is_title and token.pos_ in NAMES


def _title_name(token: Token) -> bool:
    return token.is_title and token.pos_ == "PROPN"


def _lone_name(token: Token) -> bool:
    """A capitalised proper noun, not first in its sentence, not followed by another, that NER left unlabelled (or
    labelled as a thing rather than a place)."""
    doc = token.doc
    if not _title_name(token) or token.is_sent_start or token.ent_type_ not in MISLABELLED:
        return False
    return not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")


def _comma_parts(span: Span) -> Iterator[Span]:
    start = span.start
    for token in span:
        if token.text == ",":
            if token.i > start:
                yield span.doc[start : token.i]
            start = token.i + 1
    if start < span.end:
        yield span.doc[start : span.end]


def _joined_to_a_word(span: Span) -> bool:
    """Whether a hyphen joins the span to a lower-case word, with no space either side ("US-led")."""
    doc, end = span.doc, span.end
    return (
        end + 1 < len(doc)
        and not span[-1].whitespace_
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and doc[end + 1].is_lower
    )


def _strip(ent: Span) -> Span | None:
    """The entity without leading articles and punctuation, and without trailing punctuation, "'s" and spaces."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "a", "an") or (start < end and ent.doc[start].is_punct):
        start += 1
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS" or ent.doc[end - 1].is_space):
        end -= 1
    return ent.doc[start:end] if start < end else None


def _tokens_at(doc: Doc, matches: Iterator[re.Match]) -> Iterator[Token]:
    """The tokens holding the first character of each match, once each, in order."""
    seen = -1
    for match in matches:
        span = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > seen:
            seen = span[0].i
            yield span[0]


__all__ = ["Mention", "PlaceWords", "Recogniser"]
