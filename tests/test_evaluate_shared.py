"""The gold adapters on the real dev files in ../shared (skipped without it)."""

import json

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.evaluate import claims, events, geo, seed, time


def test_time_gold_loads_tempeval(shared):
    docs = time.load_gold(str(shared / "data/tempeval3/dev.jsonl"))
    assert len(docs) == 139
    doc = docs[0]
    assert all(doc.text[s:e] for s, e, _, _ in doc.timexes)
    assert {t[2] for d in docs for t in d.timexes} <= {"DATE", "TIME", "DURATION", "SET"}


@pytest.mark.parametrize("name", ["lgl", "geowebnews", "trnews"])
def test_geo_gold_keeps_located_locational_toponyms(shared, name):
    docs = geo.load_gold(str(shared / f"data/{name}/dev.jsonl"))
    located = [t for d in docs for t in d.located]
    assert located and all(lat is not None and -90 <= lat <= 90 for _, _, lat, _ in located)
    assert sum(len(d.toponyms) for d in docs) >= len(located)


def test_geo_gold_drops_non_locational_and_non_toponym_geowebnews_spans(shared):
    path = shared / "data/geowebnews/dev.jsonl"
    raw = [json.loads(line) for line in path.open()]
    kept = [t for r in raw for t in r["toponyms"] if not t["non_locational"] and t["type"] not in geo.NOT_TOPONYMS]
    docs = geo.load_gold(str(path))
    assert sum(len(d.toponyms) for d in docs) == len(kept)
    assert sum(len(d.located) for d in docs) == sum(
        1 for r in raw for t in r["toponyms"] if not t["non_locational"] and t["lat"] is not None
    )


def test_claims_gold_loads_polnear(shared):
    docs = claims.load_gold(str(shared / "data/polnear/dev.jsonl"))
    assert len(docs) == 504
    attributions = [a for d in docs for a in d.attributions]
    assert len(attributions) > 5000
    assert sum(a["source"] is None for a in attributions) > 0
    assert all(a["cue"] is None or a["cue"][0][0] < a["cue"][0][1] for a in attributions)


def test_events_gold_kinds(shared):
    assert not events.is_case(str(shared / "data/acled_ukraine_sample/dev.jsonl"))
    assert events.is_case(str(shared / "data/case2021_task2/dev.jsonl"))
    labels = {d.gold["label"] for d in events.load_gold(str(shared / "data/case2021_task2/dev.jsonl"))}
    from dateline.lexicon import load_json

    known = set(load_json("acled.json")["case_labels"].values()) | set(
        load_json("acled.json")["case_labels_outside_acled"]
    )
    assert labels <= known


def test_seed_gold_evidence_is_in_the_article(shared):
    gold, text = seed.load_gold(str(shared / "gold/2023-05-13-afp-bakhmut.gold.json"))
    for part in ("places", "times", "actors", "claims", "counts"):
        for item in gold[part]:
            assert seed.locate(text, item["evidence"]) is not None, item["evidence"]


@pytest.mark.parametrize(
    "task, gold, keys",
    [
        (
            "time",
            "data/tempeval3/dev.jsonl",
            ["span_f1_strict", "span_f1_relaxed", "type_acc", "value_acc", "value_f1", "n_gold", "n_pred"],
        ),
        (
            "geo",
            "data/trnews/dev.jsonl",
            [
                "recall",
                "acc_161",
                "acc_161_all",
                "acc_25",
                "acc_25_all",
                "mean_km",
                "median_km",
                "ner_p",
                "ner_r",
                "ner_f1",
                "n_gold",
            ],
        ),
        (
            "claims",
            "data/polnear/dev.jsonl",
            [
                f"{e}_{m}_{k}"
                for e in ("source", "cue", "content")
                for m in ("p", "r", "f1")
                for k in ("exact", "partial")
            ]
            + ["n_gold"],
        ),
        (
            "events",
            "data/acled_ukraine_sample/dev.jsonl",
            [
                "found",
                "type_acc",
                "subtype_acc",
                "actor1_acc",
                "actor2_acc",
                "loc_25km",
                "geo_precision_acc",
                "fatalities_exact",
                "fatalities_exact_nonzero",
                "date_exact",
                "n_gold",
            ],
        ),
        ("events", "data/case2021_task2/dev.jsonl", ["subtype_macro_f1", "subtype_acc", "n_gold"]),
        (
            "seed",
            "gold/2023-05-13-afp-bakhmut.gold.json",
            [f"{p}_{k}" for p in seed.PARTS for k in ("found", "gold", "spurious")],
        ),
    ],
)
def test_eval_cli_json_keys(shared, nlp, task, gold, keys):
    result = CliRunner().invoke(main, ["eval", task, "--gold", str(shared / gold), "--limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(keys) <= set(metrics)
    assert all(
        0 <= metrics[k] <= 1 for k in keys if not k.startswith("n_") and "km" not in k and not k.startswith(seed.PARTS)
    )
