"""Near a place, computed the quick way (each distinct area tested once, the masks kept
per frame and place), gives what the straightforward way gives: every row's distance and
every stand-in row's area tested against the place, one by one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, shape

from geo.areas import haversine_km
from geo.view import places as pl

PLACES = ["farkhor", "dushanbe", "shamsiddin-shohin-district", "khorugh", "ishkashim-afg"]
RADII = [0.0, 1.0, 30.0, 150.0, 500.0]


def straightforward(
    frame: pd.DataFrame, near: pl.Near, areas: Mapping[str, Mapping[str, Any]]
) -> tuple[np.ndarray, np.ndarray]:
    """The rule read literally: each row on its own, no row skipped, nothing kept."""
    place = pl.load_places()[near.place_id]
    km = haversine_km(
        frame["lat"].to_numpy(dtype=float),
        frame["lon"].to_numpy(dtype=float),
        np.full(len(frame), place.lat),
        np.full(len(frame), place.lon),
    )
    inside, area_only = np.zeros(len(frame), bool), np.zeros(len(frame), bool)
    shapes = {key: shape(dict(geometry)) for key, geometry in areas.items()}  # read once
    rows = zip(frame["area_shape"], frame["area_key"], frame["area_radius_km"], km, strict=True)
    for i, (kind, key, radius, dist) in enumerate(rows):
        if kind in pl.STAND_IN:
            held = key in shapes and shapes[key].covers(Point(place.lon, place.lat))
            area_only[i] = bool(held)
            continue
        inside[i] = dist <= near.km
        reach = kind == "circle" and dist - (0.0 if pd.isna(radius) else radius) <= near.km
        area_only[i] = reach and not inside[i]
    return inside, area_only


def generated(areas: Mapping[str, Any], count: int = 6000, seed: int = 7) -> pd.DataFrame:
    """Points around the border (some far, some missing), every kind of place: circles
    of every radius (missing ones too), bands, sides, countries, unknown areas."""
    rng = np.random.default_rng(seed)
    lat = rng.normal(37.5, 2.0, count)
    lon = rng.normal(69.5, 3.0, count)
    lat[rng.random(count) < 0.01] = np.nan
    kinds = np.array(["circle", "border", "border-side", "country", None], dtype=object)
    kind = kinds[rng.integers(0, len(kinds), count)]
    keys = np.array([*areas, "border-side:XXX:5"], dtype=object)
    key = np.where(pd.Series(kind).isin(pl.STAND_IN), keys[rng.integers(0, len(keys), count)], None)
    radius = rng.choice([np.nan, 0.5, 10.0, 25.0, 50.0, 150.0, -5.0], count)
    key = np.where(kind == "circle", [f"circle::{r:g}" for r in radius], key)
    return pd.DataFrame(
        {
            "lat": lat,
            "lon": lon,
            "area_shape": pd.Categorical(kind),
            "area_key": pd.Categorical(key),
            "area_radius_km": radius,
        }
    )


def _same(frame: pd.DataFrame, near: pl.Near, areas: Mapping[str, Any]) -> None:
    quick = pl.near_masks(frame, near, areas)
    slow = straightforward(frame, near, areas)
    assert (quick[0] == slow[0]).all(), f"inside differs near {near}"
    assert (quick[1] == slow[1]).all(), f"area-only differs near {near}"


@pytest.mark.parametrize("place", PLACES)
def test_the_seeds_give_what_each_row_alone_gives(data, place):
    for km in RADII:
        _same(data.frame, pl.Near(place, km), data.areas)


@pytest.mark.parametrize("place", PLACES)
def test_a_generated_set_gives_what_each_row_alone_gives(data, place):
    frame = generated(data.areas)
    for km in RADII:
        _same(frame, pl.Near(place, km), data.areas)
    inside, area_only = pl.near_masks(frame, pl.Near(place, 150.0), data.areas)
    assert inside.sum() > 50 and area_only.sum() > 50  # the set reaches every case


def test_rows_at_the_edge_of_the_radius_fall_as_their_distance_says(data):
    """Points on Farkhor's meridian at 29.99 to 30.01 km north and south lie on either
    side of the radius."""
    farkhor = pl.load_places()["farkhor"]
    steps = np.linspace(29.99, 30.01, 201) / (np.pi / 180 * 6371.0088)
    lat = np.concatenate([farkhor.lat + steps, farkhor.lat - steps])
    frame = pd.DataFrame(
        {
            "lat": lat,
            "lon": np.full(len(lat), farkhor.lon),
            "area_shape": pd.Categorical(["circle"] * len(lat)),
            "area_key": pd.Categorical(["circle::0"] * len(lat)),
            "area_radius_km": np.zeros(len(lat)),
        }
    )
    inside, _ = pl.near_masks(frame, pl.Near("farkhor", 30.0), data.areas)
    assert 0 < inside.sum() < len(frame)
    _same(frame, pl.Near("farkhor", 30.0), data.areas)


def test_the_masks_are_kept_per_frame_and_place_and_never_changed(data):
    near = pl.Near("farkhor", 30.0)
    first = pl.near_masks(data.frame, near, data.areas)
    again = pl.near_masks(data.frame, near, data.areas)
    assert again[0] is first[0] and again[1] is first[1]
    with pytest.raises(ValueError):
        first[0][:] = True  # read-only: a caller cannot change what the next one gets
    other = data.frame.copy()  # another frame: computed for it, not taken from the first
    assert pl.near_masks(other, near, data.areas)[0] is not first[0]
    wider = pl.near_masks(data.frame, pl.Near("farkhor", 500.0), data.areas)
    assert wider[0].sum() > first[0].sum()
