"""Event markers on the map: one client-side cluster group, spiderfied when co-located.

Leaflet.markercluster (served from static/vendor) groups nearby events at low zoom into
a bubble with a count, coloured by the event types it holds; clicking a bubble zooms in,
and events that share one point fan out at a fixed screen distance (spiderfy). Each
marker is a CircleMarker at the event's true position, carrying `feature.properties.id`
so streamlit-folium reports which event was clicked (`last_active_drawing`).

The rows go to the browser as one compact JSON array (no Python object per marker):
`[lat, lon, id, type index, hollow, layer index, tooltip html, plain title]`.
Jinja's `tojson` escapes
`<`, `>`, `&` and `'`, so no data string can close the script.
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd
from branca.element import MacroElement, Template

from geo.view.clicks import REPORT_HOOK
from geo.view.html import Html, escape, join, tag
from geo.view.style import EVENT_TYPE_COLOURS, HOLLOW_STATUSES, OTHER_COLOUR, outline_of
from geo.view.words import date_in_words

# Cluster radius in screen pixels: markers closer than this at the current zoom merge.
CLUSTER_RADIUS_PX = 34
MARKER_RADIUS_PX = 7
# The pane the base map makes above the cluster bubbles (geo.view.map) for the selection.
SELECTED_PANE = "atlasSelected"

# A cluster bubble, drawn in the browser (here) or counted on the server (density.py):
# a ring of its event types' colours around its count, and its name for the keyboard.
# Needs `colours` and `other` in scope.
BUBBLE_JS = """
  function bubbleIcon(counts, total, size) {
    var stops = [], at = 0;
    Object.keys(counts).sort().forEach(function (t) {
      var c = colours[t] || other, end = at + 100 * counts[t] / total;
      stops.push(c + ' ' + at.toFixed(1) + '% ' + end.toFixed(1) + '%'); at = end;
    });
    var el = document.createElement('div');
    el.className = 'atlas-cluster';
    el.style.background = 'conic-gradient(' + stops.join(',') + ')';
    var label = document.createElement('span');
    label.textContent = total.toLocaleString('en');
    el.appendChild(label);
    return L.divIcon({html: el, className: 'atlas-cluster-icon', iconSize: [size, size]});
  }
  function bubbleTitle(counts, total, action) {
    return total.toLocaleString('en') + ' events (' + Object.keys(counts).sort().map(
      function (t) { return counts[t].toLocaleString('en') + ' ' + t; }).join(', ')
      + '): ' + action;
  }
"""

_TEMPLATE = """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var types = {{ this.types|tojson }}, colours = {{ this.colours|tojson }};
  var outlines = {{ this.outlines|tojson }}, other = {{ this.other|tojson }};
