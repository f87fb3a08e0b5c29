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

  // The pane for the selected event, above the cluster bubbles (markerPane, 600).
  atlas.kinds.selectedPane = (map, d) => {
    map.createPane(d.pane).style.zIndex = d.z;
    return null;
  };
})();
