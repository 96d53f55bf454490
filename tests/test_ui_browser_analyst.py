"""The web UI as an analyst works in it, in Debian's Chromium driven by Playwright, against `dateline serve` over
the invented examples (and one invented article without a title): Reset, the view kept in the URL, the download
of the current view, map marker to list, the fatalities filter, the narrow (390 px) layout, the keyboard, the
facts that stay in view while the article scrolls, the ACLED type and status filters, the short message an error
answer (an unknown filter value) gives, and the security policy (no inline script)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dateline.api.routers.event_params import vocabularies

from .conftest import EXAMPLES, free_port

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("DATELINE_CHROMIUM", "/usr/bin/chromium")
UNTITLED = "Invented: a depot was shelled near Kharkiv on Sunday.\nTwo people were killed there, officials said."

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM} (apt install chromium)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("ui-analyst")
    untitled = work / "untitled.jsonl"
    record = {"id": "invented-untitled", "date": "2024-03-04", "source": "untitled.example", "text": UNTITLED}
    untitled.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = work / "ui.duckdb"
    dateline = [sys.executable, "-m", "dateline.cli"]
    subprocess.run(
        [*dateline, "ingest", str(EXAMPLES), str(untitled), "--db", str(db), "-q"], check=True, capture_output=True
    )
    port = free_port()
    process = subprocess.Popen(
        [*dateline, "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield launched
        launched.close()


def _open(browser, url: str, width: int = 1500, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
    return page


@pytest.fixture
def page(browser, server):
    opened = _open(browser, server)
    yield opened
    assert opened.errors == []
    opened.close()


def _total(page) -> int:
    return int(page.locator("#event-count").get_attribute("data-total"))


def _submit_and_wait(page) -> None:
    loaded = page.locator("body").get_attribute("data-loaded")
    page.click("#filters button[type=submit]")
    page.wait_for_selector(f"body:not([data-loaded='{loaded}'])", state="attached", timeout=10_000)


def _api_total(page, server, **params) -> int:
    return page.request.get(server + "events", params={"limit": 0, **params}).json()["total"]


def test_reset_clears_the_filters_and_the_url(page, server):
    everything = _total(page)
    page.fill("input[name=text]", "Kherson")
    page.check("#include-background")
    _submit_and_wait(page)
    assert _total(page) != everything
    assert "text=Kherson" in page.url
    loaded = page.locator("body").get_attribute("data-loaded")
    page.click("#reset-filters")
    page.wait_for_selector(f"body:not([data-loaded='{loaded}'])", state="attached", timeout=10_000)
    assert _total(page) == everything
    assert page.input_value("input[name=text]") == "" and not page.is_checked("#include-background")
    assert urlparse(page.url).query == ""


def test_the_filters_and_the_chosen_event_survive_a_reload(page, server):
    page.select_option("#plover", ["ASSAULT", "COERCE"])
    _submit_and_wait(page)
    filtered = _total(page)
    assert filtered == _api_total(page, server, plover="ASSAULT,COERCE", **_dates(page))
    chosen = page.locator(".event-item").nth(1)
    chosen_id = chosen.get_attribute("data-id")
    chosen.click()
    page.wait_for_selector("#article .selected", timeout=10_000)
    assert parse_qs(urlparse(page.url).query)["event"] == [chosen_id]
    page.reload()
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
    assert sorted(page.eval_on_selector("#plover", "s => [...s.selectedOptions].map(o => o.value)")) == [
        "ASSAULT",
        "COERCE",
    ]
    assert _total(page) == filtered
    assert page.locator(".event-item.active").get_attribute("data-id") == chosen_id
    assert page.locator("#event-detail dl.facts dt").count() >= 3


def _dates(page) -> dict[str, str]:
    return {"date_from": page.input_value("#date-from"), "date_to": page.input_value("#date-to")}


def test_the_download_holds_the_current_view(page, server):
    page.fill("input[name=text]", "shell")
    _submit_and_wait(page)
    shown = _total(page)
    assert 0 < shown < _api_total(page, server)
    with page.expect_download() as download:
        page.click("#download")
    view = page.request.get(server + "events", params={"limit": 0}).json()["view"]
    assert download.value.suggested_filename == f"dateline-events-{view}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == shown
    assert {r["id"] for r in rows} >= {page.locator(".event-item").first.get_attribute("data-id")}


def _zoom_in_until_an_event_marker_shows(page, clicks: int = 6) -> None:
    """Click cell markers (each zooms in two levels) until a cell holds a single event, drawn as its own marker."""
    for _ in range(clicks):
        if page.locator(".event-marker").count() or not page.locator(".cell-marker").count():
            return
        cells = page.get_attribute("#map", "data-cells")
        page.locator(".cell-marker").first.click()
        for _ in range(100):  # the page's script policy allows no evaluated predicate: poll the attribute
            page.wait_for_timeout(100)
            if page.get_attribute("#map", "data-cells") != cells or page.locator(".event-marker").count():
                break


def test_a_marker_click_selects_and_scrolls_to_its_event_in_the_list(page):
    located = int(page.locator("#map").get_attribute("data-located"))
    assert located >= page.locator(".event-marker, .cell-marker").count()
    _zoom_in_until_an_event_marker_shows(page)
    markers = page.locator(".event-marker")
    assert markers.count() > 0
    marker = markers.last
    event_id = marker.get_attribute("data-id")
    marker.click()
    item = page.locator(f".event-item.active[data-id='{event_id}']")
    item.wait_for(timeout=10_000)
    page.wait_for_selector("#article .selected", timeout=10_000)
    box, listed = item.bounding_box(), page.locator("#middle").bounding_box()
    assert listed["y"] <= box["y"] and box["y"] + box["height"] <= listed["y"] + listed["height"]


def test_the_fatalities_filter_keeps_the_events_with_as_many_killed(page, server):
    everything = _total(page)
    page.fill("#min-fatalities", "2")
    _submit_and_wait(page)
    kept = _total(page)
    assert 0 < kept < everything
    assert kept == _api_total(page, server, min_fatalities=2, **_dates(page))
    numbers = page.eval_on_selector_all(".event-item", "items => items.map(i => Number(i.dataset.fatalities))")
    assert numbers and all(n >= 2 for n in numbers)
    assert "killed: " in page.locator(".event-item .fatalities").first.text_content()


def test_at_390_px_the_map_is_on_top_and_the_lists_below(browser, server):
    page = _open(browser, server, width=390, height=844)
    try:
        map_box = page.locator("#map").bounding_box()
        list_box = page.locator("#event-list").bounding_box()
        assert map_box["width"] >= 350
        assert map_box["y"] + map_box["height"] <= list_box["y"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator(".event-item").first.click()
        page.wait_for_selector("#article .selected", timeout=10_000)
        assert page.locator("#event-detail").bounding_box()["width"] >= 350
        assert page.errors == []
    finally:
        page.close()


def test_the_keyboard_reaches_and_opens_an_event(page):
    page.locator(".event-item").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".event-item.active[data-id='{focused}']", timeout=10_000)
    page.wait_for_selector("#article .selected", timeout=10_000)


def test_facts_and_claims_stay_in_view_while_the_article_scrolls(page):
    page.locator(".event-item").first.click()
    page.wait_for_selector("#article .selected", timeout=10_000)
    before = page.locator("#event-detail").bounding_box()
    page.eval_on_selector("#article-pane", "pane => { pane.scrollTop = pane.scrollHeight; }")
    after = page.locator("#event-detail").bounding_box()
    assert before == after and after["y"] >= 0
    assert page.locator("#claims-box").bounding_box()["x"] > before["x"], "claims beside the facts"


def test_the_timeline_spans_the_publication_period(page, server):
    stats = page.request.get(server + "stats").json()
    chart = page.locator("#timeline")
    assert (chart.get_attribute("data-first"), chart.get_attribute("data-last")) == (
        stats["first_published"],
        stats["last_published"],
    )
    assert _dates(page) == {"date_from": stats["first_published"], "date_to": stats["last_published"]}
    days = page.eval_on_selector_all("#timeline rect.bar", "bars => bars.map(b => b.dataset.day)")
    assert days and all(stats["first_published"] <= d <= stats["last_published"] for d in days)


def test_an_untitled_article_is_headed_by_its_first_line_and_its_source(page):
    page.evaluate("openArticle('invented-untitled')")
    page.wait_for_selector("#article .source")
    assert page.locator("#article h3").text_content() == UNTITLED.splitlines()[0]
    assert page.locator("#article .source").text_content() == "untitled.example"


def test_the_page_runs_under_a_policy_without_inline_script(page, server):
    response = page.request.get(server)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    html = response.text()
    assert html.count("<script") == html.count("<script src=")
    assert not [e for e in page.errors if "Content Security Policy" in e]


def _chosen(page, selector: str) -> list[str]:
    return page.eval_on_selector(selector, "s => [...s.selectedOptions].map(o => o.value)")


def _listed(page, attribute: str = "id") -> list[str]:
    return page.eval_on_selector_all(".event-item", f"items => items.map(i => i.getAttribute('data-{attribute}'))")


def test_the_acled_and_status_choices_are_the_apis_vocabularies(page):
    options = page.eval_on_selector_all("#acled-type option", "os => os.map(o => o.value)")
    assert sorted(options) == sorted(vocabularies()["acled_type"])
    groups = page.eval_on_selector_all("#acled-type optgroup", "gs => gs.map(g => g.label)")
    assert groups and set(groups) <= set(options), "each group an event type, itself a choice"
    statuses = page.eval_on_selector_all("#status-filter option", "os => os.map(o => o.value)")
    assert statuses == list(vocabularies()["status"])


def test_an_acled_type_narrows_the_list_and_survives_a_reload(page, server):
    everything = _total(page)
    shown = page.request.get(server + "events", params={"limit": 500, **_dates(page)}).json()["items"]
    types = [e["acled_event_type"] for e in shown if e["acled_event_type"]]
    chosen = max(set(types), key=types.count)
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.select_option("#acled-type", [chosen])
    _submit_and_wait(page)
    narrowed = _total(page)
    assert 0 < narrowed < everything
    assert narrowed == types.count(chosen) == _api_total(page, server, acled_type=chosen, **_dates(page))
    assert set(_listed(page, "acled-type")) == {chosen} and len(_listed(page)) == narrowed
    for route in ("/events?", "/events/map?", "/events/histogram?"):
        assert any(route in url and parse_qs(urlparse(url).query).get("acled_type") == [chosen] for url in asked), route
    download = parse_qs(urlparse(page.get_attribute("#download", "href")).query)
    assert download["acled_type"] == [chosen] and download["format"] == ["csv"]
    assert parse_qs(urlparse(page.url).query)["acled_type"] == [chosen]
    page.reload()
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
    assert _chosen(page, "#acled-type") == [chosen]
    assert _total(page) == narrowed and set(_listed(page, "acled-type")) == {chosen}
    loaded = page.locator("body").get_attribute("data-loaded")
    page.click("#reset-filters")
    page.wait_for_selector(f"body:not([data-loaded='{loaded}'])", state="attached", timeout=10_000)
    assert _chosen(page, "#acled-type") == [] and _total(page) == everything and urlparse(page.url).query == ""


def test_a_sub_event_type_keeps_the_events_of_that_sub_type(page, server):
    shown = page.request.get(server + "events", params={"limit": 500, **_dates(page)}).json()["items"]
    subs = [e["acled_sub_event_type"] for e in shown if e["acled_sub_event_type"]]
    chosen = min(set(subs), key=lambda s: (subs.count(s), s))
    page.select_option("#acled-type", [chosen])
    _submit_and_wait(page)
    assert _total(page) == subs.count(chosen) == _api_total(page, server, acled_type=chosen, **_dates(page))
    assert set(_listed(page, "acled-sub-type")) == {chosen}


def _ids(page, server, **params) -> set[str]:
    return {e["id"] for e in page.request.get(server + "events", params={"limit": 500, **params}).json()["items"]}


def test_status_background_shows_the_background_events(page, server):
    # background events ("annexed in 2014") are dated before the publication period: asked for, the default period
    # does not clip them
    default = set(_listed(page))
    expected, in_period = (
        _ids(page, server, status="background"),
        _ids(page, server, status="background", **_dates(page)),
    )
    assert expected and not expected & default, "background events are left out until asked for"
    assert expected - in_period, "the examples date some background events before their publication period"
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.select_option("#status-filter", ["background"])
    _submit_and_wait(page)
    assert set(_listed(page)) == expected
    sent = [parse_qs(urlparse(url).query) for url in asked if "/events?" in url]
    assert sent and all("date_from" not in q and "date_to" not in q for q in sent)
    assert parse_qs(urlparse(page.url).query)["status"] == ["background"]
    assert "date_from" not in parse_qs(urlparse(page.get_attribute("#download", "href")).query)
    page.select_option("#view", "mentions")
    _submit_and_wait(page)
    statuses = _listed(page, "status")
    assert statuses and set(statuses) == {"background"}
    assert len(statuses) == _api_total(page, server, status="background", view="mentions")
    page.locator(".event-item").first.click()
    page.wait_for_selector("#article .selected", timeout=10_000)
    facts = page.eval_on_selector_all("#event-detail dl.facts > *", "nodes => nodes.map(n => n.textContent)")
    assert facts[facts.index("Status") + 1] == "background"


def test_background_events_asked_for_keep_the_dates_the_analyst_narrowed_to(page, server):
    page.check("#include-background")
    _submit_and_wait(page)
    assert _total(page) == _api_total(page, server, include_background="true")
    first = page.input_value("#date-from")
    later = (dt.date.fromisoformat(first) + dt.timedelta(days=1)).isoformat()
    page.fill("#date-from", later)
    _submit_and_wait(page)
    narrowed = {"date_from": later, "date_to": page.input_value("#date-to")}
    assert _total(page) == _api_total(page, server, include_background="true", **narrowed)
    assert _total(page) < _api_total(page, server, include_background="true")


def test_an_unknown_value_in_the_url_is_said_plainly_and_the_page_goes_on(browser, server):
    page = _open(browser, server + "?acled_type=Foo,battles&status=planned")
    try:
        line = page.locator("#status")
        assert line.text_content() == "Filter acled_type: unknown value 'Foo'; Filter status: unknown value 'planned'"
        assert "error" in line.get_attribute("class")
        assert page.locator(".event-item").count() == 0 and page.locator(".event-marker, .cell-marker").count() == 0
        assert _chosen(page, "#acled-type") == ["Battles", "Foo"], "the known value matched in any case"
        assert page.locator("#acled-type option.unknown").text_content() == "Foo (unknown)"
        page.select_option("#acled-type", ["Battles"])
        page.select_option("#status-filter", [])
        _submit_and_wait(page)
        assert line.text_content() == "" and "error" not in line.get_attribute("class")
        assert _total(page) == _api_total(page, server, acled_type="Battles", **_dates(page)) > 0
        loaded = page.locator("body").get_attribute("data-loaded")
        page.click("#reset-filters")
        page.wait_for_selector(f"body:not([data-loaded='{loaded}'])", state="attached", timeout=10_000)
        assert page.locator("#acled-type option.unknown, #status-filter option.unknown").count() == 0
        crashes = [e for e in page.errors if "Failed to load resource" not in e or "422" not in e]
        assert crashes == []
    finally:
        page.close()


def test_an_error_answer_is_said_in_a_few_words(page, server):
    answer = page.request.get(server + "events", params={"min_fatalities": "-1"})
    assert answer.status == 422
    said = page.evaluate("b => errorMessage({status: 422, statusText: 'Unprocessable Entity'}, b)", answer.text())
    assert said == "Filter min_fatalities: " + answer.json()["detail"][0]["msg"]
    cases = {
        '{"detail": "The query took too long."}': "The query took too long.",
        "<html>Bad gateway</html>": "502 Bad Gateway",
        '{"detail": [{"loc": ["query", "plover"], "msg": "unknown plover \'NOPE\'; one or more of: accuse", '
        '"input": "NOPE"}]}': "Filter plover: unknown value 'NOPE'",
    }
    for body, expected in cases.items():
        assert page.evaluate("b => errorMessage({status: 502, statusText: 'Bad Gateway'}, b)", body) == expected
