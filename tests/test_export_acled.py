"""The ACLED, GeoJSON and claims exports read back as their layouts say, atomic writes, and the stats and gazetteer
lookup commands."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import dateline
from dateline.cli import main
from dateline.errors import ExportError
from dateline.export import ACLED_COLUMNS, FORMATS, export, to_text
from dateline.export.common import acled_codes, acled_countries, event_day
from dateline.ingest import ingest
from dateline.read import read_paths
from dateline.store import Store
from dateline.text import sentence_bounds

from .conftest import EXAMPLES, N_EXAMPLES

# ACLED's published column list (the codebook's order since the 2023 column changes)
PUBLISHED_ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
    "Southeast Asia", "East Asia", "Middle East", "Europe", "Caucasus and Central Asia", "Central America",
    "South America", "Caribbean", "North America", "Oceania", "Antarctica",
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    with Store(tmp_path_factory.mktemp("export_acled") / "ex.duckdb") as store:
        ingest(read_paths([EXAMPLES]), store)
        yield store


@pytest.fixture(scope="module")
def acled(store):
    return pd.read_csv(io.StringIO(to_text(store, "acled")), dtype=str, keep_default_na=False)


def _mentions(store):
    """(article id, idx) -> the stored mention's date, sentence, place country and publication date."""
    columns, rows = store.query(
        "SELECT e.article_id, e.idx, e.date, e.span_start, e.span_end, a.text, a.published, p.country "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place"
    )
    return {(r[0], r[1]): dict(zip(columns, r)) for r in rows}


def _mention_of(store, event_id):
    article_id, idx = event_id.removeprefix("DL-").rsplit("-", 1)
    return _mentions(store)[(article_id, int(idx))]


def test_acled_has_the_published_columns_and_rows(acled):
    assert ACLED_COLUMNS == PUBLISHED_ACLED_COLUMNS
    assert list(acled.columns) == PUBLISHED_ACLED_COLUMNS
    assert len(acled) > 5 and acled["event_id_cnty"].is_unique


def test_acled_inter_codes_and_interaction_agree(acled):
    inter1, inter2 = acled["inter1"].astype(int), acled["inter2"].astype(int)
    assert inter1.between(1, 8).all()
    # inter2 is 0 only where there is no actor2, as ACLED writes a one-sided event
    assert (inter2.between(1, 8) | ((inter2 == 0) & (acled["actor2"] == ""))).all()
    for a, b, both in zip(inter1, inter2, acled["interaction"].astype(int)):
        assert both == (a * 10 if b == 0 else min(a, b) * 10 + max(a, b))
    assert (acled["actor1"] != "").all()


def test_acled_actors_are_collectives(acled, store):
    people = {n for (n,) in store.query("SELECT name FROM actors WHERE kind = 'person'")[1]}
    named = set(acled["actor1"]) | set(acled["actor2"])
    assert not named & people
    assert named & {"Military Forces of Ukraine", "Military Forces of Russia"}


def test_acled_iso_region_and_country_match(acled):
    by_name = {row[1]: (row[0], row[2]) for row in acled_countries().values()}
    assert by_name["Ukraine"][0] == 804
    for row in acled.itertuples():
        iso, region = by_name[row.country]
        assert row.iso == str(iso) and row.region == region and region in ACLED_REGIONS
    assert "Ukraine" in set(acled["country"]) and not set(acled["country"]) & {"UA", "UKR"}


def test_acled_country_is_the_place_country(acled, store):
    # ACLED's country is where the event took place: every row has a place in a country, and it is that country
    names = {code: row[1] for code, row in acled_countries().items()}
    assert len(acled)
    for row in acled.itertuples():
        country = _mention_of(store, row.event_id_cnty)["country"]
        assert country and row.country == names[country]
        assert row.latitude and row.longitude and row.location


def _place_row(p_country, s_country=None, t_country=None, lat=50.0):
    return {"p_country": p_country, "p_lat": lat, "s_country": s_country, "t_country": t_country}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_place_row("UA", s_country="RUS"), "UA"),  # Russian forces in Kharkiv: Ukraine
        (_place_row("RU", s_country="UKR", t_country="UKR"), "RU"),  # a Ukrainian strike in Belgorod: Russia
        (_place_row(None, s_country="RUS", lat=None), "no place"),  # the actor's country never stands in
        (_place_row(None, t_country="UKR"), "no place in a country"),
        (_place_row("XX"), "no place in a country"),  # a country ACLED does not code
    ],
)
def test_acled_country_comes_from_the_place_only(row, expected):
    from dateline.export.acled import _country_of
    from dateline.export.common import Skipped

    if len(expected) == 2:
        assert _country_of(row) == expected
    else:
        with pytest.raises(Skipped, match=f"^{expected}$"):
            _country_of(row)


