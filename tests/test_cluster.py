"""The Dask engine against a real cluster: a scheduler and two workers started as processes on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from dateline.store import Store, record_rows

from .conftest import EXAMPLES, N_EXAMPLES, free_port

pytest.importorskip("distributed")
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    if not DASK.exists() and shutil.which("dask") is None:
        pytest.skip("the dask command is not installed")
    dask = str(DASK) if DASK.exists() else "dask"
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask")
    commands = {"scheduler": [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]}
    for n in range(2):
        commands[f"worker{n}"] = [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"]
        commands[f"worker{n}"] += ["--name", f"w{n}", "--local-directory", str(logs / f"w{n}")]
    from distributed import Client

    with ExitStack() as stack:
        processes = []
        for name, command in commands.items():
            log = stack.enter_context(open(logs / f"{name}.log", "w"))
            processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT))
        try:
            with Client(address, timeout=30) as client:
                client.wait_for_workers(2, timeout=60)
            yield address
        finally:
            for process in reversed(processes):
                process.terminate()
            for process in processes:
                process.wait(timeout=30)


def _records(path: Path) -> list[dict]:
    with Store(path, read_only=True) as store:
        rows = list(record_rows(store))
    for row in rows:
        row["article"].pop("ingested_at")
    return rows


def test_dask_engine_stores_the_same_records_as_local(scheduler, tmp_path):
    cli = [sys.executable, "-m", "dateline.cli", "ingest", str(EXAMPLES), "--quiet", "--no-fuse", "--batch-size", "3"]
    local = subprocess.run([*cli, "--db", str(tmp_path / "local.duckdb")], capture_output=True, text=True)
    assert local.returncode == 0, local.stderr
    parts = tmp_path / "parts"
    engine = ["--engine", "dask", "--scheduler", scheduler, "--parts", str(parts)]
    dask = subprocess.run([*cli, "--db", str(tmp_path / "dask.duckdb"), *engine], capture_output=True, text=True)
    assert dask.returncode == 0, dask.stderr
    assert f"read {N_EXAMPLES}, stored {N_EXAMPLES}" in dask.stderr
    assert _records(tmp_path / "dask.duckdb") == _records(tmp_path / "local.duckdb")
    event_parts = sorted((parts / "events").glob("part-*.parquet"))
    assert len(event_parts) >= 2, "each batch wrote its own part"
    with Store(tmp_path / "dask.duckdb", read_only=True) as store:
        _, rows = store.query(f"SELECT count(*) FROM read_parquet('{parts}/events/*.parquet')")
        assert rows[0][0] == store.query("SELECT count(*) FROM events")[1][0][0]


def test_dask_engine_needs_a_scheduler(tmp_path):
    cli = [sys.executable, "-m", "dateline.cli", "ingest", str(EXAMPLES), "--db", str(tmp_path / "x.duckdb")]
    result = subprocess.run([*cli, "--engine", "dask"], capture_output=True, text=True)
    assert result.returncode == 2 and "--scheduler" in result.stderr
