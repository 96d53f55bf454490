import io
import json

import pandas as pd
import pytest

from dateline.export import ACLED_COLUMNS, FORMATS, GKG_COLUMNS, export, to_text
from dateline.ingest import ingest
from dateline.lexicon import load_json
from dateline.read import read_paths
from dateline.store import Store

from .conftest import EXAMPLES, N_EXAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    with Store(tmp_path_factory.mktemp("export") / "ex.duckdb") as store:
        ingest(read_paths([EXAMPLES]), store)
        yield store


def _events(store):
    columns, rows = store.query(
        "SELECT e.article_id, e.idx, e.cameo, p.lat, p.lon, e.acled_event_type FROM events e "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place ORDER BY e.article_id, e.idx"
    )
    return [dict(zip(columns, r)) for r in rows]


def test_export_gkg_has_27_columns_and_the_tone(store):
    frame = pd.read_csv(
        io.StringIO(to_text(store, "gdelt-gkg")),
        sep="\t",
        header=None,
        names=GKG_COLUMNS,
        dtype=str,
        keep_default_na=False,
    )
    tones = [t for (t,) in store.query("SELECT tone_tone FROM articles")[1]]
    assert len(frame) == N_EXAMPLES
    for _, row in frame.iterrows():
        tone = float(row["V2Tone"].split(",")[0])
        assert any(abs(tone - t) < 1e-3 for t in tones)
    assert frame["V2Locations"].str.contains("#").any()


def test_export_acled_csv(store):
    frame = pd.read_csv(io.StringIO(to_text(store, "acled")), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ACLED_COLUMNS
    types = load_json("acled.json")["event_types"]
    assert all(row.sub_event_type in types[row.event_type] for row in frame.itertuples())
    # mentions ACLED cannot code (no country, no actor for a strategic development) are skipped
    assert 0 < len(frame) <= sum(1 for e in _events(store) if e["acled_event_type"])


def test_export_acled_notes_are_whole_sentences_of_the_text(store):
    """Each row's notes is the event's sentence as the article has it, the first sentence of a text included."""
    frame = pd.read_csv(io.StringIO(to_text(store, "acled")), dtype=str, keep_default_na=False)
    texts = [row[0] for row in store.query("SELECT text FROM articles")[1]]
    assert len(frame)
    for notes in frame["notes"]:
        assert any(notes in text for text in texts), notes
        assert notes[:1].isupper() or notes[:1].isdigit() or not notes[:1].isalpha(), notes


def test_export_geojson(store):
    collection = json.loads(to_text(store, "geojson"))
    located = [e for e in _events(store) if e["lat"] is not None]
    assert len(collection["features"]) == len(located)
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert (lat, lon) == (located[0]["lat"], located[0]["lon"])


def test_export_jsonl_and_claims(store):
    records = [json.loads(line) for line in to_text(store, "jsonl").splitlines()]
    assert len(records) == N_EXAMPLES
    record = records[0]
    for part in ("places", "times", "counts"):
        for item in record[part]:
            start, end = item["span"]
            assert record["article"]["text"][start:end] == item["text"]
    claims = [json.loads(line) for line in to_text(store, "claims").splitlines()]
    assert len(claims) == store.query("SELECT count(*) FROM claims")[1][0][0]
    assert all("content" in c and "speaker_name" in c for c in claims)


def test_export_parquet(store, tmp_path):
    export(store, "parquet", tmp_path / "parts")
    articles = pd.read_parquet(tmp_path / "parts" / "articles.parquet")
    assert len(articles) == N_EXAMPLES and (tmp_path / "parts" / "events.parquet").exists()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_every_registered_format_writes(store, tmp_path, fmt):
    target = tmp_path / fmt
    if FORMATS[fmt].folder:
        n = export(store, fmt, target)
        written = list(target.iterdir())
        assert n == len(written) > 0 and all(path.stat().st_size > 0 for path in written)
    else:
        with open(target, "w", encoding="utf-8", newline="") as out:
            n = export(store, fmt, out)
        assert n > 0 and target.stat().st_size > 0
    assert FORMATS[fmt].description


def test_export_cli_offers_the_registered_formats():
    from dateline.cli import export as command

    (option,) = [p for p in command.params if p.name == "fmt"]
    assert list(option.type.choices) == list(FORMATS)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2023-05-12", "2023-05-12"),
        ("2023-05-12TMO", "2023-05-12TMO"),
        ("2023-05", "2023-05-13"),
        ("2022-W05-WE", "2023-05-13"),
        ("PRESENT_REF", "2023-05-13"),
        (None, "2023-05-13"),
    ],
)
def test_export_event_date_takes_a_day_or_the_publication_date(date, expected):
    import datetime as dt

    from dateline.export.common import event_date

    assert event_date(date, dt.date(2023, 5, 13)) == expected
