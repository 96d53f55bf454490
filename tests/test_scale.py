import subprocess
import sys

from dateline.ingest import ingest
from dateline.read import read_paths
from dateline.scale import map_batches
from dateline.store import TABLE_COLUMNS, Store

from .conftest import EXAMPLES, N_EXAMPLES


def _rows(store):
    return {
        t: sorted(
            store.query(f"SELECT * EXCLUDE (ingested_at) FROM {t}" if t == "articles" else f"SELECT * FROM {t}")[1],
            key=repr,
        )
        for t in TABLE_COLUMNS
    }


def test_scale_map_batches_keeps_input_order_across_processes():
    assert list(map_batches(sum, ([i, i] for i in range(12)), workers=2)) == [2 * i for i in range(12)]


def test_scale_two_workers_store_the_same_records_as_one(tmp_path, nlp):
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "two.duckdb") as two:
        ingest(read_paths([EXAMPLES]), one, batch_size=3)
        summary = ingest(read_paths([EXAMPLES]), two, batch_size=3, workers=2)
        assert summary.stored == N_EXAMPLES
        assert _rows(one) == _rows(two)


def test_scale_dask_engine_without_the_dask_extra_says_what_to_install(tmp_path):
    db = tmp_path / "x.duckdb"
    argv = [
        "dateline",
        "ingest",
        str(EXAMPLES),
        "--db",
        str(db),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:1",
    ]
    code = f"import sys; sys.modules['distributed'] = None; from dateline.cli import run; sys.argv = {argv!r}; run()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: `dateline ingest --engine dask` needs distributed, which is not installed: pip install 'dateline[dask]'"
    ]
    assert not db.exists(), "it stops before opening the store"
