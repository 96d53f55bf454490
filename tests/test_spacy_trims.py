"""The indexed attribute ruler, the cached lemmatizer and numpy's matrix products give what spaCy's own give,
token for token."""

from __future__ import annotations

import pytest

from dateline.attribute_rules import IndexedRules, replace_attribute_ruler
from dateline.lemmas import replace_lemmatizer
from dateline.nlp import MODEL, use_numpy_matmul

# Sentences that reach the ruler's rarer rules: two-token lemmas (gonna, gotta, let's, y'all, ain't), pronoun
# cases by dependency, auxiliaries, existential "there is", a regex lemma (nothin'), whitespace tokens.
TEXTS = [
    "I'm gonna go, y'all. Let's see: there is a man who ain't here.  \n\n  It gave me it. You saw you.",
    "Nothin' doin'. Gotta run, c'mon! But he did have it, and that is that; they've got what gets results.",
    "Russian forces shelled Kharkiv on Tuesday, killing 3 civilians, the governor said.\n\nKyiv denied it.",
    "   ",
    "",
]


def annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, str(t.morph)) for t in doc]


@pytest.fixture(scope="module")
def spacy_and_indexed():
    spacy = pytest.importorskip("spacy")
    plain, indexed = spacy.load(MODEL), spacy.load(MODEL)
    assert replace_attribute_ruler(indexed) and replace_lemmatizer(indexed)
    return plain, indexed


def test_same_attributes_and_lemmas_as_spacy(spacy_and_indexed) -> None:
    plain, indexed = spacy_and_indexed
    for text in TEXTS * 2:  # the second time from the lemmatizer's and the ruler's tables
        assert annotations(indexed(text)) == annotations(plain(text)), text


def test_the_ruler_alone_gives_spacys_attributes(spacy_and_indexed) -> None:
    plain, indexed = spacy_and_indexed
    with plain.select_pipes(disable=["lemmatizer"]), indexed.select_pipes(disable=["lemmatizer"]):
        for text in TEXTS:
            assert annotations(indexed(text)) == annotations(plain(text)), text


def test_a_lemmatizer_that_overwrites_is_left_alone() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(MODEL)
    nlp.get_pipe("lemmatizer").overwrite = True
    assert not replace_lemmatizer(nlp)


def test_pipe_names_unchanged(spacy_and_indexed) -> None:
    plain, indexed = spacy_and_indexed
    assert indexed.pipe_names == plain.pipe_names


def test_a_later_rule_overwrites_an_earlier_one(spacy_and_indexed) -> None:
    plain, _ = spacy_and_indexed
    ruler = plain.get_pipe("attribute_ruler")
    entries = [{**entry, "attrs": attrs} for entry, attrs in zip(ruler.patterns, ruler.attrs)]
    rules = IndexedRules.from_patterns(entries)
    doc = plain.make_doc("Let's go")
    for token, tag, dep in zip(doc, ["VB", "PRP"], ["ROOT", "nsubj"]):
        token.tag_, token.dep_ = tag, dep
    rules.apply(doc)
    assert doc[1].lemma_ == "us"  # the two-token rule "let 's" -> us, beside the one-token rules for PRP


def test_an_operator_is_not_modelled() -> None:
    entry = {"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {}, "index": 0}
    assert IndexedRules.from_patterns([entry]) is None


def test_a_predicate_not_modelled() -> None:
    entry = {"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {}, "index": 0}
    assert IndexedRules.from_patterns([entry]) is None


def test_numpy_matrix_products_give_spacys_tags_parse_and_entities() -> None:
    spacy = pytest.importorskip("spacy")
    plain, numpy_blas = spacy.load(MODEL), spacy.load(MODEL)
    use_numpy_matmul(numpy_blas)
    blis_users = []
    for name, pipe in numpy_blas.pipeline:
        model = getattr(pipe, "model", None)
        blis_users += [name for node in (model.walk() if hasattr(model, "walk") else ()) if node.ops.use_blis]
    assert not blis_users
    for text in TEXTS:
        got, want = numpy_blas(text), plain(text)
        assert annotations(got) == annotations(want), text
        assert [(e.start, e.end, e.label_) for e in got.ents] == [(e.start, e.end, e.label_) for e in want.ents]
