"""/events over the invented examples: several values per filter, unknown values, background events, fatalities,
the text filter, the map's grid counts and the downloads in every format."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from dateline.store import Store

ALL = {"limit": 5000, "include_background": "true"}


@pytest.fixture(scope="module")
def client(tmp_path_factory, example_records):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.api.app import create_app
    from dateline.fuse import fuse

    path = tmp_path_factory.mktemp("downloads") / "fused.duckdb"
    with Store(path) as store:
        store.write(example_records)
        fuse(store)
    return TestClient(create_app(path))


def _items(client, **params) -> list[dict]:
    page = client.get("/events", params={"view": "mentions", **ALL, **params}).json()
    assert page["total"] == len(page["items"])
    return page["items"]


def test_several_plover_types_match_any_of_them(client):
    everything = _items(client)
    assault, coerce = _items(client, plover="ASSAULT"), _items(client, plover="coerce")
    both = _items(client, plover="ASSAULT, COERCE")
    assert assault and coerce
    assert {e["id"] for e in both} == {e["id"] for e in assault} | {e["id"] for e in coerce}
    assert len(both) == sum(e["plover"] in ("ASSAULT", "COERCE") for e in everything)


def test_several_acled_types_and_statuses(client):
    everything = _items(client)
    kinds = sorted({e["acled_event_type"] for e in everything if e["acled_event_type"]})[:2]
    typed = _items(client, acled_type=",".join(kinds))
    assert len(typed) == sum(e["acled_event_type"] in kinds for e in everything) > 0
    told = _items(client, status="claimed,denied")
    assert len(told) == sum(e["status"] in ("claimed", "denied") for e in everything) > 0


@pytest.mark.parametrize("field", ["plover", "acled_type", "status"])
def test_an_unknown_value_is_a_validation_error_not_an_empty_list(client, field):
    response = client.get("/events", params={field: "reported,ASSAULT,Battles,nonsense"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]
    assert client.get("/events", params={field: "nonsense", "format": "csv"}).status_code == 422


@pytest.mark.parametrize("field", ["plover", "acled_type", "status"])
def test_an_unknown_value_is_named_with_the_known_ones_in_a_readable_message(client, field):
    from dateline.api.routers.event_params import vocabularies

    known = vocabularies()[field]
    response = client.get("/events", params={field: f"{known[0]},Nonsense,{known[-1].lower()},also bad"})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", field]
    message = problem["msg"]
    # the bad values by name, then every value the field takes; no regular expression
    assert message.startswith(f"unknown {field} 'Nonsense', 'also bad'; one or more of: ")
    assert message.split("; one or more of: ", 1)[1].split(", ") == list(known)
    assert "pattern" not in message and "^" not in message and "|" not in message


def test_unknown_values_of_several_filters_are_each_named_in_one_answer(client):
    response = client.get("/events", params={"acled_type": "Foo,battles", "status": "planned", "plover": "ASSAULT"})
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert [p["loc"] for p in problems] == [["query", "acled_type"], ["query", "status"]]
    assert problems[0]["msg"].startswith("unknown acled_type 'Foo';")
    assert problems[1]["msg"].startswith("unknown status 'planned';")


@pytest.mark.parametrize(
    ("field", "value", "canonical"),
    [("plover", "Assault", "ASSAULT"), ("acled_type", "bAtTlEs", "Battles"), ("status", "Reported", "reported")],
)
def test_filter_values_are_accepted_in_any_case(client, field, value, canonical):
    mixed = _items(client, **{field: value})
    exact = _items(client, **{field: canonical})
    assert exact and [e["id"] for e in mixed] == [e["id"] for e in exact]


def test_event_status_is_described_with_every_status_of_the_schema(client):
    import typing

    from dateline.schema import Event

    statuses = typing.get_args(Event.model_fields["status"].annotation)
    assert "expected" in statuses
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    described = [
        s["properties"]["status"]["description"] for s in schemas.values() if "trigger" in s.get("properties", {})
    ]
    assert described and all(d.split(", ") == list(statuses) for d in described)
    param = next(
        p for p in client.get("/openapi.json").json()["paths"]["/events"]["get"]["parameters"] if p["name"] == "status"
    )
    assert all(s in param["description"] for s in statuses)
    # the schema documents the values in any case (a pattern), which the API does not enforce before its message
    pattern = re.compile(param["schema"]["pattern"])
    assert pattern.match("Reported, BACKGROUND,expected") and not pattern.match("reported,planned")


def test_background_events_are_left_out_unless_asked_for(client):
    everything = _items(client)
    background = [e for e in everything if e["status"] == "background"]
    assert background, "the examples tell some events as background"
    default = client.get("/events", params={"view": "mentions", "limit": 5000}).json()
    assert default["total"] == len(everything) - len(background)
    assert all(e["status"] != "background" for e in default["items"])
    assert len(_items(client, status="background")) == len(background)
    fused = client.get("/events", params={"view": "fused", "limit": 5000}).json()["items"]
    fused_all = client.get("/events", params={"view": "fused", **ALL}).json()["items"]
    assert len(fused) < len(fused_all)


def test_fatalities_are_given_and_filtered_on(client):
    everything = _items(client)
    counted = [e for e in everything if e["fatalities"]]
    assert counted, "the examples count people killed"
    least = min(e["fatalities"] for e in counted)
    kept = _items(client, min_fatalities=least)
    assert {e["id"] for e in kept} == {e["id"] for e in everything if (e["fatalities"] or 0) >= least}
    assert _items(client, min_fatalities=max(e["fatalities"] for e in counted) + 1) == []


def test_a_fused_event_gives_the_range_of_its_mentions_fatalities(client):
    fused = client.get("/events", params={"view": "fused", **ALL}).json()["items"]
    counted = [f for f in fused if f["fatalities_max"] is not None]
    assert counted
    for event in counted:
        detail = client.get(f"/events/{event['id']}").json()
        numbers = [m["fatalities"] for m in detail["mentions"] if m["fatalities"] is not None]
        assert (event["fatalities_min"], event["fatalities_max"]) == (min(numbers), max(numbers))
    kept = client.get("/events", params={"view": "fused", **ALL, "min_fatalities": 1}).json()["items"]
    assert {f["id"] for f in kept} == {f["id"] for f in counted if f["fatalities_max"] >= 1}


def test_the_text_filter_reads_actors_and_the_article_text(client):
    everything = _items(client)
    actor = next(e["source_actor"] for e in everything if e["source_actor"])
    assert any(e["source_actor"] == actor for e in _items(client, text=actor.upper()))
    article = client.get(f"/articles/{everything[0]['article_id']}").json()
    told = {(e["trigger"] or "").lower() for e in everything} | {(e["place_name"] or "").lower() for e in everything}
    word = next(w for w in article["article"]["text"].split() if len(w) > 6 and w.isalpha() and w.lower() not in told)
    found = _items(client, text=word)
    assert everything[0]["id"] in {e["id"] for e in found}
    assert all(word.lower() in client.get(f"/articles/{e['article_id']}").text.lower() for e in found)


@pytest.mark.parametrize("view", ["mentions", "fused"])
def test_the_map_counts_every_matching_event_per_cell(client, view):
    listed = client.get("/events", params={"view": view, "limit": 5000}).json()["items"]
    located = [e for e in listed if e["lat"] is not None]
    grid = client.get("/events/map", params={"view": view, "cell": 0.5}).json()
    assert grid["located"] == sum(c["n"] for c in grid["cells"]) == len(located)
    lone = [c for c in grid["cells"] if c["n"] == 1]
    assert lone and all(c["id"] in {e["id"] for e in located} for c in lone)
    coarse = client.get("/events/map", params={"view": view, "cell": 20}).json()
    assert len(coarse["cells"]) < len(grid["cells"]) and coarse["located"] == len(located)
    assigned = client.get("/events/map", params={"view": view, "plover": "ASSAULT", "cell": 0.5}).json()
    assert assigned["located"] == sum(e["plover"] == "ASSAULT" for e in located)


@pytest.mark.parametrize("view", ["mentions", "fused"])
def test_a_csv_download_holds_every_matching_event(client, view):
    params = {"view": view, "plover": "ASSAULT,COERCE", "limit": 1}
    total = client.get("/events", params=params).json()["total"]
    response = client.get("/events", params={**params, "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f'attachment; filename="dateline-events-{view}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total > 1
    assert {r["plover"] for r in rows} <= {"ASSAULT", "COERCE"}
    assert ("fatalities_max" if view == "fused" else "fatalities") in rows[0]


def test_the_export_layouts_are_written_from_the_matching_events(client):
    everything = _items(client)
    assault = [e for e in everything if e["plover"] == "ASSAULT"]
    params = {"view": "mentions", "plover": "ASSAULT", "include_background": "true"}
    gdelt = client.get("/events", params={**params, "format": "gdelt"})
    assert gdelt.headers["content-disposition"].endswith('.gdelt.tsv"')
    lines = gdelt.text.splitlines()  # GDELT's Events table: one row per fused event, however many mentions
    fused = client.get("/events", params={**params, "view": "fused", "limit": 1}).json()["total"]
    assert len(lines) == fused < len(assault) and all(len(line.split("\t")) == 61 for line in lines)
    geojson = client.get("/events", params={**params, "format": "geojson"})
    assert geojson.headers["content-type"] == "application/geo+json"
    features = json.loads(geojson.text)["features"]
    assert len(features) == sum(e["lat"] is not None for e in assault)
    assert {f["properties"]["plover"] for f in features} == {"ASSAULT"}
    acled = list(csv.DictReader(io.StringIO(client.get("/events", params={**params, "format": "acled"}).text)))
    whole = list(csv.DictReader(io.StringIO(client.get("/events", params={**ALL, "format": "acled"}).text)))
    assert 0 < len(acled) < len(whole)
    assert {r["event_id_cnty"] for r in acled} <= {r["event_id_cnty"] for r in whole}


@pytest.mark.parametrize("view", ["mentions", "fused"])
def test_a_download_read_a_few_days_at_a_time_keeps_the_list_order(client, view, monkeypatch):
    from dateline.store import browse_map

    monkeypatch.setattr(browse_map, "BATCH_ROWS", 2)
    listed = client.get("/events", params={"view": view, **ALL}).json()["items"]
    rows = list(csv.DictReader(io.StringIO(client.get("/events", params={"view": view, **ALL, "format": "csv"}).text)))
    assert [r["id"] for r in rows] == [e["id"] for e in listed]
    assert len({e["day"] for e in listed}) > 3, "the days span several batches"


@pytest.mark.parametrize("view", ["mentions", "fused"])
def test_a_csv_download_names_each_column_once(client, view):
    header = next(csv.reader(io.StringIO(client.get("/events", params={"view": view, **ALL, "format": "csv"}).text)))
    assert len(header) == len(set(header))
    assert ("fatalities" if view == "mentions" else "fatalities_max") in header
