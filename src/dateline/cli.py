"""The `dateline` command: a thin layer over the library.

Each command parses its options, calls one library function and formats the
result. Records go to stdout; progress bars, errors and summaries to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from .api import SERVE_WORKERS
from .cli_support import (
    CONTEXT,
    coloured,
    date_option,
    db_option,
    error_line,
    fail_line,
    format_rows,
    max_chars_option,
    open_store,
    print_summary,
    progress,
    require_extra,
)
from .errors import DatelineError
from .version import PIPELINE_VERSION, __version__


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message=f"dateline %(version)s (pipeline {PIPELINE_VERSION})")
def main() -> None:
    """Dateline: dated news reports in, structured and traceable event data out.

    \b
    Example:
        dateline ingest examples/ --db news.duckdb
        dateline query "SELECT what, sum(value) FROM counts GROUP BY 1" --db news.duckdb
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@date_option
@max_chars_option
@click.option("--pretty/--jsonl", default=None, help="Indented JSON (default for one article) or one record per line.")
def extract(paths: tuple[str, ...], default_date: dt.date | None, max_chars: int, pretty: bool | None) -> None:
    """Print the record of each article in PATHS as JSON.

    PATHS are files, directories or globs in any supported format (text with a
    ' date YYYY-MM-DD ' header, JSONL, HTML, RSS/Atom, WARC).

    \b
    Example:
        dateline extract examples/2024-03-02-invented-harbour-strike.txt
    """
    from .errors import ReadError
    from .nlp import load_in_background
    from .pipeline import extract_articles
    from .read import read_paths

    load_in_background()
    items = list(read_paths(paths, default_date=default_date, max_chars=max_chars))
    articles = [i for i in items if not isinstance(i, ReadError)]
    for err in (i for i in items if isinstance(i, ReadError)):
        fail_line(err.path if err.line is None else f"{err.path}:{err.line}", err.message)
    indent = 2 if (pretty if pretty is not None else len(articles) == 1) else None
    for record in extract_articles(articles):
        click.echo(record.model_dump_json(indent=indent))
    if len(articles) < len(items):
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@db_option()
@click.option(
    "--workers", "-w", default=1, show_default=True, type=click.IntRange(1), help="Extraction processes (local engine)."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine's processes; dask: the Dask cluster at --scheduler.",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (--engine dask)."
)
@click.option(
    "--parts",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder the Dask workers write Parquet parts to (shared by all nodes). [default: DB.parts]",
)
@click.option(
    "--batch-size",
    default=None,
    type=click.IntRange(1),
    help="Articles per transaction.  [default: 64, up to 512 while a batch holds under 200,000 characters]",
)
@click.option(
    "--fuse/--no-fuse",
    default=True,
    show_default=True,
    help="Update fused events and contradictions with the new articles afterwards.",
)
@date_option
@max_chars_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    engine: str,
    scheduler: str | None,
    parts: str | None,
    batch_size: int | None,
    fuse: bool,
    default_date,
    max_chars: int,
    quiet: bool,
) -> None:
    """Read, extract and store every article in PATHS, then update the fused events.

    Already stored articles (same id, content and pipeline version) are
    skipped. Each batch is one transaction: an interrupted run loses nothing
    stored, and running it again completes it, fusing too what a killed run
    stored but never fused. A `dateline serve` on the same store keeps
    answering meanwhile (ingest holds the file only while it stores a batch).
    Exits 1 when any item failed.

    \b
    Example:
        dateline ingest examples/ ../shared/data/corpus/*.jsonl --db news.duckdb --workers 2
        dateline ingest corpus/ --db news.duckdb --engine dask --scheduler tcp://10.0.0.5:8786 --parts /shared/parts
    """
    from .ingest import ingest as run_ingest
    from .read import read_paths
    from .scale import iterate_in_process

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS (a running Dask scheduler)")
    if engine == "dask":
        require_extra("dask", "dateline ingest --engine dask")
    if engine == "local" and workers == 1:  # extracted in this process: the pipeline loads while reading starts
        from .nlp import load_in_background

        load_in_background()
    with open_store(db, share=True) as store, progress("ingest", quiet) as bar:
        summary = run_ingest(
            iterate_in_process(read_paths, list(paths), default_date=default_date, max_chars=max_chars),
            store,
            workers=workers,
            batch_size=batch_size,
            on_progress=bar.update,
            on_failure=lambda where, reason: bar.write(coloured(f"error: {where}: {reason}"), file=sys.stderr),
            scheduler=scheduler if engine == "dask" else None,
            parts_dir=parts,
        )
        fused = None
        if fuse:
            from .fuse import fuse_if_pending

            fused = fuse_if_pending(store)
    print_summary(summary, db)
    if fused is not None:
        click.echo(
            f"fused: {fused.fused_events} events ({fused.multi_article_events} in more than one article), "
            f"{fused.contradictions} contradictions",
            err=True,
        )
    sys.exit(0 if summary.ok else 1)


