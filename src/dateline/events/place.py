"""Where an event happened: a place its sentence names, the place of the event told just before, or a state's own.

"Russian forces shelled Chuhuiv" names its place; "One civilian was killed." takes the place of the event told
just before; "China imposed restrictions on drone exports" names no place of the act, which is China's own; "the
invasion" happened in the country invaded. The events component keeps the location a sentence names (the
rule's order: in the trigger's clause, the most specific and nearest first: `sentence_locations`). For an event
whose sentence names none, the candidates are the place of the event just before (two sentences at most), the
story's most named location, the states the sentence names and those its source and target stand for, each
with feature strings (its kind, how it stands to the trigger, the event's kind, which other candidates point at
the same place); `EventPlaceModel` scores them with the logistic regression trained by
`dateline.learn.event_place` (`data/models/event_place.json`) and takes the best when its probability reaches
the threshold, else the place of the event just before, else the acting state's (`fallback_choice`).

>>> model = EventPlaceModel.load()  # doctest: +SKIP
>>> model.probability(["bias", "kind=mention", "in_clause"]) > 0.5  # doctest: +SKIP
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..components.base import ACTORS, PLACES, doc_text
from ..learn import BinaryModel
from ..places.precision import event_precision, specificity
from ..schema import Actor, Event, Evidence, Place

MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "PROTEST", "SANCTION", "COOPERATE"})
PREVIOUS_WITHIN = 2  # sentences an event's place carries over to the next events
STATE_PRECISION = 3  # a capital or province standing for its state places the act in the state, not the city
STATE_FEATURES = frozenset({"country", "city", "admin1"})


@dataclass
class Candidate:
    """One place an event may have: an index into the document's places, its precision, and its features."""

    index: int
    precision: int | None
    kind: str  # mention | previous | source_state | target_state
    features: list[str] = field(default_factory=list)
    rule: bool = False  # the rule's own choice


def sentence_locations(doc: Doc, sent: Span, token: Token) -> list[tuple[int, Evidence, bool, bool]]:
    """The locations the trigger's sentence names, as (place index, mention, in the trigger's clause, a qualifier),
    the rule's order first: in the clause, not a qualifier, the most specific, the nearest."""
    places: list[Place] = doc._.get(PLACES)
    text = doc_text(doc)
    clause = range(token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))
    mentions = [
        (index, mention)
        for index, place in enumerate(places)
        if place.role == "location"
        for mention in place.mentions
        if sent.start_char <= mention.span[0] < sent.end_char
    ]
    ends = {mention.span[1] for _, mention in mentions}
    ranked = []
    for index, mention in mentions:
        in_clause = mention.span[0] in clause
        # "near Vyhoda, Odesa": the place after the comma only says which region the first is in
        qualifier = text[mention.span[0] - 2 : mention.span[0]] == ", " and mention.span[0] - 2 in ends
        key = (not in_clause, qualifier, specificity(places[index].feature), abs(mention.span[0] - token.idx))
        ranked.append((key, index, mention.span[0], mention, in_clause, qualifier))
    ranked.sort(key=lambda r: r[:3])
    return [(index, mention, in_clause, qualifier) for _, index, _, mention, in_clause, qualifier in ranked]


def mention_candidates(doc: Doc, sent: Span, token: Token, event: Event) -> list[Candidate]:
    """The locations the trigger's sentence names, the rule's pick marked."""
    places: list[Place] = doc._.get(PLACES)
    text = doc_text(doc)
    located = sentence_locations(doc, sent, token)
    found = []
    for rank, (index, mention, in_clause, qualifier) in enumerate(located):
        place = places[index]
        precision = event_precision(place.precision, text, mention.span[0], sent.start_char)
        names = _mention_features(doc, token, event, place, mention.span, in_clause, qualifier, len(located))
        found.append(Candidate(index, precision, "mention", names + ["rule_pick"] * (rank == 0), rule=rank == 0))
    return found


