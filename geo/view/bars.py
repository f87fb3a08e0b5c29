"""The overview's small bar charts as Vega-Lite specs, plain dicts.

The rows (name, events, killed: see `geo.view.overview`) go into the spec's `datasets`,
so a filter change leaves the rest of the spec alone and Streamlit only swaps the data.
A click on a bar selects its `name` (a point selection named `PICK`), which the page
turns into a filter. Names stay data: Vega never evaluates a field's value.
"""

from __future__ import annotations

from dataclasses import dataclass
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
        {"field": "events", "type": "quantitative", "title": "events", "format": ","},
        {"field": "killed", "type": "quantitative", "title": "killed", "format": ","},
    ]


def _colour() -> dict[str, Any]:
    return {
        "condition": {"test": "datum.pickable", "value": BAR_COLOUR},
        "value": UNPICKABLE_COLOUR,
    }


# An invisible mark at each row's `room` (with_data: thrice the longest bar) widens the
# shared x scale, so the longest bar takes about a third of the chart, its words after it.
ROOM = "room"
ROOM_FACTOR = 3.0
_ROOM = {
    "mark": {"type": "tick", "opacity": 0, "aria": False},  # nothing to read: no aria
    "encoding": {"x": {"field": ROOM, "type": "quantitative", "axis": None}},
}


# A name longer than this many characters is written on two lines, cut at its last space
# before it ("Islamic Republic of / Afghanistan (former)"); the second line clipped at
# the label column's width (the tooltip and the bar's aria label hold the whole name).
WRAP_CHARS = 22
_CUT = f"lastindexof(slice(datum.label, 0, {WRAP_CHARS + 1}), ' ')"
_ONE_LINE = f"length(datum.label) <= {WRAP_CHARS} || {_CUT} < 1"
WRAP_EXPR = (
    f"{_ONE_LINE} ? datum.label : [slice(datum.label, 0, {_CUT}), slice(datum.label, {_CUT} + 1)]"
)
# A district's name "Nohiyai Shughnon (Gorno-Badakhshan)" on two lines: the district, then
# "(its province)" (one line clipped at 120 px read "Nohiyai Shughnon (Gorno…"); a name
# with no province in brackets is cut as above.
_PAREN = "indexof(datum.label, ' (')"
_AREA_ONE_LINE = f"{_PAREN} < 1 && ({_ONE_LINE})"
AREA_WRAP_EXPR = (
    f"{_PAREN} > 0 ? [slice(datum.label, 0, {_PAREN}), slice(datum.label, {_PAREN} + 1)]"
    f" : ({WRAP_EXPR})"
)
LINE_HEIGHT = 11
LABEL_WIDTH = 120  # px: the label column (Streamlit's theme clips at 100)
AREA_LABEL_WIDTH = 150  # px: "Republican Subordination", "Walī Muḩammad Shahīd Khūgyāṉī"
ROW_STEP = 18  # px a row: one line of names
WRAPPED_STEP = 26  # px a row: two lines of names
# Streamlit's theme puts 26 px between a chart's title and its plot: a blank band above
# the first bar. A small chart's title sits right over it.
TITLE_OFFSET = 6


@dataclass(frozen=True)
class Wrap:
    """How a chart's names take two lines: the test for one line, the lines' expression."""

    one_line: str
    lines: str
    limit: int = LABEL_WIDTH


WORDS = Wrap(_ONE_LINE, WRAP_EXPR)  # a name past WRAP_CHARS cut at its last space
AREAS = Wrap(_AREA_ONE_LINE, AREA_WRAP_EXPR, AREA_LABEL_WIDTH)  # a district, its province


def _y_axis(wrap: Wrap | None, limit: int = LABEL_WIDTH) -> dict[str, Any]:
    # Streamlit's theme sets labelFlush on every axis, which drew the first name 4 px
    # below its bar (baseline "top" where the others are "middle"): off for the names.
    axis = {"labelLimit": wrap.limit if wrap else limit, "labelOverlap": False,
            "labelFlush": False, "labelBaseline": "middle"}  # fmt: skip
    if wrap:
        # Vega sets a name's first line on the row's middle, the second below it: two
        # lines are raised by half a line, so the pair is centred on the bar.
        axis |= {"labelExpr": wrap.lines, "labelLineHeight": LINE_HEIGHT,
                 "labelOffset": {"expr": f"{wrap.one_line} ? 0 : {-LINE_HEIGHT / 2}"}}  # fmt: skip
    return axis


