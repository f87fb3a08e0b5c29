"""Building the folium map: a deterministic base map plus per-layer event groups.

The base map (tiles, boundaries, legend) must generate the same JavaScript on every
run, or streamlit-folium remounts the iframe (flicker, lost zoom). Filtered events go
into feature groups passed separately through `feature_group_to_add`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

import folium
import pandas as pd
from branca.element import MacroElement, Template

from geo.geometry import to_folium
from geo.model import ReferenceKind
from geo.settings import OSM_TILES
from geo.view.html import Html, escape, join, tag
from geo.view.style import EVENT_TYPE_COLOURS, HOLLOW_STATUSES, colour_of, outline_of
from geo.view.words import date_in_words
from geo.vocab import FOCUS_COUNTRIES

CENTER_LAT_LON = (37.6, 70.0)
DEFAULT_ZOOM = 6
STATIC_PREFIX = "/app/static/vendor"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
# Label positions [lat, lon] inside each country, chosen by eye on the 1:10m shapes.
COUNTRY_LABELS = {
    "TAJIKISTAN": (39.0, 71.2),
    "AFGHANISTAN": (34.6, 66.0),
    "UZBEKISTAN": (40.6, 65.0),
    "KYRGYZSTAN": (41.6, 74.5),
    "CHINA": (38.0, 77.5),
    "PAKISTAN": (32.0, 70.0),
    "TURKMENISTAN": (38.8, 60.5),
}
PANJ_LABEL_LAT_LON = (37.05, 69.2)
PANJ_LABEL = tag("div", "Panj / Amu Darya (border)", class_="atlas-river")
MAP_CSS = Html(
    "<style>.leaflet-container{background:#dfe7ee}"
    ".atlas-country{font:600 11px sans-serif;letter-spacing:2px;color:#777;text-align:center}"
    ".atlas-river{font:italic 12px serif;color:#8a1f1f;white-space:nowrap}</style>"
)


def _offline_assets(m: folium.Map) -> None:
    """Serve Leaflet and jQuery from the app's static folder instead of CDNs."""
    m.default_js = [
        ("leaflet", f"{STATIC_PREFIX}/leaflet/leaflet.js"),
        ("jquery", f"{STATIC_PREFIX}/jquery/jquery.min.js"),
    ]
    m.default_css = [("leaflet_css", f"{STATIC_PREFIX}/leaflet/leaflet.css")]


def base_map(
    tiles: str | None,
    references: Mapping[ReferenceKind, dict[str, Any]] | None = None,
    canvas: bool = False,
) -> folium.Map:
    """Return the base map: optional tiles, boundary outlines, legend. Deterministic.

    `canvas` draws markers on one canvas instead of one SVG element each: needed for
    tens of thousands of events, but SVG keeps each marker a DOM element to click and test.
    """
    m = folium.Map(
        location=list(CENTER_LAT_LON),
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        prefer_canvas=canvas,
        max_zoom=18,
        control_scale=True,
    )
    _offline_assets(m)
    _IconPath().add_to(m)
    if tiles:
        _base_layers(m, tiles)
    # Country fills first, the border line on top of them.
    refs = references or {}
    if ReferenceKind.BOUNDARIES in refs:
        _add_boundaries(m, refs[ReferenceKind.BOUNDARIES], filled=tiles is None)
    if ReferenceKind.BORDER in refs:
        _add_border(m, refs[ReferenceKind.BORDER])
    _MapStyle().add_to(m)
    return m


def _base_layers(m: folium.Map, tiles: str) -> None:
    """Switchable base layers: the tiles, or none (boundaries only, works offline)."""
    is_osm = tiles == OSM_TILES
    folium.TileLayer(
        tiles=tiles,
        attr=OSM_ATTRIBUTION if is_osm else "Map tiles: see ATLAS_TILES",
        name="OpenStreetMap" if is_osm else "Tiles (ATLAS_TILES)",
        max_zoom=18,
        overlay=False,
        control=True,
    ).add_to(m)
    folium.FeatureGroup(name="No tiles (offline)", overlay=False, control=True, show=False).add_to(
        m
    )


