"""The page-furniture line classifier: features, training, and the predictor used at read time.

A multinomial logistic regression over per-line features decides whether a
line of an article is content or furniture of some kind (link, signup,
advert, ...). The features follow jusText's paragraph classification
(Pomikálek 2011, BSD licence; its English stoplist is used as installed with
trafilatura): length, stopword density with jusText's thresholds, the
neighbours' classes; plus the share of capitalised words and capitals,
terminal punctuation, position in the article, and the cue phrases of
`data/boilerplate.json` (one feature per kind, at the line's start or
anywhere). Weights ship as JSON (`data/models/boilerplate.json`); inference
is numpy only, scikit-learn is needed only to train.

Training articles are composed from the lines in `TRAINING_FILES` (content
sentences from licence-clean corpora and invented ones, furniture lines
written for Dateline), shuffled and interleaved with a seeded generator, so
`train(seed)` always gives the same model.

>>> from dateline.learn.boilerplate import predict
>>> labels, p_content = predict(["Advertisement", "Two soldiers were killed in the attack, the governor said."])
>>> labels[0]
'advert'
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..lexicon import load_json

TASK = "boilerplate"
CONTENT = "content"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
TRAINING_FILES: tuple[Path, ...] = (
    DATA_DIR / "train" / "boilerplate_content.jsonl",
    DATA_DIR / "train" / "boilerplate_furniture.jsonl",
)
MODEL_FILE = DATA_DIR / "models" / "boilerplate.json"
MODEL_RESOURCE = "models/boilerplate.json"
CUES_FILE = "boilerplate.json"
STOPLIST = "English"
N_ARTICLES = 2400
HELDOUT_SHARE = 0.2
REGULARISATION_C = 1.0
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


# --- the predictor -----------------------------------------------------------


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The shipped model (`data/models/boilerplate.json`) with its weights as numpy arrays; read once per process."""
    model = json.loads(resources.files("dateline.data").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8"))
    if tuple(model["features"]) != feature_names():
        raise ValueError(f"{MODEL_FILE.name} was trained on other features: run bench/train_boilerplate.py")
    model["coef_array"] = np.asarray(model["coef"], dtype=float)
    model["intercept_array"] = np.asarray(model["intercept"], dtype=float)
    return model


def probabilities(rows: np.ndarray, model: dict | None = None) -> np.ndarray:
    """Class probabilities (columns in `model["classes"]` order) of feature rows."""
    model = model or load_model()
    scores = rows @ model["coef_array"].T + model["intercept_array"]
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def decide(probs: np.ndarray, model: dict | None = None) -> tuple[list[str], np.ndarray]:
    """Each row's label (content, or its likeliest furniture kind when content is under one half) and P(content)."""
    model = model or load_model()
    classes = model["classes"]
    at = classes.index(CONTENT)
    kinds = probs.copy()
    kinds[:, at] = -1.0
    labels = [CONTENT if p[at] >= 0.5 else classes[int(k.argmax())] for p, k in zip(probs, kinds)]
    return labels, probs[:, at]


def predict(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Label the lines of one article (in order): content or a furniture kind, with P(content) per line."""
    if not texts:
        return [], np.zeros(0)
    return decide(probabilities(article_features(texts)))


# --- training ------------------------------------------------------------------


def sha256(path: Path) -> str:
    """Hex digest of a training file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(paths: Sequence[Path] = TRAINING_FILES) -> list[dict]:
    """The labelled lines of the training files."""
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def compose(rows: list[dict], seed: int, n_articles: int = N_ARTICLES) -> list[list[tuple[str, str]]]:
    """Synthetic articles: content paragraphs in their documents' order, lines that stand alone (furniture, and
    content such as subheadings and list items) inserted where they stand on pages.

    RETURNS (list[list[tuple[str, str]]]): per article, its lines as (text, label).
    """
    rng = np.random.default_rng(seed)
    docs: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    pools: dict[bool, dict[str, list[dict]]] = {True: defaultdict(list), False: defaultdict(list)}
    for row in rows:
        if "where" in row:
            pools[row["label"] != CONTENT][row["where"]].append(row)
        else:
            docs[row["doc"]].append((row["text"], bool(row.get("alone"))))
    doc_ids = sorted(docs)
    articles = []
    for _ in range(n_articles):
        paragraphs = [] if rng.random() < 0.04 else _paragraphs(docs[doc_ids[rng.integers(len(doc_ids))]], rng)
        lines = [(p, CONTENT) for p in paragraphs]
        _insert(lines, pools[False], int(rng.choice([0, 0, 1, 2, 3])), rng)
        n = int(rng.choice([0, 1, 2, 3, 4, 6, 9], p=[0.12, 0.18, 0.2, 0.18, 0.14, 0.1, 0.08]))
        _insert(lines, pools[True], n or (0 if lines else 2), rng)
        articles.append(lines)
    return articles


def _paragraphs(sentences: list[tuple[str, bool]], rng: np.random.Generator) -> list[str]:
    """A run of a document's sentences grouped into paragraphs of one to three; a heading stays a line of its own."""
    i = int(rng.integers(max(len(sentences) - 2, 1)))
    out: list[str] = []
    limit = int(rng.choice([1, 2, 3, 6, 10, 16]))
    while i < len(sentences) and len(out) < limit:
        size = 1 if sentences[i][1] else int(rng.choice([1, 1, 2, 3]))
        group = [text for text, alone in sentences[i : i + size] if not alone] or [sentences[i][0]]
        glue = "" if rng.random() < 0.08 else " "
        out.append(glue.join(group))
        i += max(len(group), 1)
    return out


def _insert(lines: list[tuple[str, str]], pool: dict[str, list[dict]], n: int, rng: np.random.Generator) -> None:
    """Insert `n` lines of the pool, each at the start, the end or anywhere, as its row's `where` says."""
    for _ in range(n):
        where = str(rng.choice(["start", "middle", "end", "any"], p=[0.2, 0.35, 0.3, 0.15]))
        rows = pool[where] or pool["any"] or pool["middle"]
        row = rows[int(rng.integers(len(rows)))]
        at = {"start": int(rng.integers(0, 2)), "end": len(lines) - int(rng.integers(0, 2))}.get(
            row["where"], int(rng.integers(0, len(lines) + 1))
        )
        lines.insert(max(0, min(at, len(lines))), (row["text"], row["label"]))


def _segment_examples(article: list[tuple[str, str]], rng: np.random.Generator) -> list[tuple[int, str, str]]:
    """(line index, segment text, label): last sentences of content lines, furniture lines seen as a line's tail."""
    out = []
    for i, (text, label) in enumerate(article):
        if label == CONTENT:
            parts = re.split(r"(?<=[.!?”\"])\s*(?=[A-Z“\"])", text)
            if len(parts) > 1 and rng.random() < 0.3:
                out.append((i, parts[-1], CONTENT))
        elif len(text) < 90 and rng.random() < 0.3:
            out.append((i, text, label))
    return out


def dataset(articles: list[list[tuple[str, str]]], seed: int) -> tuple[np.ndarray, list[str]]:
    """Feature rows and labels of composed articles: every line, plus line-tail segments in their line's place."""
    rng = np.random.default_rng(seed + 1)
    blocks, labels = [], []
    for article in articles:
        if not article:
            continue
        base = np.array([base_features(t) for t, _ in article], dtype=float)
        blocks.append(features(base))
        labels += [label for _, label in article]
        for i, text, label in _segment_examples(article, rng):
            swapped = base.copy()
            swapped[i] = base_features(text)
            flags = np.zeros(len(article), dtype=bool)
            flags[i] = True
            blocks.append(features(swapped, flags)[i : i + 1])
            labels.append(label)
    return np.vstack(blocks), labels


def _fit(x: np.ndarray, y: list[str]):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=REGULARISATION_C, max_iter=3000).fit(x, y)


def _heldout(articles: list, seed: int) -> dict:
    """Content/furniture precision and recall on a held-out share of the composed articles."""
    cut = int(len(articles) * (1 - HELDOUT_SHARE))
    clf = _fit(*dataset(articles[:cut], seed))
    x, y = dataset(articles[cut:], seed)
    model = {"classes": list(clf.classes_), "coef_array": clf.coef_, "intercept_array": clf.intercept_}
    predicted, _ = decide(probabilities(x, model), model)
    true_f = np.array([t != CONTENT for t in y])
    pred_f = np.array([p != CONTENT for p in predicted])
    tp = int((true_f & pred_f).sum())
    kind_ok = sum(p == t for p, t in zip(predicted, y) if t != CONTENT and p != CONTENT)
    return {
        "lines": len(y),
        "furniture": int(true_f.sum()),
        "precision": round(tp / max(pred_f.sum(), 1), 4),
        "recall": round(tp / max(true_f.sum(), 1), 4),
        "kind_accuracy": round(kind_ok / max(tp, 1), 4),
    }


def train(seed: int = 0) -> dict:
    """Train the classifier on the composed articles and return the JSON-able model.

    seed (int): seeds the composition of the training articles (the fit itself is deterministic).
    RETURNS (dict): classes, feature names, weights, the sha256 of each training file, held-out figures.
    """
    import sklearn

    rows = read_rows()
    articles = compose(rows, seed)
    heldout = _heldout(articles, seed)
    x, y = dataset(articles, seed)
    clf = _fit(x, y)
    return {
        "task": TASK,
        "about": "Multinomial logistic regression over page-furniture line features (learn/boilerplate.py).",
        "seed": seed,
        "trainer": f"scikit-learn {sklearn.__version__} LogisticRegression(C={REGULARISATION_C}, lbfgs)",
        "training_files": {p.relative_to(DATA_DIR).as_posix(): sha256(p) for p in TRAINING_FILES},
        "n_examples": len(y),
        "heldout": heldout,
        "classes": list(clf.classes_),
        "features": list(feature_names()),
        "coef": [[round(float(w), 6) for w in row] for row in clf.coef_],
        "intercept": [round(float(b), 6) for b in clf.intercept_],
    }


def write_model(model: dict, path: Path = MODEL_FILE) -> Path:
    """Write a trained model where the package loads it from."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
