"""The gazetteer: GeoNames places in numpy arrays, looked up by folded name in microseconds.

This module loads and reads the index; `places.build` makes it (run `dateline
gazetteer build` once, at set-up: `make install` does) and `places.names`
gives the lookup forms of names. Everything lives in one folder of `.npy`
files that load memory-mapped, so opening it takes milliseconds.

>>> gaz = Gazetteer.load()  # doctest: +SKIP
>>> [gaz.entry(i)["name"] for i in gaz.lookup("Bakhmut")]  # doctest: +SKIP
['Bakhmut']
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ConfigError, Errors
from .names import loose_key, name_key

FORMAT_VERSION = 1
STATE_POPULATION = 1_000_000  # a state's `pop`: this, plus one per STATE_TIE_BREAK people of its cities
STATE_TIE_BREAK = 1_000
KINDS = ("city", "admin1", "country", "continent", "water", "region", "locality", "admin2")
CITY, ADMIN1, COUNTRY, CONTINENT, WATER, REGION, LOCALITY, ADMIN2 = range(len(KINDS))
ENTRY_DTYPE = np.dtype(
    [
        ("gid", "<i8"),
        ("lat", "<f4"),
        ("lon", "<f4"),
        ("pop", "<i8"),
        ("kind", "u1"),
        ("cc", "S2"),
        ("admin1", "<i4"),
        ("name_start", "<i4"),
        ("name_end", "<i4"),
        ("capital", "?"),
    ]
)


def gazetteer_dir() -> Path:
    """Where the gazetteer is kept: $DATELINE_GAZETTEER, else ~/.cache/dateline/gazetteer-v{FORMAT_VERSION}."""
    if os.environ.get("DATELINE_GAZETTEER"):
        return Path(os.environ["DATELINE_GAZETTEER"])
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "dateline" / f"gazetteer-v{FORMAT_VERSION}"


@dataclass
class Place:
    """One gazetteer row as plain values."""

    gid: int | None
    name: str
    lat: float
    lon: float
    population: int
    kind: str
    country: str | None
    admin1: str | None


class Gazetteer:
    """Read-only name index over the entries arrays."""

    def __init__(
        self,
        folder: Path,
        entries: np.ndarray,
        keys: np.ndarray,
        key_entries: np.ndarray,
        names: bytes,
        admin1_names: list[str],
        demonyms: dict[str, str],
        countries: dict[str, list[str]] | None = None,
        loose_keys: np.ndarray | None = None,
        loose_entries: np.ndarray | None = None,
    ) -> None:
        self.folder = folder
        self.entries = entries
        self.keys = keys
        self.key_entries = key_entries
        self.names = names
        self.admin1_names = admin1_names
        self.demonyms = demonyms
        self.countries = countries or {}
        self._iso3_names: dict[str, str] | None = None
        self._admin1_entries: dict[tuple[str, int], int] | None = None
        self.loose_keys = loose_keys if loose_keys is not None else np.zeros(0, dtype=np.uint64)
        self.loose_entries = loose_entries if loose_entries is not None else np.zeros(0, dtype=np.int32)

    @classmethod
    def load(cls, folder: Path | None = None) -> Gazetteer:
        """Open the gazetteer (memory-mapped). It is never built here: run `dateline gazetteer build` first.

        folder (Path | None): the gazetteer's folder; default `gazetteer_dir()`.
        RETURNS (Gazetteer): the index, read-only.
        """
        folder = Path(folder or gazetteer_dir())
        if not (folder / "meta.json").exists():
            raise ConfigError(Errors.E202.format(folder=folder))
        meta = json.loads((folder / "meta.json").read_text())
        return cls(
            folder,
            np.load(folder / "entries.npy", mmap_mode="r"),
            np.load(folder / "keys.npy", mmap_mode="r"),
            np.load(folder / "key_entries.npy", mmap_mode="r"),
            (folder / "names.bin").read_bytes(),
            meta["admin1_names"],
            meta["demonyms"],
            meta.get("countries", {}),
            np.load(folder / "loose_keys.npy", mmap_mode="r"),
            np.load(folder / "loose_key_entries.npy", mmap_mode="r"),
        )

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> np.ndarray:
        """Indices of the entries that have this name (any spelling GeoNames knows)."""
        return self._search(self.keys, self.key_entries, name_key(name))

    def lookup_loose(self, name: str) -> np.ndarray:
        """Indices of the entries whose name matches up to transliteration variants (see `loose`)."""
        return self._search(self.loose_keys, self.loose_entries, loose_key(name))

    def matches(self, name: str) -> list[dict]:
        """The entries this name finds, most populous first, each saying how the name matched it: `matched` is
        "name" (its own name), "alternate name" (another spelling GeoNames or the codifier lists: "Artemivsk" for
        Bakhmut, "Kharkov" for Kharkiv) or "transliteration variant" (found only up to variants: "Huliaipole" for
        "Hulyaypole"), with `matched_name` the spelling that matched."""
        exact = self.lookup(name)
        how = "transliteration variant" if not len(exact) else None
        found = []
        for index in exact if len(exact) else self.lookup_loose(name):
            entry = self.entry(int(index))
            own = name_key(entry["name"]) == name_key(name)
            found.append({**entry, "matched": how or ("name" if own else "alternate name"), "matched_name": name})
        return sorted(found, key=lambda e: -e["population"])

    @staticmethod
    def _search(keys: np.ndarray, entries: np.ndarray, key: int) -> np.ndarray:
        key = np.uint64(key)
        left = np.searchsorted(keys, key, side="left")
        right = np.searchsorted(keys, key, side="right")
        return np.asarray(entries[left:right])

    def name(self, index: int) -> str:
        row = self.entries[index]
        return self.names[row["name_start"] : row["name_end"]].decode("utf-8")

    def entry(self, index: int) -> dict:
        row = self.entries[index]
        return {
            "geonames_id": int(row["gid"]) if row["gid"] > 0 else None,
            "name": self.name(index),
            "lat": round(float(row["lat"]), 5),
            "lon": round(float(row["lon"]), 5),
            "population": int(row["pop"]),
            "kind": KINDS[row["kind"]],
            "country": row["cc"].decode() or None,
            "admin1": self.admin1_names[row["admin1"]] if row["admin1"] >= 0 else None,
            "capital": bool(row["capital"]),
        }

    def iso3(self, iso2: str | None) -> str | None:
        """'UA' -> 'UKR'."""
        return self.countries.get(iso2 or "", [None])[0]

    def country_name(self, iso2: str | None) -> str | None:
        return self.countries.get(iso2 or "", [None, None])[1]

    def country_name_of_iso3(self, iso3: str | None) -> str | None:
        """'UKR' -> 'Ukraine'."""
        if self._iso3_names is None:
            self._iso3_names = dict(self.countries.values())
        return self._iso3_names.get(iso3 or "")

    def country_of(self, name: str) -> str | None:
        """The ISO2 code of the first country with this name ('Ukraine' -> 'UA'), else None."""
        for i in self.lookup(name):
            if self.entries[i]["kind"] == COUNTRY:
                return self.entries[i]["cc"].decode()
        return None

    def admin1_entry(self, iso2: str, admin1: int) -> int | None:
        """The index of the entry of a country's first-level area (by its index in `admin1_names`), if it has one."""
        if self._admin1_entries is None:
            rows = np.flatnonzero(self.entries["kind"] == ADMIN1)
            self._admin1_entries = {
                (self.entries[i]["cc"].decode(), int(self.entries[i]["admin1"])): int(i) for i in rows[::-1]
            }
        return self._admin1_entries.get((iso2, admin1))

    def country_entry(self, iso2: str) -> int | None:
        """The index of a country's own entry."""
        for i in self.lookup(f"country:{iso2}"):
            return int(i)
        return None
