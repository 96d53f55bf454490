"""kill -9 in the middle of an ingest: the store keeps whole batches only, and a re-run completes it."""

import json
import random
import signal
import subprocess
import sys
import time

from dateline.ingest import ingest
from dateline.read import read_paths
from dateline.store import TABLE_COLUMNS, Store

N_ARTICLES = 600
BATCH = 20
PLACES = ["Kharkiv", "Odesa", "Sumy", "Kherson", "Lviv", "Dnipro", "Mykolaiv", "Poltava"]


def _write_corpus(path):
    rng = random.Random(7)
    with path.open("w") as handle:
        for i in range(N_ARTICLES):
            place, n, m = rng.choice(PLACES), rng.randint(2, 40), rng.randint(1, 9)
            text = (
                f"Invented report {i}: {n} people were killed and {m} wounded when missiles hit {place} on Monday, "
                f"officials said. About {n * 10} residents were evacuated, the governor wrote on Telegram."
            )
            handle.write(json.dumps({"id": f"inv-{i:04d}", "date": "2024-03-04", "text": text}) + "\n")


def _snapshot(db):
    with Store(db, read_only=True) as store:
        return {
            t: sorted(
                store.query(f"SELECT * EXCLUDE (ingested_at) FROM {t}" if t == "articles" else f"SELECT * FROM {t}")[1],
                key=repr,
            )
            for t in TABLE_COLUMNS
        }


def _ingest_cmd(corpus, db):
    return [
        sys.executable,
        "-m",
        "dateline.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        str(BATCH),
        "--quiet",
    ]


def test_ingest_killed_mid_batch_loses_nothing_and_resumes(tmp_path, nlp):
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus)
    clean_db = tmp_path / "clean.duckdb"
    with Store(clean_db) as store:
        assert ingest(read_paths([corpus]), store, batch_size=BATCH).stored == N_ARTICLES
    expected = _snapshot(clean_db)

    partial = None
    for attempt, delay in enumerate([3.0, 4.0, 5.0, 6.5, 8.0, 10.0]):
        db = tmp_path / f"killed-{attempt}.duckdb"
        proc = subprocess.Popen(_ingest_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is not None:
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not db.exists():
            continue
        with Store(db, read_only=True) as store:
            stored = store.query("SELECT count(*) FROM articles")[1][0][0]
        if 0 < stored < N_ARTICLES:
            partial = (db, stored)
            break
    assert partial, "could not kill the ingest while it was part-way through"
    db, stored = partial
    assert stored % BATCH == 0, "a batch was stored in part"
    snapshot = _snapshot(db)
    stored_ids = {row[0] for row in snapshot["articles"]}
    for table, rows in expected.items():
        assert snapshot[table] == [r for r in rows if r[0] in stored_ids], f"{table} differs from a clean run"

    rerun = subprocess.run(_ingest_cmd(corpus, db), capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {N_ARTICLES - stored}, skipped as duplicate {stored}" in rerun.stderr
    assert _snapshot(db) == expected
