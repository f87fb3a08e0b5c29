"""The map modes' layers (geo/view/modes.py): wide areas, density cells, provinces,
district seats. Each goes to the browser as compact rows drawn by static/atlas/modes.js;
every text reaches the page through `textContent`, never as HTML. A province or district
carries `atlas_area` in its feature's properties: a click on it reaches the server
(streamlit-folium reports the clicked feature) and sets the area filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from geo.view import modes as md
from geo.view.modes import EMPTY_FILL, ramp_for
from geo.view.scripts import AtlasScript
from geo.view.style import NO_POINT_COLOUR

# Markers mode's box of the events with no point (static/atlas/modes.js), by the scale.
NO_POINT_CSS = (
    ".atlas-no-point-box{background:rgba(255,255,255,.94);padding:3px 8px;border-radius:6px;"
    f"border:2px dashed {NO_POINT_COLOUR};font:12px sans-serif;max-width:min(260px,60vw)}}"
    ".atlas-no-point-box summary{cursor:pointer;font-weight:700}"
    ".atlas-no-point-row{display:block;text-align:left;border:none;background:none;"
    "padding:2px 0;font:12px sans-serif;color:#222;cursor:pointer}"
    ".atlas-no-point-row:hover,.atlas-no-point-row:focus{text-decoration:underline}"
)


class WideAreaShapes(AtlasScript):
    """Each wide area (a border band, one side, a country) shaded by its events, or with
    `outline` (Markers mode) its dashed outline only, whatever its count."""

    kind = "wideAreas"

    def __init__(self, areas: list[dict[str, Any]], classes: int, outline: bool = False) -> None:
        super().__init__()
        self.areas, self.colours = areas, list(ramp_for(classes))
        self.outline = outline

    def data(self) -> dict[str, Any]:
        return {
            "areas": self.areas,
            "colours": self.colours,
            "outline": self.outline,
            "edge": NO_POINT_COLOUR,
        }

    @classmethod
    def of(
        cls, shapes: Mapping[str, Any], shown: pd.DataFrame, outline: bool = False
    ) -> tuple[WideAreaShapes | None, list[float]]:
        """The shown events' wide areas that `shapes` (a Dataset's `areas`) can draw (None
        if none), and their class breaks: the live map's and the offline copy's one path."""
        rows, breaks = wide_area_rows(shapes, shown)
        return (cls(rows, len(breaks), outline) if rows else None), breaks


def wide_area_rows(
    shapes: Mapping[str, Any], shown: pd.DataFrame
) -> tuple[list[dict[str, Any]], list[float]]:
    """{geometry, events, killed, words, cls} per wide area of the shown events that
    `shapes` can draw (the others' events stay markers: `modes.no_point_mask`), the widest
    first (a country, then one side, then the band: the narrower on top); the breaks."""
    areas = sorted(
        (a for a in md.wide_areas(shown) if a.key in shapes),
        key=lambda a: md.WIDE_SHAPES.index(a.key.split(":")[0]) if ":" in a.key else 0,
        reverse=True,
    )
    counts = np.array([a.events for a in areas], dtype=float)
    breaks = md.class_breaks(counts)
    classes = md.class_of(counts, breaks)
    rows = [
        {"geometry": shapes[a.key], "events": a.events, "killed": a.killed,
         "words": a.words, "cls": int(c)}
        for a, c in zip(areas, classes, strict=True)
    ]  # fmt: skip
    return rows, breaks


class DensityCells(AtlasScript):
    """Events per square cell, coloured by class."""

    kind = "densityCells"

    def __init__(self, cells: list[list[Any]], classes: int, km: float) -> None:
        super().__init__()
        self.cells, self.colours, self.km = cells, list(ramp_for(classes)), round(km)

    def data(self) -> dict[str, Any]:
        return {"cells": self.cells, "colours": self.colours, "km": self.km}


class ProvinceFills(AtlasScript):
    """Provinces filled by their shown events (or killed)."""

    kind = "provinces"

    def __init__(self, features: list[dict[str, Any]], classes: int) -> None:
        super().__init__()
        self.features, self.colours, self.empty = features, list(ramp_for(classes)), EMPTY_FILL

    def data(self) -> dict[str, Any]:
        return {"features": self.features, "colours": self.colours, "empty": self.empty}


class DistrictCircles(AtlasScript):
    """Districts as circles at their seats, sized and coloured by their shown events."""

    kind = "districts"

    def __init__(self, rows: list[list[Any]], classes: int, by_killed: bool) -> None:
        super().__init__()
        self.rows, self.colours, self.by_killed = rows, list(ramp_for(classes)), by_killed
        values = [r[5] if by_killed else r[4] for r in rows]
        self.top = max(values, default=1) or 1

    def data(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "colours": self.colours,
            "top": self.top,
            "byKilled": self.by_killed,
        }
