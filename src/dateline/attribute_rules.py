"""spaCy's attribute ruler, applied by table lookup instead of a Matcher: the same rules, the same result.

en_core_web_sm's `attribute_ruler` holds some 180 rules (the tag map, pronoun cases, auxiliaries, a few
two-token lemmas). spaCy runs them through a Matcher that tries every rule at every token, a sixth of the
model's time. A rule only looks at a token's LOWER, TAG, DEP and IS_SPACE, so here each distinct
(LOWER, TAG, DEP, IS_SPACE) is judged once per process against every rule element and the answer kept;
a token then costs one dictionary lookup. Rules are applied in the ruler's order, a later one overwriting
an earlier one's attributes, as spaCy does.

`indexed_rules(ruler)` returns None for a rule this module does not model (an operator, another attribute,
another predicate): the pipeline then keeps spaCy's own ruler.

>>> from dateline.attribute_rules import IndexedRules
>>> rules = IndexedRules.from_patterns([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0}])
>>> rules is not None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")  # the token attributes a rule may test, in signature order
ARRAY_ATTRS = [LOWER, TAG, DEP, IS_SPACE]
Signature = tuple[str, str, str, bool]
Test = Callable[[Signature], bool]


def _value_test(position: int, value) -> Test | None:
    """A test of one attribute, or None for a predicate not modelled."""
    if isinstance(value, (str, bool)):
        return lambda sig: sig[position] == value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((kind, operand),) = value.items()
    if kind == "IN":
        members = frozenset(operand)
        return lambda sig: sig[position] in members
    if kind == "NOT_IN":
        members = frozenset(operand)
        return lambda sig: sig[position] not in members
    if kind == "REGEX" and position < KEYS.index("IS_SPACE"):
        search = re.compile(operand).search
        return lambda sig: bool(search(sig[position]))
    return None


def _element_test(element: dict) -> Test | None:
    """One token of a pattern: all its attribute tests at once."""
    if not element or any(key not in KEYS for key in element):
        return None
    tests = [_value_test(KEYS.index(key), value) for key, value in element.items()]
    if any(test is None for test in tests):
        return None
    return lambda sig: all(test(sig) for test in tests)


@dataclass
class Rule:
    """One ruler entry: its alternative patterns (each a list of element ids), the attributes it sets (spaCy's
    normalised form) and which token of the match receives them."""

    patterns: list[list[int]]
    attrs: dict
    index: int


def _gates(element: dict) -> tuple[int, frozenset] | None:
    """The attribute (LOWER, else TAG) whose value must be one of a few strings for `element` to hold, and
    those strings; None when the element must be tried on every token."""
    for position in (KEYS.index("LOWER"), KEYS.index("TAG")):
        value = element.get(KEYS[position])
        if isinstance(value, str):
            return position, frozenset([value])
        if isinstance(value, dict) and set(value) == {"IN"}:
            return position, frozenset(value["IN"])
    return None


@dataclass
class Elements:
    """The distinct pattern elements, each tried only on tokens whose LOWER or TAG can satisfy it."""

    tests: list[Test] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    gated: tuple[dict[str, list[int]], ...] = ({}, {})  # by LOWER, by TAG: value -> element ids
    ungated: list[int] = field(default_factory=list)

    def add(self, element: dict) -> int | None:
        key = repr(sorted(element.items()))
        if key in self.ids:
            return self.ids[key]
        test = _element_test(element)
        if test is None:
            return None
        element_id = self.ids[key] = len(self.tests)
        self.tests.append(test)
        gate = _gates(element)
        if gate is None:
            self.ungated.append(element_id)
        for value in gate[1] if gate else ():
            self.gated[gate[0]].setdefault(value, []).append(element_id)
        return element_id

    def satisfied_by(self, sig: Signature) -> frozenset[int]:
        candidates = [*self.gated[0].get(sig[0], ()), *self.gated[1].get(sig[1], ()), *self.ungated]
        return frozenset(i for i in candidates if self.tests[i](sig))


@dataclass(frozen=True)
class Satisfied:
    """What one token signature satisfies: pattern elements, the merged attributes of the one-token rules it
    matches (in rule order, later ones winning), and the longer patterns it can start."""

    elements: frozenset[int]
    merged: dict
    starts: list[tuple[int, list[int]]]


@dataclass
class IndexedRules:
    """The rules, their distinct pattern elements, and what each token signature satisfies."""

    rules: list[Rule]
    elements: Elements
    single: list[tuple[int, int]]  # (rule, element) of the one-token patterns
    longer: list[tuple[int, list[int]]]  # (rule, elements) of the longer patterns
    _satisfied: dict[tuple, Satisfied] = field(default_factory=dict)

    @classmethod
    def from_patterns(cls, entries: list[dict]) -> IndexedRules | None:
        """Compile `AttributeRuler.patterns` (their "attrs" as the ruler normalised them); None when some rule is
        beyond this module."""
        elements = Elements()
        rules: list[Rule] = []
        for entry in entries:
            patterns = []
            index = entry.get("index", 0)
            for pattern in entry["patterns"]:
                if not -len(pattern) <= index < len(pattern):
                    return None
                ids = [elements.add(element) for element in pattern]
                if None in ids:
                    return None
                patterns.append(ids)
            rules.append(Rule(patterns, entry["attrs"], index))
        single = [(r, p[0]) for r, rule in enumerate(rules) for p in rule.patterns if len(p) == 1]
        longer = [(r, p) for r, rule in enumerate(rules) for p in rule.patterns if len(p) > 1]
        return cls(rules, elements, single, longer)

    def satisfied(self, key: tuple, strings) -> Satisfied:
        """For one token's (LOWER, TAG, DEP, IS_SPACE) hashes: what it satisfies (computed once per process)."""
        found = self._satisfied.get(key)
        if found is None:
            lower, tag, dep, is_space = key
            sig = (strings[lower], strings[tag] if tag else "", strings[dep] if dep else "", bool(is_space))
            ids = self.elements.satisfied_by(sig)
            merged: dict = {}
            for rule, element in self.single:
                if element in ids:
                    merged.update(self.rules[rule].attrs)
            starts = [(rule, elements) for rule, elements in self.longer if elements[0] in ids]
            found = self._satisfied[key] = Satisfied(ids, merged, starts)
        return found

    def apply(self, doc: Doc) -> Doc:
        """Set the attributes of every rule that matches in `doc`, as spaCy's AttributeRuler does."""
        strings = doc.vocab.strings
        keys = [tuple(row) for row in doc.to_array(ARRAY_ATTRS).tolist()] if len(doc) else []
        found = [self.satisfied(key, strings) for key in keys]
        extra = self._longer_matches(found)
        for i, token in enumerate(found):
            merged = self._merge_with(token.elements, extra[i]) if i in extra else token.merged
            if merged:
                set_token_attrs(doc[i], merged)
        return doc

    def _longer_matches(self, found: list[Satisfied]) -> dict[int, list[int]]:
        """Token -> rules whose longer patterns match with that token as the one receiving the attributes."""
        targets: dict[int, set[int]] = {}
        for start in [i for i, token in enumerate(found) if token.starts]:
            for rule, elements in found[start].starts:
                width = len(elements)
                if start + width <= len(found) and all(
                    element in found[start + k].elements for k, element in enumerate(elements)
                ):
                    index = self.rules[rule].index
                    target = start + index if index >= 0 else start + width + index
                    targets.setdefault(target, set()).add(rule)
        return {token: sorted(rules) for token, rules in targets.items()}

    def _merge_with(self, satisfied: frozenset[int], longer_rules: list[int]) -> dict:
        """The attributes of a token some longer pattern also targets: every matching rule, in rule order."""
        matching = {rule for rule, element in self.single if element in satisfied}
        merged: dict = {}
        for rule in sorted(matching | set(longer_rules)):
            merged.update(self.rules[rule].attrs)
        return merged


class IndexedAttributeRuler:
    """A pipeline component that applies compiled rules (see `IndexedRules`) in place of spaCy's ruler."""

    def __init__(self, rules: IndexedRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        return self.rules.apply(doc)


def indexed_rules(ruler) -> IndexedRules | None:
    """The rules of spaCy's AttributeRuler `ruler`, compiled; None when one of them is not modelled here."""
    entries = [{**entry, "attrs": attrs} for entry, attrs in zip(ruler.patterns, ruler.attrs)]
    return IndexedRules.from_patterns(entries)


@Language.factory("dateline_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """Made empty; `replace_attribute_ruler` fills it with the rules of the ruler it replaces."""
    return IndexedAttributeRuler(IndexedRules([], Elements(), [], []))


def replace_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put the indexed ruler in place of spaCy's `name` (keeping the name), when every rule is modelled.

    RETURNS (bool): whether it was replaced.
    """
    if name not in nlp.pipe_names:
        return False
    rules = indexed_rules(nlp.get_pipe(name))
    if rules is None:
        return False
    nlp.replace_pipe(name, "dateline_attribute_ruler")
    nlp.get_pipe(name).rules = rules
    return True