/*BUBBLE_JS*/
  function clusterIcon(cluster) {
    var counts = {}, total = 0;
    cluster.getAllChildMarkers().forEach(function (m) {
      counts[m.options.atlasType] = (counts[m.options.atlasType] || 0) + 1; total += 1;
    });
    // Its name for the keyboard and screen readers (Leaflet sets `title` on the focusable
    // icon after this returns).
    cluster.options.title = bubbleTitle(
      counts, total, 'Enter zooms in, or fans out events at one place');
    return bubbleIcon(counts, total, total < 10 ? 30 : total < 100 ? 36 : 44);
  }
  var rows = {{ this.rows|tojson }}, selected = null, chosen = {{ this.selected|tojson }};
  // The base map's pane above the cluster bubbles, for the selected event (SVG paths
  // would sit under the bubbles' icons).
  var pane = {{ this.pane|tojson }};
  var top = window.map && window.map.getPane(pane) ? pane : 'overlayPane';
  var group = L.markerClusterGroup({
    // Few events: draw them all, also those outside the view (Moscow, Doha); many: only
    // what is in view, to keep the page light.
    removeOutsideVisibleBounds: rows.length > 5000,
    maxClusterRadius: {{ this.radius }}, showCoverageOnHover: false,
    spiderfyOnMaxZoom: true, spiderfyDistanceMultiplier: 1.4, zoomToBoundsOnClick: true,
    iconCreateFunction: clusterIcon
  });
  rows.forEach(function (r) {
    var type = types[r[3]], hollow = r[4] === 1;
    var m = L.circleMarker([r[0], r[1]], {
      radius: {{ this.marker_radius }}, weight: 2, color: outlines[r[5]],
      fillColor: colours[type] || other, fillOpacity: hollow ? 0.15 : 0.9,
      dashArray: hollow ? '4 3' : null, className: 'atlas-event', atlasType: type,
      pane: r[2] === chosen ? top : 'overlayPane'
    });
    m.feature = {type: 'Feature', properties: {id: r[2]},
                 geometry: {type: 'Point', coordinates: [r[1], r[0]]}};
    m.bindTooltip(r[6], {sticky: false});
    // Keyboard: each drawn marker is a Tab stop; Enter or Space selects it like a click.
    m.on('add', function () {
      var el = m.getElement();
      if (!el || el.hasAttribute('tabindex')) { return; }
      el.setAttribute('tabindex', '0'); el.setAttribute('role', 'button');
      el.setAttribute('aria-label', r[7]);
      if (window.atlasRefocus === r[2] && r[2] === chosen) {
        window.atlasRefocus = null; el.focus({preventScroll: true});
      }
      el.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') {
          // The rerun draws the markers anew: focus goes back to this event's marker.
          window.atlasRefocus = r[2];
          ev.preventDefault(); m.fire('click', {latlng: m.getLatLng()}, true);
          var report = window[{{ this.report_hook|tojson }}];  // geo.view.clicks
          if (report) { report(); }
        }
      });
    });
    // The selected event stays out of the bubbles: always drawn, on top, where it is.
    if (r[2] === chosen) { selected = m; } else { group.addLayer(m); }
  });
  if (selected) { selected.addTo({{ this._parent.get_name() }}); }
  return group;
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
"""


class EventClusters(MacroElement):
    """All shown events as one Leaflet.markercluster group."""

    _template = Template(_TEMPLATE.replace("/*BUBBLE_JS*/", BUBBLE_JS))  # compiled once

    def __init__(
        self,
        rows: list[list[Any]],
        types: list[str],
        outlines: list[str],
        selected: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "EventClusters"
        self.selected = selected
        self.rows, self.types, self.outlines = rows, types, outlines
        self.colours = dict(EVENT_TYPE_COLOURS)
        self.other = OTHER_COLOUR
        self.radius = CLUSTER_RADIUS_PX
        self.marker_radius = MARKER_RADIUS_PX
        self.pane = SELECTED_PANE
        self.report_hook = REPORT_HOOK


def tooltip_html(title: str, status: str, when: str) -> Html:
    """Title and date of an event for the hover tooltip, escaped."""
    badge = f" [{status.upper()}]" if status in HOLLOW_STATUSES else ""
    bold_title = tag("b", tag("bdi", title, dir="auto"))  # RTL titles cannot reorder the rest
    return join([bold_title, escape(badge), Html("<br>"), escape(when)])


def _when(start: Any, end: Any, precision: str) -> str:
    as_date = [None if pd.isna(v) else v.date() for v in (start, end)]
    return date_in_words(as_date[0], as_date[1], precision)


# Tooltips repeat on every rerun for the same events: build each one once.
@functools.lru_cache(maxsize=50_000)
def _tooltip(title: str, status: str, start: Any, end: Any, precision: str) -> Html:
    return tooltip_html(title, status, _when(start, end, precision))


def marker_rows(frame: pd.DataFrame, layer_names: list[str]) -> tuple[list[list[Any]], list[str]]:
    """Compact rows for EventClusters, and the event-type list their type index points into."""
    types = sorted(set(frame["event_type"]))
    type_index = {t: i for i, t in enumerate(types)}
    layer_index = {name: i for i, name in enumerate(layer_names)}
    columns = ["lat", "lon", "id", "event_type", "status", "layer", "title"]
    columns += ["date_start", "date_end", "date_precision"]
    rows = []
    for lat, lon, eid, kind, status, layer, title, start, end, prec in zip(
        *(frame[c] for c in columns), strict=True
    ):
        rows.append(
            [
                round(float(lat), 5),
                round(float(lon), 5),
                eid,
                type_index[kind],
                1 if status in HOLLOW_STATUSES else 0,
                layer_index.get(layer, 0),
                _tooltip(title, status, start, end, prec),
                title,  # plain text: set as aria-label with setAttribute, never parsed
            ]
        )
    return rows, types


def event_clusters(
    frame: pd.DataFrame, layer_names: list[str], selected: str | None = None
) -> EventClusters:
    """The cluster group of the shown events, outlines by layer order."""
    rows, types = marker_rows(frame, layer_names)
    outlines = [outline_of(i) for i in range(max(len(layer_names), 1))]
    return EventClusters(rows, types, outlines, selected)


# Leaflet keeps a tooltip on one line: a long title wraps instead of running past the
# map's edge (the page's map and the saved copy).
TOOLTIP_CSS = ".leaflet-tooltip{white-space:normal;width:max-content;max-width:min(280px,70vw)}"

CLUSTER_CSS = (
    ".atlas-cluster-icon{background:none;border:none}"
    ".atlas-cluster{width:100%;height:100%;border-radius:50%;display:flex;"
    "align-items:center;justify-content:center;box-shadow:0 0 0 2px #fff,0 0 0 3px #333}"
    ".atlas-cluster span{background:#fff;border-radius:9px;padding:0 5px;"
    "font:700 12px sans-serif;color:#111}"
)
