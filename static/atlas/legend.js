/*
 * The legend as a Leaflet control (geo/view/legend.py), folded on narrow maps.
 *
 * data: {html (the legend, escaped on the server), position}.
 */
(() => {
  window.atlas.kinds.legend = (map, d) => {
    const control = L.control({position: d.position});
    control.onAdd = () => {
      const box = L.DomUtil.create('div', 'atlas-legend-box');
      box.innerHTML = d.html; // built from escaped parts by geo/view/html.py
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      // Start folded unless the map is wide, so the legend never hides markers.
      if (window.innerWidth < 900) {
        box.firstChild.open = false;
      }
      return box;
    };
    control.addTo(map);
    return null;
  };
})();
