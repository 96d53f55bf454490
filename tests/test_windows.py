"""Long articles are extracted window by window and joined into one consistent record."""

import datetime as dt

from dateline import windows
from dateline.pipeline import extract_articles
from dateline.read import make_article

from .conftest import EXAMPLES


def _spans(model):
    """Every (span, text) pair in a pydantic model, nested ones included."""
    found = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "span":
            found.append((value, model.text))
        for child in value if isinstance(value, list) else [value]:
            if hasattr(type(child), "model_fields"):
                found.extend(_spans(child))
    return found


def test_windows_cut_at_paragraphs_and_cover_the_text():
    text = "First paragraph here.\n\nSecond one, longer than the first.\n\nThird."
    cuts = list(windows.cut(text, max_chars=40))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(end - start <= 40 for start, end in cuts)
    assert text[cuts[0][0] : cuts[0][1]].endswith("\n\n")


def test_windows_cut_a_paragraph_without_breaks_at_a_space():
    text = "word " * 30
    assert all(end - start <= 22 and text[end - 1] == " " for start, end in list(windows.cut(text, 22))[:-1])


def test_long_article_record_is_consistent_and_keeps_every_window(nlp, monkeypatch):
    body = (EXAMPLES / "2024-03-02-invented-harbour-strike.txt").read_text(encoding="utf-8").split("\n", 1)[1].strip()
    text = "\n\n".join([body] * 4)
    article = make_article(id="long", text=text, published=dt.date(2024, 3, 2))
    (whole,) = extract_articles([article], nlp=nlp)
    monkeypatch.setattr(windows, "WINDOW_CHARS", len(body) + 2)
    (joined,) = extract_articles([article], nlp=nlp)
    assert joined.article.id == "long" and joined.article.text == text
    for span, item_text in _spans(joined):
        assert text[span[0] : span[1]] == item_text
    assert len(joined.events) >= len(whole.events) // 2 and len(joined.counts) == len(whole.counts)
    for event in joined.events:
        assert event.place is None or 0 <= event.place < len(joined.places)
        assert all(0 <= i < len(joined.counts) for i in event.counts)
    for claim in joined.claims:
        assert claim.speaker_actor is None or 0 <= claim.speaker_actor < len(joined.actors)
        assert all(0 <= d.claim < len(joined.claims) for d in claim.contradicts)
    assert joined.tone.word_count == whole.tone.word_count


def test_pipe_batches_are_bounded_in_texts_and_characters(nlp, monkeypatch):
    from dateline import nlp as nlp_module

    sizes = []
    real_pipe = type(nlp).pipe

    def counting_pipe(self, docs, batch_size=None, **kwargs):
        docs = list(docs)
        sizes.append((len(docs), sum(len(d.text) for d in docs)))
        return real_pipe(self, docs, batch_size=batch_size, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", counting_pipe)
    day = dt.date(2024, 3, 2)
    texts = [("Troops moved. " * n, day) for n in (40, 40, 40, 5, 5, 5, 5)]
    docs = list(nlp_module.process(nlp, texts, batch_size=3, max_batch_chars=1200))
    assert [d.text for d in docs] == [t for t, _ in texts]
    assert all(n <= 3 and (chars <= 1200 or n == 1) for n, chars in sizes)
    assert len(sizes) >= 3
