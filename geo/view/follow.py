"""Map scripts that follow the user: the selected event kept in sight, a focused marker
panned into view, Tab stops only on what the view shows. Each is a fixed script (data
only through `tojson`)."""

from __future__ import annotations

from branca.element import MacroElement, Template

from geo.view.markers import SELECTED_PANE


class KeepInSight(MacroElement):
    """Keeps the selected event on the part of the map nothing covers.

    On a phone the panel opens as a sheet over the lower part of the map, where the
    centred event would sit under it: once the view has settled (after streamlit-folium's
    setView and its animation), the map pans the event into the uncovered band above.
    The sheet may be drawn a moment after the map, so the page is watched for a few
    seconds (until the user moves the map). An event chosen on a phone from below the
    map (the feed, the table) scrolls the page back to its top first: the sheet, which
    steps aside while the page is scrolled down, then opens in full over it. What covers
    the map is found by asking the page what is drawn over its middle column: nothing
    here depends on the page's layout.
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
  // Chosen from below the map (the feed, the table) on a phone: bring the map back into
  // view, so the sheet opens over it in full instead of stepping aside for a page
  // scrolled far down (it slides away as the reader scrolls down: see app.PAGE_CSS).
  if (doc.documentElement.clientWidth <= 640 && frame.getBoundingClientRect().top < -40) {
    var pane = frame.parentElement;  // the page's scrolling box, whichever it is
    while (pane && !(pane.scrollHeight > pane.clientHeight
                     && /(auto|scroll)/.test(getComputedStyle(pane).overflowY))) {
      pane = pane.parentElement;
    }
    (pane || doc.scrollingElement).scrollTo({top: 0});
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


class PanToFocused(MacroElement):
    """Tab onto a marker at the edge of the view and the map pans it fully in, as
    Leaflet does for its own markers (autoPanOnFocus); a mouse press never pans.
    (Markers out of view take no Tab stop: TabStopsInView.)
    Without animation: a Tab pressed during a pan animation could reach a cluster bubble
    twice. Part of the base map: the same script on every run."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map) {
  // Only keyboard focus pans: a mouse press focuses the marker too, and panning under
  // the pointer then would turn a click near the edge into a pan (nothing selected).
  var pressed = 0;
  map.getContainer().addEventListener('pointerdown', function () { pressed = Date.now(); }, true);
  map.getContainer().addEventListener('focusin', function (ev) {
    if (!ev.target.classList || !ev.target.classList.contains('atlas-event')) { return; }
    if (Date.now() - pressed < 1000) { return; }
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


class TabStopsInView(MacroElement):
    """Tab reaches the bubbles and markers the map shows, not those outside its view.

    Lone markers far off (New York, Moscow) and their bubbles came first in the page, so
    the first Tab into the map panned it across the world. Each bubble or marker whose
    centre lies outside the view leaves the Tab order (tabindex -1) until the view holds
    it again; the arrow keys still pan the map, and the picker and table list every event.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map) {
  var queued = false, panes = ['markerPane', 'overlayPane', {{ this.selected_pane|tojson }}]
    .map(function (name) { return map.getPane(name); }).filter(Boolean);
  function update() {  // all reads, then all writes: one layout
    queued = false;
    var box = map.getContainer().getBoundingClientRect(), stops = [];
    panes.forEach(function (pane) {
      pane.querySelectorAll('[tabindex]').forEach(function (el) {
        var r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        var inside = r.width > 0 && x >= box.left && x <= box.right && y >= box.top
          && y <= box.bottom;
        stops.push([el, inside ? '0' : '-1']);
      });
    });
    stops.forEach(function (s) {
      if (s[0].getAttribute('tabindex') !== s[1]) { s[0].setAttribute('tabindex', s[1]); } });
  }
  function later() { if (!queued) { queued = true; requestAnimationFrame(update); } }
  var watch = new MutationObserver(later);
  panes.forEach(function (pane) { watch.observe(pane, {childList: true, subtree: true}); });
  map.on('moveend zoomend resize', later);
  later();
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "TabStopsInView"
        self.selected_pane = SELECTED_PANE
