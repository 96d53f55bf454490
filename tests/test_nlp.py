"""Loading the pipeline: once per process, in the background or not."""

from __future__ import annotations

from dateline.nlp import load_in_background, load_pipeline


def test_the_background_load_is_the_pipeline_load_pipeline_returns(nlp) -> None:
    thread = load_in_background()
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert load_pipeline() is nlp


def test_positional_and_keyword_arguments_share_one_pipeline(nlp) -> None:
    from dateline.nlp import DEFAULT_COMPONENTS, MODEL

    assert load_pipeline(MODEL, DEFAULT_COMPONENTS) is load_pipeline(model=MODEL, components=DEFAULT_COMPONENTS) is nlp
