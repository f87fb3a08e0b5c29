"""The map picture's page (geo/view/picture.py draws its parts): a header with the title,
dates and filters, the map in the chosen mode, a legend, a scale bar and a footer with
the attribution and the day it was made."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw

from geo.dataset import Dataset
from geo.model import ReferenceKind
from geo.view import modes as md
from geo.view import overview as ov
from geo.view import picture as pc
from geo.view.picture import FOOTER, HEADER, HEIGHT, LEGEND_W, PAD, SS, WIDTH, font
from geo.view.style import NO_POINT_COLOUR
from geo.vocab import load_gazetteer

TOWN_KINDS = ("city", "town")
_WATER, _INK, _MUTED = "#dfe7ee", "#111111", "#555555"


def render(
    data: Dataset, shown: pd.DataFrame, picture: pc.Picture, bounds: pc.Bounds
) -> Image.Image:
    """The whole picture of the map's view (`bounds`), at WIDTH x HEIGHT."""
    image = Image.new("RGBA", (WIDTH * SS, HEIGHT * SS), "#ffffff")
    draw = ImageDraw.Draw(image)
    box = (PAD * SS, HEADER * SS, (WIDTH - LEGEND_W - PAD) * SS, (HEIGHT - FOOTER) * SS)
    frame = pc.Frame.fit(bounds, box)
    draw.rectangle(box, fill=_WATER)
    legend = _map(image, frame, data, shown, picture)
    draw.rectangle(box, outline="#888888", width=SS)
    _clear_outside(draw, box)
    _header(draw, picture, ov.totals(shown, len(data.frame)))
    _legend(draw, legend, picture)
    _scale_bar(draw, frame)
    _footer(draw, picture)
    return image.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def _clear_outside(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> None:
    """Whatever was drawn past the map's box (a polygon, a label) is covered by the page."""
    w, h = WIDTH * SS, HEIGHT * SS
    for rect in ((0, 0, w, box[1] - SS), (0, box[3] + SS, w, h),
                 (0, 0, box[0] - SS, h), (box[2] + SS, 0, w, h)):  # fmt: skip
        draw.rectangle(rect, fill="#ffffff")


def _map(
    image: Image.Image,
    frame: pc.Frame,
    data: Dataset,
    shown: pd.DataFrame,
    picture: pc.Picture,
) -> dict[str, Any]:
    """Draws the map in the picture's mode; returns what its legend shows."""
    draw = ImageDraw.Draw(image)
    refs = data.references
    for f in (refs.get(ReferenceKind.BOUNDARIES) or {}).get("features", []):
        pc.draw_polygons(draw, frame, f["geometry"], pc.country_fill(f), "#7a7a7a")
    if picture.mode in (md.MapMode.MARKERS, md.MapMode.AREAS):  # see-through, as on the page
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        outline = picture.mode == md.MapMode.MARKERS
        legend = _wide_areas(ImageDraw.Draw(overlay), frame, data, shown, outline)
        image.alpha_composite(overlay)
    else:
        legend = _mode_layer(draw, frame, data, shown, picture)
    for f in (refs.get(ReferenceKind.BORDER) or {}).get("features", []):
        pc.draw_lines(draw, frame, f["geometry"], "#b30000", 3)
    towns = [p for p in load_gazetteer().values() if p.kind in TOWN_KINDS]
    towns.sort(key=lambda p: TOWN_KINDS.index(p.kind))
    pc.draw_towns(draw, frame, towns)
    if picture.mode in (md.MapMode.MARKERS, md.MapMode.AREAS):
        drawn = shown[~md.no_point_mask(shown, data.areas)]  # none at a stand-in point
        pc.draw_events(draw, frame, drawn)
        legend["types"] = pc.event_colours(drawn)
    return legend


def _mode_layer(
    draw: ImageDraw.ImageDraw,
    frame: pc.Frame,
    data: Dataset,
    shown: pd.DataFrame,
    picture: pc.Picture,
) -> dict[str, Any]:
    mode, measure = picture.mode, picture.measure
    if mode == md.MapMode.PROVINCES:
        counts = md.area_counts(data.frame, shown, "admin1", measure)
        features, breaks = md.province_features(counts, measure)
        colours = md.ramp_for(len(breaks))
        for f in features:
            cls = f["properties"]["cls"]
            fill = colours[cls] if cls >= 0 else md.EMPTY_FILL
            pc.draw_polygons(draw, frame, f["geometry"], fill, "#555555")
        return {"breaks": breaks}
    if mode == md.MapMode.DISTRICTS:
        counts = md.area_counts(data.frame, shown, "admin2", measure)
        rows, breaks, _missing = md.district_rows(counts, measure)
        _district_circles(draw, frame, rows, breaks, measure)
        return {"breaks": breaks}
    if mode == md.MapMode.DENSITY:
        zoom = _zoom_of(frame)
        cells, breaks, km = md.density_cells(shown, zoom, measure)
        colours = md.ramp_for(len(breaks))
        for s, w, n, e, _events, _killed, cls in cells:
            (x0, y0), (x1, y1) = frame.xy(w, n), frame.xy(e, s)
            draw.rectangle((x0, y0, x1, y1), fill=colours[cls] if cls >= 0 else "#ffffff")
        return {"breaks": breaks, "note": f"cells of about {round(km)} km"}
    return {}


def _zoom_of(frame: pc.Frame) -> int:
    """The Web Mercator zoom whose scale is nearest the picture's (for density cells)."""
    per_radian_at_zoom0 = 256 / (2 * math.pi) * SS
    return max(0, min(18, round(math.log2(frame.scale / per_radian_at_zoom0))))


def _wide_areas(
    draw: ImageDraw.ImageDraw,
    frame: pc.Frame,
    data: Dataset,
    shown: pd.DataFrame,
    outline: bool = False,
) -> dict[str, Any]:
    """The areas of the events placed only in a band, a side or a country: shaded by
    count (Areas), or outlined only (Markers), their count said in the legend."""
    areas = [a for a in md.wide_areas(shown) if a.key in data.areas]
    if outline:
        for area in sorted(areas, key=lambda a: -md.WIDE_SHAPES.index(a.key.split(":")[0])):
            pc.draw_polygons(
                draw, frame, data.areas[area.key], f"{NO_POINT_COLOUR}0d", NO_POINT_COLOUR, 2
            )
        return {"no_point": md.no_point_words(areas, len(shown))} if areas else {}
    areas.sort(key=lambda a: -md.WIDE_SHAPES.index(a.key.split(":")[0]))
    breaks = md.class_breaks(np.array([a.events for a in areas], dtype=float))
    classes = md.class_of(np.array([a.events for a in areas], dtype=float), breaks)
    colours = md.ramp_for(len(breaks))
    for area, cls in zip(areas, classes, strict=True):
        fill = colours[cls] + "99"  # about 60% opaque
        pc.draw_polygons(draw, frame, data.areas[area.key], fill, NO_POINT_COLOUR, 2)
    return {"breaks": breaks, "note": "placed only in a band, a side or a country (per area)"}


def _district_circles(
    draw: ImageDraw.ImageDraw,
    frame: pc.Frame,
    rows: list[list[Any]],
    breaks: list[float],
    measure: md.Measure,
) -> None:
    colours = md.ramp_for(len(breaks))
    values = [r[5] if measure == md.Measure.KILLED else r[4] for r in rows]
    top = max(values, default=1) or 1
    for row, value in zip(rows, values, strict=True):
        x, y = frame.xy(row[1], row[0])
        r = (5 + 17 * math.sqrt(value / top)) * SS
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colours[row[6]], outline="#5a1a00")


