"""Read news reports from files into `Article`s.

Formats: plain text with a ` date YYYY-MM-DD ` header, JSONL (`id, date,
source, url, title, text`, optionally `datetime` and `machine_translated`; the
title stays the title when `text` holds a lead, and is the text when there is
none), HTML pages, RSS/Atom feeds and WARC archives.
Directories recurse and globs expand. Readers never raise for one bad file or
line: they yield a `ReadError` in its place, so the rest of a batch goes on.
Here: finding the files, choosing a reader, plain text and JSONL; the web's
formats are in `read_web.py`, what every reader shares (bounds, building a
checked `Article`, dates) in `read_article.py`.

>>> from dateline.read import read_paths
>>> items = list(read_paths(["examples/"]))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import Errors, ReadError
from .read_article import (
    MAX_CHARS,
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    MAX_HTML_BYTES,
    MAX_ID_CHARS,
    SNIFF_BYTES,
    TEXT_LIMIT,
    decode_text,
    make_article,
    parse_date,
    parse_datetime,
    unexpected,
)
from .read_web import read_feed, read_html, read_warc
from .schema import Article

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
        items = reader_for(path, data)(data, str(path), default_date)
        while (item := _next_within(items, max_chars)) is not None:
            yield item
    except ReadError as err:
        yield err
    except OSError as err:
        yield ReadError(path, f"cannot read the file: {err.strerror or err}")
    except Exception as err:  # the reader boundary: whatever a parser raises becomes this file's coded error
        yield unexpected(path, err)


def _next_within(items: Iterator[Item], max_chars: int) -> Item | None:
    """The reader's next item, read with `max_chars` as the longest text it may build (None at the end)."""
    token = TEXT_LIMIT.set(max_chars)
    try:
        return next(items, None)
    finally:
        TEXT_LIMIT.reset(token)


def _refuse_oversized(path: Path) -> None:
    size = path.stat().st_size
    name = path.name.lower()
    limit = MAX_HTML_BYTES if name.endswith((".html", ".htm", ".xhtml")) else MAX_FILE_BYTES
    if size > limit and not _is_stream_format(path):
        raise ReadError(path, Errors.E104.format(size_mb=size / 2**20, limit_mb=limit / 2**20))


def _is_stream_format(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".jsonl", ".ndjson", ".warc", ".warc.gz", ".arc.gz"))


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
            raise ReadError(path, Errors.E107.format(reason=err.msg), line=err.lineno) from None
        except (RecursionError, ValueError) as err:
            reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)[:80]
            raise ReadError(path, Errors.E107.format(reason=reason), line=1) from None
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
            yield line_no, ReadError(path, Errors.E107.format(reason=err.msg), line=line_no)
        except ValueError as err:  # json refuses integers of over 4,300 digits
            yield line_no, ReadError(path, Errors.E107.format(reason=str(err)[:80]), line=line_no)
        except RecursionError:
            yield line_no, ReadError(path, Errors.E107.format(reason="nested too deeply"), line=line_no)


def _article_from_json(obj: object, path: str, line_no: int, default_date: dt.date | None) -> Article:
    where = f"{path}:{line_no}"
    if not isinstance(obj, dict):
        raise ReadError(path, Errors.E108.format(got=type(obj).__name__), line=line_no)
    text, title = obj.get("text"), obj.get("title")
    if not isinstance(text, str) or not text.strip():
        text = title if isinstance(title, str) and title.strip() else None
    if text is None:
        raise ReadError(path, Errors.E108.format(got="no text"), line=line_no)
    try:
        published = parse_date(obj.get("date") or obj.get("published"), where) or default_date
    except ReadError as err:
        raise ReadError(path, err.message, line=line_no) from None
    if published is None:
        raise ReadError(path, Errors.E109, line=line_no)
    translated = obj.get("machine_translated")
    return make_article(
        id=_json_id(obj.get("id"), path, line_no) or f"{Path(path).stem}:{line_no}",
        text=text,
        published=published,
        source=_str_or_none(obj.get("source")),
        url=_str_or_none(obj.get("url")),
        title=_str_or_none(title),
        published_at=parse_datetime(obj.get("datetime") or obj.get("date") or obj.get("published"), where),
        machine_translated=translated if isinstance(translated, bool) else None,
    )


def _json_id(value: object, path: str, line_no: int) -> str | None:
    """An id given as a string or a number; anything else (a list, an object, a 5,000-digit number) is refused."""
    if value is None or value == "" or value is False:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ReadError(path, Errors.E108.format(got=f"an id of type {type(value).__name__}"), line=line_no)
    if isinstance(value, int) and value.bit_length() > 3 * MAX_ID_CHARS:
        digits = int(value.bit_length() * 0.30103) + 1  # str() itself refuses numbers this long
        raise ReadError(path, Errors.E115.format(field="id", n=digits, limit=MAX_ID_CHARS), line=line_no)
    return str(value)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


READERS: dict[str, Reader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}

__all__ = ["MAX_CHARS", "MAX_FIELD_CHARS", "READERS", "expand_paths", "make_article", "read_file", "read_paths"]
