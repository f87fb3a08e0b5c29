"""A click on the map reaches the server at once, not a quarter of a second later.

streamlit-folium sends what was clicked through one debounced function (underscore's
`debounce`, 250 ms), shared with map moves, so every marker click waited 250 ms before
the app could rerun. After each click (once streamlit-folium's own handlers have noted
it in `window.__GLOBAL_DATA__`), this script builds the very value streamlit-folium
would send, in its key order, and sends it now through the components protocol. It also
stores it as streamlit-folium's `previous_data`: when the debounced call comes, it finds
nothing new and sends nothing, so a click still makes exactly one rerun. When the map
is made, the value for its first view is stored the same way: the library's default (a
click count of None, where it counts from 0) no longer reruns the app after each page
load (big layers, whose view decides what the server sends, still report it). The
message carries `atlasAtOnce`, which Streamlit ignores, so tests can tell it from the
library's; a marker click's value carries a token of its own (`CLICK_TOKEN`), by which
the server tells a click from a repeated report (a click on the map's background, sent
at once with a moved view on big layers, carries none).

It mirrors `updateComponentValue` in streamlit-folium's bundle (see
`tests/test_clicks.py`, which fails when that bundle changes shape).
"""

from __future__ import annotations

from branca.element import MacroElement, Template

# The hook the markers' keyboard handler calls: a key press fires the marker's click in
# Leaflet, which never reaches the map's own click listeners.
REPORT_HOOK = "atlasReportClick"

# The key of the token each click sent at once carries (ui/state.on_map_change).
CLICK_TOKEN = "atlas_click"


SCRIPT = """{% macro script(this, kwargs) %}
(function (map) {
  var CLICK_TOKEN = '{{ this.token }}';
  function current(g) {  // what streamlit-folium's updateComponentValue would send
    var wrap = function (v) { return v && g.wrap_longitude ? map.wrapLatLng(v) : v; };
    var bounds = map.getBounds();
    var all = {
      last_clicked: wrap(g.lat_lng_clicked), last_object_clicked: wrap(g.last_object_clicked),
      last_object_clicked_count: g.last_object_clicked_count,
      last_object_clicked_tooltip: g.last_object_clicked_tooltip,
      last_object_clicked_popup: g.last_object_clicked_popup,
      all_drawings: g.all_drawings, last_active_drawing: g.last_active_drawing,
      last_geocoder_result: g.last_geocoder_result,
      bounds: bounds && g.wrap_longitude ? map.wrapLatLngBounds(bounds) : bounds,
      zoom: map.getZoom(), last_circle_radius: g.last_circle_radius,
      last_circle_polygon: g.last_circle_polygon, center: wrap(map.getCenter()),
      selected_layers: Object.values(g.selected_layers || {}), selected_tags: g.selected_tags
    };
    var value = all;
    if (g.returned_objects) {
      value = {};
      Object.keys(all).forEach(function (k) {
        if (g.returned_objects.indexOf(k) !== -1) { value[k] = all[k]; } });
    }
    return value;
  }
  function report() {
    var g = window.__GLOBAL_DATA__;
    if (!g || !window.parent || window.parent === window) { return; }
    var value = current(g);
    if (JSON.stringify(g.previous_data) === JSON.stringify(value)) { return; }
    // A marker clicked (its count moved on), not the map's background after a pan.
    var counted = (g.previous_data || {}).last_object_clicked_count !==
      value.last_object_clicked_count;
    g.previous_data = value;
    // Sent with a token of its own (kept out of previous_data, which the library compares
    // with): a map made anew counts clicks from 0 again, and its first click could
    // otherwise repeat the last value the server saw and be taken for no click at all.
    var sent = JSON.parse(JSON.stringify(value));
    if (counted) { sent[CLICK_TOKEN] = Date.now() + '-' + Math.random().toString(36).slice(2); }
    window.parent.postMessage({isStreamlitMessage: true, type: 'streamlit:setComponentValue',
      value: sent, dataType: 'json', atlasAtOnce: true}, '*');
  }
  // The map's first view is the one the server drew it for: without this, the library's
  // first report (its default click count, None, is not the 0 it counts from) reran the
  // whole app right after every page load. Big layers still report it: the server needs
  // the view's bounds to send single markers where the view holds few events.
  var first = window.__GLOBAL_DATA__;
  if (first && (first.returned_objects || []).indexOf('bounds') === -1) {
    first.previous_data = current(first);
  }
  // After the click's other handlers (streamlit-folium's among them) have run.
  window.{{ this.hook }} = function () { setTimeout(report, 0); };
  map.on('click', window.{{ this.hook }});
})({{ this._parent.get_name() }});
{% endmacro %}"""


class ReportClicksAtOnce(MacroElement):
    """Sends a click's value to Streamlit without streamlit-folium's 250 ms wait."""

    _template = Template(SCRIPT)

    def __init__(self) -> None:
        super().__init__()
        self._name = "ReportClicksAtOnce"
        self.hook = REPORT_HOOK
        self.token = CLICK_TOKEN
