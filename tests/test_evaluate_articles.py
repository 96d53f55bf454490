"""`dateline eval articles` and the dev-set halves, on hand-made gold and records.

The article texts below are invented for these tests.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.errors import EvalError
from dateline.evaluate import articles, default_gold, run_eval, seed
from dateline.evaluate.corpus import gold_rows
from dateline.evaluate.halves import HALVES, half_of, in_half
from dateline.schema import Actor, Article, Claim, Evidence, Place, Record, Time

# Invented texts.
TEXT_A = "Shelling hit Bakhmut on Friday, officials in Kyiv said."
TEXT_B = "A convoy reached Odesa on Monday."


def _span(text: str, piece: str) -> dict:
    start = text.index(piece)
    return {"span": (start, start + len(piece)), "text": piece}


def _record(text: str, places: list[Place], times: list[Time]) -> Record:
    article = Article(id="t", published=dt.date(2023, 5, 13), text=text)
    return Record(article=article, places=places, times=times, pipeline_version="test")


def _gold_a() -> dict:
    return {
        "places": [{"evidence": "hit Bakhmut", "name": "Bakhmut", "lat": 48.59, "lon": 37.99, "tol_km": 10}],
        "times": [{"evidence": "on Friday", "value": "2023-05-12", "type": "DATE"}],
    }


def _gold_b() -> dict:
    return {
        "places": [{"evidence": "reached Odesa", "name": "Odesa", "lat": 46.48, "lon": 30.73, "tol_km": 10}],
        "times": [{"evidence": "on Monday", "value": "2023-05-08", "type": "DATE"}],
    }


def _score(gold: dict, record: Record) -> dict:
    prediction = seed.SeedPrediction(record, sentences=[(0, len(record.article.text))])
    return articles.score_all([(gold, record.article.text)], [prediction])[0]


def test_articles_place_outside_tolerance_does_not_match():
    near = _record(TEXT_A, [Place(**_span(TEXT_A, "Bakhmut"), lat=48.62, lon=38.0)], [])
    far = _record(TEXT_A, [Place(**_span(TEXT_A, "Bakhmut"), lat=48.59, lon=38.30)], [])  # about 23 km east
    assert _score(_gold_a(), near)["places_found"] == 1
    assert (_score(_gold_a(), far)["places_found"], _score(_gold_a(), far)["places_spurious"]) == (0, 1)


def test_articles_only_location_places_are_counted():
    places = [
        Place(**_span(TEXT_A, "Bakhmut"), lat=48.6, lon=38.0),
        Place(**_span(TEXT_A, "Kyiv"), lat=50.45, lon=30.52, role="metonym"),
    ]
    result = _score(_gold_a(), _record(TEXT_A, places, []))
    assert (result["places_found"], result["places_spurious"]) == (1, 0)
    unfiltered = seed.score(_gold_a(), TEXT_A, seed.SeedPrediction(_record(TEXT_A, places, []), [(0, len(TEXT_A))]))
    assert unfiltered["places_spurious"] == 1  # `eval seed` keeps counting every place, as before


def test_articles_micro_average_sums_counts_over_articles():
    record_a = _record(
        TEXT_A,
        [Place(**_span(TEXT_A, "Bakhmut"), lat=48.6, lon=38.0)],
        [Time(**_span(TEXT_A, "Friday"), type="DATE", value="2023-05-12")],
    )
    record_b = _record(
        TEXT_B,
        [Place(**_span(TEXT_B, "Odesa"), lat=50.0, lon=30.7), Place(**_span(TEXT_B, "convoy"), lat=46.5, lon=30.7)],
        [Time(**_span(TEXT_B, "Monday"), type="DATE", value="2023-05-01")],
    )
    metrics = articles.micro([_score(_gold_a(), record_a), _score(_gold_b(), record_b)])
    assert metrics["n_articles"] == 2
    assert (metrics["places_gold"], metrics["places_pred"]) == (2, 3)
    assert metrics["places_p"] == pytest.approx(1 / 3)  # macro over the articles would give (1 + 0) / 2
    assert metrics["places_r"] == pytest.approx(1 / 2)
    assert metrics["places_f1"] == pytest.approx(0.4)
    assert (metrics["times_p"], metrics["times_r"]) == (0.5, 0.5)  # Monday resolved to the wrong week
    assert metrics["contradictions_p"] == metrics["contradictions_f1"] == 0.0


def test_articles_micro_keys_are_the_contract():
    keys = set(articles.micro([]))
    parts = ("places", "times", "actors", "claims", "events", "counts", "contradictions")
    assert keys == {f"{p}_{k}" for p in parts for k in ("p", "r", "f1", "gold", "pred")} | {"n_articles"}


def test_half_split_is_deterministic_disjoint_and_complete():
    ids = [f"invented-doc-{i}" for i in range(200)]
    halves = {h: list(in_half(ids, h, key=str)) for h in HALVES}
    assert not set(halves["read"]) & set(halves["score"])
    assert sorted(halves["read"] + halves["score"]) == sorted(ids)
    assert 60 < len(halves["read"]) < 140
    assert [half_of(i) for i in ids] == [half_of(i) for i in ids]
    assert list(in_half(ids, None, key=str)) == ids
    # Fixed by the SHA-1 of the id: these must never move, or a read half would leak into the score half.
    assert [half_of(f"invented-doc-{i}") for i in range(3)] == ["score", "read", "score"]


def test_half_unknown_is_a_coded_error():
    with pytest.raises(EvalError, match="E402"):
        list(in_half(["a"], "train", key=str))


def test_gold_rows_half_then_limit(tmp_path):
    path = tmp_path / "invented.jsonl"
    path.write_text("".join(json.dumps({"id": f"invented-doc-{i}"}) + "\n" for i in range(30)), encoding="utf-8")
    read = [r["id"] for r in gold_rows(str(path), half="read")]
    score = [r["id"] for r in gold_rows(str(path), half="score")]
    assert sorted(read + score) == sorted(r["id"] for r in gold_rows(str(path)))
    assert [r["id"] for r in gold_rows(str(path), limit=2, half="read")] == read[:2]


def _corpus_gold(tmp_path, article_id: str = "invented-1") -> str:
    """A shared-folder layout in tmp_path: a JSONL corpus and a gold file two folders below."""
    (tmp_path / "data" / "corpus").mkdir(parents=True)
    (tmp_path / "data" / "corpus" / "c.jsonl").write_text(
        json.dumps({"id": "invented-1", "date": "2023-05-08", "text": TEXT_B}) + "\n", encoding="utf-8"
    )
    (tmp_path / "gold" / "articles").mkdir(parents=True)
    gold = {
        "schema": "dateline-gold/1",
        **_gold_b(),
        "article": {"id": article_id, "file": "data/corpus/c.jsonl", "published": "2023-05-08"},
    }
    path = tmp_path / "gold" / "articles" / "x.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return str(path)


def test_load_gold_reads_the_text_from_a_jsonl_corpus(tmp_path):
    gold, text = seed.load_gold(_corpus_gold(tmp_path))
    assert text == TEXT_B
    assert seed.locate(text, gold["places"][0]["evidence"]) == (9, 22)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"article": {"id": "a", "file": "x.txt"}}'])
def test_unreadable_gold_is_a_coded_error_naming_the_file(tmp_path, content):
    path = tmp_path / "broken.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=r"E401.*broken\.gold\.json"):
        articles.load([str(path)])


def test_gold_whose_article_is_not_in_the_corpus_is_a_coded_error(tmp_path):
    with pytest.raises(EvalError, match="E401.*'invented-2' is not in"):
        seed.load_gold(_corpus_gold(tmp_path, "invented-2"))


def test_gold_item_without_what_matching_reads_is_a_coded_error(tmp_path):
    path = Path(_corpus_gold(tmp_path))
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["times"][0].pop("value")
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(EvalError, match=r"E401.*times\[0\] has no value"):
        seed.load_gold(str(path))


def test_articles_empty_half_is_a_coded_error(tmp_path):
    path = _corpus_gold(tmp_path)
    other = "score" if half_of("invented-1") == "read" else "read"
    assert len(articles.load([path], half_of("invented-1"))) == 1
    with pytest.raises(EvalError, match="E403"):
        articles.load([path], other)


def test_articles_default_gold_and_halves(shared, monkeypatch):
    monkeypatch.setenv("DATELINE_SHARED", str(shared))
    files = default_gold("articles")
    assert len(files) == 17 and files[-1].endswith("2023-05-13-afp-bakhmut.gold.json")
    ids = {h: sorted(g["article"]["id"] for g, _ in articles.load(files, h)) for h in HALVES}
    assert (len(ids["read"]), len(ids["score"])) == (8, 9)
    assert "2023-05-13-afp-bakhmut" in ids["score"]


def test_eval_articles_cli_json(shared, nlp, monkeypatch):
    monkeypatch.setenv("DATELINE_SHARED", str(shared))
    gold = str(shared / "gold" / "2023-05-13-afp-bakhmut.gold.json")
    result = CliRunner().invoke(main, ["eval", "articles", "--gold", gold, "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(metrics) == set(articles.micro([]))
    assert metrics["n_articles"] == 1
    assert all(0 <= metrics[f"{p}_f1"] <= 1 for p in articles.PARTS)
    assert run_eval("seed", [gold], half="score")  # the seed is in the score half


def test_actor_with_empty_gold_country_matches_one_without_country():
    text = "Alliance ministers met in Brussels."  # invented
    gold = {"actors": [{"evidence": "Alliance ministers", "name": "NATO", "country": "", "sector": "IGO"}]}
    actor = Actor(**_span(text, "Alliance"), name="NATO", kind="organisation", sector="IGO")
    record = Record(
        article=Article(id="t", published=dt.date(2023, 5, 13), text=text), actors=[actor], pipeline_version="test"
    )
    assert _score(gold, record)["actors_found"] == 1
    record.actors[0].sector = "GOV"
    assert _score(gold, record)["actors_found"] == 0


def test_claim_speaker_may_overlap_any_listing_of_the_gold_actor():
    text = "Kyiv said the bridge was hit. Later, officials in Kyiv said repairs began."  # invented
    name = "Government of Ukraine"
    gold = {
        "actors": [
            {"evidence": "Kyiv said the", "name": name, "country": "UKR", "sector": "GOV"},
            {"evidence": "officials in Kyiv", "name": name, "country": "UKR", "sector": "GOV"},
        ],
        "claims": [{"id": "C1", "speaker": name, "evidence": "the bridge was hit"}],
    }
    claim = Claim(
        **_span(text, "the bridge was hit"),
        speaker=Evidence(**_span(text, "Kyiv")),
        content=Evidence(**_span(text, "the bridge was hit")),
    )
    record = Record(
        article=Article(id="t", published=dt.date(2023, 5, 13), text=text), claims=[claim], pipeline_version="test"
    )
    assert _score(gold, record)["claims_found"] == 1
    gold["actors"] = gold["actors"][1:]
    assert _score(gold, record)["claims_found"] == 0  # the speaker is not that listing and not named so
