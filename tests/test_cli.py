import json

import pytest
from click.testing import CliRunner

from dateline.cli import main

from .conftest import EXAMPLES, N_EXAMPLES


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path, runner, nlp):
    path = tmp_path / "cli.duckdb"
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_cli_help_accepts_short_flag(runner):
    result = runner.invoke(main, ["-h"])
    assert result.exit_code == 0
    for command in ("extract", "ingest", "reprocess", "query", "stats", "schema", "eval"):
        assert command in result.output


def test_cli_extract_one_article_prints_one_record(runner, nlp):
    result = runner.invoke(main, ["extract", str(EXAMPLES / "2024-03-02-invented-harbour-strike.txt")])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["article"]["published"] == "2024-03-02"
    assert record["pipeline_version"] and record["counts"]


def test_cli_extract_jsonl_prints_one_record_per_line(runner, nlp):
    result = runner.invoke(main, ["extract", str(EXAMPLES / "invented-wire.jsonl")])
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["article"]["id"] for line in lines] == [
        "invented-wire-001",
        "invented-wire-002",
        "invented-wire-003",
    ]


def test_cli_ingest_summary_and_failures(runner, tmp_path, nlp):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02")
    (bad / "good.txt").write_text(" date 2024-01-01 Four people were wounded in Kharkiv on Friday.")
    (bad / "lines.jsonl").write_text(
        '{"id": "x", "date": "2024-01-02", "text": "Kyiv said talks would resume."}\n{oops\n'
    )
    result = runner.invoke(main, ["ingest", str(bad), "--db", str(tmp_path / "b.duckdb"), "--quiet"])
    assert result.exit_code == 1
    assert "read 2, stored 2, skipped as duplicate 0, not English 0, failed 3" in result.stderr
    assert "empty.txt: [E101]" in result.stderr and "binary.txt: [E102]" in result.stderr
    assert "lines.jsonl:2: [E107]" in result.stderr


def test_cli_ingest_again_skips_duplicates(runner, db, example_records):
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert result.exit_code == 0
    n = len(example_records)
    assert f"read {n}, stored 0, skipped as duplicate {n}" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_cli_query_formats(runner, db, fmt):
    result = runner.invoke(
        main,
        [
            "query",
            "SELECT id, n_words FROM articles WHERE id LIKE ? ORDER BY id",
            "-p",
            "invented-wire-%",
            "--db",
            str(db),
            "--format",
            fmt,
        ],
    )
    assert result.exit_code == 0
    if fmt == "json":
        assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
            f"invented-wire-00{i}" for i in (1, 2, 3)
        ]
    elif fmt == "csv":
        assert result.stdout.splitlines()[0] == "id,n_words" and len(result.stdout.splitlines()) == 4
    else:
        assert "(3 rows)" in result.stdout


def test_cli_query_error_is_one_line(runner, db):
    result = runner.invoke(main, ["query", "SELECT nope FROM articles", "--db", str(db)])
    assert result.exit_code != 0 and "E301" in str(result.exception)


def test_cli_stats_json(runner, db):
    result = runner.invoke(main, ["stats", "--db", str(db), "--json"])
    stats = json.loads(result.stdout)
    assert stats["articles"] == N_EXAMPLES and stats["counts"] > 0


def test_cli_schema_is_json_schema(runner):
    schema = json.loads(runner.invoke(main, ["schema"]).stdout)
    assert schema["$schema"].endswith("2020-12/schema") and "article" in schema["required"]


def test_cli_missing_date_option_fixes_undated_input(runner, tmp_path, nlp):
    path = tmp_path / "undated.txt"
    path.write_text("Three soldiers were wounded near Kupiansk, the army said.")
    assert runner.invoke(main, ["extract", str(path)]).exit_code == 1
    result = runner.invoke(main, ["extract", str(path), "--date", "2024-02-02"])
    assert result.exit_code == 0 and json.loads(result.stdout)["article"]["published"] == "2024-02-02"


def test_cli_entry_point_turns_errors_into_one_line(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "dateline.cli", "query", "SELECT x", "--db", str(tmp_path / "x.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_cli_ingest_help_states_the_batch_sizes_ingest_uses(runner):
    from dateline.ingest import BATCH_CHARS, BATCH_GROWTH, BATCH_SIZE

    text = " ".join(runner.invoke(main, ["ingest", "--help"]).output.split())
    assert f"default: {BATCH_SIZE}, up to {BATCH_SIZE * BATCH_GROWTH} while a batch holds under {BATCH_CHARS:,}" in text
