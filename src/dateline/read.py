"""Read news reports from files into `Article`s.

Formats: plain text with a ` date YYYY-MM-DD ` header, JSONL (`id, date,
source, url, title, text`), HTML pages, RSS/Atom feeds and WARC archives.
Directories recurse and globs expand. Readers never raise for one bad file or
line: they yield a `ReadError` in its place, so the rest of a batch goes on.

>>> from dateline.read import read_paths
>>> items = list(read_paths(["examples/"]))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .boilerplate import find_boilerplate
from .errors import Errors, ReadError
from .lang import detect_language
from .schema import Article

MAX_CHARS = 1_000_000
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_HTML_BYTES = 10 * 1024 * 1024  # an HTML page, a file or a WARC record's decoded body
MAX_WARC_RECORD_BYTES = 64 * 1024 * 1024  # a WARC record as it declares itself, once decompressed
MAX_ID_CHARS = 1024
MAX_FIELD_CHARS = 10_000  # title, source, url
SNIFF_BYTES = 8192
INPUT_SUFFIXES = (
    ".txt",
    ".text",
    ".jsonl",
    ".ndjson",
    ".json",
    ".html",
    ".htm",
    ".xhtml",
    ".rss",
    ".atom",
    ".xml",
    ".feed",
    ".warc",
    ".warc.gz",
    ".arc",
    ".arc.gz",
)

HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
WORD = re.compile(r"\w+")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

logger = logging.getLogger(__name__)

Item = Article | ReadError


def read_paths(
    paths: Iterable[str | Path],
    *,
    default_date: dt.date | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Item]:
    """Read every article under the given files, directories and globs.

    paths (Iterable[str | Path]): files, directories (recursed) or glob patterns.
    default_date (date | None): publication date for articles that carry none.
    max_chars (int): longest article text accepted.
    RETURNS (Iterator[Article | ReadError]): articles in file order, with an error in place of each unreadable item.
    """
    for path in expand_paths(paths):
        if isinstance(path, ReadError):
            yield path
        else:
            yield from read_file(path, default_date=default_date, max_chars=max_chars)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _is_input(p) and not _hidden(p, path))
        elif path.is_file():
            yield path
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            yield from (p for p in matches if p.is_file())
        else:
            yield ReadError(str(raw), Errors.E100.format(path=raw))


def _is_input(path: Path) -> bool:
    return path.name.lower().endswith(INPUT_SUFFIXES)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path, *, default_date: dt.date | None = None, max_chars: int = MAX_CHARS) -> Iterator[Item]:
    """Read one file of any supported format; see `read_paths`."""
    try:
        _refuse_oversized(path)
        data = path.read_bytes()
        reader = reader_for(path, data)
        for item in reader(data, str(path), default_date):
            yield _checked(item, max_chars)
    except ReadError as err:
        yield err
    except OSError as err:
        yield ReadError(path, f"cannot read the file: {err.strerror or err}")
    except Exception as err:  # the reader boundary: whatever a parser raises becomes this file's coded error
        yield unexpected(path, err)


def unexpected(where: str | Path, err: BaseException, line: int | None = None) -> ReadError:
    """A coded `ReadError` for an exception no reader expected (RecursionError, OverflowError, ...)."""
    reason = (str(err).splitlines() or [""])[0][:200] or "no message"
    return ReadError(str(where), Errors.E117.format(kind=type(err).__name__, reason=reason), line=line)


def _refuse_oversized(path: Path) -> None:
    size = path.stat().st_size
    name = path.name.lower()
    limit = MAX_HTML_BYTES if name.endswith((".html", ".htm", ".xhtml")) else MAX_FILE_BYTES
    if size > limit and not _is_stream_format(path):
        raise ReadError(path, Errors.E104.format(size_mb=size / 2**20, limit_mb=limit / 2**20))


def _is_stream_format(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".jsonl", ".ndjson", ".warc", ".warc.gz", ".arc.gz"))


def _checked(item: Item, max_chars: int) -> Item:
    if isinstance(item, Article) and len(item.text) > max_chars:
        return ReadError(item.id, Errors.E105.format(n=len(item.text), limit=max_chars))
    return item


Reader = Callable[[bytes, str, dt.date | None], Iterator[Item]]


def reader_for(path: Path, data: bytes) -> Reader:
    """Choose the reader by file name, or by sniffing the content when the name says nothing."""
    name = path.name.lower()
    by_suffix: list[tuple[tuple[str, ...], Reader]] = [
        ((".warc", ".warc.gz", ".arc", ".arc.gz"), read_warc),
        ((".jsonl", ".ndjson", ".json"), read_jsonl),
        ((".html", ".htm", ".xhtml"), read_html),
        ((".rss", ".atom", ".xml", ".feed"), read_feed),
        ((".txt", ".text"), read_text),
    ]
    for suffixes, reader in by_suffix:
        if name.endswith(suffixes):
            return reader
    head = data[:SNIFF_BYTES].lstrip().lower()
    if data[:2] == b"\x1f\x8b" or head.startswith(b"warc/"):
        return read_warc
    if head.startswith((b"{", b"[")):
        return read_jsonl
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return read_feed
    if head.startswith((b"<!doctype html", b"<html")):
        return read_html
    return read_text


def refuse_empty_or_binary(data: bytes, where: str) -> None:
    """Raise the coded error for input that has no text or is binary."""
    if not data.strip():
        raise ReadError(where, Errors.E101)
    nul = data.find(b"\x00", 0, SNIFF_BYTES)
    if nul >= 0:
        raise ReadError(where, Errors.E102.format(offset=nul))


def decode_text(data: bytes, path: str) -> str:
    """Bytes to str, refusing empty, binary and non-UTF-8 input with a coded error."""
    refuse_empty_or_binary(data, path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(path, Errors.E103.format(byte=data[err.start], offset=err.start)) from None


def make_article(
    *,
    id: str,
    text: str,
    published: dt.date,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Build an Article, filling the derived fields (language, word count, content hash, page furniture).

    Text fields are validated here: lone surrogates (which no UTF-8 writer accepts) become U+FFFD, one
    character for one so offsets hold, and are counted in a warning; an overlong id or field is an error.
    """
    id, title, source, url = (
        _checked_field(name, value, id)
        for name, value in (("id", id), ("title", title), ("source", source), ("url", url))
    )
    text = _without_surrogates(text, id, "text")
    return Article(
        id=id,
        published=published,
        source=source,
        url=url,
        title=title,
        lang=detect_language(text),
        n_words=len(WORD.findall(text)),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        boilerplate=find_boilerplate(text),
    )


