"""Fitting the map to what is shown: every shown event with the ground it may stand for
(its circle of uncertainty; the border band, side or country it is placed only in) and
the circle of a place searched near, fitted in the browser to the map's own size (a
phone's map is half a laptop's width) and never closer than FIT_MAX_ZOOM, so that a lone
point still shows its district and the border (static/atlas/follow.js, `fitView`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from shapely.geometry import shape

from geo.view.density import Bounds
from geo.view.scripts import AtlasScript

# At zoom 9 a laptop's map spans about 150 km and a phone's about 90 km at 37° N: a
# district (Farkhor's is ~40 km across) with the border beside it. Closer hides both.
FIT_MAX_ZOOM = 9
KM_PER_DEGREE = 111.32  # of latitude; of longitude times cos(latitude)
PAD_PX = 16  # kept clear around what is fitted
NEAR_COLOUR = "#1f4e99"  # the place's circle: dashed, apart from the event colours


@dataclass(frozen=True)
class Circle:
    """A place searched near, its radius and its name."""

    lat: float
    lon: float
    km: float
    name: str = ""


def _circle_boxes(lat: np.ndarray, lon: np.ndarray, km: np.ndarray) -> Bounds:
    """The box holding every point with its circle (km may be 0)."""
    dlat = km / KM_PER_DEGREE
    dlon = km / (KM_PER_DEGREE * np.maximum(np.cos(np.radians(lat)), 0.01))
    south, north = np.clip(lat - dlat, -85, 85), np.clip(lat + dlat, -85, 85)
    west, east = np.clip(lon - dlon, -180, 180), np.clip(lon + dlon, -180, 180)
    return float(south.min()), float(west.min()), float(north.max()), float(east.max())


def _area_boxes(frame: pd.DataFrame, areas: Mapping[str, Mapping[str, Any]]) -> list[Bounds]:
    """The box of each area an event is placed only in (a band, a side, a country)."""
    keys = frame["area_key"].dropna().astype(str).unique()
    boxes = []
    for key in keys:
        if key in areas:
            west, south, east, north = shape(dict(areas[key])).bounds
            boxes.append((south, west, north, east))
    return boxes


def shown_extent(
    frame: pd.DataFrame, areas: Mapping[str, Mapping[str, Any]], circle: Circle | None = None
) -> Bounds | None:
    """(south, west, north, east) holding the shown events, the ground each may stand for,
    and the place's circle; None when there is nothing to fit."""
    boxes: list[Bounds] = []
    if len(frame):
        lat = frame["lat"].to_numpy(dtype=float)
        lon = frame["lon"].to_numpy(dtype=float)
        radius = frame["area_radius_km"].to_numpy(dtype=float, na_value=np.nan)
        is_circle = frame["area_shape"].astype(object).to_numpy() == "circle"
        km = np.where(is_circle, np.nan_to_num(radius), 0.0)
        boxes.append(_circle_boxes(lat, lon, km))
        boxes += _area_boxes(frame[~is_circle], areas)
    if circle is not None:
        boxes.append(
            _circle_boxes(np.array([circle.lat]), np.array([circle.lon]), np.array([circle.km]))
        )
    if not boxes:
        return None
    south, west, north, east = zip(*boxes, strict=True)
    return min(south), min(west), max(north), max(east)


def fitted_view(
    bounds: Bounds, width_px: int = 760, height_px: int = 540
) -> tuple[list[float], int]:
    """The centre [lat, lon] and zoom a map of that size takes when fitted to the bounds
    in the browser (Leaflet's fitBounds with the margin and FIT_MAX_ZOOM): what the server
    draws for the map's view, as in the PDF, when the browser's own is not reported."""
    south, west, north, east = bounds
    y0, y1 = _merc(south), _merc(north)
    span_x = max(math.radians(east - west), 1e-9)
    span_y = max(y1 - y0, 1e-9)
    per_radian = min((width_px - 2 * PAD_PX) / span_x, (height_px - 2 * PAD_PX) / span_y)
    zoom = int(min(FIT_MAX_ZOOM, max(0, math.floor(math.log2(per_radian * 2 * math.pi / 256)))))
    centre = [math.degrees(math.atan(math.sinh((y0 + y1) / 2))), (west + east) / 2]
    return centre, zoom


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


class FitView(AtlasScript):
    """Fits the map to the bounds once per request (`token`): at the map's own size, with
    a margin, never closer than `max_zoom`. Sent again on later reruns, a request already
    fitted is left alone, so the reader's own pans and zooms stay."""

    kind = "fitView"

    def __init__(self, bounds: Bounds, token: int, max_zoom: int = FIT_MAX_ZOOM) -> None:
        super().__init__()
        self.bounds, self.token, self.max_zoom = bounds, token, max_zoom

    def data(self) -> dict[str, Any]:
        south, west, north, east = self.bounds
        return {
            "bounds": [[south, west], [north, east]],
            "token": self.token,
            "maxZoom": self.max_zoom,
            "pad": PAD_PX,
        }


class NearCircle(AtlasScript):
    """The circle of the place searched near, dashed, under the events; it takes no
    clicks (the events inside it do)."""

    kind = "nearCircle"

    def __init__(self, circle: Circle) -> None:
        super().__init__()
        self.circle = circle

    def data(self) -> dict[str, Any]:
        c = self.circle
        return {"latlng": [c.lat, c.lon], "metres": c.km * 1000, "colour": NEAR_COLOUR}