def test_acled_admin1_as_acled_names_it(acled):
    admin1 = set(acled["admin1"]) - {""}
    assert admin1 and not {a for a in admin1 if a.endswith(("ska", "zka", " Oblast"))}
    ukraine = set(acled_codes()["admin1"]["UA"].values())
    assert {a for a in acled.loc[acled["country"] == "Ukraine", "admin1"] if a} <= ukraine


def test_acled_dates_are_real_days_with_a_precision(acled, store):
    for row in acled.itertuples():
        assert dt.date.fromisoformat(row.event_date).isoformat() == row.event_date
        assert row.year == row.event_date[:4] and row.time_precision in {"1", "2", "3"}
        mention = _mention_of(store, row.event_id_cnty)
        assert (row.event_date, int(row.time_precision)) == event_day(mention["date"], mention["published"])


@pytest.mark.parametrize(
    ("value", "day", "precision"),
    [
        ("2022-02-14", "2022-02-14", 1),
        ("2022-02-14TNI", "2022-02-14", 1),
        ("2022-W07", "2022-02-17", 2),
        ("2022-W07-WE", "2022-02-19", 2),
        ("2022-02", "2022-02-15", 3),
        ("2022", "2022-07-01", 3),
        ("PRESENT_REF", "2022-03-01", 2),
        ("PXD", "2022-03-01", 2),
        ("2022-W99", "2022-03-01", 2),
        (None, "2022-03-01", 2),
    ],
)
def test_acled_event_day_takes_a_day_inside_the_period(value, day, precision):
    assert event_day(value, dt.date(2022, 3, 1)) == (day, precision)


def test_acled_notes_are_the_stored_sentences_whole(acled, store):
    for row in acled.itertuples():
        mention = _mention_of(store, row.event_id_cnty)
        left, right = sentence_bounds(mention["text"], mention["span_start"], mention["span_end"])
        assert row.notes == mention["text"][left : right + 1].strip()
        assert mention["text"][mention["span_start"] : mention["span_end"]] in row.notes


def test_acled_timestamp_is_unix_time_of_ingest(acled, store):
    ((first, last),) = store.query("SELECT min(ingested_at), max(ingested_at) FROM articles")[1]
    stamps = acled["timestamp"].astype(int)
    assert (stamps >= int(first.replace(tzinfo=dt.UTC).timestamp()) - 1).all()
    assert (stamps <= int(last.replace(tzinfo=dt.UTC).timestamp()) + 1).all()


def test_acled_civilian_targeting_only_where_civilians_are_targeted(acled):
    targeted = acled["civilian_targeting"] == "Civilian targeting"
    civilians = (acled["inter2"] == "7") | (acled["event_type"] == "Violence against civilians")
    assert (targeted == civilians).all() and set(acled["civilian_targeting"]) <= {"", "Civilian targeting"}


def test_acled_skips_what_it_cannot_code_with_a_counted_warning(store, capsys):
    to_text(store, "acled")
    err = capsys.readouterr().err
    coded = len(pd.read_csv(io.StringIO(to_text(store, "acled"))))
    typed = store.query(
        "SELECT count(*) FROM events WHERE acled_event_type IS NOT NULL AND status IN ('reported', 'claimed')"
    )[1][0][0]
    if coded < typed:
        assert f"skipped {typed - coded} items" in err and "Traceback" not in err


def test_geojson_ids_unique_dates_iso_or_null_and_counts(store):
    features = json.loads(to_text(store, "geojson"))["features"]
    ids = [f["id"] for f in features]
    assert features and len(set(ids)) == len(ids)
    for f in features:
        props = f["properties"]
        if props["date"] is not None:
            assert dt.date.fromisoformat(props["date"]).isoformat() == props["date"] and props["date_precision"]
        else:
            assert props["date_precision"] is None
        assert all(isinstance(props[k], int) and props[k] >= 0 for k in ("fatalities", "sources", "articles"))
        assert props["sources"] >= 1 and props["articles"] >= 1
    raw = {d for (d,) in store.query("SELECT date FROM events")[1]}
    assert raw - {f["properties"]["date"] for f in features}, "the store's raw values should not all be ISO days"


