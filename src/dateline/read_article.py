"""What every reader shares: the bounds on input, building a checked `Article`, decoding, dates, and the coded
error for what no reader expected."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import sys
from contextvars import ContextVar
from pathlib import Path

from .boilerplate import find_boilerplate
from .errors import Errors, ReadError
from .lang import detect_language
from .schema import Article

MAX_CHARS = 1_000_000
# The longest text `make_article` accepts: no limit, except while `read.read_file` reads an item (its
# --max-chars), so that an overlong text is refused before language and page furniture are read from it.
TEXT_LIMIT: ContextVar[int] = ContextVar("dateline_text_limit", default=sys.maxsize)
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_HTML_BYTES = 10 * 1024 * 1024  # an HTML page, a file or a WARC record's decoded body
MAX_WARC_RECORD_BYTES = 64 * 1024 * 1024  # a WARC record as it declares itself, once decompressed
MAX_ID_CHARS = 1024
MAX_FIELD_CHARS = 10_000  # title, source, url
SNIFF_BYTES = 8192

WORD = re.compile(r"\w+")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TIME_OF_DAY = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

logger = logging.getLogger("dateline.read")


def unexpected(where: str | Path, err: BaseException, line: int | None = None) -> ReadError:
    """A coded `ReadError` for an exception no reader expected (RecursionError, OverflowError, ...)."""
    reason = (str(err).splitlines() or [""])[0][:200] or "no message"
    return ReadError(str(where), Errors.E117.format(kind=type(err).__name__, reason=reason), line=line)


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
    published_at: dt.datetime | None = None,
    machine_translated: bool | None = None,
) -> Article:
    """Build an Article, filling the derived fields (language, word count, content hash, page furniture).

    Text fields are validated here: lone surrogates (which no UTF-8 writer accepts) become U+FFFD, one
    character for one so offsets hold, and are counted in a warning; an overlong id or field is an error.
    """
    id, title, source, url = (
        _checked_field(name, value, id)
        for name, value in (("id", id), ("title", title), ("source", source), ("url", url))
    )
    if len(text) > TEXT_LIMIT.get():
        raise ReadError(id[:80], Errors.E105.format(n=len(text), limit=TEXT_LIMIT.get()))
    text = _without_surrogates(text, id, "text")
    return Article(
        id=id,
        published=published,
        published_at=published_at,
        source=source,
        url=url,
        title=title,
        lang=detect_language(text),
        machine_translated=machine_translated,
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


def parse_datetime(value: object, where: str) -> dt.datetime | None:
    """A publication time in UTC (naive) from an ISO 8601 string with a time ('2022-01-25T09:00:00Z'); None when
    absent or without a time of day. One that cannot be read is dropped with a warning: the date still holds."""
    if not isinstance(value, str) or not _TIME_OF_DAY.match(value.strip()):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        logger.warning("%s: publication time %r is not ISO 8601, dropped", where[:120], _short(value))
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


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
