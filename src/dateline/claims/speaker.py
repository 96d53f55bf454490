"""The speaker of a claim whose subject names no actor: 'he said', 'it added', 'the minister said'.

A pronoun ("he", "she", "it", "they") or a definite description ("the minister", "the ministry", "the report")
refers to someone named earlier. The candidates are the actors mentioned before the speaker in its sentence and
in the `WINDOW` sentences before it (each actor once, by its nearest mention, never one inside the claim's own
content); the rules describe each candidate by feature strings (what kind of word the speaker is, the actor's
kind, sentence distance up to `NEAR`, recency rank, whether the actor spoke the claim before, the grammatical
role of its nearest mention, whether the description's head word is in the actor's name or role), and a logistic
regression (`dateline train speaker`, `data/models/speaker.json`) scores them; the likeliest is the speaker when its
probability reaches the model's threshold, else the speaker stays unresolved.

>>> speaker_kind(doc[3:5], {"minister": "person"})  # doctest: +SKIP  ('... the minister said')
'the-person'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..components.base import ACTOR_OF_TOKEN, ACTORS
from ..learn import BinaryModel

WINDOW = 12  # sentences searched back for candidates
NEAR = 3  # sentence distances told apart in the features; farther ones are one value
PRONOUNS = {
    "he": "he",
    "him": "he",
    "she": "she",
    "her": "she",
    "it": "it",
    "they": "they",
    "them": "they",
}
PRONOUN_KINDS = frozenset(PRONOUNS.values())
DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
MENTION_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "pobj", "dobj", "appos", "compound"})
RELATIVES = frozenset({"who", "that", "which", "whom"})


@dataclass
class Candidate:
    """An actor that a speaker may refer to, by its nearest mention before the speaker."""

    actor: int
    start: int  # token index of the nearest mention
    end: int
    sentences_back: int
    rank: int = 0
    features: list[str] = field(default_factory=list)


@dataclass
class SpeakerContext:
    """What the choice of one speaker looks at: its doc, the claim's content and who spoke before it."""

    doc: Doc
    source: Span
    content: Span
    earlier: Sequence[int | None]  # speaker actors of the claims before this one, in order
    nouns: dict[str, str]  # head noun (lower case) -> person | organisation | document


def speaker_kind(source: Span, nouns: dict[str, str]) -> str | None:
    """What kind of word a speaker is when it names no actor: a pronoun, or a description by its head noun."""
    if len(source) == 1 and source[0].lower_ in PRONOUNS:
        return PRONOUNS[source[0].lower_]
    if source[0].lower_ not in DETERMINERS or any(t.pos_ == "PROPN" and t.is_title for t in source[1:]):
        return None
    head = source.root.lower_
    return f"the-{nouns.get(head, nouns.get(source.root.lemma_.lower(), 'other'))}"


AGREES = {  # speaker kind -> the actor kinds it can refer to ("it" is never a person, "he" never a ministry)
    "he": {"person"},
    "she": {"person"},
    "it": {"organisation", "state", "collective"},
    "they": {"organisation", "state", "collective"},
    "the-person": {"person"},
    "the-organisation": {"organisation", "state", "collective"},
    "the-document": {"organisation", "state", "collective"},
}


def agrees(ctx: SpeakerContext, kind: str, cand: Candidate) -> bool:
    """Whether an actor can be what a speaker of `kind` refers to, by gender, number and animacy."""
    actors = ctx.doc._.get(ACTORS) or []
    actor_kind = actors[cand.actor].kind if cand.actor < len(actors) else None
    if ctx.nouns.get(ctx.doc[cand.start : cand.end].root.lower_) == "person":  # "Ukraine's leader"
        actor_kind = "person"
    return kind not in AGREES or actor_kind in AGREES[kind]


def expletive(source: Span) -> bool:
    """'It was noted that ...': an 'it' that stands for the clause of a passive verb, not for a speaker."""
    token = source[0]
    return len(source) == 1 and token.lower_ == "it" and token.dep_ == "nsubjpass"


