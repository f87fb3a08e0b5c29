/*
 * Event markers: one Leaflet.markercluster group (geo/view/markers.py sends the data).
 *
 * Nearby events merge into a bubble with a count, coloured by the event types it holds;
 * clicking a bubble zooms in. A bubble no zoom can split (its events closer than `radius`
 * pixels at the deepest zoom: one shared point, or any bubble at that zoom) fans out up to
 * `fanMax` events and opens a list of more (pile.js). Each marker is a CircleMarker at the
 * event's true position carrying `feature.properties.id`, so streamlit-folium reports
 * which event was clicked (`last_active_drawing`).
 *
 * data: {rows: [[lat, lon, id, type index, hollow (1/0), outline index, tooltip html,
 * plain title, date, toll, status, newest-first rank], ...], types, colours {type:
 * colour}, other, outlines, selected (id or null), pane (the base map's pane for the
 * selection), radius (cluster, px), markerRadius (px), reportHook (the name of
 * clicks.js's reporter on window), fanMax, maxZoom, pageSize}.
 * The tooltip html was escaped on the server (geo/view/html.py).
 */
(() => {
  const atlas = window.atlas;

  function clusterIcon(d, mapOf) {
    return (cluster) => {
      const counts = {};
      let total = 0;
      for (const m of cluster.getAllChildMarkers()) {
        counts[m.options.atlasType] = (counts[m.options.atlasType] || 0) + 1;
        total += 1;
      }
      // Its name for the keyboard and screen readers (Leaflet sets `title` on the
      // focusable icon after this returns).
      const list = total > d.fanMax && unsplittable(mapOf(), cluster, d);
      cluster.options.title = atlas.bubbleTitle(
        counts,
        total,
        list ? 'Enter lists its events' : 'Enter zooms in, or fans out events at one place',
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

  // No zoom splits the bubble: its events' extent at the deepest zoom is under the
  // cluster radius, or the map is at that zoom already.
  function unsplittable(map, cluster, d) {
    if (!map) {
      return false;
    }
    if (map.getZoom() >= d.maxZoom) {
      return true;
    }
    const b = cluster.getBounds();
    const sw = map.project(b.getSouthWest(), d.maxZoom);
    const ne = map.project(b.getNorthEast(), d.maxZoom);
    return Math.abs(ne.x - sw.x) < d.radius && Math.abs(ne.y - sw.y) < d.radius;
  }

  // A bubble clicked, or Enter pressed on it: zoom in; or, when no zoom splits it, fan
  // out a few events and list more.
  function onBubble(e, group, d) {
    const key = e.originalEvent && (e.originalEvent.key || e.originalEvent.keyCode);
    if (e.type === 'clusterkeypress' && key !== 'Enter' && key !== 13) {
      return;
    }
    const cluster = e.layer;
    const map = atlas.mapOf(group);
    if (!unsplittable(map, cluster, d)) {
      cluster.zoomToBounds();
    } else if (cluster.getChildCount() <= d.fanMax) {
      cluster.spiderfy();
    } else {
      const b = cluster.getBounds();
      const box = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
      atlas.pile.open(map, listed(box, group, d), true);
      return;
    }
    if (e.type === 'clusterkeypress') {
      map.getContainer().focus({preventScroll: true});
    }
  }

  function inBox(rows, box) {
    return rows.filter((r) => r[0] >= box[0] && r[0] <= box[2] && r[1] >= box[1] && r[1] <= box[3]);
  }

  // A pile's list from the rows this map holds (pile.js): its pages are made here.
  function listed(box, group, d) {
    const rows = inBox(d.rows, box).sort((a, b) => a[11] - b[11]);
    const centre = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
    const colours = d.colours;
    return {
      box,
      count: rows.length,
      owner: group,
      page: (offset) => {
        const last = Math.max(0, Math.floor((rows.length - 1) / d.pageSize) * d.pageSize);
        const at = Math.max(0, Math.min(offset, last));
        return {
          box,
          total: rows.length,
          offset: at,
          size: d.pageSize,
          rows: rows
            .slice(at, at + d.pageSize)
            .map((r) => [r[2], r[8], d.types[r[3]], r[9], r[10], r[7]]),
          selected: d.selected,
          colours,
          other: d.other,
        };
      },
      ask: () => null,
      choose: (id) => atlas.sendFeature(group, centre, {id}, d.reportHook),
    };
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
      // A bubble's click is decided below (zoom in, fan out or list), not by the plugin.
      spiderfyOnMaxZoom: false,
      spiderfyDistanceMultiplier: 1.4,
      zoomToBoundsOnClick: false,
      iconCreateFunction: clusterIcon(d, () => atlas.mapOf(group)),
    });
    group.on('clusterclick clusterkeypress', (e) => onBubble(e, group, d));
    // Drawn anew (a rerun, after a selection from the list): an open pile's list too.
    group.on('add', () => {
      const box = window.atlasPile?.key.split(',').map(Number);
      if (box && box.length === 4 && inBox(d.rows, box).length) {
        atlas.pile.show(atlas.mapOf(group), listed(box, group, d), false);
      }
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
