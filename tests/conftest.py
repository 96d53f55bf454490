"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
# The invented reports in examples/: 2 text files, 7 JSONL lines, 1 HTML page, 2 RSS items, 2 WARC records
N_EXAMPLES = 14


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow; run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder at {SHARED} (set DATELINE_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from dateline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def example_records(nlp):
    from dateline.pipeline import extract_articles
    from dateline.read import read_paths

    articles = [a for a in read_paths([EXAMPLES]) if not isinstance(a, Exception)]
    return list(extract_articles(articles, nlp=nlp))


@pytest.fixture(scope="session")
def seed_result(shared, nlp):
    """The seed article's prediction and its score against the gold, computed once for every gold check."""
    from dateline.evaluate import seed

    gold, text, prediction = seed.predict(str(shared / "gold" / "2023-05-13-afp-bakhmut.gold.json"))
    return prediction, seed.score(gold, text, prediction)
