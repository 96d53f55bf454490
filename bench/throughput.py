"""End-to-end throughput against bare spaCy, on the same texts.

`ratio`: bare `nlp.pipe` (the same en_core_web_sm model as spaCy loads it, no
Dateline components, none of Dateline's trims) and the full Dateline extraction
over the same articles in this process, alternated `--repeat` times, best run
of each; `peak_rss_mb` is this process's (both pipelines loaded).

`ingest_ratio`: the whole `dateline ingest --workers 1` command (a fresh process,
start to exit, into a new temporary DuckDB, fusion included) against a fresh
process that loads bare spaCy (same model) and pipes the same texts, alternated
`--ingest-repeat` times, best of each; `--ingest-repeat 0` skips it.
`ingest_peak_rss_mb` is the ingest process's peak RSS.

`cpu_ratio` and `ingest_cpu_ratio` are the same ratios of CPU time (user and system, the best run of each):
steadier than wall time on a machine other work shares, but blind to what runs in parallel threads.

`store_ms_per_article`, `event_index_ms_per_article`, `fusion_ms_per_article`
(and `fusion_step_ms_per_article`: copies, events, contradictions): writing the
records of the last full run into a temporary DuckDB in this process, rebuilding
its event index and fusing it, per article.

The ratios are what to compare between machines and commits; absolute rates
vary with the load on the machine.

    python bench/throughput.py                       # 530 English articles of ../shared/data/corpus
    python bench/throughput.py --limit 100 --json    # last line: one JSON object
    python bench/throughput.py --limit 150 --per-component   # what each component adds
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = (
    Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    / "data/corpus/ukraine_war_fulltext_gdelt.jsonl"
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def gazetteer_memory(articles) -> dict:
    """Resident memory the gazetteer adds once loaded and used for every capitalised word of the texts."""
    import re

    from dateline.places.gazetteer import Gazetteer

    before = current_rss_mb()
    start = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - start
    words = {w for a in articles for w in re.findall(r"\b[A-Z][a-z]+\b", a.text)}
    start = time.perf_counter()
    hits = sum(len(gaz.lookup(w)) > 0 for w in words)
    per_lookup_us = (time.perf_counter() - start) / max(len(words), 1) * 1e6
    return {
        "gazetteer_load_s": round(load_s, 3),
        "gazetteer_rss_mb": round(current_rss_mb() - before, 1),
        "gazetteer_lookup_us": round(per_lookup_us, 1),
        "gazetteer_lookups": len(words),
        "gazetteer_hits": hits,
    }


def load_articles(path: Path, limit: int | None):
    from dateline.errors import ReadError
    from dateline.read import read_paths

    articles = [a for a in read_paths([path]) if not isinstance(a, ReadError) and a.lang == "en"]
    return articles[:limit] if limit else articles


CPU_SECONDS: dict[str, list[float]] = {"bare": [], "full": []}  # each run's CPU time, beside its wall time


def time_bare(nlp, articles, batch_size: int) -> float:
    """Bare spaCy: `nlp` as `spacy.load` gives it."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        pass
    CPU_SECONDS["bare"].append(time.process_time() - cpu)
    return time.perf_counter() - start


def time_full(nlp, articles, batch_size: int, only: str | None = None, keep: list | None = None) -> float:
    """The full extraction; with `only`, every other Dateline component is switched off; the records go to `keep`."""
    from dateline.pipeline import extract_articles

    names = [n for n in nlp.pipe_names if n.startswith("dateline_") and only is not None and n != only]
    sink = keep.append if keep is not None else lambda record: None
    with nlp.select_pipes(disable=names):
        start, cpu = time.perf_counter(), time.process_time()
        for record in extract_articles(articles, nlp=nlp, batch_size=batch_size):
            sink(record)
        if only is None:
            CPU_SECONDS["full"].append(time.process_time() - cpu)
        return time.perf_counter() - start


BARE_PROCESS = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""


def write_sample(corpus: Path, articles, path: Path) -> None:
    """The corpus lines of `articles` (English, within --limit), as they are, for both fresh processes."""
    wanted = {a.id for a in articles}
    with corpus.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        out.writelines(line for line in lines if line.strip() and json.loads(line).get("id") in wanted)