def _wrap(draw: ImageDraw.ImageDraw, text: str, size: int, width: float) -> list[str]:
    """The text in lines no wider than `width` pixels (at SS)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font(size)) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _header(draw: ImageDraw.ImageDraw, picture: pc.Picture, t: ov.Totals) -> None:
    x, y = PAD * SS, 18 * SS
    draw.text((x, y), picture.title, font=font(24, bold=True), fill=_INK)
    y += 38 * SS
    toll = f"{t.killed:,} killed, {t.injured:,} injured (as the sources state)"
    draw.text((x, y), f"{picture.dates} · {t.events:,} of {t.of:,} events · {toll} · map: "
              f"{picture.mode.value.lower()}", font=font(15), fill=_INK)  # fmt: skip
    y += 26 * SS
    width = (WIDTH - 2 * PAD) * SS
    lines = _wrap(draw, "Filters: " + picture.filters, 13, width)
    if len(lines) > 3:
        lines = [*lines[:2], lines[2][:-1] + "…"]
    for line in lines[:3]:
        draw.text((x, y), line, font=font(13), fill=_MUTED)
        y += 19 * SS


def _legend(draw: ImageDraw.ImageDraw, legend: dict[str, Any], picture: pc.Picture) -> None:
    x, y = (WIDTH - LEGEND_W) * SS, HEADER * SS
    draw.text((x, y), "Legend", font=font(16, bold=True), fill=_INK)
    y += 30 * SS
    for name, colour in legend.get("types", []):
        draw.ellipse((x, y + 2 * SS, x + 12 * SS, y + 14 * SS), fill=colour, outline="#222")
        draw.text((x + 20 * SS, y), name, font=font(12), fill=_INK)
        y += 21 * SS
    if legend.get("types"):
        draw.ellipse((x, y + 2 * SS, x + 12 * SS, y + 14 * SS), outline="#222", width=SS)
        draw.text((x + 20 * SS, y), "hollow: denied or retracted", font=font(12), fill=_INK)
        y += 30 * SS
    if "breaks" in legend:
        label = picture.measure.value if picture.mode != md.MapMode.AREAS else "Events"
        note = legend.get("note") or {
            md.MapMode.PROVINCES: "per province (Natural Earth admin-1)",
            md.MapMode.DISTRICTS: "per district, a circle at its seat",
        }.get(picture.mode, "")
        for line in _wrap(draw, f"{label} {note}".strip(), 12, (LEGEND_W - PAD) * SS):
            draw.text((x, y), line, font=font(12, bold=True), fill=_INK)
            y += 19 * SS
        for colour, text in md.legend_rows(legend["breaks"]) or [("#ffffff", "none shown")]:
            draw.rectangle((x, y + 2 * SS, x + 18 * SS, y + 14 * SS), fill=colour, outline="#888")
            draw.text((x + 26 * SS, y), text, font=font(12), fill=_INK)
            y += 21 * SS
        y += 10 * SS
    for line in _wrap(draw, legend.get("no_point", ""), 11, (LEGEND_W - PAD) * SS):
        draw.text((x, y), line, font=font(11), fill=_INK)
        y += 17 * SS
    y += 10 * SS if legend.get("no_point") else 0
    draw.line((x, y + 8 * SS, x + 26 * SS, y + 8 * SS), fill="#b30000", width=3 * SS)
    draw.text((x + 34 * SS, y), "Tajikistan–Afghanistan border", font=font(12), fill=_INK)


def _scale_bar(draw: ImageDraw.ImageDraw, frame: pc.Frame) -> None:
    """A bar of a round number of km, bottom left of the map."""
    km_per_px = frame.km_per_px()
    target = 160 * SS * km_per_px
    exp = 10 ** math.floor(math.log10(target))
    km = max(m * exp for m in (1, 2, 5) if m * exp <= target)
    length = km / km_per_px
    x, y = frame.box[0] + 16 * SS, frame.box[3] - 22 * SS
    draw.rectangle((x - 6 * SS, y - 22 * SS, x + length + 8 * SS, y + 10 * SS), fill="#ffffffcc")
    draw.line((x, y, x + length, y), fill=_INK, width=3 * SS)
    for tick in (x, x + length):
        draw.line((tick, y - 6 * SS, tick, y + 4 * SS), fill=_INK, width=2 * SS)
    draw.text((x, y - 8 * SS), f"{km:g} km", font=font(12), fill=_INK, anchor="lb")


def _footer(draw: ImageDraw.ImageDraw, picture: pc.Picture) -> None:
    x, y = PAD * SS, (HEIGHT - FOOTER + 12) * SS
    text = "; ".join([pc.ATTRIBUTION, *picture.credits]) + "."
    lines = _wrap(draw, text, 11, (WIDTH - 2 * PAD) * SS)
    for line in lines[:2]:
        draw.text((x, y), line, font=font(11), fill=_MUTED)
        y += 17 * SS
    made = f"Made {picture.made.day} {picture.made:%B %Y} with Border Atlas"
    draw.text(((WIDTH - PAD) * SS, (HEIGHT - 8) * SS), made, font=font(11), fill=_MUTED,
              anchor="rb")  # fmt: skip
