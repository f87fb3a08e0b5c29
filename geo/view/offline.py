"""One self-contained HTML file of the current view, for readers with no server or network.

Leaflet's script, styles and images are inlined, and so is the map's code
(static/atlas/offline.js, after atlas.js and modes.js, whose `wideAreas` draws the areas
of the events with no point and the box counting them, as on the page); the boundaries,
border, those areas and markers travel as JSON inside a `<script type="application/json">`
(with `<`, `>`, `&` and U+2028/9 escaped, so no data string can close the script or break
the parser); every event's panel is built by the same builders as the page
(`geo.view.panel`), so data text is escaped exactly as there. A Content-Security-Policy
forbids any request: the file works offline and cannot leak a reader's IP to a tracker
hidden in data.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from geo.dataset import Dataset
from geo.geometry import REGION_CENTRE_LAT_LON
from geo.model import ReferenceKind
from geo.settings import ROOT
from geo.view import modes as md
from geo.view.choropleth import NO_POINT_CSS, WideAreaShapes
from geo.view.feed import feed_items, feed_page
from geo.view.html import Html, escape, join, script_json, tag
from geo.view.labels import MAIN_TOWNS, short_name
from geo.view.markers import TOOLTIP_CSS
from geo.view.panel import Panel, build_panel
from geo.view.scripts import checked_inline, inline_js
from geo.view.style import (
    EVENT_TYPE_COLOURS,
    HOLLOW_STATUSES,
    NO_POINT_COLOUR,
    colour_of,
    outline_of,
)
from geo.view.words import date_in_words

LEAFLET_DIR = ROOT / "static" / "vendor" / "leaflet"
CENTER_LAT_LON = REGION_CENTRE_LAT_LON
DEFAULT_ZOOM = 6
OFFLINE_JS = ("atlas.js", "modes.js", "offline.js")
# No network at all: scripts and styles only inline, images only data: URIs.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)
PAGE_CSS = """
body{font-family:system-ui,sans-serif;margin:0;color:#222}
header{padding:8px 16px;background:#f4f1ea;border-bottom:1px solid #ddd}
header h1{font-size:1.2em;margin:0 0 4px}
#wrap{display:flex;gap:12px;padding:8px 16px;align-items:flex-start}
#map{flex:3;height:640px;background:#dfe7ee;border:1px solid #ccc}
#panels{flex:2;max-height:640px;overflow:auto}
.atlas-warning{background:#fdecea;border-left:4px solid #c62828;padding:6px 10px}
.atlas-legend{padding:4px 16px}
.atlas-offline-panel details{margin:6px 0}
.atlas-related a{display:block}
.atlas-facts td{vertical-align:top;overflow-wrap:anywhere}
.atlas-town{background:none;border:none;box-shadow:none;padding:0 2px;font-size:11px;
  color:#333;text-shadow:0 0 2px #fff,0 0 2px #fff}
.atlas-town:before{display:none}
#atlas-list{padding:4px 16px 16px}#atlas-list ol{padding-left:1.4em}
#atlas-list li{margin:4px 0}#atlas-list small{color:#555}
/* Phones: the map above, the panel below it at full width. */
@media (max-width: 640px){#wrap{flex-direction:column;padding:8px}
  #map{width:100%;flex:none;height:55vh}#panels{width:100%;flex:none;max-height:none}}
"""


@functools.cache  # vendored files: read once per process
def leaflet_css(directory: Path = LEAFLET_DIR) -> str:
    """Leaflet's stylesheet with its images as data: URIs."""
    css = (directory / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        png = base64.b64encode((directory / "images" / match.group(1)).read_bytes()).decode()
        return f"url(data:image/png;base64,{png})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


@functools.cache
def leaflet_js(directory: Path = LEAFLET_DIR) -> str:
    """Leaflet's script, preceded by its licence as a comment."""
    licence = (directory / "LICENSE").read_text(encoding="utf-8").replace("*/", "* /")
    return f"/*\n{licence}\n*/\n" + checked_inline((directory / "leaflet.js").read_text("utf-8"))


def _tooltip(row: Mapping[Any, Any]) -> str:
    """Plain text for a marker's tooltip (set as text by the script, never as HTML)."""
    start, end = (None if pd.isna(row[c]) else row[c].date() for c in ("date_start", "date_end"))
    badge = f" [{str(row['status']).upper()}]" if row["status"] in HOLLOW_STATUSES else ""
    return f"{row['title']}{badge} — {date_in_words(start, end, row['date_precision'])}"


def _circle_metres(row: Mapping[Any, Any]) -> float | None:
    """The radius of a vague place's shaded circle, as the page draws it."""
    if row["area_shape"] != "circle" or pd.isna(row["area_radius_km"]):
        return None
    return float(row["area_radius_km"]) * 1000


def marker_layers(data: Dataset, shown: pd.DataFrame) -> list[dict[str, Any]]:
    """The shown events that have a point as marker data, one entry per layer in the
    page's order. An event placed only in a border band, on one side of it or in a country
    that the map can draw is no marker, as on the page: its feature's point is a stand-in;
    it is drawn as that area (`wide_areas`)."""
    shown = shown[~md.no_point_mask(shown, data.areas)]
    layers = []
    for index, layer in enumerate(data.layers):
        rows = shown[shown["layer"] == layer.name].to_dict("records")
        markers = [
            {
                "id": row["id"],
                "lat": float(row["disp_lat"]),
                "lon": float(row["disp_lon"]),
                # The point it stands for (markers sharing one are fanned out around it).
                "at": [float(row["lat"]), float(row["lon"])],
                "circle_m": _circle_metres(row),
                "colour": colour_of(row["event_type"]),
                "hollow": row["status"] in HOLLOW_STATUSES,
                "tooltip": _tooltip(row),
            }
            for row in rows
        ]
        # The layer control shows titles as HTML: escape them as the page's map does.
        title = escape(layer.title)
        layers.append({"title_html": title, "outline": outline_of(index), "markers": markers})
    return layers


def _related(panel: Panel, present: set[str]) -> Html:
    links = [
        tag("a", link.label, href="#", data_show=link.target_id)
        if link.target_id in present
        else tag("span", f"{link.label} (not in this file)")
        for link in panel.related
    ]
    return tag("div", *links, class_="atlas-related") if links else Html("")


def panel_section(event_id: str, data: Dataset, present: set[str]) -> Html:
    """One event's source panel, hidden until its marker is clicked."""
    panel = build_panel(event_id, data)
    parts: list[Html] = [panel.heading]
    if panel.warning:
        parts.append(tag("div", panel.warning, class_="atlas-warning"))
    parts.append(panel.dataset)  # an imported event's source first, as on the page
    parts += [panel.facts, panel.summary, *panel.disagreements, _related(panel, present)]
    for part in panel.sources:
        parts += [part.heading, part.original, part.translation]
        summary = tag("summary", "Read the whole article, excerpt highlighted")
        parts.append(tag("details", summary, part.document))
    return tag(
        "div", join(parts), class_="atlas-offline-panel", id=f"panel-{event_id}", hidden="hidden"
    )


def legend() -> Html:
    """Colours by event type, hollow for withdrawn claims, outline by layer."""
    swatch = "display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;"
    items = [
        tag("div", tag("span", "", style=f"{swatch}background:{colour}"), kind)
        for kind, colour in EVENT_TYPE_COLOURS.items()
    ]
    items.append(
        tag(
            "div",
            tag("span", "", style=f"{swatch}border:2px dashed #333"),
            "Hollow, dashed: report denied or retracted",
        )
    )
    items.append(tag("div", "Shaded circle: how far the place may be from its point."))
    area = "display:inline-block;width:14px;height:9px;margin-right:5px;"
    items.append(
        tag(
            "div",
            tag("span", "", style=f"{area}border:2px dashed {NO_POINT_COLOUR}"),
            "Dashed area: events the sources place only in it, with no point (counted in "
            "the box on the map).",
        )
    )
    items.append(
        tag(
            "div",
            "Outline colour: layer. Markers sharing a place are fanned out, joined to it by "
            "a thin line. No map tiles: boundaries only.",
        )
    )
    return tag("div", tag("b", "Legend"), *items, class_="atlas-legend", style="columns:2")


def wide_areas(data: Dataset, shown: pd.DataFrame) -> dict[str, Any] | None:
    """The areas of the shown events with no point, as the page's Markers mode draws them
    (static/atlas/modes.js `wideAreas`: dashed outlines and the box counting them)."""
    shapes, _ = WideAreaShapes.of(data.areas, shown, outline=True)
    return None if shapes is None else shapes.data()


NO_POINT_DRAWN = f"{md.OUTLINED} (the box on the map counts them), and in the list below"


def no_point_note(data: Dataset, shown: pd.DataFrame) -> str:
    """'3 of 39 shown events have no point …: 2 anywhere along …' ('' when all have one)."""
    no_point = shown[md.no_point_mask(shown, data.areas)]
    return md.no_point_words(md.wide_areas(no_point), len(shown), drawn=NO_POINT_DRAWN)


def _header(data: Dataset, shown: pd.DataFrame, filters_description: str) -> Html:
    note = no_point_note(data, shown)
    return tag(
        "div",
        tag("h3", "Border Atlas — security events on the Tajikistan–Afghanistan border"),
        tag("p", f"{len(shown)} of {len(data.frame)} events. Filters: {filters_description}"),
        tag("p", "A saved copy of one view: it needs no server or network. Click a marker."),
        *([tag("p", note, class_="atlas-no-point")] if note else []),
        class_="atlas-header",
    )


def town_rows(data: Dataset) -> list[list[Any]]:
    """[lat, lon, name] of the gazetteer's cities and main border towns, those the page
    names at its opening zoom (plain text: the script sets it as a text node)."""
    return [
        [place.lat, place.lon, short_name(place)]
        for place in data.places.values()
        if place.kind == "city" or (place.kind == "town" and place.id in MAIN_TOWNS)
    ]


def event_list(data: Dataset, shown: pd.DataFrame) -> Html:
    """Every shown event newest first, as in the page's feed; a click opens its panel."""
    rows = feed_page(data.frame, shown, 0, size=max(1, len(shown)))
    items = [
        tag(
            "li",
            tag("a", item.title, href=f"#panel-{item.id}", data_show=item.id),
            tag("br"),
            tag("small", item.caption()),
        )
        for item in feed_items(rows)
    ]
    heading = tag("h3", f"Events in this view, newest first ({len(items)})")
    return tag("div", heading, tag("ol", *items), id="atlas-list")


def map_data(data: Dataset, shown: pd.DataFrame) -> dict[str, Any]:
    """Everything the map script draws: boundaries, border, the areas of the events with
    no point, markers, town names, view."""
    return {
        "center": list(CENTER_LAT_LON),
        "zoom": DEFAULT_ZOOM,
        "boundaries": data.references.get(ReferenceKind.BOUNDARIES),
        "border": data.references.get(ReferenceKind.BORDER),
        "wide": wide_areas(data, shown),
        "layers": marker_layers(data, shown),
        "towns": town_rows(data),
    }


def offline_html(data: Dataset, shown_frame: pd.DataFrame, filters_description: str) -> str:
    """The current filtered view as one self-contained HTML file."""
    present = set(shown_frame["id"])
    panels = join(panel_section(i, data, present) for i in shown_frame["id"])
    hint = tag(
        "p", "Click a marker, or an event in the list below, to read its sources.", id="hint"
    )
    return "".join(
        [
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Border Atlas — saved view</title>",
            f"<style>{leaflet_css()}</style>",
            f"<style>{PAGE_CSS}{TOOLTIP_CSS}{NO_POINT_CSS}</style></head><body>",
            f"<header>{_header(data, shown_frame, filters_description)}</header>",
            f'<div id="wrap"><div id="map"></div><div id="panels">{hint}{panels}</div></div>',
            legend(),
            event_list(data, shown_frame),
            f"<script>{leaflet_js()}</script>",
            '<script type="application/json" id="atlas-data">',
            script_json(map_data(data, shown_frame)),
            "</script>",
            # The page's own drawing code for what both draw (atlas.js first: it makes
            # `window.atlas`, which modes.js registers with), then the offline map's.
            *(f"<script>{inline_js(name)}</script>" for name in OFFLINE_JS),
            "</body></html>",
        ]
    )