def candidates(ctx: SpeakerContext) -> list[Candidate]:
    """The actors mentioned before the speaker within the window, each by its nearest mention, nearest first."""
    doc = ctx.doc
    by_token: dict[int, int] = (doc._.get(ACTOR_OF_TOKEN) or {}) if Doc.has_extension(ACTOR_OF_TOKEN) else {}
    sentences = list(doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= ctx.source.start < s.end)
    first = sentences[max(0, here - WINDOW)].start
    nearest: dict[int, Candidate] = {}
    i = ctx.source.start - 1
    while i >= first:
        actor = by_token.get(i)
        if actor is None or ctx.content.start <= i < ctx.content.end or ctx.source.start <= i < ctx.source.end:
            i -= 1
            continue
        start = i
        while start - 1 >= first and by_token.get(start - 1) == actor:
            start -= 1
        if actor not in nearest:
            back = here - next(k for k, s in enumerate(sentences) if s.start <= start < s.end)
            nearest[actor] = Candidate(actor, start, i + 1, back, rank=len(nearest))
        i = start - 1
    return list(nearest.values())


def candidate_features(ctx: SpeakerContext, kind: str, cand: Candidate) -> list[str]:
    """Feature strings of one candidate for a speaker of `kind` (each also crossed with the kind)."""
    doc = ctx.doc
    actors = doc._.get(ACTORS) or []
    actor = actors[cand.actor] if cand.actor < len(actors) else None
    mention = doc[cand.start : cand.end]
    root = mention.root
    names = [
        f"actor={actor.kind if actor else 'none'}",
        f"back={min(cand.sentences_back, NEAR)}",
        f"rank={min(cand.rank, 3)}",
        f"dep={root.dep_ if root.dep_ in MENTION_DEPS else 'other'}",
        f"pronoun_mention={root.pos_ == 'PRON'}",
    ]
    if ctx.earlier and ctx.earlier[-1] == cand.actor:
        names.append("last_speaker")
    elif cand.actor in ctx.earlier:
        names.append("earlier_speaker")
    if expletive(ctx.source):
        names.append("expletive")
    if _in_quotation(doc, cand.start):
        names.append("in_quotation")
    if kind.startswith("the-") and actor is not None:
        head = ctx.source.root.lower_
        words = f"{actor.name} {actor.role or ''} {mention.text}".lower()
        names.append(f"head_in_actor={head in words}")
    if kind == "the-document" and _authored(ctx, cand.actor):
        names.append("authored")
    return ["bias", *names, *(f"{kind}|{n}" for n in names)]


def _authored(ctx: SpeakerContext, actor: int) -> bool:
    """Whether the actor is told issuing a document before the speaker: the subject of a verb whose object is a
    document noun ("the Senate passed a resolution", "the group published a report") or the agent of one
    ("a statement issued by the ministry")."""
    doc = ctx.doc
    by_token: dict[int, int] = (doc._.get(ACTOR_OF_TOKEN) or {}) if Doc.has_extension(ACTOR_OF_TOKEN) else {}
    documents = {w for w, kind in ctx.nouns.items() if kind == "document"}
    for i in (i for i, a in by_token.items() if a == actor and i < ctx.source.start):
        token = doc[i]
        while token.dep_ in ("appos", "compound", "amod") and token.head is not token:
            token = token.head
        if token.dep_ == "nsubj" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in documents for c in token.head.children
        ):
            return True
        agent = token.head if token.dep_ == "pobj" and token.head.lower_ == "by" else None
        if agent is not None and agent.head.dep_ == "acl" and agent.head.head.lemma_.lower() in documents:
            return True
        if agent is not None and any(
            c.dep_ == "nsubjpass" and c.lemma_.lower() in documents for c in agent.head.children
        ):
            return True
    return False


def _in_quotation(doc: Doc, i: int) -> bool:
    """Whether token i stands inside a quotation of its paragraph (an odd number of quote marks before it)."""
    marks = 0
    j = i - 1
    while j >= 0 and "\n\n" not in doc[j].whitespace_ + doc[j].text and i - j < 120:
        marks += doc[j].text in '"“”'
        j -= 1
    return marks % 2 == 1


class SpeakerModel(BinaryModel):
    """A binary logistic regression over candidate feature strings (weights from `dateline train speaker`)."""

    task = "speaker"

    def choose(self, ctx: SpeakerContext) -> int | None:
        """The actor the speaker refers to, or None when no candidate reaches the threshold."""
        kind = speaker_kind(ctx.source, ctx.nouns)
        if kind is None:
            return None
        found = [c for c in candidates(ctx) if agrees(ctx, kind, c)]
        scored = [(self.probability(candidate_features(ctx, kind, c)), -c.rank, c.actor) for c in found]
        best = max(scored, default=None)
        return best[2] if best is not None and best[0] >= self.threshold else None


__all__ = [
    "PRONOUN_KINDS",
    "Candidate",
    "SpeakerContext",
    "SpeakerModel",
    "candidate_features",
    "candidates",
    "speaker_kind",
]