def test_claims_contradicts_is_json_not_a_string(store):
    claims = [json.loads(line) for line in to_text(store, "claims").splitlines()]
    assert claims
    for claim in claims:
        assert isinstance(claim["contradicts"], list) and isinstance(claim["events"], list)
        assert isinstance(claim["content"], dict)


@pytest.mark.parametrize("fmt", ["acled", "geojson", "claims"])
def test_export_to_a_path_is_atomic(store, tmp_path, monkeypatch, fmt):
    target = tmp_path / f"out.{fmt}"
    assert export(store, fmt, target) > 0 and target.stat().st_size > 0
    before = target.read_bytes()

    def fail(store, out):
        out.write("half a file")
        raise RuntimeError("crash midway")

    from dateline import export as exports

    # FORMATS is read-only: swap in a copy whose writer fails midway
    monkeypatch.setattr(exports, "FORMATS", {**FORMATS, fmt: exports.Format(fail, "failing")})
    fresh = tmp_path / f"new.{fmt}"
    with pytest.raises(RuntimeError):
        export(store, fmt, fresh)
    with pytest.raises(RuntimeError):
        export(store, fmt, target)
    assert not fresh.exists() and target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_export_folder_is_atomic(store, tmp_path, monkeypatch):
    from dateline import export as exports

    def fail(store, folder):
        (folder / "articles.parquet").write_text("half")
        raise RuntimeError("crash midway")

    monkeypatch.setattr(exports, "FORMATS", {**FORMATS, "parquet": exports.Format(fail, "failing", folder=True)})
    with pytest.raises(RuntimeError):
        export(store, "parquet", tmp_path / "parts")
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_folder_for_one_file_is_an_error_naming_it(store, tmp_path):
    (tmp_path / "kept.txt").write_text("kept")
    with pytest.raises(ExportError, match=r"\[E306\] .* is a folder, and the acled export is one file"):
        export(store, "acled", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]
    # the CLI says it in one line and exits 2, no traceback (on a store of its own: this one is open here)
    with Store(tmp_path / "empty.duckdb"):
        pass
    result = subprocess.run(
        [sys.executable, "-c", "from dateline.cli import run; run()", "export", "--format", "geojson",
         "--db", str(tmp_path / "empty.duckdb"), "--out", str(tmp_path)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(dateline.__file__).parents[1])},
    )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: [E306]")


def test_export_where_nothing_can_be_written_is_an_error_naming_it(store, tmp_path):
    (tmp_path / "a-file").write_text("kept")
    with pytest.raises(ExportError, match=r"\[E305\] cannot write the claims export to .*a-file/out.jsonl"):
        export(store, "claims", tmp_path / "a-file" / "out.jsonl")
    assert (tmp_path / "a-file").read_text() == "kept"


def test_parquet_never_replaces_a_file_or_a_folder_of_other_files(store, tmp_path):
    (tmp_path / "events.csv").write_text("kept")
    with pytest.raises(ExportError, match=r"\[E307\] .*events.csv is a file"):
        export(store, "parquet", tmp_path / "events.csv")
    with pytest.raises(ExportError, match=r"\[E308\] .* holds files other than a parquet export's \(events.csv\)"):
        export(store, "parquet", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]
    assert (tmp_path / "events.csv").read_text() == "kept"
    # a previous parquet export is replaced
    assert export(store, "parquet", tmp_path / "parts") == export(store, "parquet", tmp_path / "parts") > 0
    assert pd.read_parquet(tmp_path / "parts" / "articles.parquet")["id"].nunique() == N_EXAMPLES


