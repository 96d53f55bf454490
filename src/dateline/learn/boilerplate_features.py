"""Features of the page-furniture line classifier: one row per line of an article.

The features follow jusText's paragraph classification (Pomikálek 2011, BSD
licence; its English stoplist is used as installed with trafilatura): length,
stopword density with jusText's thresholds, the neighbours' classes; plus the
share of capitalised words and capitals, terminal punctuation, position in the
article, and the cue phrases of `data/boilerplate.json` (one feature per kind,
at the line's start or anywhere). The model that weighs them is in
`dateline.learn.boilerplate`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..lexicon import load_json

CUES_FILE = "boilerplate.json"
STOPLIST = "English"
TAIL = 80  # characters at a line's end searched for a closing date or credit

# jusText's defaults (justext/core.py): LENGTH_LOW, LENGTH_HIGH, STOPWORDS_LOW, STOPWORDS_HIGH.
LENGTH_LOW, LENGTH_HIGH, STOPWORDS_LOW, STOPWORDS_HIGH = 70, 200, 0.30, 0.32

TOKEN = re.compile(r"\w+|[^\w\s]")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
LETTER = re.compile(r"[^\W\d_]")
NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")
UPPER = re.compile(r"[A-Z\u00C0-\u00DE\u0400-\u042F]")
DIGIT = re.compile(r"\d")
LEAD = " \t-–—•·*\"“‘'«>|"
URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|pl|ua|ru|by|uk|info)\b|pic\.twitter|\bt\.co/")
HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_END = re.compile(rf"{MONTH} \d{{1,2}},? \d{{4}}\W*$", re.I)
TWEET_META = re.compile(r"[—–-] [^()]{1,60} \(@\w+\)")
SLASH_CREDIT = re.compile(r"\b[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*/ ?[A-Z][\w.-]*")
CREDIT_END = re.compile(r"(?:Getty Images|/[A-Z][\w .-]{1,30}|\([A-Z][\w .'’-]{1,40}/[\w .-]{1,30}\))\W*$")
TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}\b")
REPORTING = re.compile(r"\b(?:said|says|told|added|according to|stated|announced|reported|warned|noted)\b", re.I)
SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.I)
IMPERATIVES = frozenset(
    [
        "sign",
        "subscribe",
        "read",
        "watch",
        "follow",
        "join",
        "click",
        "download",
        "get",
        "listen",
        "share",
        "see",
        "view",
        "enable",
        "install",
        "help",
        "support",
        "visit",
        "continue",
        "tap",
        "scroll",
        "skip",
        "register",
        "log",
        "discover",
        "explore",
        "find",
        "check",
        "try",
    ]
)

BASE_FEATURES = (
    "len_log",
    "words_log",
    "jt_short",
    "jt_long",
    "stop_density",
    "jt_stop_high",
    "jt_stop_low",
    "cap_share",
    "upper_share",
    "all_caps",
    "ends_sentence",
    "ends_colon",
    "ends_bare",
    "starts_quote",
    "starts_bullet",
    "has_url",
    "has_handle",
    "tweet_meta",
    "date_end",
    "slash_credit",
    "credit_end",
    "doubled",
    "timestamp_start",
    "non_latin",
    "digit_share",
    "reporting_verb",
    "second_person",
    "imperative_start",
    "cue_cover",
    "dateline",
)
CONTEXT_FEATURES = (
    "pos_rel",
    "is_first",
    "is_last",
    "near_start",
    "near_end",
    "n_log",
    "is_segment",
    "prev_short",
    "next_short",
    "prev_cue",
    "next_cue",
    "prev_good",
    "next_good",
    "short_near_end",
    "short_near_start",
    "caps_short",
)


@lru_cache(maxsize=1)
def cue_kinds() -> tuple[str, ...]:
    """The furniture kinds the cue lexicon names, in file order."""
    return tuple(load_json(CUES_FILE)["cues"])


@lru_cache(maxsize=1)
def cue_lexicon() -> tuple[dict[tuple[str, ...], frozenset[int]], int]:
    """The cue phrases compiled to token tuples -> the kinds (indices into `cue_kinds()`) they are cues of,
    and the longest phrase in tokens."""
    phrases: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for k, kind in enumerate(cue_kinds()):
        for phrase in load_json(CUES_FILE)["cues"][kind]:
            phrases[tuple(TOKEN.findall(phrase.lower()))].add(k)
    return {p: frozenset(ks) for p, ks in phrases.items()}, max(len(p) for p in phrases)


@lru_cache(maxsize=1)
def _first_tokens() -> frozenset[str]:
    return frozenset(p[0] for p in cue_lexicon()[0])


def cue_matches(text: str) -> list[tuple[int, int, frozenset[int]]]:
    """Every cue phrase in `text`, as (start, end, kinds), whole tokens only, case-insensitive."""
    lexicon, longest = cue_lexicon()
    tokens = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text)]
    words = [t[2] for t in tokens]
    first = _first_tokens()
    found = []
    for i in range(len(tokens)):
        if words[i] not in first:
            continue
        for n in range(1, min(longest, len(tokens) - i) + 1):
            kinds = lexicon.get(tuple(words[i : i + n]))
            if kinds:
                found.append((tokens[i][0], tokens[i + n - 1][1], kinds))
    return found


@lru_cache(maxsize=1)
def dateline_patterns() -> tuple[re.Pattern, ...]:
    """The dateline prefix shapes of `data/boilerplate.json` ("KYIV, Ukraine (AP) — ")."""
    return tuple(re.compile(p) for p in load_json(CUES_FILE)["datelines"])


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """jusText's English stoplist (installed with trafilatura)."""
    import justext

    return frozenset(justext.get_stoplist(STOPLIST))


