"""Vague places as areas: the rule, and the geometry of each area kind."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape

from geo.model import Uncertainty
from geo.uncertainty import area_geojson, default_uncertainty
from geo.vocab import load_gazetteer
from tests.helpers.apptest import map_args, run_app
from tests.helpers.data import LAYERS, read_layer

BORDER = read_layer(LAYERS / "border.geojson")
BOUNDARIES = read_layer(LAYERS / "boundaries.geojson")
MIDPOINT = Point(71.31491, 38.08304)
TJK_SIDE, AFG_SIDE = Point(71.41491, 38.08304), Point(71.21491, 38.08304)


@pytest.mark.parametrize(
    ("place_id", "precision", "expected"),
    [
        ("dushanbe", 1, None),
        ("dushanbe", 2, {"shape": "circle", "radius_km": 10.0}),
        ("tjk-afg-border", 3, {"shape": "border", "radius_km": 10}),
        ("afghanistan", 3, {"shape": "country", "iso_a3": "AFG"}),
        ("moscow", 3, {"shape": "circle", "radius_km": 50.0}),
    ],
)
def test_default_rule(place_id, precision, expected):
    assert default_uncertainty(load_gazetteer()[place_id], precision) == expected


def _area(**spec):
    return shape(area_geojson(Uncertainty(**spec), BORDER, BOUNDARIES))


def test_border_band_covers_both_sides():
    band = _area(shape="border", radius_km=10)
    assert band.contains(MIDPOINT) and band.contains(TJK_SIDE) and band.contains(AFG_SIDE)
    assert not band.contains(Point(68.77905, 38.53575))  # Dushanbe is 124 km away


def test_one_side_band_stays_on_its_side():
    band = _area(shape="border-side", iso_a3="TJK", radius_km=30)
    assert band.contains(TJK_SIDE) and not band.contains(AFG_SIDE)


def test_country_area_and_circles():
    assert _area(shape="country", iso_a3="AFG").contains(Point(69.17233, 34.52813))
    assert area_geojson(Uncertainty(shape="circle", radius_km=10), BORDER, BOUNDARIES) is None


def test_selected_border_event_outlines_its_area():
    at = run_app(event="firefight-near-gold-mine-panj-2025-10-25")
    fg = map_args(at)["feature_group"]
    assert '"dashArray": "6 4"' in fg  # the selected event's area, drawn dashed
    assert '"dashArray": "6 4"' not in map_args(run_app())["feature_group"]
