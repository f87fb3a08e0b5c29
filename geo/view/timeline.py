"""The timeline's Vega-Lite spec, written as a plain dict.

It is the spec Altair wrote for this chart before, built directly: Altair's object model
(wrapping every channel, then `to_dict`) cost 100–200 ms on each filter change, more
than all the rest of a rerun. The events go once into the spec's `datasets` (the bars and
the dots share them). Data strings stay data: Vega never evaluates a field's value, and
the type names the axis splits go into its label expression as JSON string literals.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pandas as pd

from geo.view.charts import AGGREGATE_ABOVE, BRUSH, Domain, timeline_frame
from geo.view.style import EVENT_TYPE_COLOURS, HOLLOW_STATUSES

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
BRUSH_VIEW = "timeline_events"  # the layer the brush is drawn on
# The axis's range and the chosen dates' band are data, not spec: Streamlit draws a chart
# afresh (300 ms and more of Vega in the browser) whenever its spec changes, but only
# swaps the data when the spec is the same. A date change then changes two rows. Each
# mark is clipped to the window in Vega (a lookup of its one row), so the axis, which
# spans everything drawn, spans the window exactly.
WINDOW, BAND = "window", "band"
_CLIP_TO_WINDOW = [
    {"calculate": "1", "as": "_w"},
    {"lookup": "_w", "from": {"data": {"name": WINDOW}, "key": "_w", "fields": ["lo", "hi"]}},
    {"calculate": "max(toDate(datum.start), toDate(datum.lo))", "as": "x0"},
    {"calculate": "min(toDate(datum.end), toDate(datum.hi))", "as": "x1"},
    {"filter": "datum.x0 <= datum.x1"},
]
# '17 Oct' on a day, 'Nov 2025' on the 1st of a month, '2025' on New Year's Day: any
# span, and a long one reads 'Oct 2021 Apr 2022 …', never 'Oct Apr Oct' with no years.
_DATE_LABEL = (
    "date(datum.value) !== 1 ? timeFormat(datum.value, '%-d %b')"
    " : month(datum.value) === 0 ? timeFormat(datum.value, '%Y')"
    " : timeFormat(datum.value, '%b %Y')"
)
_WINDOW_LAYER = {
    "data": {"name": WINDOW},
    "mark": {"type": "rule", "opacity": 0},
    "encoding": {"x": {"field": "lo", "type": "temporal"}, "x2": {"field": "hi"}},
}
_BAND_LAYER = {
    "data": {"name": BAND},
    "mark": {"type": "rect", "clip": True, "color": "#f0c419", "opacity": 0.18},
    "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}},
}
_COLOURS = {"domain": list(EVENT_TYPE_COLOURS), "range": list(EVENT_TYPE_COLOURS.values())}
# Event-type names longer than this go on two lines: on a phone the y-axis has about
# 110 px, and "Explosions/Remote violence" would be cut to "Explosions/Remo…".
LABEL_LINE_CHARS = 13
ROW_PX = 30  # a row per event type: room for a two-line name
# What the timeline reads of each event: the page filters only these columns for it.
TIMELINE_COLUMNS = [
    "id", "title", "event_type", "status", "date_precision", "date_start", "undated",
    "period_start", "period_end", "open_start", "open_end",
]  # fmt: skip
# What a timeline of weekly counts (above AGGREGATE_ABOVE events) reads: no words.
WEEKLY_COLUMNS = [
    "event_type", "date_start", "undated", "period_start", "period_end", "open_start", "open_end",
]  # fmt: skip


def two_lines(label: str) -> list[str]:
    """The label as one line, or two split at the space or slash nearest its middle."""
    if len(label) <= LABEL_LINE_CHARS:
        return [label]
    breaks = [i + 1 for i, ch in enumerate(label) if ch in " /"]
    if not breaks:
        return [label]
    at = min(breaks, key=lambda i: abs(i - len(label) / 2))
    return [label[:at].strip(), label[at:].strip()]


def _type_axis(types: list[str]) -> dict[str, Any]:
    """The y-axis with long type names on two lines (a Vega label may be a list of lines)."""
    expr = "datum.label"
    for label in types:
        lines = two_lines(label)
        if len(lines) > 1:
            expr = f"datum.label === {json.dumps(label)} ? {json.dumps(lines)} : ({expr})"
    # labelOverlap off: Vega measures a two-line label as one long line and would hide it.
    return {"labelExpr": expr, "labelLimit": 140, "labelOverlap": False, "labelLineHeight": 12}


def _x(title: str) -> dict[str, Any]:
    """The date axis: the clipped start of each mark."""
    axis = {"labelExpr": _DATE_LABEL, "labelOverlap": True}
    return {"field": "x0", "type": "temporal", "title": title, "axis": axis}


def _window(domain: Domain) -> pd.DataFrame:
    """The axis's range as one row of data."""
    return pd.DataFrame([{"_w": 1, "lo": domain[0].isoformat(), "hi": domain[1].isoformat()}])


def _band(date_range: tuple[dt.date | None, dt.date | None], domain: Domain) -> pd.DataFrame:
    """The chosen range inside the window as one row (none when no range is set)."""
    start, end = date_range
    rows = []
    if start is not None and end is not None and start <= domain[1] and end >= domain[0]:
        rows = [(max(start, domain[0]).isoformat(), min(end, domain[1]).isoformat())]
    return pd.DataFrame(rows, columns=["start", "end"], dtype=str)