def test_cli_stats_lists_fused_events_copies_and_contradictions(tmp_path, nlp):
    runner = CliRunner()
    db = tmp_path / "cli.duckdb"
    assert runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["stats", "--db", str(db), "--json"])
    stats = json.loads(result.stdout)
    with Store(db, read_only=True) as store:
        fused = store.query("SELECT count(*) FROM fused_events")[1][0][0]
        contradictions = store.query("SELECT count(*) FROM contradictions")[1][0][0]
    assert stats["fused_events"] == fused > 0 and stats["contradictions"] == contradictions
    assert isinstance(stats["copies"], int) and stats["copies"] >= 0
    text = runner.invoke(main, ["stats", "--db", str(db)]).stdout
    assert all(key in text for key in ("fused_events", "copies", "contradictions"))


def test_cli_gazetteer_lookup_of_nothing_says_so_and_exits_1():
    result = CliRunner().invoke(main, ["gazetteer", "lookup", "Qxzzyvqlland"])
    assert result.exit_code == 1 and "Qxzzyvqlland" in result.stderr and result.stdout == ""


def _actor_row(kind, sector, country, name="Someone", acled_name=None):
    return {"s_kind": kind, "s_sector": sector, "s_country": country, "s_name": name, "s_acled": acled_name}


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (_actor_row("person", "MIL", "UKR", "Oleksandr Syrskyi"), ("Military Forces of Ukraine", 1)),
        (_actor_row("person", "GOV", "RUS", "Sergei Lavrov"), ("Government of Russia", 1)),
        (_actor_row("person", None, None, "Kherson"), None),
        (_actor_row("person", "MED", "UKR", "A reporter"), None),
        (
            _actor_row("collective", "MIL", "RUS", "Russian troops", "Military Forces of Russia"),
            ("Military Forces of Russia", 1),
        ),
        (_actor_row("collective", "CVL", "UKR", "civilians", "Civilians (Ukraine)"), ("Civilians (Ukraine)", 7)),
        (_actor_row(None, None, None, None), None),
        # intergovernmental organisations (no country) as ACLED names them, inter 8 External/Other forces
        (_actor_row("organisation", "IGO", None, "Nato"), ("NATO: North Atlantic Treaty Organization", 8)),
        (_actor_row("organisation", "IGO", None, "United Nations"), ("UN: United Nations", 8)),
        (_actor_row("organisation", "IGO", None, "UN Security Council"), ("UN: United Nations", 8)),
        (_actor_row("organisation", "IGO", None, "the European Union"), ("EU: European Union", 8)),
        (
            _actor_row("organisation", "IGO", None, "OSCE"),
            ("OSCE: Organization for Security and Co-operation in Europe", 8),
        ),
        (_actor_row("organisation", "IGO", None, "IAEA"), ("IAEA: International Atomic Energy Agency", 8)),
        (_actor_row("organisation", "IGO", None, "G7"), None),  # not in ACLED's names: left out, as before
        (_actor_row("person", "IGO", None, "Antonio Guterres"), None),  # a person is no organisation
    ],
)
def test_acled_actor_is_a_collective_or_left_out(actor, expected):
    from dateline.export.acled import collective

    assert collective(actor, "s") == expected


def test_acled_unnamed_actor_keeps_the_target_as_actor2():
    from dateline.export.acled import _actors

    row = {
        **_actor_row(None, None, None, None),
        **{
            k.replace("s_", "t_"): v
            for k, v in _actor_row("collective", "CVL", "UKR", "civilians", "Civilians (Ukraine)").items()
        },
        "acled_event_type": "Violence against civilians",
    }
    assert _actors(row, "Ukraine") == (("Unidentified Armed Group (Ukraine)", 3), ("Civilians (Ukraine)", 7))
    row["acled_event_type"] = "Strategic developments"
    assert _actors(row, "Ukraine") == (("Civilians (Ukraine)", 7), ("", 0))


def test_acled_igo_names_follow_acleds_form_and_inter_code():
    codes = acled_codes()
    assert codes["inter"][str(codes["inter_by_sector"]["IGO"])] == "External/Other forces"
    for key, name in codes["igo_names"].items():
        acronym, _, full = name.partition(": ")
        assert key == key.lower() and acronym.isupper() and full[:1].isupper(), name


def test_acled_rows_are_events_that_took_place(store):
    rows = pd.read_csv(io.StringIO(to_text(store, "acled")), dtype=str, keep_default_na=False)
    status = {f"DL-{a}-{i}": s for a, i, s in store.query("SELECT article_id, idx, status FROM events")[1]}
    assert len(rows) and all(status[e] in ("reported", "claimed") for e in rows.event_id_cnty)
