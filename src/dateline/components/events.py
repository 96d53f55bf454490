"""`dateline_events`: who did what to whom, where and when, coded in PLOVER, CAMEO and ACLED.

A trigger word (`data/events.json`: "shelled", "clashes", "withdrawal",
"invited", "crashed", ...) opens an event mention, of the trigger's PLOVER type
unless the type model (`events/plover_type.py`) gives a trigger of a
cooperative type another one from its object ("pledged 2 billion euros": AID,
not AGREE). Its source is the actor in
the trigger's subject (or "by" phrase), its target the actor in its object;
its place is a location in the trigger's clause, else in its sentence, the most
precise first; when the sentence names none, the place model (`events/place.py`)
chooses the place of the event just before, the story's place, the state acting
or acted on, or none; its date is the time expression that governs
the trigger, else the claim's that reports it, else the last day named before it
(`events/anchor.py`: never a later day for a past-tense trigger), else the
article date; its counts are those of its sentence.
ACLED's types come from `acled.AcledCoder` (ordered cues over the sentence,
then the participants); some triggers ("found", "set up") make an event only
when a cue confirms it. Status: `denied` (negated), `threatened`, `claimed`
(inside a claim's content), `background` (dated before the article's previous
year), `expected` (dated more than a year after the article), else `reported`.
A report's retellings of one event become one event
with all its `mentions`; mentions that tell no event of their own (a threat's
complement, a modal, "lack of support") are left out, and so are those the
eventness classifier (`eventness.py`) judges to tell no specific act ("the war",
a slogan, a metaphor); those it judges context become `background`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..events.anchor import AnchorModel, earlier_time, later_for_past
from ..events.anchor import features as anchor_features
from ..events.place import (
    Candidate,
    EventPlaceModel,
    main_place_candidate,
    mention_candidates,
    previous_candidate,
    sentence_locations,
    sentence_state_candidates,
    state_candidates,
    with_agreement,
)
from ..events.plover_type import COOPERATION, PloverTypeModel
from ..events.plover_type import features as plover_type_features
from ..events.same_event import STANDING, same_event_in_article
from ..lexicon import load_json
from ..places.precision import event_precision
from ..schema import Event, Evidence, Time
from .acled import AcledCoder
from .base import (
    ACTOR_OF_TOKEN,
    ACTORS,
    CLAIMS,
    COUNTS,
    EVENTS,
    PLACES,
    PUBLISHED,
    TIMES,
    DocComponent,
    doc_text,
    ensure_extension,
)
from .eventness import EventnessModel
from .eventness import features as eventness_features
from .time import governing_time

DOC_ATTR = EVENTS
OBJECT_PREPS = frozenset({"at", "on", "against", "into", "toward", "towards", "upon"})


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, [])


@Language.factory(
    "dateline_events",
    assigns=[f"doc._.{DOC_ATTR}", f"doc._.{CLAIMS}"],  # it fills each claim's `events`
    requires=[
        "token.dep",
        f"doc._.{PLACES}",
        f"doc._.{ACTORS}",
        f"doc._.{TIMES}",
        f"doc._.{CLAIMS}",
        f"doc._.{COUNTS}",
    ],
    default_config={
        "lexicon": "events.json",
        "min_confidence": 0.3,
        "eventness": "eventness",
        "anchor": "anchor",
        "place": "event_place",
        "plover_type": "plover_type",
    },
)
def make_events(
    nlp: Language,
    name: str,
    lexicon: str,
    min_confidence: float,
    eventness: str,
    anchor: str,
    place: str,
    plover_type: str,
) -> EventsComponent:
    """Build the events component.

    lexicon (str): package data file with triggers, ACLED types and the cues that refine them.
    min_confidence (float): event mentions below this are dropped.
    eventness (str): the shipped model (`data/models/<name>.json`) that drops mentions telling no specific act
        and marks context as background; "" keeps every mention the rules find.
    anchor (str): the shipped model that decides whether a trigger no time expression dates takes the last date
        named before it or the article date (`events/anchor.py`); "" always takes the earlier date.
    place (str): the shipped model that chooses the event's place among those its sentence names, the place of
        the event just before, the story's place and the states acting or acted on (`events/place.py`); "" takes
        the sentence's, else the place of the event just before.
    plover_type (str): the shipped model that may give a trigger another PLOVER type than the lexicon's from its
        object and context ("pledged 2 billion euros": AID, not AGREE; `events/plover_type.py`); "" keeps the
        lexicon's type.
    """
    return EventsComponent(
        nlp,
        name,
        lexicon=lexicon,
        min_confidence=min_confidence,
        eventness=eventness,
        anchor=anchor,
        place=place,
        plover_type=plover_type,
    )


class EventsComponent(DocComponent):
    """Find event mentions and code them."""

    attr = DOC_ATTR

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_events",
        *,
        lexicon: str = "events.json",
        min_confidence: float = 0.3,
        eventness: str = "eventness",
        anchor: str = "anchor",
        place: str = "event_place",
        plover_type: str = "",
    ) -> None:
        self.name = name
        self.plover_type = PloverTypeModel.load(plover_type) if plover_type else None
        self.place_model = EventPlaceModel.load(place) if place else None
        self.eventness = EventnessModel.load(eventness) if eventness else None
        self.anchor = AnchorModel.load(anchor) if anchor else None
        self.min_confidence = min_confidence
        data = load_json(lexicon)
        self.triggers: dict[str, dict] = data["triggers"]
        self.cameo_roots = _cameo_roots(self.triggers)
        self.trigger_heads = frozenset(re.split(r"[ #]", key)[0] for key in self.triggers)  # "shoot down" -> "shoot"
        self.acled = AcledCoder(data)
        self.reason_nouns = frozenset(data["reason_nouns"])
        unreal = data["not_happening"]
        self.governing_verbs, self.governing_plover = (
            frozenset(unreal["governing_verbs"]),
            frozenset(unreal["governing_plover"]),
        )
        self.modals, self.unreal_nouns = frozenset(unreal["modals"]), frozenset(unreal["nouns"])
        self.figurative = frozenset(unreal["figurative_modifiers"])
        self.casualty_triggers = frozenset(data["casualty_triggers"])
        install_extensions()

    def compute(self, doc: Doc) -> list[Event]:
        events, tokens = self.mentions(doc)
        if self.place_model is None:
            self._inherit_places(doc, events)
        else:
            self._choose_places(doc, events, tokens)
        self._link_claims(doc, events)
        return events

    def mentions(self, doc: Doc) -> tuple[list[Event], dict[tuple[int, int], Token]]:
        """The events the eventness model keeps, restatements merged, and the trigger token of every mention."""
        events: list[Event] = []
        means: list[bool] = []
        tokens: dict[tuple[int, int], Token] = {}
        for token, event, names_means in self.candidates(doc):
            label = self.eventness.label(eventness_features(doc, token, event)) if self.eventness else "event"
            if label == "none":  # "the war", "support for Ukraine", a slogan: no specific act
                continue
            if label == "background" and event.status in STANDING:
                event.status = "background"
            events.append(event)
            means.append(names_means)
            tokens[tuple(event.span)] = token
        return self._merge_restatements(doc, events, means), tokens

    def _choose_places(self, doc: Doc, events: list[Event], tokens: dict[tuple[int, int], Token]) -> None:
        """An event keeps the location its sentence names; for one whose sentence names none, the place model
        chooses among the place of the event just before, the story's place, the states acting or acted on and
        none (`events/place.py`)."""
        for event, candidates in self.place_candidates(doc, events, tokens):
            if event.place is None:
                chosen = self.place_model.choose(candidates)
                if chosen is not None:
                    event.place, event.geo_precision = chosen.index, chosen.precision

    @staticmethod
    def place_candidates(
        doc: Doc, events: list[Event], tokens: dict[tuple[int, int], Token]
    ) -> Iterator[tuple[Event, list[Candidate]]]:
        """Each event with the places it may have (`events/place.py`), in the order told: the locations its
        mentions' sentences name, the states of its source and target, the place of the event just before. The
        previous place is the one the event just before holds when its candidates are listed (set it in between
        to chain the choices)."""
        starts = [s.start_char for s in doc.sents]
        previous = None
        for event in events:
            found = [
                candidate
                for mention in event.mentions
                if (token := tokens.get(tuple(mention.span))) is not None
                for candidate in mention_candidates(doc, token.sent, token, event)
            ]
            has_location, here = bool(found), bisect.bisect_right(starts, event.span[0]) - 1
            first = tokens.get(tuple(event.span))
            if first is not None:
                found += sentence_state_candidates(doc, first.sent, first, event)
                found += state_candidates(doc, first, event, has_location)
                found += main_place_candidate(doc, first, event, has_location)
            found += previous_candidate(previous, here, event, has_location)
            yield event, with_agreement(found)
            if event.place is not None:
                previous = (event.place, event.geo_precision, here, event.plover)

    def candidates(self, doc: Doc) -> Iterator[tuple[Token, Event, bool]]:
        """Every mention the trigger rules find, before eventness: its trigger token, the event and whether it
        names its means."""
        for sent in doc.sents:
            for token in sent:
                key = self.trigger_key(token)
                if key is not None and not self._inside_same_kind(token, key) and not self._not_happening(token):
                    found = self._event(doc, sent, token, key)
                    if found is not None and found[0].confidence >= self.min_confidence:
                        yield token, found[0], found[1]

    def _not_happening(self, token: Token) -> bool:
        """The trigger tells no event of its own (see `not_happening` in the lexicon)."""
        if any(c.dep_ == "aux" and c.lower_ in self.modals for c in token.children):
            return True
        if self._under_modal(token):
            return True
        if token.dep_ in ("xcomp", "ccomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        ):
            head = token.head
            key = self.trigger_key(head)
            governs = key is not None and self.triggers[key]["plover"] in self.governing_plover
            if governs or head.lemma_.lower() in self.governing_verbs:
                return True
        if token.lemma_.lower() in self.casualty_triggers:  # "killed when a helicopter crashed": the crash is the event
            for child in token.children:
                key = self.trigger_key(child) if child.dep_ == "advcl" else None
                if key is not None and self.triggers[key].get("category") in DISASTERS:
                    return True
        if token.pos_ == "NOUN":
            if any(c.dep_ == "amod" and c.lower_ in self.figurative for c in token.children):
                return True  # "lobbing personal attacks on Shoigu"
            return _under_noun(token, self.unreal_nouns)  # "lack of support", "preparations for the offensive"
        return False

    def _under_modal(self, token: Token) -> bool:
        """'an invasion could start', 'might launch an attack'; not a copula's ('the arrest may be a sign of')."""
        head = token.head
        return (
            token.pos_ == "NOUN"
            and token.dep_ in ("nsubj", "nsubjpass", "dobj")
            and head.lemma_ != "be"
            and any(c.dep_ == "aux" and c.lower_ in self.modals for c in head.children)
        )

    def _given_as_reason(self, token: Token) -> bool:
        """A noun told as the reason for another act ("in response to the attack"): a weaker mention of it."""
        return token.pos_ == "NOUN" and _under_noun(token, self.reason_nouns)

    @staticmethod
    def _merge_restatements(doc: Doc, events: list[Event], means: list[bool]) -> list[Event]:
        """A report retells its events ("regained ground ... the Russian side was pushed back"): an event of the
        same PLOVER type (and means, when both name theirs) within the next two sentences, at the same place or
        none, on no other day, with no other source and of the same standing is the same event
        (`events/same_event.py`), kept once with all its mentions."""
        starts = [s.start_char for s in doc.sents]
        sentence_of = lambda char: bisect.bisect_right(starts, char) - 1  # noqa: E731
        actors = doc._.get(ACTORS)
        country_of = lambda actor: actors[actor].country  # noqa: E731
        kept: list[Event] = []
        named: dict[int, bool] = {}
        for event, names in zip(events, means):
            event.mentions = [Evidence(span=event.span, text=event.text)]
            first = next(
                (
                    k
                    for k in reversed(kept)
                    if same_event_in_article(k, event, country_of, named[id(k)] and names)
                    and 0 <= sentence_of(event.span[0]) - sentence_of(k.mentions[-1].span[0]) <= 2
                ),
                None,
            )
            if first is None:
                kept.append(event)
                named[id(event)] = names
                continue
            named[id(first)] = named[id(first)] or names
            first.mentions.append(event.mentions[0])
            first.counts = sorted(set(first.counts) | set(event.counts))
            first.place = first.place if first.place is not None else event.place
            first.geo_precision = first.geo_precision or event.geo_precision
            first.confidence = max(first.confidence, event.confidence)
        return kept

    @staticmethod
    def _inherit_places(doc: Doc, events: list[Event]) -> None:
        """An event whose sentence names no place happened where the event told just before it did ("Russian
        forces shelled Chuhuiv. One civilian was killed."): within the next two sentences."""
        starts = [s.start_char for s in doc.sents]
        sentence_of = lambda char: bisect.bisect_right(starts, char) - 1  # noqa: E731
        last = None
        for event in events:
            here = sentence_of(event.span[0])
            if event.place is not None:
                last = (event.place, event.geo_precision, here)
            elif last is not None and here - last[2] <= 2:
                event.place, event.geo_precision = last[0], last[1]

    def _inside_same_kind(self, token: Token, key: str) -> bool:
        """'repelled Ukrainian attacks': a noun trigger under a verb trigger of the same kind is the same event."""
        if token.pos_ != "NOUN":
            return False
        plover = self.triggers[key]["plover"]
        for head in list(token.ancestors)[:2]:
            head_key = self.trigger_key(head)
            if (
                head_key is not None
                and self.triggers[head_key]["plover"] == plover
                and not self.triggers[head_key].get("requires_cue")
            ):
                return True
        return False

    def trigger_key(self, token: Token) -> str | None:
        if token.pos_ not in ("VERB", "NOUN") or token.dep_ in ("compound", "amod"):
            return None
        lemma = token.lemma_.lower()
        if lemma not in self.trigger_heads and token.lower_ not in self.trigger_heads:
            return None
        particles = [
            c.lower_
            for c in token.children
            if c.dep_ in ("prt", "advmod", "dobj", "xcomp", "oprd")
            or c.dep_ == "prep"
            and c.lower_ in ("out", "back", "over", "for")
        ]  # "drove them out of the town", "calls for sanctions", "took them hostage"
        for phrase in (f"{lemma} {particle}" for particle in particles):
            if phrase in self.triggers:
                return phrase
        if f"{lemma}#{token.pos_}" in self.triggers:  # "fire" the noun is not "fire" the verb
            return f"{lemma}#{token.pos_}"
        if lemma in self.triggers:
            return lemma
        return token.lower_ if token.lower_ in self.triggers else None

    def _event(self, doc: Doc, sent: Span, token: Token, key: str) -> tuple[Event, bool] | None:
        """The event mention of a trigger, and whether it names its means ("shelled", "a drone hit"): two mentions
        naming different means are two events; "two civilians were killed" names none and may retell either."""
        trigger = self._typed(token, key, self.triggers[key])
        source, target = self._source(doc, token), self._target(doc, token)
        place, geo_precision = self._place(doc, sent, token)
        date, precision = self._date(doc, token)
        acled, category, cued, means = self.acled.code(doc, sent, token, trigger, source)
        if acled == "discard" or trigger.get("requires_cue") and not cued:  # "found" is an event when weapons were
            return None
        confidence = trigger["weight"] + (0.1 if place is not None else 0.0) + (0.05 if source is not None else 0.0)
        counts = [i for i, c in enumerate(doc._.get(COUNTS)) if sent.start_char <= c.span[0] < sent.end_char]
        status = self._status(doc, token, date, trigger)
        if status == "denied" or self._given_as_reason(token):  # "no arrests"; "sanctions in response to the attack"
            confidence /= 2
        event = Event(
            span=(token.idx, token.idx + len(token.text)),
            text=token.text,
            plover=trigger["plover"],
            plover_mode=trigger["mode"],
            cameo=trigger["cameo"],
            category=category,
            acled_event_type=acled[0] if acled else None,
            acled_sub_event_type=acled[1] if acled else None,
            source_actor=source,
            target_actor=target,
            place=place,
            geo_precision=geo_precision,
            date=date,
            date_precision=precision,
            counts=counts,
            status=status,
            confidence=round(max(0.0, min(1.0, confidence)), 3),
        )
        return event, means

    def _typed(self, token: Token, key: str, trigger: dict) -> dict:
        """The trigger's lexicon entry, or that entry with the PLOVER type the type model gives it instead (and that
        type's CAMEO root; the ACLED coding keeps the lexicon's word and cues)."""
        if self.plover_type is None or trigger["plover"] not in COOPERATION:
            return trigger
        chosen = self.plover_type.choose(plover_type_features(token, key, trigger["plover"]), trigger["plover"])
        if chosen == trigger["plover"] or chosen not in COOPERATION or chosen not in self.cameo_roots:
            return trigger
        return {**trigger, "plover": chosen, "cameo": self.cameo_roots[chosen], "mode": None}

    # --- participants ----------------------------------------------------------

    def _actor_in(self, doc: Doc, token: Token | None) -> int | None:
        if token is None:
            return None
        by_token = doc._.get(ACTOR_OF_TOKEN) or {}
        for t in [token, *token.subtree]:
            if t.i in by_token:
                return by_token[t.i]
        return None

    def _source(self, doc: Doc, token: Token) -> int | None:
        for child in token.children:
            if child.dep_ in ("nsubj", "poss"):
                return self._actor_in(doc, child)
            if child.dep_ == "agent":
                return self._actor_in(doc, next(iter(child.children), None))
        if token.dep_ in ("conj", "xcomp", "advcl") and token.head.pos_ == "VERB":
            return self._source(doc, token.head)
        return None

    def _target(self, doc: Doc, token: Token) -> int | None:
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                found = self._actor_in(doc, child)
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS:
                found = self._actor_in(doc, next((c for c in child.children if c.dep_ == "pobj"), None))
                if found is not None:
                    return found
        return None

    def _place(self, doc: Doc, sent: Span, token: Token) -> tuple[int | None, int | None]:
        """The event's place by the rule (an index into places) and ACLED geo-precision: 2 when the text says
        'near' it."""
        located = sentence_locations(doc, sent, token)
        if not located:
            return None, None
        index, mention, *_ = located[0]
        return index, event_precision(
            doc._.get(PLACES)[index].precision, doc_text(doc), mention.span[0], sent.start_char
        )

    def _date(self, doc: Doc, token: Token) -> tuple[str | None, str | None]:
        """The time expression that governs the trigger; else that of the claim reporting it; else the last date
        named before it in the text when the anchor model says so (`events/anchor.py`); else the article date."""
        index = governing_time(doc, token)
        if index is None:
            index = self._claim_time(doc, token)
        if index is None:
            index = self._earlier_choice(doc, token)  # governing and claim times already ruled out
            if index is not None:
                index = index if self._earlier_dates(doc, token, doc._.get(TIMES)[index]) else None
            else:
                index = earlier_time(doc._.get(TIMES), token)  # the article's own day, named in its text
        if index is not None:
            time = doc._.get(TIMES)[index]
            precision = (
                "duration"
                if time.type == "DURATION"
                else (time.precision or ("present" if time.value.endswith("_REF") else None))
            )
            return time.value, precision
        published = doc._.get(PUBLISHED)
        return (published.isoformat(), "day") if isinstance(published, dt.date) else (None, None)

    def _earlier_dates(self, doc: Doc, token: Token, time: Time) -> bool:
        """Whether a day named before the trigger dates it rather than the article date: never a later day for a
        past-tense trigger ("talks resume on Tuesday. ... It accused the US"), else as the anchor model says."""
        published = doc._.get(PUBLISHED)
        if later_for_past(token, time, published):
            return False
        return self.anchor is None or self.anchor.earlier(anchor_features(doc, doc_text(doc), token, time, published))

    @staticmethod
    def _claim_time(doc: Doc, token: Token) -> int | None:
        claim = next(
            (c for c in doc._.get(CLAIMS) if c.time is not None and c.content.span[0] <= token.idx < c.content.span[1]),
            None,
        )
        return claim.time if claim is not None else None

    def anchor_choice(self, doc: Doc, token: Token) -> int | None:
        """The last day named before a trigger that no time expression or claim dates, when it is not the article
        date: the choice the anchor model makes (None: there is none to make)."""
        if governing_time(doc, token) is not None or self._claim_time(doc, token) is not None:
            return None
        return self._earlier_choice(doc, token)

    @staticmethod
    def _earlier_choice(doc: Doc, token: Token) -> int | None:
        times = doc._.get(TIMES)
        index = earlier_time(times, token)
        published = doc._.get(PUBLISHED)
        if index is None or not isinstance(published, dt.date) or times[index].value == published.isoformat():
            return None
        return index

    # --- coding ----------------------------------------------------------------

    def _status(self, doc: Doc, token: Token, date: str | None, trigger: dict) -> str:
        if any(c.dep_ == "neg" for c in token.children) or any(
            c.lower_ in ("no",) and c.dep_ == "det" for c in token.children
        ):
            return "denied"
        if (
            trigger["plover"] == "THREATEN"
            or token.head.lemma_ in ("threaten", "warn")
            and token.dep_ in ("xcomp", "ccomp")
        ):
            return "threatened"
        published = doc._.get(PUBLISHED)
        if trigger.get("category") == "background" or (
            date and published and date[:4].isdigit() and int(date[:4]) < published.year - 1
        ):
            return "background"
        if date and published and _after_a_year(date, published):
            return "expected"
        if any(c.cue is not None and c.content.span[0] <= token.idx < c.content.span[1] for c in doc._.get(CLAIMS)):
            return "claimed"
        return "reported"

    def _link_claims(self, doc: Doc, events: list[Event]) -> None:
        for e_index, event in enumerate(events):
            for c_index, claim in enumerate(doc._.get(CLAIMS)):
                if claim.content.span[0] <= event.span[0] < claim.content.span[1]:
                    event.claims.append(c_index)
                    if e_index not in claim.events:
                        claim.events.append(e_index)


