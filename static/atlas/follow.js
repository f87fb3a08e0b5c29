/*
 * Map scripts that follow the user (geo/view/follow.py): the selected event kept in
 * sight, a focused marker panned into view, Tab stops only on what the view shows; the
 * map fitted to what is shown (geo/view/fit.py).
 */
(() => {
  const atlas = window.atlas;

  // [top, bottom] of the map's band nothing covers, in map pixels; null if nothing does.
  // Found by asking the page what is drawn over the map's middle column.
  function uncovered(frame, doc) {
    const r = frame.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const top = Math.max(0, -r.top);
    const bottom = Math.min(r.height, doc.documentElement.clientHeight - r.top);
    for (let y = top + 4; y < bottom; y += 8) {
      if (doc.elementFromPoint(x, r.top + y) !== frame) {
        return [top, y - 4];
      }
    }
    return null;
  }

  // Chosen from below the map (the feed, the table) on a phone: bring the map back into
  // view, so the sheet opens over it in full instead of stepping aside for a page
  // scrolled far down (it slides away as the reader scrolls down: see app.PAGE_CSS).
  function scrollMapIntoView(frame, doc) {
    if (doc.documentElement.clientWidth > 640 || frame.getBoundingClientRect().top >= -40) {
      return;
    }
    scroller(frame, doc).scrollTo({top: 0});
  }

  // The page's scrolling box that holds the map, whichever it is.
  function scroller(frame, doc) {
    let pane = frame.parentElement;
    while (
      pane &&
      !(
        pane.scrollHeight > pane.clientHeight &&
        /(auto|scroll)/.test(getComputedStyle(pane).overflowY)
      )
    ) {
      pane = pane.parentElement;
    }
    return pane || doc.scrollingElement;
  }

  // Play pressed: the map scrolled wholly into view between the page's header and the
  // playback bar, which stays at the screen's foot while playing (app.PAGE_CSS), so the
  // moving map and Pause are seen together. Once per press: the reader may scroll after.
  atlas.kinds.playInView = (_parent, d) => {
    const frame = window.frameElement;
    window.atlasPlayed = window.atlasPlayed || new Set();
    if (!frame || window.atlasPlayed.has(d.token)) {
      return null;
    }
    window.atlasPlayed.add(d.token);
    const doc = frame.ownerDocument;
    const header = doc.querySelector('[data-testid="stHeader"]');
    const bar = doc.querySelector(d.bar);
    // A phone's event sheet open: the bar is fixed under it (app.PAGE_CSS) and the page
    // stays put; a scroll here would leave the sheet half slid away, its title cut.
    if (bar?.parentElement && getComputedStyle(bar.parentElement).position === 'fixed') {
      return null;
    }
    const top = header ? header.getBoundingClientRect().bottom : 0;
    // (the bar drawn before this press, folded or not; not drawn yet: room for one)
    const barHeight = bar ? bar.getBoundingClientRect().height : 100;
    const foot = doc.documentElement.clientHeight - barHeight;
    const r = frame.getBoundingClientRect();
    if (r.top < top || r.bottom > foot) {
      scroller(frame, doc).scrollBy({top: r.top - top - 4});
    }
    return null;
  };

  // Keeps the selected event on the part of the map nothing covers (a phone's sheet over
  // its lower part): once the view has settled, the map pans the event into the band
  // above. The sheet may be drawn a moment after the map, so the page is watched for a
  // few seconds (until the user moves the map).
  atlas.kinds.keepInSight = (_parent, d) => {
    const map = window.map; // streamlit-folium's map
    if (!map || !window.frameElement) {
      return null;
    }
    const frame = window.frameElement;
    const doc = frame.ownerDocument;
    let started = false;
    let watcher = null;
    let queued = false;
    let moving = false; // a new view being set (streamlit-folium's setView, animated)
    function lift() {
      // true once done: panned, or covered too much to help
      const band = uncovered(frame, doc);
      if (!band) {
        return false;
      }
      if (band[1] - band[0] >= 48) {
        const y = map.latLngToContainerPoint(d.latlng).y;
        if (y < band[0] + 24 || y > band[1] - 24) {
          map.panBy([0, y - (band[0] + band[1]) / 2], {animate: false});
        }
      }
      return true;
    }
    function stop() {
      if (watcher) {
        watcher.disconnect();
        watcher = null;
      }
      map.off('dragstart zoomstart', stop);
    }
    function start() {
      if (started) {
        return;
      }
      started = true;
      map.off('moveend', start);
      map.off('movestart', onMoveStart);
      if (lift()) {
        return;
      }
      watcher = new MutationObserver(() => {
        // at most one look a frame
        if (queued) {
          return;
        }
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          if (watcher && lift()) {
            stop();
          }
        });
      });
      watcher.observe(doc.body, {childList: true, subtree: true});
      map.on('dragstart zoomstart', stop);
      setTimeout(stop, 5000);
    }
    function onMoveStart() {
      moving = true;
    }
    scrollMapIntoView(frame, doc);
    map.on('movestart', onMoveStart);
    map.on('moveend', start); // the new view, once set
    // Leaflet starts an animated zoom on the next frame: two frames on, a view being set
    // has fired 'movestart' (its 'moveend' calls start); else this view is the one.
    requestAnimationFrame(() => {
      requestAnimationFrame(() => {
        if (!moving) {
          start();
        }
      });
    });
    return null;
  };

  // Fits the map to the bounds (the shown events with the ground they may stand for, a
  // place's circle) at the map's own size, never closer than maxZoom: once per request,
  // so a later rerun sending the same request leaves the reader's own pans and zooms.
  atlas.kinds.fitView = (_parent, d) => {
    const map = window.map; // streamlit-folium's map
    if (!map) {
      return null;
    }
    window.atlasFitted = window.atlasFitted || new Set();
    if (window.atlasFitted.has(d.token)) {
      return null;
    }
    window.atlasFitted.add(d.token);
    // After streamlit-folium's own setView of this render (a map just made is set to the
    // server's view right after its layers are added), not before it.
    Promise.resolve().then(() => {
      map.fitBounds(d.bounds, {maxZoom: d.maxZoom, padding: [d.pad, d.pad], animate: false});
    });
    return null;
  };

  // Tab onto a marker at the edge of the view and the map pans it fully in, as Leaflet
  // does for its own markers (autoPanOnFocus); a mouse press never pans (panning under
  // the pointer would turn a click near the edge into a pan). Without animation: a Tab
  // pressed during a pan animation could reach a cluster bubble twice.
  atlas.kinds.panToFocused = (map) => {
    let pressed = 0;
    const box = map.getContainer();
    box.addEventListener(
      'pointerdown',
      () => {
        pressed = Date.now();
      },
      true,
    );
    box.addEventListener('focusin', (ev) => {
      if (!ev.target.classList?.contains('atlas-event')) {
        return;
      }
      if (Date.now() - pressed < 1000) {
        return;
      }
      map.eachLayer((layer) => {
        if (layer.getElement && layer.getElement() === ev.target && layer.getLatLng) {
          const at = layer.getLatLng();
          if (!map.getBounds().pad(-0.05).contains(at)) {
            map.panTo(at, {animate: false});
          }
        }
      });
    });
    return null;
  };

  // Tab reaches the bubbles and markers the map shows, not those outside its view: each
  // whose centre lies outside the view leaves the Tab order (tabindex -1) until the view
  // holds it again.
  atlas.kinds.tabStopsInView = (map, d) => {
    let queued = false;
    const panes = ['markerPane', 'overlayPane', d.selectedPane]
      .map((name) => map.getPane(name))
      .filter(Boolean);
    function update() {
      // all reads, then all writes: one layout
      queued = false;
      const box = map.getContainer().getBoundingClientRect();
      const stops = [];
      for (const pane of panes) {
        for (const el of pane.querySelectorAll('[tabindex]')) {
          const r = el.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          const inside =
            r.width > 0 && x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
          stops.push([el, inside ? '0' : '-1']);
        }
      }
      for (const [el, value] of stops) {
        if (el.getAttribute('tabindex') !== value) {
          el.setAttribute('tabindex', value);
        }
      }
    }
    function later() {
      if (!queued) {
        queued = true;
        requestAnimationFrame(update);
      }
    }
    const watch = new MutationObserver(later);
    for (const pane of panes) {
      watch.observe(pane, {childList: true, subtree: true});
    }
    map.on('moveend zoomend resize', later);
    later();
    return null;
  };
})();
