"""The timeline chart (Altair), coloured like the map."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import altair as alt
import pandas as pd

from geo.view.style import EVENT_TYPE_COLOURS, HOLLOW_STATUSES


def timeline_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated events and sites' periods with ISO start/end strings (Timestamps confuse Vega).

    A site's open end runs to the latest date the chart shows (an open start from the
    earliest), and its tooltip says it is open rather than inventing an end.
    """
    dated = frame[~frame["undated"]].copy()
    bounds = pd.concat([dated["period_start"], dated["period_end"]]).dropna()
    start, end = dated["period_start"], dated["period_end"]
    if len(bounds):  # an open end runs to the edge of what is shown
        start = start.fillna(pd.Timestamp(bounds.min()))
        end = end.fillna(pd.Timestamp(bounds.max()))
    dated["start"] = start.dt.strftime("%Y-%m-%d")
    # Vega draws a bar up to its end instant: add a day so a one-day event has width.
    dated["end"] = (end + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    dated["end_day"] = end.dt.strftime("%Y-%m-%d")
    dated["from_words"] = dated["start"].where(~dated["open_start"], "not stated")
    dated["to_words"] = dated["end_day"].where(~dated["open_end"], "open (no end stated)")
    cols = ["id", "title", "event_type", "status", "date_precision", "start", "end", "end_day"]
    return dated[[*cols, "from_words", "to_words"]]


# Above this many events the timeline counts events per week instead of drawing each.
AGGREGATE_ABOVE = 2000
BRUSH = "brush"  # the selection's name: app.py reads the dragged range under it


def _range_layer(date_range: tuple[dt.date | None, dt.date | None]) -> alt.Chart | None:
    """A shaded band behind the chart for the current date range."""
    start, end = date_range
    if start is None or end is None:
        return None
    band = pd.DataFrame({"start": [start.isoformat()], "end": [end.isoformat()]})
    return alt.Chart(band).mark_rect(color="#f0c419", opacity=0.18).encode(x="start:T", x2="end:T")


def _event_marks(frame: pd.DataFrame, colours: alt.Scale) -> tuple[alt.Chart, alt.Chart]:
    data = timeline_frame(frame)
    base = alt.Chart(data).encode(
        y=alt.Y("event_type:N", title=None),
        color=alt.Color("event_type:N", scale=colours, legend=None),
        opacity=alt.condition(
            alt.FieldOneOfPredicate("status", sorted(HOLLOW_STATUSES)),
            alt.value(0.35),
            alt.value(0.9),
        ),
        tooltip=[
            alt.Tooltip("title:N"),
            alt.Tooltip("from_words:N", title="from"),
            alt.Tooltip("to_words:N", title="to"),
            alt.Tooltip("date_precision:N"),
            alt.Tooltip("status:N"),
        ],
    )
    # The interval as a bar, and a dot at its start so one-day events stay visible.
    bars = base.mark_bar(size=12, cornerRadius=2).encode(
        x=alt.X("start:T", title="Date"), x2="end:T"
    )
    dots = base.mark_circle(size=70).encode(x="start:T")
    return bars, dots


def _weekly_counts(frame: pd.DataFrame, colours: alt.Scale) -> alt.Chart:
    dated = frame[~frame["undated"]]
    weeks = dated["date_start"].dt.to_period("W").dt.start_time.dt.strftime("%Y-%m-%d")
    counts = dated.groupby([weeks.rename("start"), "event_type"]).size().reset_index(name="n")
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("start:T", title="Week"),
            y=alt.Y("n:Q", title="Events"),
            color=alt.Color("event_type:N", scale=colours, title=None),
            tooltip=["start:T", "event_type:N", "n:Q"],
        )
    )


def timeline_chart(
    frame: pd.DataFrame, date_range: tuple[dt.date | None, dt.date | None] = (None, None)
) -> alt.LayerChart:
    """Events over time, coloured like the map; drag across it to pick a date range."""
    colours = alt.Scale(domain=list(EVENT_TYPE_COLOURS), range=list(EVENT_TYPE_COLOURS.values()))
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    if len(frame) > AGGREGATE_ABOVE:
        events: Any = _weekly_counts(frame, colours).add_params(brush)
        height: object = 180
    else:
        bars, dots = _event_marks(frame, colours)
        events = alt.layer(bars.add_params(brush), dots)
        height = alt.Step(26)
    band = _range_layer(date_range)
    chart = alt.layer(band, events) if band is not None else alt.layer(events)
    return cast(alt.LayerChart, chart.properties(height=height))
