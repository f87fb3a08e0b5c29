"""Server-side counting for big layers: cells, views and bounds parsing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.view.density import bounds_of, cell_degrees, grid_cells, in_view


def _frame(points: list[tuple[float, float, str]]) -> pd.DataFrame:
    lon, lat, kind = zip(*points, strict=True)
    return pd.DataFrame({"lon": lon, "lat": lat, "event_type": kind})


def test_cells_count_every_event_once_with_their_types():
    rng = np.random.default_rng(3)
    points = [
        (70 + rng.random(), 37 + rng.random(), rng.choice(["Battles", "Site"])) for _ in range(500)
    ]
    cells = grid_cells(_frame(points), zoom=7)
    assert sum(c[2] for c in cells) == 500
    assert all(sum(c[3].values()) == c[2] for c in cells)
    assert sum(c[3].get("Battles", 0) for c in cells) == sum(p[2] == "Battles" for p in points)


def test_zooming_in_splits_cells():
    points = [(70.0, 37.0, "Site"), (70.3, 37.0, "Site"), (71.5, 37.5, "Battles")]
    assert len(grid_cells(_frame(points), 4)) < len(grid_cells(_frame(points), 10))
    assert cell_degrees(10) == pytest.approx(cell_degrees(9) / 2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"_southWest": {"lat": 36, "lng": 67}, "_northEast": {"lat": 39, "lng": 72}},
            (36, 67, 39, 72),
        ),
        ({"_southWest": {"lat": 39, "lng": 67}, "_northEast": {"lat": 36, "lng": 72}}, None),
        ({"_southWest": {"lat": "x", "lng": 67}, "_northEast": {"lat": 36, "lng": 72}}, None),
        (
            {"_southWest": {"lat": float("nan"), "lng": 67}, "_northEast": {"lat": 1, "lng": 2}},
            None,
        ),
        (None, None),
        ({}, None),
    ],
)
def test_bounds_are_read_or_refused(value, expected):
    assert bounds_of(value) == expected


def test_view_keeps_points_inside_with_a_margin():
    frame = _frame([(70.0, 37.0, "Site"), (75.0, 37.0, "Site"), (70.55, 37.0, "Site")])
    mask = in_view(frame, (36.0, 69.0, 38.0, 70.5), margin=0.1)
    assert list(mask) == [True, False, True]
    assert in_view(frame, None).all()


@pytest.mark.parametrize(("rows", "top"), [(10, 3), (3000, 5000), (50_000, 10**12)])
def test_cells_are_numpys_unique_whichever_way_they_are_counted(rows: int, top: int) -> None:
    """Keys of a narrow range are counted in one pass, those of a wide one sorted (a view's
    cells span little; points far apart at a deep zoom span more keys than rows): either
    way the distinct cells and each row's place among them are numpy's `unique`'s."""
    from geo.view.density import _cells

    key = np.random.default_rng(rows).integers(0, top, rows)
    cells, place = _cells(key)
    expected_cells, expected_place = np.unique(key, return_inverse=True)
    assert cells.tolist() == expected_cells.tolist()
    assert place.tolist() == expected_place.ravel().tolist()
