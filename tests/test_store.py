import json

import pytest

from dateline.errors import StoreError
from dateline.ingest import ingest, reprocess
from dateline.read import read_paths
from dateline.store import TABLE_COLUMNS, Store
from dateline.version import PIPELINE_VERSION

from .conftest import EXAMPLES, N_EXAMPLES


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as store:
        yield store


def _table_counts(store):
    return {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLE_COLUMNS}


def test_store_has_one_table_per_part(store):
    tables = {row[0] for row in store.query("SELECT table_name FROM information_schema.tables")[1]}
    assert tables >= {"articles", "mentions", "places", "times", "actors", "claims", "events", "counts", "themes"}


def test_store_write_keeps_every_item_with_its_span(store, example_records):
    store.write(example_records)
    counts = _table_counts(store)
    assert counts["articles"] == len(example_records)
    assert counts["counts"] == sum(len(r.counts) for r in example_records)
    assert counts["mentions"] == sum(len(r.mentions) for r in example_records)
    _, rows = store.query(
        "SELECT a.text, c.span_start, c.span_end, c.text FROM counts c JOIN articles a ON a.id = c.article_id"
    )
    assert rows and all(text[start:end] == piece for text, start, end, piece in rows)


def test_store_ingest_is_idempotent(store, nlp):
    first = ingest(read_paths([EXAMPLES]), store)
    before = _table_counts(store)
    second = ingest(read_paths([EXAMPLES]), store)
    assert first.stored == N_EXAMPLES and first.duplicates == 0
    assert second.stored == 0 and second.duplicates == N_EXAMPLES
    assert _table_counts(store) == before