def time_process(command: list[str]) -> tuple[float, float, float]:
    """Seconds from start to exit, the process's CPU seconds and its peak RSS in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def ingest_command(sample: Path, db: Path) -> list[str]:
    dateline = str(Path(sys.executable).with_name("dateline"))  # the installed command, as a user runs it
    return [dateline, "ingest", str(sample), "--db", str(db), "--workers", "1", "--quiet"]


def time_ingest(sample: Path, work: Path, run: int) -> tuple[float, float, float]:
    db = work / f"ingest-{run}.duckdb"
    try:
        return time_process(ingest_command(sample, db))
    finally:
        for leftover in work.glob(f"ingest-{run}.duckdb*"):
            leftover.unlink()


def ingest_ratio(corpus: Path, articles, repeat: int, batch_size: int) -> dict:
    """The whole `dateline ingest` command against bare spaCy piping the same texts, both fresh processes."""
    from dateline.nlp import MODEL

    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        work = Path(tmp)
        sample = work / "sample.jsonl"
        write_sample(corpus, articles, sample)
        bare_command = [sys.executable, "-c", BARE_PROCESS, MODEL, str(sample), str(batch_size)]
        bare, whole = [], []
        for run in range(repeat):
            bare.append(time_process(bare_command))
            whole.append(time_ingest(sample, work, run))
    best, best_bare = min(run[0] for run in whole), min(run[0] for run in bare)
    return {
        "ingest_s": round(best, 2),
        "bare_process_s": round(best_bare, 2),
        "ingest_ratio": round(best_bare / best, 4),
        "ingest_cpu_ratio": round(min(run[1] for run in bare) / min(run[1] for run in whole), 4),
        "ingest_peak_rss_mb": round(max(run[2] for run in whole), 1),
    }


def store_costs(records) -> dict:
    """Per article: writing the records into a new DuckDB, rebuilding its event index, fusing it."""
    from dateline.fuse import fuse
    from dateline.store import Store
    from dateline.store.tables import EVENT_INDEX_SELECT

    n = max(len(records), 1)
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        store.write(records)
        write_s = time.perf_counter() - start
        start = time.perf_counter()
        with store.transaction():
            store.con.execute("DELETE FROM event_index")
            store.con.execute(f"INSERT INTO event_index {EVENT_INDEX_SELECT}")
        index_s = time.perf_counter() - start
        start = time.perf_counter()
        fused = fuse(store)
        fuse_s = time.perf_counter() - start
    return {
        "store_ms_per_article": round(write_s / n * 1000, 2),
        "event_index_ms_per_article": round(index_s / n * 1000, 3),
        "fusion_ms_per_article": round(fuse_s / n * 1000, 2),
        "fusion_step_ms_per_article": {step: round(s / n * 1000, 2) for step, s in fused.seconds.items()},
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL articles (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs of each (best is kept)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--ingest-repeat",
        type=int,
        default=3,
        help="alternating fresh-process runs of `dateline ingest` and bare spaCy (best is kept; 0: skip)",
    )
    parser.add_argument(
        "--per-component",
        action="store_true",
        help="also time each Dateline component alone on top of spaCy: its cost as a share of bare spaCy",
    )
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object on the last line")
    args = parser.parse_args(argv)

    import spacy

    from dateline.nlp import MODEL, load_pipeline

    articles = load_articles(args.corpus, args.limit)
    memory = gazetteer_memory(articles)
    nlp = load_pipeline()
    bare_nlp = spacy.load(MODEL)
    n_words = sum(a.n_words for a in articles)
    time_full(nlp, articles[:8], args.batch_size)  # warm-up: lexicon loads, first-call costs
    CPU_SECONDS["full"].clear()
    bare, full, records = [], [], []
    for _ in range(args.repeat):
        bare.append(time_bare(bare_nlp, articles, args.batch_size))
        records.clear()
        full.append(time_full(nlp, articles, args.batch_size, keep=records))
    best_bare, best_full = min(bare), min(full)
    result = {
        "articles": len(articles),
        "words": n_words,
        "articles_per_s": round(len(articles) / best_full, 2),
        "words_per_s": round(n_words / best_full, 1),
        "bare_articles_per_s": round(len(articles) / best_bare, 2),
        "bare_words_per_s": round(n_words / best_bare, 1),
        "ratio": round(best_bare / best_full, 4),
        "cpu_ratio": round(min(CPU_SECONDS["bare"]) / min(CPU_SECONDS["full"]), 4),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "components": [n for n in nlp.pipe_names if n.startswith("dateline_")],
        **memory,
        **store_costs(records),
    }
    if args.ingest_repeat > 0:
        result.update(ingest_ratio(args.corpus, articles, args.ingest_repeat, args.batch_size))
    if args.per_component:
        result["component_overhead"] = {
            name: round(
                min(time_full(nlp, articles, args.batch_size, only=name) for _ in range(args.repeat)) / best_bare - 1, 4
            )
            for name in result["components"]
        }
    for key, value in result.items():
        print(f"{key:<22} {value}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
