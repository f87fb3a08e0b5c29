/*
 * Server-side cluster bubbles (geo/view/density.py): above a few thousand events the
 * server counts them per screen cell and sends one bubble per cell.
 *
 * Clicking a bubble zooms in; a bubble no zoom can split (its events on one point, or
 * any bubble at the deepest zoom) opens the list of its events instead (pile.js), whose
 * pages the server sends (geo/view/piles.py).
 *
 * data: {cells: [[lat, lon, count, {type: count}, [south, west, north, east] (its
 * events' extent), pile (1/0)], ...], colours {type: colour}, other, maxZoom,
 * reportHook (clicks.js's reporter)}.
 */
(() => {
  const atlas = window.atlas;

  // The list of a pile bubble: its pages come from the server (the `pile` kind).
  function pile(group, c, d) {
    const centre = [(c[4][0] + c[4][2]) / 2, (c[4][1] + c[4][3]) / 2];
    return {
      box: c[4],
      count: c[2],
      owner: group,
      page: () => null,
      ask: (offset) =>
        atlas.sendFeature(group, centre, {atlas_pile: [...c[4], offset]}, d.reportHook),
      choose: () => null,
    };
  }

  atlas.kinds.gridClusters = (_parent, d) => {
    const group = L.featureGroup();
    for (const c of d.cells) {
      const size = c[2] < 10 ? 30 : c[2] < 100 ? 36 : c[2] < 1000 ? 44 : 52;
      const m = L.marker([c[0], c[1]], {
        icon: atlas.bubbleIcon(c[3], c[2], size, d.colours, d.other),
        title: atlas.bubbleTitle(c[3], c[2], c[5] ? 'Enter lists its events' : 'Enter zooms in'),
      });
      // Zooming in reruns the page with the new view; no event is selected by this click.
      m.on('click', (e) => {
        L.DomEvent.stop(e);
        const map = atlas.mapOf(m);
        if (c[5] || map.getZoom() >= d.maxZoom) {
          atlas.pile.open(map, pile(group, c, d), true);
        } else {
          map.setView([c[0], c[1]], Math.min(map.getZoom() + 2, d.maxZoom));
        }
      });
      group.addLayer(m);
    }
    return group;
  };
})();
