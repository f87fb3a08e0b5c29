"""What the map shows besides markers: areas, density, provinces and districts.

Every count here is made over the frame's columns with numpy (no feature decoded), so
the modes stay exact at 100,000 events:

- **Markers** and **Areas**: events placed only in a border band, on one side of it or
  in a country (`WIDE_SHAPES`) have no point: their feature keeps a point, as GeoJSON must (a
  stand-in: the curated layers put one mid-border, between Vanj and Rushon), but no mode
  draws it. They are
  counted per area (`area_key`) and drawn as that area: in Markers its dashed outline
  (the count in its tooltip and the key, `no_point_words`), in Areas shaded by count;
  the others stay markers.
- **Density**: events with a point (an exact place, or near one) counted per square cell
  of the map; the events placed only in a wide area are counted apart, never in a cell.
- **Provinces**: events and killed per province (the overview's own `admin1`,
  geo/areas.py) filled into Natural Earth's admin-1 polygons (`geo/vocab/provinces.json`).
- **Districts**: per district (`admin2`), drawn as a circle at the district's seat
  (GeoNames', else the gazetteer's): no district boundaries ship, so no district is drawn
  as an area.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from geo.areas import SEP, UNKNOWN, frame_areas, gazetteer_district_points
from geo.view.overview import killed_weights, positions
from geo.view.words import area_in_words
from geo.vocab import GEONAMES_EXTRACT, VOCAB_DIR

PROVINCES_FILE = "provinces.json"
WIDE_SHAPES = ("border", "border-side", "country")
# A sequential ramp, light to dark (ColorBrewer YlOrRd, 5 classes).
RAMP = ("#fed976", "#feb24c", "#fd8d3c", "#e31a1c", "#800026")
EMPTY_FILL = "#ffffff"
DENSITY_CELL_PX = 28  # a density cell's width on screen


class MapMode(StrEnum):
    """What the map draws (the tray above the map; `?map=` in the link)."""

    MARKERS = "Markers"
    AREAS = "Areas"
    DENSITY = "Density"
    PROVINCES = "Provinces"
    DISTRICTS = "Districts"


class Measure(StrEnum):
    """What a choropleth or density cell counts."""

    EVENTS = "Events"
    KILLED = "Killed"


MODE_HELP = {
    MapMode.MARKERS: "every event with a point at it (vague places with a shaded circle); "
    "events placed only in a border band, a side or a country as that area's dashed outline",
    MapMode.AREAS: "events placed only in a border band, a side or a country drawn as that "
    "area; the rest as markers",
    MapMode.DENSITY: "events per square cell of about {km} km (events with a point only)",
    MapMode.PROVINCES: "events per province (Natural Earth admin-1 areas)",
    MapMode.DISTRICTS: "events per district, at the district's seat (no district boundaries "
    "ship: a circle, not an area)",
}


def wide_mask(frame: pd.DataFrame) -> np.ndarray:
    """Rows placed only in a border band, on one side of the border or in a country."""
    shapes = frame["area_shape"]
    if isinstance(shapes.dtype, pd.CategoricalDtype):  # per category (a million rows: 25 ms)
        wide = np.append(shapes.cat.categories.isin(WIDE_SHAPES), False)  # code -1: none
        return wide[shapes.cat.codes.to_numpy()]
    return shapes.isin(WIDE_SHAPES).to_numpy(dtype=bool)


def no_point_mask(frame: pd.DataFrame, areas: Container[str]) -> np.ndarray:
    """Rows drawn as their area, never as a marker: placed only in a band, a side or a
    country whose shape `areas` (a Dataset's) can draw. A wide area it cannot draw (a
    country outside the boundaries layer, no border layer loaded) leaves its events
    markers at their point, as before: none disappears from the map."""
    wide = wide_mask(frame)
    if not wide.any():
        return wide
    keys = frame["area_key"]
    if isinstance(keys.dtype, pd.CategoricalDtype):  # one test per category, not per row
        can = np.array([str(k) in areas for k in keys.cat.categories] + [False])
        return wide & can[keys.cat.codes.to_numpy()]  # code -1 (missing): the last, False
    keys = keys.astype(str)
    drawable = [k for k in keys[wide].unique() if k in areas]
    return wide & keys.isin(drawable).to_numpy(dtype=bool)


def measure_weights(shown: pd.DataFrame, measure: Measure) -> np.ndarray:
    """Each row's weight: 1 an event, or its killed as the totals add it up."""
    if measure == Measure.KILLED:
        return killed_weights(shown)
    return np.ones(len(shown))


_WIDE_COLUMNS = ["area_key", "area_shape", "area_radius_km", "fatalities", "status"]
_POINT_COLUMNS = ["lat", "lon", "fatalities", "status"]


@dataclass(frozen=True)
class WideArea:
    """Events placed only in one wide area."""

    key: str
    words: str
    events: int
    killed: int


def _iso_of(key: str) -> str | None:
    parts = key.split(":")
    return parts[1] or None if len(parts) > 2 else None


