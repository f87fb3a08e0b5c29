"""Every layer opens in GDAL (pyogrio) and round-trips through geopandas."""

from __future__ import annotations

import json

import geopandas as gpd
import pyogrio
import pytest

from conftest import LAYERS

LAYER_FILES = sorted(LAYERS.glob("*.geojson"))


@pytest.mark.parametrize("path", LAYER_FILES, ids=lambda p: p.stem)
def test_gdal_reads_the_layer(path):
    info = pyogrio.read_info(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert info["driver"] == "GeoJSON"
    assert info["features"] == len(raw["features"])
    assert info["geometry_type"] == "Point"
    assert info["crs"] == "EPSG:4326"
    assert {"id", "title", "event_type", "date_start", "geo_precision"} <= set(info["fields"])


@pytest.mark.parametrize("path", LAYER_FILES, ids=lambda p: p.stem)
def test_geopandas_round_trip(path, tmp_path):
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
