"""The HTTP API over a store of the invented examples: lists, filters, details, safety, response models."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dateline.store import Store, browse

from .processes import children

ROUTES = {
    "/articles",
    "/articles/{article_id}",
    "/events",
    "/events/histogram",
    "/events/map",
    "/events/{event_id}",
    "/claims",
    "/places",
    "/stats",
}
LISTS = {"/articles", "/events", "/claims", "/places"}
WRITER_ARTICLES = 30


def _client(db: str):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.api.app import create_app

    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def db(tmp_path_factory, example_records) -> str:
    path = tmp_path_factory.mktemp("api") / "examples.duckdb"
    with Store(path) as store:
        store.write(example_records)
    return str(path)


@pytest.fixture(scope="module")
def fused_db(tmp_path_factory, example_records) -> str:
    from dateline.fuse import fuse

    path = tmp_path_factory.mktemp("api") / "fused.duckdb"
    with Store(path) as store:
        store.write(example_records)
        fuse(store)
    return str(path)


@pytest.fixture(scope="module")
def sparse_db(tmp_path_factory) -> str:
    """Rows written by SQL, as bench/api_latency.py writes them: most columns NULL, no pipeline version."""
    path = tmp_path_factory.mktemp("api") / "sparse.duckdb"
    with Store(path) as store:
        store.con.execute("""
            INSERT INTO articles (id, published, source, title, lang, status, text)
            SELECT 'gen-' || i, DATE '2022-01-01' + CAST(i AS INTEGER), 'source' || (i % 3), 'Generated ' || i, 'en',
                   'extracted', 'generated' FROM range(5) t(i)""")
        store.con.execute("""
            INSERT INTO event_index (article_id, idx, day, plover, lat, lon)
            SELECT 'gen-' || (i % 5), i, DATE '2022-01-01' + CAST(i % 5 AS INTEGER), 'ASSAULT', 48.0, 37.0
            FROM range(12) t(i)""")
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    return _client(db)


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
    everything = client.get("/events", params={"limit": 0, "include_background": "true"}).json()
    assert stats["event_mentions"] == everything["total"]


def test_filters_are_bound_not_spliced(client):
    before = client.get("/stats").json()["articles"]
    for hostile in ("'; DROP TABLE articles; --", "%", "_", "\\"):
        response = client.get("/events", params={"text": hostile, "actor": hostile})
        assert response.status_code == 200
    assert client.get("/events", params={"text": "%_%"}).json()["total"] == 0
    assert client.get("/stats").json()["articles"] == before


def test_read_only(client):
    assert client.post("/events", json={}).status_code == 405
    assert client.delete("/articles/x").status_code == 405


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    assert {
        "/articles",
        "/articles/{article_id}",
        "/events",
        "/events/{event_id}",
        "/claims",
        "/places",
        "/stats",
    } <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()


def test_pages_seek_by_day_and_match_a_plain_sort():
    from dateline.store import browse

    with Store(":memory:") as store:
        store.con.execute("""
            INSERT INTO event_index (article_id, idx, day, plover)
            SELECT 'a' || (i % 37), i, CASE WHEN i % 11 > 0 THEN DATE '2023-01-01' + CAST(i % 50 AS INTEGER) END,
                   'ASSAULT'
            FROM range(3000) t(i)""")
        columns, order = ("article_id", "idx", "day"), "day DESC NULLS LAST, article_id, idx"
        plain = browse._page(store, "event_index", columns, "TRUE", [], order, 5000, 0)["items"]
        assert plain[-1]["day"] is None
        for offset in (0, 1, 57, 2000, 2345, 2700, 2950, 2999, 3100):
            page = browse.list_events(store, browse.EventFilter(), limit=100, offset=offset)
            assert page["total"] == 3000
            assert [(e["article_id"], e["idx"]) for e in page["items"]] == [
                (e["article_id"], e["idx"]) for e in plain[offset : offset + 100]
            ]


def _routes_and_answers(store: Store) -> list[tuple[str, object]]:
    """Every route, with and without filters, and what `store.browse` gives for it."""
    fused = browse.has_fusion(store)
    view = "fused" if fused else "mentions"
    everything = browse.EventFilter()
    cases = [
        ("/articles", browse.list_articles(store)),
        ("/articles?text=said&limit=2&offset=1", browse.list_articles(store, text="said", limit=2, offset=1)),
        ("/events", {**browse.list_events(store, everything, fused=fused), "view": view}),
        (
            "/events?view=mentions&plover=assault&limit=3",
            {**browse.list_events(store, browse.EventFilter(plover="assault"), limit=3), "view": "mentions"},
        ),
        ("/events/histogram", {"items": browse.event_histogram(store, everything, fused=fused), "view": view}),
        (
            "/events/histogram?view=mentions&text=kherson",
            {"items": browse.event_histogram(store, browse.EventFilter(text="kherson")), "view": "mentions"},
        ),
        ("/claims", browse.list_claims(store)),
        ("/claims?contradicted=true&limit=3", browse.list_claims(store, contradicted=True, limit=3)),
        ("/places", browse.list_places(store)),
        ("/places?country=ua&limit=2", browse.list_places(store, country="ua", limit=2)),
        ("/stats", browse.summary(store)),
    ]
    for article in browse.list_articles(store, limit=1000)["items"]:
        cases.append((f"/articles/{article['id']}", browse.article_detail(store, article["id"])))
    for in_view in {False, fused}:
        for event in browse.list_events(store, everything, fused=in_view, limit=5000)["items"]:
            cases.append((f"/events/{event['id']}", browse.event_detail(store, event["id"])))
    return cases


def _as_served(value):
    """`value` with None dict keys written "None", as the API has always served them (json.dumps writes "null")."""
    if isinstance(value, dict):
        return {("None" if k is None else k): _as_served(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_served(v) for v in value]
    return value


@pytest.mark.parametrize("which", ["db", "fused_db", "sparse_db"])
def test_api_answers_exactly_what_browse_gives(request, which):
    """The response models neither drop, add, retype nor reorder anything the store gives (36.0 stays 36.0)."""
    client = _client(request.getfixturevalue(which))
    store = client.app.state.reader.open()
    cases = _routes_and_answers(store)
    assert len(cases) > 20
    for url, expected in cases:
        response = client.get(url)
        assert response.status_code == 200, url
        assert json.dumps(response.json()) == json.dumps(_as_served(expected)), url


def _schemas_of(spec: dict, schema: dict) -> list[dict]:
    """The component schemas a response schema names: one, or each member of a union."""
    components = spec["components"]["schemas"]

    def resolve(node: dict) -> dict:
        return components[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node

    schema = resolve(schema)
    members = schema.get("oneOf") or schema.get("anyOf")
    return [resolve(member) for member in members] if members else [schema]


def test_openapi_documents_the_response_of_every_route(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == ROUTES
    for path, operations in spec["paths"].items():
        answer = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        for model in _schemas_of(spec, answer):
            assert model["type"] == "object" and model["properties"] and model.get("description"), path
            if path in LISTS:
                assert model["properties"]["total"]["type"] == "integer", path
                (item,) = _schemas_of(spec, model["properties"]["items"]["items"])
                assert {"properties", "description"} <= set(item), path
        if "{" in path:
            assert "404" in operations["get"]["responses"], path
    event_page = spec["paths"]["/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert event_page["discriminator"]["propertyName"] == "view"


def test_lifespan_opens_the_store_once_and_closes_it(db):
    client = _client(db)
    reader = client.app.state.reader
    assert reader.store is None
    with client:
        store = reader.store
        assert store is not None
        assert client.get("/stats").status_code == 200
        assert reader.store is store
    assert reader.store is None


def test_a_light_request_does_not_wait_behind_a_heavy_one(db, monkeypatch):
    """Each request reads on its own cursor: while one request's query is held up, others are answered."""
    client = _client(db)
    held, release = threading.Event(), threading.Event()
    list_claims = browse.list_claims

    def slow_claims(*args, **kwargs):
        held.set()
        release.wait(30)
        return list_claims(*args, **kwargs)

    monkeypatch.setattr(browse, "list_claims", slow_claims)
    with client, ThreadPoolExecutor(8) as pool:
        heavy = pool.submit(client.get, "/claims")
        assert held.wait(30)
        start = time.perf_counter()
        light = [pool.submit(client.get, "/stats") for _ in range(4)]
        assert all(future.result(timeout=30).status_code == 200 for future in light)
        waited = time.perf_counter() - start
        assert not heavy.done()
        release.set()
        assert heavy.result(timeout=30).status_code == 200
    assert waited < 5


