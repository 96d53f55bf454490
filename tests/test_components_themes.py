import datetime as dt

from dateline.nlp import make_docs


def test_themes_tag_keywords_with_spans(nlp):
    doc = next(
        nlp.pipe(
            make_docs(
                nlp,
                [
                    (
                        "Peace talks stalled as a drone strike killed three soldiers; the ceasefire collapsed.",
                        dt.date(2024, 3, 2),
                    )
                ],
            )
        )
    )
    codes = {t.code for t in doc._.themes}
    assert {"NEGOTIATIONS", "DRONE_ATTACK", "KILL", "MILITARY", "CEASEFIRE"} <= codes
    for theme in doc._.themes:
        assert doc.text[theme.span[0] : theme.span[1]] == theme.text


def test_themes_match_whole_words_only(nlp):
    doc = next(nlp.pipe(make_docs(nlp, [("The warden said the courtyard was quiet.", dt.date(2024, 3, 2))])))
    assert not any(t.code in ("ARMEDCONFLICT", "TRIAL") for t in doc._.themes)
