"""Exports: GeoJSON that GDAL reads, CSV with ACLED-like columns."""

from __future__ import annotations

import csv
import io
import json

import geopandas as gpd

from geo.dataset import load_dataset
from geo.export import ACLED_COLUMNS, to_acled_csv, to_geojson
from tests.helpers.data import LAYERS, SEEDS


def test_geojson_export_round_trips_through_gdal(tmp_path):
    data = load_dataset(LAYERS, SEEDS)
    features = list(data.features.values())
    path = tmp_path / "export.geojson"
    path.write_text(to_geojson(features), encoding="utf-8")
    gdf = gpd.read_file(path, engine="pyogrio")
    assert sorted(gdf["id"]) == sorted(data.features)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["features"][0]["properties"]["sources"][0]["excerpt"]


def test_csv_export_columns_and_values():
    data = load_dataset(LAYERS, SEEDS)
    report = data.features["report-reuters-russian-joint-patrols-2025-12-02"]
    undated = data.features["site-afghan-consulate-khorugh"]
    rows = list(csv.DictReader(io.StringIO(to_acled_csv([report, undated]))))
    assert list(rows[0]) == ACLED_COLUMNS
    assert rows[0]["event_date"] == "2025-12-02" and rows[0]["time_precision"] == "1"
    assert rows[0]["notes"].startswith("[RETRACTED]")
    assert rows[0]["actor1"] == "Reuters" and rows[0]["fatalities"] == ""
    assert rows[1]["event_date"] == "" and rows[1]["time_precision"] == "0"
    assert float(rows[1]["longitude"]) == 71.55337 and float(rows[1]["latitude"]) == 37.49039