def test_a_burst_of_requests_is_answered_without_deadlock(db):
    """More requests at once than the thread pool has threads."""
    client = _client(db)
    with client, ThreadPoolExecutor(64) as pool:
        futures = [pool.submit(client.get, "/events", params={"limit": 5}) for _ in range(128)]
        assert all(future.result(timeout=60).status_code == 200 for future in futures)


def test_a_query_that_runs_too_long_is_stopped_with_503(db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.api.app import create_app

    with TestClient(create_app(db, query_seconds=0.05)) as client:
        client.app.state.reader.open()
        response = client.get("/articles")
        assert response.status_code == 200
        slow = "SELECT count(*) FROM range(1000000000) a, range(100) b"
        original = browse.list_articles
        try:  # (not /stats: once counted, its figures are kept, no query runs)
            browse.list_articles = lambda store, **filters: store.query(slow)
            response = client.get("/articles")
        finally:
            browse.list_articles = original
    assert response.status_code == 503
    assert response.json()["detail"].startswith("[E303]")
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/articles", "/claims", "/places", "/events"])
def test_offsets_and_limits_are_bounded(client, path):
    for params in ({"offset": 9223372036854775808}, {"offset": -1}, {"limit": 5001}, {"limit": "x"}):
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params)
        detail = response.json()["detail"]
        assert isinstance(detail, list) and detail[0]["loc"][0] == "query"
    assert client.get(path, params={"offset": 1_000_000_000}).json()["items"] == []


