"""The readers of the web's formats: HTML pages, RSS/Atom feeds and WARC archives."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import Errors, ReadError
from .read_article import (
    MAX_HTML_BYTES,
    MAX_WARC_RECORD_BYTES,
    date_of_struct,
    make_article,
    parse_date,
    refuse_empty_or_binary,
    unexpected,
)
from .schema import Article

Item = Article | ReadError


# --- HTML ------------------------------------------------------------------


def read_html(data: bytes, path: str, default_date: dt.date | None) -> Iterator[Item]:
    """A web page: main text by trafilatura, date from the page's metadata."""
    yield _article_from_html(data, path, path, default_date=default_date)


def _article_from_html(
    data: bytes,
    where: str,
    id: str,
    *,
    default_date: dt.date | None,
    url: str | None = None,
    fallback_date: dt.date | None = None,
) -> Article:
    import trafilatura

    html = decode_html(data, where)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, url=url)
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise ReadError(where, Errors.E111 + f" ({type(err).__name__})") from None
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (meta.get("text") or "").strip()
    if not text:
        raise ReadError(where, Errors.E111)
    published = _safe_date(meta.get("date"), where) or fallback_date or default_date
    if published is None:
        raise ReadError(where, Errors.E109)
    return make_article(
        id=Path(id).stem if id == where else id,
        text=text,
        published=published,
        source=meta.get("sitename") or meta.get("hostname"),
        url=url or meta.get("url"),
        title=meta.get("title"),
    )


def decode_html(data: bytes, where: str) -> str:
    """HTML bytes to str: UTF-8, or the charset the page declares."""
    refuse_empty_or_binary(data, where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        declared = re.search(rb"charset=[\"']?([\w-]+)", data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeError, ValueError):
                pass
        raise ReadError(where, Errors.E103.format(byte=data[err.start], offset=err.start)) from None


def _safe_date(value: object, where: str) -> dt.date | None:
    try:
        return parse_date(value, where)
    except ReadError:
        return None


# --- RSS / Atom ------------------------------------------------------------


def read_feed(data: bytes, path: str, default_date: dt.date | None) -> Iterator[Item]:
    """Each entry of an RSS or Atom feed becomes an article (its content, else its summary)."""
    import feedparser

    decode_html(data, path)
    feed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        reason = str(feed.get("bozo_exception") or "no entries found")
        raise ReadError(path, Errors.E112.format(reason=reason))
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}:entry {number}"
        try:
            yield _article_from_entry(entry, feed, where, default_date)
        except ReadError as err:
            yield err
        except Exception as err:  # one bad entry costs only itself
            yield unexpected(where, err)


def _article_from_entry(entry, feed, where: str, default_date: dt.date | None) -> Article:
    html = ""
    if entry.get("content"):
        html = "\n\n".join(part.get("value", "") for part in entry.content)
    html = html or entry.get("summary", "")
    text = html_to_text(html)
    if not text:
        raise ReadError(where, Errors.E114)
    parsed = entry.get("published_parsed") or entry.get("updated_parsed") or feed.feed.get("updated_parsed")
    published = date_of_struct(parsed) or default_date
    if published is None:
        raise ReadError(where, Errors.E109)
    return make_article(
        id=entry.get("id") or entry.get("link") or where,
        text=text,
        published=published,
        source=feed.feed.get("title"),
        url=entry.get("link"),
        title=entry.get("title"),
    )


def html_to_text(html: str) -> str:
    """Paragraph text of an HTML fragment; paragraphs separated by blank lines."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises ParserError and ValueError on fragments it cannot parse
        return re.sub(r"<[^>]+>", " ", html).strip()
    blocks = [b.text_content().strip() for b in root.iter("p", "li", "h1", "h2", "h3", "blockquote")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else root.text_content().strip()


# --- WARC ------------------------------------------------------------------


def read_warc(data: bytes, path: str, default_date: dt.date | None) -> Iterator[Item]:
    """HTML responses in a WARC (or gzipped WARC) archive, as Common Crawl News ships them."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not data.strip():
        raise ReadError(path, Errors.E101)
    found = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            declared = _declared_length(record)
            if declared > MAX_WARC_RECORD_BYTES:  # stop before warcio decompresses it to skip over it
                raise ReadError(
                    path, Errors.E116.format(what=f"record {number}", limit_mb=MAX_WARC_RECORD_BYTES / 2**20)
                )
            if record.rec_type != "response":
                continue
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower():
                continue
            found += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            warc_date = _safe_date(record.rec_headers.get_header("WARC-Date"), path)
            where = f"{path}:record {number}"
            try:
                body = record.content_stream().read(MAX_HTML_BYTES + 1)  # decoded: HTTP gzip is expanded here
                if len(body) > MAX_HTML_BYTES:
                    raise ReadError(
                        where, Errors.E116.format(what="the record's body", limit_mb=MAX_HTML_BYTES / 2**20)
                    )
                yield _article_from_html(
                    body, where, url or where, default_date=None, url=url, fallback_date=warc_date or default_date
                )
            except ReadError as err:
                yield err
            except Exception as err:  # one bad record costs only itself
                yield unexpected(where, err)
    except ReadError:
        raise
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, KeyError, IndexError, TypeError, AttributeError) as err:
        raise ReadError(
            path, Errors.E113.format(reason=str(err).splitlines()[0] if str(err) else type(err).__name__)
        ) from None
    except Exception as err:  # zlib and http header parsers inside warcio raise their own types
        raise ReadError(path, Errors.E113.format(reason=type(err).__name__)) from None
    if not found:
        raise ReadError(path, Errors.E113.format(reason="no HTML response records"))


def _declared_length(record) -> int:
    try:
        return int(record.rec_headers.get_header("Content-Length") or 0)
    except (TypeError, ValueError):
        return 0