def _boundary_style(filled: bool) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Countries filled when there are no tiles; outlines only over tiles."""

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        focus = feature["properties"].get("iso_a3") in FOCUS_COUNTRIES
        return {
            "color": "#7a7a7a",
            "weight": 1,
            "fillColor": "#f3efe4" if focus else "#e4e4e4",
            "fillOpacity": 1.0 if filled else 0.3,  # tiles show through; offline, land still reads
        }

    return style


def _add_border(m: folium.Map, collection: dict[str, Any]) -> None:
    folium.GeoJson(
        collection,
        name="Border",
        interactive=False,
        control=False,
        style_function=lambda _f: {"color": "#b30000", "weight": 3.5, "opacity": 0.85},
    ).add_to(m)
    folium.Marker(
        location=list(PANJ_LABEL_LAT_LON),
        interactive=False,
        icon=folium.DivIcon(html=PANJ_LABEL, icon_size=(160, 18), icon_anchor=(0, 0)),
    ).add_to(m)


def _add_boundaries(m: folium.Map, collection: dict[str, Any], filled: bool) -> None:
    folium.GeoJson(
        collection,
        name="Boundaries",
        interactive=False,
        control=False,
        style_function=_boundary_style(filled),
    ).add_to(m)
    for label, lat_lon in COUNTRY_LABELS.items():
        folium.Marker(
            location=list(lat_lon),
            interactive=False,
            icon=folium.DivIcon(
                html=tag("div", label, class_="atlas-country"),
                icon_size=(140, 16),
                icon_anchor=(70, 8),
            ),
        ).add_to(m)


def tooltip_html(row: Mapping[str, Any]) -> Html:
    """Title and date of an event for the hover tooltip, escaped."""
    when = date_in_words(
        _as_date(row["date_start"]), _as_date(row["date_end"]), row["date_precision"]
    )
    badge = f" [{row['status'].upper()}]" if row["status"] in HOLLOW_STATUSES else ""
    title = tag("b", tag("bdi", row["title"], dir="auto"))  # RTL titles cannot reorder the rest
    return join([title, escape(badge), Html("<br>"), escape(when)])


def _as_date(value: Any) -> dt.date | None:
    return None if pd.isna(value) else value.date()


def _records(rows: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], rows.to_dict("records"))


def _point_feature(row: Mapping[str, Any]) -> dict[str, Any]:
    # Only what the map needs: the id to know what was clicked, and the tooltip.
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row["disp_lon"], row["disp_lat"]]},
        "properties": {
            "id": row["id"],
            "tooltip": tooltip_html(row),
            "event_type": row["event_type"],
            "status": row["status"],
        },
    }


def _marker_style(outline: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def style(feature: dict[str, Any]) -> dict[str, Any]:
        props = feature["properties"]
        hollow = props["status"] in HOLLOW_STATUSES
        return {
            "color": outline,
            "weight": 2,
            "fill": True,
            "fillColor": colour_of(props["event_type"]),
            "fillOpacity": 0.15 if hollow else 0.9,
            "dashArray": "4 3" if hollow else None,
            "radius": 7,
        }

    return style


def layer_group(name: str, title: str, rows: pd.DataFrame, outline: str) -> folium.FeatureGroup:
    """One toggleable group: uncertainty circles under the layer's event markers."""
    group = folium.FeatureGroup(name=escape(f"{title} ({len(rows)})"), show=True)
    circles = _circles(rows)
    if circles is not None:
        circles.add_to(group)
    legs = _legs(rows)
    if legs is not None:
        legs.add_to(group)
    if len(rows):
        collection = {
            "type": "FeatureCollection",
            "features": [_point_feature(r) for r in _records(rows)],
        }
        folium.GeoJson(
            collection,
            name=name,
            marker=folium.CircleMarker(radius=7, fill=True, class_name="atlas-event"),
            style_function=_marker_style(outline),
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=False),
        ).add_to(group)
    return group