@pytest.mark.parametrize("value", ["0", "20230513", "2023-5-13", "2023-02-30", "yesterday"])
def test_dates_are_calendar_days(client, value):
    for path in ("/articles", "/events"):
        response = client.get(path, params={"date_to": value})
        assert response.status_code == 422, (path, value)
        assert response.json()["detail"][0]["loc"] == ["query", "date_to"]
    assert client.get("/events", params={"date_to": "2030-01-01"}).status_code == 200


def test_a_malformed_bbox_answers_the_documented_validation_error(client):
    response = client.get("/events", params={"bbox": "36,47,39"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "bbox"]
    assert client.get("/events", params={"bbox": "36, 47.5, 39, 50"}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/", "/ui/index.html", "/stats", "/events?limit=x", "/articles/nope", "/openapi.json"]
)
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_serve_without_the_serve_extra_says_what_to_install(tmp_path):
    Store(tmp_path / "empty.duckdb").close()
    code = (
        "import sys; sys.modules['fastapi'] = sys.modules['uvicorn'] = None; from dateline.cli import run; "
        f"sys.argv = ['dateline', 'serve', '--db', {str(tmp_path / 'empty.duckdb')!r}]; run()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: `dateline serve` needs fastapi, which is not installed: pip install 'dateline[serve]'"
    ]


def _store_and_writer_corpus(tmp_path: Path, records) -> tuple[Path, Path]:
    """A store of `records`, and a corpus of WRITER_ARTICLES more invented reports for a shared writer."""
    db = tmp_path / "live.duckdb"
    with Store(db) as store:
        store.write(records)
    corpus = tmp_path / "more.jsonl"
    texts = [f"Invented report {i}: shelling hit Kharkiv on Monday, officials said." for i in range(WRITER_ARTICLES)]
    corpus.write_text(
        "".join(json.dumps({"id": f"live-{i}", "date": "2024-03-04", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    return db, corpus


def _start_shared_writer(db: Path, corpus: Path) -> subprocess.Popen:
    """A process that ingests `corpus` into `db` through a shared Store, two articles a batch; it exits 0 only
    if all WRITER_ARTICLES are stored."""
    code = (
        "import sys; from dateline.store import Store; from dateline.ingest import ingest; "
        "from dateline.read import read_paths; store = Store(sys.argv[1], share=True); "
        "summary = ingest(read_paths([sys.argv[2]]), store, batch_size=2); store.close(); "
        f"sys.exit(0 if summary.stored == {WRITER_ARTICLES} else 3)"
    )
    return subprocess.Popen([sys.executable, "-c", code, str(db), str(corpus)], stderr=subprocess.PIPE)


def test_the_server_reads_while_a_shared_writer_ingests(tmp_path, example_records):
    """A writer that shares the store takes turns with the server: every request is answered, and each stored
    batch shows in the API while the ingest goes on."""
    pytest.importorskip("fastapi")
    db, corpus = _store_and_writer_corpus(tmp_path, example_records)
    client = _client(str(db))
    seen, statuses = [], []
    with client:
        writer = _start_shared_writer(db, corpus)
        while writer.poll() is None:
            response = client.get("/stats")
            statuses.append(response.status_code)
            if response.status_code == 200:
                seen.append(response.json()["articles"])
            time.sleep(0.05)
        assert writer.returncode == 0, writer.stderr.read().decode()[-2000:]
        final = client.get("/stats").json()["articles"]
    assert set(statuses) == {200}
    assert final == len(example_records) + WRITER_ARTICLES
    assert any(len(example_records) < n < final for n in seen)


def test_two_server_processes_take_turns_with_a_shared_writer(tmp_path, example_records):
    """`dateline serve --workers 2`: each worker process steps aside for the writer's turns, so the ingest
    completes, every request is answered, and each stored batch shows in the API while the ingest goes on."""
    pytest.importorskip("uvicorn")
    httpx = pytest.importorskip("httpx")
    db, corpus = _store_and_writer_corpus(tmp_path, example_records)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    serve = [sys.executable, "-m", "dateline.cli", "serve", "--db", str(db), "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(serve, stderr=subprocess.PIPE)
    seen, statuses = [], []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for _ in range(600):
                try:
                    client.get("/stats").raise_for_status()
                    break
                except httpx.TransportError:
                    assert server.poll() is None, server.stderr.read().decode()[-2000:]
                    time.sleep(0.1)
            if Path("/proc").is_dir():
                assert len(children(server.pid)) >= 2  # the two workers (and a resource tracker, perhaps)
            writer = _start_shared_writer(db, corpus)
            with ThreadPoolExecutor(4) as pool:  # several at once, so that both workers answer
                while writer.poll() is None:
                    for response in pool.map(lambda _: client.get("/stats"), range(4)):
                        statuses.append(response.status_code)
                        if response.status_code == 200:
                            seen.append(response.json()["articles"])
                    time.sleep(0.05)
            assert writer.returncode == 0, writer.stderr.read().decode()[-2000:]
            finals = {client.get("/stats").json()["articles"] for _ in range(8)}
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert set(statuses) == {200}
    assert finals == {len(example_records) + WRITER_ARTICLES}
    assert any(len(example_records) < n < len(example_records) + WRITER_ARTICLES for n in seen)


def test_an_idle_server_steps_aside_for_a_shared_writer(tmp_path, example_records):
    """No request comes while the writer waits: the server still lets go of the file at once."""
    pytest.importorskip("fastapi")
    db = tmp_path / "idle.duckdb"
    with Store(db) as store:
        store.write(example_records[:1])
    code = (
        "import sys, time; from dateline.store import Store; start = time.monotonic(); "
        "store = Store(sys.argv[1], share=True); sys.exit(0 if time.monotonic() - start < 10 else 4)"
    )
    client = _client(str(db))
    with client:
        assert client.get("/stats").json()["articles"] == 1
        writer = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, timeout=120)
        assert writer.returncode == 0, writer.stderr.decode()[-2000:]
        assert client.get("/stats").status_code == 200


def test_the_watchdog_makes_each_call_in_time_and_none_once_cancelled():
    pytest.importorskip("fastapi")
    from dateline.api.deps import Watchdog

    watchdog, calls = Watchdog(), []
    late = watchdog.watch(0.3, lambda: calls.append("late"))
    cancelled = watchdog.watch(0.1, lambda: calls.append("cancelled"))
    soon = watchdog.watch(0.05, lambda: calls.append("soon"))
    cancelled.cancel()
    deadline = time.monotonic() + 30
    while len(calls) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    assert calls == ["soon", "late"]
    assert soon.fired and late.fired and not cancelled.fired
