"""`dateline_claims`: who said what, through which channel, when; direct or indirect; verified or not.

Claims are read off the dependency parse around a cue:
- a reporting verb ("said", "acknowledged", "claimed", "accused", "wrote"):
  its subject is the source, its clausal complement the content (including a
  quotation the verb introduces or closes: '"...," he said');
- "according to X": X is the source, the rest of the sentence the content;
- a reporting noun with its owner ("Trump's claim that ...").
A quotation standing alone in a paragraph continues the last speaker's claim
(a multi-paragraph quote); with `continuation` set, a model (`claims/continuation.py`)
decides which uncued sentences after a claim go on with it ("According to the
resolution, A. B."). The channel comes from the cue's sentence ("on
Telegram", "in a statement", "told AFP"), the time from the time expression
that governs the cue, the speaker from the actors component (through
pronouns too), and a claim is flagged unverified when its sentence or the
next one says so ("could not be independently verified").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..claims.claimness import ClaimnessModel, features
from ..claims.continuation import Continuation, ContinuationModel, chained
from ..claims.continuation import candidates as continuation_candidates
from ..claims.speaker import PRONOUN_KINDS, RELATIVES, SpeakerContext, SpeakerModel, speaker_kind
from ..lexicon import load_json
from ..schema import Claim, Evidence
from ..text import trim_span
from .base import ACTOR_OF_TOKEN, ACTORS, CLAIMS, TIMES, DocComponent, doc_text, ensure_extension
from .time import governing_time

DOC_ATTR = CLAIMS
QUOTES = '"“”«»„'
CONTENT_DEPS = ("ccomp", "xcomp")
FIRST_AND_SECOND_PERSON = frozenset({"i", "we", "you", "me", "us"})


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, [])


@Language.factory(
    "dateline_claims",
    assigns=[f"doc._.{DOC_ATTR}"],
    requires=["token.dep", f"doc._.{ACTORS}", f"doc._.{TIMES}"],
    default_config={
        "lexicon": "claims.json",
        "speaker": "speaker",
        "claimness": "claimness",
        "continuation": "",
    },
)
def make_claims(
    nlp: Language, name: str, lexicon: str, speaker: str, claimness: str, continuation: str
) -> ClaimsComponent:
    """Build the claims component.

    lexicon (str): package data file with cue verbs and nouns, channels and verification phrases.
    speaker (str): the shipped model (`data/models/<name>.json`) that chooses who a pronoun or a description
        ("he", "the ministry") that speaks refers to; "" for none (the speaker then names an actor or none).
    claimness (str): the shipped model that drops candidates of the rules that are no claim ("the US supports
        Kyiv with weapons"); "" to keep every candidate.
    continuation (str): the shipped model that decides which uncued sentences after a claim go on with it (the
        rest of a resolution, a report's findings: `claims/continuation.py`); "" (the default) for none.
    """
    return ClaimsComponent(nlp, name, lexicon=lexicon, speaker=speaker, claimness=claimness, continuation=continuation)


class ClaimsComponent(DocComponent):
    """Find attributed statements."""

    attr = DOC_ATTR

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_claims",
        *,
        lexicon: str = "claims.json",
        speaker: str = "speaker",
        claimness: str = "",
        continuation: str = "",
    ) -> None:
        self.name = name
        self.continuation_model = ContinuationModel.load(continuation) if continuation else None
        words = load_json(lexicon)
        self.speaker_nouns = {w: kind for kind, ws in words["speaker_nouns"].items() if kind != "about" for w in ws}
        self.speaker_model = SpeakerModel.load(speaker) if speaker else None
        self.claimness_model = ClaimnessModel.load(claimness) if claimness else None
        self.verbs = frozenset(words["verbs"])
        self.content_optional = frozenset(words["content_optional"])
        self.nouns = frozenset(words["nouns"])
        self.phrasal = frozenset(words["phrasal_verbs"])
        channel_on = "|".join(sorted(map(re.escape, words["channels"]["on"]), key=len, reverse=True))
        channel_in = "|".join(sorted(map(re.escape, words["channels"]["in"]), key=len, reverse=True))
        self.channel_rx = re.compile(
            rf"\bon (?P<on>{channel_on})\b"
            rf"|\bin an? (?:\w+ )?(?P<in>{channel_in})\b"
            r"|\btold (?P<told>(?:[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*)|reporters|journalists)",
            re.IGNORECASE,
        )
        self.unverified_rx = re.compile(
            "|".join([words["unverified_pattern"], *map(re.escape, words["unverified"])]), re.IGNORECASE
        )
        install_extensions()

    def compute(self, doc: Doc) -> list[Claim]:
        return self.find(doc)

    def find(self, doc: Doc) -> list[Claim]:
        text = doc_text(doc)
        out: list[Claim] = []
        raw = self.raw_claims(doc)
        kept = []
        for source, cue, content in raw:
            if self.claimness_model is not None and not self.claimness_model.keeps(features(source, cue, content)):
                continue
            kept.append((source, cue, content))
            out.append(self._claim(doc, text, source, cue, content))
            if source is not None and self.speaker_model is not None and self._refers(source, out[-1].speaker_actor):
                earlier = [c.speaker_actor for c in out[:-1]]
                chosen = self.speaker_model.choose(self.speaker_context(doc, source, content, earlier))
                out[-1].speaker_actor = chosen if chosen is not None else out[-1].speaker_actor
        if self.continuation_model is not None:
            for candidate in chained(self.continuations(doc, raw, kept), self.continuation_model.keeps):
                source, _, _ = kept[candidate.claim]
                sentence = _trim(candidate.sentence)
                out.append(self._claim(doc, text, source, None, sentence))
                out[-1].speaker_actor = out[candidate.claim].speaker_actor
            out.sort(key=lambda c: c.content.span[0])
        self._verification(doc, out)
        return out

    def continuations(self, doc: Doc, raw: list, kept: list) -> list[Continuation]:
        """The uncued sentences after the kept claims that may go on with them (`claims/continuation.py`)."""
        held = {t.sent.start for _, cue, content in raw for t in (content[0], content[-1])}
        held |= {(cue if isinstance(cue, Token) else cue[0]).sent.start for _, cue, _ in raw if cue is not None}
        return continuation_candidates(doc, doc_text(doc), kept, held, self.speaker_nouns)

    def _refers(self, source: Span, actor: int | None) -> bool:
        """Whether the speaker model chooses who `source` is: a pronoun always, a description naming no actor."""
        kind = speaker_kind(source, self.speaker_nouns)
        return kind is not None and (actor is None or kind in PRONOUN_KINDS)

    def raw_claims(self, doc: Doc) -> list[tuple[Span | None, Token | Span | None, Span]]:
        """(source, cue, content) of every claim the rules find, in the order of their contents."""
        claims: list[tuple[Span | None, Token | Span | None, Span]] = []
        for sent in doc.sents:
            for claim in self._sentence_claims(sent):
                claims += self._split_conjuncts(claim)
        claims += self._continued_quotes(doc, claims)
        claims.sort(key=lambda c: c[2].start)
        return _without_frames_as_content(claims)

    def speaker_context(self, doc: Doc, source: Span, content: Span, earlier: list[int | None]) -> SpeakerContext:
        """What the speaker model looks at to resolve `source` ('he', 'the ministry')."""
        return SpeakerContext(doc, source, content, earlier, self.speaker_nouns)

    # --- finding ---------------------------------------------------------------

    def _sentence_claims(self, sent: Span) -> Iterator[tuple[Span | None, Token | Span | None, Span]]:
        headline = self._headline_claim(sent)
        if headline is not None:
            yield headline
        for token in sent:
            yield from self._cue_claims(sent, token)

    @staticmethod
    def _headline_claim(sent: Span) -> tuple[Span, Span, Span] | None:
        """'Trump: ...': a name before a colon early in a sentence with no verb before the colon."""
        doc = sent.doc
        colon = next((t for t in sent[:7] if t.text == ":"), None)
        if (
            colon is None
            or colon.i <= sent.start
            or doc[colon.i - 1].pos_ not in ("PROPN", "NOUN")
            or sent.end - colon.i <= 3
            or any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start : colon.i])
        ):
            return None
        content = _trim(doc[colon.i + 1 : sent.end])
        return (doc[sent.start : colon.i], doc[colon.i : colon.i + 1], content) if content is not None else None

    def _cue_claims(self, sent: Span, token: Token) -> list[tuple]:
        """The claims a token cues: "according to", a reporting verb (with the rest of a quotation it splits), or
        a reporting noun."""
        doc = sent.doc
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            claims = [self._according_to(sent, token)]
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.verbs:
            claim = self._verb_claim(sent, token)
            claims = [claim, self._split_quote_rest(claim) or self._after_inserted_cue(claim, token)] if claim else []
        elif token.pos_ == "NOUN" and token.lemma_.lower() in self.nouns:
            claims = [self._noun_claim(token)]
        else:
            claims = []
        return [claim for claim in claims if claim]

    def _verb_claim(self, sent: Span, cue: Token) -> tuple[Span | None, Token, Span] | None:
        back = _told_before(sent, cue)
        if back is not None:
            return back[0], self._cue_extent(cue), back[1]
        source = self._subject(cue)
        content = self._verb_content(cue, source)
        if content is None or source is None and cue.lemma_.lower() not in ("report",):
            return None
        cue = self._cue_extent(cue)
        if source is not None and len(source) == 1 and source[0].lower_ in FIRST_AND_SECOND_PERSON:
            return None  # "I ask you ..." inside someone's quotation
        content = _trim(content)
        if content is None or len(content) < 2:
            return None
        return source, cue, content

    def _verb_content(self, cue: Token, source: Span | None) -> Span | None:
        """What a reporting verb reports: the first of its clausal complement, the quotation before it, the clause
        around or after it, or (for verbs that need no clause: "confirmed the attack") its objects."""
        for rule in (_complement, _quotation_before, _clause_around, _clause_after, self._objects):
            content = rule(cue, source)
            if content is not None:
                return content
        return None

    def _objects(self, cue: Token, source: Span | None) -> Span | None:
        """'confirmed the attack on the port': the objects of a verb whose content may be a noun phrase."""
        if cue.lemma_.lower() not in self.content_optional:
            return None
        objects = [c for c in cue.children if c.dep_ in ("dobj", "prep", "attr", "oprd")]
        return cue.doc[cue.i + 1 : max(o.right_edge.i for o in objects) + 1] if objects else None

    def _split_conjuncts(self, claim: tuple) -> list[tuple]:
        """'said no positions had been abandoned and that major losses had been inflicted': two claims."""
        source, cue, content = claim
        head = content.root
        parts = [
            c
            for c in head.children
            if c.dep_ == "conj"
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for g in c.children)
        ]
        if not parts:
            return [claim]
        doc = content.doc
        first_end = parts[0].left_edge.i
        while first_end > content.start and doc[first_end - 1].dep_ in ("cc", "punct"):
            first_end -= 1
        pieces = [doc[content.start : first_end]]
        for i, part in enumerate(parts):
            end = parts[i + 1].left_edge.i if i + 1 < len(parts) else content.end
            pieces.append(doc[part.left_edge.i : end])
        return [(source, cue, p) for p in (_trim(piece) for piece in pieces) if p is not None and len(p) >= 2]

    @staticmethod
    def _after_inserted_cue(claim: tuple, verb: Token) -> tuple | None:
        """'The new bridge, the mayor said, will open in spring' (invented): the content goes on after the cue."""
        head = verb.head
        if verb.dep_ not in ("parataxis", "ccomp") or head.i < verb.i or head.pos_ not in ("VERB", "AUX"):
            return None
        rest = _trim(verb.doc[verb.right_edge.i + 1 : head.right_edge.i + 1])
        return (claim[0], claim[1], rest) if rest is not None and len(rest) >= 2 else None

    def _split_quote_rest(self, claim: tuple) -> tuple | None:
        """'"We will not retreat," he said, "not one step."': the quotation goes on after the cue."""
        source, cue, content = claim
        doc = content.doc
        after = max(cue.end, source.end if source is not None else 0)
        i = after
        while i < len(doc) and doc[i].is_punct and doc[i].text not in QUOTES:
            i += 1
        if i >= len(doc) or doc[i].text not in QUOTES or content.start > cue.start:
            return None
        end = i + 1
        while end < len(doc) and doc[end].text not in QUOTES and end - i < 200:
            end += 1
        rest = _trim(doc[i + 1 : end])
        return (source, cue, rest) if rest is not None and len(rest) >= 2 else None

    def _cue_extent(self, verb: Token) -> Span:
        """The verb with its auxiliaries and particle: 'has said', 'is telling', 'called for', 'said:'."""
        doc = verb.doc
        start, end = verb.i, verb.i + 1
        while start > 0 and doc[start - 1].head == verb and doc[start - 1].dep_ in ("aux", "auxpass", "neg"):
            start -= 1
        if (
            end < len(doc)
            and doc[end].head == verb
            and f"{verb.lemma_.lower()} {doc[end].lower_}" in self.phrasal
            or end < len(doc)
            and doc[end].text == ":"
        ):
            end += 1
        return doc[start:end]

    def _subject(self, cue: Token) -> Span | None:
        # the subject nearest the cue: a parse may hang an earlier name on it too ("..., Blinken, the ministry said")
        for child in sorted(cue.children, key=lambda c: abs(c.i - cue.i)):
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in RELATIVES and cue.dep_ == "relcl":
                return _relative_head(cue, child)
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ != "there":
                return (
                    _trim(cue.doc[child.left_edge.i : child.right_edge.i + 1])
                    if child.pos_ != "PRON"
                    else cue.doc[child.i : child.i + 1]
                )
        if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head.pos_ in ("VERB", "AUX"):
            return self._subject(cue.head)
        if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):  # "a statement issued by", "X, saying"
            return cue.doc[cue.head.left_edge.i : cue.head.i + 1]
        return None

    def _according_to(self, sent: Span, token: Token) -> tuple[Span, Span, Span] | None:
        doc = sent.doc
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            return None
        source = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
        phrase_start, phrase_end = token.i, source.end
        before = _trim(doc[sent.start : phrase_start])
        after = _trim(doc[phrase_end : sent.end])
        content = before if before is not None and (after is None or len(before) >= len(after)) else after
        if content is None or len(content) < 3:
            return None
        return _trim(source), doc[token.i : token.i + 2], content

    def _noun_claim(self, cue: Token) -> tuple[Span, Token, Span] | None:
        doc = cue.doc
        owner = next((c for c in cue.children if c.dep_ == "poss"), None)
        content_head = next(
            (c for c in cue.children if c.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" for g in c.children)),
            None,
        )
        if owner is None or content_head is None:
            return None
        content = _trim(doc[content_head.left_edge.i : content_head.right_edge.i + 1])
        source = doc[owner.left_edge.i : owner.i + 1]
        if source[-1].tag_ == "POS":
            source = doc[source.start : source.end - 1]
        return (source, cue, content) if content is not None else None

    def _continued_quotes(self, doc: Doc, claims: list) -> list:
        """A paragraph that is only a quotation continues the claim of the paragraph before."""
        extra = []
        covered = {t for _, _, c in claims for t in range(c.start, c.end)}
        text = doc_text(doc)
        for match in re.finditer(r"(?:^|\n\n)\s*([\"“][^\n]{20,}?[\"”])\s*(?=\n|$)", text):
            start, end = match.span(1)
            span = doc.char_span(start + 1, end - 1, alignment_mode="contract")
            if span is None or any(t.i in covered for t in span):
                continue
            earlier = [c for c in claims if c[2].end_char <= start and c[0] is not None]
            if earlier:
                source, cue, _ = max(earlier, key=lambda c: c[2].end_char)
                extra.append((source, None, span))
        return extra

    # --- building --------------------------------------------------------------

    def _claim(self, doc: Doc, text: str, source: Span | None, cue, content: Span) -> Claim:
        content_ev = Evidence(span=(content.start_char, content.end_char), text=content.text)
        cue_ev = None
        if cue is not None:
            start, end = (
                (cue.idx, cue.idx + len(cue.text)) if isinstance(cue, Token) else (cue.start_char, cue.end_char)
            )
            cue_ev = Evidence(span=(start, end), text=text[start:end])
        speaker_ev = (
            Evidence(span=(source.start_char, source.end_char), text=source.text) if source is not None else None
        )
        anchor = cue if isinstance(cue, Token) else (cue[0] if cue is not None else content.root)
        return Claim(
            span=content_ev.span,
            text=content_ev.text,
            speaker=speaker_ev,
            speaker_actor=_actor_of(doc, source),
            cue=cue_ev,
            channel=self._channel(doc, text, anchor),
            time=governing_time(doc, anchor),
            content=content_ev,
            kind=_kind(text, content),
            verification=None,
        )

    def _channel(self, doc: Doc, text: str, anchor: Token) -> Evidence | None:
        sent = anchor.sent
        for match in self.channel_rx.finditer(text, sent.start_char, sent.end_char):
            group = next(g for g in ("on", "in", "told") if match.group(g))
            start, end = match.span(group)
            return Evidence(span=(start, end), text=text[start:end])
        return None

    def _verification(self, doc: Doc, claims: list[Claim]) -> None:
        sentences = list(doc.sents)
        for i, sent in enumerate(sentences):
            match = self.unverified_rx.search(sent.text)
            if not match:
                continue
            start = sent.start_char + match.start()
            evidence = Evidence(span=(start, start + len(match.group(0))), text=match.group(0))
            previous = sentences[i - 1] if i > 0 else sent
            for claim in claims:
                if previous.start_char <= claim.span[0] < sent.end_char:
                    claim.verification = "unverified"
                    claim.verification_evidence = evidence
        self._denials(doc, claims)

    def _denials(self, doc: Doc, claims: list[Claim]) -> None:
        """A claim that another party denies in one of the next two sentences is flagged 'denied'."""
        sentences = list(doc.sents)
        for i, sent in enumerate(sentences):
            denial = next(
                (
                    c
                    for c in claims
                    if c.cue is not None
                    and sent.start_char <= c.cue.span[0] < sent.end_char
                    and c.cue.text.split()[-1].lower().startswith(("denied", "denies", "deny", "rejected", "dismissed"))
                ),
                None,
            )
            if denial is None:
                continue
            for claim in claims:
                before = sentences[max(0, i - 2)].start_char <= claim.span[0] < sent.start_char
                if before and claim.speaker_actor != denial.speaker_actor and claim.verification is None:
                    claim.verification = "denied"
                    claim.verification_evidence = Evidence(span=denial.cue.span, text=denial.cue.text)


def _complement(cue: Token, source: Span | None) -> Span | None:
    """'said that the bridge was hit': the verb's clausal complement."""
    heads = [c for c in cue.children if c.dep_ in CONTENT_DEPS and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN")]
    return cue.doc[heads[0].left_edge.i : heads[0].right_edge.i + 1] if heads else None


def _quotation_before(cue: Token, source: Span | None) -> Span | None:
    """'"...," he said': the clause the verb closes, up to the verb and its subject."""
    if cue.dep_ not in ("parataxis", "ccomp") or cue.head.i >= cue.i:
        return None
    end = min(cue.left_edge.i, source.start if source is not None else cue.i)
    return cue.doc[cue.head.left_edge.i : end]


def _clause_around(cue: Token, source: Span | None) -> Span | None:
    """'The new bridge, the mayor said, will open in spring' (invented): the clause around the cue."""
    if cue.dep_ not in ("parataxis", "ccomp") or cue.head.i <= cue.i or cue.head.pos_ not in ("VERB", "AUX"):
        return None
    return cue.doc[cue.head.left_edge.i : cue.left_edge.i]


def _clause_after(cue: Token, source: Span | None) -> Span | None:
    """'as Moscow acknowledged some forces had left': the clause the cue's adverbial clause leads into."""
    if cue.dep_ != "advcl" or cue.head.i <= cue.i or cue.head.pos_ not in ("VERB", "AUX"):
        return None
    return cue.doc[cue.right_edge.i + 1 : cue.head.right_edge.i + 1]


def _relative_head(clause: Token, relative: Token) -> Span:
    """'Oleksandr Syrskyi, who said ...': the noun phrase a relative clause hangs off, through its pronoun (the
    speaker names the actor, and the pronoun, where attribution corpora mark the source, stays in the span)."""
    head = clause.head
    if head.dep_ == "appos" and head.head.i < head.i:
        head = head.head
    start = min([head.i, *(c.left_edge.i for c in head.children if c.i < head.i)])
    return clause.doc[start : relative.i + 1] if start < relative.i else clause.doc[relative.i : relative.i + 1]


def _actor_of(doc: Doc, source: Span | None) -> int | None:
    if source is None or not Doc.has_extension(ACTOR_OF_TOKEN):
        return None
    by_token = doc._.get(ACTOR_OF_TOKEN) or {}
    for token in [source.root, *source]:
        if token.i in by_token:
            return by_token[token.i]
    return None


def _kind(text: str, content: Span) -> str:
    before = text[max(0, content.start_char - 2) : content.start_char]
    inside = content.text
    if any(q in before for q in QUOTES) and not any(q in inside for q in QUOTES):
        return "direct"
    if any(q in inside for q in QUOTES):
        return "mixed"
    return "indirect"


def _trim(span: Span | None) -> Span | None:
    """The span without punctuation, spaces and quotes at either end (an opening bracket stays)."""
    if span is None:
        return None
    loose = lambda t: t.is_punct or t.is_space or t.text in QUOTES
    return trim_span(span, lambda t: loose(t) and t.text != "(", loose)


def _told_before(sent: Span, cue: Token) -> tuple[Span, Span] | None:
    """'This was stated by the minister ...': the passive cue's agent said the sentence before."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is None or source is None or subject.lower_ not in ("this", "that") or sent.start == 0:
        return None
    before = _trim(sent.doc[sent.start - 1].sent)
    if before is None or len(before) < 4:
        return None
    speaker = _trim(sent.doc[source.left_edge.i : source.right_edge.i + 1]) or sent.doc[source.i : source.i + 1]
    return speaker, before


def _frame_tokens(source: Span | None, cue: Token | Span | None) -> set[int]:
    """The tokens that attribute a claim: its source and its cue."""
    tokens = set(range(source.start, source.end)) if source is not None else set()
    if isinstance(cue, Token):
        tokens.add(cue.i)
    elif cue is not None:
        tokens.update(range(cue.start, cue.end))
    return tokens


def _without_frames_as_content(
    claims: list[tuple[Span | None, Token | Span | None, Span]],
) -> list[tuple[Span | None, Token | Span | None, Span]]:
    """Leave out a claim whose content is only another claim's source and cue: in '"X," Lavrov reiterated, the
    ministry said' the parse can make 'the ministry said' what Lavrov reiterated. (Not a content inside another
    claim's source alone: 'Zelensky, who has called for a boycott, said ...'.)"""
    frames = [(_frame_tokens(source, cue), _frame_tokens(None, cue)) for source, cue, _ in claims]
    kept = []
    for i, claim in enumerate(claims):
        content = set(range(claim[2].start, claim[2].end))
        if not any(j != i and cue and cue <= content <= frame for j, (frame, cue) in enumerate(frames)):
            kept.append(claim)
    return kept


__all__ = ["ClaimsComponent", "make_claims"]