def _after_a_year(date: str, published: dt.date) -> bool:
    """Whether an event's date (ISO, to the day or coarser) lies more than a year after the article's."""
    try:
        if len(date) >= 10:
            return dt.date.fromisoformat(date[:10]) > published + dt.timedelta(days=366)
        return date[:4].isdigit() and int(date[:4]) > published.year + 1
    except ValueError:
        return False


def _under_noun(token: Token, nouns: frozenset[str]) -> bool:
    """Whether the token hangs, through prepositions, off one of these nouns ("the lack of support")."""
    head = token
    for _ in range(4):
        if head.dep_ not in ("pobj", "prep", "poss", "compound"):
            return False
        head = head.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in nouns:
            return True
    return False


DISASTERS = frozenset({"accident", "man_made_disaster", "natural_disaster"})


def _cameo_roots(triggers: dict[str, dict]) -> dict[str, str]:
    """For each PLOVER type, the CAMEO root most of its trigger words have (a trigger the type model gives another
    type takes that type's root)."""
    by_type: dict[str, Counter] = {}
    for entry in triggers.values():
        if entry["plover"] is not None and entry["cameo"]:
            by_type.setdefault(entry["plover"], Counter())[entry["cameo"][:2]] += 1
    return {plover: max(counts.items(), key=lambda item: (item[1], item[0]))[0] for plover, counts in by_type.items()}
