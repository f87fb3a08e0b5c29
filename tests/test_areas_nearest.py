"""The nearest town of a point (geo/areas.py): a k-d tree on the sphere, checked against
every town's great-circle distance."""

from __future__ import annotations

import numpy as np

from geo.areas import haversine_km, nearest_town, towns


def test_the_nearest_town_is_the_one_at_the_least_great_circle_distance():
    t = towns()
    rng = np.random.default_rng(7)
    lat = np.concatenate([rng.uniform(29, 42, 400), [40.71427, -33.9]])  # the region; afar
    lon = np.concatenate([rng.uniform(60, 76, 400), [-74.00597, 151.2]])
    at, km = nearest_town(lat, lon)
    every = haversine_km(lat[:, None], lon[:, None], t.lat[None, :], t.lon[None, :])
    assert np.allclose(km, every.min(axis=1), rtol=1e-9, atol=1e-9)
    assert np.allclose(km, every[np.arange(len(lat)), at])


def test_towns_sharing_a_point_give_the_first_listed():
    t = towns()
    points = np.column_stack([t.lat, t.lon])
    _, first, counts = np.unique(points, axis=0, return_index=True, return_counts=True)
    shared = first[counts > 1]
    assert len(shared)  # places and their district's seat share points: the check can fail
    at, km = nearest_town(t.lat[shared], t.lon[shared])
    assert (at == shared).all() and np.allclose(km, 0)
