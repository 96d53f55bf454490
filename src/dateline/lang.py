"""Language identification with py3langid (offline, bundled model).

Short texts (headlines) are hard to identify, so a short text is taken as
English when English ranks among the detector's top three guesses.

>>> detect_language("Ukrainian soldiers have regained ground near the city, the president said.")
'en'
"""
from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 2000
SHORT_TEXT = 80


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language ('und' when there are no letters)."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    identifier = _identifier()
    if len(sample) < SHORT_TEXT:
        ranked = identifier.rank(sample)[:3]
        if any(lang == "en" for lang, _ in ranked):
            return "en"
        return ranked[0][0]
    return identifier.classify(sample)[0]
