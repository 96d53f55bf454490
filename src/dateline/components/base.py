"""What every Dateline component shares: its Doc attribute, batching, and the gazetteer when it needs one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..errors import ConfigError, Errors
from ..places.gazetteer import Gazetteer

GAZETTEER_LOADER = "dateline.gazetteer.v1"

# The Doc attributes the pipeline writes, named once: a component that reads another's output imports the name.
PUBLISHED = "published"  # the article's date (datetime.date), set by nlp.py before the components run
PLACES = "places"
TIMES = "times"
ACTORS = "actors"
ACTOR_OF_TOKEN = "actor_of_token"  # token index -> index into doc._.actors
CLAIMS = "claims"
COUNTS = "counts"
EVENTS = "events"
THEMES = "themes"
TONE = "tone"


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


@registry.misc(GAZETTEER_LOADER)
def gazetteer_loader(folder: str | None = None) -> Callable[[], Gazetteer]:
    """The gazetteer a component takes from its config, opened when the component is initialised.

    folder (str | None): a built gazetteer's folder; default $DATELINE_GAZETTEER, else ~/.cache/dateline/gazetteer-v1.
    RETURNS (Callable[[], Gazetteer]): opens it (memory-mapped); raises E202 when it has not been built.

    >>> load = gazetteer_loader()
    >>> len(load()) > 200_000  # doctest: +SKIP
    True
    """
    return partial(Gazetteer.load, Path(folder) if folder else None)


class UsesGazetteer:
    """Mixin for components that look places up: the gazetteer is given, or loaded by `initialize()`.

    Nothing is loaded or built at call time; a component used before `initialize()` raises E203.
    """

    _gazetteer: Gazetteer | None = None
    _load_gazetteer: Callable[[], Gazetteer] | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            raise ConfigError(Errors.E203.format(name=getattr(self, "name", "")))
        return self._gazetteer

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Open the gazetteer once, before the first document (E202 when it has not been built)."""
        if self._gazetteer is None:
            self._gazetteer = (self._load_gazetteer or gazetteer_loader())()


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy rebuilds `doc.text` from the tokens at every access."""
    text = doc.user_data.get("dateline_text")
    if text is None:
        text = doc.user_data["dateline_text"] = doc.text
    return text
