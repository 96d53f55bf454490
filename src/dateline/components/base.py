"""What every Dateline component shares: its Doc attribute, batching, and the gazetteer when it needs one."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..places.gazetteer import Gazetteer


def ensure_extension(name: str, default: Any = None) -> None:
    """Register `Doc._.<name>` once (idempotent)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


class DocComponent:
    """A component that computes one value per Doc and stores it as `Doc._.<attr>`.

    Subclasses set `attr` and implement `compute(doc)`. `pipe` runs a batch;
    `__call__` is a batch of one.
    """

    attr: str = ""
    name: str = ""

    def compute(self, doc: Doc) -> Any:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(self.attr, self.compute(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class UsesGazetteer:
    """Mixin for components that look places up: the gazetteer loads in `initialize`, or on first use."""

    _gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        self.gazetteer  # noqa: B018  load once, before the first document


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy rebuilds `doc.text` from the tokens at every access."""
    text = doc.user_data.get("dateline_text")
    if text is None:
        text = doc.user_data["dateline_text"] = doc.text
    return text
