"""Place names on the map (countries, towns, the river) as one element, not one each.

One folium Marker + DivIcon per label costs two Jinja templates compiled on every rerun;
this draws them all from one JSON list. Labels take no clicks and no Tab stops.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement, Template

from geo.view.html import Html

# [lat, lon, html, anchor x, anchor y]: html is already escaped (geo.view.html), and
# `tojson` keeps it a string inside the script.
Label = tuple[float, float, Html, int, int]


class Labels(MacroElement):
    """Non-interactive text labels at fixed points."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this.items|tojson }}.forEach(function (l) {"
        "L.marker([l[0], l[1]], {interactive: false, keyboard: false,"
        " icon: L.divIcon({html: l[2], className: 'atlas-label', iconSize: null,"
        " iconAnchor: [l[3], l[4]]})}).addTo({{ this._parent.get_name() }});"
        "});"
        "{% endmacro %}"
    )

    def __init__(self, items: list[Label]) -> None:
        super().__init__()
        self._name = "Labels"
        self.items: list[list[Any]] = [[lat, lon, str(h), ax, ay] for lat, lon, h, ax, ay in items]
