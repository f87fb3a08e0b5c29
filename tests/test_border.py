"""Distance to the border and side of it: geodesic, checked against an independent method."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, shape

from geo.border import ON_BORDER_KM, build_index
from tests.helpers.data import LAYERS, check_every_event, read_layer

BORDER = read_layer(LAYERS / "border.geojson")
BOUNDARIES = read_layer(LAYERS / "boundaries.geojson")
INDEX = build_index(BORDER, BOUNDARIES)


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


# The second projection is a check of the method, not of each file: every event of the
# curated layers, and an evenly spread fixed number of any other (a 20,000-event import
# would otherwise build 20,000 projections). The validator checks every stored distance.
SECOND_PROJECTION_SAMPLE = 200


def _distance_agrees(layer: str, feature: dict) -> None:
    lon, lat = feature["geometry"]["coordinates"][:2]
    props = feature["properties"]
    if props["country"] not in ("TJK", "AFG", None):
        return  # far away on purpose (Moscow, Doha, New York): a projection there says little
    assert props["border_distance_km"] == pytest.approx(_aeqd_distance_km(lon, lat), abs=0.6)


def test_stored_distance_matches_an_independent_projection(shipped_events):
    curated = [e for e in shipped_events if not e[1]["properties"].get("dataset")]
    imported = [e for e in shipped_events if e[1]["properties"].get("dataset")]
    step = max(1, -(-len(imported) // SECOND_PROJECTION_SAMPLE))
    check_every_event([*curated, *imported[::step]], _distance_agrees)


def _side_matches_country(layer: str, feature: dict) -> None:
    props = feature["properties"]
    if props["country"] in ("TJK", "AFG") and props.get("dataset") and not props["border_side"]:
        # A dataset's point may sit on the line: no side, whatever country it codes.
        assert props["border_distance_km"] <= ON_BORDER_KM  # stored to 0.1 km
    elif props["country"] in ("TJK", "AFG"):
        assert props["border_side"] == props["country"]
    elif props["country"] is None:
        assert props["border_side"] is None and props["border_distance_km"] < 1


def test_side_of_border_matches_country(shipped_events):
    check_every_event(shipped_events, _side_matches_country)


def test_panj_incidents_are_on_the_border(curated_events):
    by_id = {f["properties"]["id"]: f["properties"] for _, f in curated_events}
    assert by_id["firefight-near-gold-mine-panj-2025-10-25"]["border_distance_km"] < 5
    assert by_id["site-russian-201st-base-dushanbe"]["border_distance_km"] > 100
