"""The GDELT exports (Events, Mentions, GKG 2.1) read back with pandas against the codebooks' column lists and code
tables, from a store of invented reports (examples/ and a few written here)."""

import io
import json
import re

import pandas as pd
import pytest

from dateline.export import FORMATS, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, GKG_COLUMNS, to_text
from dateline.export.gdelt_codes import gdelt_table
from dateline.fuse import fuse, fused_id
from dateline.ingest import ingest
from dateline.read import read_paths
from dateline.store import Store

from .conftest import EXAMPLES

# The GDELT Event Codebook 2.0's Mentions columns and the GKG 2.1 codebook's columns, in their order
PUBLISHED_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]  # fmt: skip
PUBLISHED_GKG_COLUMNS = [
    "GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier", "Counts",
    "V2Counts", "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons", "Organizations",
    "V2Organizations", "V2Tone", "Dates", "GCAM", "SharingImage", "RelatedImages", "SocialImageEmbeds",
    "SocialVideoEmbeds", "Quotations", "AllNames", "Amounts", "TranslationInfo", "Extras",
]  # fmt: skip
GKG_COUNT_TYPES = {"AFFECT", "ARREST", "KIDNAP", "KILL", "PROTEST", "SEIZE", "WOUND"}
# Invented reports: shelling with its dead, a quotation, an arrest, a protest with its crowd, a meeting abroad
INVENTED = [
    {
        "id": "invented-gdelt-001", "date": "2024-05-06", "datetime": "2024-05-06T14:35:12+02:00",
        "source": "Invented Courier (example)",
        "url": "https://courier.example.com/news/1", "title": "Invented: shelling of Kharkiv",
        "text": "Russian artillery shelled Kharkiv on Sunday, killing three civilians and wounding eleven, the "
        "regional governor said. \"The shelling went on for two hours,\" the governor told reporters. Police in Kyiv "
        "arrested two men on Monday.",
    },
    {
        "id": "invented-gdelt-002", "date": "2024-05-07", "source": "Invented Herald (example)", "url": None,
        "machine_translated": True,
        "title": "Invented: protest in Lviv",
        "text": "About 300 protesters rallied in Lviv on Tuesday against the closure of a hospital, organisers said. "
        "Ukraine's foreign minister met his Polish counterpart in Warsaw on Tuesday.",
    },
]  # fmt: skip


