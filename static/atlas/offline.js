/*
 * The one-file offline copy's map (geo/view/offline.py inlines this file after Leaflet).
 * Its data is the page's `<script type="application/json" id="atlas-data">`: boundaries,
 * border, the areas of the events with no point, markers by layer, town names, the opening
 * view. Those areas are drawn by the page's own `atlas.kinds.wideAreas` (modes.js, inlined
 * before this file, as is atlas.js): dashed outlines and the box counting them. Every text
 * from data is set as a text node, except the layer titles, escaped on the server.
 */
(() => {
  const data = JSON.parse(document.getElementById('atlas-data').textContent);
  const map = L.map('map', {preferCanvas: false, maxZoom: 18}).setView(data.center, data.zoom);

  function outlines() {
    if (data.boundaries) {
      L.geoJSON(data.boundaries, {
        interactive: false,
        style: (f) => {
          const iso = f.properties?.iso_a3;
          const focus = iso === 'TJK' || iso === 'AFG';
          return {
            color: '#7a7a7a',
            weight: 1,
            fillColor: focus ? '#f3efe4' : '#e4e4e4',
            fillOpacity: 1,
          };
        },
      }).addTo(map);
    }
    if (data.border) {
      L.geoJSON(data.border, {
        interactive: false,
        style: {color: '#b30000', weight: 3.5, opacity: 0.85},
      }).addTo(map);
    }
  }

  function show(id) {
    for (const panel of document.querySelectorAll('.atlas-offline-panel')) {
      panel.hidden = panel.id !== `panel-${id}`;
    }
    document.getElementById('hint').hidden = true;
    const open = document.getElementById(`panel-${id}`);
    if (open) {
      open.scrollIntoView({block: 'nearest'});
    }
  }

  function marker(m, layer, group) {
    if (m.circle_m) {
      L.circle(m.at, {
        radius: m.circle_m,
        weight: 1,
        opacity: 0.4,
        color: m.colour,
        fillColor: m.colour,
        fillOpacity: 0.06,
        interactive: false,
      }).addTo(group);
    }
    if (m.at[0] !== m.lat || m.at[1] !== m.lon) {
      L.polyline([m.at, [m.lat, m.lon]], {
        color: '#444',
        weight: 1,
        opacity: 0.6,
        interactive: false,
      }).addTo(group);
    }
    const dot = L.circleMarker([m.lat, m.lon], {
      radius: 7,
      weight: 2,
      color: layer.outline,
      fill: true,
      fillColor: m.colour,
      fillOpacity: m.hollow ? 0.15 : 0.9,
      dashArray: m.hollow ? '4 3' : null,
      className: `atlas-event atlas-event-${m.id}`,
    });
    const tip = document.createElement('div');
    tip.textContent = m.tooltip; // text, never HTML
    dot.bindTooltip(tip);
    dot.on('click', () => show(m.id));
    dot.addTo(group);
  }

  function towns() {
    for (const t of data.towns || []) {
      const name = document.createElement('span');
      name.textContent = t[2]; // a text node, never HTML
      L.circleMarker([t[0], t[1]], {
        radius: 2,
        weight: 1,
        color: '#333',
        fillOpacity: 1,
        interactive: false,
      })
        .bindTooltip(name, {
          permanent: true,
          direction: 'right',
          className: 'atlas-town',
          offset: [4, 0],
        })
        .addTo(map);
    }
  }

  outlines();
  if (data.wide) {
    // Under the markers, as on the page (the map's Markers mode draws them first).
    window.atlas.kinds.wideAreas(map, data.wide).addTo(map);
  }
  const overlays = {};
  for (const layer of data.layers) {
    const group = L.layerGroup().addTo(map);
    overlays[`${layer.title_html} (${layer.markers.length})`] = group; // escaped
    for (const m of layer.markers) {
      marker(m, layer, group);
    }
  }
  towns();
  L.control.layers(null, overlays, {collapsed: true}).addTo(map);
  L.control.scale().addTo(map);
  document.addEventListener('click', (e) => {
    const link = e.target.closest?.('[data-show]');
    if (link) {
      e.preventDefault();
      show(link.getAttribute('data-show'));
    }
  });
})();
