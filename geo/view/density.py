"""Many events on one map: count them per grid cell on the server, draw single events near.

Above a few thousand events the browser cannot take one marker each (tens of MB, seconds
of layout). Zoomed out, the server bins the events in view into square cells about
`CELL_PX` screen pixels wide and sends one bubble per cell (its count and the event types
it holds); zoomed in far enough that the view holds at most `MARKERS_MAX` events, it sends
those events as ordinary markers. Each pan or zoom reruns the page with the new view.
A cell's events that no zoom can part (one shared point) open as a list when clicked, as
does any cell at the deepest zoom (geo/view/piles.py): each cell carries its events' extent.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from geo.view.piles import MAX_ZOOM, is_pile
from geo.view.scripts import AtlasScript
from geo.view.style import EVENT_TYPE_COLOURS, OTHER_COLOUR

CELL_PX = 80
MARKERS_MAX = 1000
# (south, west, north, east) in degrees, as Leaflet's bounds give them.
Bounds = tuple[float, float, float, float]


def bounds_of(value: dict[str, Any] | None) -> Bounds | None:
    """Read st_folium's `bounds` ({_southWest: {lat, lng}, _northEast: …}), or None."""
    try:
        sw, ne = value["_southWest"], value["_northEast"]  # type: ignore[index]
        south, west, north, east = (
            float(sw["lat"]),
            float(sw["lng"]),
            float(ne["lat"]),
            float(ne["lng"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
    if not all(np.isfinite([south, west, north, east])) or south >= north or west >= east:
        return None
    return south, west, north, east


def in_view(frame: pd.DataFrame, bounds: Bounds | None, margin: float = 0.1) -> np.ndarray:
    """Rows inside the bounds grown by `margin` of their size (all rows when unknown)."""
    if bounds is None:
        return np.ones(len(frame), dtype=bool)
    south, west, north, east = bounds
    d_lat, d_lon = (north - south) * margin, (east - west) * margin
    lat, lon = frame["lat"].to_numpy(), frame["lon"].to_numpy()
    return (
        (lat >= south - d_lat)
        & (lat <= north + d_lat)
        & (lon >= west - d_lon)
        & (lon <= east + d_lon)
    )


def cell_degrees(zoom: int) -> float:
    """Width in degrees of a CELL_PX-wide cell at a Web Mercator zoom level."""
    return 360.0 / (256 * 2 ** max(zoom, 0)) * CELL_PX


def grid_cells(frame: pd.DataFrame, zoom: int) -> list[list[Any]]:
    """One row per occupied cell: [lat, lon, count, {event type: count}, [south, west,
    north, east], pile], its mean position, its events' extent (the data's own values:
    the box a pile click sends back) and 1 if no zoom parts them (`piles.is_pile`, or
    `zoom` is the deepest: a bubble there lists its events, and says so).

    Counted with numpy (unique cells, bincount), not a pandas groupby on strings: at
    100,000 events this runs on every pan and zoom.
    """
    if frame.empty:
        return []
    size = cell_degrees(zoom)
    lat, lon = frame["lat"].to_numpy(dtype=float), frame["lon"].to_numpy(dtype=float)
    cx = np.floor(lon / size).astype(np.int64)
    cy = np.floor(lat / size).astype(np.int64)
    span = int(cy.max() - cy.min()) + 1
    cells, cell_of = _cells((cx - cx.min()) * span + (cy - cy.min()))
    type_of, uniques = pd.factorize(frame["event_type"], sort=True)
    types = [str(t) for t in uniques]
    count = np.bincount(cell_of, minlength=len(cells))
    mean_lat = np.bincount(cell_of, weights=lat, minlength=len(cells)) / count
    mean_lon = np.bincount(cell_of, weights=lon, minlength=len(cells)) / count
    mix = np.bincount(cell_of * len(types) + type_of, minlength=len(cells) * len(types))
    mix = mix.reshape(len(cells), len(types))
    box = _extents(cell_of, len(cells), lat, lon)
    deepest = zoom >= MAX_ZOOM  # no zoom left: every bubble lists its events
    return [
        [round(float(mean_lat[i]), 4), round(float(mean_lon[i]), 4), int(count[i]),
         {types[t]: int(mix[i, t]) for t in np.flatnonzero(mix[i])},
         [float(v) for v in box[i]], 1 if deepest or is_pile(*box[i]) else 0]
        for i in range(len(cells))
    ]  # fmt: skip


def _cells(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct cell keys, sorted, and each row's place among them: `np.unique`'s
    answer, counted in one pass when the keys' range is no wider than a few times the rows
    (a million events over the region's cells: 0.1 s of sorting saved on every rerun)."""
    top = int(key.max()) + 1
    if top > 4 * len(key) + 1_000_000:
        return np.unique(key, return_inverse=True)
    cells = np.flatnonzero(np.bincount(key, minlength=top))
    place = np.empty(top, dtype=np.intp)
    place[cells] = np.arange(len(cells))
    return cells, place[key]


def _extents(cell_of: np.ndarray, cells: int, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """(south, west, north, east) of each cell's events, one row per cell."""
    box = np.empty((cells, 4))
    box[:, :2], box[:, 2:] = np.inf, -np.inf
    cell_of = cell_of.ravel()
    np.minimum.at(box[:, 0], cell_of, lat)
    np.minimum.at(box[:, 1], cell_of, lon)
    np.maximum.at(box[:, 2], cell_of, lat)
    np.maximum.at(box[:, 3], cell_of, lon)
    return box


class GridClusters(AtlasScript):
    """Server-side cluster bubbles: count and event-type mix per grid cell
    (static/atlas/density.js)."""

    kind = "gridClusters"

    def __init__(self, cells: list[list[Any]], report_hook: str) -> None:
        super().__init__()
        self.cells, self.report_hook = cells, report_hook

    def data(self) -> dict[str, Any]:
        return {
            "cells": self.cells,
            "colours": dict(EVENT_TYPE_COLOURS),
            "other": OTHER_COLOUR,
            "maxZoom": MAX_ZOOM,
            "reportHook": self.report_hook,
        }
