"""Training the models Dateline ships: a registry of tasks, reproducible runs, a check of the shipped files.

A task is a module `dateline.learn.<task>` exposing `TRAINING_FILES` (files under `dateline/data/`, as
relative names such as "train/eventness.jsonl" or as paths) and `train(seed: int = 0) -> dict`, the model as plain JSON
values (CPU only, fixed seeds, seconds to minutes). `train_task` adds the task name, the seed and the sha256 of
every training file; `save` writes it to `dateline/data/models/<task>.json`, which components read at start-up
(`load_model`). `check` retrains every task and compares with the shipped file. Installing never retrains.

>>> sorted(TASKS)  # doctest: +SKIP
['boilerplate', 'eventness']
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from types import ModuleType

import numpy as np

from ..errors import ConfigError, Errors

# task name -> module under dateline.learn; adding a task is one line here
TASKS: dict[str, str] = {
    "anchor": "dateline.learn.anchor",
    "boilerplate": "dateline.learn.boilerplate",
    "claimness": "dateline.learn.claimness",
    "continuation": "dateline.learn.continuation",
    "event_place": "dateline.learn.event_place",
    "eventness": "dateline.learn.eventness",
    "metonymy": "dateline.learn.metonymy",
    "plover_type": "dateline.learn.plover_type",
    "speaker": "dateline.learn.speaker",
    "toponym": "dateline.learn.toponym",
}
MODELS_DIR = "models"
PRECISION = 6  # decimals of the weights a model keeps
TOLERANCE = 1e-5  # weights are stored to 6 decimals; another numpy/BLAS build may round the last one the other way


def task_module(task: str) -> ModuleType:
    """The module that trains `task`."""
    if task not in TASKS:
        raise ConfigError(Errors.E500.format(task=task, choices=", ".join(sorted(TASKS))))
    return importlib.import_module(TASKS[task])


def data_path(name: str) -> Path:
    """A file of the package's data folder (`dateline/data/<name>`)."""
    return Path(str(resources.files("dateline.data").joinpath(name)))