def wide_areas(shown: pd.DataFrame) -> list[WideArea]:
    """The wide areas of the shown events, most events first."""
    # Only the columns counted here: taking every column (the texts) of 100,000 rows costs
    # a quarter of a second.
    wide = shown.loc[wide_mask(shown), _WIDE_COLUMNS]
    if wide.empty:
        return []
    codes, keys = pd.factorize(wide["area_key"].astype(str), sort=True)
    events = np.bincount(codes, minlength=len(keys))
    killed = np.bincount(codes, weights=killed_weights(wide), minlength=len(keys))
    first = np.unique(codes, return_index=True)[1]
    shapes, radii = wide["area_shape"].to_numpy(), wide["area_radius_km"].to_numpy(dtype=float)
    out = [
        WideArea(
            key=str(key),
            words=area_in_words(
                str(shapes[first[i]]),
                None if math.isnan(radii[first[i]]) else float(radii[first[i]]),
                _iso_of(str(key)),
            ),
            events=int(events[i]),
            killed=int(killed[i]),
        )
        for i, key in enumerate(keys)
    ]
    return sorted(out, key=lambda a: (-a.events, a.key))


OUTLINED = "drawn as that area's dashed outline, never as a marker"


def no_point_words(areas: list[WideArea], shown: int, *, drawn: str = OUTLINED) -> str:
    """'16 of 39 shown events have no point …: 8 anywhere along …; 5 …' ('' if none);
    `drawn` says how the page shows them (the offline copy lists them instead)."""
    if not areas:
        return ""
    n = sum(a.events for a in areas)
    verb = "has" if n == 1 else "have"
    listed = "; ".join(f"{a.events:,} {a.words}" for a in areas)
    return (
        f"{n:,} of {shown:,} shown events {verb} no point: the sources place them only in a "
        f"border band, on one side of it or in a country, {drawn}: {listed}"
    )


def class_breaks(values: np.ndarray, classes: int = len(RAMP)) -> list[float]:
    """Upper bounds of up to `classes` classes over positive values, on a log-like scale
    of round numbers (1, 2, 5, 10, 20, 50 …), the last one the largest value."""
    top = float(np.max(values)) if len(values) else 0.0
    if top <= 0:
        return []
    if top <= classes:
        return [float(v) for v in range(1, math.ceil(top) + 1)]
    bounds: list[float] = []
    for i in range(1, classes):
        raw = top ** (i / classes)
        exp = 10 ** math.floor(math.log10(raw))
        nice = min((m * exp for m in (1, 2, 5, 10) if m * exp >= raw), default=raw)
        if nice < top and (not bounds or nice > bounds[-1]):
            bounds.append(float(nice))
    return [*bounds, top]


def class_of(values: np.ndarray, breaks: list[float]) -> np.ndarray:
    """The class (0 …) of each value; -1 for 0 (no events: not filled)."""
    if not breaks:
        return np.full(len(values), -1)
    cls = np.searchsorted(np.asarray(breaks), values, side="left")
    cls = np.minimum(cls, len(breaks) - 1)
    return np.where(values > 0, cls, -1)


def legend_rows(breaks: list[float]) -> list[tuple[str, str]]:
    """(colour, '3–10') per class."""
    rows, low = [], 0.0
    colours = ramp_for(len(breaks))
    for colour, high in zip(colours, breaks, strict=True):
        first = math.floor(low) + 1
        label = f"{first:,}" if first >= high else f"{first:,}–{math.floor(high):,}"
        rows.append((colour, label))
        low = high
    return rows


def ramp_for(n: int) -> tuple[str, ...]:
    """n colours of the ramp, spread from light to dark."""
    if n >= len(RAMP) or n <= 0:
        return RAMP[:n] if n > 0 else ()
    picks = np.linspace(0, len(RAMP) - 1, n).round().astype(int)
    return tuple(RAMP[i] for i in picks)


@functools.cache
def provinces() -> dict[str, Any]:
    """The shipped province polygons (Natural Earth admin-1, named as GeoNames names them)."""
    return json.loads((VOCAB_DIR / PROVINCES_FILE).read_text(encoding="utf-8"))


def area_counts(
    frame: pd.DataFrame, shown: pd.DataFrame, column: str, measure: Measure
) -> dict[str, tuple[int, int]]:
    """Area name -> (events, killed) for `admin1` or `admin2`, over the shown rows."""
    areas = frame_areas(frame)[column]
    codes = areas.cat.codes.to_numpy()[positions(frame, shown)]
    names = np.asarray(areas.cat.categories, dtype=object)
    ok = codes >= 0
    events = np.bincount(codes[ok], minlength=len(names))
    killed = np.bincount(codes[ok], weights=killed_weights(shown)[ok], minlength=len(names))
    return {
        str(names[i]): (int(events[i]), int(killed[i]))
        for i in np.flatnonzero(events)
        if names[i] != UNKNOWN
    }


def _value(counts: tuple[int, int], measure: Measure) -> int:
    return counts[1] if measure == Measure.KILLED else counts[0]


