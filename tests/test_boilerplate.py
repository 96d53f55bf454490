"""Page furniture: found at read time with its kind and offsets, stored, and never extracted from.

Every article here is invented for these tests.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dateline.boilerplate import lines, mask
from dateline.learn import boilerplate as learn
from dateline.read import make_article
from dateline.schema import Evidence
from dateline.store import Store

DAY = dt.date(2024, 3, 2)
CONTENT = [
    "Russian drones hit a power station near the port city overnight, cutting electricity to about 30,000 homes, "
    "the regional governor said on Saturday.",
    "Two workers were injured, he said, and repair crews expected to restore power by the evening.",
    '"We heard three explosions and then the lights went out," said a resident of the harbour district.',
]
FURNITURE = {
    "Advertisement": "advert",
    "Read also: Harbour city council approves new shelter plan": "link",
    "Subscribe to our newsletter for the day's main stories in your inbox": "signup",
    "Photo: Halvorsen/AFP": "credit",
}


def _article(parts: list[str]):
    return make_article(id="invented", text="\n\n".join(parts), published=DAY)


def _found(parts: list[str]) -> dict[str, str]:
    article = _article(parts)
    return {f.text: f.kind for f in article.boilerplate}


def test_boilerplate_finds_furniture_lines_with_kind_and_offsets():
    parts = [
        CONTENT[0],
        "Advertisement",
        CONTENT[1],
        "Read also: Harbour city council approves new shelter plan",
        CONTENT[2],
        "Subscribe to our newsletter for the day's main stories in your inbox",
        "Photo: Halvorsen/AFP",
    ]
    article = _article(parts)
    found = {f.text: f.kind for f in article.boilerplate}
    assert found == FURNITURE
    for item in article.boilerplate:
        start, end = item.span
        assert article.text[start:end] == item.text


def test_boilerplate_finds_a_dateline_that_opens_the_first_line():
    parts = ["KYIV, Ukraine (AP) — " + CONTENT[0], CONTENT[1]]
    article = _article(parts)
    assert [(f.kind, f.text, f.span[0]) for f in article.boilerplate] == [("dateline", "KYIV, Ukraine (AP) —", 0)]


def test_boilerplate_dateline_is_recorded_but_not_blanked():
    article = _article(["ODESA, 3 March (Reuters) – " + CONTENT[0], "Advertisement", CONTENT[1]])
    assert [f.kind for f in article.boilerplate] == ["dateline", "advert"]
    masked = mask(article.text, article.boilerplate)
    assert masked.startswith("ODESA, 3 March (Reuters) –") and "Advertisement" not in masked


def test_boilerplate_finds_an_advert_left_at_the_end_of_a_paragraph():
    parts = [CONTENT[0], CONTENT[1] + " Advertisement", CONTENT[2]]
    article = _article(parts)
    assert [(f.kind, f.text) for f in article.boilerplate] == [("advert", "Advertisement")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The council refused to sign the agreement after a row over an advertisement for army recruits.",
        "Prosecutors said the advertisement broke the wartime law, and the company pulled it on Friday.",
        "There was no sign of the missing fishermen by Sunday evening, the coast guard said.",
        "Ukraine and Poland share a long border, and officials said they would share intelligence on drones.",
    ],
)
def test_boilerplate_keeps_content_that_uses_furniture_words(sentence):
    assert _found([CONTENT[0], sentence, CONTENT[1]]) == {}


def test_boilerplate_keeps_short_content_lines_and_subheadings():
    parts = [CONTENT[0], "What happens next?", CONTENT[1], "No one was hurt.", CONTENT[2]]
    assert _found(parts) == {}


def test_boilerplate_mask_keeps_length_and_newlines():
    article = _article([CONTENT[0], "Advertisement", CONTENT[1]])
    masked = mask(article.text, article.boilerplate)
    assert len(masked) == len(article.text)
    assert masked.count("\n") == article.text.count("\n")
    assert "Advertisement" not in masked and CONTENT[1] in masked


def test_boilerplate_lines_are_stripped_spans():
    text = "  first line  \n\n\tsecond\n   \n"
    assert [text[s:e] for s, e in lines(text)] == ["first line", "second"]


def _evidence(value):
    """Every span-bearing piece of a record part, nested ones included."""
    if isinstance(value, Evidence):
        yield value
    if hasattr(value, "__dict__") and hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            yield from _evidence(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _evidence(item)


def test_boilerplate_nothing_is_extracted_inside_furniture(nlp):
    from dateline.pipeline import extract_articles

    parts = [
        CONTENT[0],
        "Read also: Zelensky meets Macron in Paris to discuss air defence",
        CONTENT[1],
        "Ukrainian soldiers fire a howitzer near Bakhmut on 3 May. Jens Halvorsen/AFP/Getty Images",
        CONTENT[2],
        "Advertisement",
    ]
    article = _article(parts)
    assert len(article.boilerplate) == 3
    record = next(extract_articles([article], nlp=nlp))
    assert record.status == "extracted" and record.places
    furniture = [f.span for f in article.boilerplate if f.kind != "dateline"]
    pieces = [
        e
        for part in ("mentions", "places", "times", "actors", "claims", "events", "counts", "themes")
        for e in _evidence(getattr(record, part))
    ]
    assert pieces
    for piece in pieces:
        start, end = piece.span
        assert article.text[start:end] == piece.text
        assert not any(start < f_end and f_start < end for f_start, f_end in furniture), piece


def test_boilerplate_article_of_furniture_only_has_status_no_content(nlp):
    from dateline.pipeline import extract_articles

    article = _article(["Advertisement", "Subscribe to our Telegram channel", "Share this article"])
    assert len(article.boilerplate) == 3
    record = next(extract_articles([article], nlp=nlp))
    assert record.status == "no_content"
    assert not record.mentions and not record.places and not record.claims and not record.events


def test_boilerplate_is_stored_and_read_back(nlp):
    from dateline.pipeline import extract_articles

    article = _article([CONTENT[0], "Advertisement", CONTENT[1]])
    with Store(":memory:") as store:
        store.write(list(extract_articles([article], nlp=nlp)))
        stored = store.record("invented")["article"]["boilerplate"]
    assert stored == [{"span": [f.span[0], f.span[1]], "text": f.text, "kind": f.kind} for f in article.boilerplate]


def test_boilerplate_store_from_before_the_column_opens_and_refinds_it(tmp_path, nlp):
    from dateline.pipeline import extract_articles

    path = tmp_path / "old.duckdb"
    article = _article([CONTENT[0], "Advertisement", CONTENT[1]])
    with Store(path) as store:
        store.write(list(extract_articles([article], nlp=nlp)))
        store.con.execute("ALTER TABLE articles DROP COLUMN boilerplate")
        store.con.execute("UPDATE articles SET pipeline_version = 'old'")
    with Store(path) as store:
        assert store.record("invented")["article"]["boilerplate"] == []
        (stale,) = list(store.stale_articles("new"))
    assert [f.text for f in stale.boilerplate] == ["Advertisement"]


def test_boilerplate_model_matches_its_training_files():
    model = json.loads(learn.MODEL_FILE.read_text(encoding="utf-8"))
    assert tuple(model["features"]) == learn.feature_names()
    for path in learn.TRAINING_FILES:
        assert model["training_files"][path.relative_to(learn.DATA_DIR).as_posix()] == learn.sha256(path)


def test_boilerplate_composition_is_seeded():
    rows = learn.read_rows()
    assert learn.compose(rows, seed=3, n_articles=20) == learn.compose(rows, seed=3, n_articles=20)
    assert learn.compose(rows, seed=3, n_articles=20) != learn.compose(rows, seed=4, n_articles=20)
