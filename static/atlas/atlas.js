/*
 * Border Atlas: the map's code in the browser, shared part.
 *
 * The server never writes code for the map, only data: each view builder (geo/view/*.py)
 * emits one call, `atlas.draw(parent, element)`, where `element` is the HTML text of a
 * `<script type="application/json" data-atlas="KIND">` element (its JSON escaped by
 * geo/view/html.py's script_json, so no data can end a script). The function registered
 * under KIND (`atlas.kinds`, in the other files of this folder) draws it on `parent`,
 * the map or a feature group.
 */
(() => {
  const atlas = {kinds: {}};
  window.atlas = atlas;

  // The data of a `<script type="application/json" data-atlas>` element given as HTML text.
  // Parsed in an inert <template>: nothing in it runs, nothing is fetched.
  atlas.read = (html) => {
    const box = document.createElement('template');
    box.innerHTML = html;
    const el = box.content.querySelector('script[type="application/json"][data-atlas]');
    if (!el) {
      throw new Error('atlas.read: no <script type="application/json" data-atlas> element');
    }
    return {kind: el.getAttribute('data-atlas'), data: JSON.parse(el.textContent)};
  };

  // Draws one element's data on `parent`; the layer it makes (if any) is added to parent.
  atlas.draw = (parent, html) => {
    const found = atlas.read(html);
    const draw = atlas.kinds[found.kind];
    if (!draw) {
      throw new Error(`atlas.draw: nothing draws "${found.kind}" (is its file loaded?)`);
    }
    const layer = draw(parent, found.data);
    if (layer) {
      layer.addTo(parent);
    }
    return layer;
  };

  // The one place that reads Leaflet's private state; Leaflet 1.9 has no public API for it.
  // A layer's map: `_map` is set by Layer.addTo and is what Leaflet's own plugins read
  // (there is no getMap()).
  atlas.mapOf = (layer) => layer._map || null;

  // A tooltip of lines of plain text (the first bold), made with textContent.
  atlas.tip = (lines) => () => {
    const el = document.createElement('div');
    lines.forEach((line, i) => {
      const row = document.createElement(i === 0 ? 'b' : 'div');
      row.textContent = line;
      el.appendChild(row);
    });
    return el;
  };

  // "1 event", "1,234 events".
  atlas.count = (v, noun) => `${v.toLocaleString('en')} ${noun}${v === 1 ? '' : 's'}`;

  // A cluster bubble, drawn in the browser (markers.js) or counted on the server
  // (density.js): a ring of its event types' colours around its count.
  atlas.bubbleIcon = (counts, total, size, colours, other) => {
    const stops = [];
    let at = 0;
    Object.keys(counts)
      .sort()
      .forEach((t) => {
        const c = colours[t] || other;
        const end = at + (100 * counts[t]) / total;
        stops.push(`${c} ${at.toFixed(1)}% ${end.toFixed(1)}%`);
        at = end;
      });
    const el = document.createElement('div');
    el.className = 'atlas-cluster';
    el.style.background = `conic-gradient(${stops.join(',')})`;
    const label = document.createElement('span');
    label.textContent = total.toLocaleString('en');
    el.appendChild(label);
    return L.divIcon({html: el, className: 'atlas-cluster-icon', iconSize: [size, size]});
  };

  // A bubble's name for the keyboard and screen readers.
  atlas.bubbleTitle = (counts, total, action) => {
    const parts = Object.keys(counts)
      .sort()
      .map((t) => `${counts[t].toLocaleString('en')} ${t}`);
    const events = total === 1 ? 'event' : 'events';
    return `${total.toLocaleString('en')} ${events} (${parts.join(', ')}): ${action}`;
  };
})();
