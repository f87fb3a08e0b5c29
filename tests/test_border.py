"""Distance to the border and side of it: geodesic, checked against an independent method."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, shape

from geo.border import build_index
from tests.helpers.data import EVENT_LAYER_FILES, LAYERS, read_layer

BORDER = read_layer(LAYERS / "border.geojson")
BOUNDARIES = read_layer(LAYERS / "boundaries.geojson")
INDEX = build_index(BORDER, BOUNDARIES)
FEATURES = [f for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]]


def _aeqd_distance_km(lon: float, lat: float) -> float:
    """Distance in an azimuthal equidistant projection centred on the point (exact there)."""
    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m")
    to_local = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    line = shapely.transform(
        shape(BORDER["features"][0]["geometry"]),
        lambda xy: np.column_stack(to_local.transform(xy[:, 0], xy[:, 1])),
    )
    return line.distance(Point(0, 0)) / 1000


@pytest.mark.parametrize(
    ("name", "lon", "lat", "low", "high", "side"),
    [
        ("Dushanbe", 68.77905, 38.53575, 100, 150, "TJK"),
        ("Bokhtar", 68.77762, 37.83654, 40, 70, "TJK"),
        ("Khorugh, on the Panj", 71.55337, 37.49039, 0, 6, "TJK"),
        ("Kabul", 69.17233, 34.52813, 250, 320, "AFG"),
        ("border midpoint", 71.31491, 38.08304, 0, 0.5, None),
    ],
)
def test_known_distances(name, lon, lat, low, high, side):
    km = INDEX.distance_km(lon, lat)
    assert low <= km <= high, f"{name}: {km:.1f} km"
    assert INDEX.side(lon, lat) == side


@pytest.mark.parametrize("feature", FEATURES, ids=lambda f: f["properties"]["id"])
def test_stored_distance_matches_an_independent_projection(feature):
    lon, lat = feature["geometry"]["coordinates"]
    props = feature["properties"]
    if props["country"] not in ("TJK", "AFG", None):
        return  # far away on purpose (Moscow, Doha, New York): a projection there says little
    assert props["border_distance_km"] == pytest.approx(_aeqd_distance_km(lon, lat), abs=0.6)


@pytest.mark.parametrize("feature", FEATURES, ids=lambda f: f["properties"]["id"])
def test_side_of_border_matches_country(feature):
    props = feature["properties"]
    if props["country"] in ("TJK", "AFG"):
        assert props["border_side"] == props["country"]
    elif props["country"] is None:
        assert props["border_side"] is None and props["border_distance_km"] < 1


def test_panj_incidents_are_on_the_border():
    by_id = {f["properties"]["id"]: f["properties"] for f in FEATURES}
    assert by_id["firefight-near-gold-mine-panj-2025-10-25"]["border_distance_km"] < 5
    assert by_id["site-russian-201st-base-dushanbe"]["border_distance_km"] > 100
