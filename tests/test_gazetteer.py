import json

import pytest

from dateline.errors import ConfigError
from dateline.places.build import import_file
from dateline.places.gazetteer import Gazetteer
from dateline.places.geometry import haversine_km
from dateline.places.names import fold


@pytest.fixture(scope="session")
def gaz():
    return Gazetteer.load()


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("Kyïv", "kyiv"),
        ("Artemivs'k", "artemivsk"),
        ("São Paulo", "sao paulo"),
        ("The Hague", "hague"),
        ("Бахмут", "bakhmut"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
    ],
)
def test_gazetteer_fold(raw, folded):
    assert fold(raw) == folded


def test_gazetteer_finds_cities_by_any_spelling(gaz):
    for name in ("Bakhmut", "Artemivsk", "Бахмут", "Kiev", "Kyiv"):
        names = {gaz.entry(int(i))["name"] for i in gaz.lookup(name)}
        assert names & {"Bakhmut", "Kyiv"}, name


def test_gazetteer_has_countries_admin_areas_continents_and_seas(gaz):
    kinds = {
        name: {gaz.entry(int(i))["kind"] for i in gaz.lookup(name)}
        for name in ("Ukraine", "Texas", "Europe", "Black Sea", "Crimea")
    }
    assert "country" in kinds["Ukraine"] and "admin1" in kinds["Texas"] and "continent" in kinds["Europe"]
    assert "water" in kinds["Black Sea"] and "region" in kinds["Crimea"]


def test_gazetteer_ranks_namesake_states_by_the_people_of_their_cities(gaz):
    states = [gaz.entry(int(i)) for i in gaz.lookup("Florida") if gaz.entry(int(i))["kind"] == "admin1"]
    assert {s["country"] for s in states} >= {"US", "PR"}
    assert max(states, key=lambda s: s["population"])["country"] == "US"
    texas = [gaz.entry(int(i)) for i in gaz.lookup("Texas") if gaz.entry(int(i))["kind"] == "admin1"]
    assert all(t["population"] >= 1_000_000 for t in texas), "a state still ranks with a city of a million"


def test_gazetteer_entries_are_plain_values(gaz):
    (index,) = [i for i in gaz.lookup("Soledar") if gaz.entry(int(i))["country"] == "UA"]
    entry = gaz.entry(int(index))
    assert entry["geonames_id"] == 706757 and entry["kind"] == "city"
    assert haversine_km(entry["lat"], entry["lon"], 48.69, 38.07) < 2


def test_gazetteer_demonyms(gaz):
    assert gaz.demonyms["ukrainian"] == "UA" and gaz.demonyms["russian"] == "RU"


def test_gazetteer_is_compact(gaz):
    assert len(gaz) > 200_000
    assert gaz.entries.dtype.itemsize <= 48
    assert not isinstance(gaz.entries, list)


def test_gazetteer_import_geonames_dump(tmp_path):
    dump = tmp_path / "XX.txt"
    row = [
        "9999001",
        "Invented Hamlet",
        "Invented Hamlet",
        "Invhamlet,Invented-Hamlet",
        "48.5",
        "37.5",
        "P",
        "PPL",
        "UA",
        "",
        "14",
        "",
        "",
        "",
        "120",
        "",
        "150",
        "Europe/Kyiv",
        "2024-01-01",
    ]
    dump.write_text("\t".join(row) + "\n")
    folder = tmp_path / "gaz"
    assert import_file(dump, folder) == 1  # builds the whole gazetteer with the dump's places in it
    gaz = Gazetteer.load(folder)
    (index,) = gaz.lookup("Invhamlet")
    assert gaz.entry(int(index))["name"] == "Invented Hamlet" and gaz.entry(int(index))["geonames_id"] == 9999001
    assert len(gaz.lookup("Bakhmut")) >= 1


def test_gazetteer_import_the_ukrainian_list(shared, tmp_path):
    folder = tmp_path / "gaz"
    added = import_file(shared / "data/gazetteer/ukraine_gazetteer.jsonl", folder)
    assert added > 25_000
    gaz = Gazetteer.load(folder)
    points = [gaz.entry(int(i)) for i in gaz.lookup("Berkhivka")]
    assert any(haversine_km(p["lat"], p["lon"], 48.63, 37.98) < 15 for p in points)


def test_gazetteer_load_never_builds(tmp_path):
    with pytest.raises(ConfigError, match=r"\[E202\].*dateline gazetteer build"):
        Gazetteer.load(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()


def test_gazetteer_country_of(gaz):
    assert gaz.country_of("Ukraine") == "UA" and gaz.country_of("Bakhmut") is None
    assert gaz.country_of("DPRK") == "KP" and gaz.country_of("PRC") == "CN" and gaz.country_of("ROK") == "KR"


@pytest.mark.parametrize(
    "spelling, name, matched",
    [
        ("Bakhmut", "Bakhmut", "name"),
        ("Artemivsk", "Bakhmut", "alternate name"),  # its name until 2016
        ("Kharkov", "Kharkiv", "alternate name"),
        ("Dnepropetrovsk", "Dnipro", "alternate name"),
    ],
)
def test_gazetteer_matches_say_which_name_matched(gaz, spelling, name, matched):
    ukrainian = [e for e in gaz.matches(spelling) if e["country"] == "UA"]
    assert ukrainian[0]["name"] == name and ukrainian[0]["matched"] == matched
    assert ukrainian[0]["matched_name"] == spelling


def test_gazetteer_matches_fall_back_to_transliteration_variants(gaz):
    spelling = "Hulaipole"  # neither GeoNames' "Hulyaypole" nor the national "Huliaipole"
    assert not len(gaz.lookup(spelling))
    found = gaz.matches(spelling)
    assert found and all(e["matched"] == "transliteration variant" for e in found)


def test_cli_gazetteer_lookup_prints_how_the_name_matched():
    from click.testing import CliRunner

    from dateline.cli import main

    result = CliRunner().invoke(main, ["gazetteer", "lookup", "Artemivsk"])
    assert result.exit_code == 0
    first = json.loads(result.output.splitlines()[0])
    assert first["name"] == "Bakhmut" and first["matched"] == "alternate name"
