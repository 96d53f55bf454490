"""Place names in the forms the gazetteer indexes: folded, spelling-tolerant, and hashed.

`fold` is the lookup form of any name ("Kyïv" and "Київ" -> "kyiv"); `loose`
also forgives the usual transliteration variants ("Hulyaypole" and
"Huliaipole" -> "hulaipole"). The index stores 64-bit hashes of these forms.

>>> fold("Artemivs'k"), loose("Hulyaypole") == loose("Huliaipole")
('artemivsk', True)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

APOSTROPHES, NOT_ALNUM, LEADING_THE = re.compile(r"['`\u2019.]"), re.compile(r"[^a-z0-9]+"), re.compile(r"^the ")
LOOSE_RULES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"kh", "h"),
        (r"zh", "z"),
        (r"shch", "sc"),
        (r"sch", "sc"),
        (r"ch", "c"),
        (r"sh", "s"),
        (r"ts", "c"),
        (r"[yj]", "i"),
        (r"i(?=[aeiou])", ""),
        (r"(.)\1+", r"\1"),
        (r" ", ""),
    ]
]


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """The lookup form of a name: ASCII, lower case, no punctuation ("Kyïv" -> "kyiv", "Artemivs'k" -> "artemivsk").

    >>> fold("The Hague"), fold("Бахмут")
    ('hague', 'bakhmut')
    """
    from anyascii import anyascii

    text = anyascii(unicodedata.normalize("NFC", name)).lower()
    text = APOSTROPHES.sub("", text)
    text = NOT_ALNUM.sub(" ", text).strip()
    return LEADING_THE.sub("", text)


@lru_cache(maxsize=200_000)
def loose(name: str) -> str:
    """A spelling-tolerant form for transliteration variants: 'Hulyaypole' and 'Huliaipole' -> 'hulaipole'.

    >>> loose("Hulyaypole")
    'hulaipole'
    """
    text = fold(name)
    for pattern, replacement in LOOSE_RULES:
        text = pattern.sub(replacement, text)
    return text


def name_hash(text: str) -> int:
    """The index's 64-bit key of an already folded (or loosened) form."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=False)


def name_key(name: str) -> int:
    """The index key of a name: the hash of its folded form.

    >>> name_key("Kyïv") == name_key("kyiv")
    True
    """
    return name_hash(fold(name))


def loose_key(name: str) -> int:
    """The spelling-tolerant index key of a name: the hash of its loose form."""
    return name_hash(loose(name))


__all__ = ["fold", "loose", "loose_key", "name_hash", "name_key"]