@main.command(context_settings=CONTEXT)
@db_option(read_only=True)
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1), help="Extraction processes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def reprocess(db: str, workers: int, quiet: bool) -> None:
    """Re-extract stored articles whose pipeline version is older than this one.

    \b
    Example:
        dateline reprocess --db news.duckdb
    """
    from .ingest import reprocess as run_reprocess

    with open_store(db, share=True) as store, progress("reprocess", quiet) as bar:
        summary = run_reprocess(store, workers=workers, on_progress=bar.update)
    print_summary(summary, db)
    sys.exit(0 if summary.ok else 1)


@main.command(context_settings=CONTEXT)
@click.argument("sql")
@db_option(read_only=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--param", "-p", "params", multiple=True, help="A value bound to the next '?' in SQL (repeatable).")
def query(sql: str, db: str, fmt: str, params: tuple[str, ...]) -> None:
    """Run SQL against the store (read-only) and print the rows.

    The SQL reaches the store's tables only: no files (COPY, read_csv, ATTACH) and no extensions.

    Tables: articles, mentions, places, times, actors, claims, events, counts, themes.

    \b
    Example:
        dateline query "SELECT what, count(*) FROM counts GROUP BY 1" --format csv
        dateline query "SELECT title FROM articles WHERE published >= ?" -p 2023-05-01
    """
    with open_store(db, read_only=True) as store:
        columns, rows = store.seal().query(sql, list(params))
    click.echo(format_rows(columns, rows, fmt), nl=False)


@main.command(context_settings=CONTEXT)
@db_option(read_only=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(db: str, as_json: bool) -> None:
    """Summarise the store as the API's /stats does: rows per table, event mentions, fused events, copies (articles
    that repeat another), contradictions, languages, dates, pipeline versions.

    \b
    Example:
        dateline stats --db news.duckdb
    """
    from .store import browse

    with open_store(db, read_only=True) as store:
        result = browse.summary(store)
        result["copies"] = _copies(store)
    if as_json:
        click.echo(json.dumps(result, default=str))
        return
    width = max(len(k) for k in result)
    for key, value in result.items():
        click.echo(f"{key:<{width}}  {value}")


def _copies(store) -> int:
    """Articles fusion found to be a copy of another (each group of copies counts all but one); 0 before fusion."""
    from .store import browse

    if not browse.has_table(store, "article_groups"):
        return 0
    return store.query("SELECT count(*) - count(DISTINCT group_id) FROM article_groups")[1][0][0]


def _export_formats() -> dict:
    """The export layouts, imported only by the command that needs them (they import the store)."""
    from .export import FORMATS

    return FORMATS


def _formats_epilog() -> str:
    formats = _export_formats()
    width = max(map(len, formats))
    return "\b\nFormats:\n" + "\n".join(f"  {name:<{width}}  {f.description}" for name, f in formats.items())


class _FormatChoice(click.Choice):
    """The export layouts' names, looked up when first needed, not when every command starts."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(_export_formats())

    @choices.setter
    def choices(self, value) -> None:
        pass


class _ExportCommand(click.Command):
    """Lists the export layouts below its help, read when the help is shown."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.epilog = _formats_epilog()
        super().format_epilog(ctx, formatter)


@main.command(cls=_ExportCommand, context_settings=CONTEXT)
@click.option("--format", "fmt", required=True, type=_FormatChoice(), help="Output layout (below).")
@db_option(read_only=True)
@click.option("--out", type=click.Path(), default=None, help="Output file (a folder for parquet); stdout when omitted.")
def export(fmt: str, db: str, out: str | None) -> None:
    """Export the store in a layout other tools read.

    \b
    Example:
        dateline export --format acled --db news.duckdb --out events.csv
        dateline export --format parquet --db news.duckdb --out parts/
    """
    from .export import export as run_export

    folder = _export_formats()[fmt].folder
    with open_store(db, read_only=True) as store:
        if folder:
            if out is None:
                raise click.UsageError(f"--format {fmt} writes a folder: give it with --out")
            n = run_export(store, fmt, Path(out))
        elif out is None:
            n = run_export(store, fmt, sys.stdout)
        else:  # written beside `out` and renamed once complete: a failed export leaves no partial file
            n = run_export(store, fmt, Path(out))
    click.echo(f"exported {n} {'tables' if folder else 'rows'} as {fmt}", err=True)


@main.command(context_settings=CONTEXT)
@db_option(read_only=True)
@click.option("--rebuild", is_flag=True, help="Recompute every fused event from scratch (same result as incremental).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def fuse(db: str, rebuild: bool, as_json: bool) -> None:
    """Fuse event mentions across articles and link contradicting claims.

    Finds syndicated copies, joins mentions of the same event (same type, overlapping dates,
    nearby places, agreeing actors) into fused events with article and source counts, and
    sets contradicting claims side by side. Only articles stored since the last run are
    processed unless --rebuild is given.

    \b
    Example:
        dateline fuse --db news.duckdb
        dateline query "SELECT * FROM fused_events ORDER BY n_articles DESC LIMIT 10" --db news.duckdb
    """
    import dataclasses

    from .fuse import fuse as run_fuse

    with open_store(db, share=True) as store, store.turn():
        summary = run_fuse(store, rebuild=rebuild, on_step=lambda m: click.echo(m, err=True))
    result = dataclasses.asdict(summary)
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(
        f"fused {summary.articles} articles ({summary.copies} copies in the store): {summary.mentions} mentions "
        f"-> {summary.fused_events} events ({summary.multi_article_events} in more than one article), "
        f"{summary.contradictions} contradictions",
        err=True,
    )


@main.command(context_settings=CONTEXT)
@db_option(read_only=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--workers",
    default=SERVE_WORKERS,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes, each with the store open read-only. One already keeps every core busy (DuckDB runs "
    "its queries on all of them); on 2 cores, 2 processes cost more CPU per request. More may help on more cores.",
)
def serve(db: str, host: str, port: int, workers: int) -> None:
    """Serve the HTTP API and the web UI over a store (read-only).

    \b
    /             the web UI: map, timeline, events, article spans, claims side by side
    /docs         the API's interactive docs (offline); /openapi.json the spec
    /events       event mentions or fused events: bbox, date range, type, actor, source, text
    /articles, /claims, /places, /stats

    \b
    Example:
        dateline serve --db news.duckdb --port 8000
    """
    require_extra("serve", "dateline serve")
    from .api.app import serve as run_server

    url = f"http://{host}:{port}/"
    click.echo(f"Dateline is serving {db} at {url}  (API docs: {url}docs; Ctrl+C stops)", err=True)
    run_server(db, host=host, port=port, workers=workers)


@main.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the JSON Schema of a record.

    \b
    Example:
        dateline schema > record.schema.json
    """
    from .schema import record_json_schema

    click.echo(json.dumps(record_json_schema(), indent=2))


@main.group(context_settings={**CONTEXT}, no_args_is_help=True)
def gazetteer() -> None:
    """Build, extend and query the place-name gazetteer.

    \b
    Example:
        dateline gazetteer build
        dateline gazetteer import UA.zip
        dateline gazetteer lookup Bakhmut
    """


@gazetteer.command("build", context_settings=CONTEXT)
def gazetteer_build() -> None:
    """Build the gazetteer from the installed data packages (and earlier imports).

    It goes to $DATELINE_GAZETTEER, else ~/.cache/dateline/gazetteer-v1.
    """
    from .places.build import build_gazetteer
    from .places.gazetteer import Gazetteer

    folder = build_gazetteer()
    click.echo(f"{len(Gazetteer.load(folder)):,} places -> {folder}", err=True)


@gazetteer.command("import", context_settings=CONTEXT)
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def gazetteer_import(path: str) -> None:
    """Add a GeoNames dump (allCountries.zip, UA.zip, UA.txt, cities*.txt) or a JSONL place list.

    JSONL lines need name, lat and lon (ascii_name, alt_names, population,
    country and admin1 are used when present; rows flagged coord_suspect are
    skipped). The gazetteer is rebuilt with the new places.

    \b
    Example:
        dateline gazetteer import ../shared/data/gazetteer/ukraine_gazetteer.jsonl
    """
    from .places.build import import_file

    click.echo(f"imported {import_file(path):,} places from {path}", err=True)


@gazetteer.command("lookup", context_settings=CONTEXT)
@click.argument("name")
def gazetteer_lookup(name: str) -> None:
    """Print every gazetteer entry with this name, as JSON lines, most populous first, each saying which of its names
    matched ("matched": "name", "alternate name" such as a Russian-era spelling, or "transliteration variant" when
    only a variant spelling finds it); exit 1 saying so when there is none.

    \b
    Example:
        dateline gazetteer lookup Artemivsk     # Bakhmut, by its alternate name
    """
    from .places.gazetteer import Gazetteer

    entries = Gazetteer.load().matches(name)
    for entry in entries:
        click.echo(json.dumps(entry, ensure_ascii=False))
    if not entries:
        click.echo(f"no gazetteer entry is named {name!r}", err=True)
        sys.exit(1)


@main.command("eval", context_settings=CONTEXT)
@click.argument("task", type=click.Choice(["time", "geo", "claims", "events", "seed", "articles"]))
@click.argument("more_gold", nargs=-1, type=click.Path(exists=True, dir_okay=False), metavar="[GOLD]...")
@click.option(
    "--gold",
    "gold_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold file; more may follow it (--gold a.jsonl b.jsonl). Default: the task's dev files in "
    "$DATELINE_SHARED or ../shared.",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N documents (quick checks).")
@click.option(
    "--half",
    type=click.Choice(["read", "score"]),
    default=None,
    help="Only the half of each dev set you read errors on, or the one you only score (by a hash of each "
    "document's id: even SHA-1 -> read). Default: the whole set.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object on the last line.")
def eval_(
    task: str,
    more_gold: tuple[str, ...],
    gold_files: tuple[str, ...],
    limit: int | None,
    half: str | None,
    as_json: bool,
) -> None:
    """Score an extractor against gold data with its field's standard metrics.

    \b
    TASK    gold                                      metrics
    time    ../shared/data/tempeval3/dev.jsonl        TIMEX3 span F1, type and value accuracy
    geo     ../shared/data/{lgl,geowebnews,trnews}    accuracy within 161 km, error in km, NER P/R/F1
    claims  ../shared/data/polnear/dev.jsonl          source, cue, content P/R/F1, exact and partial
    events  ../shared/data/acled_ukraine_sample, case2021_task2   type, actors, place, fatalities, date
    seed    ../shared/gold/*.gold.json                found, gold and spurious items per part
    articles  ../shared/gold/articles/*.gold.json and the seed   P/R/F1 per part, micro over articles

    \b
    Example:
        dateline eval time --gold ../shared/data/tempeval3/dev.jsonl --json
        dateline eval geo --gold ../shared/data/{lgl,geowebnews,trnews}/dev.jsonl
        dateline eval articles --half read --json

    With --json the last line is one JSON object: the metrics, or, for several
    gold files, an object mapping each file to its metrics (articles: one object
    for all its files).
    """
    from .evaluate import run_eval

    results = run_eval(task, [*gold_files, *more_gold], limit=limit, half=half)
    for gold, metrics in results.items():
        click.echo(f"{task} on {gold}", err=as_json)
        for key, value in metrics.items():
            click.echo(f"  {key:<28} {value:.4f}" if isinstance(value, float) else f"  {key:<28} {value}", err=as_json)
    if as_json:
        merged = next(iter(results.values())) if len(results) == 1 else results
        click.echo(json.dumps(merged))


@main.command("train", context_settings=CONTEXT)
@click.argument("tasks", nargs=-1)
@click.option("--check", is_flag=True, help="Retrain every task (or those named) and verify the shipped models.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed of the training run.")
def train(tasks: tuple[str, ...], check: bool, seed: int) -> None:
    """Train a shipped model from its recorded training data and write it into the package.

    \b
    Example:
        dateline train eventness     # writes src/dateline/data/models/eventness.json
        dateline train --check       # exit 1 when a shipped model differs from its retraining
    """
    from . import learn

    if not tasks and not check:
        raise click.UsageError(f"name a task ({', '.join(sorted(learn.TASKS))}) or give --check")
    failed = False
    for task in tasks or sorted(learn.TASKS):
        if check:
            problems = learn.check(task)
            failed = failed or bool(problems)
            for problem in problems:
                fail_line(task, problem)
            click.echo(f"{task}: {'differs from its training data' if problems else 'ok'}", err=True)
        else:
            path = learn.save(learn.train_task(task, seed=seed))
            click.echo(f"{task}: wrote {path}", err=True)
    if failed:
        raise SystemExit(1)


def run() -> None:
    """Entry point that turns Dateline's own errors into one line and exit status 2."""
    try:
        main(standalone_mode=True)
    except DatelineError as err:
        error_line(f"error: {err}")
        sys.exit(2)


if __name__ == "__main__":
    run()