def sentence_state_candidates(doc: Doc, sent: Span, token: Token, event: Event) -> list[Candidate]:
    """The countries, capitals and provinces the sentence names for a state or people ("Moldova's police",
    "Ukrainian forces", "Moscow said"): the act may be that state's own, or done to it."""
    found = []
    for index, place in enumerate(doc._.get(PLACES)):
        if place.role not in ("metonym", "demonym") or place.feature not in STATE_FEATURES:
            continue
        for mention in place.mentions:
            if sent.start_char <= mention.span[0] < sent.end_char:
                names = ["bias", "kind=sentence_state", f"sentence_state:{_mode(event)}", f"role={place.role}"]
                names += [f"sentence_state:{n}" for n in _relation(doc, token, mention.span)]
                found.append(Candidate(index, STATE_PRECISION, "sentence_state", names))
    return found


def main_place_candidate(doc: Doc, token: Token, event: Event, has_location: bool) -> list[Candidate]:
    """The location the article names most often before the trigger (the story's place), the first on ties."""
    counts = {}
    for index, place in enumerate(doc._.get(PLACES)):
        if place.role == "location":
            before = sum(1 for m in place.mentions if m.span[0] < token.idx)
            if before:
                counts[index] = (before, -place.span[0])
    if not counts:
        return []
    index = max(counts, key=counts.get)
    place = doc._.get(PLACES)[index]
    names = ["bias", "kind=main", f"main:{_mode(event)}", f"main:spec={_spec(place)}"]
    names += [f"main:mentions={_bucket(counts[index][0], (1, 2, 4))}"] + ["main:sentence_has_location"] * has_location
    return [Candidate(index, place.precision, "main", names)]


