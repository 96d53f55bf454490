"""`dateline_themes`: GKG-style theme codes with the words that evoke them.

The keyword lists (`data/themes.json`) are matched as whole tokens, case-insensitively,
by one spaCy PhraseMatcher; each match is a Theme with its span.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..lexicon import load_json
from ..schema import Theme
from .base import THEMES, DocComponent, ensure_extension

DOC_ATTR = THEMES


@Language.factory("dateline_themes", assigns=[f"doc._.{DOC_ATTR}"], default_config={"lexicon": "themes.json"})
def make_themes(nlp: Language, name: str, lexicon: str) -> ThemesComponent:
    """Build the themes component.

    lexicon (str): package data file mapping theme codes to keyword lists.
    """
    return ThemesComponent(nlp, name, lexicon=lexicon)


class ThemesComponent(DocComponent):
    """Tag theme keywords."""

    attr = DOC_ATTR

    def __init__(self, nlp: Language, name: str = "dateline_themes", *, lexicon: str = "themes.json") -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for code, words in load_json(lexicon)["themes"].items():
            self.matcher.add(code, [nlp.make_doc(w) for w in words])
        ensure_extension(DOC_ATTR, [])

    def compute(self, doc: Doc) -> list[Theme]:
        themes = []
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], m[2])):
            span = doc[start:end]
            themes.append(
                Theme(span=(span.start_char, span.end_char), text=span.text, code=doc.vocab.strings[match_id])
            )
        return themes


__all__ = ["ThemesComponent", "make_themes"]
