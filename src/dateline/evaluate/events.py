"""Events against ACLED-coded notes and CASE 2021 Task 2 snippets.

ACLED (`acled_ukraine_sample`): each note is run as an article dated by its
`event_date`; the gold row is compared with the most confident predicted
event. Rates are over all gold rows (no event counts wrong): found, type_acc,
subtype_acc, actor1_acc, actor2_acc (names normalised: case, punctuation and
a parenthesised period such as "(2019-)" ignored; an empty gold actor2 is
matched by no target), loc_25km, geo_precision_acc, fatalities_exact (no
event means 0), fatalities_exact_nonzero (over rows whose gold fatalities >
0), date_exact, n_gold.

CASE (`case2021_task2`): the most confident event's ACLED sub-event type is
mapped to the CASE label (package data `acled.json`); keys subtype_macro_f1
(macro-averaged over the gold labels), subtype_acc, n_gold.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import load_json
from .corpus import extract, gold_rows
from .metrics import gold_date, haversine_km, safe_div

NO_LABEL = "NONE"


@dataclass
class EventDoc:
    id: str
    text: str
    date: dt.date
    gold: dict


def is_case(path: str) -> bool:
    with open(path, encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    return "label" in first and "event_type" not in first


def load_gold(path: str, limit: int | None = None, half: str | None = None) -> list[EventDoc]:
    return [
        EventDoc(
            row["id"],
            row.get("notes") or row.get("text") or "",
            gold_date(row.get("event_date"), dt.date(2021, 1, 1)),
            row,
        )
        for row in gold_rows(path, limit, half)
    ]


def predict(docs: Sequence[EventDoc]) -> list[dict | None]:
    """The most confident event of each document, flattened to ACLED's fields."""
    return [best_event(record) for record in extract((d.id, d.text, d.date) for d in docs)]


def best_event(record) -> dict | None:
    if not record.events:
        return None
    event = max(record.events, key=lambda e: (e.confidence, -e.span[0]))  # ties: the first told
    actor = lambda i: (record.actors[i].acled_name or record.actors[i].name) if i is not None else None  # noqa: E731
    place = record.places[event.place] if event.place is not None else None
    # An ACLED note is one event told in several sentences ("Russian forces shelled X. A civilian was killed."):
    # its fatalities are the deaths counted anywhere in the note's violent event mentions, each count once.
    violent = {i for e in record.events if e.plover == "ASSAULT" and e.status != "denied" for i in e.counts}
    killed = [record.counts[i].fatalities or 0 for i in sorted(violent) if record.counts[i].what == "killed"]
    return {
        "plover": event.plover,
        "category": event.category,
        "event_type": event.acled_event_type,
        "sub_event_type": event.acled_sub_event_type,
        "actor1": actor(event.source_actor),
        "actor2": actor(event.target_actor),
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": event.geo_precision or (place.precision if place else None),
        "fatalities": int(sum(killed)) if killed else 0,
        "date": event.date,
    }


def normalise_actor(name: str | None) -> str:
    if not name:
        return ""
    name = re.sub(r"\([^)]*\)", " ", name.lower())
    return " ".join(re.findall(r"[a-z0-9]+", name))


def score_acled(gold: Sequence[dict], pred: Sequence[dict | None]) -> dict:
    """ACLED-field agreement of each gold row with its predicted event."""
    n = len(gold)
    tallies = dict.fromkeys(("found", "type", "subtype", "actor1", "actor2", "loc", "prec", "fat", "date"), 0)
    nonzero = nonzero_ok = 0
    for g, p in zip(gold, pred):
        fatalities = int(g.get("fatalities") or 0)
        predicted_fatalities = p["fatalities"] if p else 0
        nonzero += fatalities > 0
        nonzero_ok += fatalities > 0 and predicted_fatalities == fatalities
        tallies["fat"] += predicted_fatalities == fatalities
        if p is None:
            continue
        tallies["found"] += 1
        tallies["type"] += p["event_type"] == g["event_type"]
        tallies["subtype"] += p["sub_event_type"] == g["sub_event_type"]
        tallies["actor1"] += normalise_actor(p["actor1"]) == normalise_actor(g.get("actor1"))
        tallies["actor2"] += normalise_actor(p["actor2"]) == normalise_actor(g.get("actor2"))
        if p["lat"] is not None and g.get("latitude") is not None:
            tallies["loc"] += haversine_km(g["latitude"], g["longitude"], p["lat"], p["lon"]) <= 25
        tallies["prec"] += p["geo_precision"] == g.get("geo_precision")
        tallies["date"] += (p["date"] or "")[:10] == g["event_date"][:10]
    return {
        "found": safe_div(tallies["found"], n),
        "type_acc": safe_div(tallies["type"], n),
        "subtype_acc": safe_div(tallies["subtype"], n),
        "actor1_acc": safe_div(tallies["actor1"], n),
        "actor2_acc": safe_div(tallies["actor2"], n),
        "loc_25km": safe_div(tallies["loc"], n),
        "geo_precision_acc": safe_div(tallies["prec"], n),
        "fatalities_exact": safe_div(tallies["fat"], n),
        "fatalities_exact_nonzero": safe_div(nonzero_ok, nonzero),
        "date_exact": safe_div(tallies["date"], n),
        "n_gold": n,
    }


def case_label(event: dict | None) -> str:
    """The CASE 2021 label of an event: from its ACLED sub-event type, else its category or PLOVER type."""
    if event is None:
        return NO_LABEL
    if event.get("sub_event_type"):
        return load_json("acled.json")["case_labels"].get(event["sub_event_type"], NO_LABEL)
    maps = load_json("events.json")
    return maps["case_categories"].get(event.get("category") or "") or maps["case_plover"].get(
        event.get("plover") or "", NO_LABEL
    )


def score_case(gold_labels: Sequence[str], pred_labels: Sequence[str]) -> dict:
    """Accuracy and F1 macro-averaged over the labels present in the gold."""
    labels = sorted(set(gold_labels))
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold_labels, pred_labels))
        p_n = sum(p == label for p in pred_labels)
        g_n = sum(g == label for g in gold_labels)
        prec, rec = safe_div(tp, p_n), safe_div(tp, g_n)
        f1s.append(safe_div(2 * prec * rec, prec + rec))
    return {
        "subtype_macro_f1": safe_div(sum(f1s), len(f1s)),
        "subtype_acc": safe_div(sum(g == p for g, p in zip(gold_labels, pred_labels)), len(gold_labels)),
        "n_gold": len(gold_labels),
    }


def evaluate(path: str, limit: int | None = None, half: str | None = None) -> dict:
    docs = load_gold(path, limit, half)
    predicted = predict(docs)
    if is_case(path):
        return score_case([d.gold["label"] for d in docs], [case_label(p) for p in predicted])
    return score_acled([d.gold for d in docs], predicted)
