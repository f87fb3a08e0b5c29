/*
 * The map modes' layers (geo/view/choropleth.py): wide areas, density cells, provinces,
 * district seats. Every text reaches the page through textContent, never as HTML. A
 * province or district carries `atlas_area` in its feature's properties: a click on it
 * reaches the server (streamlit-folium reports the clicked feature).
 */
(() => {
  const atlas = window.atlas;
  const tip = atlas.tip;
  const n = atlas.count;

  // Markers mode's box on the map: how many shown events have no point, and each area
  // with its count (a click frames the area). Folded on a narrow map. Shown while the
  // areas are: a rerun's new layers bring a new box, the old one leaves with its layer.
  function noPointBox(group, d, shapes) {
    const control = L.control({position: 'bottomright'});
    control.onAdd = (map) => {
      const box = L.DomUtil.create('details', 'atlas-no-point-box');
      const total = d.areas.reduce((sum, a) => sum + a.events, 0);
      L.DomUtil.create('summary', '', box).textContent = `${n(total, 'event')} with no point`;
      d.areas.forEach((a, i) => {
        const row = L.DomUtil.create('button', 'atlas-no-point-row', box);
        row.type = 'button';
        row.textContent = `${n(a.events, 'event')} ${a.words}`;
        row.title = 'Placed only in this area: show all of it';
        row.addEventListener('click', () => map.fitBounds(shapes[i].getBounds()));
      });
      box.open = map.getSize().x >= 600;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    // Added with the group, to the map its onAdd is given (Leaflet's public layer API).
    const onAdd = group.onAdd;
    group.onAdd = function (map) {
      onAdd.call(this, map);
      control.addTo(map);
    };
    group.on('remove', () => control.remove());
  }

  // data: {areas: [{geometry, cls, events, killed, words}], colours, outline, edge (the
  // areas' colour: geo/view/style.py NO_POINT_COLOUR)}. With
  // `outline` (Markers mode) each area is a dashed outline with a faint fill, whatever its
  // count: the events in it have no point, and none is drawn for them.
  atlas.kinds.wideAreas = (_parent, d) => {
    const group = L.featureGroup();
    const shapes = [];
    for (const a of d.areas) {
      const shape = L.geoJSON(a.geometry, {
        interactive: true,
        style: {
          color: d.edge,
          weight: d.outline ? 2 : 1.5,
          dashArray: d.outline ? '8 5' : '6 4',
          fillColor: d.outline ? d.edge : d.colours[a.cls],
          fillOpacity: d.outline ? 0.04 : 0.35,
          className: d.outline ? 'atlas-wide-area atlas-wide-outline' : 'atlas-wide-area',
        },
      });
      const lines = [
        `${n(a.events, 'event')} placed only ${a.words}`,
        `${a.killed.toLocaleString('en')} killed`,
        'No point: listed in the feed, drawn as this area',
      ];
      shape.bindTooltip(tip(lines), {sticky: true});
      // The area's path names its events, as a bubble's count does: for screen readers
      // (and for the tests, which count every event the map accounts for).
      shape.eachLayer((layer) =>
        layer.on('add', () => {
          const el = layer.getElement();
          el.setAttribute('data-events', String(a.events));
          el.setAttribute('aria-label', lines[0]);
        }),
      );
      shape.addTo(group);
      shapes.push(shape);
    }
    if (d.outline && d.areas.length) {
      noPointBox(group, d, shapes);
    }
    return group;
  };

  // data: {cells: [[south, west, north, east, events, killed, class], ...], colours, km}.
  atlas.kinds.densityCells = (_parent, d) => {
    const group = L.featureGroup();
    for (const c of d.cells) {
      const r = L.rectangle(
        [
          [c[0], c[1]],
          [c[2], c[3]],
        ],
        {
          stroke: c[6] < 0,
          color: '#999',
          weight: 1,
          fillColor: c[6] >= 0 ? d.colours[c[6]] : '#fff',
          fillOpacity: c[6] >= 0 ? 0.75 : 0.3,
          className: 'atlas-density-cell',
          interactive: true,
        },
      );
      const lines = [
        n(c[4], 'event'),
        `${c[5].toLocaleString('en')} killed`,
        `in a cell of about ${d.km} km`,
      ];
      r.bindTooltip(tip(lines), {sticky: true});
      r.addTo(group);
    }
    return group;
  };

  // data: {features (GeoJSON, properties: atlas_area, cls, events, killed), colours, empty}.
  atlas.kinds.provinces = (_parent, d) =>
    L.geoJSON(d.features, {
      style: (f) => {
        const c = f.properties.cls;
        return {
          color: '#555',
          weight: 1,
          fillColor: c >= 0 ? d.colours[c] : d.empty,
          fillOpacity: c >= 0 ? 0.8 : 0.35,
          className: 'atlas-province',
        };
      },
      onEachFeature: (f, layer) => {
        const p = f.properties;
        const lines = [
          p.atlas_area,
          `${n(p.events, 'event')}, ${p.killed.toLocaleString('en')} killed`,
          p.events ? 'Click to filter by this province' : 'No shown events',
        ];
        layer.bindTooltip(tip(lines), {sticky: true});
        if (!p.events) {
          layer.options.interactive = false;
        }
      },
    });

  // data: {rows: [[lat, lon, name, area key, events, killed, class], ...], colours, top,
  // byKilled}.
  atlas.kinds.districts = (_parent, d) => {
    const group = L.featureGroup();
    for (const r of d.rows) {
      const value = d.byKilled ? r[5] : r[4];
      const m = L.circleMarker([r[0], r[1]], {
        radius: 5 + 17 * Math.sqrt(value / d.top),
        color: '#5a1a00',
        weight: 1,
        fillColor: d.colours[r[6]],
        // The towns and the border under the seats' circles stay in sight (at 0.85 the
        // darkest classes buried Kulob, Farkhor and Panj at 100,000 events).
        fillOpacity: 0.6,
        className: 'atlas-district',
      });
      m.feature = {
        type: 'Feature',
        properties: {atlas_area: r[3]},
        geometry: {type: 'Point', coordinates: [r[1], r[0]]},
      };
      const lines = [
        r[2],
        `${n(r[4], 'event')}, ${r[5].toLocaleString('en')} killed`,
        'Drawn at the district seat; click to filter by this district',
      ];
      m.bindTooltip(tip(lines), {sticky: true});
      m.addTo(group);
    }
    return group;
  };
})();
