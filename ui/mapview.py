"""The map: base map, the shown events (clustered, or counted per cell), the view."""

from __future__ import annotations

from typing import Any

import folium
import numpy as np
import pandas as pd
import streamlit as st
import streamlit_folium
from shapely.geometry import shape
from streamlit.delta_generator import DeltaGenerator

from geo.dataset import Dataset
from geo.model import ReferenceKind
from geo.view import density, map_png, piles
from geo.view import map as mapview
from geo.view import modes as md
from geo.view.clicks import REPORT_HOOK, ReportClicksAtOnce
from geo.view.fit import FIT_MAX_ZOOM, NEAR_COLOUR, Circle, FitView, NearCircle, fitted_view
from geo.view.follow import KeepInSight, PanToFocused, PlayInView, TabStopsInView
from geo.view.labels import town_labels
from geo.view.markers import event_clusters
from geo.view.modes import WIDE_SHAPES as WIDE
from geo.view.modes import MapMode, Measure
from ui.modes import counting_group, mode_key, no_point_key, wide_group
from ui.playback import BAR_SELECTOR, play_token
from ui.state import fit_request, fit_to, go_to_asked, move_to, on_map_change

# Above this many events the server counts them per cell and draws single markers only
# for views that hold few enough (geo/view/density.py); the map then reports its view.
BIG_DATA = 3000


# 540 px left the playback bar under the map 60 px below a laptop's first screen
# (1280x720); with the map's column closer together (app.PAGE_CSS) the bar ends on it.
MAP_HEIGHT = 460


SELECTED_ZOOM = 8


def _map_view(data: Dataset, selected: str | None) -> tuple[list[float], int]:
    """Where the map looks: the selected event when it changes or is chosen again (off
    the map), else the last view."""
    view = st.session_state.get("_view") or (list(mapview.CENTER_LAT_LON), mapview.DEFAULT_ZOOM)
    again = go_to_asked() == selected
    changed = selected != st.session_state.get("_view_of")
    if selected and (changed or again) and selected in data.features:
        bounds = _wide_bounds(data, selected)
        view = fitted_view(bounds) if bounds else _point_view(data, selected)
        if again:
            move_to(view)
        if bounds:  # fitted in the browser to the map's own size (a phone's, a laptop's)
            fit_to(bounds, view)
    st.session_state["_view_of"] = selected
    st.session_state["_view"] = view
    return view


