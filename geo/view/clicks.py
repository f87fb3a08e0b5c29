"""A click on the map reaches the server at once, not a quarter of a second later.

streamlit-folium sends what was clicked through one debounced function (underscore's
`debounce`, 250 ms), shared with map moves, so every marker click waited 250 ms before
the app could rerun. After each click (once streamlit-folium's own handlers have noted
it in `window.__GLOBAL_DATA__`), this script builds the very value streamlit-folium
would send, in its key order, and sends it now through the components protocol. It also
stores it as streamlit-folium's `previous_data`: when the debounced call comes, it finds
nothing new and sends nothing, so a click still makes exactly one rerun. When the map
is made, the value for its first view is stored the same way: the library's default (a
click count of None, where it counts from 0) no longer reruns the app after each page
load (big layers, whose view decides what the server sends, still report it). The
message carries `atlasAtOnce`, which Streamlit ignores, so tests can tell it from the
library's; a marker click's value carries a token of its own (`CLICK_TOKEN`), by which
the server tells a click from a repeated report (a click on the map's background, sent
at once with a moved view on big layers, carries none).

Its code is static/atlas/clicks.js. It mirrors `updateComponentValue` in
streamlit-folium's bundle (checked on 0.27.4): `tests/test_clicks.py` clicks a
marker in Chromium and fails unless exactly one message reaches Streamlit, at once.
"""

from __future__ import annotations

from typing import Any

from geo.view.scripts import AtlasScript

# The hook the markers' keyboard handler calls: a key press fires the marker's click in
# Leaflet, which never reaches the map's own click listeners.
REPORT_HOOK = "atlasReportClick"

# The key of the token each click sent at once carries (ui/state.on_map_change).
CLICK_TOKEN = "atlas_click"


class ReportClicksAtOnce(AtlasScript):
    """Sends a click's value to Streamlit without streamlit-folium's 250 ms wait
    (static/atlas/clicks.js)."""

    kind = "reportClicksAtOnce"

    def data(self) -> dict[str, Any]:
        return {"hook": REPORT_HOOK, "token": CLICK_TOKEN}
