"""Map scripts that follow the user: the selected event kept in sight, a focused marker
panned into view, Tab stops only on what the view shows. Their code is
static/atlas/follow.js; here only their data."""

from __future__ import annotations

from typing import Any

from geo.view.markers import SELECTED_PANE
from geo.view.scripts import AtlasScript


class KeepInSight(AtlasScript):
    """Keeps the selected event on the part of the map nothing covers.

    On a phone the panel opens as a sheet over the lower part of the map, where the
    centred event would sit under it: once the view has settled (after streamlit-folium's
    setView and its animation), the map pans the event into the uncovered band above.
    The sheet may be drawn a moment after the map, so the page is watched for a few
    seconds (until the user moves the map). An event chosen on a phone from below the
    map (the feed, the table) scrolls the page back to its top first: the sheet, which
    steps aside while the page is scrolled down, then opens in full over it. What covers
    the map is found by asking the page what is drawn over its middle column: nothing
    here depends on the page's layout.
    """

    kind = "keepInSight"

    def __init__(self, lat: float, lon: float) -> None:
        super().__init__()
        self.latlng = [float(lat), float(lon)]

    def data(self) -> dict[str, Any]:
        return {"latlng": self.latlng}


class PanToFocused(AtlasScript):
    """Tab onto a marker at the edge of the view and the map pans it fully in, as
    Leaflet does for its own markers (autoPanOnFocus); a mouse press never pans.
    (Markers out of view take no Tab stop: TabStopsInView.)
    Without animation: a Tab pressed during a pan animation could reach a cluster bubble
    twice. Part of the base map: the same script on every run."""

    kind = "panToFocused"

    def data(self) -> dict[str, Any]:
        return {}


class TabStopsInView(AtlasScript):
    """Tab reaches the bubbles and markers the map shows, not those outside its view.

    Lone markers far off (New York, Moscow) and their bubbles came first in the page, so
    the first Tab into the map panned it across the world. Each bubble or marker whose
    centre lies outside the view leaves the Tab order (tabindex -1) until the view holds
    it again; the arrow keys still pan the map, and the picker and table list every event.
    """

    kind = "tabStopsInView"

    def data(self) -> dict[str, Any]:
        return {"selectedPane": SELECTED_PANE}


class PlayInView(AtlasScript):
    """Play pressed: the map is scrolled wholly into view between the page's header and the
    playback bar (`bar`, a CSS selector), which stays at the screen's foot while playing,
    so the moving map and Pause are seen together (on a phone the bar sat under the map,
    and Play's row showed a sliver of it). Once per press (`token`): the reader may
    scroll away after, and the steps that follow leave the page where it is."""

    kind = "playInView"

    def __init__(self, token: int, bar: str) -> None:
        super().__init__()
        self.token, self.bar = token, bar

    def data(self) -> dict[str, Any]:
        return {"token": self.token, "bar": self.bar}
