"""Toponyms against LGL, GeoWebNews and TR-News gold.

Gold for geocoding: toponyms with coordinates that are not marked
non-locational (metonyms included). Keys:
- recall: share of gold toponyms that a predicted place overlaps;
- acc_161: of those, share whose predicted point is within 161 km (100 miles);
- acc_161_all: within 161 km over all gold (unfound counted wrong);
- acc_25, acc_25_all: the same within 25 km (the distance of a town, for event data);
- mean_km, median_km: error of the found ones that have a predicted point;
- ner_p, ner_r, ner_f1: recognition of the gold toponyms by overlap: every
  locational one, with or without coordinates, except GeoWebNews spans typed
  as expressions, non-toponyms, homonyms or languages ("the area", "Paris
  Hilton");
- n_gold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .corpus import extract, gold_rows
from .metrics import gold_date, haversine_km, median, overlap, overlaps, prf, safe_div

ACC_KM = 161.0
TOWN_KM = 25.0
NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Homonym", "Language"})
GeoItem = tuple[int, int, float | None, float | None]  # start, end, lat, lon


@dataclass
class GeoDoc:
    id: str
    text: str
    date: dt.date
    located: list[GeoItem]
    toponyms: list[GeoItem]


def load_gold(path: str, limit: int | None = None, half: str | None = None) -> list[GeoDoc]:
    docs = []
    for row in gold_rows(path, limit, half):
        locational = [t for t in row["toponyms"] if not t.get("non_locational", False)]
        located = [
            (t["start"], t["end"], t["lat"], t["lon"])
            for t in locational
            if t.get("lat") is not None and t.get("lon") is not None
        ]
        items = [
            (t["start"], t["end"], t.get("lat"), t.get("lon"))
            for t in locational
            if t.get("type", "Literal") not in NOT_TOPONYMS
        ]
        docs.append(GeoDoc(row["id"], row["text"], gold_date(row.get("date")), located, items))
    return docs


def predict(docs: Sequence[GeoDoc]) -> list[list[GeoItem]]:
    records = extract((d.id, d.text, d.date) for d in docs)
    return [[(m.span[0], m.span[1], p.lat, p.lon) for p in r.places for m in (p.mentions or [p])] for r in records]


def score(
    located: Sequence[Sequence[GeoItem]], toponyms: Sequence[Sequence[GeoItem]], pred: Sequence[Sequence[GeoItem]]
) -> dict:
    """Score predicted places: geocoding against `located`, recognition against `toponyms`."""
    n_gold = sum(len(g) for g in located)
    found = within = near = 0
    errors: list[float] = []
    for g_doc, p_doc in zip(located, pred):
        for g in g_doc:
            best = max(p_doc, key=lambda p: overlap(g[:2], p[:2]), default=None)
            if best is None or not overlaps(g[:2], best[:2]):
                continue
            found += 1
            if best[2] is None or best[3] is None:
                continue
            km = haversine_km(g[2], g[3], best[2], best[3])
            errors.append(km)
            within += km <= ACC_KM
            near += km <= TOWN_KM
    n_top = sum(len(t) for t in toponyms)
    n_pred = sum(len(p) for p in pred)
    tp_pred = sum(any(overlaps(p[:2], t[:2]) for t in t_doc) for t_doc, p_doc in zip(toponyms, pred) for p in p_doc)
    tp_gold = sum(any(overlaps(p[:2], t[:2]) for p in p_doc) for t_doc, p_doc in zip(toponyms, pred) for t in t_doc)
    ner = prf(tp_pred, n_pred, tp_gold, n_top)
    return {
        "recall": safe_div(found, n_gold),
        "acc_161": safe_div(within, found),
        "acc_161_all": safe_div(within, n_gold),
        "acc_25": safe_div(near, found),
        "acc_25_all": safe_div(near, n_gold),
        "mean_km": safe_div(sum(errors), len(errors)),
        "median_km": median(errors),
        "ner_p": ner["p"],
        "ner_r": ner["r"],
        "ner_f1": ner["f1"],
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


def evaluate(path: str, limit: int | None = None, half: str | None = None) -> dict:
    docs = load_gold(path, limit, half)
    return score([d.located for d in docs], [d.toponyms for d in docs], predict(docs))
