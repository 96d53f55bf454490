"""What the `dateline` commands share: options, the store they open, progress bars, error and summary lines,
and the table a query prints."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import os
import sys
from collections.abc import Callable

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def db_option(read_only: bool = False) -> Callable:
    return click.option(
        "--db",
        default="dateline.duckdb",
        show_default=True,
        type=click.Path(dir_okay=False, exists=read_only),
        help="DuckDB store file.",
    )


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date such as 2023-05-13") from None


date_option = click.option(
    "--date",
    "default_date",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for articles that carry none (otherwise such articles are an error).",
)
max_chars_option = click.option(
    "--max-chars", default=1_000_000, show_default=True, type=click.IntRange(1), help="Longest article text accepted."
)


def error_line(text: str) -> None:
    """One `error: ...` line on stderr, coloured only on a terminal and without NO_COLOR."""
    click.echo(coloured(text), err=True, color=colour())


def colour() -> bool:
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def coloured(text: str) -> str:
    return click.style(text, fg="red") if colour() else text


# The optional extras (pyproject's [project.optional-dependencies]) and the modules each provides.
EXTRAS = {"serve": ("fastapi", "uvicorn"), "dask": ("distributed",)}


def require_extra(extra: str, command: str) -> None:
    """Stop with one line naming the pip command when a module of the optional `extra` is not installed."""
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            raise click.ClickException(
                f"`{command}` needs {err.name or module}, which is not installed: pip install 'dateline[{extra}]'"
            ) from None


def fail_line(where: str, reason: str) -> None:
    error_line(f"error: {where}: {reason}")


def format_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """Rows as an aligned text table, JSON lines or CSV."""
    if fmt == "json":
        return "".join(json.dumps(dict(zip(columns, row)), default=str, ensure_ascii=False) + "\n" for row in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def _cell(value: object, limit: int = 60) -> str:
    text = "NULL" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def open_store(db: str, read_only: bool = False, share: bool = False):
    from .store import Store

    return Store(db, read_only=read_only, share=share)


def progress(label: str, quiet: bool):
    from tqdm import tqdm

    return tqdm(desc=label, unit=" articles", file=sys.stderr, disable=quiet or None, dynamic_ncols=True)


def print_summary(summary, db: str) -> None:
    s = summary.as_dict()
    click.echo(
        f"read {s['read']}, stored {s['stored']}, skipped as duplicate {s['duplicates']}, "
        f"not English {s['not_english']}, failed {s['failed']}  -> {db}",
        err=True,
    )
