"""Uncertainty circles go to the browser as compact rows, one per place and radius."""

from __future__ import annotations

import folium
import pandas as pd

from geo.view.circles import uncertainty_circles
from geo.view.scripts import script_data
from geo.view.style import colour_of


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["lon", "lat", "event_type", "area_shape", "area_radius_km"])


def _script(frame: pd.DataFrame) -> str:
    circles = uncertainty_circles(frame)
    folium.FeatureGroup().add_child(circles)
    return circles._template.module.script(circles)


def _rendered_rows(frame: pd.DataFrame) -> tuple[list, list]:
    [(kind, data)] = script_data(_script(frame))
    assert kind == "circles"
    return data["rows"], data["colours"]


def test_one_circle_per_place_and_radius_in_metres_and_type_colour():
    frame = _frame(
        [
            (69.1, 37.2, "Battles", "circle", 25.0),
            (69.1, 37.2, "Battles", "circle", 25.0),  # same place and radius: drawn once
            (69.1, 37.2, "Explosions", "circle", 5.0),
            (70.0, 38.0, "Battles", "border", None),  # not a circle
        ]
    )
    rows, colours = _rendered_rows(frame)
    assert [[r[0], r[1], colours[r[2]], r[3]] for r in rows] == [
        [37.2, 69.1, colour_of("Battles"), 25_000.0],
        [37.2, 69.1, colour_of("Explosions"), 5_000.0],
    ]


def test_no_circles_no_layer():
    assert uncertainty_circles(_frame([(69.1, 37.2, "Battles", "border", None)])) is None