def test_store_changed_article_replaces_the_old_record(store, nlp, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(" date 2024-01-01 Two soldiers were killed near Izium.")
    ingest(read_paths([path]), store)
    path.write_text(" date 2024-01-01 Seven soldiers were killed near Izium and 3 wounded.")
    summary = ingest(read_paths([path]), store)
    assert summary.stored == 1
    _, rows = store.query("SELECT what, value FROM counts ORDER BY span_start")
    assert rows == [("killed", 7.0), ("wounded", 3.0)]


def test_store_reprocess_updates_older_pipeline_versions(store, nlp):
    ingest(read_paths([EXAMPLES / "invented-wire.jsonl"]), store)
    store.query("UPDATE articles SET pipeline_version = 'old' WHERE id = 'invented-wire-002'")
    store.query("DELETE FROM counts WHERE article_id = 'invented-wire-002'")
    summary = reprocess(store)
    assert summary.read == summary.stored == 1
    _, versions = store.query("SELECT DISTINCT pipeline_version FROM articles")
    assert versions == [(PIPELINE_VERSION,)]
    assert store.query("SELECT count(*) FROM counts WHERE article_id = 'invented-wire-002'")[1][0][0] > 0


def test_store_failed_batch_leaves_the_store_as_before(store, example_records, monkeypatch):
    store.write(example_records[:2])
    before = _table_counts(store)
    original = Store._insert

    def failing_insert(self, table, rows):
        if table == "counts":
            raise RuntimeError("disk full")
        return original(self, table, rows)

    monkeypatch.setattr(Store, "_insert", failing_insert)
    with pytest.raises(RuntimeError):
        store.write(example_records)
    assert _table_counts(store) == before


def test_a_record_the_store_refuses_costs_only_itself(store, nlp, tmp_path, monkeypatch):
    """The batch is retried article by article: every other article of it is stored, the refused one named."""
    lines = [
        json.dumps({"id": f"art-{i}", "published": "2024-03-0" + str(i + 1), "text": f"Shelling hit Izium on day {i}."})
        for i in range(4)
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    original = Store._insert

    def refusing_insert(self, table, rows):
        if table == "articles" and "art-2" in rows.column("id").to_pylist():
            raise StoreError("[E301] query failed: refused")
        return original(self, table, rows)

    monkeypatch.setattr(Store, "_insert", refusing_insert)
    summary = ingest(read_paths([tmp_path / "batch.jsonl"]), store)
    assert summary.stored == 3
    assert [where for where, _ in summary.failed] == ["art-2"]
    assert "refused" in summary.failed[0][1]
    _, rows = store.query("SELECT id FROM articles ORDER BY id")
    assert rows == [("art-0",), ("art-1",), ("art-3",)]


@pytest.mark.parametrize("batch_size", [1, 64])
def test_one_id_given_twice_keeps_the_last_every_run(store, nlp, tmp_path, batch_size):
    texts = ["Two soldiers were killed near Izium.", "Seven soldiers were killed near Izium."]
    rows = [{"id": "twice", "published": "2024-01-01", "text": t} for t in texts]
    rows.insert(1, {"id": "other", "published": "2024-01-01", "text": "Talks began in Geneva."})
    (tmp_path / "twice.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    for _ in range(3):
        summary = ingest(read_paths([tmp_path / "twice.jsonl"]), store, batch_size=batch_size)
        assert summary.read == 3 and summary.duplicates >= 1
        assert store.query("SELECT value FROM counts WHERE article_id = 'twice'")[1] == [(7.0,)]


def test_a_sealed_store_reaches_no_file(store, tmp_path):
    store.seal()
    assert store.query("SELECT count(*) FROM articles")[1] == [(0,)]
    for sql in (
        f"COPY (SELECT 1) TO '{tmp_path / 'out.csv'}'",
        "SELECT * FROM read_csv('/etc/hostname')",
        f"ATTACH '{tmp_path / 'other.duckdb'}'",
        "SET enable_external_access = true",
    ):
        with pytest.raises(StoreError):
            store.query(sql)
    assert not (tmp_path / "out.csv").exists()


def test_store_query_binds_parameters(store, example_records):
    store.write(example_records)
    columns, rows = store.query("SELECT id FROM articles WHERE published >= ? ORDER BY id", ["2024-03-05"])
    assert columns == ["id"] and len(rows) == 2


def test_store_bad_sql_is_a_store_error(store):
    with pytest.raises(StoreError, match="E301"):
        store.query("SELECT * FROM no_such_table")


def test_store_stats(store, example_records):
    store.write(example_records)
    stats = store.stats()
    assert stats["articles"] == N_EXAMPLES and stats["by_lang"] == {"en": N_EXAMPLES}
    assert stats["first_published"] == "2024-02-27" and stats["last_published"] == "2024-03-06"


def test_store_non_english_article_is_stored_but_not_extracted(store, nlp, tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        " date 2024-01-01 Zwei Soldaten wurden am Freitag bei einem Angriff in der Nähe der Stadt getötet,"
        " sagte die Armee."
    )
    summary = ingest(read_paths([path]), store)
    assert summary.not_english == 1 and summary.stored == 1
    assert store.query("SELECT lang, status FROM articles")[1] == [("de", "not_english")]
    assert store.query("SELECT count(*) FROM mentions")[1][0][0] == 0


def test_store_written_by_an_older_version_gains_the_new_columns(tmp_path, example_records):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write(example_records)
        store.con.execute("ALTER TABLE events DROP COLUMN mentions")  # as a store from before events had mentions
    with Store(path) as store:
        columns = {
            row[0]
            for row in store.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")[1]
        }
        assert "mentions" in columns
        before = store.query("SELECT count(*) FROM events")[1][0][0]
        assert before > 0
        store.write(example_records)
        assert store.query("SELECT count(*) FROM events WHERE mentions IS NOT NULL")[1][0][0] == before


def test_a_read_only_store_keeps_answers_until_it_is_opened_again(tmp_path, example_records):
    db = tmp_path / "kept.duckdb"
    with Store(db) as writable:
        writable.write(example_records[:1])
        calls = []
        for _ in range(2):  # a writable store always computes
            writable.remembered(("n",), lambda: calls.append(1))
        assert len(calls) == 2
    with Store(db, read_only=True) as served:
        calls = []

        def count() -> dict:
            calls.append(1)
            return {"articles": served.query("SELECT count(*) FROM articles")[1][0][0]}

        assert served.remembered(("n",), count) == {"articles": 1}
        session = served.session()
        assert session.remembered(("n",), count) == {"articles": 1}  # sessions share what is kept
        session.close()
        assert served.remembered(("other",), count) == {"articles": 1}
        assert len(calls) == 2
    with Store(db) as writable:
        writable.write(example_records[1:2])
    with Store(db, read_only=True) as reopened:
        assert reopened.remembered(("n",), lambda: reopened.stats()["articles"]) == 2


def test_store_event_index_is_put_in_day_order_once_it_has_grown(tmp_path):
    from dateline.store.tables import create_fusion_tables

    with Store(tmp_path / "order.duckdb") as store:
        create_fusion_tables(store.con)
        store.con.execute(
            "INSERT INTO event_index (article_id, idx, day) "
            "SELECT 'a' || i, 0, DATE '2023-01-01' + CAST(i % 30 AS INTEGER) FROM range(90) t(i)"
        )
        before = sorted(store.con.execute("SELECT article_id, idx, day FROM event_index").fetchall())
        assert store.cluster_in_day_order(min_rows=100) == []  # too small to be worth it
        assert store.cluster_in_day_order(min_rows=50) == ["event_index"]
        days = [row[0] for row in store.con.execute("SELECT day FROM event_index").fetchall()]
        assert days == sorted(days, reverse=True)
        assert sorted(store.con.execute("SELECT article_id, idx, day FROM event_index").fetchall()) == before
        assert store.cluster_in_day_order(min_rows=50) == []  # not grown since
        store.con.execute("INSERT INTO event_index (article_id, idx, day) SELECT 'b' || i, 0, NULL FROM range(45) t(i)")
        assert store.cluster_in_day_order(min_rows=50) == ["event_index"]  # grown by half


def test_store_event_index_written_before_its_fatalities_column_is_refilled(tmp_path, example_records):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write(example_records)
        expected = store.con.execute("SELECT article_id, idx, fatalities FROM event_index ORDER BY 1, 2").fetchall()
        store.con.execute("ALTER TABLE event_index DROP COLUMN fatalities")
    assert any(row[2] for row in expected), "the examples tell some deaths"
    with Store(path) as store:
        assert (
            store.con.execute("SELECT article_id, idx, fatalities FROM event_index ORDER BY 1, 2").fetchall()
            == expected
        )
