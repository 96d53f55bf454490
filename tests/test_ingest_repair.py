"""What an interrupted ingest leaves is completed by the next one: unfused articles are fused, and a store
can be served while it is fed."""

import json

from click.testing import CliRunner

from dateline.cli import main
from dateline.store import Store

from .conftest import EXAMPLES


def _fused_events(db) -> int:
    with Store(db, read_only=True) as store:
        _, rows = store.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'fused_events'")
        return store.query("SELECT count(*) FROM fused_events")[1][0][0] if rows[0][0] else 0


def test_a_rerun_fuses_what_an_ingest_stored_but_never_fused(tmp_path, nlp):
    """--no-fuse stands for a run killed between its last batch and its fuse step."""
    db = tmp_path / "news.duckdb"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--no-fuse", "--quiet"])
    assert first.exit_code == 0, first.output
    assert _fused_events(db) == 0
    again = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert again.exit_code == 0, again.output
    assert "stored 0" in again.output
    assert _fused_events(db) > 0
    third = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert "fused:" not in third.output


def test_query_reaches_no_file(tmp_path, nlp):
    db = tmp_path / "news.duckdb"
    Store(db).close()
    runner = CliRunner()
    out = tmp_path / "stolen.csv"
    result = runner.invoke(main, ["query", f"COPY (SELECT 1 AS x) TO '{out}'", "--db", str(db)])
    assert result.exit_code == 1
    assert not out.exists()
    rows = runner.invoke(main, ["query", "SELECT count(*) AS n FROM articles", "--db", str(db), "--format", "json"])
    assert rows.exit_code == 0 and json.loads(rows.output.splitlines()[0]) == {"n": 0}
