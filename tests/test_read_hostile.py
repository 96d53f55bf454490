"""Hostile input: every failure is the item's own coded ReadError, and good items beside it are kept."""

import gzip
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import read, read_web
from dateline.errors import ReadError
from dateline.read import read_file, read_paths
from dateline.schema import Article

GOOD = {
    "id": "good-1",
    "date": "2024-03-02",
    "text": "Dockworkers walked out in the invented port of Larnow on Friday.",
}
HOSTILE_JSON = [
    "[" * 100_000,
    '{"id": ' + "7" * 5000 + ', "date": "2024-03-02", "text": "An invented line."}',
    '{"id": "x", "date": "0000-00-00", "text": "An invented line."}',
    '{"id": "x", "date": "9999-12-31T23:59:59-12:00", "text": "An invented line."}',
    '{"id": ["a"], "date": "2024-03-02", "text": "An invented line."}',
    '{"id": "x", "date": {"y": 1}, "text": "An invented line."}',
    '{"id": "x", "date": "2024-03-02", "text": 5}',
]


def _items(path):
    items = list(read_file(path))
    assert all(isinstance(item, Article | ReadError) for item in items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


@pytest.mark.parametrize("line", HOSTILE_JSON)
def test_read_hostile_jsonl_line_costs_only_itself(tmp_path, line):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([json.dumps(GOOD), line, json.dumps({**GOOD, "id": "good-2"})]), encoding="utf-8")
    articles, errors = _items(path)
    assert [a.id for a in articles] == ["good-1", "good-2"]
    assert len(errors) == 1 and errors[0].line == 2 and "[E1" in errors[0].message


def test_read_deeply_nested_json_file_is_a_coded_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    articles, errors = _items(path)
    assert not articles and "E107" in errors[0].message


def test_read_lone_surrogates_are_replaced_one_for_one(tmp_path):
    path = tmp_path / "surrogates.jsonl"
    text = "The invented ferry \\ud800 sank near Larnow."
    path.write_text('{"id": "s\\udc00", "title": "T\\ud800", "date": "2024-03-02", "text": "%s"}' % text)
    (article,), errors = _items(path)
    assert not errors
    assert "\ufffd" in article.text and len(article.text) == len("The invented ferry x sank near Larnow.")
    assert article.id == "s\ufffd" and article.title == "T\ufffd"
    article.model_dump_json().encode("utf-8")  # writable: no lone surrogate left


def test_read_html_with_unknown_charset_and_bad_byte_is_a_coded_error(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><head><meta charset="undefined"></head><body><p>Invented \xff text.</p></body></html>')
    articles, errors = _items(path)
    assert not articles and "E103" in errors[0].message


@pytest.mark.parametrize("pub_date", ["0000-00-00", "9999-12-31T23:59:59-12:00", "Mon, 31 Dec 9999 23:59:59 -1200"])
def test_read_feed_with_impossible_date_keeps_the_good_entry(tmp_path, pub_date):
    path = tmp_path / "feed.rss"
    entry = (
        "<item><title>{t}</title><link>http://example.invalid/{t}</link><pubDate>{d}</pubDate>"
        "<description>Invented report: the ferry to Larnow was cancelled on Friday after a storm.</description></item>"
    )
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Invented</title>"
        + entry.format(t="bad", d=pub_date)
        + entry.format(t="good", d="Sat, 02 Mar 2024 10:00:00 GMT")
        + "</channel></rss>",
        encoding="utf-8",
    )
    articles, errors = _items(path)
    assert [a.url for a in articles] == ["http://example.invalid/good"]
    assert len(errors) == 1 and "E109" in errors[0].message


def _warc(body: bytes, headers: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "http://example.invalid/a", "response", payload=io.BytesIO(body), http_headers=http
    )
    writer.write_record(record)
    return out.getvalue()


