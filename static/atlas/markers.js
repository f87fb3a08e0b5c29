/*
 * Event markers: one Leaflet.markercluster group (geo/view/markers.py sends the data).
 *
 * Nearby events merge into a bubble with a count, coloured by the event types it holds;
 * clicking a bubble zooms in, and events that share one point fan out (spiderfy). Each
 * marker is a CircleMarker at the event's true position carrying `feature.properties.id`,
 * so streamlit-folium reports which event was clicked (`last_active_drawing`).
 *
 * data: {rows: [[lat, lon, id, type index, hollow (1/0), outline index, tooltip html,
 * plain title], ...], types, colours {type: colour}, other, outlines, selected (id or
 * null), pane (the base map's pane for the selection), radius (cluster, px),
 * markerRadius (px), reportHook (the name of clicks.js's reporter on window)}.
 * The tooltip html was escaped on the server (geo/view/html.py).
 */
(() => {
  const atlas = window.atlas;

  function clusterIcon(d) {
    return (cluster) => {
      const counts = {};
      let total = 0;
      for (const m of cluster.getAllChildMarkers()) {
        counts[m.options.atlasType] = (counts[m.options.atlasType] || 0) + 1;
        total += 1;
      }
      // Its name for the keyboard and screen readers (Leaflet sets `title` on the
      // focusable icon after this returns).
      cluster.options.title = atlas.bubbleTitle(
        counts,
        total,
        'Enter zooms in, or fans out events at one place',
      );
      const size = total < 10 ? 30 : total < 100 ? 36 : 44;
      return atlas.bubbleIcon(counts, total, size, d.colours, d.other);
    };
  }

  // Keyboard: each drawn marker is a Tab stop; Enter or Space selects it like a click.
  function keyboard(m, r, d) {
    const el = m.getElement();
    if (!el || el.hasAttribute('tabindex')) {
      return;
    }
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', r[7]);
    if (window.atlasRefocus === r[2] && r[2] === d.selected) {
      window.atlasRefocus = null;
      el.focus({preventScroll: true});
    }
    el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        // The rerun draws the markers anew: focus goes back to this event's marker.
        window.atlasRefocus = r[2];
        ev.preventDefault();
        m.fire('click', {latlng: m.getLatLng()}, true);
        const report = window[d.reportHook]; // clicks.js
        if (report) {
          report();
        }
      }
    });
  }

  function marker(r, d, top) {
    const type = d.types[r[3]];
    const hollow = r[4] === 1;
    const m = L.circleMarker([r[0], r[1]], {
      radius: d.markerRadius,
      weight: 2,
      color: d.outlines[r[5]],
      fillColor: d.colours[type] || d.other,
      fillOpacity: hollow ? 0.15 : 0.9,
      dashArray: hollow ? '4 3' : null,
      className: 'atlas-event',
      atlasType: type,
      pane: r[2] === d.selected ? top : 'overlayPane',
    });
    m.feature = {
      type: 'Feature',
      properties: {id: r[2]},
      geometry: {type: 'Point', coordinates: [r[1], r[0]]},
    };
    m.bindTooltip(r[6], {sticky: false});
    m.on('add', () => keyboard(m, r, d));
    return m;
  }

  atlas.kinds.markers = (parent, d) => {
    // The base map's pane above the cluster bubbles, for the selected event (SVG paths
    // would sit under the bubbles' icons). `window.map` is streamlit-folium's map.
    const top = window.map?.getPane(d.pane) ? d.pane : 'overlayPane';
    const group = L.markerClusterGroup({
      // Few events: draw them all, also those outside the view (Moscow, Doha); many:
      // only what is in view, to keep the page light.
      removeOutsideVisibleBounds: d.rows.length > 5000,
      maxClusterRadius: d.radius,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      spiderfyDistanceMultiplier: 1.4,
      zoomToBoundsOnClick: true,
      iconCreateFunction: clusterIcon(d),
    });
    let selected = null;
    for (const r of d.rows) {
      const m = marker(r, d, top);
      // The selected event stays out of the bubbles: always drawn, on top, where it is.
      if (r[2] === d.selected) {
        selected = m;
      } else {
        group.addLayer(m);
      }
    }
    if (selected) {
      selected.addTo(parent);
    }
    return group;
  };
})();
