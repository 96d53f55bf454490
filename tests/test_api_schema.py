"""Schemathesis against /openapi.json: every answer of every route, for generated requests, is what the schema
documents (status code, content type, body), and no request makes the server fail."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from dateline.api.app import create_app  # noqa: E402
from dateline.store import Store  # noqa: E402

EXAMPLES_PER_ROUTE = 60


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, example_records):
    from dateline.fuse import fuse

    path = tmp_path_factory.mktemp("schema") / "examples.duckdb"
    with Store(path) as store:
        store.write(example_records)
        fuse(store)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(path))


def test_every_route_answers_as_documented(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_ROUTE, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        def answers_as_documented(case):
            case.call_and_validate()

        answers_as_documented()
