"""Event markers on the map: one client-side cluster group, spiderfied when co-located.

Leaflet.markercluster (served from static/vendor) groups nearby events at low zoom into
a bubble with a count, coloured by the event types it holds; clicking a bubble zooms in,
and events that share one point fan out at a fixed screen distance (spiderfy). Each
marker is a CircleMarker at the event's true position, carrying `feature.properties.id`
so streamlit-folium reports which event was clicked (`last_active_drawing`). A bubble no
zoom can split (its events on one point, or any bubble at the deepest zoom) fans out up
to `FAN_MAX` events and opens as a list beyond (geo/view/piles.py, static/atlas/pile.js).

The rows go to the browser as one compact JSON array (no Python object per marker):
`[lat, lon, id, type index, hollow, layer index, tooltip html, plain title, date,
toll, status, newest-first rank]` (the last four, plain text, for a pile's list), read by
static/atlas/markers.js (geo/view/scripts.py: data as JSON, never code).
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from geo.view.clicks import REPORT_HOOK
from geo.view.html import Html, escape, join, tag
from geo.view.piles import FAN_MAX, MAX_ZOOM, PILE_PAGE, PILE_SPAN_PX, entry_words, newest_ranks
from geo.view.scripts import AtlasScript
from geo.view.style import EVENT_TYPE_COLOURS, HOLLOW_STATUSES, OTHER_COLOUR, outline_of
from geo.view.words import date_in_words

# Cluster radius in screen pixels: markers closer than this at the current zoom merge.
# The same radius names a pile: what is one bubble at the deepest zoom stays one.
CLUSTER_RADIUS_PX = PILE_SPAN_PX
MARKER_RADIUS_PX = 7
# The pane the base map makes above the cluster bubbles (geo.view.map) for the selection.
SELECTED_PANE = "atlasSelected"


class EventClusters(AtlasScript):
    """All shown events as one Leaflet.markercluster group (static/atlas/markers.js)."""

    kind = "markers"

    def __init__(
        self,
        rows: list[list[Any]],
        types: list[str],
        outlines: list[str],
        selected: str | None = None,
    ) -> None:
        super().__init__()
        self.selected = selected
        self.rows, self.types, self.outlines = rows, types, outlines

    def data(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "types": self.types,
            "outlines": self.outlines,
            "selected": self.selected,
            "colours": dict(EVENT_TYPE_COLOURS),
            "other": OTHER_COLOUR,
            "radius": CLUSTER_RADIUS_PX,
            "markerRadius": MARKER_RADIUS_PX,
            "pane": SELECTED_PANE,
            "reportHook": REPORT_HOOK,
            "fanMax": FAN_MAX,
            "maxZoom": MAX_ZOOM,
            "pageSize": PILE_PAGE,
        }


def tooltip_html(title: str, status: str, when: str) -> Html:
    """Title and date of an event for the hover tooltip, escaped."""
    badge = f" [{status.upper()}]" if status in HOLLOW_STATUSES else ""
    bold_title = tag("b", tag("bdi", title, dir="auto"))  # RTL titles cannot reorder the rest
    return join([bold_title, escape(badge), Html("<br>"), escape(when)])


def _when(start: Any, end: Any, precision: str) -> str:
    as_date = [None if pd.isna(v) else v.date() for v in (start, end)]
    return date_in_words(as_date[0], as_date[1], precision)


# Tooltips repeat on every rerun for the same events: build each one once.
@functools.lru_cache(maxsize=50_000)
def _tooltip(title: str, status: str, start: Any, end: Any, precision: str) -> Html:
    return tooltip_html(title, status, _when(start, end, precision))


def marker_rows(frame: pd.DataFrame, layer_names: list[str]) -> tuple[list[list[Any]], list[str]]:
    """Compact rows for EventClusters, and the event-type list their type index points into."""
    types = sorted(set(frame["event_type"]))
    type_index = {t: i for i, t in enumerate(types)}
    layer_index = {name: i for i, name in enumerate(layer_names)}
    columns = ["lat", "lon", "id", "event_type", "status", "layer", "title"]
    columns += ["date_start", "date_end", "date_precision"]
    rows = []
    words, ranks = entry_words(frame), newest_ranks(frame)
    for (lat, lon, eid, kind, status, layer, title, start, end, prec), more, rank in zip(
        zip(*(frame[c] for c in columns), strict=True), words, ranks, strict=True
    ):
        rows.append(
            [
                round(float(lat), 5),
                round(float(lon), 5),
                eid,
                type_index[kind],
                1 if status in HOLLOW_STATUSES else 0,
                layer_index.get(layer, 0),
                _tooltip(title, status, start, end, prec),
                title,  # plain text: set as aria-label with setAttribute, never parsed
                *more,  # date, toll, status: plain text, set with textContent
                int(rank),
            ]
        )
    return rows, types


def event_clusters(
    frame: pd.DataFrame, layer_names: list[str], selected: str | None = None
) -> EventClusters:
    """The cluster group of the shown events, outlines by layer order."""
    rows, types = marker_rows(frame, layer_names)
    outlines = [outline_of(i) for i in range(max(len(layer_names), 1))]
    return EventClusters(rows, types, outlines, selected)


# Leaflet keeps a tooltip on one line: a long title wraps instead of running past the
# map's edge (the page's map and the saved copy).
TOOLTIP_CSS = ".leaflet-tooltip{white-space:normal;width:max-content;max-width:min(280px,70vw)}"

CLUSTER_CSS = (
    ".atlas-cluster-icon{background:none;border:none}"
    ".atlas-cluster{width:100%;height:100%;border-radius:50%;display:flex;"
    "align-items:center;justify-content:center;box-shadow:0 0 0 2px #fff,0 0 0 3px #333}"
    ".atlas-cluster span{background:#fff;border-radius:9px;padding:0 5px;"
    "font:700 12px sans-serif;color:#111}"
)
