/*
 * A click's value sent to Streamlit at once (geo/view/clicks.py).
 *
 * streamlit-folium (0.27.4) debounces what it sends by 250 ms; a marker click should
 * rerun the app now. `current` rebuilds the value the library's updateComponentValue
 * would send (same keys, same filtering by returned_objects) from its public state,
 * window.__GLOBAL_DATA__, and `report` posts it to Streamlit the way its component
 * library does (a 'streamlit:setComponentValue' message). The library's own send, 250 ms
 * later, then finds the same previous_data and sends nothing: one click, one message.
 * What upstream would need instead: README, "Library workarounds".
 *
 * data: {hook (the reporter's name on window, also called by markers.js's keyboard),
 * token (the key of the token each click sent at once carries)}.
 */
(() => {
  const KEYS = [
    'last_clicked',
    'last_object_clicked',
    'last_object_clicked_count',
    'last_object_clicked_tooltip',
    'last_object_clicked_popup',
    'all_drawings',
    'last_active_drawing',
    'last_geocoder_result',
    'bounds',
    'zoom',
    'last_circle_radius',
    'last_circle_polygon',
    'center',
    'selected_layers',
    'selected_tags',
  ];

  // What streamlit-folium's updateComponentValue would send.
  function current(map, g) {
    const wrap = (v) => (v && g.wrap_longitude ? map.wrapLatLng(v) : v);
    const bounds = map.getBounds();
    const all = {
      last_clicked: wrap(g.lat_lng_clicked),
      last_object_clicked: wrap(g.last_object_clicked),
      last_object_clicked_count: g.last_object_clicked_count,
      last_object_clicked_tooltip: g.last_object_clicked_tooltip,
      last_object_clicked_popup: g.last_object_clicked_popup,
      all_drawings: g.all_drawings,
      last_active_drawing: g.last_active_drawing,
      last_geocoder_result: g.last_geocoder_result,
      bounds: bounds && g.wrap_longitude ? map.wrapLatLngBounds(bounds) : bounds,
      zoom: map.getZoom(),
      last_circle_radius: g.last_circle_radius,
      last_circle_polygon: g.last_circle_polygon,
      center: wrap(map.getCenter()),
      selected_layers: Object.values(g.selected_layers || {}),
      selected_tags: g.selected_tags,
    };
    if (!g.returned_objects) {
      return all;
    }
    const value = {};
    for (const k of KEYS) {
      if (g.returned_objects.indexOf(k) !== -1) {
        value[k] = all[k];
      }
    }
    return value;
  }

  function report(map, token) {
    const g = window.__GLOBAL_DATA__;
    if (!g || !window.parent || window.parent === window) {
      return;
    }
    const value = current(map, g);
    if (JSON.stringify(g.previous_data) === JSON.stringify(value)) {
      return;
    }
    // A marker clicked (its count moved on), not the map's background after a pan.
    const counted = g.previous_data?.last_object_clicked_count !== value.last_object_clicked_count;
    g.previous_data = value;
    // Sent with a token of its own (kept out of previous_data, which the library compares
    // with): a map made anew counts clicks from 0 again, and its first click could
    // otherwise repeat the last value the server saw and be taken for no click at all.
    const sent = JSON.parse(JSON.stringify(value));
    if (counted) {
      sent[token] = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    }
    window.parent.postMessage(
      {
        isStreamlitMessage: true,
        type: 'streamlit:setComponentValue',
        value: sent,
        dataType: 'json',
        atlasAtOnce: true,
      },
      '*',
    );
  }

  window.atlas.kinds.reportClicksAtOnce = (map, d) => {
    // The map's first view is the one the server drew it for: without this, the library's
    // first report (its default click count, None, is not the 0 it counts from) reran the
    // whole app right after every page load. Big layers still report it: the server needs
    // the view's bounds to send single markers where the view holds few events.
    const first = window.__GLOBAL_DATA__;
    if (first && (first.returned_objects || []).indexOf('bounds') === -1) {
      first.previous_data = current(map, first);
    }
    // After the click's other handlers (streamlit-folium's among them) have run.
    window[d.hook] = () => {
      setTimeout(() => report(map, d.token), 0);
    };
    map.on('click', window[d.hook]);
    // A click's mousedown focuses the map (Leaflet's keyboard handler calls focus()), and
    // focusing scrolls the page to show the whole map: with the map's foot below the fold,
    // the page moved between the mousedown and the mouseup and the click was lost (the
    // first click on a marker at 1280x720 under a three-line head). Focused here first,
    // without scrolling, the map is already focused when Leaflet's handler looks.
    const box = map.getContainer();
    box.addEventListener(
      'mousedown',
      () => {
        if (document.activeElement !== box) {
          box.focus({preventScroll: true});
        }
      },
      true,
    );
    return null;
  };
})();
