"""Exports in the layouts analysts' tools already read, one module per layout, listed in `FORMATS`.

>>> sorted(FORMATS)[:3]
['acled', 'claims', 'gdelt-events']
>>> FORMATS["parquet"].folder
True
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

from ..errors import Errors, ExportError
from ..store import Store
from ..store.tables import TABLE_COLUMNS
from . import acled, gdelt, geojson, tabular
from .acled import ACLED_COLUMNS
from .common import atomic_file, atomic_folder
from .gdelt import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, GKG_COLUMNS


@dataclass(frozen=True)
class Format:
    """An export layout.

    write (Callable[[Store, Any], int]): writes the store to `out`, returns the rows (or files) written.
    description (str): one line for `dateline export -h`.
    folder (bool): `out` is a folder to write files into rather than a text stream.
    """

    write: Callable[[Store, Any], int]
    description: str
    folder: bool = False


FORMATS: MappingProxyType[str, Format] = MappingProxyType(
    {
        "gdelt-events": Format(
            gdelt.write_events, "GDELT Events 2.0: 61 tab-separated columns, no header, one row per fused event"
        ),
        "gdelt-mentions": Format(
            gdelt.write_mentions,
            "GDELT Mentions 2.0: 16 tab-separated columns, no header, one row per mention of a gdelt-events event",
        ),
        "gdelt-gkg": Format(gdelt.write_gkg, "GDELT GKG 2.1: 27 tab-separated columns, no header, one row per article"),
        "acled": Format(
            acled.write, "ACLED's CSV columns, one row per event mention with an ACLED type that took place"
        ),
        "geojson": Format(geojson.write, "a FeatureCollection of the event mentions that have a place"),
        "jsonl": Format(tabular.write_jsonl, "one record per line"),
        "parquet": Format(tabular.write_parquet, "one Parquet file per table, in the folder --out", folder=True),
        "claims": Format(tabular.write_claims, "one claim per line with its speaker, cue, content and events (JSONL)"),
    }
)


def export(store: Store, fmt: str, out: IO[str] | Path | str) -> int:
    """Write the store in format `fmt` to a text stream, a file (a path), or for a folder format such as parquet a
    folder. A file or folder is written atomically: to a temporary one beside it, renamed over it on success and
    removed on failure, so an export that fails midway leaves no partial file. A path that cannot take the export (a
    folder for a file, a file or a folder of other files for a folder, a place that cannot be written) raises
    `ExportError` naming it, before anything is written where possible.

    RETURNS (int): rows (or records, or files) written.
    """
    layout = FORMATS[fmt]
    if not isinstance(out, str | Path):
        return layout.write(store, out)
    path = Path(out)
    check_target(fmt, path)
    try:
        if layout.folder:
            with atomic_folder(path) as folder:
                return layout.write(store, folder)
        with atomic_file(path) as handle:
            return layout.write(store, handle)
    except OSError as error:  # the file system refused the temporary file, folder or the rename
        raise ExportError(Errors.E305.format(fmt=fmt, path=path, reason=error.strerror or error)) from error


def check_target(fmt: str, path: Path) -> None:
    """Raise `ExportError` when `path` cannot take the `fmt` export: a folder for a one-file layout, a file for a
    folder layout, or a folder holding anything but the files a folder layout writes (it is replaced whole)."""
    if not FORMATS[fmt].folder:
        if path.is_dir():
            raise ExportError(Errors.E306.format(fmt=fmt, path=path))
        return
    if path.exists() and not path.is_dir():
        raise ExportError(Errors.E307.format(fmt=fmt, path=path))
    if path.is_dir():
        ours = {f"{table}.parquet" for table in TABLE_COLUMNS}
        others = sorted(p.name for p in path.iterdir() if p.name not in ours)
        if others:
            names = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            raise ExportError(Errors.E308.format(fmt=fmt, path=path, names=names))


def to_text(store: Store, fmt: str) -> str:
    """The export as a string (small stores, tests)."""
    buffer = io.StringIO()
    export(store, fmt, buffer)
    return buffer.getvalue()


__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "GKG_COLUMNS",
    "Format",
    "check_target",
    "export",
    "to_text",
]