def _relation(doc: Doc, token: Token, span: tuple[int, int]) -> list[str]:
    """How a name stands to the trigger: its preposition, its dependency on the trigger or on its subject."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None:
        return []
    head = words.root
    names = [f"distance={_bucket(abs(head.i - token.i), (2, 5, 10, 20))}"]
    names.append("after_trigger" if head.i > token.i else "before_trigger")
    prep = head.head if head.dep_ == "pobj" else None
    if prep is not None:
        names.append(f"prep={prep.lower_}")
        if prep.head.i == token.i:
            names.append(f"prep_on_trigger={prep.lower_}")
    if head.head.i == token.i:
        names.append(f"trigger_dep={head.dep_}")
    elif head.head.head.i == token.i and head.head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        names.append(f"in_{head.head.dep_}={head.dep_}")  # "Moldova's police detained": poss in the subject
    elif head.head.i == token.head.i and head.dep_ in ("nsubj", "nsubjpass") and token.dep_ in ("dobj", "attr"):
        names.append(f"subject_of_verb={token.head.lemma_.lower()}")  # "China imposed restrictions"
        names.append("subject_of_verb")
    return names


def state_candidates(doc: Doc, token: Token, event: Event, has_location: bool) -> list[Candidate]:
    """The country or capital standing for the acting state (the source) and for the state acted on (the target),
    when a mention of the actor is a mention of that place ("China imposed", "Russia's aggression against Ukraine")."""
    found = []
    for kind, actor_index in (("source_state", event.source_actor), ("target_state", event.target_actor)):
        if actor_index is None:
            continue
        index = _place_of_actor(doc, doc._.get(ACTORS)[actor_index])
        if index is None:
            continue
        place = doc._.get(PLACES)[index]
        names = ["bias", f"kind={kind}", f"{kind}:{_mode(event)}", f"{kind}:spec={_spec(place)}"]
        names += [f"{kind}:sentence_has_location"] * has_location + [f"{kind}:role={place.role}"]
        found.append(Candidate(index, STATE_PRECISION, kind, names))
    return found


def previous_candidate(
    previous: tuple[int, int | None, int, str] | None, sentence: int, event: Event, has_location: bool
):
    """The place of the event told just before, within `PREVIOUS_WITHIN` sentences: (index, precision, its
    sentence, its PLOVER type)."""
    if previous is None or sentence - previous[2] > PREVIOUS_WITHIN:
        return []
    gap = sentence - previous[2]
    names = ["bias", "kind=previous", f"previous:gap={gap}", f"previous:{_mode(event)}"]
    names += ["previous:same_type"] * (previous[3] == event.plover)
    names += ["previous:sentence_has_location"] * has_location
    return [
        Candidate(
            previous[0], previous[1], "previous", names + ["rule_pick"] * (not has_location), rule=not has_location
        )
    ]


def _mention_features(
    doc: Doc, token: Token, event: Event, place: Place, span: tuple[int, int], in_clause: bool, qualifier: bool, n: int
) -> list[str]:
    names = ["bias", "kind=mention", f"mention:{_mode(event)}", f"mention:spec={_spec(place)}"]
    names += ["in_clause"] * in_clause + ["qualifier"] * qualifier
    names.append(f"places_in_sentence={min(n, 3)}")
    return names + [f"mention:{name}" for name in _relation(doc, token, span)]


def with_agreement(candidates: list[Candidate]) -> list[Candidate]:
    """Mark each candidate with the other kinds that point at the same place ("also=previous"): a place the
    sentence names that is also the story's place is likelier to be the event's."""
    kinds: dict[int, set[str]] = {}
    for candidate in candidates:
        kinds.setdefault(candidate.index, set()).add(candidate.kind)
    for candidate in candidates:
        candidate.features += [f"{candidate.kind}:also={k}" for k in sorted(kinds[candidate.index] - {candidate.kind})]
    return candidates


def _place_of_actor(doc: Doc, actor: Actor) -> int | None:
    spans = [actor.span, *(m.span for m in actor.mentions)]
    for index, place in enumerate(doc._.get(PLACES)):
        if place.role in ("embedded", "demonym") or place.feature not in ("country", "city", "admin1"):
            continue
        if any(m.span[0] < s[1] and s[0] < m.span[1] for m in place.mentions for s in spans):
            return index
    return None


def _mode(event: Event) -> str:
    return "material" if event.plover in MATERIAL else "verbal"


def _spec(place: Place) -> str:
    return place.feature or "none"


def _bucket(n: int, cuts: tuple[int, ...]) -> str:
    for cut in cuts:
        if n <= cut:
            return str(cut)
    return f"{cuts[-1]}+"


class EventPlaceModel(BinaryModel):
    """A logistic regression over a candidate's features: is this the event's place?"""

    task = "event_place"

    def choose(self, candidates: list[Candidate]) -> Candidate | None:
        """The most probable candidate when it reaches the threshold, else the fallback (`fallback_choice`)."""
        scored = [(self.probability(c.features), -i, c) for i, c in enumerate(candidates)]
        if scored:
            probability, _, best = max(scored, key=lambda s: (s[0], s[1]))
            if probability >= self.threshold:
                return best
        return fallback_choice(candidates)


def fallback_choice(candidates: list[Candidate]) -> Candidate | None:
    """Where the model is unsure: the place of the event just before, else the state whose act it is."""
    return next((c for c in candidates if c.kind == "previous"), None) or next(
        (c for c in candidates if c.kind == "source_state"), None
    )


def rule_choice(candidates: list[Candidate]) -> Candidate | None:
    """The rule: the sentence's pick, else the previous event's place."""
    mention = next((c for c in candidates if c.kind == "mention" and c.rule), None)
    return mention or next((c for c in candidates if c.kind == "previous" and c.rule), None)


__all__ = [
    "Candidate",
    "EventPlaceModel",
    "fallback_choice",
    "mention_candidates",
    "previous_candidate",
    "rule_choice",
    "sentence_locations",
    "main_place_candidate",
    "sentence_state_candidates",
    "state_candidates",
    "with_agreement",
]
