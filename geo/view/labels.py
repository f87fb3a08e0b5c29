"""Place names on the map (countries, towns, the river) as one element, not one each.

One folium Marker + DivIcon per label costs two Jinja templates compiled on every rerun;
this draws them all from one JSON list. Labels take no clicks and no Tab stops.

Town names come in tiers (`town_label_tiers`): the cities at every zoom, the main border
towns from the default zoom, every other town only once zoomed in, so the default view
names the places events are reported from without burying the markers in text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from branca.element import MacroElement, Template

from geo.view.html import Html, tag
from geo.vocab import Place

# [lat, lon, html, anchor x, anchor y]: html is already escaped (geo.view.html), and
# `tojson` keeps it a string inside the script.
Label = tuple[float, float, Html, int, int]

# A pane for town names: above the country fills and the border line (overlayPane, 400),
# under cluster bubbles (markerPane, 600) and the selected event (650), so a name never
# hides a bubble's count.
TOWN_PANE = "atlasTowns"
TOWN_PANE_Z = 450

# Town tiers: from which zoom each is named. The default view is zoom 6.
MAIN_TOWN_ZOOM = 6
OTHER_TOWN_ZOOM = 8
# Main towns along the border, named from the default zoom: district seats events are
# reported from and the provinces' capitals, both banks. Far enough apart at zoom 6
# (about 45 px a degree) for their names not to overlap (Taloqan would touch Kunduz,
# Qalai Khumb the bubble of border-wide events); the rest wait for zoom 8.
MAIN_TOWNS = (
    "kulob",
    "panj",
    "farkhor",
    "ishkoshim-tjk",
    "murghob",
    "fayzabad",
    "kunduz",
    "mazar-i-sharif",
)


# Town names sit under the cluster bubbles (so a bubble's count is never hidden), and a
# bubble on a town would cut its name ("shanbe"). After every redraw of the markers or
# the names, a name whose box meets a bubble moves right, just clear of it, and its dot
# (under the bubble anyway) is hidden: the name stays whole and beside its town.
# Installed once per map, with the town pane; `pane` is that pane.
_CLEAR_OF_BUBBLES = (
    " var queued = false;"
    # All reads, then all writes: a read after each write would lay the page out again
    # for every name.
    " function clear() {"
    "  queued = false;"
    "  var names = [].slice.call(pane.querySelectorAll('.atlas-town'));"
    "  var bubbles = [].map.call(map.getPane('markerPane')"
    "   .querySelectorAll('.atlas-cluster-icon'), function (b) {"
    "   return b.getBoundingClientRect(); });"
    # Each name's own place is its box less the shift it has now (a hidden name still
    # has a box), so nothing is reset first: only a name whose place changes is written,
    # and a view that needs no change changes nothing on the page.
    "  var boxes = [], shifts = names.map(function (name) {"
    "   var now = parseFloat(name.style.marginLeft) || 0, r = name.getBoundingClientRect();"
    "   var left = r.left - now, right = null;"
    "   bubbles.forEach(function (b) {"
    "    if (left < b.right && r.right - now > b.left && r.top < b.bottom && r.bottom > b.top) {"
    "     right = Math.max(right === null ? b.right : right, b.right); } });"
    "   var shift = right === null ? 0 : Math.ceil(right + 2 - left);"
    "   var box = {left: left + shift, right: r.right - now + shift, top: r.top,"
    "    bottom: r.bottom, shown: r.width > 0};"
    # Moved right into the next bubble (dense bubbles side by side): no room, hidden.
    "   if (shift && bubbles.some(function (b) { return box.left < b.right"
    "    && box.right > b.left && box.top < b.bottom && box.bottom > b.top; })) {"
    "    box.shown = false; box.hidden = true; }"
    "   boxes.push(box);"
    "   return shift; });"
    # A name that would cover one drawn before it (cities, then main towns, then the
    # rest: the pane's order) is hidden until the view gives it room.
    "  boxes.forEach(function (r, i) {"
    "   for (var j = 0; j < i && r.shown; j++) { var o = boxes[j];"
    "    if (o.shown && r.left < o.right && r.right > o.left && r.top < o.bottom"
    "     && r.bottom > o.top) { r.shown = false; r.hidden = true; } } });"
    "  names.forEach(function (name, i) {"
    "   var hide = boxes[i].hidden ? 'hidden' : '', margin = shifts[i] ? shifts[i] + 'px' : '';"
    "   if (name.style.visibility !== hide) { name.style.visibility = hide; }"
    "   if (name.style.marginLeft !== margin) { name.style.marginLeft = margin;"
    "    name.classList.toggle('atlas-pushed', !!shifts[i]); } });"
    " }"
    " function later() { if (!queued) { queued = true; requestAnimationFrame(clear); } }"
    " var watch = new MutationObserver(later);"
    " watch.observe(map.getPane('markerPane'), {childList: true});"
    " watch.observe(pane, {childList: true});"
    # markercluster animates bubbles into place for about 250 ms after a zoom.
    " map.on('zoomend moveend', function () { later(); setTimeout(later, 400); });"
)


class Labels(MacroElement):
    """Non-interactive text labels at fixed points.

    `min_zoom` shows them only from that zoom on (0: always); `pane` draws them in a
    pane of their own (created once, at z-index `pane_z`), else with the markers.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (map) {"
        "var target = map;"
        # Labels are marker icons: without this, markercluster's animation (a transition
        # on every icon under .leaflet-cluster-anim) slides them in after each new view.
        "if (!document.getElementById('atlas-label-css')) {"
        " var css = document.createElement('style'); css.id = 'atlas-label-css';"
        " css.textContent = '.leaflet-cluster-anim .atlas-label{transition:none}';"
        " document.head.appendChild(css); }"
        "{% if this.pane %}"
        "if (!map.getPane({{ this.pane|tojson }})) {"
        " var pane = map.createPane({{ this.pane|tojson }});"
        " pane.style.zIndex = {{ this.pane_z }}; pane.style.pointerEvents = 'none';"
        + _CLEAR_OF_BUBBLES
        + " }"
        "{% endif %}"
        "{% if this.min_zoom %}target = L.layerGroup();{% endif %}"
        "{{ this.items|tojson }}.forEach(function (l) {"
        "L.marker([l[0], l[1]], {interactive: false, keyboard: false,"
        "{% if this.pane %} pane: {{ this.pane|tojson }},{% endif %}"
        " icon: L.divIcon({html: l[2], className: 'atlas-label', iconSize: null,"
        " iconAnchor: [l[3], l[4]]})}).addTo(target);"
        "});"
        "{% if this.min_zoom %}"
        "function show() {"
        " if (map.getZoom() >= {{ this.min_zoom }}) { target.addTo(map); }"
        " else { target.remove(); } }"
        "map.on('zoomend', show); show();"
        "{% endif %}"
        "})({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(
        self, items: list[Label], min_zoom: int = 0, pane: str | None = None, pane_z: int = 450
    ) -> None:
        super().__init__()
        self._name = "Labels"
        self.items: list[list[Any]] = [[lat, lon, str(h), ax, ay] for lat, lon, h, ax, ay in items]
        self.min_zoom, self.pane, self.pane_z = int(min_zoom), pane, int(pane_z)


