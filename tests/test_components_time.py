import datetime as dt

from dateline.components.time import governing_time, tense_of
from dateline.nlp import make_docs


def _doc(nlp, text, published=dt.date(2023, 5, 13)):
    return next(nlp.pipe(make_docs(nlp, [(text, published)])))


def test_time_component_resolves_against_the_article_date(nlp):
    doc = _doc(
        nlp, "The mayor said on Friday that the bridge would reopen next Tuesday. Shelling has continued for months."
    )
    values = {t.text: (t.type, t.value) for t in doc._.times}
    assert values["Friday"] == ("DATE", "2023-05-12")
    assert values["next Tuesday"] == ("DATE", "2023-05-16")
    assert values["months"] == ("DURATION", "PXM")


def test_time_component_spans_slice_the_text(nlp):
    doc = _doc(nlp, "Earlier this month, 14 civilians were killed. Now the town is quiet, officials said yesterday.")
    assert len(doc._.times) == 3
    for t in doc._.times:
        assert doc.text[t.span[0] : t.span[1]] == t.text
    assert [t.value for t in doc._.times] == ["2023-05", "PRESENT_REF", "2023-05-12"]


def test_time_component_uses_future_tense(nlp):
    doc = _doc(nlp, "Talks will resume on Monday.")
    assert doc._.times[0].value == "2023-05-15"


def test_time_component_anchors_narrative_expressions_on_the_last_date(nlp):
    doc = _doc(nlp, "The offensive began on 24 February 2022. The previous day, troops had massed at the border.")
    assert [t.value for t in doc._.times] == ["2022-02-24", "2022-02-23"]
    assert doc._.times[1].anchor == "2022-02-24"


def test_time_component_takes_the_year_after_a_closing_quote(nlp):
    doc = _doc(
        nlp, 'The charge reads: "The offensive started on February 24, 2022". He denied it.', dt.date(2023, 2, 10)
    )
    assert [(t.text, t.value) for t in doc._.times] == [("February 24, 2022", "2022-02-24")]


def test_time_component_coordinated_months_share_a_year(nlp):
    doc = _doc(
        nlp, "He commanded a unit during the first phase of the invasion (in February and March).", dt.date(2023, 2, 10)
    )
    assert [t.value for t in doc._.times] == ["2022-02", "2022-03"]
    assert doc._.times[0].start == dt.date(2022, 2, 1)


def test_time_component_keeps_ages_out(nlp):
    doc = _doc(nlp, "A 6-year-old girl and her 37-year-old mother were rescued.")
    assert doc._.times == []


def test_time_governing_time_finds_the_verbs_date(nlp):
    doc = _doc(nlp, "Troops withdrew on Friday. In 2014, Russia annexed Crimea.")
    withdrew = next(t for t in doc if t.text == "withdrew")
    annexed = next(t for t in doc if t.text == "annexed")
    assert doc._.times[governing_time(doc, withdrew)].value == "2023-05-12"
    assert doc._.times[governing_time(doc, annexed)].value == "2014"


def test_time_tense_of(nlp):
    doc = _doc(nlp, "They will meet on Monday. They met on Friday.")
    spans = [doc.char_span(*t.span) for t in doc._.times]
    assert [tense_of(s) for s in spans] == ["future", "past"]


def test_time_seed_expressions_all_right(seed_result):
    _, result = seed_result
    assert result["times_found"] == result["times_gold"]
