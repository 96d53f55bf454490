"""spaCy's rule lemmatizer with every answer kept: the same lemmas, each (word, POS, morphology) worked out once.

spaCy's English rule lemmatizer caches its lemma by (ORTH, POS, MORPH) except for the forms it judges base
forms (most nouns and verbs), which it works out again at every token. A lemma depends on nothing else, so
here the lemmatizer is asked once per process for each (ORTH, POS, MORPH) and the answer kept; tokens the
attribute ruler already gave a lemma keep it, as in spaCy (`overwrite = False`).

`replace_lemmatizer(nlp)` leaves any other lemmatizer (another mode, `overwrite`) as it is.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

ARRAY_ATTRS = [ORTH, POS, MORPH, LEMMA]


class CachedLemmatizer:
    """A pipeline component: the lemmas of spaCy's rule lemmatizer `lemmatizer`, by table lookup."""

    def __init__(self, lemmatizer=None) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array(ARRAY_ATTRS).tolist()):
            if lemma == 0:
                doc[i].lemma = self._lemma((orth, pos, morph), doc, i)
        return doc

    def _lemma(self, key: tuple[int, int, int], doc: Doc, i: int) -> int:
        found = self.lemmas.get(key)
        if found is None:
            found = self.lemmas[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        return found


@Language.factory("dateline_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """Made empty; `replace_lemmatizer` gives it the lemmatizer it replaces."""
    return CachedLemmatizer()


def word_classes(nlp: Language, name: str = "lemmatizer") -> dict[str, frozenset[str]]:
    """The English words of the rule lemmatizer's index (WordNet's base forms) with their classes: "western" ->
    {"adj"}, "front" -> {"adj", "noun", "verb"}; empty when the pipeline has no such table."""
    component = nlp.get_pipe(name) if name in nlp.pipe_names else None
    lemmatizer = getattr(component, "lemmatizer", component)
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return {}
    index = lookups.get_table("lemma_index")
    classes: dict[str, set[str]] = {}
    for word_class in ("adj", "adv", "noun", "verb"):
        for word in index.get(word_class, []):
            classes.setdefault(word, set()).add(word_class)
    return {word: frozenset(found) for word, found in classes.items()}


def replace_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Put the cached lemmatizer in place of spaCy's rule lemmatizer `name` (keeping the name).

    RETURNS (bool): whether it was replaced.
    """
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    nlp.replace_pipe(name, "dateline_lemmatizer")
    nlp.get_pipe(name).lemmatizer = lemmatizer
    return True
