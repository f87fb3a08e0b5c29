"""The map modes' layers (geo/view/modes.py): wide areas, density cells, provinces,
district seats. Each goes to the browser as compact rows drawn by one small script;
every text reaches the page through `textContent`, never as HTML. A province or district
carries `atlas_area` in its feature's properties: a click on it reaches the server
(streamlit-folium reports the clicked feature) and sets the area filter.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement, Template

from geo.view.modes import EMPTY_FILL, ramp_for

# A tooltip of lines of plain text (the first bold), made with textContent.
_TIP_JS = """
  function tip(lines) {
    return function () {
      var el = document.createElement('div');
      lines.forEach(function (line, i) {
        var row = document.createElement(i === 0 ? 'b' : 'div');
        row.textContent = line; el.appendChild(row);
      });
      return el;
    };
  }
  function n(v, noun) { return v.toLocaleString('en') + ' ' + noun + (v === 1 ? '' : 's'); }
"""

_AREAS = (
    """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
"""
    + _TIP_JS
    + """
  var group = L.featureGroup(), colours = {{ this.colours|tojson }};
  var areas = {{ this.areas|tojson }};
  areas.forEach(function (a) {
    var shape = L.geoJSON(a.geometry, {interactive: true, style: {
      color: '#5a3d00', weight: 1.5, dashArray: '6 4', fillColor: colours[a.cls],
      fillOpacity: 0.35, className: 'atlas-wide-area'}});
    shape.bindTooltip(tip([n(a.events, 'event') + ' placed only ' + a.words,
      a.killed + ' killed', 'Listed in the feed; not drawn as points']), {sticky: true});
    shape.addTo(group);
  });
  return group;
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
)


class WideAreaShapes(MacroElement):
    """Each wide area (a border band, one side, a country) shaded by its events."""

    _template = Template(_AREAS)

    def __init__(self, areas: list[dict[str, Any]], classes: int) -> None:
        super().__init__()
        self._name = "WideAreaShapes"
        self.areas, self.colours = areas, list(ramp_for(classes))


_CELLS = (
    """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
"""
    + _TIP_JS
    + """
  var group = L.featureGroup(), colours = {{ this.colours|tojson }};
  var cells = {{ this.cells|tojson }};
  cells.forEach(function (c) {
    var r = L.rectangle([[c[0], c[1]], [c[2], c[3]]], {
      stroke: c[6] < 0, color: '#999', weight: 1, fillColor: c[6] >= 0 ? colours[c[6]] : '#fff',
      fillOpacity: c[6] >= 0 ? 0.75 : 0.3,
      className: 'atlas-density-cell', interactive: true});
    r.bindTooltip(tip([n(c[4], 'event'), c[5] + ' killed',
      'in a cell of about {{ this.km }} km']), {sticky: true});
    r.addTo(group);
  });
  return group;
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
)


class DensityCells(MacroElement):
    """Events per square cell, coloured by class."""

    _template = Template(_CELLS)

    def __init__(self, cells: list[list[Any]], classes: int, km: float) -> None:
        super().__init__()
        self._name = "DensityCells"
        self.cells, self.colours, self.km = cells, list(ramp_for(classes)), round(km)


_PROVINCES = (
    """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
"""
    + _TIP_JS
    + """
  var colours = {{ this.colours|tojson }}, empty = {{ this.empty|tojson }};
  var provinces = {{ this.features|tojson }};
  return L.geoJSON(provinces, {
    style: function (f) {
      var c = f.properties.cls;
      return {color: '#555', weight: 1, fillColor: c >= 0 ? colours[c] : empty,
              fillOpacity: c >= 0 ? 0.8 : 0.35, className: 'atlas-province'};
    },
    onEachFeature: function (f, layer) {
      var p = f.properties;
      layer.bindTooltip(tip([p.atlas_area, n(p.events, 'event') + ', ' + p.killed +
        ' killed', p.events ? 'Click to filter by this province' : 'No shown events']),
        {sticky: true});
      if (!p.events) { layer.options.interactive = false; }
    }
  });
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
)


class ProvinceFills(MacroElement):
    """Provinces filled by their shown events (or killed)."""

    _template = Template(_PROVINCES)

    def __init__(self, features: list[dict[str, Any]], classes: int) -> None:
        super().__init__()
        self._name = "ProvinceFills"
        self.features, self.colours, self.empty = features, list(ramp_for(classes)), EMPTY_FILL


_DISTRICTS = (
    """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
"""
    + _TIP_JS
    + """
  var group = L.featureGroup(), colours = {{ this.colours|tojson }};
  var top = {{ this.top|tojson }};
  var districts = {{ this.rows|tojson }};
  districts.forEach(function (d) {
    var value = {{ this.by_killed|tojson }} ? d[5] : d[4];
    var m = L.circleMarker([d[0], d[1]], {
      radius: 5 + 17 * Math.sqrt(value / top), color: '#5a1a00', weight: 1,
      fillColor: colours[d[6]], fillOpacity: 0.85, className: 'atlas-district'});
    m.feature = {type: 'Feature', properties: {atlas_area: d[3]},
                 geometry: {type: 'Point', coordinates: [d[1], d[0]]}};
    m.bindTooltip(tip([d[2], n(d[4], 'event') + ', ' + d[5] + ' killed',
      'Drawn at the district seat; click to filter by this district']), {sticky: true});
    m.addTo(group);
  });
  return group;
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
)


class DistrictCircles(MacroElement):
    """Districts as circles at their seats, sized and coloured by their shown events."""

    _template = Template(_DISTRICTS)

    def __init__(self, rows: list[list[Any]], classes: int, by_killed: bool) -> None:
        super().__init__()
        self._name = "DistrictCircles"
        self.rows, self.colours, self.by_killed = rows, list(ramp_for(classes)), by_killed
        values = [r[5] if by_killed else r[4] for r in rows]
        self.top = max(values, default=1) or 1
