"""Sentences that go on with a claim: what a document, a report or a speaker says next, without a new cue.

"According to the resolution, a free Ukraine guarantees Poland's security. Today Ukraine faces the threat of a
new invasion." The second sentence is the resolution's too, though nothing says so; in most news the sentence
after a quote is the reporter's own. `candidates` lists, after each claim with a speaker, the next sentences
(at most `FOLLOW`, within `PARAGRAPHS` paragraph breaks) that hold no claim and no reporting cue, each with
feature strings (how far it is from the claim, the paragraphs between, the speaker's kind, the claim's kind,
quotation marks, pronouns, tense, modals, bullets, whether the sentence names a new subject). `ContinuationModel`
scores them with the logistic regression trained by `dateline.learn.continuation`
(`data/models/continuation.json`); a sentence is the speaker's claim when its probability reaches the
threshold and the sentence before it was (the chain stops at the first sentence that is not).

>>> model = ContinuationModel.load()  # doctest: +SKIP
>>> model.probability(["bias", "gap=1", "speaker=document"]) > 0.5  # doctest: +SKIP
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..components.base import ACTOR_OF_TOKEN, ACTORS
from ..learn import BinaryModel

FOLLOW = 6
PARAGRAPHS = 2
QUOTES = '"“”«»„'
FIRST_PERSON = frozenset({"i", "we", "our", "us", "my", "me"})
THIRD_PERSON = frozenset({"he", "she", "it", "they", "his", "her", "its", "their"})
MODALS = frozenset({"should", "must", "will", "would", "can", "could", "may", "might", "shall"})
DOCUMENT_WORDS = frozenset(
    {"report", "resolution", "statement", "document", "assessment", "update", "analysis", "letter", "decree"}
)
BULLETS = frozenset("·•-–—*")


@dataclass
class Continuation:
    """A sentence that may go on with claim `claim` (an index into the claims found so far)."""

    claim: int
    sentence: Span
    gap: int
    features: list[str] = field(default_factory=list)


def candidates(
    doc: Doc, text: str, claims: list, cue_sentences: set[int], speaker_words: dict[str, str]
) -> list[Continuation]:
    """The uncued sentences after each claim with a speaker. `claims` are (source, cue, content) triples;
    `cue_sentences` the start tokens of sentences that hold a cue or a claim's content."""
    sentences = list(doc.sents)
    index_of = {s.start: i for i, s in enumerate(sentences)}
    last_of_sentence = {content[-1].sent.start: c for c, (_, _, content) in enumerate(claims)}
    found = []
    for c, (source, cue, content) in enumerate(claims):
        here = index_of.get(content[-1].sent.start)
        if source is None or cue is None or here is None or last_of_sentence[content[-1].sent.start] != c:
            continue  # two claims in one sentence: what follows goes on with the last
        breaks = 0
        for gap in range(1, FOLLOW + 1):
            if here + gap >= len(sentences):
                break
            sent = sentences[here + gap]
            breaks += text[sentences[here + gap - 1].end_char : sent.start_char].count("\n\n")
            if breaks > PARAGRAPHS or sent.start in cue_sentences or len(sent) < 4:
                break
            names = features(doc, text, sent, source, cue, content, gap, breaks, speaker_words)
            found.append(Continuation(c, sent, gap, names))
    return found


def features(
    doc: Doc, text: str, sent: Span, source: Span, cue, content: Span, gap: int, breaks: int, speaker_words
) -> list[str]:
    words = [t.lower_ for t in sent]
    cue_sentence = content[-1].sent
    names = ["bias", f"gap={gap}", f"breaks={breaks}", f"speaker={_speaker(doc, source, speaker_words)}"]
    quoted = any(ch in QUOTES for ch in text[max(content.start_char - 2, 0) : content.start_char + 2])
    names.append("claim=quoted" if quoted else "claim=reported")
    if text[cue_sentence.start_char : cue_sentence.end_char].rstrip().endswith(":"):
        names.append("colon_before")
    stripped = sent.text.lstrip()
    if stripped[:1] in QUOTES:
        names.append("opens_quote")
    if any(ch in QUOTES for ch in sent.text):
        names.append("has_quote")
    if stripped[:1] in BULLETS:
        names.append("bullet")
    if FIRST_PERSON & set(words):
        names.append("first_person")
    subject = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        if subject.lower_ in THIRD_PERSON:
            names.append("subject=pronoun")
        elif (doc._.get(ACTOR_OF_TOKEN) or {}).get(subject.i) is not None:
            names.append("subject=actor")
        else:
            names.append(f"subject={subject.pos_}")
    names.append(f"tag={sent.root.tag_}")
    if MODALS & {t.lower_ for t in sent.root.children if t.dep_ == "aux"}:
        names.append("modal")
    if any(t.ent_type_ in ("DATE", "TIME") for t in sent):
        names.append("dated")
    if text[: sent.start_char].count("\n\n") <= 1:
        names.append("in_lead")
    if sent.end_char >= len(text.rstrip()) or text[sent.end_char : sent.end_char + 2] == "\n\n":
        names.append("paragraph_end")
    return names


def _speaker(doc: Doc, source: Span, speaker_words: dict[str, str]) -> str:
    head = source.root.lemma_.lower()
    if head in DOCUMENT_WORDS:
        return "document"
    if len(source) == 1 and source[0].lower_ in THIRD_PERSON:
        return "pronoun"
    actor = next(
        ((doc._.get(ACTOR_OF_TOKEN) or {}).get(t.i) for t in source if t.i in (doc._.get(ACTOR_OF_TOKEN) or {})), None
    )
    if actor is not None:
        return doc._.get(ACTORS)[actor].kind
    return speaker_words.get(head, "other")


class ContinuationModel(BinaryModel):
    """A logistic regression over a sentence's features: does it go on with the claim before it?"""

    task = "continuation"

    def keeps(self, candidate: Continuation) -> bool:
        return self.reaches(candidate.features)


def rule_keeps(candidate: Continuation) -> bool:
    """The rule the model is measured against: a document's or report's next sentences, and the sentences after a
    colon or in bullets, go on with the claim unless they name a new subject."""
    names = set(candidate.features)
    if "subject=actor" in names or "dated" in names:
        return False
    return bool(names & {"speaker=document", "colon_before", "bullet"})


def chained(found: list[Continuation], keep) -> list[Continuation]:
    """The candidates `keep` accepts, each claim's chain stopped at its first rejected sentence."""
    kept, stopped = [], set()
    for candidate in found:
        if candidate.claim in stopped:
            continue
        if keep(candidate):
            kept.append(candidate)
        else:
            stopped.add(candidate.claim)
    return kept


__all__ = ["Continuation", "ContinuationModel", "candidates", "chained", "rule_keeps"]
