/*
 * Place names on the map (countries, towns, the river) from one list (geo/view/labels.py).
 * Labels take no clicks and no Tab stops.
 *
 * data: {items: [[lat, lon, html, anchor x, anchor y], ...], minZoom (0: always),
 * pane (a pane of their own, or null), paneZ}. The html was escaped on the server.
 */
(() => {
  const atlas = window.atlas;
  const overlap = (a, b) =>
    a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

  const covers = (b, x, y) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;

  // Where each name goes: its own place (its box less the shift it has now). A bubble on
  // the town itself (over its dot) moves the name right, just clear of it: the name stays
  // beside the town's bubble. A bubble that meets the name but not its dot hides it: moved
  // past that bubble, a name stood beside another town (Bokhtar beside Farkhor on a
  // phone). Hidden too if the move puts it into the next bubble, or it would cover a name
  // drawn before it (cities, then main towns, then the rest).
  function layout(names, bubbles) {
    const boxes = [];
    const shifts = names.map((name) => {
      const now = Number.parseFloat(name.style.marginLeft) || 0;
      const r = name.getBoundingClientRect();
      const left = r.left - now;
      // The label's dot, where the town is: its icon's anchor, kept on the name (below).
      const dot = [left + Number(name.dataset.dotX), r.top + Number(name.dataset.dotY)];
      let right = null;
      let elsewhere = false;
      for (const b of bubbles) {
        if (left < b.right && r.right - now > b.left && r.top < b.bottom && r.bottom > b.top) {
          if (covers(b, dot[0], dot[1])) {
            right = Math.max(right === null ? b.right : right, b.right);
          } else {
            elsewhere = true;
          }
        }
      }
      const shift = right === null ? 0 : Math.ceil(right + 2 - left);
      const box = {left: left + shift, right: r.right - now + shift, top: r.top, bottom: r.bottom};
      box.shown = r.width > 0;
      if (elsewhere && !shift) {
        box.shown = false;
        box.hidden = true;
      }
      // Moved right into the next bubble (dense bubbles side by side): no room, hidden.
      if (shift && bubbles.some((b) => overlap(box, b))) {
        box.shown = false;
        box.hidden = true;
      }
      boxes.push(box);
      return shift;
    });
    boxes.forEach((r, i) => {
      for (let j = 0; j < i && r.shown; j++) {
        if (boxes[j].shown && overlap(r, boxes[j])) {
          r.shown = false;
          r.hidden = true;
        }
      }
    });
    return {boxes, shifts};
  }

  // Town names sit under the cluster bubbles (so a bubble's count is never hidden), and a
  // bubble on a town would cut its name. After every redraw of the markers or the names, a
  // name whose box meets a bubble moves right, just clear of it, and its dot is hidden.
  // All reads, then all writes: one layout; only a name whose place changes is written.
  function clearOfBubbles(map, pane) {
    let queued = false;
    function clear() {
      queued = false;
      const names = Array.from(pane.querySelectorAll('.atlas-town'));
      const bubbles = Array.from(
        map.getPane('markerPane').querySelectorAll('.atlas-cluster-icon'),
        (b) => b.getBoundingClientRect(),
      );
      const {boxes, shifts} = layout(names, bubbles);
      names.forEach((name, i) => {
        const hide = boxes[i].hidden ? 'hidden' : '';
        const margin = shifts[i] ? `${shifts[i]}px` : '';
        if (name.style.visibility !== hide) {
          name.style.visibility = hide;
        }
        if (name.style.marginLeft !== margin) {
          name.style.marginLeft = margin;
          name.classList.toggle('atlas-pushed', !!shifts[i]);
        }
      });
    }
    function later() {
      if (!queued) {
        queued = true;
        requestAnimationFrame(clear);
      }
    }
    const watch = new MutationObserver(later);
    watch.observe(map.getPane('markerPane'), {childList: true});
    watch.observe(pane, {childList: true});
    // markercluster animates bubbles into place for about 250 ms after a zoom.
    map.on('zoomend moveend', () => {
      later();
      setTimeout(later, 400);
    });
  }

  function noSlideIn() {
    // Labels are marker icons: without this, markercluster's animation (a transition on
    // every icon under .leaflet-cluster-anim) slides them in after each new view.
    if (!document.getElementById('atlas-label-css')) {
      const css = document.createElement('style');
      css.id = 'atlas-label-css';
      css.textContent = '.leaflet-cluster-anim .atlas-label{transition:none}';
      document.head.appendChild(css);
    }
  }

  // The label's element from its (escaped) html, parsed in an inert <template>, with its
  // anchor kept on it: where its dot is, for the layout above.
  function withAnchor(html, x, y) {
    const box = document.createElement('template');
    box.innerHTML = html;
    const el = box.content.firstElementChild;
    if (!el) {
      return html;
    }
    el.dataset.dotX = x;
    el.dataset.dotY = y;
    return el;
  }

  atlas.kinds.labels = (map, d) => {
    noSlideIn();
    if (d.pane && !map.getPane(d.pane)) {
      const pane = map.createPane(d.pane);
      pane.style.zIndex = d.paneZ;
      pane.style.pointerEvents = 'none';
      clearOfBubbles(map, pane);
    }
    const target = d.minZoom ? L.layerGroup() : map;
    for (const l of d.items) {
      const options = {interactive: false, keyboard: false};
      if (d.pane) {
        options.pane = d.pane;
      }
      options.icon = L.divIcon({
        html: withAnchor(l[2], l[3], l[4]),
        className: 'atlas-label',
        iconSize: null,
        iconAnchor: [l[3], l[4]],
      });
      L.marker([l[0], l[1]], options).addTo(target);
    }
    if (d.minZoom) {
      const show = () => {
        if (map.getZoom() >= d.minZoom) {
          target.addTo(map);
        } else {
          target.remove();
        }
      };
      map.on('zoomend', show);
      show();
    }
    return null;
  };
})();
