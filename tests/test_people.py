import datetime as dt
import json

import pytest

from dateline.people import People, name_key

# an invented dictionary: the names and offices are made up for the test
ENTRIES = [
    {
        "name": "Oleh Pavlenskyi",
        "aliases": ["Oleg Pavlensky"],
        "country": "UKR",
        "offices": [
            {"role": "Minister of Defence of Ukraine", "country": "UKR", "sector": "MIL", "from": 2015, "to": 2018},
            {"role": "Secretary General of an Alliance", "country": None, "sector": "IGO", "from": 2019, "to": None},
        ],
    },
    {"name": "Anna Morrow", "country": "GBR", "offices": [], "otherwise": "MED"},
    {"name": "Bo Tianming", "aliases": ["Bo"], "country": "CHN", "offices": [], "otherwise": "GOV"},
    {
        "name": "Peter Morrow",
        "country": "GBR",
        "offices": [{"role": "Prime Minister of Britain", "country": "GBR", "sector": "GOV", "from": 2010, "to": 2012}],
    },
]


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"people": ENTRIES}), encoding="utf-8")
    return People.load(str(path))


@pytest.mark.parametrize(
    "a, b",
    [("Zelenskiy", "Zelenskyy"), ("Zelensky", "Zelenskyi"), ("Sergey", "Sergei"), ("Kadyrów", "Kadyrov")],
)
def test_name_key_folds_transliterated_endings(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart():
    assert name_key("Ivan Petrov") != name_key("Ivana Petrova")


def test_a_person_holds_the_office_of_the_date(people):
    person = people.find("Oleg Pavlensky")
    assert person.name == "Oleh Pavlenskyi"
    assert (person.at(dt.date(2016, 5, 1)).country, person.at(dt.date(2016, 5, 1)).sector) == ("UKR", "MIL")
    assert (person.at(dt.date(2023, 5, 1)).country, person.at(dt.date(2023, 5, 1)).sector) == (None, "IGO")


def test_outside_every_office_a_person_is_former(people):
    standing = people.find("Peter Morrow").at(dt.date(2020, 1, 1))
    assert (standing.country, standing.sector, standing.in_office) == ("GBR", "ELI", False)
    assert standing.role == "former Prime Minister of Britain"
    assert people.find("Anna Morrow").at(dt.date(2020, 1, 1)).sector == "MED"


def test_a_surname_alone_is_the_one_person_of_it_or_the_one_in_office(people):
    assert people.find("Pavlenskyy").name == "Oleh Pavlenskyi"
    assert people.find("Morrow") is None
    assert people.find("Morrow", dt.date(2011, 1, 1)).name == "Peter Morrow"


def test_a_family_name_that_comes_first_is_the_person_when_given_as_an_alias(people):
    assert people.find("Bo").name == "Bo Tianming", "shorter than a surname looked up alone, but named as an alias"
    assert People([people.find("Bo")]).find("Bo") is None, "without the alias, too short a surname to look up"


def test_a_known_surname_with_another_first_name_is_someone_else(people):
    assert people.find("Ivan Pavlenskyi") is None


def test_the_shipped_dictionary_loads_and_is_well_formed():
    people = People.load()
    assert len(people.by_name) >= 100
    for person in set(people.by_name.values()):
        assert person.country is None or len(person.country) == 3
        assert all(o.end is None or o.start <= o.end for o in person.offices)
