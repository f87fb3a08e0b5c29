"""Uncertainty circles: one compact list of rows, drawn by one small script.

A folium GeoJson with a style function writes a `case` per feature into its styler (600
circles: about 90 ms of Jinja a rerun and a switch the browser parses each time); here
each circle is `[lat, lon, colour index, radius in metres]`, drawn by
static/atlas/circles.js. Circles take no clicks.
They use the map's own renderer (SVG, or one canvas for big layers), the markers' too:
drawn first, they stay under the markers. (A canvas of their own would sit over the
markers' renderer and catch their clicks.)

Above FILL_MAX circles (an imported dataset's 25–150 km circles, hundreds of them) they are
drawn as outlines only: their faint fills added up to an opaque wash over the towns and
the border.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from geo.view.scripts import AtlasScript
from geo.view.style import colour_of

FILL_MAX = 40  # more circles than this: outlines only


class UncertaintyCircles(AtlasScript):
    """The circles around events placed only within some distance (static/atlas/circles.js)."""

    kind = "circles"

    def __init__(self, rows: list[list[Any]], colours: list[str]) -> None:
        super().__init__()
        self.rows, self.colours = rows, colours
        self.fill = len(rows) <= FILL_MAX

    def data(self) -> dict[str, Any]:
        return {"rows": self.rows, "colours": self.colours, "fill": self.fill}


def uncertainty_circles(frame: pd.DataFrame) -> UncertaintyCircles | None:
    """One circle per place and radius among the events with a circular uncertainty."""
    circles = frame[frame["area_shape"] == "circle"].drop_duplicates(
        ["lon", "lat", "area_radius_km"]
    )
    if circles.empty:
        return None
    colours: list[str] = []
    rows = []
    for lon, lat, kind, km in zip(
        circles["lon"],
        circles["lat"],
        circles["event_type"],
        circles["area_radius_km"],
        strict=True,
    ):
        colour = colour_of(kind)
        if colour not in colours:
            colours.append(colour)
        rows.append(
            [round(float(lat), 5), round(float(lon), 5), colours.index(colour), float(km) * 1000]
        )
    return UncertaintyCircles(rows, colours)
