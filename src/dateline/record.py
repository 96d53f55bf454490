"""Doc -> Record. No spaCy object leaves this module.

>>> from dateline.record import not_extracted_record
"""

from __future__ import annotations

from spacy.tokens import Doc

from .claims.within import link_within_article
from .components.base import ACTORS, CLAIMS, COUNTS, EVENTS, PLACES, THEMES, TIMES, TONE
from .schema import Article, Mention, Record, Tone
from .version import PIPELINE_VERSION

MENTION_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})


def doc_to_record(doc: Doc, article: Article) -> Record:
    """Collect what the components wrote on the Doc into a Record.

    doc (Doc): a document that went through the Dateline pipeline.
    article (Article): the article the doc was made from (doc.text is its text with page furniture blanked).
    RETURNS (Record): plain data, every item with its span.
    """
    mentions = [
        Mention(span=(ent.start_char, ent.end_char), text=ent.text, label=ent.label_)
        for ent in doc.ents
        if ent.label_ in MENTION_LABELS
    ]
    parts = {}
    for part in (PLACES, TIMES, ACTORS, CLAIMS, EVENTS, COUNTS, THEMES):
        if Doc.has_extension(part):
            parts[part] = list(doc._.get(part) or [])
    tone = doc._.get(TONE) if Doc.has_extension(TONE) else None
    record = Record(
        article=article,
        mentions=mentions,
        tone=tone or Tone(),
        pipeline_version=PIPELINE_VERSION,
        **parts,
    )
    return link_within_article(record)


def not_extracted_record(article: Article, status: str = "not_english") -> Record:
    """The record of an article Dateline does not extract: `not_english`, or `no_content` (all page furniture)."""
    return Record(article=article, pipeline_version=PIPELINE_VERSION, status=status)
