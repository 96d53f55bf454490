"""kill -9 of `dateline ingest --workers 2`: its spaCy workers and multiprocessing's resource tracker end too."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .processes import alive, descendants

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc (Linux)")


def _survivors_of_a_kill_9(parent: subprocess.Popen, children: set[int]) -> list[int]:
    """Kills `parent` with SIGKILL, waits up to 15 seconds for `children` to end, and returns those still alive."""
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(pid) for pid in children):
        time.sleep(0.2)
    return [pid for pid in children if alive(pid)]


def test_workers_die_with_a_killed_ingest(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w") as out:
        for i in range(400):
            text = f"Invented report {i}: missiles hit Kharkiv on Monday, killing {i % 9 + 2} people, officials said."
            out.write(json.dumps({"id": f"inv-{i}", "date": "2024-03-04", "text": text}) + "\n")
    command = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(tmp_path / "n.duckdb")]
    parent = subprocess.Popen(
        [*command, "--workers", "2", "--batch-size", "4", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        children: set[int] = set()
        while time.monotonic() < deadline and len(children) < 3:  # two workers and the resource tracker
            time.sleep(0.5)
            children = descendants(parent.pid)
            assert parent.poll() is None, "ingest ended before its workers could be seen"
        assert len(children) >= 3, children
        time.sleep(3)  # the workers load their models and take batches
        assert not _survivors_of_a_kill_9(parent, children)
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in descendants(parent.pid) if parent.poll() is None else ():
            os.kill(pid, signal.SIGKILL)


def test_server_workers_die_with_a_killed_serve(tmp_path):
    """kill -9 of `dateline serve --workers 2`: its two worker processes stop too (no orphan keeps the port)."""
    pytest.importorskip("uvicorn")
    httpx = pytest.importorskip("httpx")
    from dateline.store import Store

    db = tmp_path / "served.duckdb"
    Store(db).close()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "dateline.cli", "serve", "--db", str(db), "--port", str(port), "--workers", "2"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        answered = 0
        while time.monotonic() < deadline and answered < 4:  # both workers up, most likely
            assert parent.poll() is None, "serve ended before its workers could be seen"
            try:
                answered += httpx.get(f"http://127.0.0.1:{port}/stats", timeout=30).status_code == 200
            except httpx.TransportError:
                time.sleep(0.5)
        children = descendants(parent.pid)
        assert len(children) >= 3, children  # two workers and the resource tracker
        assert not _survivors_of_a_kill_9(parent, children)
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in children:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
