"""Building the folium map: a deterministic base map plus the shown events.

The base map (tiles, boundaries, town names, legend) must generate the same JavaScript
on every run, or streamlit-folium remounts the iframe (flicker, lost zoom). Filtered
events go into feature groups passed separately through `feature_group_to_add`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import folium
import pandas as pd
from branca.element import Template
from folium.utilities import get_bounds
from shapely.geometry import mapping, shape

from geo.geometry import REGION_CENTRE_LAT_LON, to_folium
from geo.memo import per_object
from geo.model import ReferenceKind
from geo.settings import OSM_TILES
from geo.view._branca import LiteralMacro, Outline
from geo.view.choropleth import NO_POINT_CSS
from geo.view.circles import uncertainty_circles
from geo.view.clicks import REPORT_HOOK
from geo.view.density import GridClusters, grid_cells
from geo.view.html import Html, tag
from geo.view.labels import Label, Labels
from geo.view.legend import LEGEND_CSS, LegendControl, legend_html
from geo.view.markers import CLUSTER_CSS, SELECTED_PANE, TOOLTIP_CSS, event_clusters
from geo.view.piles import MAX_ZOOM, PILE_CSS
from geo.view.scripts import ATLAS_JS, AtlasScript
from geo.vocab import FOCUS_COUNTRIES, Place

CENTER_LAT_LON = REGION_CENTRE_LAT_LON
DEFAULT_ZOOM = 6
STATIC_PREFIX = "/app/static/vendor"
# The selection ring: around a marker, and around the bubble it may share a point with
# (up to 36 px wide), not across the bubble's count.
SELECTION_RING_PX = 21
SELECTED_PANE_Z = 650  # above the cluster bubbles (markerPane, 600)
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
MAP_BACKGROUND = "#dfe7ee"
MAP_CSS = Html(
    f"<style>.leaflet-container{{background:{MAP_BACKGROUND}}}"
    ".atlas-country{font:600 11px sans-serif;letter-spacing:2px;color:#777;text-align:center}"
    ".atlas-river{font:italic 12px serif;color:#8a1f1f;white-space:nowrap}"
    ".atlas-label{background:none;border:none;white-space:nowrap}"
    ".atlas-town{font:11px sans-serif;color:#333;white-space:nowrap;"
    # A halo that holds on the darkest fill it may sit on (a district's circle, 501+).
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}"
    ".atlas-town:before{content:'';display:inline-block;width:5px;height:5px;"
    "border-radius:50%;background:#333;margin-right:3px;vertical-align:middle}"
    ".atlas-pushed:before{visibility:hidden}"
    ".atlas-selected{animation:atlas-pulse 1.2s ease-out 2}"
    "@keyframes atlas-pulse{from{stroke-width:8}to{stroke-width:3}}"
    # The scale bar lets a bubble under it show through and take its click.
    ".leaflet-control-scale{opacity:.7;pointer-events:none}"
    + TOOLTIP_CSS
    + CLUSTER_CSS
    + PILE_CSS
    + LEGEND_CSS
    + NO_POINT_CSS
    + "</style>"
)


def _offline_assets(m: folium.Map) -> None:
    """Serve Leaflet, jQuery and the map's own code (static/atlas/) from the app's static
    folder instead of CDNs. Every file of static/atlas/ is listed here, on the base map:
    streamlit-folium loads scripts only when it first builds the map, so a mode chosen
    later finds its code already there."""
    m.default_js = [
        ("leaflet", f"{STATIC_PREFIX}/leaflet/leaflet.js"),
        ("jquery", f"{STATIC_PREFIX}/jquery/jquery.min.js"),
        ("markercluster", f"{STATIC_PREFIX}/markercluster/leaflet.markercluster.js"),
        *ATLAS_JS,
    ]
    m.default_css = [
        ("leaflet_css", f"{STATIC_PREFIX}/leaflet/leaflet.css"),
        ("markercluster_css", f"{STATIC_PREFIX}/markercluster/MarkerCluster.css"),
    ]


def base_map(
    tiles: str | None,
    references: Mapping[ReferenceKind, dict[str, Any]] | None = None,
    canvas: bool = False,
    towns: Iterable[Place] = (),
    layer_titles: Iterable[str] = (),
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
        max_zoom=MAX_ZOOM,
        maxZoom=MAX_ZOOM,  # with no tile layer, markercluster reads the zoom limit from the map
        control_scale=True,
    )
    _offline_assets(m)
    _IconPath().add_to(m)
    # Made here, before anything is drawn in it: the selected event and its ring go above
    # the cluster bubbles (markerPane, 600), so a bubble at the same point never hides them.
    _SelectedPane().add_to(m)
    if tiles:
        _base_layers(m, tiles)
    refs = references or {}
    _add_references(m, refs, filled=tiles is None)
    Labels(_map_labels(refs, towns, tiles=tiles)).add_to(m)
    LegendControl(legend_html(list(layer_titles))).add_to(m)
    _MapStyle().add_to(m)
    return m


def _add_references(
    m: folium.Map, refs: Mapping[ReferenceKind, dict[str, Any]], *, filled: bool
) -> None:
    """Country fills first, the border line on top of them."""
    if ReferenceKind.BOUNDARIES in refs:
        _add_boundaries(m, refs[ReferenceKind.BOUNDARIES], filled=filled)
    if ReferenceKind.BORDER in refs:
        _add_border(m, refs[ReferenceKind.BORDER])


def _map_labels(
    refs: Mapping[ReferenceKind, dict[str, Any]], towns: Iterable[Place], *, tiles: str | None
) -> list[Label]:
    """Country names (with boundaries), the river's (with the border) and, with no tiles
    (tiles carry their own place names), the towns'."""
    labels = _country_labels() if ReferenceKind.BOUNDARIES in refs else []
    if ReferenceKind.BORDER in refs:
        labels.append((*PANJ_LABEL_LAT_LON, PANJ_LABEL, 0, 0))
    return labels + (_town_labels(towns) if tiles is None else [])


