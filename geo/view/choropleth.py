"""The map modes' layers (geo/view/modes.py): wide areas, density cells, provinces,
district seats. Each goes to the browser as compact rows drawn by static/atlas/modes.js;
every text reaches the page through `textContent`, never as HTML. A province or district
carries `atlas_area` in its feature's properties: a click on it reaches the server
(streamlit-folium reports the clicked feature) and sets the area filter.
"""

from __future__ import annotations

from typing import Any

from geo.view.modes import EMPTY_FILL, ramp_for
from geo.view.scripts import AtlasScript

# Markers mode's box of the events with no point (static/atlas/modes.js), by the scale.
NO_POINT_CSS = (
    ".atlas-no-point-box{background:rgba(255,255,255,.94);padding:3px 8px;border-radius:6px;"
    "border:2px dashed #5a3d00;font:12px sans-serif;max-width:min(260px,60vw)}"
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
        return {"areas": self.areas, "colours": self.colours, "outline": self.outline}


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
