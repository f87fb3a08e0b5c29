"""Place names on the map (countries, towns, the river) as one element, not one each.

One folium Marker + DivIcon per label costs two Jinja templates compiled on every rerun;
this draws them all from one JSON list (static/atlas/labels.js). Labels take no clicks
and no Tab stops.

Town names come in tiers (`town_label_tiers`): the cities at every zoom, the main border
towns from the default zoom, every other town only once zoomed in, so the default view
names the places events are reported from without burying the markers in text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geo.view.html import Html, tag
from geo.view.scripts import AtlasScript
from geo.vocab import Place

# [lat, lon, html, anchor x, anchor y]: html is already escaped (geo.view.html) and set
# as the label's HTML by the script.
Label = tuple[float, float, Html, int, int]

# A pane for town names: above the country fills and the border line (overlayPane, 400),
# under cluster bubbles (markerPane, 600) and the selected event (650), so a name never
# hides a bubble's count.
TOWN_PANE = "atlasTowns"
TOWN_PANE_Z = 450

# Town tiers: from which zoom each is named. The default view is zoom 6.
MAIN_TOWN_ZOOM = 6
OTHER_TOWN_ZOOM = 8
# Main towns along the border, named from the default zoom: district seats events are
# reported from and the provinces' capitals, both banks. Far enough apart at zoom 6
# (about 45 px a degree) for their names not to overlap (Taloqan would touch Kunduz,
# Qalai Khumb the bubble of border-wide events); the rest wait for zoom 8.
MAIN_TOWNS = (
    "kulob",
    "panj",
    "farkhor",
    "ishkoshim-tjk",
    "murghob",
    "fayzabad",
    "kunduz",
    "mazar-i-sharif",
)


class Labels(AtlasScript):
    """Non-interactive text labels at fixed points (static/atlas/labels.js).

    `min_zoom` shows them only from that zoom on (0: always); `pane` draws them in a
    pane of their own (created once, at z-index `pane_z`, its names kept clear of the
    cluster bubbles), else with the markers.
    """

    kind = "labels"

    def __init__(
        self, items: list[Label], min_zoom: int = 0, pane: str | None = None, pane_z: int = 450
    ) -> None:
        super().__init__()
        self.items: list[list[Any]] = [[lat, lon, str(h), ax, ay] for lat, lon, h, ax, ay in items]
        self.min_zoom, self.pane, self.pane_z = int(min_zoom), pane, int(pane_z)

    def data(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "minZoom": self.min_zoom,
            "pane": self.pane,
            "paneZ": self.pane_z,
        }


def short_name(place: Place) -> str:
    """The English name without notes: 'Bokhtar (formerly Kurgan-Tyube), Khatlon' → 'Bokhtar'."""
    name = place.names.get("en") or place.id
    return name.split(" (", 1)[0].split(",", 1)[0].strip() or name


def town_label(place: Place) -> Label:
    # The anchor puts the name's dot (5 px and a 3 px gap) on the town's point.
    return (place.lat, place.lon, tag("div", short_name(place), class_="atlas-town"), 3, 7)


def town_label_tiers(places: Iterable[Place]) -> list[tuple[int, list[Label]]]:
    """(min zoom, labels) for the gazetteer's cities, main towns and other towns."""
    cities: list[Label] = []
    main: list[Label] = []
    other: list[Label] = []
    for place in places:
        if place.kind == "city":
            cities.append(town_label(place))
        elif place.kind == "town":
            (main if place.id in MAIN_TOWNS else other).append(town_label(place))
    return [(0, cities), (MAIN_TOWN_ZOOM, main), (OTHER_TOWN_ZOOM, other)]


def town_labels(places: Iterable[Place]) -> list[Labels]:
    """One Labels element per tier, each shown from its zoom, under the markers."""
    return [
        Labels(items, min_zoom=zoom, pane=TOWN_PANE, pane_z=TOWN_PANE_Z)
        for zoom, items in town_label_tiers(places)
        if items
    ]
