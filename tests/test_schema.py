import jsonschema

from dateline.schema import ITEM_PARTS, Record, record_json_schema


def test_schema_records_validate_against_the_json_schema(example_records):
    schema = record_json_schema()
    for record in example_records:
        jsonschema.validate(record.model_dump(mode="json"), schema)


def test_schema_every_span_is_the_exact_slice_of_the_text(example_records):
    checked = 0
    for record in example_records:
        text = record.article.text
        for part in ITEM_PARTS:
            for item in getattr(record, part):
                start, end = item.span
                assert text[start:end] == item.text
                checked += 1
    assert checked > 20


def test_schema_record_round_trips_through_json(example_records):
    record = example_records[0]
    assert Record.model_validate_json(record.model_dump_json()) == record


def test_schema_names_every_part():
    properties = record_json_schema()["properties"]
    for part in ("article", "mentions", "places", "times", "actors", "claims", "events", "counts", "themes", "tone"):
        assert part in properties
    assert "pipeline_version" in properties