def category_spec(
    title: str, name_title: str, wrap: Wrap | None = None, limit: int = LABEL_WIDTH
) -> dict[str, Any]:
    """Horizontal bars, one per row in the rows' order, with the count and the killed at
    each bar's end (the bars take at most about a third of the width: the words fit).
    With `wrap` (WORDS, AREAS), long names take two lines (rows a little taller), as
    actors' do; with none, names are clipped at `limit` px."""
    y = {
        "field": "label",
        "type": "nominal",
        "sort": {"field": "rank", "op": "min", "order": "ascending"},
        "title": None,
        "axis": _y_axis(wrap, limit),
    }
    x = {"field": "events", "type": "quantitative", "title": None, "axis": None}
    bars = {
        "mark": {"type": "bar", "cursor": "pointer", "cornerRadiusEnd": 2},
        "params": [_pick()],
        "encoding": {"color": _colour(), "tooltip": _tooltip(name_title)},
    }
    # Events and killed at the bar's end ('12 · 3 killed'): read without hovering.
    text = {
        "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
        "encoding": {"text": {"field": "text", "type": "nominal"}},
    }
    return {
        "$schema": SCHEMA,
        "usermeta": _USERMETA,
        "title": {"text": title, "anchor": "start", "fontSize": 12, "offset": TITLE_OFFSET},
        "height": {"step": WRAPPED_STEP if wrap else ROW_STEP},
        "data": {"name": ROWS},
        "encoding": {"y": y, "x": x},
        "layer": [bars, text, _ROOM],
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 10}},
    }


# An area bar's parts (geo/view/overview.py's PARTS): placed in it by its point, in it as
# its dataset codes it (another hue: the dataset's word, not the point's), only in a
# border band or side overlapping it (lighter: it may or may not have happened there),
# no area known.
PART_COLOURS = (BAR_COLOUR, "#54a24b", "#a9c6e8", UNPICKABLE_COLOUR)


def area_spec(
    title: str, name_title: str, parts: tuple[str, ...], wrap: Wrap | None = None
) -> dict[str, Any]:
    """A province's or district's bar in parts, stacked: its events, then (lighter) the
    events placed only in a band or side overlapping it; 'Not known' grey, last. A click
    picks the part (`name` and `part`); the bar's end reads '3 + 13 · 2 killed'. With
    `wrap` (AREAS: districts) a name takes two lines; names are never cut before 150 px."""
    spec = category_spec(title, name_title, wrap, AREA_LABEL_WIDTH)
    bars, text, _room = spec["layer"]
    colour = {"field": "part", "type": "nominal", "scale": {"domain": list(parts),
              "range": list(PART_COLOURS)}, "legend": None}  # fmt: skip
    bars["params"][0]["select"]["fields"] = ["name", "part"]
    bars["encoding"] = {
        "x": {"field": "events", "type": "quantitative", "stack": "zero", "axis": None},
        "color": colour,
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": [*_tooltip(name_title)[:1], {"field": "part", "type": "nominal"},
                    *_tooltip(name_title)[1:]],
    }  # fmt: skip
    text["transform"] = [{"filter": "datum.last"}]
    text["encoding"] = {
        "x": {"field": "total", "type": "quantitative", "axis": None},
        "text": {"field": "total_text", "type": "nominal"},
    }
    spec["encoding"] = {"y": spec["encoding"]["y"]}
    return spec


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
        "title": {
            "text": "Events per month (click a bar: that month)",
            "anchor": "start",
            "offset": TITLE_OFFSET,
        },
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
    """The spec with its rows as the named dataset (and, for the bar charts, their room)."""
    if any(layer is _ROOM for layer in spec.get("layer", [])):
        longest = rows["total"] if "total" in rows else rows["events"]
        rows = rows.assign(**{ROOM: float(longest.max()) * ROOM_FACTOR if len(rows) else 1.0})
    return {**spec, "datasets": {ROWS: rows}}


def picked_row(selection: Any) -> dict[str, Any]:
    """The clicked bar's fields (`name`, and an area bar's `part`) from what Streamlit
    reports of the point selection; {} when nothing is picked."""
    chosen = (selection or {}).get(PICK) if isinstance(selection, dict) else None
    if isinstance(chosen, dict):  # some versions report {"name": [..]}
        values = chosen.get("name")
        chosen = [{"name": v} for v in values] if isinstance(values, list) else [chosen]
    if not chosen or not isinstance(chosen, list) or not isinstance(chosen[0], dict):
        return {}
    return chosen[0]


def picked(selection: Any) -> str | None:
    """The clicked bar's name from what Streamlit reports of the point selection."""
    name = picked_row(selection).get("name")
    return name if isinstance(name, str) else None
