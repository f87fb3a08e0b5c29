"""The map's legend: a collapsible control on the map itself, so it is always in view."""

from __future__ import annotations

from typing import Any

from geo.view.html import Html, tag
from geo.view.scripts import AtlasScript
from geo.view.style import EVENT_TYPE_COLOURS, outline_of

_SWATCH = "display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;"


def _swatch_row(style: str, label: str) -> Html:
    return tag("div", tag("span", "", style=_SWATCH + style), label)


def legend_html(layer_titles: list[str]) -> Html:
    """Colours by event type, outlines by layer, hollow for withdrawn, clusters and circles."""
    types = [_swatch_row(f"background:{c}", kind) for kind, c in EVENT_TYPE_COLOURS.items()]
    layers = [
        _swatch_row(f"border:3px solid {outline_of(i)};background:#fff", title)
        for i, title in enumerate(layer_titles)
    ]
    notes = [
        _swatch_row("border:2px dashed #333", "Hollow, dashed: denied or retracted"),
        tag(
            "div",
            "Numbered bubble: events grouped at this zoom, coloured by their types; "
            "click to zoom in or fan them out.",
        ),
        tag(
            "div",
            "Shaded circle: the place is uncertain (10 km around a named town; wider for "
            "a region). A selected event's wider area (border band, one side, a country) "
            "is outlined.",
        ),
    ]
    return tag(
        "details",
        tag("summary", "Legend"),
        tag("div", tag("b", "Event type"), *types, class_="atlas-legend-col"),
        tag(
            "div",
            tag("b", "Layer (outline)"),
            *layers,
            tag(
                "small",
                "Show or hide layers with the sidebar's Layers filter (by the name in brackets).",
            ),
            class_="atlas-legend-col",
        ),
        tag("div", *notes, class_="atlas-legend-notes"),
        class_="atlas-legend",
        open="open",
    )


LEGEND_CSS = (
    ".atlas-legend{background:rgba(255,255,255,.94);padding:4px 8px;border-radius:6px;"
    # At most the map's width less the zoom buttons' 70 px (the map is its iframe's whole
    # width): an open legend on a phone never covers them.
    "font:12px sans-serif;max-width:min(300px,calc(100vw - 70px));max-height:60vh;"
    "overflow:auto;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3)}"
    ".atlas-legend summary{cursor:pointer;font-weight:700}"
    ".atlas-legend-col{margin:4px 0}.atlas-legend-notes div{margin-top:4px;color:#333}"
)


class LegendControl(AtlasScript):
    """A Leaflet control holding the legend (collapsible with <details>), drawn by
    static/atlas/legend.js from the legend's escaped HTML."""

    kind = "legend"

    def __init__(self, html: Html, position: str = "topright") -> None:
        super().__init__()
        self.html, self.position = str(html), position

    def data(self) -> dict[str, Any]:
        return {"html": self.html, "position": self.position}