def _read(text, columns):
    return pd.read_csv(
        io.StringIO(text), sep="\t", header=None, names=columns, dtype=str, keep_default_na=False, quoting=3
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("export_gdelt")
    invented = folder / "invented-gdelt.jsonl"
    invented.write_text("".join(json.dumps(r) + "\n" for r in INVENTED))
    with Store(folder / "ex.duckdb") as store:
        ingest(read_paths([EXAMPLES, invented]), store)
        fuse(store)
        yield store


@pytest.fixture(scope="module")
def events(store):
    return _read(to_text(store, "gdelt-events"), GDELT_EVENT_COLUMNS)


@pytest.fixture(scope="module")
def mentions(store):
    return _read(to_text(store, "gdelt-mentions"), GDELT_MENTION_COLUMNS)


@pytest.fixture(scope="module")
def gkg(store):
    return _read(to_text(store, "gdelt-gkg"), GKG_COLUMNS)


def test_gdelt_layouts_have_the_published_columns():
    assert len(GDELT_EVENT_COLUMNS) == 61 and GDELT_EVENT_COLUMNS[:5] == [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]  # fmt: skip
    assert GDELT_EVENT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    assert GDELT_MENTION_COLUMNS == PUBLISHED_MENTION_COLUMNS and GKG_COLUMNS == PUBLISHED_GKG_COLUMNS
    assert "gdelt-mentions" in FORMATS


def test_events_are_the_fused_events_with_ids_stable_and_unique(store, events):
    _, fused = store.query(
        "SELECT count(DISTINCT m.fused_id) FROM fused_members m "
        "JOIN events e ON e.article_id = m.article_id AND e.idx = m.idx WHERE e.cameo IS NOT NULL"
    )
    assert len(events) == fused[0][0] > 10
    assert events["GLOBALEVENTID"].is_unique and events["GLOBALEVENTID"].astype("int64").gt(0).all()
    again = _read(to_text(store, "gdelt-events"), GDELT_EVENT_COLUMNS)
    assert list(again["GLOBALEVENTID"]) == list(events["GLOBALEVENTID"])
    _, ids = store.query("SELECT DISTINCT fused_id FROM fused_members")
    assert set(events["GLOBALEVENTID"].astype("int64")) <= {i for (i,) in ids}


def test_event_codes_follow_the_cameo_tables(events):
    table = gdelt_table("cameo")
    for _, row in events.iterrows():
        code = row["EventCode"]
        assert re.fullmatch(r"\d{3,4}", code) and code in table["goldstein"]
        assert row["EventBaseCode"] == code[:3] and row["EventRootCode"] == code[:2]
        assert int(row["QuadClass"]) == table["quad_class_by_root"][code[:2]]
        assert float(row["GoldsteinScale"]) == table["goldstein"][code]
    assert (events["EventCode"].str.len() == 3).any()
    # the shelling of Kharkiv at CAMEO's artillery depth, the arrest and the rally at theirs
    assert {"194", "173", "141"} <= set(events["EventCode"])


def test_event_dates_follow_the_codebook_formula(events):
    for _, row in events.iterrows():
        y, m, d = int(row["SQLDATE"][:4]), int(row["SQLDATE"][4:6]), int(row["SQLDATE"][6:])
        assert row["MonthYear"] == row["SQLDATE"][:6] and row["Year"] == row["SQLDATE"][:4]
        assert abs(float(row["FractionDate"]) - (y + (m * 30 + d) / 365)) < 1e-4


def test_event_geography_uses_fips_codes_and_geo_types(events):
    fips = {row[0] for row in gdelt_table("fips")["countries"].values() if row[0]}
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        located = events[events[f"{prefix}Type"] != ""]
        assert located[f"{prefix}Type"].astype(int).between(1, 5).all()
        assert located[f"{prefix}CountryCode"].isin(fips).all()
        for _, row in located.iterrows():
            adm1 = row[f"{prefix}ADM1Code"]
            assert adm1.startswith(row[f"{prefix}CountryCode"]) and len(adm1) in (2, 4)
            if row[f"{prefix}Type"] == "1":
                assert adm1 == row[f"{prefix}FeatureID"] == row[f"{prefix}CountryCode"]
    action = events[events["ActionGeo_Type"] != ""]
    assert len(action) > len(events) / 2 and set(action["ActionGeo_CountryCode"]) >= {"UP"}
    assert not set(action["ActionGeo_CountryCode"]) & {"UA", "RU"}
    assert (events["Actor1Geo_Type"] != "").any()
    # Kharkiv and Lviv lie in the oblasts FIPS 10-4 codes UP07 and UP15; both are world cities (4)
    for city, adm1 in (("Kharkiv", "UP07"), ("Lviv", "UP15")):
        rows = action[action["ActionGeo_FullName"].str.startswith(city)]
        assert len(rows) and set(rows["ActionGeo_ADM1Code"]) == {adm1} and set(rows["ActionGeo_Type"]) == {"4"}


def test_mentions_join_the_events_and_count_them(store, events, mentions):
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    per_event = mentions.groupby("GLOBALEVENTID").size()
    for _, row in events.iterrows():
        assert int(row["NumMentions"]) == per_event[row["GLOBALEVENTID"]]
        assert 1 <= int(row["NumSources"]) <= int(row["NumMentions"])
        assert int(row["NumArticles"]) <= int(row["NumMentions"])
    assert events["NumArticles"].astype(int).gt(1).any()  # the Kherson strike told by several reports
    _, rows = store.query("SELECT article_id, span_start FROM events")
    stored = {(a, str(s)) for a, s in rows}
    web = mentions["MentionType"] == "1"
    assert mentions[web]["MentionIdentifier"].str.startswith("https://").all()
    for _, m in mentions[~web].iterrows():
        assert (m["MentionIdentifier"], m["ActionCharOffset"]) in stored
    assert mentions["SentenceID"].astype(int).ge(1).all()
    assert mentions["Confidence"].astype(int).between(0, 100).all()
    assert mentions["InRawText"].eq("1").all() and mentions["MentionDocLen"].astype(int).gt(0).all()


def _blocks(value, sep=";"):
    return [b for b in value.split(sep) if b] if value else []


def test_gkg_sub_fields_have_their_documented_parts(gkg):
    assert len(gkg) > 10
    for _, row in gkg.iterrows():
        for block in _blocks(row["Counts"]):
            assert len(block.split("#")) == 10 and block.split("#")[0] in GKG_COUNT_TYPES
        assert [len(b.split("#")) for b in _blocks(row["V2Counts"])] == [11] * len(_blocks(row["Counts"]))
        assert all(len(b.split("#")) == 7 for b in _blocks(row["Locations"]))
        assert all(len(b.split("#")) == 9 for b in _blocks(row["V2Locations"]))
        assert all(b.split("#")[0] in "12345" for b in _blocks(row["Locations"]))
        for block in _blocks(row["Dates"]):
            resolution, month, day, year, offset = block.split("#")
            assert resolution in "1234" and 0 <= int(month) <= 12 and 0 <= int(day) <= 31 and offset.isdigit()
        assert all(len(b.split("|")) == 4 for b in _blocks(row["Quotations"], "#"))
        for field in ("V2Persons", "V2Organizations", "AllNames", "V2Themes"):
            assert all(len(b.split(",")) == 2 and b.split(",")[1].isdigit() for b in _blocks(row[field]))
        assert all(len(b.split(",")) == 3 for b in _blocks(row["Amounts"]))
        assert len(row["V2Tone"].split(",")) == 7 and row["GCAM"].startswith("wc:")
    for field in ("Counts", "Quotations", "AllNames", "Amounts", "Dates", "Persons", "Organizations"):
        assert (gkg[field] != "").any(), field


def test_gkg_counts_quotes_and_amounts_come_from_the_record(gkg):
    row = gkg[gkg["DocumentIdentifier"] == "https://courier.example.com/news/1"].iloc[0]
    counts = {tuple(b.split("#")[:2]) for b in _blocks(row["Counts"])}
    assert {("KILL", "3"), ("ARREST", "2")} <= counts
    assert any("shelling went on for two hours" in q.split("|")[3] for q in _blocks(row["Quotations"], "#"))
    protest = gkg[gkg["DocumentIdentifier"] == "invented-gdelt-002"].iloc[0]
    assert any(a.startswith("300,") for a in _blocks(protest["Amounts"]))


def test_a_store_without_fused_events_exports_one_event_per_mention(tmp_path, nlp, capsys):
    with Store(tmp_path / "unfused.duckdb") as store:
        ingest(read_paths([EXAMPLES / "2024-03-02-invented-harbour-strike.txt"]), store)
        events = _read(to_text(store, "gdelt-events"), GDELT_EVENT_COLUMNS)
        _, rows = store.query("SELECT article_id, idx FROM events WHERE cameo IS NOT NULL ORDER BY 1, 2")
    assert "no fused events" in capsys.readouterr().err
    assert sorted(events["GLOBALEVENTID"].astype("int64")) == sorted(fused_id([r]) for r in rows)
    assert events["NumMentions"].eq("1").all()


def test_an_empty_store_exports_no_rows_and_no_warning(tmp_path, capsys):
    with Store(tmp_path / "empty.duckdb") as store:
        for fmt in ("gdelt-events", "gdelt-mentions", "gdelt-gkg"):
            assert to_text(store, fmt) == ""
    assert capsys.readouterr().err == ""


NIGHT = {
    "id": "invented-night-001", "date": "2024-05-07", "source": "Invented Gazette (example)",
    "url": "https://gazette.example.com/a/1", "title": "Invented:\tdrones hit Odesa & Izmail",
    "text": "Russian drones struck a port in Odesa on Monday night, the regional governor said. Repairs began this "
    "morning.",
}  # fmt: skip


@pytest.fixture(scope="module")
def night_gkg(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("export_gkg_night")
    (folder / "night.jsonl").write_text(json.dumps(NIGHT) + "\n")
    with Store(folder / "night.duckdb") as store:
        ingest(read_paths([folder / "night.jsonl"]), store)
        _, times = store.query("SELECT type, value, span_start FROM times ORDER BY span_start")
        yield times, _read(to_text(store, "gdelt-gkg"), GKG_COLUMNS).iloc[0]


def test_gkg_dates_take_the_day_a_time_names(night_gkg):
    # 'Monday night' and 'this morning' are TIMEX TIMEs, not DATEs; each names a day GKG's Dates give
    times, row = night_gkg
    assert [t[:2] for t in times] == [("TIME", "2024-05-06TNI"), ("TIME", "2024-05-07TMO")]
    assert _blocks(row["Dates"]) == [f"3#5#6#2024#{times[0][2]}", f"3#5#7#2024#{times[1][2]}"]


def test_gkg_extras_give_the_title_as_page_title(night_gkg, gkg):
    _, row = night_gkg
    assert row["Extras"] == "<PAGE_TITLE>Invented: drones hit Odesa &amp; Izmail</PAGE_TITLE>"
    # every article with a title has it in Extras, one without none
    titled = gkg.set_index("DocumentIdentifier")["Extras"]
    assert titled["https://courier.example.com/news/1"] == "<PAGE_TITLE>Invented: shelling of Kharkiv</PAGE_TITLE>"
    assert all(e == "" or re.fullmatch(r"<PAGE_TITLE>[^<>\t]+</PAGE_TITLE>", e) for e in gkg["Extras"])


def test_gkg_date_is_the_publication_time_when_the_input_gives_one(gkg):
    dates = gkg.set_index("DocumentIdentifier")["DATE"]
    # 14:35:12 at UTC+2 is 12:35:12 UTC; an article with a day only is at 000000
    assert dates["https://courier.example.com/news/1"] == "20240506123512"
    assert dates["invented-gdelt-002"] == "20240507000000"
    assert (
        gkg.set_index("DocumentIdentifier")
        .loc["https://courier.example.com/news/1", "GKGRECORDID"]
        .startswith("20240506123512-")
    )


def test_translation_info_marks_machine_translated_articles_only(gkg, mentions):
    info = gkg.set_index("DocumentIdentifier")["TranslationInfo"]
    assert info["invented-gdelt-002"] == "srclc:und;eng:"
    assert (info.drop("invented-gdelt-002") == "").all()
    # srclc is a three-letter ISO 639-2 code, as the codebook has it
    assert re.fullmatch(r"srclc:[a-z]{3};eng:.*", info["invented-gdelt-002"])
    translated = mentions["MentionIdentifier"] == "invented-gdelt-002"
    assert translated.any()
    assert (mentions.loc[translated, "MentionDocTranslationInfo"] == "srclc:und;eng:").all()
    assert (mentions.loc[~translated, "MentionDocTranslationInfo"] == "").all()
