/*
 * Uncertainty circles (geo/view/circles.py): around events placed only within some
 * distance. They take no clicks and use the map's own renderer, drawn before the markers.
 *
 * data: {rows: [[lat, lon, colour index, radius in metres], ...], colours, fill}.
 */
(() => {
  window.atlas.kinds.circles = (_parent, d) => {
    const group = L.layerGroup();
    for (const r of d.rows) {
      L.circle([r[0], r[1]], {
        radius: r[3],
        color: d.colours[r[2]],
        fillColor: d.colours[r[2]],
        weight: 1,
        opacity: 0.4,
        fill: d.fill,
        fillOpacity: 0.06,
        interactive: false,
      }).addTo(group);
    }
    return group;
  };

  // The circle of a place searched near (geo/view/fit.py): dashed, under the events.
  window.atlas.kinds.nearCircle = (_parent, d) =>
    L.circle(d.latlng, {
      radius: d.metres,
      color: d.colour,
      weight: 2,
      dashArray: '6 5',
      fill: true,
      fillOpacity: 0.04,
      interactive: false,
      className: 'atlas-near-circle',
    });
})();
