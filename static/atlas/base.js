/*
 * Pieces of the base map (geo/view/map.py) that need a script.
 */
(() => {
  const atlas = window.atlas;

  // Points Leaflet's default marker images at the vendored copies: Leaflet guesses the
  // path from its CSS URL and gets it wrong when served from /app/static.
  atlas.kinds.iconPath = (_map, d) => {
    L.Icon.Default.imagePath = d.path;
    return null;
  };

  // The boundaries end at their box (geo/view/map.py, _FadeOut): rings of the map's
  // background colour inside its edges, the outermost the most opaque, so the
  // neighbours' land fades out there instead of ending in a straight line. Drawn after
  // the boundaries and before any event, in the same renderer: over them, under events.
  atlas.kinds.fadeOut = (_map, d) => {
    const [s, w, n, e] = d.box;
    const [ds, dw, dn, de] = d.depths; // how far in from each edge it reaches
    const ring = (k) => {
      const f = k / d.steps;
      const [south, west, north, east] = [s + ds * f, w + dw * f, n - dn * f, e - de * f];
      return [
        [south, west],
        [north, west],
        [north, east],
        [south, east],
      ];
    };
    const rings = L.layerGroup();
    const paint = (outer, inner, opacity) =>
      L.polygon([outer, inner], {
        stroke: false,
        fillColor: d.colour,
        fillOpacity: opacity,
        interactive: false,
        className: 'atlas-fade',
      }).addTo(rings);
    for (let k = 0; k < d.steps; k += 1) {
      paint(ring(k), ring(k + 1), 1 - (k + 0.5) / d.steps);
    }
    // Just outside the box, wholly: the outer half of the outlines drawn along its edge.
    const m = 0.5;
    const frame = [
      [s - m, w - m],
      [n + m, w - m],
      [n + m, e + m],
      [s - m, e + m],
    ];
    paint(frame, ring(0), 1);
    return rings; // added to the map by atlas.draw
  };

  // The pane for the selected event, above the cluster bubbles (markerPane, 600).
  atlas.kinds.selectedPane = (map, d) => {
    map.createPane(d.pane).style.zIndex = d.z;
    return null;
  };
})();
