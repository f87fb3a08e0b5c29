"""The ground "Fit map" fits (geo/view/fit.py): the shown points with their circles of
uncertainty, the band, side or country an event is placed only in, the place's circle."""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from geo.view.fit import FIT_MAX_ZOOM, Circle, FitView, fitted_view, shown_extent
from geo.view.picture import view_bounds
from geo.view.scripts import json_scripts


def _rows(data, ids):
    return data.frame[data.frame["id"].isin(ids)]


def test_an_exact_point_is_its_own_extent(data):
    rows = _rows(data, ["site-afghan-consulate-khorugh"])
    south, west, north, east = shown_extent(rows, data.areas)
    assert (south, west) == (north, east) == (rows["lat"].iloc[0], rows["lon"].iloc[0])


def test_a_circle_of_uncertainty_is_fitted_whole(data):
    rows = _rows(data, ["site-russian-funded-border-post-2023"])  # within 100 km
    south, west, north, east = shown_extent(rows, data.areas)
    lat, lon = rows["lat"].iloc[0], rows["lon"].iloc[0]
    assert north - lat == pytest.approx(100 / 111.32) == lat - south
    assert east - lon > 100 / 111.32 and west < lon  # a degree of longitude is shorter


def test_an_event_placed_only_in_a_band_is_fitted_with_the_band(data):
    rows = _rows(data, ["firefight-near-gold-mine-panj-2025-10-25"])
    band = shape(dict(data.areas[rows["area_key"].iloc[0]])).bounds  # west, south, east, north
    assert shown_extent(rows, data.areas) == pytest.approx((band[1], band[0], band[3], band[2]))


def test_the_place_s_circle_counts_even_with_nothing_shown(data):
    none = data.frame.iloc[:0]
    assert shown_extent(none, data.areas) is None
    south, west, north, east = shown_extent(none, data.areas, Circle(37.5, 69.4, 30, "Farkhor"))
    assert (north - south) == pytest.approx(60 / 111.32)
    assert west < 69.4 < east


def test_the_request_travels_as_data():
    element = FitView((37.0, 69.0, 38.0, 70.0), token=3)
    assert json_scripts(str(element.element())) == [
        ("fitView", {"bounds": [[37.0, 69.0], [38.0, 70.0]], "token": 3, "maxZoom": 9, "pad": 16})
    ]


def test_the_server_s_view_of_a_fit_matches_the_browser_s_rules():
    # One point: the zoom cap, centred on it (a PDF drawn from it shows the district).
    centre, zoom = fitted_view((37.49, 71.55, 37.49, 71.55))
    assert zoom == FIT_MAX_ZOOM and centre == pytest.approx([37.49, 71.55])
    # A wide extent: the closest zoom whose view holds it whole, at the map's size.
    bounds = (36.4, 67.4, 38.8, 75.2)  # the border's band
    centre, zoom = fitted_view(bounds, 760, 540)
    south, west, north, east = view_bounds(centre, zoom, 760, 540)
    assert south <= 36.4 and west <= 67.4 and north >= 38.8 and east >= 75.2
    s2, w2, n2, e2 = view_bounds(centre, zoom + 1, 760, 540)
    assert not (s2 <= 36.4 and w2 <= 67.4 and n2 >= 38.8 and e2 >= 75.2)