def _checked_field(name: str, value: str | None, article_id: str) -> str | None:
    if value is None:
        return None
    limit = MAX_ID_CHARS if name == "id" else MAX_FIELD_CHARS
    if len(value) > limit:
        raise ReadError(article_id[:80], Errors.E115.format(field=name, n=len(value), limit=limit))
    return _without_surrogates(value, article_id, name)


def _without_surrogates(value: str, article_id: str, field: str) -> str:
    cleaned, n = LONE_SURROGATE.subn("\ufffd", value)
    if n:
        logger.warning("%s: %d lone surrogate(s) in %s replaced by U+FFFD", article_id[:80], n, field)
    return cleaned


def parse_date(value: object, where: str) -> dt.date | None:
    """An ISO date from a string (a datetime's date part is accepted); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
        if match:
            try:
                date = dt.date.fromisoformat(match.group(1))
            except ValueError:
                date = None
            if date is not None:
                return _not_future(date, where)
    raise ReadError(where, Errors.E110.format(value=_short(value)))


def _not_future(date: dt.date, where: str) -> dt.date:
    if date > dt.date.today() + dt.timedelta(days=1):
        raise ReadError(where, Errors.E119.format(value=date.isoformat()))
    return date


def _short(value: object) -> str:
    text = str(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:40] + "..."


def date_of_struct(parsed) -> dt.date | None:
    """The date of a `time.struct_time` (as feedparser gives), or None when it is no real date (year 0, 10000)."""
    try:
        date = dt.date(*parsed[:3]) if parsed else None
    except (ValueError, OverflowError, TypeError):
        return None
    return date if date is None or date <= dt.date.today() + dt.timedelta(days=1) else None


# --- plain text ------------------------------------------------------------


def read_text(data: bytes, path: str, default_date: dt.date | None) -> Iterator[Item]:
    """A report whose text begins with ` date YYYY-MM-DD `, as the seed is written."""
    raw = decode_text(data, path)
    header = HEADER.match(raw)
    if header:
        published = parse_date(header.group(1), path)
        text = raw[header.end() :].rstrip()
    elif default_date is not None:
        published, text = default_date, raw.strip()
    else:
        raise ReadError(path, Errors.E106)
    if not text:
        raise ReadError(path, Errors.E114)
    yield make_article(id=Path(path).stem, text=text, published=published, source=None)


# --- JSONL -----------------------------------------------------------------


def read_jsonl(data: bytes, path: str, default_date: dt.date | None) -> Iterator[Item]:
    """One JSON object per line; a `.json` file may also hold one object or a list of them."""
    raw = decode_text(data, path)
    stripped = raw.lstrip()
    if stripped.startswith("[") or (path.lower().endswith(".json") and "\n" not in stripped.strip()):
        try:
            loaded = json.loads(raw)
        except json.JSONDecodeError as err:
            raise ReadError(path, Errors.E107.format(line=err.lineno, reason=err.msg), line=err.lineno) from None
        except (RecursionError, ValueError) as err:
            reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)[:80]
            raise ReadError(path, Errors.E107.format(line=1, reason=reason), line=1) from None
        objects = loaded if isinstance(loaded, list) else [loaded]
        lines = ((i + 1, obj) for i, obj in enumerate(objects))
    else:
        lines = _json_lines(raw, path)
    for line_no, obj in lines:
        if isinstance(obj, ReadError):
            yield obj
            continue
        try:
            yield _article_from_json(obj, path, line_no, default_date)
        except ReadError as err:
            yield err
        except Exception as err:  # one bad line costs only itself
            yield unexpected(path, err, line=line_no)


def _json_lines(raw: str, path: str) -> Iterator[tuple[int, object]]:
    for line_no, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield line_no, json.loads(line)
        except json.JSONDecodeError as err:
            yield line_no, ReadError(path, Errors.E107.format(line=line_no, reason=err.msg), line=line_no)
        except ValueError as err:  # json refuses integers of over 4,300 digits
            yield line_no, ReadError(path, Errors.E107.format(line=line_no, reason=str(err)[:80]), line=line_no)
        except RecursionError:
            yield line_no, ReadError(path, Errors.E107.format(line=line_no, reason="nested too deeply"), line=line_no)


def _article_from_json(obj: object, path: str, line_no: int, default_date: dt.date | None) -> Article:
    where = f"{path}:{line_no}"
    if not isinstance(obj, dict):
        raise ReadError(path, Errors.E108.format(line=line_no, got=type(obj).__name__), line=line_no)
    text, title = obj.get("text"), obj.get("title")
    if not isinstance(text, str) or not text.strip():
        text = title if isinstance(title, str) and title.strip() else None
    if text is None:
        raise ReadError(path, Errors.E108.format(line=line_no, got="no text"), line=line_no)
    try:
        published = parse_date(obj.get("date") or obj.get("published"), where) or default_date
    except ReadError as err:
        raise ReadError(path, err.message, line=line_no) from None
    if published is None:
        raise ReadError(path, Errors.E109, line=line_no)
    return make_article(
        id=_json_id(obj.get("id"), path, line_no) or f"{Path(path).stem}:{line_no}",
        text=text,
        published=published,
        source=_str_or_none(obj.get("source")),
        url=_str_or_none(obj.get("url")),
        title=_str_or_none(title),
    )


def _json_id(value: object, path: str, line_no: int) -> str | None:
    """An id given as a string or a number; anything else (a list, an object, a 5,000-digit number) is refused."""
    if value is None or value == "" or value is False:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ReadError(
            path, Errors.E108.format(line=line_no, got=f"an id of type {type(value).__name__}"), line=line_no
        )
    if isinstance(value, int) and value.bit_length() > 3 * MAX_ID_CHARS:
        digits = int(value.bit_length() * 0.30103) + 1  # str() itself refuses numbers this long
        raise ReadError(path, Errors.E115.format(field="id", n=digits, limit=MAX_ID_CHARS), line=line_no)
    return str(value)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


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


READERS: dict[str, Reader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}
