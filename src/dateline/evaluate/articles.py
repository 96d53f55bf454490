"""Whole articles against `dateline-gold/1` files, micro-averaged over the articles.

Every gold file is matched part by part with the seed's rules (`seed.match`,
the one implementation of the `matching` section); found, gold and predicted
items are summed over the articles before precision and recall are taken.
Places: only predicted places with role `location` are scored (the gold lists
locations only). Keys, for each part in places, times, actors, claims, events,
counts, contradictions: `<part>_p`, `<part>_r`, `<part>_f1`, `<part>_gold`,
`<part>_pred`; and `n_articles`.

>>> a = {"times_found": 1, "times_gold": 2, "times_spurious": 0}
>>> b = {"times_found": 1, "times_gold": 2, "times_spurious": 2}
>>> micro([a, b])["times_p"]  # 2 found of 4 predicted; the mean of the two articles' precisions would be 0.67
0.5
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import Errors, EvalError
from . import seed
from .halves import in_half
from .metrics import prf

PARTS = seed.PARTS
PLACE_ROLES = frozenset({"location"})


def load(paths: Sequence[str], half: str | None = None, limit: int | None = None) -> list[tuple[dict, str]]:
    """Gold and text of each gold file whose article is in `half` (every file when None), the first `limit`.

    paths (Sequence[str]): `dateline-gold/1` files.
    half (str | None): "read", "score" or None; by the article id (see `halves`).
    limit (int | None): keep the first N of them.
    RETURNS (list[tuple[dict, str]]): as `seed.load_gold` returns them.
    """
    golds = list(in_half((seed.load_gold(p) for p in paths), half, key=lambda g: str(g[0]["article"]["id"])))
    if not golds:
        raise EvalError(Errors.E403.format(n=len(paths), half=half, paths=", ".join(paths)))
    return golds[:limit] if limit else golds


def micro(results: Sequence[Mapping[str, int]]) -> dict[str, float | int]:
    """Per part P/R/F1 over the summed counts of several `seed.score` results.

    results (Sequence[Mapping[str, int]]): `<part>_found`, `<part>_gold`, `<part>_spurious` per article.
    RETURNS (dict[str, float | int]): `<part>_{p,r,f1,gold,pred}` for every part, and `n_articles`.
    """
    out: dict[str, float | int] = {}
    for part in PARTS:
        found = sum(r.get(f"{part}_found", 0) for r in results)
        gold = sum(r.get(f"{part}_gold", 0) for r in results)
        pred = found + sum(r.get(f"{part}_spurious", 0) for r in results)
        m = prf(found, pred, found, gold)
        out.update(
            {
                f"{part}_p": m["p"],
                f"{part}_r": m["r"],
                f"{part}_f1": m["f1"],
                f"{part}_gold": gold,
                f"{part}_pred": pred,
            }
        )
    out["n_articles"] = len(results)
    return out


def score_all(golds: Sequence[tuple[dict, str]], predictions: Sequence[seed.SeedPrediction]) -> list[dict]:
    """`seed.score` of each article, places limited to locations."""
    return [seed.score(g, t, p, place_roles=PLACE_ROLES) for (g, t), p in zip(golds, predictions)]


def evaluate(paths: Sequence[str], limit: int | None = None, half: str | None = None) -> dict:
    """Score the pipeline on every gold file, all articles in one `nlp.pipe` run.

    paths (Sequence[str]): `dateline-gold/1` files.
    limit (int | None): score only the first N articles (after the half is chosen).
    half (str | None): "read", "score" or None for all.
    RETURNS (dict): micro-averaged metrics, see the module docstring.
    """
    golds = load(paths, half, limit)
    return micro(score_all(golds, seed.predict_all(golds)))
