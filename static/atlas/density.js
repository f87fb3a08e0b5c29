/*
 * Server-side cluster bubbles (geo/view/density.py): above a few thousand events the
 * server counts them per screen cell and sends one bubble per cell.
 *
 * data: {cells: [[lat, lon, count, {type: count}], ...], colours {type: colour}, other}.
 */
(() => {
  const atlas = window.atlas;

  atlas.kinds.gridClusters = (_parent, d) => {
    const group = L.featureGroup();
    for (const c of d.cells) {
      const size = c[2] < 10 ? 30 : c[2] < 100 ? 36 : c[2] < 1000 ? 44 : 52;
      const m = L.marker([c[0], c[1]], {
        icon: atlas.bubbleIcon(c[3], c[2], size, d.colours, d.other),
        title: atlas.bubbleTitle(c[3], c[2], 'Enter zooms in'),
      });
      // Zooming in reruns the page with the new view; no event is selected by this click.
      m.on('click', (e) => {
        L.DomEvent.stop(e);
        const map = atlas.mapOf(m);
        map.setView([c[0], c[1]], Math.min(map.getZoom() + 2, 18));
      });
      group.addLayer(m);
    }
    return group;
  };
})();
