"""Events placed only in a wide area that overlaps a province or district.

A province or district filter keeps the events whose place says they are in it
(geo/areas.py). An event the sources place only in a border band, on one side of it
or in a country is in no province: it is never counted in one. But it may have happened
there, and an analyst asking for Khatlon must hear of it: these are the events whose wide
area overlaps the province's polygon (Natural Earth admin-1, the choropleth's) or, for a
district (no district polygons ship), holds one of the district's GeoNames towns or its
seat. Counted apart and shown only when asked for, as near a place (geo/view/places.py).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from shapely.geometry import MultiPoint, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep

from geo.areas import SEP, towns
from geo.dataset import distinct_text
from geo.memo import per_object
from geo.view.modes import WIDE_SHAPES, provinces
from geo.view.overview import killed_weights


@functools.cache
def _province_shape(name: str) -> BaseGeometry | None:
    for feature in provinces()["features"]:
        if feature["properties"]["name"] == name:
            return shape(feature["geometry"])
    return None


@functools.cache
def _district_points(area: str) -> BaseGeometry | None:
    province, district = area.split(SEP, 1)
    t = towns()
    at = (t.admin1 == province) & (t.admin2 == district)
    if not at.any():
        return None
    return MultiPoint(list(zip(t.lon[at], t.lat[at], strict=True)))


def area_shape(area: str) -> BaseGeometry | None:
    """The province's polygon, or the district's towns as points; None if unknown."""
    return _district_points(area) if SEP in area else _province_shape(area)


@functools.cache
def _prepared(area: str) -> PreparedGeometry | None:
    found = area_shape(area)
    return prep(found) if found is not None else None


@per_object
def _wide_shapes(areas: Mapping[str, Mapping[str, Any]]) -> dict[str, BaseGeometry]:
    """The wide areas' shapes (a band, a side, a country), built once per loaded data."""
    return {k: shape(dict(g)) for k, g in areas.items() if k.split(":")[0] in WIDE_SHAPES}


# Neighbouring shapes touch along the border, and two generalisations of one line leave
# slivers: an area overlaps a province when it covers more than this share of it.
MIN_SHARE = 0.01


def _overlap(area: str, target: PreparedGeometry, wide: BaseGeometry) -> bool:
    if not target.intersects(wide):
        return False
    found = target.context
    if SEP in area:  # a district's towns: one inside the wide area is enough
        return bool(wide.intersects(found))
    return bool(found.intersection(wide).area > MIN_SHARE * found.area)


# The wide areas that lie along the border next to an area: a band or one side of it.
# A country overlaps each of its provinces alike, so it is no lead to any one of them.
BAND_SHAPES = ("border", "border-side")


@per_object
def _overlap_memo(areas: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, str], bool]:
    return {}


def overlaps(area: str, key: str, areas: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether the wide area `key` overlaps the province or district (memoised)."""
    memo = _overlap_memo(areas)
    if (area, key) not in memo:
        target, wide = _prepared(area), _wide_shapes(areas).get(key)
        found = target is not None and wide is not None and _overlap(area, target, wide)
        memo[(area, key)] = found
    return memo[(area, key)]


def wide_in_area(
    shown: pd.DataFrame,
    area: str,
    areas: Mapping[str, Mapping[str, Any]],
    kinds: tuple[str, ...] = WIDE_SHAPES,
) -> np.ndarray:
    """Rows of `shown` placed only in a band, a side or a country (of `kinds`) that
    overlaps the area."""
    if not area or _prepared(area) is None:
        return np.zeros(len(shown), dtype=bool)
    wide = shown["area_shape"].isin(kinds).to_numpy(dtype=bool)
    keys = distinct_text(shown["area_key"][wide])  # a categorical's codes, no string per row
    holding = [key for key in keys if overlaps(area, key, areas)]
    return wide & shown["area_key"].isin(holding).to_numpy(dtype=bool)


def band_counts(
    shown: pd.DataFrame, names: list[str], areas: Mapping[str, Mapping[str, Any]]
) -> pd.DataFrame:
    """For each area of `names` (provinces, or districts), how many of the shown events
    are placed only in a border band or one side of it that overlaps it, and their killed
    as the totals add them up: rows `name, events, killed`, areas with none left out.
    One event may overlap several areas: these counts do not add up to a total."""
    weights = killed_weights(shown)
    wide = shown["area_shape"].isin(BAND_SHAPES).to_numpy(dtype=bool)
    codes, keys = pd.factorize(shown["area_key"][wide])  # a categorical's own codes
    known = codes >= 0
    events = np.bincount(codes[known], minlength=len(keys))
    killed = np.bincount(codes[known], weights=weights[wide][known], minlength=len(keys))
    rows = []
    for name in names:
        hold = np.array([overlaps(name, key, areas) for key in keys], dtype=bool)
        if hold.any() and events[hold].sum():
            rows.append((name, int(events[hold].sum()), int(killed[hold].sum())))
    return pd.DataFrame(rows, columns=["name", "events", "killed"])