def _circles(rows: pd.DataFrame) -> folium.GeoJson | None:
    """Uncertainty circles as one GeoJSON layer (one Python object per circle costs ~0.3 ms)."""
    circles = rows[rows["area_shape"] == "circle"].drop_duplicates(["lon", "lat", "area_radius_km"])
    if circles.empty:
        return None
    features = [
        {
            "type": "Feature",
            "id": f"c{i}",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"colour": colour_of(kind), "radius": km * 1000},
        }
        for i, (lon, lat, kind, km) in enumerate(
            zip(
                circles["lon"],
                circles["lat"],
                circles["event_type"],
                circles["area_radius_km"],
                strict=True,
            )
        )
    ]
    marker = folium.Circle(radius=1, weight=1, opacity=0.4, fill=True, fill_opacity=0.06)
    marker.options["interactive"] = False  # folium drops this keyword for Circle
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        marker=marker,
        interactive=False,
        control=False,
        style_function=lambda f: {
            "color": f["properties"]["colour"],
            "fillColor": f["properties"]["colour"],
            "radius": f["properties"]["radius"],
        },
    )


def _legs(rows: pd.DataFrame) -> folium.GeoJson | None:
    """Thin lines from each fanned-out marker back to the point it stands for."""
    moved = rows[(rows["disp_lon"] != rows["lon"]) | (rows["disp_lat"] != rows["lat"])]
    if moved.empty:
        return None
    lines = [
        [[a, b], [c, d]]
        for a, b, c, d in zip(
            moved["lon"], moved["lat"], moved["disp_lon"], moved["disp_lat"], strict=True
        )
    ]
    return folium.GeoJson(
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "MultiLineString", "coordinates": lines},
        },
        interactive=False,
        control=False,
        style_function=lambda _f: {"color": "#444", "weight": 1, "opacity": 0.6},
    )


def selection_group(
    row: pd.Series | None, area: dict[str, Any] | None = None
) -> folium.FeatureGroup:
    """A ring around the selected event and, if it has one, the wide area it stands for."""
    group = folium.FeatureGroup(name="Selected event", show=True, control=False)
    if area is not None:
        folium.GeoJson(
            {"type": "Feature", "properties": {}, "geometry": area},
            interactive=False,
            control=False,
            style_function=lambda _f: {
                "color": "#000",
                "weight": 1.5,
                "dashArray": "6 4",
                "fillColor": "#000",
                "fillOpacity": 0.08,
            },
        ).add_to(group)
    if row is not None:
        folium.CircleMarker(
            location=to_folium(row["disp_lon"], row["disp_lat"]),
            radius=14,
            color="#000",
            weight=3,
            fill=False,
            interactive=False,
        ).add_to(group)
    return group


def event_groups(
    frame: pd.DataFrame, layers: Iterable[tuple[str, str]]
) -> list[folium.FeatureGroup]:
    """One feature group per layer (in the given order) with that layer's filtered rows."""
    groups = []
    for index, (name, title) in enumerate(layers):
        rows = frame[frame["layer"] == name]
        groups.append(layer_group(name, title, rows, outline_of(index)))
    return groups


def legend_html() -> Html:
    """The legend: colours by event type, hollow for denied/retracted, circles for vagueness."""
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
    items.append(
        tag(
            "div",
            "Shaded circle: the place is uncertain — 10 km around a named town (precision 2); "
            "for a region (precision 3) the area the gazetteer gives: a wide circle, or, "
            "outlined when the event is selected, a band along the whole border, the band on "
            "one side of it, or a whole country",
        )
    )
    items.append(
        tag(
            "div",
            "Outline colour: layer. Markers that share one place are fanned "
            "out on a ring around it, joined to it by a thin line.",
        )
    )
    return tag(
        "div",
        tag("b", "Legend"),
        *items,
        class_="atlas-legend",
        style="font:12px sans-serif;columns:2;column-gap:24px",
    )


class _IconPath(MacroElement):
    """Points Leaflet's default marker images at the vendored copies.

    Leaflet guesses the path from its CSS URL and gets it wrong when served from
    /app/static (it drops 'images/'), which shows up as 404s in the console.
    """

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasIconPath"
        self.path = f"{STATIC_PREFIX}/leaflet/images/"
        self._template = Template(
            "{% macro script(this, kwargs) %}"
            "L.Icon.Default.imagePath = {{ this.path|tojson }};"
            "{% endmacro %}"
        )


class _MapStyle(MacroElement):
    """Adds the map's static CSS (background, label fonts) to its page."""

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasStyle"
        self.css = MAP_CSS
        self._template = Template("{% macro html(this, kwargs) %}{{ this.css }}{% endmacro %}")
