import os
import subprocess
import sys

import pytest

from dateline import ingest as ingest_module
from dateline.errors import DatelineError, ReadError
from dateline.ingest import ingest
from dateline.read import read_paths
from dateline.scale import iterate_in_process, map_batches
from dateline.scale.dask import PartResult, extract_to_parts
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


def _numbers_then(end: str, n: int):
    yield from range(n)
    if end == "raise":
        raise ValueError("the disk went away")
    if end == "die":
        os._exit(3)


def test_scale_reading_in_another_process_gives_what_reading_here_gives(tmp_path):
    (tmp_path / "broken.json").write_bytes(b"{not json")
    paths = [str(EXAMPLES), str(tmp_path / "broken.json"), str(tmp_path / "missing.txt")]
    here = list(read_paths(paths))
    there = list(iterate_in_process(read_paths, paths))
    assert [a for a in there if not isinstance(a, ReadError)] == [a for a in here if not isinstance(a, ReadError)]
    assert [str(e) for e in there if isinstance(e, ReadError)] == [str(e) for e in here if isinstance(e, ReadError)]
    assert sum(isinstance(e, ReadError) for e in there) == 2


def test_scale_process_iterator_keeps_order_past_its_bounded_queue():
    assert list(iterate_in_process(_numbers_then, "end", 1000)) == list(range(1000))


@pytest.mark.parametrize(("end", "says"), [("raise", "ValueError: the disk went away"), ("die", "exit code 3")])
def test_scale_process_iterator_reports_a_failed_or_dead_producer(end, says):
    seen = []
    with pytest.raises(DatelineError, match=says):
        for item in iterate_in_process(_numbers_then, end, 40):
            seen.append(item)
    if end == "raise":
        assert seen == list(range(40)), "what came before the failure is not lost"


def test_scale_two_workers_store_the_same_records_as_one(tmp_path, nlp):
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "two.duckdb") as two:
        ingest(read_paths([EXAMPLES]), one, batch_size=3)
        summary = ingest(read_paths([EXAMPLES]), two, batch_size=3, workers=2)
        assert summary.stored == N_EXAMPLES
        assert _rows(one) == _rows(two)


def test_scale_workers_share_each_batch_in_pieces_and_the_store_writes_it_whole(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(ingest_module, "PIECE", 2)
    writes = []
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "two.duckdb") as two:
        ingest(read_paths([EXAMPLES]), one, batch_size=5)
        write = two.write
        monkeypatch.setattr(two, "write", lambda records: (writes.append(len(records)), write(records)))
        summary = ingest(read_paths([EXAMPLES]), two, batch_size=5, workers=2)
        assert summary.stored == N_EXAMPLES
        assert _rows(one) == _rows(two)
    assert writes == [min(5, N_EXAMPLES - i) for i in range(0, N_EXAMPLES, 5)]


def test_scale_parts_of_several_pieces_attach_as_one_batch(tmp_path, nlp):
    articles = [a for a in read_paths([EXAMPLES]) if not isinstance(a, ReadError)][:4]
    parts = str(tmp_path / "parts")
    merged = PartResult.merged([extract_to_parts(articles[:2], parts), extract_to_parts(articles[2:], parts)])
    assert merged.size == 4 and len(merged.parts["events"]) == 2
    with Store(tmp_path / "attached.duckdb") as attached, Store(tmp_path / "written.duckdb") as written:
        with attached.turn():
            assert attached.attach_parts(merged.ids, merged.parts) == 4
        ingest(iter(articles), written)
        assert _rows(attached) == _rows(written)


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
