"""Uncertainty circles: one compact list of rows, drawn by one small script.

A folium GeoJson with a style function writes a `case` per feature into its styler (600
circles: about 90 ms of Jinja a rerun and a switch the browser parses each time); here
each circle is `[lat, lon, colour index, radius in metres]`. Circles take no clicks.
They use the map's own renderer (SVG, or one canvas for big layers), the markers' too:
drawn first, they stay under the markers. (A canvas of their own would sit over the
markers' renderer and catch their clicks.)

Above FILL_MAX circles (an imported dataset's 25–150 km circles, hundreds of them) they are
drawn as outlines only: their faint fills added up to an opaque wash over the towns and
the border.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from branca.element import MacroElement, Template

from geo.view.style import colour_of

FILL_MAX = 40  # more circles than this: outlines only

_SCRIPT = """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var rows = {{ this.rows|tojson }}, colours = {{ this.colours|tojson }};
  var group = L.layerGroup();
  rows.forEach(function (r) {
    L.circle([r[0], r[1]], {
      radius: r[3], color: colours[r[2]], fillColor: colours[r[2]], weight: 1,
      opacity: 0.4, fill: {{ this.fill|tojson }}, fillOpacity: 0.06, interactive: false
    }).addTo(group);
  });
  return group;
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""


class UncertaintyCircles(MacroElement):
    """The circles around events placed only within some distance."""

    _template = Template(_SCRIPT)

    def __init__(self, rows: list[list[Any]], colours: list[str]) -> None:
        super().__init__()
        self._name = "UncertaintyCircles"
        self.rows, self.colours = rows, colours
        self.fill = len(rows) <= FILL_MAX


def uncertainty_circles(frame: pd.DataFrame) -> UncertaintyCircles | None:
    """One circle per place and radius among the events with a circular uncertainty."""
    circles = frame[frame["area_shape"] == "circle"].drop_duplicates(
        ["lon", "lat", "area_radius_km"]
    )
    if circles.empty:
        return None
    colours: list[str] = []
    rows = []
    for lon, lat, kind, km in zip(
        circles["lon"],
        circles["lat"],
        circles["event_type"],
        circles["area_radius_km"],
        strict=True,
    ):
        colour = colour_of(kind)
        if colour not in colours:
            colours.append(colour)
        rows.append(
            [round(float(lat), 5), round(float(lon), 5), colours.index(colour), float(km) * 1000]
        )
    return UncertaintyCircles(rows, colours)
