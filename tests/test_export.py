"""Exports: GeoJSON that GDAL reads, CSV in ACLED's columns that pandas loads as is."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest

from geo.dataset import Dataset, load_dataset
from geo.export import (
    ACLED_COLUMNS,
    COUNTRIES,
    CSV_COLUMNS,
    to_acled_csv,
    to_geojson,
)
from geo.importers.__main__ import main as import_main
from geo.model import EventFeature
from geo.published._rows import COUNTRY_ISO3
from geo.vocab import load_gazetteer
from tests.helpers.data import SEEDS, read_layer

RETRACTED = "report-reuters-russian-joint-patrols-2025-12-02"
DENIED = "report-dushanbe-hosts-nrf-leaders"
UNDATED = "site-afghan-consulate-khorugh"
ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"  # 5 killed, 5 injured
ON_THE_BORDER = "clash-taliban-fighter-killed-2025-08"  # country null, month precision
RFERL = "RFE/RL, Radio Azadi (Afghan service)"
# The header an ACLED user sees: ACLED's names in ACLED's order, then the atlas's own.
HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities",
    "status", "withdrawn", "date_end", "date_precision", "injured", "border_distance_km",
    "border_side", "excerpt_original", "excerpt_lang", "excerpt_translation", "source_languages",
    "atlas_event_type", "atlas_sub_event_type", "atlas_province", "atlas_district",
    "atlas_area_basis",
]  # fmt: skip
# How an ACLED user loads the file: nullable dtypes, so counts with gaps stay integers.
READ_CSV = {"dtype_backend": "numpy_nullable", "parse_dates": ["event_date", "date_end"]}


@pytest.fixture(scope="module")
def frame(data: Dataset, tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """Every shipped event exported, written to a file and read back by pandas."""
    path = tmp_path_factory.mktemp("export") / "events.csv"
    path.write_text(to_acled_csv(data.features.values(), data.manifest), encoding="utf-8")
    return pd.read_csv(path, **READ_CSV).set_index("event_id_cnty", drop=False)


def _variant(
    data: Dataset, event_id: str, change: Callable[[dict[str, Any]], None]
) -> EventFeature:
    """A shipped event with its properties changed, validated again."""
    raw = data.features[event_id].model_dump(mode="json")
    change(raw["properties"])
    return EventFeature.model_validate(raw)


def _rows(features: list[EventFeature], data: Dataset) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(to_acled_csv(features, data.manifest))))


def test_geojson_export_round_trips_through_gdal(tmp_path, data):
    features = list(data.features.values())
    path = tmp_path / "export.geojson"
    path.write_text(to_geojson(features), encoding="utf-8")
    gdf = gpd.read_file(path, engine="pyogrio")
    assert sorted(gdf["id"]) == sorted(data.features)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["features"][0]["properties"]["sources"][0]["excerpt"]


def test_csv_columns_are_acleds_then_the_atlas_s(data, frame):
    assert CSV_COLUMNS == HEADER and HEADER[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert list(frame.columns) == HEADER
    assert _rows([], data) == [] and to_acled_csv([]) == ",".join(HEADER) + "\n"
    assert sorted(frame.index) == sorted(data.features)


@pytest.mark.parametrize(
    ("column", "dtype"),
    [
        ("year", "Int64"),
        ("time_precision", "Int64"),
        ("iso", "Int64"),
        ("geo_precision", "Int64"),
        ("fatalities", "Int64"),
        ("injured", "Int64"),
        ("latitude", "Float64"),
        ("longitude", "Float64"),
        ("border_distance_km", "Float64"),
        ("withdrawn", "boolean"),
        ("event_date", "datetime64"),
        ("date_end", "datetime64"),
        ("notes", "string"),
        ("status", "string"),
    ],
)
def test_csv_loads_into_pandas_with_acleds_dtypes(frame, column, dtype):
    shown = str(frame[column].dtype)
    assert shown.startswith("datetime64[") if dtype == "datetime64" else shown == dtype


def test_csv_values_survive_the_round_trip(data, frame):
    dated = [f.properties for f in data.features.values() if f.properties.date_start]
    assert frame["fatalities"].isna().any() and frame["fatalities"].sum() == 6
    assert set(frame["time_precision"].dropna()) == {1, 2, 3}
    assert frame["event_date"].notna().sum() == len(dated)
    assert frame["year"].notna().sum() == len(dated)
    assert all(frame.loc[p.id, "event_date"].date() == p.date_start for p in dated)
    assert all(frame.loc[p.id, "year"] == p.date_start.year for p in dated if p.date_start)
    feat = data.features[UNDATED]
    lon, lat = feat.geometry.coordinates[0], feat.geometry.coordinates[1]
    assert frame.loc[UNDATED, ["longitude", "latitude"]].tolist() == [lon, lat]
    assert frame["notes"].tolist() == [data.features[i].properties.summary for i in frame.index]


@pytest.mark.parametrize(
    ("event_id", "expected"),
    [
        (RETRACTED, {"status": "retracted", "withdrawn": True, "iso": 762}),
        (DENIED, {"status": "denied", "withdrawn": True, "admin1": "Dushanbe"}),
        ("report-reuters-withdraws-patrol-story-2025-12-03", {"withdrawn": False}),
        (UNDATED, {"admin1": "Gorno-Badakhshan", "country": "Tajikistan", "border_side": "TJK",
         "event_type": "Strategic developments", "sub_event_type": "Other",
         "atlas_event_type": "Site", "atlas_sub_event_type": pd.NA}),
        (ON_THE_BORDER, {"time_precision": 3, "year": 2025, "fatalities": 1, "iso": pd.NA}),
        ("meeting-tajik-delegation-kabul-2025-11-15", {"iso": 4, "admin1": "Kabul"}),
        ("agreement-doha-us-taliban-2020", {"country": "Qatar", "iso": 634, "admin1": pd.NA}),
        ("call-putin-rahmon-2021-07", {"disorder_type": "Strategic developments",
         "event_type": "Strategic developments", "sub_event_type": "Other",
         "atlas_event_type": "Meeting", "atlas_sub_event_type": "Telephone call"}),
        (ATTACK, {"source": f"{RFERL}; outlet not stated",
         "disorder_type": "Political violence", "injured": 5, "excerpt_lang": "fa",
         "source_languages": "fa; ar", "sub_event_type": "Air/drone strike",
         "event_type": "Explosions/Remote violence",
         "atlas_event_type": "Explosions/Remote violence"}),
    ],
)  # fmt: skip
def test_csv_row_values(frame, event_id, expected):
    row = frame.loc[event_id]
    for column, value in expected.items():
        assert row[column] is pd.NA if value is pd.NA else row[column] == value, column


@pytest.mark.parametrize("event_id", [RETRACTED, DENIED])
def test_withdrawn_reports_are_marked_in_their_own_columns(data, frame, event_id):
    p = data.features[event_id].properties
    assert frame.loc[event_id, "status"] == str(p.status) and frame.loc[event_id, "withdrawn"]
    assert frame.loc[event_id, "notes"] == p.summary  # no "[RETRACTED]" prefix
    counted = frame[~frame["withdrawn"]]  # what a pivot table of real events starts from
    assert event_id not in counted.index


def test_undated_rows_have_empty_dates_not_code_0(data, frame):
    undated = [i for i, f in data.features.items() if f.properties.date_start is None]
    assert UNDATED in undated and len(undated) > 1
    rows = frame.loc[undated]
    for column in ("event_date", "date_end", "year", "time_precision"):
        assert rows[column].isna().all(), column
    assert (rows["date_precision"] == "unknown").all()
    raw = {r["event_id_cnty"]: r for r in _rows([data.features[UNDATED]], data)}[UNDATED]
    assert (raw["event_date"], raw["year"], raw["time_precision"]) == ("", "", "")


@pytest.mark.parametrize(
    ("precision", "start", "end", "code"),
    [
        ("day", "2025-08-14", "2025-08-14", "1"),
        ("week", "2025-08-11", "2025-08-17", "2"),
        ("month", "2025-08-01", "2025-08-31", "3"),
        ("year", "2025-01-01", "2025-12-31", "3"),
        ("unknown", None, None, ""),
    ],
)
def test_time_precision_is_acleds_code(data, precision, start, end, code):
    def dated(props: dict[str, Any]) -> None:
        props.update(date_precision=precision, date_start=start, date_end=end)

    row = _rows([_variant(data, ON_THE_BORDER, dated)], data)[0]
    assert (row["time_precision"], row["event_date"], row["date_end"]) == (
        code,
        start or "",
        end or "",
    )


@pytest.mark.parametrize(
    "event_id",
    [
        RETRACTED,
        "report-arabic-article-repeats-patrol-claim",
        "statement-tajikistan-accuses-taliban-backing-ansarullah",
    ],
)
def test_events_with_three_or_more_actors_keep_them_all(data, frame, event_id):
    actors = data.features[event_id].properties.actors
    row = frame.loc[event_id]
    assert len(actors) >= 3
    assert (row["actor1"], row["actor2"]) == (actors[0], actors[1])
    assert row["assoc_actor_1"].split("; ") == actors[2:]


def test_no_event_loses_an_actor(data, frame):
    for event_id, feat in data.features.items():
        row = frame.loc[event_id, ["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"]]
        cells = [c for c in row.dropna() for c in c.split("; ")]
        assert sorted(cells) == sorted(feat.properties.actors), event_id


MARKUP = [
    '<script>alert("x")</script> <b>bold</b> &amp; **strong** [link](javascript:alert(1))',
    '=HYPERLINK("http://x"), +1; -1 @a, commas, "quotes"\nand a second line\r\n',
    "Dari and Arabic: طالبان، مرز پنج — ‏RTL‏ mark, tab\tinside",
]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_text_stays_literal(data, tmp_path, text):
    def marked(props: dict[str, Any]) -> None:
        props.update(title=text, summary=text, place=text)

    feat = _variant(data, UNDATED, marked)
    row = _rows([feat], data)[0]
    # A cell that would start a formula gets a leading ' (tests/test_csv_injection.py).
    written = "'" + text if text.startswith("=") else text
    assert row["notes"] == written and row["location"] == written
    path = tmp_path / "marked.csv"
    path.write_text(to_acled_csv([feat]), encoding="utf-8", newline="")
    again = pd.read_csv(path, **READ_CSV)
    assert again.loc[0, "notes"] == written and again.loc[0, "location"] == written


ACLED_ROW = {
    "dataset": "ACLED",
    "file": "acled-tjk-afg.csv",
    "row_id": "AFG71234",
    "codes": {"disorder_type": "Political violence; Demonstrations", "admin1": "Takhar", "iso": 4},
    "cites": {"source": "Pajhwok Afghan News", "notes": "Shots were fired."},
}
UCDP_ROW = {
    "dataset": "UCDP GED",
    "file": "ged-tjk-afg.csv",
    "row_id": "501234",
    "codes": {"adm_1": "Badakhshan province", "best": 1},
    "cites": {"source_article": "AFP"},
}


@pytest.mark.parametrize(
    ("record", "disorder_type", "admin1", "source"),
    [
        # ACLED's own row goes back with the source it cites; UCDP's names its release.
        (ACLED_ROW, "Political violence; Demonstrations", "Takhar", "Pajhwok Afghan News"),
        (UCDP_ROW, "Political violence", "Badakhshan province", "UCDP GED 25.1"),
    ],
)
def test_imported_events_without_sources_export(
    data, tmp_path, record, disorder_type, admin1, source
):
    def imported(props: dict[str, Any]) -> None:
        props.update(sources=[], evidence=[], claims=[], country="AFG", place_id=None)
        props["dataset"] = {"version": "25.1", "licence": "see the dataset", "row": 7, **record}

    feat = _variant(data, ON_THE_BORDER, imported)
    assert feat.properties.sources == []
    rows = _rows([feat, data.features[UNDATED]], data)
    row = rows[0]
    assert row["source"] == source and row["source_languages"] == ""
    excerpt = (row["excerpt_original"], row["excerpt_lang"], row["excerpt_translation"])
    assert excerpt == ("", "", "")
    assert (row["disorder_type"], row["admin1"], row["iso"]) == (disorder_type, admin1, "4")
    assert row["actor1"] == "Tajik Border Forces" and row["fatalities"] == "1"
    assert rows[1]["source"] == RFERL


# ACLED's first-level divisions of the countries the gazetteer places in one.
ADMIN1_OF_COUNTRY = {
    "TJK": {"Dushanbe", "Khatlon", "Gorno-Badakhshan"},
    "AFG": {"Kabul", "Badakhshan", "Takhar", "Kunduz", "Balkh"},
    "RUS": {"Moscow"},
    "USA": {"New York"},
}


def test_gazetteer_divisions_belong_to_the_place_country():
    places = load_gazetteer().values()
    placed = [p for p in places if p.admin1]
    assert len(placed) >= 70
    for place in placed:
        assert place.admin1 in ADMIN1_OF_COUNTRY[place.country or ""], place.id
    # Areas spanning divisions (the border, border bands) have none.
    assert all(not p.admin1 for p in places if p.country is None)


@pytest.mark.parametrize(
    ("place_id", "admin1"),
    [("khorugh", "Gorno-Badakhshan"), ("farkhor", "Khatlon"), ("imam-sahib", "Kunduz"),
     ("darqad", "Takhar"), ("fayzabad", "Badakhshan"), ("mazar-i-sharif", "Balkh")],
)  # fmt: skip
def test_gazetteer_names_the_division_of_border_towns(place_id, admin1):
    assert load_gazetteer()[place_id].admin1 == admin1


def test_every_country_the_data_can_hold_has_an_iso_code(data):
    shipped = {f.properties.country for f in data.features.values()} - {None}
    assert shipped | set(COUNTRY_ISO3.values()) <= set(COUNTRIES)
    assert (COUNTRIES["AFG"], COUNTRIES["TJK"]) == ((4, "Afghanistan"), (762, "Tajikistan"))


def test_acled_rows_go_back_as_acled_published_them(imported_acled, tmp_path):
    """Exported, then imported again: every ACLED event comes back the same, sides and all."""
    layers, data_dir = imported_acled
    first = load_dataset(layers, SEEDS, data_dir)
    acled = {fid: f for fid, f in first.features.items() if fid.startswith("acled-")}
    exported = tmp_path / "atlas_export.csv"
    exported.write_text(to_acled_csv(acled.values(), first.manifest), encoding="utf-8")
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(exported.open(encoding="utf-8"))}
    assert rows["AFG9002"]["actor2"] == "National Resistance Front"  # not an ally of actor1
    assert rows["AFG9002"]["event_date"] == "2024-03-12"  # ACLED's day, not the week's first
    assert rows["TJK9001"]["source"] == "Invented Outlet"
    # The same events from another file of the same dataset: they replace the layer's.
    out = layers / "acled.geojson"
    args = ["acled", str(exported), "--out", str(out), "--replace", "acled", "--version", "again"]
    args += ["--layers"]
    assert import_main([*args, str(layers), "--data", str(data_dir), "--seeds", str(SEEDS)]) == 0
    again = {f["properties"]["id"]: f for f in read_layer(out)["features"]}
    assert set(again) == set(acled)
    keys = ("date_start", "date_end", "actors", "fatalities", "event_type", "geo_precision")
    for fid, feat in acled.items():
        props = feat.model_dump(mode="json")["properties"]
        assert {k: again[fid]["properties"][k] for k in keys} == {k: props[k] for k in keys}
        assert again[fid]["geometry"]["coordinates"] == list(feat.geometry.coordinates)


def test_csv_carries_the_first_excerpts_translation(data, frame):
    """An analyst reading the CSV reads the English beside the original (#25)."""
    for event_id, feat in data.features.items():
        if feat.properties.sources:
            first = feat.properties.sources[0]
            assert frame.loc[event_id, "excerpt_translation"] == first.translation
