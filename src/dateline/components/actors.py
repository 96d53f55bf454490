"""`dateline_actors`: people with their roles, organisations, collectives and states, coded by country and sector.

- People: PERSON entities, and capitalised names right after a title that the
  NER model mislabels ("spokesman Igor Konashenkov"). The role is the title
  and its modifiers before the name ("Russian Defence Ministry spokesman") or
  an apposition after it ("Prigozhin, the head of Wagner"); country and sector
  come from the role's demonyms, countries, titles and organisations, else
  from the nearest country mentioned before. Later mentions by surname and by
  he/she join the person.
- Organisations: known names (`data/actors.json`: Kremlin, Wagner, NATO,
  TASS, ...) and ministries, armies and agencies with their country
  ("the Russian Defence Ministry", "the US State Department").
- Collectives: a demonym or country with a collective noun ("Ukrainian
  troops", "Russian units", "Wagner's troops", "Russian authorities").
- States: a capital or country standing for its government ("Moscow
  acknowledged"), from the places the geo component marked as metonyms.

Codes are CAMEO-style: ISO3 country + sector (UKRMIL, RUSGOV); names of
collectives and states follow ACLED ("Military Forces of Ukraine").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import load_json
from ..people import People
from ..places.gazetteer import Gazetteer
from ..places.names import fold
from ..schema import Actor, Evidence
from .actor_parts import (
    SAME_GROUP,
    _Actor,
    _collective_span,
    _defined_abbreviations,
    _first_line,
    _join_pronouns,
    _modifier_word,
    _organisation_name,
    _phrases_rx,
    _role_word,
    _run_start,
    _trim_article,
    _trim_possessive,
)
from .base import ACTOR_OF_TOKEN, ACTORS, PLACES, PUBLISHED, DocComponent, UsesGazetteer, doc_text, ensure_extension

DOC_ATTR = ACTORS
MENTION_ATTR = ACTOR_OF_TOKEN
SPEAKING = ("say", "tell", "write", "add", "claim")  # lemmas after a name that make it a speaker
TITLE_WORDS_MAX = 5  # words of a capitalised title between its title word and the name
TITLE_LINKS = ("of", "for", "and", "the")  # the small words inside a capitalised title
GOVERNMENT_NOUNS = frozenset({"government", "administration", "cabinet", "regime"})  # "Xi's government"
SPEAKER_LABELS = ("WORK_OF_ART", "ORG", "NORP", "GPE")  # what the NER model mislabels a speaker's name as


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, [])
    ensure_extension(MENTION_ATTR, {})


@Language.factory(
    "dateline_actors",
    assigns=[f"doc._.{DOC_ATTR}", f"doc._.{MENTION_ATTR}"],
    requires=["doc.ents", "token.dep", f"doc._.{PLACES}"],
    default_config={"dictionary": "actors.json", "people": "people.json"},
)
def make_actors(nlp: Language, name: str, dictionary: str, people: str) -> ActorsComponent:
    """Build the actors component.

    dictionary (str): package data file, or a path to your own file of the same shape.
    people (str): the officeholders and public figures (`dateline.people`), package data or a path.
    """
    return ActorsComponent(nlp, name, dictionary=dictionary, people=people)


class ActorsComponent(UsesGazetteer, DocComponent):
    """Find actors and code them."""

    attr = DOC_ATTR

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_actors",
        *,
        dictionary: str = "actors.json",
        people: str = "people.json",
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.name = name
        self.dictionary = dictionary
        words = load_json(dictionary)
        self.titles: dict[str, str | None] = words["titles"]
        self.organisations: dict[str, str | None] = words["organisations"]
        self.known: dict[str, list[str]] = words["known"]
        self.collectives: dict[str, str] = words["collective_nouns"]
        self.not_actors = frozenset(words["not_actors"])
        self.acled_names: dict[str, str] = words["acled_names"]
        self.pronouns: dict[str, str] = words["pronouns"]
        self.people = People.load(people)
        self.title_words = frozenset(w for t in self.titles for w in t.split())
        self.known_rx = _phrases_rx(self.known)
        self.sector_words = {fold(k): v for k, v in {**self.titles, **self.organisations}.items() if v}
        self.sector_rx = _phrases_rx(self.sector_words)
        self.organisation_rx = _phrases_rx(fold(o) for o in self.organisations)
        self._gazetteer = gazetteer
        install_extensions()

    def compute(self, doc: Doc) -> list[Actor]:
        actors, by_token = self.find(doc)
        doc._.set(MENTION_ATTR, by_token)
        return actors

    # --- finding -------------------------------------------------------------

    def find(self, doc: Doc) -> tuple[list[Actor], dict[int, int]]:
        found: list[tuple[Span, _Actor]] = []
        taken: set[int] = set()

        def add(span: Span, actor: _Actor) -> None:
            line = _first_line(span)
            if line.end != span.end and actor.name == span.text:
                actor.name = line.text
            span = line
            if any(t.i in taken for t in span):
                return
            taken.update(t.i for t in span)
            found.append((span, actor))

        for span in map(_first_line, self._person_spans(doc)):
            add(span, self._person(span))
        surnames = {span[-1].text: actor for span, actor in found if actor.kind == "person" and len(span) >= 2}
        for token in doc:  # "Prigozhin" alone, whatever the NER model tagged it
            if token.text in surnames and token.i not in taken and token.pos_ == "PROPN":
                add(doc[token.i : token.i + 1], self._person(doc[token.i : token.i + 1]))
        for span, actor in self._organisations(doc):
            add(span, actor)
        aliases = _defined_abbreviations(doc, found)  # "(MoD)" after "the Ministry of Defence" names it later on
        for token in (t for t in doc if t.text in aliases) if aliases else ():
            add(doc[token.i : token.i + 1], replace(aliases[token.text], spans=[]))
        for span, actor in self._collectives(doc):
            add(span, actor)
        for span, actor in self._peoples(doc):
            add(span, actor)
        for span, actor in self._states(doc):
            add(span, actor)
        found.sort(key=lambda f: f[0].start)
        self._fill_countries(doc, found)
        found += self._governments_of_people(doc, found, taken)
        found.sort(key=lambda f: f[0].start)
        return self._merge(doc, found)

    def _governments_of_people(
        self, doc: Doc, found: list[tuple[Span, _Actor]], taken: set[int]
    ) -> list[tuple[Span, _Actor]]:
        """ "Xi Jinping's government", "the Biden administration": the state of the person's country."""
        governments = []
        for span, actor in found:
            head = span.root.head
            if (
                actor.kind != "person"
                or actor.country is None
                or span.root.dep_ not in ("poss", "compound")
                or head.lemma_.lower() not in GOVERNMENT_NOUNS
                or head.i in taken
            ):
                continue
            country = self.gazetteer.country_name_of_iso3(actor.country)
            if country:
                taken.add(head.i)
                name = f"Government of {country}"
                governments.append(
                    (doc[head.i : head.i + 1], _Actor(name, "state", country=actor.country, sector="GOV"))
                )
        return governments

    def _person_spans(self, doc: Doc) -> Iterator[Span]:
        yield from self._person_entities(doc)
        yield from self._titled_names(doc)
        yield from self._speaker_names(doc)
        yield from self._dictionary_names(doc)

    def _person_entities(self, doc: Doc) -> Iterator[Span]:
        """PERSON entities that are no known non-actor, known organisation, place or capital."""
        for ent in doc.ents:
            if (
                ent.label_ == "PERSON"
                and fold(ent.text) not in self.not_actors
                and fold(ent.text) not in self.known
                and not self._is_place(ent)
                and not self._is_capital(ent)
            ):
                yield _trim_possessive(ent)

    def _titled_names(self, doc: Doc) -> Iterator[Span]:
        """Names right after a title, whatever the NER model tagged them: "spokesman Igor Konashenkov" tagged ORG,
        "Yevgeny Prigozhin" tagged WORK_OF_ART."""
        for token in doc:
            if token.lower_ not in self.title_words or token.i + 2 > len(doc):
                continue
            end = token.i + 1
            while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and end - token.i <= 3:
                end += 1
            if end - token.i >= 3 or (end - token.i == 2 and doc[token.i + 1].ent_type_ == "PERSON"):
                name = doc[token.i + 1 : end]
                if not self._is_place(name) and not self._is_capital(name):
                    yield name

    def _speaker_names(self, doc: Doc) -> Iterator[Span]:
        """Two or three capitalised words the NER model took for a work, an organisation or a place, followed by a
        reporting verb ("Olena Kovalenko said"), unless they are a known name."""
        for ent in doc.ents:
            if ent.label_ not in SPEAKER_LABELS or not 2 <= len(ent) <= 3 or not all(t.is_title for t in ent):
                continue
            following = ent.doc[ent.end].lemma_ if ent.end < len(doc) else ""
            if following in SPEAKING and fold(ent.text) not in self.known:
                yield ent

    def _dictionary_names(self, doc: Doc) -> Iterator[Span]:
        """Names of the people dictionary the NER model did not tag: runs of one to three capitalised proper
        nouns that name a known person ("Zelenskiy said")."""
        i = 0
        while i < len(doc):
            end = i
            while end < len(doc) and end - i < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            known_surname = end > i and self.people.has_surname(doc[end - 1].text)
            for start in range(i, end if known_surname else i):  # "President Zelenskiy": the longest known tail
                span = doc[start:end]
                if span[0].ent_type_ != "PERSON" and self.people.find(span.text) and not self._is_place(span):
                    yield span
                    break
            i = max(end, i + 1)

    def _is_capital(self, ent: Span) -> bool:
        return len(ent) == 1 and any(self.gazetteer.entries[i]["capital"] for i in self.gazetteer.lookup(ent.text))

    def _is_place(self, ent: Span) -> bool:
        places = ent.doc._.get(PLACES) if Doc.has_extension(PLACES) else []
        return any(m.span[0] <= ent.start_char < m.span[1] for p in places or [] for m in p.mentions)

    def _person(self, span: Span) -> _Actor:
        role_tokens = self._role_tokens(span)
        role = " ".join(t.text for t in role_tokens) or None
        appos = self._apposition(span)
        if appos:
            role = appos if role is None else f"{role}; {appos}"
        actor = _Actor(span.text, "person", role=role)
        actor.country, actor.sector = self._code_from_text(role or "")
        person = self.people.find(span.text, span.doc._.get(PUBLISHED))
        if person is not None:  # the text's codes first, the dictionary's where the text gives none
            standing = person.at(span.doc._.get(PUBLISHED))
            actor.country = actor.country or standing.country
            actor.sector = actor.sector or standing.sector
            actor.role = actor.role or standing.role
            actor.name = person.name
        return actor

    def _role_tokens(self, span: Span) -> list[Token]:
        """The title and its modifiers right before a name: 'Russian Defence Ministry spokesman'."""
        doc = span.doc
        start = self._role_start(doc, span.start)
        i = start - 1
        if i >= 1 and doc[i].lower_ == "of" and start < span.start and doc[i - 1].lower_ in self.title_words:
            start = _run_start(doc, i - 1, _modifier_word)  # "head of the presidential office"
            i = start - 1
        tokens = list(doc[start : span.start])
        if i >= 0 and doc[i].lower_ in ("'s", "’s") and tokens:  # "Wagner's head": the owner, not the "'s"
            tokens = list(doc[_run_start(doc, i - 1, lambda t: t.is_title) : i]) + tokens
        return tokens if any(t.lower_ in self.title_words for t in tokens) else []

    def _role_start(self, doc: Doc, name_start: int) -> int:
        """Where the words of a role before a name begin; none when the word before it is capitalised but no
        title, organisation, nationality or place."""
        before = doc[name_start - 1] if name_start > 0 else None
        capitalised = before is not None and before.is_title and before.ent_type_ not in ("NORP", "ORG", "GPE")
        if capitalised and before.lower_ not in self.title_words:
            title = self._capitalised_title(doc, name_start)
            return name_start if title is None else _run_start(doc, title - 1, _role_word)
        return _run_start(doc, name_start - 1, _role_word)

    def _capitalised_title(self, doc: Doc, name_start: int) -> int | None:
        """The title word that heads a capitalised title right before a name ("Minister of Foreign Affairs",
        "General Sir"), if there is one within a few words."""
        i = name_start - 1
        while i >= 0 and name_start - i <= TITLE_WORDS_MAX and (doc[i].is_title or doc[i].lower_ in TITLE_LINKS):
            if doc[i].lower_ in self.title_words:
                return i
            i -= 1
        return None

    def _apposition(self, span: Span) -> str | None:
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i:
                sub = span.doc[child.left_edge.i : child.right_edge.i + 1]
                if any(t.lower_ in self.title_words for t in sub) and len(sub) <= 12:
                    return sub.text
        head = root.head
        if root.dep_ == "appos" and head.lower_ in self.title_words:
            return span.doc[head.left_edge.i : head.i + 1].text
        return None

    def _code_from_text(self, text: str) -> tuple[str | None, str | None]:
        """Country (ISO3) and sector from a role or a name: demonyms, countries, known names, organisations, titles."""
        low = fold(text)
        if not low:
            return None, None
        country = sector = None
        known = self.known_rx.search(low)
        if known:
            code, sector = self.known[known.group(0)]
            country = None if code in ("IGO", "NGO") else code
        words = low.split()
        for candidate in [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words:
            iso2 = self.gazetteer.demonyms.get(candidate)
            if iso2 and country is None:
                country = self.gazetteer.iso3(iso2)
        if country is None:  # a country named in the role (capitalised: "and" is not Andorra's code)
            named = [fold(w) for w in text.split() if w[:1].isupper()]
            country = next(filter(None, (self.gazetteer.iso3(self.gazetteer.country_of(t)) for t in named)), None)
        if sector is None:
            phrase = self.sector_rx.search(low)
            if phrase:
                sector = self.sector_words[phrase.group(0)]
        return country, sector

    def _organisations(self, doc: Doc) -> Iterator[tuple[Span, _Actor]]:
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "NORP", "GPE", "FAC"):
                continue
            span = _trim_article(ent)
            low = fold(span.text)
            if not low or low in self.not_actors:
                continue
            words = low.split()
            tails = (" ".join(words[i:]) for i in range(len(words)))  # "the russian tass" ends in "tass"
            known = next((self.known[t] for t in tails if t in self.known), None)
            has_org_word = self.organisation_rx.search(low) is not None
            if ent.label_ != "ORG" and not known:
                continue
            if not known and not has_org_word:
                continue
            country, sector = self._code_from_text(span.text)
            if known:
                country = None if known[0] in ("IGO", "NGO") else known[0]
                sector = known[1]
            yield span, _Actor(_organisation_name(span.text), "organisation", country=country, sector=sector)

    def _collectives(self, doc: Doc) -> Iterator[tuple[Span, _Actor]]:
        for token in doc:
            key = self._collective_key(doc, token)
            if key is None:
                continue
            modifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")]
            span = _collective_span(doc, token, key, modifiers)
            country, owner = self._collective_country(modifiers)
            if country is None and not owner:
                country, place = self._country_after(token)
                if country is None:
                    continue
                span = doc[span.start : place.i + 1]
            sector = self._collective_sector(key, owner, span)
            conj = [c for c in token.children if c.dep_ == "conj" and c.lower_ in self.collectives]
            if conj:
                span = doc[span.start : conj[-1].i + 1]
            head = SAME_GROUP.get(token.lemma_.lower(), token.lemma_.lower())
            yield span, _Actor(span.text, "collective", country=country, sector=sector, head=head)

    def _peoples(self, doc: Doc) -> Iterator[tuple[Span, _Actor]]:
        """A people named by its plural demonym ("thousands of Ukrainians rallied"), as civilians; not after "the",
        where "the Russians" of a war report are as often its army."""
        for token in doc:
            if token.tag_ not in ("NNPS", "NNS") or token.ent_type_ != "NORP" or not token.lower_.endswith("s"):
                continue
            iso2 = self.gazetteer.demonyms.get(token.lower_[:-1])
            if iso2 is None or (token.i > 0 and doc[token.i - 1].lower_ == "the"):
                continue
            span = doc[token.i : token.i + 1]
            yield span, _Actor(span.text, "collective", country=self.gazetteer.iso3(iso2), sector="CVL", head="people")

    def _collective_key(self, doc: Doc, token: Token) -> str | None:
        """The collective noun a noun is, with the word before it ("armed forces") or alone ("troops")."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = token.lower_
        two = f"{doc[token.i - 1].lower_} {noun}" if token.i > 0 else ""
        return two if two in self.collectives else (noun if noun in self.collectives else None)

    def _collective_country(self, modifiers: list[Token]) -> tuple[str | None, Token | None]:
        """The country of a collective from its modifiers ("Ukrainian troops"), and the known owner among them
        ("Wagner's troops"), whose country wins."""
        country, _ = self._code_from_text(" ".join(m.text for m in modifiers) if modifiers else "")
        owner = next((m for m in modifiers if fold(m.text) in self.known), None)
        if owner is not None:
            country = self.known[fold(owner.text)][0]
        return country, owner

    def _country_after(self, token: Token) -> tuple[str | None, Token | None]:
        """The country of a collective named after it: "the authorities in Kyiv", "leaders of Germany"."""
        for prep in token.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "from"):
                continue
            for place in prep.children:
                if place.dep_ == "pobj" and place.pos_ == "PROPN":
                    country = self._code_from_text(place.text)[0] or self._country_of_place(place)
                    if country is not None:
                        return country, place
        return None, None

    def _country_of_place(self, token: Token) -> str | None:
        """The country (ISO3) of the place the geo component found at a token ("Kyiv" -> UKR)."""
        places = token.doc._.get(PLACES) if Doc.has_extension(PLACES) else []
        for place in places or []:
            if place.country and any(m.span[0] <= token.idx < m.span[1] for m in place.mentions):
                return self.gazetteer.iso3(place.country)
        return None

    def _collective_sector(self, key: str, owner: Token | None, span: Span) -> str:
        """The sector of a collective noun, unless a private military owner or the media say otherwise."""
        sector = self.collectives[key]
        if owner is not None and self.known[fold(owner.text)][1] == "PMC":
            sector = "PMC"
        if key in ("reporters", "bloggers") or "bloggers" in span.text.lower():
            sector = "MED"
        return sector

    def _states(self, doc: Doc) -> Iterator[tuple[Span, _Actor]]:
        places = doc._.get(PLACES) if Doc.has_extension(PLACES) else []
        for place in places or []:
            if place.role != "metonym" or not place.country:
                continue
            iso3 = self.gazetteer.iso3(place.country)
            for mention in place.mentions:
                span = doc.char_span(*mention.span, alignment_mode="expand")
                if span is not None:
                    name = f"Government of {self.gazetteer.country_name(place.country)}"
                    yield span, _Actor(name, "state", country=iso3, sector="GOV")

    # --- linking -------------------------------------------------------------

    def _fill_countries(self, doc: Doc, found: list[tuple[Span, _Actor]]) -> None:
        """An actor whose role names no country takes the nearest country mentioned before it."""
        for span, actor in found:
            if (
                actor.country is not None
                or actor.kind not in ("person", "organisation")
                or actor.sector in (None, "IGO", "NGO")
            ):
                continue
            for token in reversed(doc[max(0, span.start - 150) : span.start]):
                iso2 = self.gazetteer.demonyms.get(token.lower_)
                if iso2:
                    actor.country = self.gazetteer.iso3(iso2)
                    break

    def _merge(self, doc: Doc, found: list[tuple[Span, _Actor]]) -> tuple[list[Actor], dict[int, int]]:
        actors: list[_Actor] = []
        index: dict[tuple, int] = {}
        surnames: dict[str, int] = {}
        by_token: dict[int, int] = {}
        for span, actor in found:
            key = actor.key()
            if actor.kind == "person":
                surname = span[-1].lower_
                if key not in index and surname in surnames and len(span) == 1:
                    key = actors[surnames[surname]].key()
            if key in index:
                target = actors[index[key]]
                target.role = target.role or actor.role
                target.country = target.country or actor.country
                target.sector = target.sector or actor.sector
            else:
                index[key] = len(actors)
                actors.append(actor)
                target = actor
            i = index[key]
            target.spans.append((span.start_char, span.end_char))
            for token in span:
                by_token[token.i] = i
            if actor.kind == "person":
                surnames.setdefault(span[-1].lower_, i)
        _join_pronouns(doc, actors, by_token, self.pronouns)
        return [self._to_actor(doc, a) for a in actors], by_token

    def _to_actor(self, doc: Doc, actor: _Actor) -> Actor:
        text = doc_text(doc)
        spans = sorted(set(actor.spans))
        first = spans[0]
        country_name = self.gazetteer.country_name_of_iso3(actor.country)
        code = f"{actor.country or ('IGO' if actor.sector == 'IGO' else '')}{actor.sector or ''}" or None
        acled = None
        if actor.kind in ("collective", "state", "organisation") and actor.sector in self.acled_names and country_name:
            acled = self.acled_names[actor.sector].format(country=country_name, name=actor.name)
        name = acled if actor.kind == "collective" and acled else actor.name
        return Actor(
            span=first,
            text=text[first[0] : first[1]],
            mentions=[Evidence(span=s, text=text[s[0] : s[1]]) for s in spans],
            name=name,
            kind=actor.kind,
            role=actor.role,
            country=actor.country,
            sector=actor.sector,
            code=code,
            acled_name=acled,
        )


__all__ = ["ActorsComponent", "make_actors"]
