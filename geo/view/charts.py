"""The timeline chart (Altair), coloured like the map."""

from __future__ import annotations

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


def timeline_chart(frame: pd.DataFrame) -> alt.Chart:
    """Bars from date_start to date_end, one row per event type, coloured like the map."""
    data = timeline_frame(frame)
    colours = alt.Scale(domain=list(EVENT_TYPE_COLOURS), range=list(EVENT_TYPE_COLOURS.values()))
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
    return (bars + dots).properties(height=alt.Step(26))