def test_read_warc_http_gzip_bomb_is_refused_without_expanding_it(tmp_path, monkeypatch):
    monkeypatch.setattr(read_web, "MAX_HTML_BYTES", 1024 * 1024)
    bomb = gzip.compress(b"<p>" + b"a" * (8 * 1024 * 1024) + b"</p>")
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(_warc(bomb, [("Content-Encoding", "gzip")]))
    articles, errors = _items(path)
    assert not articles and "E116" in errors[0].message


def test_read_warc_record_declaring_a_huge_length_stops_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(read_web, "MAX_WARC_RECORD_BYTES", 1024)
    path = tmp_path / "big.warc.gz"
    path.write_bytes(_warc(b"<html><body><p>" + b"word " * 1000 + b"</p></body></html>", []))
    articles, errors = _items(path)
    assert not articles and "E116" in errors[0].message


def test_read_overlong_title_is_refused(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({**GOOD, "title": "T" * (read.MAX_FIELD_CHARS + 1)}) + "\n" + json.dumps(GOOD))
    articles, errors = _items(path)
    assert len(articles) == 1 and "E115" in errors[0].message


def test_read_mixed_batch_keeps_every_good_file(tmp_path):
    (tmp_path / "feed.rss").write_text("<rss><channel><item><pubDate>0000-00-00</pubDate></item></channel></rss>")
    (tmp_path / "good.jsonl").write_text("\n".join(json.dumps({**GOOD, "id": f"g{i}"}) for i in range(3)))
    (tmp_path / "deep.jsonl").write_text("[" * 50_000)
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    items = list(read_paths([tmp_path]))
    assert sorted(i.id for i in items if isinstance(i, Article)) == ["g0", "g1", "g2"]
    assert all(isinstance(i, Article | ReadError) for i in items)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
ARTICLE_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES | st.integers(min_value=10**4000, max_value=10**4100),
        "date": JSON_VALUES | st.sampled_from(["0000-00-00", "2024-02-30", "9999-12-31T23:59:59-12:00", "2024-03-02"]),
        "text": JSON_VALUES | st.text(min_size=1, max_size=200),
        "title": JSON_VALUES,
        "url": JSON_VALUES,
        "source": JSON_VALUES,
    },
)
FEED_DATES = st.sampled_from(["0000-00-00", "9999-12-31T23:59:59-12:00", "Sat, 02 Mar 2024 10:00:00 GMT", "", "x"])
HOSTILE_BYTES = {
    "jsonl": st.lists(ARTICLE_LIKE.map(json.dumps) | st.text(max_size=60), max_size=5).map(
        lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
    ),
    "html": st.tuples(st.sampled_from(["utf-8", "undefined", "latin-1", "utf-16", ""]), st.binary(max_size=300)).map(
        lambda p: b'<html><head><meta charset="' + p[0].encode() + b'"></head><body><p>' + p[1] + b"</p></body></html>"
    ),
    "rss": st.tuples(FEED_DATES, st.text(max_size=80)).map(
        lambda p: (
            "<rss><channel><item><pubDate>%s</pubDate><description>%s</description></item></channel></rss>" % p
        ).encode("utf-8", "surrogatepass")
    ),
    "txt": st.binary(max_size=400).map(lambda b: b" date 2024-03-02 " + b),
    "warc.gz": st.binary(max_size=400).map(lambda b: gzip.compress(b"WARC/1.0\r\n" + b)),
}


def _check_generated(tmp_path, suffix, data) -> None:
    path = tmp_path / f"input.{suffix}"
    path.write_bytes(data.draw(HOSTILE_BYTES[suffix]))
    for item in read_file(path):
        assert isinstance(item, Article | ReadError)
        if isinstance(item, ReadError):
            assert "[E1" in item.message
        else:
            item.model_dump_json().encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.parametrize("suffix", sorted(HOSTILE_BYTES))
def test_read_generated_hostile_input_gives_only_articles_and_coded_errors(tmp_path, suffix, data):
    _check_generated(tmp_path, suffix, data)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.parametrize("suffix", sorted(HOSTILE_BYTES))
def test_read_ten_thousand_hostile_inputs_per_reader(tmp_path, suffix, data):
    _check_generated(tmp_path, suffix, data)
