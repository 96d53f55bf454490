"""Officeholders and public figures: who a named person was at an article's date.

The dictionary (`data/people.json`, or a file of your own of the same shape) lists each person with their
offices, each office with its country, CAMEO sector and years. At a date a person holds the office whose
years cover it; outside every office they keep their own country and the sector `otherwise` (ELI, the
former officials and elites, unless the entry says else). Names are matched by `name_key`, which folds
the spellings that transliteration varies: Zelenskiy, Zelensky and Zelenskyy; Sergey and Sergei;
Kadyrów and Kadyrov.

>>> people = People.load()
>>> people.find("Sergey Lavrov").at(dt.date(2023, 5, 1)).sector
'GOV'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load_json
from .places.names import fold

DEFAULT_FILE = "people.json"
FORMER = "ELI"
MIN_SURNAME = 4  # shorter surnames ("Un", "Li") are not looked up alone

_VARIANTS = (  # word-final spellings that transliterations of one name differ by
    (re.compile(r"(?:iy|yy|yi|ij|ii)$"), "y"),
    (re.compile(r"ey$"), "ei"),
    (re.compile(r"(?<=[aeiou])w$"), "v"),
)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The lookup form of a person's name: folded, each word's transliterated ending made one.

    >>> name_key("Volodymyr Zelenskiy") == name_key("Volodymyr Zelenskyy") == name_key("Volodymyr Zelensky")
    True
    """
    words = []
    for word in fold(name).split():
        for pattern, replacement in _VARIANTS:
            word = pattern.sub(replacement, word)
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class Office:
    role: str
    country: str | None
    sector: str
    start: int
    end: int | None  # None: still held

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Standing:
    """What a person was at a date: the office's country, sector and role, or their own as a former holder."""

    country: str | None
    sector: str | None
    role: str | None
    in_office: bool


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    offices: tuple[Office, ...]
    otherwise: str = FORMER

    def at(self, date: dt.date | None) -> Standing:
        """Their standing at `date`; with no date, in their latest office."""
        if date is None:
            held = sorted(self.offices, key=lambda o: (o.end is None, o.end or 0, o.start))[-1:]
        else:
            held = sorted((o for o in self.offices if o.covers(date.year)), key=lambda o: o.start)[-1:]
        if held:
            office = held[0]
            return Standing(office.country, office.sector, office.role, True)
        before = [o for o in self.offices if date is None or o.start <= date.year]
        role = f"former {max(before, key=lambda o: o.start).role}" if before else None
        return Standing(self.country, self.otherwise, role, False)


class People:
    """The dictionary, indexed by full name (and aliases) and by surname."""

    def __init__(self, people: Iterable[Person], aliases: dict[str, Person] | None = None) -> None:
        self.by_name: dict[str, Person] = {}
        self.by_surname: dict[str, list[Person]] = {}
        names = [(person.name, person) for person in people] + list((aliases or {}).items())
        for name, person in names:  # the first entry of a name wins; a later one of the same key is no rival
            key = name_key(name)
            person = self.by_name.setdefault(key, person)
            surname = key.split()[-1]
            if len(surname) >= MIN_SURNAME and person not in self.by_surname.get(surname, []):
                self.by_surname.setdefault(surname, []).append(person)

    @classmethod
    def load(cls, name: str = DEFAULT_FILE) -> People:
        """Read a dictionary file (package data, or a path when `name` contains a slash)."""
        people, aliases = [], {}
        for entry in load_json(name)["people"]:
            offices = tuple(
                Office(o["role"], o.get("country"), o["sector"], o["from"], o.get("to")) for o in entry["offices"]
            )
            person = Person(entry["name"], entry.get("country"), offices, entry.get("otherwise", FORMER))
            people.append(person)
            aliases.update(dict.fromkeys(entry.get("aliases", []), person))
        return cls(people, aliases)

    def has_surname(self, word: str) -> bool:
        """Whether a word is the surname of someone in the dictionary (a cheap test before `find`)."""
        return name_key(word) in self.by_surname

    def find(self, name: str, date: dt.date | None = None) -> Person | None:
        """The person a name (full, or a surname alone) stands for; None when unknown or ambiguous.

        A full name must match a name or an alias: a known surname with another first name is someone else.
        A one-word alias is the person it is given for ("Xi": family names that come first); any other word alone
        is a surname: the one person of that surname, or the one of them in office at `date`.
        """
        key = name_key(name)
        if " " in key or key in self.by_name:
            return self.by_name.get(key)
        candidates = self.by_surname.get(key, [])
        if len(candidates) > 1 and date is not None:
            candidates = [p for p in candidates if p.at(date).in_office]
        return candidates[0] if len(candidates) == 1 else None
