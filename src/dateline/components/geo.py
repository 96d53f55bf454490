"""`dateline_geo`: toponyms found, resolved to the gazetteer, and placed with a precision.

Recognition: the NER model's GPE, LOC and FAC entities, demonyms (NORP) as
their country, ORG or PERSON entities that the gazetteer knows and the context
marks as places ("in Bakhmut", "the city of Bakhmut"), and patterns such as
"village of X", "X region", "X reservoir".

Resolution scores every gazetteer candidate of a mention by population and
kind, by the countries and admin areas of the unambiguous places of the same
article, and by distance to them; relative phrases ("about 10 kilometres north
of Bakhmut") give a point that checks, or stands in for, the named place. A
name the gazetteer lacks falls back to what the text supports (the anchor of a
relative phrase, or an earlier place with the same name) at precision 2, and
otherwise is left out rather than matched to a wrong, far-away place.

Places are grouped per article: one item per resolved place and role, with
every mention of it. A capital or country that is the subject of a verb of
saying ("Moscow acknowledged") has role `metonym`.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..places.gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, KINDS, LOCALITY, REGION, WATER, Gazetteer
from ..places.names import fold
from ..places.geometry import destination, haversine_km
from ..lexicon import load_json
from ..schema import Evidence, Place, RelativePlace
from .base import GAZETTEER_LOADER, DocComponent, UsesGazetteer, doc_text, ensure_extension

DOC_ATTR = "places"
PRECISION = {CITY: 1, LOCALITY: 1, ADMIN2: 2, ADMIN1: 3, COUNTRY: 3, CONTINENT: 3, WATER: 3, REGION: 3}
FEATURE = {CITY: "city", LOCALITY: "locality", ADMIN2: "admin2", ADMIN1: "admin1", COUNTRY: "country", CONTINENT: "continent",
           WATER: "water", REGION: "region"}
PRIOR = {ADMIN1: 6.3, ADMIN2: 4.5, COUNTRY: 7.0, CONTINENT: 7.5, WATER: 6.5, REGION: 6.5}
NAMES = frozenset({"PROPN", "NOUN"})  # the tagger makes unfamiliar village names nouns ("shelled Marhanets")
ADMIN_SUFFIXES = frozenset({"region", "oblast", "province", "district", "county", "governorate", "raion", "parish"})
BROAD_KINDS = np.array([COUNTRY, ADMIN1, REGION, CONTINENT, WATER])


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, [])


@Language.factory(
    "dateline_geo",
    assigns=[f"doc._.{DOC_ATTR}"],
    requires=["doc.ents", "token.dep"],
    default_config={"max_candidates": 50, "min_score": 0.0, "lexicon": "geo.json", "gazetteer": {"@misc": GAZETTEER_LOADER}},
)
def make_geo(nlp: Language, name: str, max_candidates: int, min_score: float, lexicon: str,
             gazetteer: Callable[[], Gazetteer]) -> "GeoComponent":
    """Build the geo component.

    max_candidates (int): gazetteer entries considered per mention.
    min_score (float): resolutions scoring below this are dropped.
    lexicon (str): package data file with cue words.
    gazetteer (Callable[[], Gazetteer]): opens the gazetteer in `initialize()` (`dateline.gazetteer.v1`).
    """
    return GeoComponent(nlp, name, max_candidates=max_candidates, min_score=min_score, lexicon=lexicon,
                        load_gazetteer=gazetteer)


@dataclass
class Mention:
    span: Span
    name: str
    candidates: np.ndarray
    demonym: str | None = None
    forced_kind: int | None = None
    chosen: int | None = None
    score: float = 0.0
    precision: int | None = None
    relative: RelativePlace | None = None
    point: tuple[float, float] | None = None
    role: str = "location"
    role_hint: str | None = None
    chars: tuple[int, int] | None = None
    fallback_name: str | None = None


class GeoComponent(UsesGazetteer, DocComponent):
    """Find toponyms and resolve them against the gazetteer."""

    attr = DOC_ATTR

    def __init__(self, nlp: Language, name: str = "dateline_geo", *, max_candidates: int = 50, min_score: float = 0.0,
                 lexicon: str = "geo.json", gazetteer: Gazetteer | None = None,
                 load_gazetteer: Callable[[], Gazetteer] | None = None) -> None:
        self.name = name
        self.max_candidates = max_candidates
        self.min_score = min_score
        words = load_json(lexicon)
        self.place_nouns = frozenset(words["place_nouns"])
        self.area_suffixes = frozenset(words["area_suffixes"])
        self.cue_words = frozenset(words["preceding_cues"])
        self.saying_verbs = frozenset(words["metonym_verbs"])
        self.institution_nouns = frozenset(words["institution_nouns"])
        self.not_places = frozenset(fold(w) for w in words["not_places"])
        self.bearings: dict[str, float] = words["bearings"]
        self.relative_rx = re.compile(words["relative_pattern"], re.IGNORECASE)
        self._gazetteer = gazetteer
        self._load_gazetteer = load_gazetteer
        install_extensions()

    def compute(self, doc: Doc) -> list[Place]:
        return self.resolve(doc)

    # --- recognition ---------------------------------------------------------

    def mentions(self, doc: Doc) -> list[Mention]:
        gaz = self.gazetteer
        found: list[Mention] = []
        taken: set[int] = set()
        countries_named: set[bytes] | None = None

        def doc_countries() -> set[bytes]:
            nonlocal countries_named
            if countries_named is None:
                countries_named = set()
                for ent in doc.ents:
                    iso2 = gaz.demonyms.get(fold(ent.text))
                    if iso2 is None and ent.label_ == "GPE":
                        iso2 = next((gaz.entries[i]["cc"].decode() for i in gaz.lookup(ent.text) if gaz.entries[i]["kind"] == COUNTRY), None)
                    if iso2:
                        countries_named.add(iso2.encode())
            return countries_named

        def add(span: Span, name: str, **kw) -> None:
            if any(t.i in taken for t in span) or fold(name) in self.not_places or not fold(name):
                return
            candidates = kw.pop("candidates", None)
            if candidates is None:
                wanted = kw.pop("lookup", None) or name
                candidates = gaz.lookup(wanted)
                if not len(candidates) and len(fold(wanted)) >= 5:  # "Huliaipole" for GeoNames' "Hulyaypole"
                    candidates = gaz.lookup_loose(wanted)
                    countries = doc_countries()  # only in a country the article names
                    candidates = candidates[np.isin(gaz.entries[candidates]["cc"], list(countries))] if countries else candidates[:0]
            if name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4 and len(candidates):
                candidates = candidates[np.isin(gaz.entries[candidates]["kind"], BROAD_KINDS)]  # "US", "UK", "Ga." are not towns
            if len(candidates) == 0 and kw.get("forced_kind") is None and not kw.get("keep_unknown"):
                return
            kw.pop("keep_unknown", None)
            found.append(Mention(span, name, np.asarray(candidates[: self.max_candidates * 4]), **kw))
            taken.update(t.i for t in span)

        for span, lookup in self._pattern_spans(doc):
            add(span, span.text, lookup=lookup, keep_unknown=True)
        for place, within, candidates, within_candidates in self._qualified_spans(doc):
            add(place, place.text, candidates=candidates)
            add(within, within.text, candidates=within_candidates)
        for ent in doc.ents:
            span = _strip(ent)
            if span is None:
                continue
            if ent.label_ in ("GPE", "LOC", "FAC"):
                for part in _comma_parts(span):  # "Dublin, Ga." is two places
                    part = self._known_suffix(part)
                    if part[-1].is_lower and not part[-1].is_title:
                        continue
                    add(part, part.text)
            elif ent.label_ == "NORP":
                iso2 = gaz.demonyms.get(fold(span.text)) or gaz.demonyms.get(fold(span.text).rstrip("s"))
                if iso2:
                    country = gaz.country_entry(iso2)
                    if country is not None:
                        add(span, span.text, candidates=np.array([country]), demonym=iso2)
            elif ent.label_ in ("ORG", "PERSON") and self._place_context(span, ent.label_):
                add(span, span.text)
            if ent.label_ in ("ORG", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "NORP") and len(span) >= 2:
                for part, iso2 in self._embedded(span):
                    if iso2:
                        country = gaz.country_entry(iso2)
                        if country is not None:
                            add(part, part.text, candidates=np.array([country]), demonym=iso2, role_hint="embedded")
                    else:
                        add(part, part.text, role_hint="embedded")
        for mention in list(found):  # "Hryhorivka, Donetsk": the province after the comma, whatever NER made of it
            after = mention.span.end
            if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].is_title and doc[after + 1].pos_ == "PROPN":
                candidates = self._broad(doc[after + 1].text)
                if len(candidates):
                    add(doc[after + 1:after + 2], doc[after + 1].text, candidates=candidates)
        accepted = {fold(m.name) for m in found if m.demonym is None}
        for ent in doc.ents:  # one sense per discourse: "Kherson" tagged PERSON once it is a place elsewhere
            span = _strip(ent)
            if span is not None and ent.label_ in ("ORG", "PERSON") and fold(span.text) in accepted:
                add(span, span.text)
        for token in doc:
            if "-" not in token.text or token.i in taken:
                continue
            offset = token.idx
            for piece in token.text.split("-"):
                iso2 = gaz.demonyms.get(fold(piece))
                candidates = np.array([gaz.country_entry(iso2)]) if iso2 and gaz.country_entry(iso2) is not None else self._broad(piece)
                if piece[:1].isupper() and len(candidates):
                    found.append(Mention(doc[token.i:token.i + 1], piece, candidates, demonym=iso2, role_hint="embedded",
                                         chars=(offset, offset + len(piece))))
                    taken.add(token.i)
                offset += len(piece) + 1
        for token in doc:
            if token.i in taken or not token.is_title or token.is_sent_start or token.pos_ != "PROPN":
                continue
            if token.ent_type_ not in ("", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"):  # labels NER gives places by mistake
                continue
            if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
                continue
            if token.i > 0 and doc[token.i - 1].lower_ in self.cue_words:
                span = doc[token.i:token.i + 1]
                candidates = gaz.lookup(token.text)
                if len(candidates) and max(gaz.entries[candidates]["pop"]) >= 1000:
                    add(span, token.text, candidates=candidates)
        return sorted(found, key=lambda m: m.span.start)

    def _pattern_spans(self, doc: Doc) -> Iterator[tuple[Span, str]]:
        """'the village of Berkhivka', 'Dzhankoi region', 'Berkhivka reservoir'."""
        for token in doc:
            if token.lower_ == "of" and token.i > 0 and doc[token.i - 1].lower_ in self.place_nouns:
                end = token.i + 1
                while end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
                    end += 1
                if end > token.i + 1:
                    span = doc[token.i + 1:end]
                    yield span, span.text
            if token.lower_ in self.area_suffixes and token.i > 0 and doc[token.i - 1].is_title:
                start = token.i - 1
                while start > 0 and doc[start - 1].is_title and not doc[start].is_sent_start and doc[start - 1].pos_ == "PROPN":
                    start -= 1
                known = next((doc[i:token.i + 1] for i in range(start, token.i) if len(self.gazetteer.lookup(doc[i:token.i + 1].text))), None)
                if known is not None:
                    yield known, known.text
                else:
                    yield doc[start:token.i + 1], doc[start:token.i].text

    def _qualified_spans(self, doc: Doc) -> Iterator[tuple[Span, Span, np.ndarray, np.ndarray]]:
        """'shelled Huliaipole, Zaporizhia' or 'Kyrylivka (Donetsk)': a name followed by its province is a place
        whatever NER made of it,
        when the gazetteer has that name inside that province (or country)."""
        gaz = self.gazetteer
        for comma in doc:
            i = comma.i
            if comma.text not in (",", "(") or i == 0 or i + 1 >= len(doc) or not doc[i + 1].is_title or doc[i + 1].pos_ not in NAMES:
                continue
            within = doc[i + 1:i + 2]
            broad = self._broad(within.text, min_city_population=20_000)
            if not len(broad):
                continue
            rows = gaz.entries[broad]
            admins = set(rows["admin1"][rows["kind"] != COUNTRY].tolist()) - {-1}
            countries = set(rows["cc"][rows["kind"] == COUNTRY].tolist())
            for start in range(max(0, i - 3), i):
                place = doc[start:i]
                if not all(t.is_title and t.pos_ in NAMES for t in place) or any(t.is_sent_start for t in place[1:]):
                    continue
                candidates = gaz.lookup(place.text)
                if not len(candidates) and len(fold(place.text)) >= 5:
                    candidates = gaz.lookup_loose(place.text)
                found = gaz.entries[candidates]
                inside = np.isin(found["admin1"], list(admins)) | np.isin(found["cc"], list(countries))
                if inside.any():
                    yield place, within, candidates, broad
                    break

    def _broad(self, name: str, min_city_population: int = 100_000) -> np.ndarray:
        """Candidates that can stand inside a name: countries, admin areas, regions and cities of 100,000+."""
        candidates = self.gazetteer.lookup(name)
        if not len(candidates) and len(fold(name)) >= 5:  # "Zaporizhia" for "Zaporizhzhia"
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
                part = doc[i:i + n]
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
            tail = span.doc[start:span.end]
            if len(self.gazetteer.lookup(tail.text)):
                return tail
        return span

    def _place_context(self, span: Span, label: str) -> bool:
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if before in self.cue_words or after in self.area_suffixes:
            return True
        if span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in self.place_nouns:
            return True
        if len(span) == 1:
            candidates = self.gazetteer.lookup(span.text)
            threshold = 50_000 if label == "ORG" else 1_000_000
            return len(candidates) > 0 and int(max(self.gazetteer.entries[candidates]["pop"])) >= threshold
        return False

    # --- resolution ----------------------------------------------------------

    def resolve(self, doc: Doc) -> list[Place]:
        mentions = self.mentions(doc)
        if not mentions:
            return []
        gaz = self.gazetteer
        self._first_pass(mentions)
        qualifiers = {i: m for i, m in enumerate(mentions[1:])
                      if 0 < m.span.start_char - mentions[i].span.end_char <= 3 and m.demonym is None}  # not "Donetsk, Russian media"
        by_name = {name: self._context(mentions, without=name) for name in {fold(m.name) for m in mentions}}
        contexts = [by_name[fold(m.name)] for m in mentions]  # no name votes for itself
        for i, mention in enumerate(mentions):
            if mention.demonym is None:
                self._score(mention, contexts[i])
        for i, qualifier in qualifiers.items():  # once the qualifiers themselves are resolved
            if mentions[i].demonym is None:
                self._score(mentions[i], contexts[i], qualifier)
        self._relative(doc, mentions)
        self._fallbacks(mentions)
        for mention in mentions:
            if mention.role_hint:
                mention.role = mention.role_hint
            else:
                mention.role = "demonym" if mention.demonym else ("metonym" if self._is_metonym(mention) else "location")
        return self._group(mentions, gaz)

    def _prior(self, index: int) -> float:
        row = self.gazetteer.entries[index]
        kind = int(row["kind"])
        if kind in PRIOR:
            return PRIOR[kind]
        return math.log10(int(row["pop"]) + 10) + (1.0 if row["capital"] else 0.0)

    def _first_pass(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if len(mention.candidates) == 0:
                continue
            priors = sorted(((self._prior(i), int(i)) for i in mention.candidates), reverse=True)
            exact = [p for p in priors if fold(self.gazetteer.name(p[1])) == fold(mention.name)]
            best = (exact or priors)[0]
            runner_up = next((p for p in priors if p[1] != best[1] and p[0] > best[0] - 1.5), None)
            if runner_up is None or mention.demonym:
                mention.chosen, mention.score = best[1], best[0]

    def _context(self, mentions: list[Mention], without: str | None = None) -> dict:
        """Countries, admin areas and centre of the places resolved so far, leaving out the name `without`."""
        countries: Counter = Counter()
        admins: Counter = Counter()
        points = []
        for mention in mentions:
            if mention.chosen is None or fold(mention.name) == without:
                continue
            row = self.gazetteer.entries[mention.chosen]
            cc = row["cc"].decode()
            # "Russian forces shelled Donetsk": a demonym names a side, not where things happen
            weight = 0.25 if mention.demonym else (2 if row["kind"] in (COUNTRY, ADMIN1) else 1)
            if cc:
                countries[cc] += weight
            if row["kind"] == ADMIN1:
                admins[self.gazetteer.admin1_names[row["admin1"]]] += 1
            if row["kind"] in (CITY, LOCALITY, ADMIN1):
                points.append((float(row["lat"]), float(row["lon"])))
        total = max(sum(countries.values()), 1.0)  # a lone demonym or two weigh less than one place
        centre = (float(np.median([p[0] for p in points])), float(np.median([p[1] for p in points]))) if points else None
        return {"countries": {c: n / total for c, n in countries.items()}, "admins": admins, "centre": centre}

    def _score(self, mention: Mention, context: dict, qualifier: Mention | None = None) -> None:
        """Pick the best candidate; `qualifier` is a place written right after it ('Paris, Texas')."""
        best, best_score = None, -math.inf
        folded = fold(mention.name)
        within = None
        if qualifier is not None and qualifier.chosen is not None:
            q = self.gazetteer.entries[qualifier.chosen]
            if int(q["kind"]) in (ADMIN1, CITY, LOCALITY):  # "Zemlianky, Kharkiv": the city names its province
                within = ("admin1", self.gazetteer.admin1_names[q["admin1"]] if q["admin1"] >= 0 else None)
            elif int(q["kind"]) == COUNTRY:
                within = ("country", q["cc"].decode())
        for index in mention.candidates:
            index = int(index)
            row = self.gazetteer.entries[index]
            score = self._prior(index)
            if fold(self.gazetteer.name(index)) == folded:
                score += 3.0 if int(row["kind"]) == COUNTRY else 1.0
            score += 4.0 * context["countries"].get(row["cc"].decode(), 0.0)
            if row["admin1"] >= 0 and context["admins"].get(self.gazetteer.admin1_names[row["admin1"]]):
                score += 2.0
            if within is not None and within[1] is not None:
                inside = row["cc"].decode() == within[1] if within[0] == "country" else (
                    row["admin1"] >= 0 and self.gazetteer.admin1_names[row["admin1"]] == within[1])
                score += 5.0 if inside else 0.0
            if context["centre"] is not None and row["kind"] in (CITY, LOCALITY, ADMIN2):
                km = _km(context["centre"], (float(row["lat"]), float(row["lon"])))
                score += 1.5 if km < 300 else (0.5 if km < 1000 else 0.0)
            if score > best_score:
                best, best_score = index, score
        if best is not None and best_score >= self.min_score:
            mention.chosen, mention.score = best, best_score

    def _relative(self, doc: Doc, mentions: list[Mention]) -> None:
        """Attach 'about 10 kilometres north of Bakhmut' to the place it describes, and check or replace its point."""
        for match in self.relative_rx.finditer(doc_text(doc)):
            anchor = next((m for m in mentions if m.span.start_char == match.start("anchor")), None)
            if anchor is None or anchor.chosen is None:
                continue
            distance = _number(match.group("distance")) if match.group("distance") else None
            if distance is not None and match.group("unit") and match.group("unit").lower().startswith("mile"):
                distance *= 1.609344
            bearing = match.group("bearing").lower().replace(" ", "-") if match.group("bearing") else None
            relative = RelativePlace(
                span=(match.start(), match.end()), text=match.group(0), anchor=anchor.name,
                distance_km=distance, bearing=_bearing_code(bearing),
            )
            anchor_point = self._point(anchor.chosen)
            target = self._described(mentions, anchor, match.start(), match.end())
            if target is None:
                continue
            target.relative = relative
            expected = destination(anchor_point, distance, self.bearings.get(bearing or "", None)) if distance else anchor_point
            if target.chosen is not None:
                km = _km(self._point(target.chosen), expected)
                if km <= max(25.0, (distance or 0) * 0.6):
                    continue
                near = [int(i) for i in target.candidates if _km(self._point(int(i)), expected) <= max(25.0, (distance or 0) * 0.6)]
                if near:
                    target.chosen = max(near, key=self._prior)
                    continue
            target.chosen, target.point, target.precision = None, expected, 2
            target.fallback_name = anchor.name

    def _described(self, mentions: list[Mention], anchor: Mention, start: int, end: int) -> Mention | None:
        """The place a relative phrase describes: a town just before it ('Soledar, about 10 km north of'),
        else one just after it ('north-west of Bakhmut, near the village of Berkhivka')."""
        def local(m: Mention) -> bool:
            if m is anchor or m.demonym or m.span.sent != anchor.span.sent:
                return False
            return m.chosen is None or int(self.gazetteer.entries[m.chosen]["kind"]) in (CITY, LOCALITY)

        candidates = [m for m in mentions if local(m)]
        before = [m for m in candidates if m.span.end_char <= start and start - m.span.end_char <= 12]
        if before:
            return before[-1]
        after = [m for m in candidates if m.span.start_char >= end and m.span.start_char - end <= 40]
        return after[0] if after else None

    def _fallbacks(self, mentions: list[Mention]) -> None:
        """A name the gazetteer lacks: an earlier place of the same name, or the anchor of a phrase in its sentence."""
        for i, mention in enumerate(mentions):
            if mention.chosen is not None or mention.point is not None:
                continue
            head = fold(mention.name).split(" ")[0]
            earlier = next((m for m in reversed(mentions[:i]) if m.point is not None and fold(m.name).split(" ")[0] == head), None)
            if earlier is not None:
                mention.point, mention.precision, mention.fallback_name = earlier.point, 2, earlier.fallback_name
                continue
            sentence = mention.span.sent
            near = [m for m in mentions if m is not mention and m.chosen is not None and m.span.sent == sentence
                    and int(self.gazetteer.entries[m.chosen]["kind"]) in (CITY, LOCALITY)
                    and _nearby_cue(m.span)]
            if near:
                anchor = min(near, key=lambda m: abs(m.span.start - mention.span.start))
                mention.point, mention.precision, mention.fallback_name = self._point(anchor.chosen), 2, anchor.name

    def _is_metonym(self, mention: Mention) -> bool:
        if mention.chosen is None or mention.demonym:
            return False
        row = self.gazetteer.entries[mention.chosen]
        if int(row["kind"]) not in (CITY, COUNTRY):
            return False
        root = mention.span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in self.saying_verbs:
            return True
        return root.dep_ in ("poss", "compound", "amod", "nmod") and root.head.lemma_.lower() in self.institution_nouns

    def _feature_of(self, mention: Mention) -> bool:
        """A river, lake or reservoir named after the place the gazetteer found ('Berkhivka reservoir')."""
        words = fold(mention.name).split(" ")
        return (len(words) > 1 and words[-1] in self.area_suffixes and words[-1] not in ADMIN_SUFFIXES
                and fold(self.gazetteer.name(mention.chosen)) != fold(mention.name))

    def _point(self, index: int) -> tuple[float, float]:
        row = self.gazetteer.entries[index]
        return float(row["lat"]), float(row["lon"])

    def _group(self, mentions: list[Mention], gaz: Gazetteer) -> list[Place]:
        places: dict[tuple, Place] = {}
        text = doc_text(mentions[0].span.doc) if mentions else ""
        for m in mentions:
            start, end = m.chars or (m.span.start_char, m.span.end_char)
            evidence = Evidence(span=(start, end), text=text[start:end])
            if m.chosen is not None and self._feature_of(m):  # "the Berkhivka reservoir" is near Berkhivka, not it
                m.point, m.precision, m.chosen = self._point(m.chosen), 2, None
            if m.chosen is not None:
                entry = gaz.entry(m.chosen)
                kind = int(gaz.entries[m.chosen]["kind"])
                key = ("gaz", m.chosen, m.role)
                place = Place(
                    **evidence.model_dump(), geonames_id=entry["geonames_id"], name=entry["name"], country=entry["country"],
                    admin1=entry["admin1"], lat=round(entry["lat"], 5), lon=round(entry["lon"], 5), feature=FEATURE[kind],
                    precision=m.precision or PRECISION[kind], score=round(m.score, 3), relative=m.relative, role=m.role,
                )
            elif m.point is not None:
                key = ("point", fold(m.name), m.role)
                place = Place(
                    **evidence.model_dump(), name=m.name, lat=round(m.point[0], 5), lon=round(m.point[1], 5),
                    feature="unresolved", precision=m.precision or 2, score=0.0, relative=m.relative, role=m.role,
                )
            else:
                continue
            if key in places:
                places[key].mentions.append(evidence)
                if places[key].relative is None and m.relative is not None:
                    places[key].relative = m.relative
            else:
                place.mentions.append(evidence)
                places[key] = place
        return sorted(places.values(), key=lambda p: p.span[0])


def _comma_parts(span: Span) -> Iterator[Span]:
    start = span.start
    for token in span:
        if token.text == ",":
            if token.i > start:
                yield span.doc[start:token.i]
            start = token.i + 1
    if start < span.end:
        yield span.doc[start:span.end]


def _strip(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "a", "an") or (start < end and ent.doc[start].is_punct):
        start += 1
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS" or ent.doc[end - 1].is_space):
        end -= 1
    return ent.doc[start:end] if start < end else None




def _nearby_cue(span: Span) -> bool:
    doc = span.doc
    window = doc[max(0, span.start - 4):span.start]
    return any(t.lower_ in ("near", "outside", "of", "around", "towards", "toward") for t in window)


def _number(text: str) -> float | None:
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
             "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100, "hundred": 100}
    text = text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        return float(words[text]) if text in words else None


def _bearing_code(bearing: str | None) -> str | None:
    if not bearing:
        return None
    return "".join(part[0].upper() for part in bearing.replace("-", " ").split())


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])


__all__ = ["GeoComponent", "KINDS", "make_geo"]
