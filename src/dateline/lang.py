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
# Languages news is published in at scale; langid's full set includes small ones (Nigerian Pidgin, Luxembourgish,
# Central Bikol, ...) that it picks for short English texts full of names.
NEWS_LANGUAGES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "ru",
    "uk",
    "pl",
    "cs",
    "sk",
    "sl",
    "hr",
    "sr",
    "bs",
    "bg",
    "mk",
    "ro",
    "hu",
    "el",
    "tr",
    "ar",
    "fa",
    "he",
    "zh",
    "ja",
    "ko",
    "hi",
    "ur",
    "bn",
    "sv",
    "da",
    "no",
    "fi",
    "et",
    "lv",
    "lt",
    "id",
    "ms",
    "vi",
    "th",
    "ka",
    "hy",
    "az",
    "kk",
    "be",
    "sq",
    "ca",
    "ta",
    "sw",
)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in NEWS_LANGUAGES if lang in identifier.nb_classes])
    return identifier


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
