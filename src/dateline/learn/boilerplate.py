"""The page-furniture line classifier: training, and the predictor used at read time.

A multinomial logistic regression over per-line features decides whether a
line of an article is content or furniture of some kind (link, signup,
advert, ...), over the features of `boilerplate_features` (jusText's
length and stopword density, neighbours, capitals, position, cue phrases).
Weights ship as JSON (`data/models/boilerplate.json`); inference
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
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .boilerplate_features import (
    article_features,
    base_features,
    cue_matches,
    dateline_prefix,
    feature_names,
    features,
)

__all__ = [
    "CONTENT",
    "article_features",
    "base_features",
    "cue_matches",
    "dateline_prefix",
    "decide",
    "feature_names",
    "features",
    "predict",
    "probabilities",
    "train",
    "write_model",
]

TASK = "boilerplate"
CONTENT = "content"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
TRAINING_FILES: tuple[Path, ...] = (
    DATA_DIR / "train" / "boilerplate_content.jsonl",
    DATA_DIR / "train" / "boilerplate_furniture.jsonl",
)
MODEL_FILE = DATA_DIR / "models" / "boilerplate.json"
MODEL_RESOURCE = "models/boilerplate.json"
N_ARTICLES = 2400
HELDOUT_SHARE = 0.2
REGULARISATION_C = 1.0


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
