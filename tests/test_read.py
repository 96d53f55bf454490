import datetime as dt
import gzip
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import ReadError
from dateline.read import READERS, read_paths
from dateline.schema import Article

from .conftest import EXAMPLES, N_EXAMPLES


def _read(*paths, **kwargs):
    items = list(read_paths([str(p) for p in paths], **kwargs))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


@pytest.mark.parametrize(
    "name, n_articles",
    [
        ("2024-03-02-invented-harbour-strike.txt", 1),
        ("invented-wire.jsonl", 3),
        ("invented-page.html", 1),
        ("invented-feed.rss", 2),
        ("invented-crawl.warc.gz", 2),
    ],
)
def test_read_each_format(name, n_articles):
    articles, errors = _read(EXAMPLES / name)
    assert not errors
    assert len(articles) == n_articles
    for article in articles:
        assert article.lang == "en"
        assert article.text.strip() and article.n_words > 10
        assert isinstance(article.published, dt.date)
        assert len(article.content_hash) == 64


def test_read_text_header_sets_date_and_strips_header():
    (article,), _ = _read(EXAMPLES / "2024-03-02-invented-harbour-strike.txt")
    assert article.published == dt.date(2024, 3, 2)
    assert article.text.startswith("Two soldiers")


def test_read_html_takes_date_from_metadata_and_drops_boilerplate():
    (article,), _ = _read(EXAMPLES / "invented-page.html")
    assert article.published == dt.date(2024, 3, 1)
    assert "power station" in article.text
    assert "Example footer" not in article.text


def test_read_warc_takes_url_as_id():
    articles, _ = _read(EXAMPLES / "invented-crawl.warc.gz")
    assert all(a.id.startswith("https://example.invalid/") for a in articles)
    assert [a.published for a in articles] == [dt.date(2024, 3, 5), dt.date(2024, 3, 6)]


def test_read_directory_recurses_and_skips_non_inputs():
    articles, errors = _read(EXAMPLES)
    assert not errors
    assert len(articles) == N_EXAMPLES


def test_read_glob(tmp_path):
    articles, errors = _read(str(EXAMPLES / "*.txt"))
    assert len(articles) == 2 and not errors