def feature_names() -> tuple[str, ...]:
    """Every feature's name, in the order of the columns `features` returns."""
    kinds = cue_kinds()
    return (
        BASE_FEATURES + tuple(f"cue_start_{k}" for k in kinds) + tuple(f"cue_any_{k}" for k in kinds) + CONTEXT_FEATURES
    )


def dateline_prefix(text: str) -> int:
    """Length of the dateline that opens `text` ("KYIV, Ukraine (AP) — "), 0 when none does."""
    for pattern in dateline_patterns():
        match = pattern.match(text)
        if match:
            return match.end()
    return 0


def base_features(text: str) -> list[float]:
    """The context-free features of one line or segment, in `BASE_FEATURES` order, then cue starts and cue hits."""
    stripped = text.strip()
    size = max(len(stripped), 1)
    words = WORD.findall(stripped)
    n_words = max(len(words), 1)
    n_letters = len(LETTER.findall(stripped))
    upper = len(UPPER.findall(stripped)) / max(n_letters, 1)
    stop = stoplist()
    density = sum(w.lower() in stop for w in words) / n_words
    lead = len(stripped) - len(stripped.lstrip(LEAD))
    starts, hits, covered = _cues(stripped, lead)
    half = len(stripped) // 2
    last = stripped[-1:] or " "
    return [
        math.log1p(len(stripped)) / 7,
        math.log1p(len(words)) / 5,
        len(stripped) < LENGTH_LOW,
        len(stripped) > LENGTH_HIGH,
        density,
        density >= STOPWORDS_HIGH,
        density < STOPWORDS_LOW,
        sum(w[0].isupper() for w in words) / n_words,
        upper,
        upper > 0.85 and n_letters >= 6,
        last in '.!?"”’)',
        last == ":",
        last.isalnum(),
        stripped[:1] in '"“‘«',
        stripped[:1] in "-–—•·*",
        bool(URL.search(stripped)),
        bool(HANDLE.search(stripped)),
        bool(TWEET_META.search(stripped)),
        bool(DATE_END.search(stripped[-TAIL:])),
        bool(SLASH_CREDIT.search(stripped)),
        bool(CREDIT_END.search(stripped[-TAIL:])),
        half > 3 and stripped[:half].strip() == stripped[half:].strip(),
        bool(TIMESTAMP.match(stripped)),
        len(NON_LATIN.findall(stripped)) / max(n_letters, 1),
        len(DIGIT.findall(stripped)) / size,
        bool(REPORTING.search(stripped)),
        bool(SECOND_PERSON.search(stripped)),
        (words[0].lower() if words else "") in IMPERATIVES,
        covered / size,
        dateline_prefix(stripped) > 0,
        *starts,
        *hits,
    ]


def _cues(text: str, lead: int) -> tuple[list[bool], list[bool], int]:
    """Per kind: a cue at the line's start, a cue anywhere; and how many characters cues cover."""
    n = len(cue_kinds())
    starts, hits, covered, reach = [False] * n, [False] * n, 0, 0
    for start, end, kinds in cue_matches(text):
        covered += max(0, end - max(start, reach))
        reach = max(reach, end)
        for k in kinds:
            hits[k] = True
            starts[k] = starts[k] or start <= lead
    return starts, hits, covered


def features(base: np.ndarray, segment: Sequence[bool] | None = None) -> np.ndarray:
    """Add position and neighbour features to the base rows of one article's lines, in order.

    base (np.ndarray): one row of `base_features` per line.
    segment (Sequence[bool] | None): which rows are a segment of a line rather than a whole line.
    RETURNS (np.ndarray): the model's input, columns in `feature_names()` order.
    """
    n = len(base)
    names = BASE_FEATURES
    short, good = (
        base[:, names.index("jt_short")],
        base[:, names.index("jt_long")] * base[:, names.index("jt_stop_high")],
    )
    n_kinds = len(cue_kinds())
    cue = base[:, len(names) : len(names) + n_kinds].max(axis=1) if n else np.zeros(0)
    index = np.arange(n)
    near_start, near_end = (index <= 1).astype(float), (index >= n - 2).astype(float)
    caps = base[:, names.index("all_caps")]
    context = np.column_stack(
        [
            index / max(n - 1, 1),
            index == 0,
            index == n - 1,
            near_start,
            near_end,
            np.full(n, math.log1p(n) / 4),
            np.asarray(segment if segment is not None else np.zeros(n), dtype=float),
            _shift(short, 1),
            _shift(short, -1),
            _shift(cue, 1),
            _shift(cue, -1),
            _shift(good, 1),
            _shift(good, -1),
            short * near_end,
            short * near_start,
            caps * short,
        ]
    )
    return np.hstack([base, context]).astype(float)


def _shift(values: np.ndarray, by: int) -> np.ndarray:
    """The neighbour's value (`by` = 1: the previous line's), 0 past either end, as jusText treats the edges."""
    out = np.zeros_like(values)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def article_features(texts: Sequence[str]) -> np.ndarray:
    """The model input for the lines of one article, in order."""
    if not texts:
        return np.zeros((0, len(feature_names())))
    return features(np.array([base_features(t) for t in texts], dtype=float))