def province_features(
    counts: dict[str, tuple[int, int]], measure: Measure
) -> tuple[list[dict[str, Any]], list[float]]:
    """The province polygons with their counts and class, and the class breaks."""
    values = np.array([_value(c, measure) for c in counts.values()], dtype=float)
    breaks = class_breaks(values[values > 0])
    out = []
    for f in provinces()["features"]:
        name = f["properties"]["name"]
        events, killed = counts.get(name, (0, 0))
        value = _value((events, killed), measure)
        cls = int(class_of(np.array([value], dtype=float), breaks)[0])
        props = {"atlas_area": name, "events": events, "killed": killed, "cls": cls}
        out.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    return out, breaks


@functools.cache
def district_seats() -> dict[str, tuple[float, float]]:
    """'Province / District' -> the seat's (lat, lon), for districts that have one: the
    GeoNames extract's seat, else the gazetteer's own point for the district (its seat,
    as its note says). Shughnon has no place in cities.json: the events "in Shughnon
    district" were counted there, and the key named it, with no circle to show them."""
    raw = json.loads((VOCAB_DIR / GEONAMES_EXTRACT).read_text(encoding="utf-8"))
    geonames = {
        f"{(d['admin1'] or '').removesuffix(' Province')}{SEP}{d['district']}": (
            d["point"]["lat"],
            d["point"]["lon"],
        )
        for d in raw["districts"]
        if d.get("point")
    }
    return {**gazetteer_district_points(), **geonames}


def district_rows(
    counts: dict[str, tuple[int, int]], measure: Measure
) -> tuple[list[list[Any]], list[float], int]:
    """[lat, lon, 'Farkhor (Khatlon)', area, events, killed, class] per district with a
    seat; the class breaks; how many districts with events have no seat to draw at."""
    seats = district_seats()
    drawn = {k: v for k, v in counts.items() if k in seats and _value(v, measure) > 0}
    values = np.array([_value(v, measure) for v in drawn.values()], dtype=float)
    breaks = class_breaks(values)
    classes = class_of(values, breaks)
    rows = []
    for (area, (events, killed)), cls in zip(drawn.items(), classes, strict=True):
        province, district = area.split(SEP, 1)
        lat, lon = seats[area]
        rows.append([lat, lon, f"{district} ({province})", area, events, killed, int(cls)])
    missing = sum(1 for k in counts if k not in seats)
    return rows, breaks, missing


def _pointed(shown: pd.DataFrame, bounds: tuple[float, float, float, float] | None) -> Any:
    """Rows with a point (not placed only in a wide area), in and around the view."""
    keep = ~wide_mask(shown)
    if bounds is not None:
        south, west, north, east = bounds
        d_lat, d_lon = (north - south) * 0.25, (east - west) * 0.25
        lat, lon = shown["lat"].to_numpy(dtype=float), shown["lon"].to_numpy(dtype=float)
        keep &= (lat >= south - d_lat) & (lat <= north + d_lat)
        keep &= (lon >= west - d_lon) & (lon <= east + d_lon)
    return keep


def density_cells(
    shown: pd.DataFrame,
    zoom: int,
    measure: Measure,
    bounds: tuple[float, float, float, float] | None = None,
) -> tuple[list[list[Any]], list[float], float]:
    """[south, west, north, east, events, killed, class] per occupied square cell (class
    -1: none of the measure, killed, drawn unfilled), the
    class breaks, and the cell's width in km at the data's mean latitude. Rows placed
    only in a wide area are not counted; with the map's `bounds` (south, west, north,
    east), only the cells in and around the view (zoomed in, the whole data would be tens
    of thousands of cells)."""
    pointed = shown.loc[_pointed(shown, bounds), _POINT_COLUMNS]
    size = 360.0 / (256 * 2 ** max(zoom, 0)) * DENSITY_CELL_PX
    if pointed.empty:
        return [], [], size * 111.32
    lat, lon = pointed["lat"].to_numpy(dtype=float), pointed["lon"].to_numpy(dtype=float)
    cx, cy = np.floor(lon / size).astype(np.int64), np.floor(lat / size).astype(np.int64)
    span = int(cy.max() - cy.min()) + 1
    cells, cell_of = np.unique((cx - cx.min()) * span + (cy - cy.min()), return_inverse=True)
    cell_of = cell_of.ravel()
    events = np.bincount(cell_of, minlength=len(cells))
    killed = np.bincount(cell_of, weights=killed_weights(pointed), minlength=len(cells))
    values = killed if measure == Measure.KILLED else events.astype(float)
    breaks = class_breaks(values[values > 0])
    classes = class_of(values, breaks)
    x0, y0 = cells // span + cx.min(), cells % span + cy.min()
    rows = [
        [round(float(y0[i] * size), 5), round(float(x0[i] * size), 5),
         round(float((y0[i] + 1) * size), 5), round(float((x0[i] + 1) * size), 5),
         int(events[i]), int(killed[i]), int(classes[i])]
        for i in range(len(cells))
    ]  # fmt: skip
    km = size * 111.32 * math.cos(math.radians(float(lat.mean())))
    return rows, breaks, km