def _wide_bounds(data: Dataset, selected: str) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the area of an event placed only in a border band, a
    side or a country (its feature's point is a stand-in); None for an event with a point."""
    frame = data.frame
    row = frame.loc[frame["id"].to_numpy() == selected, ["area_shape", "area_key"]]
    if not len(row) or row.iloc[0]["area_shape"] not in WIDE:
        return None
    area = data.areas.get(row.iloc[0]["area_key"])
    if area is None:
        return None
    west, south, east, north = shape(area).bounds
    return south, west, north, east


def _point_view(data: Dataset, selected: str) -> tuple[list[float], int]:
    lon, lat = data.features[selected].geometry.coordinates[:2]
    return mapview.to_folium(lon, lat), SELECTED_ZOOM


def _events_layer(
    data: Dataset, shown: pd.DataFrame, point: np.ndarray, selected: str | None
) -> folium.FeatureGroup:
    """Markers for the shown events that have a point (`point`, a mask over `shown`); for
    big layers only what the view needs, counted on the few columns counting reads (a
    million rows' every column copied took a fifth of a rerun)."""
    names = [layer.name for layer in data.layers]
    if len(data.frame) <= BIG_DATA:
        return mapview.events_group(shown if point.all() else shown[point], names, selected)
    view = st.session_state.get("map") or {}
    zoom = view.get("zoom") or st.session_state.get("_view", (None, mapview.DEFAULT_ZOOM))[1]
    inside = density.in_view(shown, density.bounds_of(view.get("bounds"))) & point
    if inside.sum() <= density.MARKERS_MAX:
        return mapview.events_group(shown[inside], names, selected)
    visible = shown.loc[inside, _COUNTED]
    group = mapview.grid_group(visible, int(zoom))
    chosen = (shown["id"] == selected).to_numpy() & point
    if chosen.any():  # the selected event is drawn on its own, over the counts
        event_clusters(shown[chosen], names, selected).add_to(group)
    if st.session_state.get("pile"):
        _open_pile(data, shown.loc[point, _COUNTED], visible, selected, group)
    return group


_COUNTED = ["id", "lat", "lon", "event_type"]  # what the cells and the piles read


def _open_pile(
    data: Dataset,
    shown: pd.DataFrame,
    visible: pd.DataFrame,
    selected: str | None,
    group: folium.FeatureGroup,
) -> None:
    """The page of the pile the reader opened (geo/view/piles.py), sent while it is in
    view; a pile panned out of view, or emptied by a filter, is closed."""
    pile = st.session_state.get("pile")
    if not pile:
        return
    box, offset = pile
    if not piles.in_box(visible, box).any():
        st.session_state["pile"] = None
        return
    page = piles.pile_page(data.frame, shown, box, offset)
    piles.PileList(box, page, selected, REPORT_HOOK).add_to(group)


def _zoom() -> int:
    view = st.session_state.get("map") or {}
    return int(view.get("zoom") or st.session_state.get("_view", (None, mapview.DEFAULT_ZOOM))[1])


def _mode_groups(
    data: Dataset,
    shown: pd.DataFrame,
    selected: str | None,
    mode: MapMode,
    measure: Measure,
    key_row: DeltaGenerator,
) -> tuple[list[folium.FeatureGroup], list[map_png.LegendItem], str]:
    """What the chosen mode draws under the selection, and its legend for the picture
    (its items and their title)."""
    if mode in (MapMode.MARKERS, MapMode.AREAS):
        return _markers_and_areas(data, shown, selected, mode, key_row)
    group, breaks = counting_group(data, shown, mode, measure, _zoom(), key_row)
    return [group], map_png.class_legend(breaks), f"{measure.value} per {_UNIT[mode]}"


def _markers_and_areas(
    data: Dataset,
    shown: pd.DataFrame,
    selected: str | None,
    mode: MapMode,
    key_row: DeltaGenerator,
) -> tuple[list[folium.FeatureGroup], list[map_png.LegendItem], str]:
    """Markers for the events with a point; the events placed only in a band, a side or a
    country drawn as that area (Markers: its dashed outline; Areas: shaded by count),
    never as a marker at their feature's stand-in point."""
    outline = mode == MapMode.MARKERS
    areas, breaks = wide_group(data, shown, outline=outline)
    wide = md.no_point_mask(shown, data.areas)
    legend = map_png.marker_legend(shown, [layer.name for layer in data.layers], ~wide)
    if outline:
        no_point = md.wide_areas(shown[wide])
        no_point_key(key_row, no_point, len(shown))
        legend += map_png.no_point_legend(no_point)
    elif breaks:
        mode_key(key_row, breaks, Measure.EVENTS, _AREAS_LEAD, [_AREAS_NOTE])
        legend += [
            {**item, "label": f"{item['label']} events only in this area"}
            for item in map_png.class_legend(breaks)
        ]
    events = _events_layer(data, shown, ~wide, selected)
    return [areas, events], legend, "Event type and marks" if outline else "Legend"


_UNIT = {MapMode.DENSITY: "cell", MapMode.PROVINCES: "province", MapMode.DISTRICTS: "district"}


_AREAS_LEAD = "placed only in a border band, a side or a country, per area (hover one)"
_AREAS_NOTE = (
    "An event the sources place only in a border band, on one side of the border or in a "
    "country is drawn as that area, not as a marker at a stand-in point; the areas are "
    "shaded by how many such events each holds. They are in the feed, the totals and the "
    "table; choose one there to outline its area. Every other event is a marker."
)


def _selection(
    data: Dataset, shown: pd.DataFrame, selected: str | None, mode: MapMode
) -> folium.FeatureGroup:
    """The selected event's ring and wide area, kept in sight."""
    row = (
        shown.loc[shown["id"] == selected].iloc[0]
        if selected and (shown["id"] == selected).any()
        else None
    )
    area_key = row["area_key"] if row is not None else None
    # Where a wide area stands for the event, no ring at its stand-in point (in the
    # counting modes no event is a marker: the ring shows where its point is).
    wide = row is not None and row["area_shape"] in WIDE and str(area_key) in data.areas
    ring = row is not None and not (wide and mode in (MapMode.MARKERS, MapMode.AREAS))
    selection = mapview.selection_group(row, data.areas.get(area_key), ring=ring)
    if row is not None:  # an event with no point: its area's middle, as it is framed
        lat, lon = _area_middle(data, str(area_key)) if wide else (row["lat"], row["lon"])
        KeepInSight(lat, lon).add_to(selection)
    return selection


def _area_middle(data: Dataset, area_key: str) -> tuple[float, float]:
    """(lat, lon) of the middle of a wide area's box: where selecting it centres the map."""
    if area_key not in data.areas:
        return mapview.CENTER_LAT_LON[0], mapview.CENTER_LAT_LON[1]
    west, south, east, north = shape(data.areas[area_key]).bounds
    return (south + north) / 2, (west + east) / 2


def _near_group(near: Circle) -> folium.FeatureGroup:
    """The place searched near: its circle, under the events."""
    group = folium.FeatureGroup(name="Place", show=True, control=False)
    NearCircle(near).add_to(group)
    return group


def _near_legend(near: Circle) -> map_png.LegendItem:
    return {"shape": "dashed", "colour": NEAR_COLOUR, "label": f"{near.km:g} km of {near.name}"}


def _layers(
    data: Dataset,
    shown: pd.DataFrame,
    selected: str | None,
    mode: MapMode,
    measure: Measure,
    key_row: DeltaGenerator,
    near: Circle | None,
) -> tuple[list[folium.FeatureGroup], list[map_png.LegendItem], str]:
    """Every layer drawn over the base map, bottom first (the place's circle, the mode's
    layers, the selection), with the picture's legend and its title."""
    groups, legend, legend_title = _mode_groups(data, shown, selected, mode, measure, key_row)
    groups.append(_selection(data, shown, selected, mode))
    if near is not None:
        groups.insert(0, _near_group(near))
        legend = [*legend, _near_legend(near)]
    return groups, legend, legend_title


def _view_requests(group: folium.FeatureGroup) -> None:
    """What the page asks of the map's view this run: a fit (ui/state.py), the map brought
    into view as playing starts (ui/playback.py)."""
    asked = fit_request()
    if asked:
        FitView(asked["bounds"], asked["token"], asked.get("max_zoom", FIT_MAX_ZOOM)).add_to(group)
    pressed = play_token()
    if pressed is not None:
        PlayInView(pressed, BAR_SELECTOR).add_to(group)


def draw_map(
    data: Dataset,
    shown: pd.DataFrame,
    selected: str | None,
    tiles: str | None,
    mode: MapMode = MapMode.MARKERS,
    measure: Measure = Measure.EVENTS,
    key_row: DeltaGenerator | None = None,
    picture: dict[str, Any] | None = None,
    near: Circle | None = None,
) -> None:
    """The map: its base, the shown events' layers in the mode, the picture's words."""
    m = _base_map(data, tiles)
    groups, legend, legend_title = _layers(
        data, shown, selected, mode, measure, key_row or st.container(), near
    )
    view = _map_view(data, selected)
    _view_requests(groups[-1])
    boundaries = data.references.get(ReferenceKind.BOUNDARIES)
    words = {"legend": legend, "legendTitle": legend_title, "extent": map_png.extent(boundaries)}
    _picture_parts(m, groups[-1], {**(picture or {}), **words})
    big = len(data.frame) > BIG_DATA
    _show_map(m, groups, view, tiles, big or mode == MapMode.DENSITY)


def _base_map(data: Dataset, tiles: str | None) -> folium.Map:
    """The map every run draws alike: ground, references, its scripts, the town labels."""
    # Markers are SVG, never one canvas: each stays an element the keyboard can reach (a
    # canvas marker has none). The DOM stays small: markercluster adds only the unclustered
    # markers in view, and big layers send at most density.MARKERS_MAX of them.
    m = mapview.base_map(
        tiles,
        data.references,
        # The Layers filter lists file names: the legend gives both, so they can be matched.
        layer_titles=[f"{layer.title} ({layer.name})" for layer in data.layers],
    )
    PanToFocused().add_to(m)
    TabStopsInView().add_to(m)
    ReportClicksAtOnce().add_to(m)
    if tiles is None:  # tiles carry their own place names
        for labels in town_labels(data.places.values()):  # cities, main towns, the rest
            labels.add_to(m)
    return m


def _picture_parts(m: folium.Map, group: folium.FeatureGroup, words: dict[str, Any]) -> None:
    """The map's picture (made in the browser: static/picture.js, geo/view/map_png.py):
    its "Save map as PNG" button, and the words its caption draws, with the layers."""
    map_png.SaveMapButton().add_to(m)
    map_png.PictureWords(words).add_to(group)


def _show_map(
    m: folium.Map,
    groups: list[folium.FeatureGroup],
    view: tuple[list[float], int],
    tiles: str | None,
    with_view: bool,
) -> None:
    """Hand the map to streamlit-folium; with `with_view`, a pan or zoom reruns the page
    (big layers and density cells follow the view)."""
    centre, zoom = view
    streamlit_folium.st_folium(
        m,
        key="map",
        # render=False: st_folium would render the whole page of the map first, then the
        # map again for the parts it sends; the parts come out the same without the
        # first pass (tests/test_mapview.py), about 35 ms a rerun sooner.
        render=False,
        height=MAP_HEIGHT,
        use_container_width=True,
        center=tuple(centre),
        zoom=zoom,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True) if tiles else None,
        returned_objects=["last_active_drawing", "last_object_clicked_count"]
        + (["zoom", "bounds"] if with_view else []),
        on_change=on_map_change,
    )
