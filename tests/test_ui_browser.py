"""The web UI in a real browser: Debian's Chromium driven by Playwright, against `dateline serve`.

The store holds the seed report, the first articles of the shared news corpus
and one invented article full of markup that must stay inert. A screenshot is
saved to test-artifacts/ui.png.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, free_port

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("DATELINE_CHROMIUM", "/usr/bin/chromium")
CORPUS_ARTICLES = 40
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = (
    "Invented: a harbour <script>window.__pwned = 1</script> was shelled in Odesa on Monday, officials said. "
    '<img src=x onerror="window.__pwned = 2"> Two people were killed.'
)

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM} (apt install chromium)"
)


@pytest.fixture(scope="module")
def server(shared, tmp_path_factory):
    work = tmp_path_factory.mktemp("ui")
    corpus = work / "corpus.jsonl"
    with open(shared / "data" / "corpus" / "ukraine_war_fulltext_gdelt.jsonl", encoding="utf-8") as lines:
        corpus.write_text("".join(next(lines) for _ in range(CORPUS_ARTICLES)), encoding="utf-8")
    hostile = work / "hostile.jsonl"
    hostile.write_text(
        json.dumps(
            {
                "id": "invented-hostile",
                "date": "2023-05-15",
                "source": "invented.example",
                "title": "<b onmouseover=alert(1)>Invented</b>",
                "text": HOSTILE,
            }
        )
        + "\n"
    )
    db = work / "ui.duckdb"
    dateline = [sys.executable, "-m", "dateline.cli"]
    subprocess.run(
        [*dateline, "ingest", str(shared / "seed"), str(corpus), str(hostile), "--db", str(db), "-q"],
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [*dateline, "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        page.errors = []
        page.on("pageerror", lambda err: page.errors.append(str(err)))
        page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        page.goto(server)
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
        yield page
        browser.close()


def _listed_days(page) -> list[str]:
    return [d for d in page.eval_on_selector_all(".event-item", "items => items.map(i => i.dataset.day)") if d]


def test_map_timeline_and_list_load(page):
    assert page.locator(".leaflet-overlay-pane path").count() > 100, "country outlines from world-atlas"
    assert page.locator(".event-marker, .marker-cluster").count() > 0
    assert page.locator("#timeline rect.bar").count() > 1
    assert page.locator(".event-item").count() > 0
    assert page.errors == []


def test_date_range_filters_the_events(page):
    everything = int(page.locator("#event-count").get_attribute("data-total"))
    page.fill("#date-from", "2023-05-12")
    page.fill("#date-to", "2023-05-13")
    page.click("#filters button[type=submit]")
    count = page.locator(f"#event-count:not([data-total='{everything}'])")
    count.wait_for(timeout=10_000)
    days = _listed_days(page)
    assert days and all("2023-05-12" <= d <= "2023-05-13" for d in days)
    assert int(page.locator("#event-count").get_attribute("data-total")) < everything


def test_open_event_highlights_its_source_span(page):
    page.locator(".event-item").first.click()
    selected = page.locator("#article .selected").first
    selected.wait_for(timeout=10_000)
    first_mention = page.locator("#event-detail .mentions li").first
    assert selected.text_content() == first_mention.get_attribute("data-trigger") != ""
    assert page.locator("#article .k-place").count() > 0 and page.locator("#article .k-time").count() > 0
    assert page.locator("#event-detail dl.facts dt").count() >= 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui.png"))
    assert (ARTIFACTS / "ui.png").stat().st_size > 10_000


def test_markup_in_articles_stays_text(page):
    page.evaluate("openArticle('invented-hostile')")
    page.wait_for_selector("#article .text")
    shown = page.locator("#article .text").text_content()
    assert "<script>window.__pwned = 1</script>" in shown and 'onerror="window.__pwned = 2"' in shown
    assert page.locator("#article script, #article img, #article b").count() == 0
    assert page.locator("#article h3").text_content().startswith("<b onmouseover")
    assert page.evaluate("window.__pwned") is None
    assert not [e for e in page.errors if "dialog" in e]


def test_docs_page_works_offline(page, server):
    page.goto(server + "docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".opblock-summary-path").count() >= 7
    page.goto(server)
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
