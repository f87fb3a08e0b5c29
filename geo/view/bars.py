"""The overview's small bar charts as Vega-Lite specs, plain dicts.

The rows (name, events, killed: see `geo.view.overview`) go into the spec's `datasets`,
so a filter change leaves the rest of the spec alone and Streamlit only swaps the data.
A click on a bar selects its `name` (a point selection named `PICK`), which the page
turns into a filter. Names stay data: Vega never evaluates a field's value.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
PICK = "pick"
ROWS = "rows"
BAR_COLOUR = "#4c78a8"
# Rows a click cannot filter by (every other actor, events whose area is not known).
UNPICKABLE_COLOUR = "#bbbbbb"


# SVG, not canvas: each bar is an element that names its row (aria), so a test or a
# screen reader finds it; a few dozen bars cost nothing.
_USERMETA = {"embedOptions": {"renderer": "svg"}}


def _pick() -> dict[str, Any]:
    return {"name": PICK, "select": {"type": "point", "fields": ["name"], "on": "click"}}


def _tooltip(name_title: str) -> list[dict[str, Any]]:
    return [
        {"field": "label", "type": "nominal", "title": name_title},
        {"field": "events", "type": "quantitative", "title": "events"},
        {"field": "killed", "type": "quantitative", "title": "killed"},
    ]


def _colour() -> dict[str, Any]:
    return {
        "condition": {"test": "datum.pickable", "value": BAR_COLOUR},
        "value": UNPICKABLE_COLOUR,
    }


def category_spec(title: str, name_title: str) -> dict[str, Any]:
    """Horizontal bars, one per row in the rows' order, with the count at each bar's end."""
    y = {
        "field": "label",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"labelLimit": 130, "labelOverlap": False},
    }
    x = {"field": "events", "type": "quantitative", "title": None, "axis": None}
    bars = {
        "mark": {"type": "bar", "cursor": "pointer", "cornerRadiusEnd": 2},
        "params": [_pick()],
        "encoding": {"color": _colour(), "tooltip": _tooltip(name_title)},
    }
    text = {
        "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
        "encoding": {"text": {"field": "events", "type": "quantitative", "format": ",d"}},
    }
    return {
        "$schema": SCHEMA,
        "usermeta": _USERMETA,
        "title": {"text": title, "anchor": "start", "fontSize": 12},
        "height": {"step": 18},
        "data": {"name": ROWS},
        "encoding": {"y": y, "x": x},
        "layer": [bars, text],
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 10}},
    }


def month_spec() -> dict[str, Any]:
    """Events per month, bars on a time axis with the years written."""
    x = {
        "field": "start",
        "type": "temporal",
        "title": None,
        # Ticks on months' first days only: with a month or two shown (a week of
        # playback), Vega put a tick every few days, each labelled with the same month.
        "axis": {
            "format": "%b %Y",
            "labelOverlap": True,
            "labelFontSize": 10,
            "tickCount": {"interval": "month", "step": 1},
        },
    }
    y = {"field": "events", "type": "quantitative", "title": None, "axis": {"format": "d"}}
    return {
        "$schema": SCHEMA,
        "usermeta": _USERMETA,
        "title": {"text": "Events per month (click a bar: that month)", "anchor": "start"},
        "height": 150,
        "data": {"name": ROWS},
        "mark": {"type": "bar", "cursor": "pointer", "color": BAR_COLOUR},
        "params": [_pick()],
        "encoding": {
            "x": x,
            "x2": {"field": "end"},
            "y": y,
            "y2": {"datum": 0},
            "tooltip": _tooltip("month"),
        },
        "config": {"view": {"stroke": None}, "title": {"fontSize": 12}},
    }


def with_data(spec: dict[str, Any], rows: pd.DataFrame) -> dict[str, Any]:
    """The spec with its rows as the named dataset."""
    return {**spec, "datasets": {ROWS: rows}}


def picked(selection: Any) -> str | None:
    """The clicked bar's name from what Streamlit reports of the point selection."""
    chosen = (selection or {}).get(PICK) if isinstance(selection, dict) else None
    if isinstance(chosen, dict):  # some versions report {"name": [..]}
        values = chosen.get("name")
        chosen = [{"name": v} for v in values] if isinstance(values, list) else [chosen]
    if not chosen or not isinstance(chosen, list) or not isinstance(chosen[0], dict):
        return None
    name = chosen[0].get("name")
    return name if isinstance(name, str) else None