@pytest.mark.parametrize(
    "content, code",
    [
        (b"", "E101"),
        (b"   \n\n ", "E101"),
        (b"\x00\x01\x02binary\xff", "E102"),
        (" date 2024-01-01 caf\u00e9".encode("latin-1"), "E103"),
        (b"No header and no date given.", "E106"),
    ],
)
def test_read_bad_text_file_is_one_clear_error(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, errors = _read(path)
    assert not articles
    assert len(errors) == 1
    assert code in errors[0].message and str(path) in str(errors[0])


def test_read_missing_date_is_supplied_by_default_date(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("A report without a date header, about Kyiv.")
    (article,), errors = _read(path, default_date=dt.date(2024, 5, 1))
    assert article.published == dt.date(2024, 5, 1) and not errors


def test_read_huge_article_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(" date 2024-01-01 " + "word " * 4_200_000)
    articles, errors = _read(path)
    assert not articles and "E105" in errors[0].message


def test_read_an_overlong_jsonl_line_is_refused_and_the_others_are_read(tmp_path):
    path = tmp_path / "long.jsonl"
    line = {"id": "a", "date": "2024-01-02", "text": "Soldiers advanced near Kharkiv, officials said."}
    lines = [line, {**line, "id": "b", "text": "word " * 300_000}, {**line, "id": "c"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    articles, errors = _read(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert len(errors) == 1 and "E105" in errors[0].message and "1,500,000 characters" in errors[0].message


def test_read_malformed_jsonl_line_keeps_the_others(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = {"id": "a", "date": "2024-01-02", "text": "Soldiers advanced near Kharkiv, officials said."}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "b"}),
        json.dumps([1, 2]),
        json.dumps({"id": "c", "text": "No date here at all."}),
        json.dumps({**good, "id": "d", "date": "yesterday"}),
    ]
    path.write_text("\n".join(lines))
    articles, errors = _read(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert [e.line for e in errors] == [2, 4, 5, 6]
    assert "E107" in errors[0].message and "E109" in errors[2].message and "E110" in errors[3].message


def test_read_broken_html_recovers_the_text_it_can(tmp_path):
    path = tmp_path / "broken.html"
    path.write_bytes(b"<html><body><div><p>Shelling hit the town of Izium on Monday, officials <b>said <<<>>> </html")
    (article,), errors = _read(path, default_date=dt.date(2024, 1, 1))
    assert "Izium" in article.text and not errors


def test_read_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"<html><head><title>t</title><script>var a = '<p>';</script></head><body><div></div>")
    articles, errors = _read(path, default_date=dt.date(2024, 1, 1))
    assert not articles and "E111" in errors[0].message


def test_read_truncated_warc_is_an_error(tmp_path):
    data = (EXAMPLES / "invented-crawl.warc.gz").read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n") + data[:50])
    articles, errors = _read(path)
    assert errors and all("E113" in e.message or "E111" in e.message for e in errors)


def test_read_missing_path():
    articles, errors = _read("/no/such/file.txt")
    assert not articles and "E100" in errors[0].message


def test_non_english_article_is_read_with_its_language(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        " date 2024-01-01 Die Soldaten haben heute in der Nähe der Stadt Boden gutgemacht,"
        " sagte der Präsident am Freitag."
    )
    (article,), _ = _read(path)
    assert article.lang == "de"


PREFIXES = [
    b"",
    b" date 2024-01-01 ",
    b'{"id": "x", "date": "2024-01-01", "text": ',
    b"<html><body><p>",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>',
    b"WARC/1.0\r\n",
    b"\x1f\x8b\x08\x00",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.tuples(
        st.sampled_from(PREFIXES), st.one_of(st.binary(max_size=1500), st.text(max_size=500).map(str.encode))
    ).map(b"".join)
)
@pytest.mark.parametrize("reader", sorted(READERS))
def test_readers_raise_nothing_but_read_errors(reader, data):
    try:
        items = list(READERS[reader](data, "fuzz", None))
    except ReadError:
        return
    assert all(isinstance(i, (Article, ReadError)) for i in items)


def test_jsonl_keeps_the_title_beside_a_lead(tmp_path):
    # a RUWA item: a title and a lead (the text); the title stays the title, the lead the text
    item = {"id": "ruwa-x", "date": "2022-04-14", "source": "invented.example", "url": "https://invented.example/1",
            "title": "Invented: strikes on a warship", "text": "Invented lead: a warship was struck on Wednesday.",
            "ruwa_event": "invented"}  # fmt: skip
    title_only = {**item, "id": "ruwa-y", "text": None}
    path = tmp_path / "ruwa.jsonl"
    path.write_text(json.dumps(item) + "\n" + json.dumps(title_only) + "\n")
    (lead, bare), errors = _read(path)
    assert not errors
    assert (lead.title, lead.text) == (item["title"], item["text"])
    assert (bare.title, bare.text) == (item["title"], item["title"])


def test_shared_ruwa_items_keep_title_and_lead(shared):
    ruwa = shared / "data" / "corpus" / "ruwa_titles_leads.jsonl"
    if not ruwa.exists():
        pytest.skip(f"needs the RUWA leads at {ruwa}")
    with ruwa.open(encoding="utf-8") as f:
        raw = [o for o in map(json.loads, f) if o.get("title") and o.get("text")][:20]
    text = "".join(json.dumps(o) + "\n" for o in raw)
    articles = [a for a in READERS["jsonl"](text.encode(), "ruwa.jsonl", None) if isinstance(a, Article)]
    assert [(a.title, a.text) for a in articles] == [(o["title"], o["text"]) for o in raw]


def test_jsonl_keeps_the_publication_time_and_machine_translation(tmp_path):
    base = {"date": "2022-01-25", "source": "invented.example", "text": "Invented: talks were held in Berlin today."}
    lines = [
        {**base, "id": "a", "datetime": "2022-01-25T09:00:00Z", "machine_translated": True},
        {**base, "id": "b", "datetime": "2022-01-25T23:30:00-02:00", "machine_translated": False},
        {**base, "id": "c", "machine_translated": None},
        {**base, "id": "d", "date": "2022-01-25T07:15:00Z", "machine_translated": "yes"},
        {**base, "id": "e", "datetime": "not a time 12:00"},
    ]
    path = tmp_path / "full.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    articles, errors = _read(path)
    assert not errors
    got = {a.id: (a.published, a.published_at, a.machine_translated) for a in articles}
    day = dt.date(2022, 1, 25)
    assert got == {
        "a": (day, dt.datetime(2022, 1, 25, 9, 0), True),
        "b": (day, dt.datetime(2022, 1, 26, 1, 30), False),  # UTC
        "c": (day, None, None),
        "d": (day, dt.datetime(2022, 1, 25, 7, 15), None),  # only a boolean says translated
        "e": (day, None, None),
    }


def test_shared_full_text_keeps_time_and_machine_translation(shared):
    full = shared / "data" / "corpus" / "ukraine_war_fulltext_gdelt.jsonl"
    if not full.exists():
        pytest.skip(f"needs the full-text corpus at {full}")
    with full.open(encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    for translated in (True, False):
        raw = [o for o in items if o.get("datetime") and o.get("machine_translated") is translated][:5]
        assert len(raw) == 5, f"the full-text corpus has no 5 dated items with machine_translated {translated}"
        text = "".join(json.dumps(o) + "\n" for o in raw)
        articles = [a for a in READERS["jsonl"](text.encode(), "full.jsonl", None) if isinstance(a, Article)]
        assert [a.machine_translated for a in articles] == [translated] * 5
        assert [a.published_at.strftime("%Y-%m-%dT%H:%M:%SZ") for a in articles] == [o["datetime"] for o in raw]