def _town_labels(towns: Iterable[Place]) -> list[Label]:
    """Names of the gazetteer's towns, for maps drawn without tiles."""
    return [
        (p.lat, p.lon, tag("div", p.names.get("en", p.id), class_="atlas-town"), 3, 7)
        for p in towns
    ]


def _country_labels() -> list[Label]:
    return [
        (lat, lon, tag("div", label, class_="atlas-country"), 70, 8)
        for label, (lat, lon) in COUNTRY_LABELS.items()
    ]


def _base_layers(m: folium.Map, tiles: str) -> None:
    """Switchable base layers: the tiles, or none (boundaries only, works offline)."""
    is_osm = tiles == OSM_TILES
    folium.TileLayer(
        tiles=tiles,
        attr=OSM_ATTRIBUTION if is_osm else "Map tiles: see ATLAS_TILES",
        name="OpenStreetMap" if is_osm else "Tiles (ATLAS_TILES)",
        max_zoom=MAX_ZOOM,
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


# Outlines are drawn simplified: the 1:10m polygons carry detail a region-scale map
# cannot show, and st_folium serialises the map several times per rerun. Measurements
# (border distance, sides, areas) always use the full geometry.
DISPLAY_TOLERANCE_DEG = 0.005  # about 500 m: finer than a pixel below zoom 9


@per_object
def for_display(collection: dict[str, Any]) -> dict[str, Any]:
    """The collection with simplified geometry, computed once per loaded collection."""
    return {
        **collection,
        "features": [
            {**f, "geometry": mapping(shape(f["geometry"]).simplify(DISPLAY_TOLERANCE_DEG))}
            for f in collection.get("features", [])
        ],
    }


class _Outline(Outline):
    """A reference outline whose bounds are computed once: st_folium asks the map for its
    bounds on every rerun, and folium would walk every vertex of the 1:10m polygons."""

    def _get_self_bounds(self) -> list[list[float | None]]:
        return _bounds_of(self.data)


@per_object
def _bounds_of(data: dict[str, Any]) -> list[list[float | None]]:
    return get_bounds(data, lonlat=True)


def _add_border(m: folium.Map, collection: dict[str, Any]) -> None:
    _Outline(
        for_display(collection),
        name="Border",
        interactive=False,
        control=False,
        style_function=lambda _f: {"color": "#b30000", "weight": 3.5, "opacity": 0.85},
    ).add_to(m)


def _add_boundaries(m: folium.Map, collection: dict[str, Any], filled: bool) -> None:
    _Outline(
        for_display(collection),
        name="Boundaries",
        interactive=False,
        control=False,
        style_function=_boundary_style(filled),
    ).add_to(m)
    fade = fade_depths(collection)
    if filled and fade:  # no tiles: the neighbours' fills would end in a straight line
        _FadeOut(*fade).add_to(m)


# The shipped boundaries stop at their box (the neighbours are clipped to it when built:
# geo/tools/boundaries.py): with no tiles, a zoomed-out map showed the neighbours' land
# ending in a straight line at 44 N. Their fills fade into the map's background over the
# last degrees inside the box (at most FADE_MAX_DEG, never over the two countries), in
# rings drawn over them and under everything else.
FADE_MAX_DEG = 4.0
FADE_STEPS = 16


@per_object
def fade_depths(collection: dict[str, Any]) -> tuple[list[float], list[float]] | None:
    """The boundaries' box (south, west, north, east) and how deep the fade reaches in
    from each of its edges: up to the focus countries' own extent, at most FADE_MAX_DEG
    (None for a collection with no geometry)."""
    box = _box(collection.get("features", []))
    if box is None:
        return None
    feats = collection.get("features", [])
    focus = _box([f for f in feats if f["properties"].get("iso_a3") in FOCUS_COUNTRIES])
    if focus is None:  # no country of the two: fade as deep as allowed
        return box, [FADE_MAX_DEG] * 4
    south, west, north, east = box
    gaps = [focus[0] - south, focus[1] - west, north - focus[2], east - focus[3]]
    return box, [math.floor(max(0.0, min(FADE_MAX_DEG, g)) * 1000) / 1000 for g in gaps]


def _box(features: list[dict[str, Any]]) -> list[float] | None:
    """[south, west, north, east] of the features, or None when they have no point."""
    corners = get_bounds({"type": "FeatureCollection", "features": features}, lonlat=True)
    values = [float(v) for corner in corners for v in corner if v is not None]
    return values if len(values) == 4 else None


class _FadeOut(AtlasScript):
    """Rings of the map's background colour along the inside of the boundaries' box, more
    opaque towards its edge (static/atlas/base.js)."""

    kind = "fadeOut"

    def __init__(self, box: list[float], depths: list[float]) -> None:
        super().__init__()
        self._name = "AtlasFadeOut"
        self.box, self.depths = box, depths

    def data(self) -> dict[str, Any]:
        return {"box": self.box, "depths": self.depths, "steps": FADE_STEPS,
                "colour": MAP_BACKGROUND}  # fmt: skip


def events_group(
    frame: pd.DataFrame, layer_names: list[str], selected: str | None = None
) -> folium.FeatureGroup:
    """The shown events: uncertainty circles under one cluster group of markers."""
    group = folium.FeatureGroup(name="Events", show=True, control=False)
    circles = uncertainty_circles(frame)
    if circles is not None:
        circles.add_to(group)
    if len(frame):
        event_clusters(frame, layer_names, selected).add_to(group)
    return group


def selection_group(
    row: pd.Series | None, area: dict[str, Any] | None = None, ring: bool = True
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
    if row is not None and ring:
        marker = folium.CircleMarker(
            location=to_folium(row["lon"], row["lat"]),
            radius=SELECTION_RING_PX,
            color="#000",
            weight=3,
            fill=False,
            interactive=False,
            class_name="atlas-selected",
        )
        marker.options["pane"] = SELECTED_PANE  # folium drops this keyword for CircleMarker
        marker.add_to(group)
    return group


class _IconPath(AtlasScript):
    """Points Leaflet's default marker images at the vendored copies.

    Leaflet guesses the path from its CSS URL and gets it wrong when served from
    /app/static (it drops 'images/'), which shows up as 404s in the console.
    """

    kind = "iconPath"

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasIconPath"

    def data(self) -> dict[str, Any]:
        return {"path": f"{STATIC_PREFIX}/leaflet/images/"}


class _SelectedPane(AtlasScript):
    """Creates the pane for the selected event (folium's CustomPane would name its
    variable anew on every run, and the base map must render the same every time)."""

    kind = "selectedPane"

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasSelectedPane"

    def data(self) -> dict[str, Any]:
        return {"pane": SELECTED_PANE, "z": SELECTED_PANE_Z}


class _MapStyle(LiteralMacro):
    """Adds the map's static CSS (background, label fonts) to its page."""

    _template = Template("{% macro html(this, kwargs) %}{{ this.css }}{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasStyle"
        self.css = MAP_CSS


def grid_group(frame: pd.DataFrame, zoom: int) -> folium.FeatureGroup:
    """Events counted per screen cell on the server (for views with too many to draw)."""
    group = folium.FeatureGroup(name="Events", show=True, control=False)
    GridClusters(grid_cells(frame, zoom), REPORT_HOOK).add_to(group)
    return group