def read_jsonl(name: str) -> list[dict]:
    """The records of a JSONL file of the package's data folder, one per non-blank line."""
    with open(data_path(name), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def vocabulary(rows: list[list[str]], min_count: int) -> list[str]:
    """The feature strings that occur in at least `min_count` rows, sorted: the columns of `matrix`."""
    counts = Counter(name for names in rows for name in set(names))
    return sorted(name for name, n in counts.items() if n >= min_count)


def matrix(rows: list[list[str]], vocab: list[str]) -> np.ndarray:
    """Rows of feature strings as a 0/1 matrix over `vocab` (strings outside it are dropped)."""
    index = {name: i for i, name in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for r, names in enumerate(rows):
        for name in names:
            if name in index:
                x[r, index[name]] = 1.0
    return x


def fit_binary(rows: list[list[str]], labels: list[bool], seed: int, c: float, min_count: int):
    """A binary logistic regression (lbfgs, L2, no intercept: "bias" is a feature string) over the feature strings
    seen in at least `min_count` rows; returns (vocabulary, fitted classifier)."""
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(rows, min_count)
    classifier = LogisticRegression(C=c, max_iter=2000, random_state=seed, fit_intercept=False)
    return vocab, classifier.fit(matrix(rows, vocab), [int(label) for label in labels])


def binary_model(
    vocab: list[str], classifier, *, threshold: float, c: float, data: dict, cross_validation: dict
) -> dict:
    """The JSON values of a `fit_binary` model: its features, weights rounded to `PRECISION` decimals, threshold,
    trainer, the counts of its training data and its cross-validated figures."""
    return {
        "features": vocab,
        "weights": np.round(classifier.coef_[0], PRECISION).tolist(),
        "threshold": threshold,
        "trainer": {"algorithm": "LogisticRegression(lbfgs, L2, no intercept: 'bias' is a feature)", "C": c},
        "data": data,
        "cross_validation": cross_validation,
    }


def out_of_fold(
    rows: list[list[str]], labels: list[bool], groups: list[str], seed: int, c: float, min_count: int, folds: int
) -> list[float]:
    """Each row's probability from the `fit_binary` model trained on the folds that leave its group out (scikit-learn's
    GroupKFold: a passage's or an article's rows are never both trained on and scored)."""
    from sklearn.model_selection import GroupKFold

    probability = [0.0] * len(rows)
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(rows, labels, groups):
        vocab, classifier = fit_binary([rows[i] for i in train_idx], [labels[i] for i in train_idx], seed, c, min_count)
        for i, p in zip(test_idx, classifier.predict_proba(matrix([rows[i] for i in test_idx], vocab))[:, 1]):
            probability[i] = float(p)
    return probability


def binary_rates(labels: list[bool], predicted: list[bool]) -> dict[str, float]:
    """Accuracy, and precision, recall and F1 of the positive answer, each rounded to four decimals."""
    hits = sum(g and p for g, p in zip(labels, predicted))
    precision, recall = hits / max(sum(predicted), 1), hits / max(sum(labels), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(g == p for g, p in zip(labels, predicted)) / max(len(labels), 1)
    return {
        name: round(value, 4) for name, value in zip(("accuracy", "p", "r", "f1"), (accuracy, precision, recall, f1))
    }


class BinaryModel:
    """A shipped binary logistic regression over feature strings (what `fit_binary` fits and a task saves): a weight
    per feature string, an absent one weighing nothing, an optional bias, and the threshold its decision takes.
    Subclasses name the task they load and the decision (`ClaimnessModel.keeps`, `AnchorModel.earlier`, ...)."""

    task = ""

    def __init__(self, weights: dict[str, float], threshold: float = 0.5, bias: float = 0.0) -> None:
        self.weights = weights
        self.threshold = threshold
        self.bias = bias

    @classmethod
    def load(cls, task: str = ""):
        """The shipped model of `task` (default: the subclass's own), read once per component at start-up."""
        model = load_model(task or cls.task)
        weights = dict(zip(model["features"], model["weights"]))
        return cls(weights, model.get("threshold", 0.5), float(model.get("bias", 0.0)))

    def probability(self, names: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) for name in names)
        return float(1.0 / (1.0 + np.exp(-score)))

    def reaches(self, names: Iterable[str]) -> bool:
        """Whether the probability of `names` reaches the threshold."""
        return self.probability(names) >= self.threshold


class MulticlassModel:
    """A shipped multinomial logistic regression over feature strings: a weight per feature string and label, a
    bias per label. Subclasses name the task and the decision (`EventnessModel.label`, `PloverTypeModel.choose`)."""

    task = ""

    def __init__(self, model: dict) -> None:
        self.labels: tuple[str, ...] = tuple(model["labels"])
        self.index = {name: i for i, name in enumerate(model["features"])}
        self.weights = np.asarray(model["weights"], dtype=np.float64)  # features x labels
        self.bias = np.asarray(model["bias"], dtype=np.float64)
        self.model = model

    @classmethod
    def load(cls, task: str = ""):
        """The shipped model of `task` (default: the subclass's own), read once per component at start-up."""
        return cls(load_model(task or cls.task))

    def probabilities(self, names: Iterable[str]) -> dict[str, float]:
        rows = [self.index[n] for n in names if n in self.index]
        scores = self.bias + self.weights[rows].sum(axis=0)
        exp = np.exp(scores - scores.max())
        return dict(zip(self.labels, (exp / exp.sum()).tolist()))


def multiclass_model(labels: Sequence[str], vocab: list[str], classifier, **rest) -> dict:
    """The JSON values of a fitted multinomial scikit-learn LogisticRegression whose classes are indexes into
    `labels`: labels, features, weights (features x labels) and bias rounded to `PRECISION`, and `rest`."""
    order = [list(classifier.classes_).index(i) for i in range(len(labels))]
    return {
        "labels": list(labels),
        "features": vocab,
        "weights": np.round(classifier.coef_[order].T, PRECISION).tolist(),
        "bias": np.round(classifier.intercept_[order], PRECISION).tolist(),
        **rest,
    }


def sha256(name: str) -> str:
    return hashlib.sha256(data_path(name).read_bytes()).hexdigest()


def file_key(name: str | Path) -> str:
    """How a training file is named in a model: its path under `dateline/data/` ("train/eventness.jsonl")."""
    path = Path(name)
    try:
        return path.relative_to(data_path("")).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:
        return str(path)


def train_task(task: str, seed: int = 0) -> dict:
    """Train `task` and return its model with the provenance every shipped model carries.

    task (str): a name in TASKS.
    seed (int): the random seed handed to the task.
    RETURNS (dict): {"task", "seed", "training_files": {path: sha256}, **the task's model}.
    """
    module = task_module(task)
    model = module.train(seed=seed)
    files = {file_key(name): sha256(file_key(name)) for name in module.TRAINING_FILES}
    return {"task": task, "seed": seed, "training_files": files, **model}


def model_path(task: str) -> Path:
    return data_path(f"{MODELS_DIR}/{task}.json")


def save(model: dict) -> Path:
    """Write a trained model as package data; returns its path."""
    path = model_path(model["task"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_model(task: str) -> dict:
    """The shipped model of `task` (read once per component, at start-up)."""
    path = model_path(task)
    if not path.is_file():
        raise ConfigError(Errors.E501.format(task=task, problem="no model file", path=path))
    return json.loads(path.read_text(encoding="utf-8"))


def check(task: str) -> list[str]:
    """What differs between the shipped model of `task` and a retraining from its recorded data (empty: none)."""
    try:
        shipped = load_model(task)
    except ConfigError as err:
        return [str(err)]
    problems = []
    module = task_module(task)
    recorded = shipped.get("training_files", {})
    for name in sorted(set(recorded) | {file_key(n) for n in module.TRAINING_FILES}):
        now = sha256(name) if data_path(name).is_file() else None
        if recorded.get(name) != now:
            problems.append(f"training file {name}: sha256 recorded {recorded.get(name)}, now {now}")
    retrained = train_task(task, seed=shipped.get("seed", 0))
    problems += [f"{where}: shipped {a!r}, retrained {b!r}" for where, a, b in _differences(shipped, retrained)][:10]
    return problems


def _differences(a: object, b: object, where: str = "model") -> list[tuple[str, object, object]]:
    """Where two JSON values differ (numbers within TOLERANCE are equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for key in sorted(set(a) | set(b)) for d in _differences(a.get(key), b.get(key), f"{where}.{key}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{where}[{i}]")]
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
    if numbers and math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE):  # type: ignore[arg-type]
        return []
    return [] if a == b else [(where, _short(a), _short(b))]


def _short(value: object) -> object:
    return f"<list of {len(value)}>" if isinstance(value, list) and len(value) > 5 else value


__all__ = [
    "TASKS",
    "BinaryModel",
    "MulticlassModel",
    "check",
    "fit_binary",
    "load_model",
    "multiclass_model",
    "save",
    "task_module",
    "train_task",
]
