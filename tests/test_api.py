"""The HTTP API over a store of the invented examples: lists, filters, details, safety."""
from __future__ import annotations

import datetime as dt

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dateline.api.app import create_app  # noqa: E402
from dateline.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory, example_records) -> str:
    path = tmp_path_factory.mktemp("api") / "examples.duckdb"
    with Store(path) as store:
        store.write(example_records)
    return str(path)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def test_articles_page_and_total(client, example_records):
    everything = client.get("/articles", params={"limit": 1000}).json()
    assert everything["total"] == len(example_records)
    page = client.get("/articles", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == everything["total"]
    assert [a["id"] for a in page["items"]] == [a["id"] for a in everything["items"][1:3]]
    assert "text" not in page["items"][0]


def test_article_detail_spans_point_into_its_text(client, example_records):
    record = next(r for r in example_records if r.events)
    detail = client.get(f"/articles/{record.article.id}").json()
    text = detail["article"]["text"]
    assert text == record.article.text
    for part in ("places", "times", "actors", "events"):
        assert len(detail[part]) == len(getattr(record, part))
        for item in detail[part]:
            start, end = item["span"]
            assert text[start:end] == item["text"]


def test_unknown_article_and_event_are_404(client):
    assert client.get("/articles/no-such-article").status_code == 404
    assert client.get("/events/m0-no-such-article").status_code == 404
    assert client.get("/events/nonsense").status_code == 404


def test_events_filters_narrow_and_hold(client):
    everything = client.get("/events", params={"limit": 5000}).json()
    assert everything["view"] == "mentions"
    assert everything["total"] == len(everything["items"]) > 0
    days = sorted(e["day"] for e in everything["items"])
    middle = dt.date.fromisoformat(days[len(days) // 2])
    since = client.get("/events", params={"date_from": middle.isoformat(), "limit": 5000}).json()
    assert 0 < since["total"] < everything["total"]
    assert all(e["day"] >= middle.isoformat() for e in since["items"])

    kind = everything["items"][0]["plover"]
    typed = client.get("/events", params={"plover": kind.lower(), "limit": 5000}).json()
    assert typed["total"] == sum(e["plover"] == kind for e in everything["items"])

    placed = [e for e in everything["items"] if e["lat"] is not None]
    lat, lon = placed[0]["lat"], placed[0]["lon"]
    box = f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}"
    near = client.get("/events", params={"bbox": box, "limit": 5000}).json()
    assert 0 < near["total"] < everything["total"]
    assert all(abs(e["lat"] - lat) <= 1 and abs(e["lon"] - lon) <= 1 for e in near["items"])
    assert client.get("/events", params={"bbox": "1,2,3"}).status_code == 422


def test_event_detail_links_mentions_and_claims(client):
    events = client.get("/events", params={"limit": 5000}).json()["items"]
    first = events[0]
    detail = client.get(f"/events/{first['id']}").json()
    assert detail["trigger"] == first["trigger"]
    assert detail["mentions"][0]["article_id"] == first["article_id"]
    with_claims = [e for e in events if client.get(f"/events/{e['id']}").json()["claims"]]
    assert with_claims, "some invented example reports an event through a claim"


def test_claims_places_stats(client):
    claims = client.get("/claims", params={"limit": 3}).json()
    assert claims["total"] >= len(claims["items"]) == 3
    assert all(c["text"] for c in claims["items"])
    places = client.get("/places", params={"name": "kyiv"}).json()
    assert places["items"] and all("kyiv" in p["name"].lower() for p in places["items"])
    stats = client.get("/stats").json()
    assert stats["event_mentions"] == client.get("/events", params={"limit": 0}).json()["total"]


def test_filters_are_bound_not_spliced(client):
    before = client.get("/stats").json()["articles"]
    for hostile in ("'; DROP TABLE articles; --", "%", "_", "\\"):
        response = client.get("/events", params={"text": hostile, "actor": hostile})
        assert response.status_code == 200
    assert client.get("/events", params={"text": "%"}).json()["total"] == 0
    assert client.get("/stats").json()["articles"] == before


def test_read_only(client):
    assert client.post("/events", json={}).status_code == 405
    assert client.delete("/articles/x").status_code == 405


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/articles", "/articles/{article_id}", "/events", "/events/{event_id}", "/claims", "/places",
            "/stats"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()


def test_deep_pages_seek_by_day_and_match_a_plain_sort():
    from dateline.store import browse

    with Store(":memory:") as store:
        store.con.execute("""
            INSERT INTO event_index (article_id, idx, day, plover)
            SELECT 'a' || (i % 37), i, DATE '2023-01-01' + CAST(i % 50 AS INTEGER), 'ASSAULT' FROM range(3000) t(i)""")
        plain = browse._page(store, "event_index", ("article_id", "idx", "day"), "TRUE", [],
                             "day DESC, article_id, idx", 5000, 0)["items"]
        for offset in (browse.SEEK_FROM, 2345, 2950, 2999, 3100):
            page = browse.list_events(store, browse.EventFilter(), limit=100, offset=offset)
            assert page["total"] == 3000
            assert [(e["article_id"], e["idx"]) for e in page["items"]] == \
                [(e["article_id"], e["idx"]) for e in plain[offset:offset + 100]]
