"""The map: base map, the shown events (clustered, or counted per cell), the view."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
import streamlit_folium
from branca.element import MacroElement, Template

from geo.dataset import Dataset
from geo.view import density
from geo.view import map as mapview
from geo.view.labels import town_labels
from geo.view.markers import event_clusters
from ui.state import on_map_change

# Above this many events markers go on one canvas (SVG would cost a DOM node each).
CANVAS_ABOVE = 2000


# Above this many events the server counts them per cell and draws single markers only
# for views that hold few enough (geo/view/density.py); the map then reports its view.
BIG_DATA = 3000


MAP_HEIGHT = 540


SELECTED_ZOOM = 8


def _map_view(data: Dataset, selected: str | None) -> tuple[list[float], int]:
    """Where the map looks: the selected event when it changes, else the last view."""
    view = st.session_state.get("_view") or (list(mapview.CENTER_LAT_LON), mapview.DEFAULT_ZOOM)
    if selected and selected != st.session_state.get("_view_of") and selected in data.features:
        lon, lat = data.features[selected].geometry.coordinates[:2]
        view = (mapview.to_folium(lon, lat), SELECTED_ZOOM)
    st.session_state["_view_of"] = selected
    st.session_state["_view"] = view
    return view


class _KeepInSight(MacroElement):
    """Keeps the selected event on the part of the map nothing covers.

    On a phone the panel opens as a sheet over the lower part of the map, where the
    centred event would sit under it: once the view has settled (after streamlit-folium's
    setView and its animation), the map pans the event into the uncovered band above.
    The sheet may be drawn a moment after the map, so the page is watched for a few
    seconds (until the user moves the map). What covers the map is found by asking the
    page what is drawn over its middle column: nothing here depends on the page's layout.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map, latlng) {
  if (!map || !window.frameElement) { return; }
  var frame = window.frameElement, doc = frame.ownerDocument;
  var started = false, watcher = null, queued = false;
  function uncovered() {  // [top, bottom] of the map's visible band, in map pixels
    var r = frame.getBoundingClientRect(), x = r.left + r.width / 2;
    var top = Math.max(0, -r.top);
    var bottom = Math.min(r.height, doc.documentElement.clientHeight - r.top);
    for (var y = top + 4; y < bottom; y += 8) {
      if (doc.elementFromPoint(x, r.top + y) !== frame) { return [top, y - 4]; }
    }
    return null;  // nothing over the map
  }
  function lift() {  // true once done: panned, or covered too much to help
    var band = uncovered();
    if (!band) { return false; }
    if (band[1] - band[0] >= 48) {
      var y = map.latLngToContainerPoint(latlng).y;
      if (y < band[0] + 24 || y > band[1] - 24) {
        map.panBy([0, y - (band[0] + band[1]) / 2], {animate: false});
      }
    }
    return true;
  }
  function stop() {
    if (watcher) { watcher.disconnect(); watcher = null; }
    map.off('dragstart zoomstart', stop);
  }
  function start() {
    if (started) { return; }
    started = true; map.off('moveend', start);
    if (lift()) { return; }
    watcher = new MutationObserver(function () {  // at most one look a frame
      if (queued) { return; }
      queued = true;
      requestAnimationFrame(function () { queued = false; if (watcher && lift()) { stop(); } });
    });
    watcher.observe(doc.body, {childList: true, subtree: true});
    map.on('dragstart zoomstart', stop);
    setTimeout(stop, 5000);
  }
  map.on('moveend', start);  // the new view, once set
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    var moving = map._animatingZoom || (map._panAnim && map._panAnim._inProgress);
    if (!moving) { start(); }  // no new view was set: check this one
  }); });
})(window.map, {{ this.latlng|tojson }});
{% endmacro %}"""
    )

    def __init__(self, lat: float, lon: float) -> None:
        super().__init__()
        self._name = "KeepInSight"
        self.latlng = [float(lat), float(lon)]


class _PanToFocused(MacroElement):
    """Tab onto a marker out of view (New York, Doha, Moscow) and the map pans to it,
    as Leaflet does for its own markers (autoPanOnFocus). Without animation: a Tab
    pressed during a pan animation could reach a cluster bubble twice. Part of the base
    map: the same script on every run."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map) {
  map.getContainer().addEventListener('focusin', function (ev) {
    if (!ev.target.classList || !ev.target.classList.contains('atlas-event')) { return; }
    map.eachLayer(function (layer) {
      if (layer.getElement && layer.getElement() === ev.target && layer.getLatLng) {
        var at = layer.getLatLng();
        if (!map.getBounds().pad(-0.05).contains(at)) { map.panTo(at, {animate: false}); }
      }
    });
  });
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "PanToFocused"


def _events_layer(
    data: Dataset, shown: pd.DataFrame, big: bool, selected: str | None
) -> folium.FeatureGroup:
    """Markers for the shown events; for big layers only what the view needs."""
    names = [layer.name for layer in data.layers]
    if not big:
        return mapview.events_group(shown, names, selected)
    view = st.session_state.get("map") or {}
    zoom = view.get("zoom") or st.session_state.get("_view", (None, mapview.DEFAULT_ZOOM))[1]
    visible = shown[density.in_view(shown, density.bounds_of(view.get("bounds")))]
    if len(visible) <= density.MARKERS_MAX:
        return mapview.events_group(visible, names, selected)
    group = mapview.grid_group(visible, int(zoom))
    chosen = shown[shown["id"] == selected]
    if len(chosen):  # the selected event is drawn on its own, over the counts
        event_clusters(chosen, names, selected).add_to(group)
    return group


def draw_map(data: Dataset, shown: pd.DataFrame, selected: str | None, tiles: str | None) -> None:
    canvas = len(data.frame) > CANVAS_ABOVE
    m = mapview.base_map(
        tiles,
        data.references,
        canvas=canvas,
        layer_titles=[layer.title for layer in data.layers],
    )
    _PanToFocused().add_to(m)
    if tiles is None:  # tiles carry their own place names
        for labels in town_labels(data.places.values()):  # cities, main towns, the rest
            labels.add_to(m)
    big = len(data.frame) > BIG_DATA
    groups = [_events_layer(data, shown, big, selected)]
    row = (
        shown.loc[shown["id"] == selected].iloc[0]
        if selected and (shown["id"] == selected).any()
        else None
    )
    area_key = row["area_key"] if row is not None else None
    selection = mapview.selection_group(row, data.areas.get(area_key))
    if row is not None:
        _KeepInSight(row["lat"], row["lon"]).add_to(selection)
    groups.append(selection)
    centre, zoom = _map_view(data, selected)
    streamlit_folium.st_folium(
        m,
        key="map",
        height=MAP_HEIGHT,
        use_container_width=True,
        center=tuple(centre),
        zoom=zoom,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True) if tiles else None,
        returned_objects=["last_active_drawing", "last_object_clicked_count"]
        + (["zoom", "bounds"] if big else []),
        on_change=on_map_change,
    )
