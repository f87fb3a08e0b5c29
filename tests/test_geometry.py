"""Coordinate order and the display fan-out of coinciding markers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Geod

from geo.geometry import RING_KM_MAX, spread_overlaps, to_folium


def test_geojson_lon_lat_becomes_folium_lat_lon():
    assert to_folium(68.77905, 38.53575) == [38.53575, 68.77905]


def test_lone_points_stay_and_coinciding_points_fan_out_within_the_cap():
    lon = pd.Series([68.0, 71.3, 71.3, 71.3, 69.0])
    lat = pd.Series([38.0, 38.1, 38.1, 38.1, 37.0])
    x, y = spread_overlaps(lon, lat)
    assert (x[0], y[0]) == (68.0, 38.0) and (x[4], y[4]) == (69.0, 37.0)
    moved = list(zip(x[1:4], y[1:4], strict=True))
    assert len(set(moved)) == 3
    _, _, dist = Geod(ellps="WGS84").inv([71.3] * 3, [38.1] * 3, x[1:4], y[1:4])
    assert np.allclose(dist, dist[0], rtol=0.01) and 0 < dist[0] / 1000 <= RING_KM_MAX
