"""Resolution: each recognised toponym's gazetteer entry, its fallbacks, roles, and the article's places.

Every candidate of a mention is scored by population (capitals a little
more) or kind, by an exact name, by the countries and admin areas of the
article's other places (a name never votes for itself), by distance to them,
and by a place written right after it ("Paris, Texas"). A name the gazetteer
lacks takes the point of an earlier place of the same name, or of a town
named near it in its sentence, at precision 2. A capital or country that is
the subject of a verb of saying or acting ("Moscow acknowledged", "Russia has
amassed troops"; not of being or lying, `place_verbs` in `data/geo.json`), or
the owner of an institution ("Kyiv's government"), is a `metonym`; one sense
per article: a state name used so at least once and never written as a place
(after `locative_prepositions`, or owning a part: "Kyiv's suburbs") is a
`metonym` in all its mentions ("dialogue with Moscow").

>>> resolver = Resolver(gazetteer, words)  # doctest: +SKIP
>>> resolver.choose(mentions); resolver.fall_back(mentions); resolver.assign_roles(mentions)  # doctest: +SKIP
>>> places = resolver.group(mentions, doc.text)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.tokens import Span

from ..components.base import PUBLISHED, doc_text
from ..lexicon import load_json
from ..schema import Evidence, Place
from .gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    CONTINENT,
    COUNTRY,
    KINDS,
    LOCALITY,
    REGION,
    STATE_POPULATION,
    STATE_TIE_BREAK,
    WATER,
    Gazetteer,
)
from .geometry import haversine_km, polyline_km
from .metonymy import MetonymyModel
from .metonymy import features as metonymy_features
from .names import fold
from .parts import DIRECTIONS, Parts
from .precision import UNRESOLVED, precision_of_kind
from .recognise import Mention, PlaceWords

STATE_WEIGHT = 0.05  # of the log of a state's people in millions: orders namesake states, not a state and a city
PRIOR = {ADMIN1: 6.3, ADMIN2: 4.5, COUNTRY: 7.0, CONTINENT: 7.5, WATER: 6.5, REGION: 6.5}
ADMIN_SUFFIXES = frozenset({"region", "oblast", "province", "district", "county", "governorate", "raion", "parish"})
NEAR_CUES = ("near", "outside", "of", "around", "towards", "toward")
AMBIGUOUS_MARGIN = 1.5  # a runner-up this close to the best prior leaves a mention for the context to decide
QUALIFIER_GAP = 3  # characters at most between a place and the one written after it ("Paris, Texas")
QUALIFYING_WORDS = frozenset({"in", "in the"})  # "Ivanivka in Kherson region", "Ivanivka in the Kherson oblast"
NAMESAKE_MARGIN = 0.5  # a namesake scoring this close to the best (a third of its population) is as likely
NAMESAKE_KM = 25.0
HOME_COUNTRIES = ("UA",)  # the geo component's default `home_countries`
HOME_BONUS = 1.0  # "Odessa" alone is Ukraine's, not the Texan namesake that matches its spelling exactly
WAR_KM = 30.0  # a namesake this close to where the war is fought, every other twice as far, is the one meant


@dataclass(frozen=True)
class _Vote:
    """A resolved mention's share in the context of the others: its folded name, country code and weight,
    its admin area's name (an ADMIN1) and its point (a city, locality or ADMIN1)."""

    name: str
    cc: str
    weight: float
    admin: str | None
    point: tuple[float, float] | None


def _qualifies(place: Mention, after: Mention, text: str) -> bool:
    """Whether `after` names what `place` lies in: written right after it ("Paris, Texas", "Kyrylivka (Donetsk)"),
    or an admin area after "in" ("Ivanivka in Kherson region")."""
    gap = after.span.start_char - place.span.end_char
    if 0 < gap <= QUALIFIER_GAP:
        return True
    between = text[place.span.end_char : after.span.start_char].strip().lower()
    return between in QUALIFYING_WORDS and fold(after.name).rsplit(" ", 1)[-1] in ADMIN_SUFFIXES


