"""Every layer opens in GDAL (pyogrio) and round-trips through geopandas."""

from __future__ import annotations

import json

import geopandas as gpd
import pyogrio
import pytest

from tests.helpers.data import EVENT_LAYER_FILES, REFERENCE_LAYER_FILES, check_every

LAYER_FILES = EVENT_LAYER_FILES


def test_gdal_reads_every_event_layer():
    check_every(LAYER_FILES, _gdal_reads, lambda p: p.name)


def test_geopandas_round_trip_of_every_event_layer(tmp_path):
    check_every(LAYER_FILES, lambda p: _round_trip(p, tmp_path), lambda p: p.name)


def _gdal_reads(path):
    info = pyogrio.read_info(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert info["driver"] == "GeoJSON"
    assert info["features"] == len(raw["features"])
    assert info["geometry_type"] == "Point"
    assert info["crs"] == "EPSG:4326"
    assert {"id", "title", "event_type", "date_start", "geo_precision"} <= set(info["fields"])


def _round_trip(path, tmp_path):
    gdf = gpd.read_file(path, engine="pyogrio")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert list(gdf["id"]) == [f["properties"]["id"] for f in raw["features"]]
    # GeoJSON is (lon, lat): x must be the longitude GDAL read.
    assert list(gdf.geometry.x) == [f["geometry"]["coordinates"][0] for f in raw["features"]]
    out = tmp_path / path.name
    gdf.to_file(out, driver="GeoJSON", engine="pyogrio")
    again = gpd.read_file(out, engine="pyogrio")
    assert list(again["id"]) == list(gdf["id"])
    assert again.geometry.geom_equals(gdf.geometry).all()
    assert list(again["title"]) == list(gdf["title"])


@pytest.mark.parametrize("path", REFERENCE_LAYER_FILES, ids=lambda p: p.stem)
def test_reference_layers_open_in_gdal(path):
    gdf = gpd.read_file(path, engine="pyogrio")
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.is_valid.all()
    if path.stem == "boundaries":
        assert {"TJK", "AFG", "UZB", "KGZ", "CHN"} <= set(gdf["iso_a3"])
    else:
        assert gdf.geom_type.isin(["LineString", "MultiLineString"]).all()
