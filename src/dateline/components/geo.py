"""`dateline_geo`: toponyms found, resolved to the gazetteer, and placed with a precision.

The component reads its lexicon and takes the gazetteer from its config; the
work is done in `places`: recognition (`places.recognise`: the NER model's
GPE, LOC and FAC entities, demonyms, ORG or PERSON entities that the context
marks as places, patterns such as "village of X", "X region", "X reservoir"),
resolution (`places.resolve`: candidates scored by population and kind, by
the countries and admin areas of the article's other places, and by distance
to them) and relative phrases (`places.relative`: "about 10 kilometres north
of Bakhmut" checks, or stands in for, the named place). A name the gazetteer
lacks falls back to what the text supports (the anchor of a relative phrase,
or an earlier place with the same name) at precision 2, and otherwise is left
out rather than matched to a wrong, far-away place.

Places are grouped per article: one item per resolved place and role, with
every mention of it. A capital or country that is the subject of a verb of
saying or acting ("Moscow acknowledged", "Russia has amassed troops") has role
`metonym`.

>>> geo = nlp.add_pipe("dateline_geo", config={"gazetteer": {"@misc": "dateline.gazetteer.v1"}})  # doctest: +SKIP
>>> geo.initialize()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ..lemmas import word_classes
from ..lexicon import load_json
from ..places.gazetteer import KINDS, Gazetteer
from ..places.metonymy import MetonymyModel
from ..places.parts import Parts
from ..places.recognise import Mention, PlaceWords, Recogniser
from ..places.relative import RelativePhrases
from ..places.resolve import HOME_COUNTRIES, Resolver
from ..places.toponym import ToponymModel
from ..schema import Place
from .base import GAZETTEER_LOADER, PLACES, DocComponent, UsesGazetteer, doc_text, ensure_extension

DOC_ATTR = PLACES


def install_extensions() -> None:
    ensure_extension(DOC_ATTR, [])


@Language.factory(
    "dateline_geo",
    assigns=[f"doc._.{DOC_ATTR}"],
    requires=["doc.ents", "token.dep"],
    default_config={
        "max_candidates": 50,
        "min_score": 0.0,
        "lexicon": "geo.json",
        "metonymy": "",
        "toponym": "toponym",
        "home_countries": list(HOME_COUNTRIES),
        "gazetteer": {"@misc": GAZETTEER_LOADER},
    },
)
def make_geo(
    nlp: Language,
    name: str,
    max_candidates: int,
    min_score: float,
    lexicon: str,
    metonymy: str,
    toponym: str,
    home_countries: list[str],
    gazetteer: Callable[[], Gazetteer],
) -> GeoComponent:
    """Build the geo component.

    max_candidates (int): gazetteer entries considered per mention.
    min_score (float): resolutions scoring below this are dropped.
    lexicon (str): package data file with cue words.
    metonymy (str): the shipped model (`data/models/<name>.json`) that decides whether a country or capital stands
        for its state ("Russia has amassed troops"); "" for the rules of `places.resolve`.
    toponym (str): the shipped model that decides whether a gazetteer-known name no other source took is a place
        ("Missile hits Ukraine's Mykolaiv"; `places.toponym`); "" to leave such names out.
    home_countries (list[str]): ISO2 codes whose places win a close call when the text names no country at all
        ("Odessa" alone is Odesa, not Odessa, Texas); [] for none.
    gazetteer (Callable[[], Gazetteer]): opens the gazetteer in `initialize()` (`dateline.gazetteer.v1`).
    """
    return GeoComponent(
        nlp,
        name,
        max_candidates=max_candidates,
        min_score=min_score,
        lexicon=lexicon,
        metonymy=metonymy,
        toponym=toponym,
        home_countries=tuple(home_countries),
        load_gazetteer=gazetteer,
    )


class GeoComponent(UsesGazetteer, DocComponent):
    """Find toponyms and resolve them against the gazetteer."""

    attr = DOC_ATTR

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_geo",
        *,
        max_candidates: int = 50,
        min_score: float = 0.0,
        lexicon: str = "geo.json",
        metonymy: str = "",
        toponym: str = "",
        home_countries: tuple[str, ...] = HOME_COUNTRIES,
        gazetteer: Gazetteer | None = None,
        load_gazetteer: Callable[[], Gazetteer] | None = None,
    ) -> None:
        self.name = name
        self.max_candidates = max_candidates
        self.min_score = min_score
        self.words = PlaceWords.from_lexicon(load_json(lexicon))
        self.metonymy = MetonymyModel.load(metonymy) if metonymy else None
        self.toponym = ToponymModel.load(toponym) if toponym else None
        self.home_countries = tuple(home_countries)
        self.word_classes: dict[str, frozenset[str]] = {}
        self._gazetteer = gazetteer
        self._load_gazetteer = load_gazetteer
        install_extensions()

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Open the gazetteer and read the English word classes of the pipeline's lemmatizer (`lemmas.word_classes`),
        once, before the first document."""
        super().initialize(get_examples, nlp=nlp)
        if nlp is not None:
            self.word_classes = word_classes(nlp)

    def compute(self, doc: Doc) -> list[Place]:
        return self.resolve(doc)

    @property
    def parts(self) -> Parts:
        """The compass parts of countries ("eastern Ukraine"), computed per country once for all documents."""
        if getattr(self, "_parts", None) is None or self._parts.gazetteer is not self.gazetteer:
            self._parts = Parts(self.gazetteer)
        return self._parts

    def mentions(self, doc: Doc) -> list[Mention]:
        """The document's toponyms with their gazetteer candidates (see `places.recognise`)."""
        return Recogniser(self.gazetteer, self.words, self.max_candidates, self.toponym, self.word_classes).mentions(
            doc
        )

    def resolve(self, doc: Doc) -> list[Place]:
        """The document's places: its toponyms resolved, placed and grouped."""
        mentions = self.mentions(doc)
        if not mentions:
            return []
        text = doc_text(doc)
        resolver = Resolver(
            self.gazetteer, self.words, self.min_score, self.metonymy, self.parts, home_countries=self.home_countries
        )
        resolver.choose(mentions)
        RelativePhrases(resolver).attach(mentions, text)
        resolver.fall_back(mentions)
        resolver.assign_roles(mentions)
        return resolver.group(mentions, text)


__all__ = ["GeoComponent", "KINDS", "make_geo"]