def _median(values: list[float]) -> float:
    """np.median's value, without its overhead on the few points of one article."""
    if any(math.isnan(v) for v in values):
        return float(np.median(values))
    return float(statistics.median(values))


class Resolver:
    """Chooses gazetteer entries for an article's mentions and groups them into its places."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        words: PlaceWords,
        min_score: float = 0.0,
        metonymy: MetonymyModel | None = None,
        parts: Parts | None = None,
        home_countries: tuple[str, ...] = HOME_COUNTRIES,
    ) -> None:
        self.gazetteer = gazetteer
        self.home_countries = frozenset(home_countries)
        self.words = words
        self.min_score = min_score
        self.metonymy = metonymy
        self.parts = parts

    def prior(self, index: int) -> float:
        """How likely an entry is before any context: by kind, else log population (+1 for a capital)."""
        row = self.gazetteer.entries[index]
        kind = int(row["kind"])
        if kind == ADMIN1:  # namesake states ("Florida") rank by the people of their cities (`build._rank_states`)
            people = max(int(row["pop"]) - STATE_POPULATION, 0) * STATE_TIE_BREAK
            return PRIOR[kind] + STATE_WEIGHT * math.log10(1 + people / 1_000_000)
        if kind in PRIOR:
            return PRIOR[kind]
        return math.log10(int(row["pop"]) + 10) + (1.0 if row["capital"] else 0.0)

    def point(self, index: int) -> tuple[float, float]:
        row = self.gazetteer.entries[index]
        return float(row["lat"]), float(row["lon"])

    def kind(self, index: int) -> int:
        return int(self.gazetteer.entries[index]["kind"])

    # --- choosing ------------------------------------------------------------

    def choose(self, mentions: list[Mention]) -> None:
        """The unambiguous mentions first, then every mention in the context of the others, then again those
        qualified by the place written right after them."""
        self._first_pass(mentions)
        text = doc_text(mentions[0].span.doc) if mentions else ""
        qualifiers = {
            i: m for i, m in enumerate(mentions[1:]) if m.demonym is None and _qualifies(mentions[i], m, text)
        }  # not "Donetsk, Russian media"
        votes = self._votes(mentions)
        by_name = {name: self._context(votes, without=name) for name in {fold(m.name) for m in mentions}}
        contexts = [by_name[fold(m.name)] for m in mentions]  # no name votes for itself
        for i, mention in enumerate(mentions):
            if mention.demonym is None:
                self._score(mention, contexts[i])
        for i, qualifier in qualifiers.items():  # once the qualifiers themselves are resolved
            if mentions[i].demonym is None:
                self._score(mentions[i], contexts[i], qualifier)
                self._namesakes(mentions[i], contexts[i], qualifier)
        for i, mention in enumerate(mentions):
            if i not in qualifiers and mention.demonym is None:
                self._unqualified_namesakes(mention, contexts[i])

    def _first_pass(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if len(mention.candidates) == 0:
                continue
            priors = sorted(((self.prior(i), int(i)) for i in mention.candidates), reverse=True)
            exact = [p for p in priors if fold(self.gazetteer.name(p[1])) == fold(mention.name)]
            best = (exact or priors)[0]
            runner_up = next((p for p in priors if p[1] != best[1] and p[0] > best[0] - AMBIGUOUS_MARGIN), None)
            if runner_up is None or mention.demonym:
                mention.chosen, mention.score = best[1], best[0]

    def _votes(self, mentions: list[Mention]) -> list[_Vote]:
        """What each mention resolved so far adds to the context of the others (read from the gazetteer once)."""
        votes = []
        for mention in mentions:
            if mention.chosen is None:
                continue
            row = self.gazetteer.entries[mention.chosen]
            # "Russian forces shelled Donetsk": a demonym names a side, not where things happen
            weight = 0.25 if mention.demonym else (2 if row["kind"] in (COUNTRY, ADMIN1) else 1)
            admin = self.gazetteer.admin1_names[row["admin1"]] if row["kind"] == ADMIN1 else None
            point = (float(row["lat"]), float(row["lon"])) if row["kind"] in (CITY, LOCALITY, ADMIN1) else None
            votes.append(_Vote(fold(mention.name), row["cc"].decode(), weight, admin, point))
        return votes

    @staticmethod
    def _context(votes: list[_Vote], without: str | None = None) -> dict:
        """Countries, admin areas and centre of the places resolved so far, leaving out the name `without`."""
        countries: Counter = Counter()
        admins: Counter = Counter()
        points = []
        for vote in votes:
            if vote.name == without:
                continue
            if vote.cc:
                countries[vote.cc] += vote.weight
            if vote.admin is not None:
                admins[vote.admin] += 1
            if vote.point is not None:
                points.append(vote.point)
        total = max(sum(countries.values()), 1.0)  # a lone demonym or two weigh less than one place
        centre = (_median([p[0] for p in points]), _median([p[1] for p in points])) if points else None
        return {"countries": {c: n / total for c, n in countries.items()}, "admins": admins, "centre": centre}

    def _score(self, mention: Mention, context: dict, qualifier: Mention | None = None) -> None:
        """Pick the best candidate; `qualifier` is a place written right after it ('Paris, Texas')."""
        best, best_score = None, -math.inf
        folded = fold(mention.name)
        within = self._within(qualifier)
        for index in mention.candidates:
            index = int(index)
            score = self._candidate_score(index, folded, context, within)
            if score > best_score:
                best, best_score = index, score
        if best is not None and best_score >= self.min_score:
            mention.chosen, mention.score = best, best_score

    def _namesakes(self, mention: Mention, context: dict, qualifier: Mention) -> None:
        """'Novoselivka, Kharkiv oblast', where the oblast has several Novoselivkas that nothing in the text tells
        apart (scores within `NAMESAKE_MARGIN`, `NAMESAKE_KM` or more apart): the one near the article's other places,
        else (in Ukraine) the one near where the war was fought on the article's date, else the oblast itself, at
        precision 3, with the number of namesakes, rather than a guess among them."""
        if mention.chosen is None or self.kind(mention.chosen) not in (CITY, LOCALITY):
            return
        best = self.gazetteer.entries[mention.chosen]
        rivals = self._rivals(mention, context, self._within(qualifier), "admin1")
        if not rivals:
            return
        nearest = self._nearest_to_context([mention.chosen, *rivals], context)
        if nearest is None and best["cc"].decode() == "UA":
            nearest = self._nearest_to_the_war([mention.chosen, *rivals], _published(mention.span))
        if nearest is not None:
            mention.chosen = nearest
            return
        area = self.gazetteer.admin1_entry(best["cc"].decode(), int(best["admin1"]))
        if area is not None:
            mention.chosen, mention.precision, mention.namesakes = area, 3, len(rivals) + 1

    def _unqualified_namesakes(self, mention: Mention, context: dict) -> None:
        """A Ukrainian town named with no oblast, when the article's other places do not choose among its
        namesakes: the one near where the war was fought on the article's date, when one is (`_nearest_to_the_war`)."""
        if mention.chosen is None or self.kind(mention.chosen) not in (CITY, LOCALITY):
            return
        if self.gazetteer.entries[mention.chosen]["cc"].decode() != "UA":
            return
        rivals = self._rivals(mention, context, None, "cc")
        nearest = self._nearest_to_the_war([mention.chosen, *rivals], _published(mention.span)) if rivals else None
        if nearest is not None:
            mention.chosen = nearest

    def _rivals(self, mention: Mention, context: dict, within: tuple | None, same: str) -> list[int]:
        """The other towns among a mention's candidates in the same `same` ("admin1" or "cc") as its choice that
        score within `NAMESAKE_MARGIN` of it and lie `NAMESAKE_KM` or more from it."""
        chosen, folded = self.gazetteer.entries[mention.chosen], fold(mention.name)
        return [
            i
            for i in map(int, mention.candidates)
            if i != mention.chosen
            and self.kind(i) in (CITY, LOCALITY)
            and self.gazetteer.entries[i][same] == chosen[same]
            and self._candidate_score(i, folded, context, within) >= mention.score - NAMESAKE_MARGIN
            and haversine_km(*self.point(i), *self.point(mention.chosen)) >= NAMESAKE_KM
        ]

    def _nearest_to_context(self, namesakes: list[int], context: dict) -> int | None:
        """The namesake that lies near the article's other places (within `NAMESAKE_KM` of their centre) when every
        other one lies at least twice as far; else None."""
        if context["centre"] is None:
            return None
        return _clearly_nearest([(haversine_km(*context["centre"], *self.point(i)), i) for i in namesakes], NAMESAKE_KM)

    def _nearest_to_the_war(self, namesakes: list[int], published: dt.date | None) -> int | None:
        """The namesake within `WAR_KM` of the lines the war was fought along on the article's date
        (`data/war_lines.json`: the border with Russia, the fronts since 2014) when every other one lies at least
        twice as far; else None."""
        lines = [points for start, end, points in _war_lines() if published and start <= published <= end]
        if not lines:
            return None
        distances = [(min(polyline_km(self.point(i), line) for line in lines), i) for i in namesakes]
        return _clearly_nearest(distances, WAR_KM)

    def _within(self, qualifier: Mention | None) -> tuple[str, str | None] | None:
        """What a resolved qualifier says its place lies in: ('admin1', name) or ('country', ISO2)."""
        if qualifier is None or qualifier.chosen is None:
            return None
        q = self.gazetteer.entries[qualifier.chosen]
        if int(q["kind"]) in (ADMIN1, CITY, LOCALITY):  # "Zemlianky, Kharkiv": the city names its province
            return ("admin1", self.gazetteer.admin1_names[q["admin1"]] if q["admin1"] >= 0 else None)
        if int(q["kind"]) == COUNTRY:
            return ("country", q["cc"].decode())
        return None

    def _candidate_score(self, index: int, folded: str, context: dict, within: tuple | None) -> float:
        row = self.gazetteer.entries[index]
        admin1 = self.gazetteer.admin1_names[row["admin1"]] if row["admin1"] >= 0 else None
        score = self.prior(index)
        if fold(self.gazetteer.name(index)) == folded:
            score += 3.0 if int(row["kind"]) == COUNTRY else 1.0
        score += 4.0 * context["countries"].get(row["cc"].decode(), 0.0)
        if not context["countries"] and row["cc"].decode() in self.home_countries:  # a text that names no country
            score += HOME_BONUS
        if admin1 is not None and context["admins"].get(admin1):
            score += 2.0
        if within is not None and within[1] is not None:
            inside = row["cc"].decode() == within[1] if within[0] == "country" else admin1 == within[1]
            score += 5.0 if inside else 0.0
        if context["centre"] is not None and row["kind"] in (CITY, LOCALITY, ADMIN2):
            km = haversine_km(*context["centre"], float(row["lat"]), float(row["lon"]))
            score += 1.5 if km < 300 else (0.5 if km < 1000 else 0.0)
        return score

    # --- what the gazetteer lacks, and roles -----------------------------------

    def fall_back(self, mentions: list[Mention]) -> None:
        """A name the gazetteer lacks: an earlier place of the same name, or the anchor of a phrase in its sentence."""
        for i, mention in enumerate(mentions):
            if mention.chosen is not None or mention.point is not None:
                continue
            head = fold(mention.name).split(" ")[0]
            earlier = next(
                (m for m in reversed(mentions[:i]) if m.point is not None and fold(m.name).split(" ")[0] == head), None
            )
            if earlier is not None:
                mention.point, mention.precision, mention.fallback_name = earlier.point, 2, earlier.fallback_name
                continue
            sentence = mention.span.sent
            near = [m for m in mentions if m is not mention and self._near_town(m, sentence)]
            if near:
                anchor = min(near, key=lambda m: abs(m.span.start - mention.span.start))
                mention.point, mention.precision, mention.fallback_name = self.point(anchor.chosen), 2, anchor.name

    def _near_town(self, mention: Mention, sentence) -> bool:
        """A resolved town of this sentence written after 'near', 'outside', 'of' ..."""
        if mention.chosen is None or mention.span.sent != sentence:
            return False
        if self.kind(mention.chosen) not in (CITY, LOCALITY):
            return False
        doc = mention.span.doc
        return any(t.lower_ in NEAR_CUES for t in doc[max(0, mention.span.start - 4) : mention.span.start])

    def assign_roles(self, mentions: list[Mention]) -> None:
        """`location`, `demonym`, `metonym` ('Moscow said'), or the hint recognition gave (`embedded`); then one
        sense per article for a state's name (`_one_sense`)."""
        for mention in mentions:
            if mention.role_hint:
                mention.role = mention.role_hint
            else:
                mention.role = (
                    "demonym" if mention.demonym else ("metonym" if self._is_metonym(mention) else "location")
                )
        self._one_sense(mentions)

    def _one_sense(self, mentions: list[Mention]) -> None:
        """A country or capital the article uses for its state ("Moscow said") and never as a place ("in Moscow",
        "Moscow's suburbs") stands for the state in all its mentions ("talks with Moscow")."""
        by_entry: dict[int, list[Mention]] = {}
        for mention in mentions:
            if self.may_be_metonym(mention) and mention.role in ("location", "metonym"):
                by_entry.setdefault(mention.chosen, []).append(mention)
        for same in by_entry.values():
            if any(m.role == "metonym" for m in same) and not any(self._locative(m) for m in same):
                for mention in same:
                    mention.role = "metonym"

    def _locative(self, mention: Mention) -> bool:
        """Written as a place: a dateline, after a locative preposition ("in", "near"), owning a part ("Kyiv's
        suburbs")."""
        if mention.role_hint == "location":
            return True
        root = mention.span.root
        while root.dep_ in ("conj", "appos") and root.head is not root:
            root = root.head
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in self.words.locative_prepositions:
            return True
        return root.dep_ in ("poss", "compound", "nmod") and head.lemma_.lower() in self.words.place_nouns

    def may_be_metonym(self, mention: Mention) -> bool:
        """Whether a mention is a resolved country or city name, which may stand for its state."""
        return mention.chosen is not None and not mention.demonym and self.kind(mention.chosen) in (CITY, COUNTRY)

    def metonymy_features(self, mention: Mention) -> list[str]:
        kind = "country" if self.kind(mention.chosen) == COUNTRY else "city"
        return metonymy_features(mention.span, self.words, kind)

    def _is_metonym(self, mention: Mention) -> bool:
        if not self.may_be_metonym(mention):
            return False
        if self.metonymy is not None:
            return self.metonymy.is_metonym(self.metonymy_features(mention))
        root = mention.span.root
        if root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass", "pobj"):  # "Britain and Russia pledged"
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in self.words.saying_verbs:
            return True
        if root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() not in self.words.place_verbs:
            return True
        if root.dep_ == "dobj" and root.head.lemma_.lower() in self.words.party_object_verbs:  # "accused the US"
            return True
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head is not root.head:  # "leaders of Germany"
            return root.head.head.lemma_.lower() in self.words.officeholder_nouns
        return (
            root.dep_ in ("poss", "compound", "amod", "nmod")
            and root.head.lemma_.lower() in self.words.institution_nouns
        )

    # --- the article's places --------------------------------------------------

    def group(self, mentions: list[Mention], text: str) -> list[Place]:
        """One place per resolved entry (or supported point) and role, with every mention of it, in text order.

        text (str): the document's text, which the mentions' character offsets index.
        """
        places: dict[tuple, Place] = {}
        for m in mentions:
            start, end = m.chars or (m.span.start_char, m.span.end_char)
            evidence = Evidence(span=(start, end), text=text[start:end])
            if m.chosen is not None and self._feature_of(m):  # "the Berkhivka reservoir" is near Berkhivka, not it
                m.point, m.precision, m.chosen = self.point(m.chosen), 2, None
            part = self._compass_part(m)
            if part is not None:
                start = part.start_char
                evidence = Evidence(span=(start, end), text=text[start:end])
            found = self._place(m, evidence, part)
            if found is None:
                continue
            key, place = found
            if key in places:
                places[key].mentions.append(evidence)
                if places[key].relative is None and m.relative is not None:
                    places[key].relative = m.relative
            else:
                place.mentions.append(evidence)
                places[key] = place
        return sorted(places.values(), key=lambda p: p.span[0])

    def _compass_part(self, mention: Mention) -> Span | None:
        """The compass words of a country's part as a location ("in eastern Ukraine", "north-western Syria"),
        when the country has parts."""
        if self.parts is None or mention.chosen is None or mention.role != "location":
            return None
        if self.kind(mention.chosen) != COUNTRY:
            return None
        doc, start = mention.span.doc, mention.span.start
        iso2 = self.gazetteer.entry(mention.chosen)["country"]
        for width in (3, 1):  # "north - western" is three tokens
            words = doc[max(start - width, 0) : start]
            if len(words) == width and words.text.lower() in DIRECTIONS:
                return words if self.parts.point(iso2, words.text.lower()) is not None else None
        return None

    def _place(self, m: Mention, evidence: Evidence, part: Span | None = None) -> tuple[tuple, Place] | None:
        """The grouping key and the place of a mention: its gazetteer entry (or the compass part of it), else its
        supported point, else none."""
        if m.chosen is not None and part is not None:
            entry = self.gazetteer.entry(m.chosen)
            lat, lon = self.parts.point(entry["country"], part.text.lower())
            place = Place(
                **evidence.model_dump(),
                name=f"{part.text.capitalize()} {entry['name']}",
                country=entry["country"],
                lat=lat,
                lon=lon,
                feature=KINDS[REGION],
                precision=3,
                score=round(m.score, 3),
                relative=m.relative,
                role=m.role,
            )
            return ("part", m.chosen, part.text.lower(), m.role), place
        if m.chosen is not None:
            entry = self.gazetteer.entry(m.chosen)
            kind = self.kind(m.chosen)
            place = Place(
                **evidence.model_dump(),
                geonames_id=entry["geonames_id"],
                name=entry["name"],
                country=entry["country"],
                admin1=entry["admin1"],
                lat=round(entry["lat"], 5),
                lon=round(entry["lon"], 5),
                feature=KINDS[kind],
                precision=m.precision or precision_of_kind(kind),
                namesakes=m.namesakes or None,
                score=round(m.score, 3),
                relative=m.relative,
                role=m.role,
            )
            return ("gaz", m.chosen, m.role), place
        if m.point is not None:
            place = Place(
                **evidence.model_dump(),
                name=m.name,
                lat=round(m.point[0], 5),
                lon=round(m.point[1], 5),
                feature=UNRESOLVED,
                precision=m.precision or 2,
                score=0.0,
                relative=m.relative,
                role=m.role,
            )
            return ("point", fold(m.name), m.role), place
        return None

    def _feature_of(self, mention: Mention) -> bool:
        """A river, lake or reservoir named after the place the gazetteer found ('Berkhivka reservoir')."""
        words = fold(mention.name).split(" ")
        return (
            len(words) > 1
            and words[-1] in self.words.area_suffixes
            and words[-1] not in ADMIN_SUFFIXES
            and fold(self.gazetteer.name(mention.chosen)) != fold(mention.name)
        )


@cache
def _war_lines() -> tuple[tuple[dt.date, dt.date, list[tuple[float, float]]], ...]:
    """(from, to, points) of each line of `data/war_lines.json`."""
    return tuple(
        (
            dt.date.fromisoformat(line["from"]),
            dt.date.fromisoformat(line["to"]) if line["to"] else dt.date.max,
            [(lat, lon) for lat, lon in line["points"]],
        )
        for line in load_json("war_lines.json")["lines"].values()
    )


def _published(span: Span) -> dt.date | None:
    doc = span.doc
    return doc._.get(PUBLISHED) if doc.has_extension(PUBLISHED) else None


def _clearly_nearest(distances: list[tuple[float, int]], limit_km: float) -> int | None:
    """The entry of the smallest (distance, entry) when it is within `limit_km` and every other is at least twice as
    far (and over 1 km, so that two on the line itself stay a tie); else None."""
    ranked = sorted(distances)
    if ranked[0][0] <= limit_km and ranked[1][0] >= 2 * max(ranked[0][0], 1.0):
        return ranked[0][1]
    return None


__all__ = ["Resolver"]
