"""Long articles in bounded pieces: paragraph windows extracted one by one, their records joined.

Time and memory of spaCy's models and of the components grow faster than the text inside one Doc
(a place's context is looked up over the whole document), so an article longer than `WINDOW_CHARS`
is cut at paragraph breaks (else at a sentence end, else at a space) into windows of at most that
many characters. Each window is extracted as its own document; the records are joined with every
span shifted back into the article's offsets and every cross-reference (an event's place, a claim's
speaker) renumbered. What links items across windows (a pronoun whose name is in the window before)
is lost, which is the price of a bound.

>>> [(a, b) for a, b in cut("one.\\n\\ntwo.\\n\\nthree.", max_chars=8)]
[(0, 6), (6, 12), (12, 18)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from .schema import Article, Record, Tone

WINDOW_CHARS = 30_000
BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"')\]]?\s"), re.compile(r"\s"))

# Item fields that hold the index of an item of another part: part -> {field: the part it points into}.
REFERENCES = {
    "claims": {"speaker_actor": "actors", "time": "times", "events": "events"},
    "events": {
        "source_actor": "actors",
        "target_actor": "actors",
        "place": "places",
        "counts": "counts",
        "claims": "claims",
    },
}
PARTS = ("mentions", "places", "times", "actors", "claims", "events", "counts", "themes")


def cut(text: str, max_chars: int | None = None) -> Iterator[tuple[int, int]]:
    """Windows `(start, end)` covering `text`, each at most `max_chars` (`WINDOW_CHARS`) long, cut at the latest
    break."""
    max_chars = max_chars or WINDOW_CHARS
    start = 0
    while len(text) - start > max_chars:
        end = _break_before(text, start, start + max_chars)
        yield start, end
        start = end
    yield start, len(text)


def _break_before(text: str, start: int, limit: int) -> int:
    for pattern in BREAKS:
        ends = [m.end() for m in pattern.finditer(text, start + 1, limit)]
        if ends and ends[-1] > start:
            return ends[-1]
    return limit


def window_article(article: Article, start: int, end: int) -> Article:
    """The article as one window sees it: its text is the slice, everything else the article's."""
    return article.model_copy(update={"text": article.text[start:end], "id": f"{article.id}@{start}"})


def join(article: Article, pieces: list[tuple[int, Record]]) -> Record:
    """One record from the records of an article's windows, given with each window's start offset."""
    parts: dict[str, list] = {part: [] for part in PARTS}
    for start, record in pieces:
        bases = {part: len(parts[part]) for part in PARTS}
        for part in PARTS:
            for item in getattr(record, part):
                parts[part].append(_renumbered(_shifted(item, start), REFERENCES.get(part, {}), bases))
    first = pieces[0][1]
    return Record(
        article=article,
        tone=_joined_tone([r.tone for _, r in pieces]),
        status=first.status,
        pipeline_version=first.pipeline_version,
        **parts,
    )


def _shifted(model: BaseModel, offset: int) -> BaseModel:
    update = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "span" and value is not None:
            update[name] = (value[0] + offset, value[1] + offset)
        elif isinstance(value, BaseModel):
            update[name] = _shifted(value, offset)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_shifted(v, offset) for v in value]
    return model.model_copy(update=update)


def _renumbered(item: BaseModel, references: dict[str, str], bases: dict[str, int]) -> BaseModel:
    update = {}
    for name, target in references.items():
        value = getattr(item, name)
        if isinstance(value, int):
            update[name] = value + bases[target]
        elif isinstance(value, list):
            update[name] = [v + bases[target] for v in value]
    if hasattr(item, "contradicts"):
        update["contradicts"] = [d.model_copy(update={"claim": d.claim + bases["claims"]}) for d in item.contradicts]
    return item.model_copy(update=update)


def _joined_tone(tones: list[Tone]) -> Tone:
    words = sum(t.word_count for t in tones)
    if not words:
        return Tone()
    mean = {
        name: sum(getattr(t, name) * t.word_count for t in tones) / words
        for name in Tone.model_fields
        if name != "word_count"
    }
    return Tone(word_count=words, **mean)