def _event_layers(frame: pd.DataFrame, types: list[str]) -> tuple[list, dict]:
    """A bar per event's interval and a dot at its start (one-day events stay visible)."""
    rows = timeline_frame(frame)
    encoding: dict[str, Any] = {
        "y": {"field": "event_type", "type": "nominal", "title": None},
        "color": {"field": "event_type", "type": "nominal", "scale": _COLOURS, "legend": None},
        "opacity": {
            "condition": {
                "test": {"field": "status", "oneOf": sorted(HOLLOW_STATUSES)},
                "value": 0.35,
            },
            "value": 0.9,
        },
        "tooltip": [
            {"field": "title", "type": "nominal"},
            {"field": "from_words", "type": "nominal", "title": "from"},
            {"field": "to_words", "type": "nominal", "title": "to"},
            {"field": "date_precision", "type": "nominal"},
            {"field": "status", "type": "nominal"},
        ],
    }
    encoding["y"]["axis"] = _type_axis(types)
    # A row for every type the events have, in the window or not: rows stay put on zoom.
    encoding["y"]["scale"] = {"domain": sorted(rows["event_type"].unique())}
    data = {"name": "events"}
    bars = {
        "name": BRUSH_VIEW,
        "data": data,
        "transform": _CLIP_TO_WINDOW,
        "mark": {"type": "bar", "size": 12, "cornerRadius": 2, "clip": True},
        "encoding": {**encoding, "x": _x("Date"), "x2": {"field": "x1"}},
    }
    dots = {
        "data": data,
        # A dot only where the event starts inside the window.
        "transform": [*_CLIP_TO_WINDOW, {"filter": "datum.x0 === toDate(datum.start)"}],
        "mark": {"type": "circle", "size": 70, "clip": True},
        "encoding": {**encoding, "x": {"field": "x0", "type": "temporal"}},
    }
    return [bars, dots], {"events": rows.to_dict("records")}


def weekly_counts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Dated events per week (from Monday) and type: [{start, event_type, n}, …], counted
    in numpy (pandas' weekly periods cost tens of ms at 100,000 events)."""
    start = frame["date_start"].to_numpy(dtype="datetime64[D]")
    dated = ~frame["undated"].to_numpy(dtype=bool) & ~np.isnat(start)  # a site: no start day
    number = start[dated].astype(np.int64)
    if not len(number):
        return []
    monday = number - (number + 3) % 7  # day 0 (1 Jan 1970) was a Thursday
    type_of, types = _type_codes(frame["event_type"], dated)
    # Counted in one bincount over (week, type) slots, in order of week, then type: no
    # sort of a million keys.
    width, first = max(len(types), 1), int(monday.min())
    n = np.bincount((monday - first) // 7 * width + type_of)
    keys = np.flatnonzero(n)
    weeks = (first + keys // width * 7).astype("datetime64[D]").astype(str)
    return [
        {"start": str(week), "event_type": str(types[key % width]), "n": int(n[key])}
        for week, key in zip(weeks, keys, strict=True)
    ]


def _type_codes(column: pd.Series, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(a code per chosen row, the type of each code): a categorical's own codes, or the
    types factorised."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()[rows].astype(np.int64), np.asarray(
            column.cat.categories, dtype=object
        )
    codes, types = pd.factorize(column.to_numpy()[rows])
    return codes, np.asarray(types, dtype=object)


def _weekly_layers(frame: pd.DataFrame) -> tuple[list, dict]:
    """Events counted per week and type, for layers too big to draw one by one."""
    # A week's bar stands at its Monday: it starts and ends there.
    counts = [{**row, "end": row["start"]} for row in weekly_counts(frame)]
    bars = {
        "name": BRUSH_VIEW,
        "data": {"name": "weeks"},
        "transform": _CLIP_TO_WINDOW,
        "mark": {"type": "bar", "clip": True},
        "encoding": {
            "x": _x("Week"),
            # Whole counts on the axis, even over a window with none ("0", not "0.000000").
            "y": {
                "field": "n",
                "type": "quantitative",
                "title": "Events",
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "color": {
                "field": "event_type",
                "type": "nominal",
                "scale": _COLOURS,
                # Short names beside the chart: at full length they left a phone 40 px of
                # chart (the tooltip names the type in full).
                "legend": {"title": None, "labelLimit": 90},
            },
            "tooltip": [
                {"field": "start", "type": "temporal"},
                {"field": "event_type", "type": "nominal"},
                {"field": "n", "type": "quantitative"},
            ],
        },
    }
    return [bars], {"weeks": counts}


def timeline_spec(
    frame: pd.DataFrame,
    domain: Domain,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
    types: list[str] | None = None,
) -> dict[str, Any]:
    """Events over time, coloured like the map; drag across it to pick a date range.

    `domain` (see `charts.timeline_domain`) is the x-axis, `date_range` the shaded band;
    both go into the data, so neither changes the spec. `types` are the y-axis names to
    split (pass every type the data has, so that a filter leaves the spec alone).
    """
    big = len(frame) > AGGREGATE_ABOVE
    types = sorted(frame["event_type"].unique()) if types is None else types
    layers, datasets = _weekly_layers(frame) if big else _event_layers(frame, types)
    brush = {"name": BRUSH, "select": {"type": "interval", "encodings": ["x"]}}
    return {
        "$schema": SCHEMA,
        "height": 180 if big else {"step": ROW_PX},
        "params": [{**brush, "views": [BRUSH_VIEW]}],
        "datasets": {**datasets, WINDOW: _window(domain), BAND: _band(date_range, domain)},
        "layer": [_WINDOW_LAYER, _BAND_LAYER, *layers],  # the band under the events
    }
