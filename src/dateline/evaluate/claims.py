"""Attributions against PolNeAR gold (source, cue, content), as citron scores them.

Each element is scored on its own: a predicted element matches a gold one
exactly when their extents (first to last character of all fragments) are
equal, partially when any fragments overlap; matching is one-to-one. Keys:
`<element>_{p,r,f1}_{exact,partial}` for source, cue, content, and n_gold
(attributions in the first annotator's layer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .corpus import extract, gold_rows
from .metrics import Span, any_overlap, envelope, gold_date, match_one_to_one, prf

ELEMENTS = ("source", "cue", "content")
Attribution = dict[str, list[Span] | None]  # element -> fragments (None when absent)


@dataclass
class ClaimDoc:
    id: str
    text: str
    date: dt.date
    attributions: list[Attribution]


def load_gold(path: str, limit: int | None = None, half: str | None = None) -> list[ClaimDoc]:
    docs = []
    for row in gold_rows(path, limit, half):
        layer = row["annotations"][0]["attributions"] if row.get("annotations") else []
        attributions = [{e: ([tuple(s) for s in a[e]["spans"]] if a.get(e) else None) for e in ELEMENTS} for a in layer]
        docs.append(ClaimDoc(row["id"], row["text"], gold_date(row.get("date")), attributions))
    return docs


def predict(docs: Sequence[ClaimDoc]) -> list[list[Attribution]]:
    return [as_attributions(record.claims) for record in extract((d.id, d.text, d.date) for d in docs)]


def as_attributions(claims) -> list[Attribution]:
    """Claims as PolNeAR attributions.

    Claims that share a cue are one attribution whose content has several fragments.
    """
    by_cue: dict[tuple, Attribution] = {}
    out: list[Attribution] = []
    for claim in claims:
        content = tuple(claim.content.span)
        if claim.cue is not None and tuple(claim.cue.span) in by_cue:
            by_cue[tuple(claim.cue.span)]["content"].append(content)
            continue
        attribution = {
            "source": [tuple(claim.speaker.span)] if claim.speaker else None,
            "cue": [tuple(claim.cue.span)] if claim.cue else None,
            "content": [content],
        }
        if claim.cue is not None:
            by_cue[tuple(claim.cue.span)] = attribution
        out.append(attribution)
    return out


def score(gold: Sequence[Sequence[Attribution]], pred: Sequence[Sequence[Attribution]]) -> dict:
    """Per element, exact and partial P/R/F1 over all documents."""
    result: dict[str, float | int] = {}
    for element in ELEMENTS:
        counts = {"exact": [0, 0], "partial": [0, 0]}
        n_gold = n_pred = 0
        for g_doc, p_doc in zip(gold, pred):
            g_spans = [a[element] for a in g_doc if a.get(element)]
            p_spans = [a[element] for a in p_doc if a.get(element)]
            n_gold += len(g_spans)
            n_pred += len(p_spans)
            exact = match_one_to_one(g_spans, p_spans, lambda g, p: float(envelope(g) == envelope(p)))
            partial = match_one_to_one(g_spans, p_spans, lambda g, p: float(any_overlap(g, p)))
            counts["exact"][0] += len(exact)
            counts["partial"][0] += len(partial)
        for mode, (tp, _) in counts.items():
            m = prf(tp, n_pred, tp, n_gold)
            for key in ("p", "r", "f1"):
                result[f"{element}_{key}_{mode}"] = m[key]
    result["n_gold"] = sum(len(g) for g in gold)
    result["n_pred"] = sum(len(p) for p in pred)
    return result


def evaluate(path: str, limit: int | None = None, half: str | None = None) -> dict:
    docs = load_gold(path, limit, half)
    return score([d.attributions for d in docs], predict(docs))
