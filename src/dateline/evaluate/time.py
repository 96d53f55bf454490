"""Time expressions against TempEval-3 TIMEX3 gold.

Keys: span_f1_strict, span_f1_relaxed (and their _p/_r), type_acc, value_acc
(over gold timexes matched by overlap), value_f1 (a gold timex counts when an
overlapping prediction has the identical value), n_gold, n_pred.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .corpus import extract, gold_rows
from .metrics import gold_date, match_one_to_one, overlap, prf, safe_div

Timex = tuple[int, int, str, str]  # start, end, type, value


@dataclass
class TimeDoc:
    id: str
    text: str
    dct: dt.date
    timexes: list[Timex]


def load_gold(path: str, limit: int | None = None, half: str | None = None) -> list[TimeDoc]:
    return [
        TimeDoc(
            row["id"],
            row["text"],
            gold_date(row["dct"]),
            [(t["start"], t["end"], t.get("type", ""), t.get("value", "")) for t in row["timexes"]],
        )
        for row in gold_rows(path, limit, half)
    ]


def predict(docs: Sequence[TimeDoc]) -> list[list[Timex]]:
    records = extract((d.id, d.text, d.dct) for d in docs)
    return [[(t.span[0], t.span[1], t.type, t.value) for t in r.times] for r in records]


def score(gold: Sequence[Sequence[Timex]], pred: Sequence[Sequence[Timex]]) -> dict:
    """Score predicted timexes against gold, document by document."""
    n_gold = sum(len(g) for g in gold)
    n_pred = sum(len(p) for p in pred)
    strict = relaxed = type_ok = value_ok = 0
    for g_doc, p_doc in zip(gold, pred):
        strict += len(match_one_to_one(g_doc, p_doc, lambda g, p: float(g[:2] == p[:2])))
        pairs = match_one_to_one(
            g_doc,
            p_doc,
            lambda g, p: overlap(g[:2], p[:2]) + (0.5 if g[3] == p[3] else 0.0) * bool(overlap(g[:2], p[:2])),
        )
        relaxed += len(pairs)
        type_ok += sum(g_doc[gi][2] == p_doc[pi][2] for gi, pi in pairs)
        value_ok += sum(g_doc[gi][3] == p_doc[pi][3] for gi, pi in pairs)
    s, r, v = (
        prf(strict, n_pred, strict, n_gold),
        prf(relaxed, n_pred, relaxed, n_gold),
        prf(value_ok, n_pred, value_ok, n_gold),
    )
    return {
        "span_f1_strict": s["f1"],
        "span_p_strict": s["p"],
        "span_r_strict": s["r"],
        "span_f1_relaxed": r["f1"],
        "span_p_relaxed": r["p"],
        "span_r_relaxed": r["r"],
        "type_acc": safe_div(type_ok, relaxed),
        "value_acc": safe_div(value_ok, relaxed),
        "value_f1": v["f1"],
        "value_p": v["p"],
        "value_r": v["r"],
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


def evaluate(path: str, limit: int | None = None, half: str | None = None) -> dict:
    docs = load_gold(path, limit, half)
    return score([d.timexes for d in docs], predict(docs))