def short_name(place: Place) -> str:
    """The English name without notes: 'Bokhtar (formerly Kurgan-Tyube), Khatlon' → 'Bokhtar'."""
    name = place.names.get("en") or place.id
    return name.split(" (", 1)[0].split(",", 1)[0].strip() or name


def town_label(place: Place) -> Label:
    # The anchor puts the name's dot (5 px and a 3 px gap) on the town's point.
    return (place.lat, place.lon, tag("div", short_name(place), class_="atlas-town"), 3, 7)


def town_label_tiers(places: Iterable[Place]) -> list[tuple[int, list[Label]]]:
    """(min zoom, labels) for the gazetteer's cities, main towns and other towns."""
    cities: list[Label] = []
    main: list[Label] = []
    other: list[Label] = []
    for place in places:
        if place.kind == "city":
            cities.append(town_label(place))
        elif place.kind == "town":
            (main if place.id in MAIN_TOWNS else other).append(town_label(place))
    return [(0, cities), (MAIN_TOWN_ZOOM, main), (OTHER_TOWN_ZOOM, other)]


def town_labels(places: Iterable[Place]) -> list[Labels]:
    """One Labels element per tier, each shown from its zoom, under the markers."""
    return [
        Labels(items, min_zoom=zoom, pane=TOWN_PANE, pane_z=TOWN_PANE_Z)
        for zoom, items in town_label_tiers(places)
        if items
    ]
